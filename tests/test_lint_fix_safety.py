"""`nl lint --fix` deletes only exact repeats, never an edit saved meanwhile, and writes through links.

Issue 17 points 3, 4 and 16: every case runs the real `nl lint --fix` (or the function that
compares a file with the bytes that were checked before writing), on real files.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import pytest
from conftest import RunNl
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from reliability_summary import count

from newsletter_cli.draft import storage
from newsletter_cli.draft.workspace import load_workspace
from newsletter_cli.lint.engine import fix_paths, save_if_unchanged

P = "The autumn assembly takes place in Marlow on 14 November, and all members are welcome."
Q = "Volunteers removed more than two tonnes of waste from the banks of the Wend this summer."
LINKED = "Read [the survey report](https://example.org/{}) before the autumn assembly in Marlow."


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    (tmp_path / "newsletter.toml").write_text(
        'name = "Test"\n\n[lint]\nselect = ["duplicate-paragraph"]\n', encoding="utf-8"
    )
    (tmp_path / "issues").mkdir()
    return tmp_path


def draft(intro: str) -> str:
    return f'title = "T"\n# a comment of the author\nintro = """\n{intro}\n"""\n'


# -- point 3: only the repeated lines themselves --------------------------------------

NOT_EXACT = [
    pytest.param(f"{P}\n\n{P}\n[ref]: https://example.org/report", id="link-definition-after"),
    pytest.param(f"{P}\n\n{P}\n{{% include footer.html %}}", id="template-include"),
    pytest.param(f"{P}\n\n{P}\n<!-- keep the footer below -->", id="html-comment"),
    pytest.param(f"{P}\n\n{P}\n```", id="code-fence"),
    pytest.param(f"{P}\n\n{P}\n=====", id="setext-underline"),
    pytest.param(f"{P}\n\n> {P}", id="blockquote"),
    pytest.param(f"{LINKED.format('2025')}\n\n{LINKED.format('2026')}", id="link-elsewhere"),
]


@pytest.mark.parametrize("intro", NOT_EXACT)
def test_fix_leaves_a_repeat_that_is_not_exact(run_nl: RunNl, ws: Path, intro: str) -> None:
    path = ws / "issues" / "a.toml"
    path.write_text(draft(intro), encoding="utf-8")
    before = path.read_bytes()
    result = run_nl("lint", "--fix", "--format", "json", cwd=ws)
    assert result.exit_code == 1, result.output  # still reported ...
    assert '"duplicate-paragraph"' in result.stdout
    assert '"fixable": false' in result.stdout
    assert '"not_fixed"' in result.stdout
    assert "issues/a.toml:6:1: duplicate-paragraph not fixed: the copy " in result.stderr
    assert path.read_bytes() == before  # ... and not touched
    count("lint --fix drafts checked")
    assert "Traceback" not in result.output


def test_fix_deletes_an_exact_repeat(run_nl: RunNl, ws: Path) -> None:
    path = ws / "issues" / "a.toml"
    path.write_text(draft(f"{P}\n\n{Q}\n\n{P}\n\n{Q}"), encoding="utf-8")
    result = run_nl("lint", "--fix", cwd=ws)
    assert result.exit_code == 0, result.output
    assert path.read_text(encoding="utf-8") == draft(f"{P}\n\n{Q}")


def blocks(text: str) -> list[str]:
    """The paragraphs of a text: runs of lines between blank lines."""
    out: list[str] = []
    current: list[str] = []
    for line in [*text.split("\n"), ""]:
        if line.strip():
            current.append(line)
        elif current:
            out.append("\n".join(current))
            current = []
    return out


def is_subsequence(small: list[str], big: list[str]) -> bool:
    rest = iter(big)
    return all(any(item == other for other in rest) for item in small)


LINES = st.sampled_from(
    [
        P,
        Q,
        f"> {P}",
        LINKED.format("a"),
        LINKED.format("b"),
        "[ref]: https://example.org/ref",
        "{% include notice.html %}",
        "<!-- note -->",
        "```",
        "====",
        "  " + P,
        "Dear friends,",
    ]
)
#: Paragraphs of one or two lines, so that a repeat often carries a line of another kind.
PARAGRAPHS = st.lists(st.lists(LINES, min_size=1, max_size=2), min_size=2, max_size=7)


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(paragraphs=PARAGRAPHS)
@example(paragraphs=[[P], [P, "[ref]: https://example.org/ref"]])
@example(paragraphs=[[P, Q], [Q], [P, Q]])
def test_fix_removes_nothing_but_exact_repeats(tmp_path: Path, paragraphs: list[list[str]]) -> None:
    """After --fix every paragraph of the original is still there in order, except exact
    repeats of a paragraph whose first copy is kept intact."""
    root = Path(tempfile.mkdtemp(dir=tmp_path))
    (root / "issues").mkdir(parents=True)
    (root / "newsletter.toml").write_text(
        'name = "T"\n[lint]\nselect = ["duplicate-paragraph"]\n', encoding="utf-8"
    )
    intro = "\n\n".join("\n".join(lines) for lines in paragraphs)
    path = root / "issues" / "a.toml"
    path.write_text(draft(intro), encoding="utf-8")
    cwd = os.getcwd()
    os.chdir(root)
    try:
        fix_paths([path], load_workspace(root), archive=False)
    finally:
        os.chdir(cwd)
    after = storage.load(path).intro
    before_blocks, after_blocks = blocks(intro), blocks(after)
    assert is_subsequence(after_blocks, before_blocks)
    removed = Counter(before_blocks) - Counter(after_blocks)
    for block in removed:
        assert block in after_blocks, f"deleted a paragraph that is not a repeat: {block!r}"
        assert all(line.strip() for line in block.split("\n"))
    assert "a comment of the author" in path.read_text(encoding="utf-8")
    count("lint --fix drafts checked")


# -- point 4: an edit saved while --fix runs is never overwritten ---------------------


def test_save_if_unchanged_writes_only_over_the_checked_bytes(ws: Path) -> None:
    path = ws / "issues" / "a.toml"
    path.write_text(draft(f"{P}\n\n{P}"), encoding="utf-8")
    loaded, data = storage.load_with_bytes(path)
    fixed = storage.from_data({"title": "T", "intro": f"{P}\n"}, loaded.source, path)
    edited = draft(f"{P}\n\n{P}\n\nA sentence added in the editor.")
    path.write_text(edited, encoding="utf-8")
    assert save_if_unchanged(path, data, fixed) is False
    assert path.read_text(encoding="utf-8") == edited  # the edit is kept

    path.unlink()
    assert save_if_unchanged(path, data, fixed) is False
    assert not path.exists()  # a vanished draft is not brought back

    path.write_bytes(data)
    assert save_if_unchanged(path, data, fixed) is True
    assert storage.load(path).intro == f"{P}\n"
    assert "a comment of the author" in path.read_text(encoding="utf-8")


def test_fix_over_many_drafts_keeps_an_edit_and_survives_a_removal(ws: Path) -> None:
    """A real `nl lint --fix` over 400 drafts; meanwhile one draft is edited and one removed.

    Whenever the edit lands (before the draft is read, or between read and write), it must
    survive; the removed draft must not stop the others from being fixed."""
    issues = ws / "issues"
    for n in range(400):
        body = f"Issue {n}: {P}\n\n{Q}\n\nIssue {n}: {P}"
        (issues / f"d{n:03}.toml").write_text(draft(body), encoding="utf-8")
    edited, removed = issues / "d399.toml", issues / "d398.toml"
    marker = "An edit saved by the author while the fix was running."
    env = {**os.environ, "NO_COLOR": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "newsletter_cli", "lint", "--fix", "--no-archive"],
        cwd=ws,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    time.sleep(1.5)  # about when the drafts are being read and checked
    edited.write_text(draft(f"{marker}\n\n{P}\n\n{P}"), encoding="utf-8")
    removed.unlink()
    out, err = process.communicate(timeout=300)
    assert process.returncode in (0, 1), err
    assert "Traceback" not in out + err
    assert marker in edited.read_text(encoding="utf-8")
    assert not removed.exists()
    for n in (0, 200, 397):
        fixed = storage.load(issues / f"d{n:03}.toml").intro
        assert fixed == f"Issue {n}: {P}\n\n{Q}\n"


# -- point 16: symbolic links and inline sections ------------------------------------


def test_fix_writes_through_a_symbolic_link(run_nl: RunNl, ws: Path) -> None:
    target = ws / "shared-draft.toml"
    target.write_text(draft(f"{P}\n\n{P}"), encoding="utf-8")
    link = ws / "issues" / "a.toml"
    link.symlink_to(os.path.join("..", "shared-draft.toml"))
    result = run_nl("lint", "--fix", cwd=ws)
    assert result.exit_code == 0, result.output
    assert link.is_symlink()
    assert os.readlink(link) == os.path.join("..", "shared-draft.toml")
    assert target.read_text(encoding="utf-8") == draft(P)
    assert not [p for p in (ws / "issues").iterdir() if p.name != "a.toml"]


def test_fix_refuses_inline_sections_rather_than_drop_comments(run_nl: RunNl, ws: Path) -> None:
    path = ws / "issues" / "a.toml"
    text = (
        'title = "T"\nsections = [\n  # the first section, kept as it is\n'
        f'  {{heading = "News", body = """\n{P}\n\n{P}\n"""}},\n]\n'
    )
    path.write_text(text, encoding="utf-8")
    result = run_nl("lint", "--fix", cwd=ws)
    assert result.exit_code == 1, result.output
    assert "issues/a.toml: its sections are an inline array" in result.stderr
    assert "not fixed" in result.stderr
    assert path.read_text(encoding="utf-8") == text


@pytest.mark.parametrize(
    ("prefix", "newline"),
    [pytest.param(b"\xef\xbb\xbf", "\n", id="utf8-bom"), pytest.param(b"", "\r\n", id="crlf")],
)
def test_fix_keeps_comments_of_a_bom_or_crlf_draft(
    run_nl: RunNl, ws: Path, prefix: bytes, newline: str
) -> None:
    path = ws / "issues" / "a.toml"
    path.write_bytes(prefix + draft(f"{P}\n\n{P}").replace("\n", newline).encode())
    result = run_nl("lint", "--fix", cwd=ws)
    assert result.exit_code == 0, result.output
    text = path.read_bytes().decode("utf-8").removeprefix("\ufeff")
    assert text == draft(P).replace("\n", newline)
