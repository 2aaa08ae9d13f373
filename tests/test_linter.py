"""The lint engine: settings, severities, lint_ignore, unusable files, exit codes, fixes, cache."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import settings as settings_hypothesis
from hypothesis import strategies as st

from newsletter_cli import cachefile
from newsletter_cli.draft import storage
from newsletter_cli.draft.workspace import load_workspace
from newsletter_cli.errors import ExitCode, UsageError, WorkspaceError
from newsletter_cli.lint import engine, workers
from newsletter_cli.lint.archive_index import CACHE_FILE, CACHE_VERSION
from newsletter_cli.lint.cache import RESULTS_FILE
from newsletter_cli.lint.engine import LintReport, fix_paths, lint_draft, lint_paths
from newsletter_cli.lint.findings import Severity

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "lint"
A = "The autumn assembly takes place in Marlow on 14 November, and all members are welcome."
B = "Volunteers removed more than two tonnes of waste from the banks of the Wend this summer."
D = "Nitrate levels were higher than expected downstream of arable land in every round."
C = "The full survey report will be published in October, with a map of every sampling site."


#: The engine is tested with the duplicate rules only: the other rules have their own tests.
OURS = '["duplicate-paragraph", "near-duplicate-paragraph", "archive-duplicate"]'


@pytest.fixture
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "issues").mkdir()
    settings(tmp_path, "")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def settings(root: Path, text: str) -> None:
    """newsletter.toml with ``text``; ``[lint] select`` is the duplicate rules unless it says."""
    if "select" not in text:
        text = f"[lint]\nselect = {OURS}\n" + text.removeprefix("[lint]\n")
    (root / "newsletter.toml").write_text('name = "Test"\n' + text, encoding="utf-8")


def write(root: Path, name: str, text: str) -> Path:
    path = root / "issues" / name
    path.write_text(text, encoding="utf-8")
    return path


def twice(*paragraphs: str) -> str:
    body = "\n\n".join(paragraphs)
    return f'title = "T"\nintro = """\n{body}\n\n{body}\n"""\n'


# -- settings -------------------------------------------------------------------


def test_every_settings_mistake_is_reported_at_once_with_its_key(ws: Path) -> None:
    settings(
        ws,
        "[lint]\n"  # line 2
        'select = ["duplicate-paragrph"]\n'  # 3
        'boilerplate = ["(unclosed"]\n'  # 4
        "[lint.rules.duplicate-paragraph]\n"  # 5
        'severity = "loud"\n'  # 6
        "min_wrds = 3\n"  # 7
        "[lint.rules.near-duplicate-paragraph]\n"  # 8
        'threshold = "high"\n'  # 9
        "[lint.rules.no-such-rule]\n"  # 10
        "x = 1\n",
    )
    with pytest.raises(WorkspaceError) as caught:
        lint_paths([Path("issues")], load_workspace(ws))
    lines = caught.value.lines()
    assert lines == [
        "newsletter.toml:3:11: lint.select: unknown rule id 'duplicate-paragrph'; "
        "did you mean duplicate-paragraph?",
        "newsletter.toml:4:16: lint.boilerplate: '(unclosed' is not a regular expression: "
        "missing ), unterminated subpattern at position 0",
        "newsletter.toml:6:1: lint.rules.duplicate-paragraph.severity: "
        "must be error, warning or off, not 'loud'",
        "newsletter.toml:7:1: lint.rules.duplicate-paragraph.min_wrds: "
        "unknown option of duplicate-paragraph; did you mean min_words?",
        "newsletter.toml:9:1: lint.rules.near-duplicate-paragraph.threshold: "
        "expected a number, got 'high'",
        "newsletter.toml:10:1: lint.rules: unknown rule id 'no-such-rule'; `nl rules` lists them",
    ]
    assert caught.value.exit_code == ExitCode.UNUSABLE


def test_option_out_of_range(ws: Path) -> None:
    settings(ws, "[lint.rules.near-duplicate-paragraph]\nthreshold = 1.5\n")
    with pytest.raises(WorkspaceError) as caught:
        lint_paths([Path("issues")], load_workspace(ws))
    assert caught.value.lines() == [
        "newsletter.toml:4:1: lint.rules.near-duplicate-paragraph: "
        "threshold must be more than 0 and at most 1"
    ]


def test_unknown_rule_on_the_command_line_is_a_usage_error(ws: Path) -> None:
    with pytest.raises(UsageError, match="--ignore: unknown rule id 'dupe'"):
        lint_paths([Path("issues")], load_workspace(ws), ignore=["dupe"])


def test_configured_severity_and_off(ws: Path) -> None:
    write(ws, "a.toml", twice(A))
    settings(ws, '[lint.rules.duplicate-paragraph]\nseverity = "warning"\n')
    report = lint_paths([Path("issues")], load_workspace(ws))
    assert [(f.rule, f.severity) for f in report.findings] == [
        ("duplicate-paragraph", Severity.WARNING)
    ]
    assert report.exit_code() == ExitCode.OK
    assert report.exit_code(strict=True) == ExitCode.PROBLEMS
    settings(ws, '[lint.rules.duplicate-paragraph]\nseverity = "off"\n')
    assert lint_paths([Path("issues")], load_workspace(ws)).findings == []
    settings(ws, '[lint]\nignore = ["duplicate-paragraph"]\n')
    assert lint_paths([Path("issues")], load_workspace(ws)).findings == []
    settings(ws, '[lint]\nselect = ["near-duplicate-paragraph"]\n')  # replaces the default
    assert lint_paths([Path("issues")], load_workspace(ws)).findings == []
    # --select on the command line replaces select of [lint]
    chosen = lint_paths([Path("issues")], load_workspace(ws), select=["duplicate-paragraph"])
    assert [f.rule for f in chosen.findings] == ["duplicate-paragraph"]


def test_lint_ignore_drops_findings_of_that_section_only(ws: Path) -> None:
    text = (
        'title = "T"\n\n[[sections]]\nheading = "One"\nbody = """\n'
        f'{A}\n\n{A}\n"""\n\n'
        '[[sections]]\nheading = "Two"\nlint_ignore = ["duplicate-paragraph"]\nbody = """\n'
        f'{B}\n\n{B}\n"""\n'
    )
    write(ws, "a.toml", text)
    report = lint_paths([Path("issues")], load_workspace(ws))
    assert [(f.location.line, f.rule) for f in report.findings] == [(8, "duplicate-paragraph")]


def test_unknown_rule_in_lint_ignore_is_named(ws: Path) -> None:
    write(ws, "a.toml", 'title = "T"\n[[sections]]\nheading = "H"\nlint_ignore = ["dupes"]\n')
    report = lint_paths([Path("issues")], load_workspace(ws))
    assert [str(p) for p in report.problems] == [
        "issues/a.toml:4:16: sections.0.lint_ignore: unknown rule id 'dupes'; `nl rules` lists them"
    ]
    assert report.exit_code() == ExitCode.UNUSABLE


# -- unusable files and exit codes ---------------------------------------------


def test_unusable_files_are_reported_and_the_others_still_linted(ws: Path) -> None:
    write(ws, "a-broken.toml", 'title = "T"\nintro = """\nnever closed\n')
    write(ws, "b-good.toml", twice(A))
    write(ws, "c-empty.toml", "")
    report = lint_paths([Path("issues"), Path("missing.toml")], load_workspace(ws))
    assert report.files == 1
    assert [(p.path, p.line) for p in report.problems] == [
        ("issues/a-broken.toml", 2),
        ("issues/c-empty.toml", 1),
        ("missing.toml", 1),
    ]
    assert [f.location.path for f in report.findings] == ["issues/b-good.toml"]
    assert report.exit_code() == ExitCode.UNUSABLE


def test_exit_codes(ws: Path) -> None:
    write(ws, "a.toml", f'title = "T"\nintro = """\n{A}\n\n{B}\n"""\n')
    report = lint_paths([Path("issues")], load_workspace(ws))
    assert (report.files, report.errors, report.warnings) == (1, 0, 0)
    assert report.exit_code() == ExitCode.OK
    write(ws, "b.toml", twice(A))
    report = lint_paths([Path("issues")], load_workspace(ws))
    # b.toml repeats A (an error) and A already appeared in a.toml, the earlier file (a warning)
    assert (report.files, report.errors, report.warnings) == (2, 1, 1)
    assert report.exit_code() == ExitCode.PROBLEMS


def test_findings_are_sorted_by_file_and_line(ws: Path) -> None:
    write(ws, "b.toml", twice(A))
    write(ws, "a.toml", f'title = "T"\nintro = """\n{B}\n\n{C}\n\n{B}\n\n{C}\n\n{A}\n\n{A}\n"""\n')
    report = lint_paths([Path("issues")], load_workspace(ws), archive=False)
    assert [(f.location.path, f.location.line) for f in report.findings] == [
        ("issues/a.toml", 7),
        ("issues/a.toml", 13),
        ("issues/b.toml", 5),
    ]


def test_lint_draft_checks_a_draft_in_memory(ws: Path) -> None:
    draft = storage.load(write(ws, "a.toml", twice(A, B)))
    (finding,) = lint_draft(draft, load_workspace(ws))
    assert (finding.rule, finding.location.line) == ("duplicate-paragraph", 7)


# -- fixes ----------------------------------------------------------------------


def test_a_repeated_block_is_one_finding_and_fix_keeps_one_copy_and_comments(ws: Path) -> None:
    path = ws / "issues" / "repeated-block.toml"
    shutil.copy(FIXTURES / "repeated-block.toml", path)
    workspace = load_workspace(ws)
    report = lint_paths([path], workspace)
    (finding,) = report.findings
    assert (finding.location.line, finding.location.column) == (30, 1)
    assert finding.message == "paragraphs 11-20 repeat paragraphs 1-10 (from line 10)"
    assert finding.data["pairs"] == [[11 + i, 1 + i] for i in range(10)]

    before = path.read_text(encoding="utf-8")
    result = fix_paths([path], workspace)
    assert result.fixed == 1
    after = path.read_text(encoding="utf-8")
    assert after.count("The summer was long and dry") == 1
    assert after.count("Thank you to everyone who gave an evening") == 1
    for comment in (
        "# A draft whose body",
        "# the publication",
        "# the body below was pasted twice",
    ):
        assert comment in before and comment in after
    fixed = storage.load(path)
    assert len(list(fixed.paragraphs())) == 11
    assert fixed.sections[1].body == storage.load(FIXTURES / "repeated-block.toml").sections[1].body
    assert lint_paths([path], workspace).findings == []


def test_diff_shows_the_fix_and_writes_nothing(ws: Path) -> None:
    path = write(ws, "a.toml", twice(A, B))
    before = path.read_text(encoding="utf-8")
    result = fix_paths([Path("issues")], load_workspace(ws), write=False)
    assert path.read_text(encoding="utf-8") == before
    diff = result.diff()
    assert diff.startswith("--- a/issues/a.toml\n+++ b/issues/a.toml\n")
    assert diff.count(f"-{A}\n") == 1 and diff.count(f"-{B}\n") == 1
    assert f"+{A}" not in diff


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(f"{A}\n\n{B}\n\n{A}\n\n{C}", f"{A}\n\n{B}\n\n{C}", id="middle"),
        pytest.param(f"{A}\n\n{B}\n\n{A}", f"{A}\n\n{B}", id="last"),
        pytest.param(
            f"{A}\n\n{B}\n\n{B}\n\n{A}", f"{A}\n\n{B}", id="adjacent-runs-need-two-passes"
        ),
        pytest.param(f"{A}\n\n\n\n{A}\n\n\n{C}", f"{A}\n\n\n\n{C}", id="extra-blank-lines"),
    ],
)
def test_fix_removes_the_repeat_and_its_blank_lines(ws: Path, body: str, expected: str) -> None:
    path = write(ws, "a.toml", f'title = "T"\nintro = """\n{body}\n"""\n')
    fix_paths([path], load_workspace(ws))
    assert storage.load(path).intro == expected + "\n"
    assert lint_paths([path], load_workspace(ws)).findings == []


def test_fix_across_sections(ws: Path) -> None:
    text = (
        f'title = "T"\n\n[[sections]]\nheading = "One"\nbody = """\n{A}\n\n{B}\n"""\n\n'
        f'[[sections]]\nheading = "Two"\nbody = """\n{C}\n\n{A}\n"""\n\n'
        f'[[sections]]\nheading = "Three"\nbody = """\n{B}\n\n{D}\n"""\n'
    )
    path = write(ws, "a.toml", text)
    (finding,) = lint_paths([path], load_workspace(ws)).findings
    assert finding.message == "paragraphs 4-5 repeat paragraphs 1-2 (from line 6)"
    assert len(finding.fixes) == 2
    fix_paths([path], load_workspace(ws))
    fixed = storage.load(path)
    assert [s.body for s in fixed.sections] == [f"{A}\n\n{B}\n", f"{C}\n", f"{D}\n"]


# -- the archive cache ------------------------------------------------------------


def test_archive_index_is_cached_by_content(ws: Path) -> None:
    write(ws, "2026-09.toml", f'title = "T"\ndate = 2026-09-01\nintro = """\n{A}\n"""\n')
    write(ws, "2026-10.toml", f'title = "T"\ndate = 2026-10-01\nintro = """\n{A}\n"""\n')
    first = lint_paths([Path("issues/2026-10.toml")], load_workspace(ws))
    assert [f.rule for f in first.findings] == ["archive-duplicate"]
    cache = ws / ".nl-cache" / CACHE_FILE
    entries = cachefile.read_entries(cache, CACHE_VERSION)
    assert len(entries) == 2
    for entry in entries.values():
        entry["paragraphs"] = []
    # an entry edited by hand no longer matches its checksum: it is rebuilt
    raw = json.loads(cache.read_text(encoding="utf-8"))
    for key, entry in entries.items():
        raw["entries"][key][1] = entry
    cache.write_text(json.dumps(raw), encoding="utf-8")
    (ws / ".nl-cache" / RESULTS_FILE).unlink()  # not the lint results: the index is tested here
    rebuilt = lint_paths([Path("issues/2026-10.toml")], load_workspace(ws))
    assert [f.rule for f in rebuilt.findings] == ["archive-duplicate"]
    # the cache is what the next run reads: an entry written with its checksum is trusted
    cachefile.write_entries(cache, CACHE_VERSION, entries)
    (ws / ".nl-cache" / RESULTS_FILE).unlink()
    second = lint_paths([Path("issues/2026-10.toml")], load_workspace(ws))
    # the draft being linted is read afresh; the September issue only through the cache
    assert second.findings == []
    # a damaged cache is ignored and rewritten
    cache.write_text("{not json", encoding="utf-8")
    (ws / ".nl-cache" / RESULTS_FILE).unlink()
    third = lint_paths([Path("issues/2026-10.toml")], load_workspace(ws))
    assert [f.rule for f in third.findings] == ["archive-duplicate"]
    assert len(json.loads(cache.read_text(encoding="utf-8"))["entries"]) == 2


def test_no_cache_outside_a_workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.toml").write_text(twice(A), encoding="utf-8")
    report = lint_paths([Path("a.toml")], load_workspace(tmp_path), select=["duplicate-paragraph"])
    assert [f.rule for f in report.findings] == ["duplicate-paragraph"]
    assert not (tmp_path / ".nl-cache").exists()


def test_results_are_cached_per_draft_and_invalidated_by_what_they_depend_on(ws: Path) -> None:
    september = write(
        ws, "2026-09.toml", f'title = "T"\ndate = 2026-09-01\nintro = """\n{B}\n"""\n'
    )
    october = write(
        ws, "2026-10.toml", f'title = "T"\ndate = 2026-10-01\nintro = """\n{A}\n\n{A}\n"""\n'
    )

    def rules() -> list[str]:
        return [f.rule for f in lint_paths([Path("issues")], load_workspace(ws)).findings]

    assert rules() == ["duplicate-paragraph"]
    results = ws / ".nl-cache" / RESULTS_FILE
    saved = cachefile.read_entries(results, 1)
    # two drafts, each with a key for its own rules and one for the archive rule
    assert len(saved) == 4
    # the next run takes the findings from the cache without reading the draft again:
    # an entry written with its checksum shows through
    for entry in saved.values():
        for finding in entry["findings"]:
            finding["message"] = "from the cache"
    cachefile.write_entries(results, 1, saved)
    again = lint_paths([Path("issues")], load_workspace(ws)).findings
    assert [f.message for f in again] == ["from the cache"]
    # a changed draft is checked again
    october.write_text(october.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert [f.message for f in lint_paths([Path("issues")], load_workspace(ws)).findings] == [
        "paragraph 2 repeats paragraph 1 (line 4)"
    ]
    # another draft of the archive changed: the archive findings are worked out again
    september.write_text(
        f'title = "T"\ndate = 2026-09-01\nintro = """\n{A}\n"""\n', encoding="utf-8"
    )
    assert rules() == ["archive-duplicate", "duplicate-paragraph"]
    # so are they when the settings change
    settings(ws, "[lint.rules.duplicate-paragraph]\nmin_words = 16\n")
    assert rules() == ["archive-duplicate"]


POOL = [A, B, C, D, "Dear friends,", "Thank you!"]


@settings_hypothesis(max_examples=60, deadline=None)
@given(
    sections=st.lists(
        st.lists(st.sampled_from(POOL), min_size=1, max_size=6), min_size=1, max_size=3
    )
)
def test_fix_keeps_every_text_once_and_leaves_no_repeat(
    tmp_path_factory: pytest.TempPathFactory, sections: list[list[str]]
) -> None:
    root = tmp_path_factory.mktemp("fix")
    (root / "newsletter.toml").write_text(
        f'name = "T"\n[lint]\nselect = {OURS}\n', encoding="utf-8"
    )
    text = 'title = "T"\n' + "".join(
        f'\n[[sections]]\nheading = "S{n}"\nbody = """\n' + "\n\n".join(body) + '\n"""\n'
        for n, body in enumerate(sections)
    )
    path = root / "draft.toml"
    path.write_text(text, encoding="utf-8")
    workspace = load_workspace(root)
    fix_paths([path], workspace, archive=False)
    fixed = storage.load(path)
    after = [p.text for p in fixed.paragraphs()]
    before = [p for body in sections for p in body]
    long = [p for p in dict.fromkeys(before) if p in (A, B, C, D)]
    # every long paragraph is still there exactly once, in the order of its first copy
    assert [p for p in after if p in (A, B, C, D)] == long
    # nothing that was there disappeared entirely, nothing new appeared
    assert set(after) == set(before)
    report = lint_paths([path], workspace, select=["duplicate-paragraph"], archive=False)
    assert report.findings == []


def test_lint_draft_follows_changes_of_the_archive(ws: Path) -> None:
    september = write(
        ws, "2026-09.toml", f'title = "T"\ndate = 2026-09-01\nintro = """\n{A}\n"""\n'
    )
    draft = storage.load(
        write(ws, "2026-10.toml", f'title = "T"\ndate = 2026-10-01\nintro = """\n{A}\n"""\n')
    )
    workspace = load_workspace(ws)
    assert [f.rule for f in lint_draft(draft, workspace)] == ["archive-duplicate"]
    assert [f.rule for f in lint_draft(draft, workspace)] == ["archive-duplicate"]
    september.write_text(
        f'title = "T"\ndate = 2026-09-01\nintro = """\n{B}\n"""\n', encoding="utf-8"
    )
    assert lint_draft(draft, workspace) == []


def test_worker_processes_give_the_same_report(ws: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pool = [A, B, C, D]
    for n in range(24):
        first, second = pool[n % 4], pool[(n + 1) % 4]
        body = f"{first}\n\n{second}\n\n{first}" if n % 3 == 0 else f"{first}\n\nIssue {n}."
        write(ws, f"{n:02}.toml", f'title = "T"\nnumber = {n + 1}\nintro = """\n{body}\n"""\n')
    write(ws, "broken.toml", 'title = "T"\ndate = 2026-02-30\n')
    settings(ws, "[lint.rules.archive-duplicate]\nboilerplate_issues = 30\n")

    real = workers.check_in_workers
    worked: list[bool] = []

    def watched(*args: Any) -> Any:  # the real function; notes whether the workers delivered
        outcome = real(*args)
        worked.append(outcome is not None)
        return outcome

    monkeypatch.setattr(workers, "check_in_workers", watched)

    def run(processes: int) -> LintReport:
        monkeypatch.setattr(engine, "PARALLEL_MIN", 2)
        monkeypatch.setattr(workers, "workers_wanted", lambda count: processes)
        shutil.rmtree(ws / ".nl-cache", ignore_errors=True)
        return lint_paths([Path("issues")], load_workspace(ws))

    alone, shared = run(1), run(3)
    assert worked == [True]  # three workers really did the second run
    assert (alone.files, shared.files) == (24, 24)
    assert {f.rule for f in alone.findings} == {"duplicate-paragraph", "archive-duplicate"}
    assert [f.to_json() for f in shared.findings] == [f.to_json() for f in alone.findings]
    assert shared.problems == alone.problems and len(alone.problems) == 1


def test_workers_parse_the_bytes_the_run_hashed(ws: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker parses each draft from the bytes the engine read to work out its cache key,
    never reading the file again: the findings and their key come from the same bytes."""
    for n in range(12):
        write(ws, f"{n:02}.toml", f'title = "T"\nnumber = {n + 1}\nintro = """\n{A}\n\n{A}\n"""\n')

    def read_again(path: Path) -> Any:
        raise AssertionError(f"{path} read a second time")

    real = workers.check_in_workers
    worked: list[bool] = []

    def watched(*args: Any) -> Any:
        outcome = real(*args)
        worked.append(outcome is not None)
        return outcome

    monkeypatch.setattr(storage, "load", read_again)  # forked workers inherit it
    monkeypatch.setattr(workers, "check_in_workers", watched)
    monkeypatch.setattr(engine, "PARALLEL_MIN", 2)
    monkeypatch.setattr(workers, "workers_wanted", lambda count: 2)
    report = lint_paths([Path("issues")], load_workspace(ws))
    assert worked == [True]  # no worker died reading a file again
    assert report.files == 12
    assert len([f for f in report.findings if f.rule == "duplicate-paragraph"]) == 12
