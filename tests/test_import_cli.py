"""`nl import` as a person runs it: exit codes, the summary, no overwrites, Ctrl-C."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

from conftest import RunNl

from newsletter_cli.draft import storage

FIXTURES = Path(__file__).parent / "fixtures" / "import"


def load_every_draft(folder: Path) -> list[str]:
    """Run the real loader on every written draft; return the file names."""
    names = []
    for path in sorted(folder.glob("*.toml")):
        storage.load(path)
        names.append(path.name)
    return names


def test_import_all_styles_into_the_workspace(run_nl: RunNl, workspace_dir: Path) -> None:
    sources = [FIXTURES / d for d in ("jekyll", "hugo", "pelican", "bare", "text")]
    result = run_nl("import", *sources, cwd=workspace_dir)
    assert result.exit_code == 0, result.output
    assert load_every_draft(workspace_dir / "issues") == [
        "2016-05-20-issue-2.toml",
        "2016-05-20-issue.toml",
        "2019-06-01-june-2019.toml",
        "2019-06-05-newsletter.toml",
        "2020-03-01-spring-issue.toml",
        "2020-10-01-autumn.toml",
        "2025-03-03-pdf-letter.toml",
    ]
    assert "Import summary" in result.stderr
    # not a terminal: plain columns of whole values, two spaces or more between them
    cells = [re.split(r" {2,}", line) for line in result.stderr.splitlines()]
    lines = {row[0]: row for row in cells if len(row) > 1}
    assert lines["files read"][1] == "7"
    assert lines["drafts written"][1] == "7"
    assert lines["guessed: date from file name"][1] == "2"
    assert "needs a look: template tags kept" in result.stderr
    # the files column counts files, not the front matter keys left out of them
    kept = lines["front matter not kept"]
    assert kept[1] == "2" and "layout (1)" in kept[2]


def test_failures_are_reported_and_skipped_exit_3(run_nl: RunNl, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_nl("import", FIXTURES / "mixed", "-o", out, cwd=tmp_path)
    assert result.exit_code == 3
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 2
    assert errors[0].endswith(
        "2021-02-10-broken.md:2:8: front matter is not valid YAML: while scanning a quoted "
        "scalar: found unexpected end of stream"
    )
    assert "2021-03-10-latin1.txt:3:4: not UTF-8 text (byte 0xE9)" in errors[1]
    assert load_every_draft(out) == ["2020-12-10-plain.toml", "2021-01-10-letter.toml"]
    assert "Traceback" not in result.output


def test_existing_drafts_need_force(run_nl: RunNl, tmp_path: Path) -> None:
    out = tmp_path / "out"
    source = FIXTURES / "pelican" / "issue.md"
    assert run_nl("import", source, "-o", out, cwd=tmp_path).exit_code == 0
    target = out / "2016-05-20-issue.toml"
    target.write_text("# kept\n" + target.read_text(encoding="utf-8"), encoding="utf-8")
    before = target.read_text(encoding="utf-8")

    again = run_nl("import", source, "-o", out, cwd=tmp_path)
    assert again.exit_code == 1
    assert "exists, not overwritten (--force replaces it)" in again.stderr
    assert target.read_text(encoding="utf-8") == before

    forced = run_nl("import", source, "-o", out, "--force", cwd=tmp_path)
    assert forced.exit_code == 0
    assert storage.load(target).title == "Friends of the Forest, issue 3"
    # storage.save keeps the comments of the file it replaces
    assert target.read_text(encoding="utf-8").startswith("# kept\n")


def test_a_broken_link_is_an_existing_draft_not_written_through(
    run_nl: RunNl, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    link = out / "2016-05-20-issue.toml"
    link.symlink_to(elsewhere / "planted.toml")  # points at nothing yet
    source = FIXTURES / "pelican" / "issue.md"

    result = run_nl("import", source, "-o", out, cwd=tmp_path)
    assert result.exit_code == 1
    assert "exists, not overwritten (--force replaces it)" in result.stderr
    assert "Traceback" not in result.output
    assert link.is_symlink()
    assert not (elsewhere / "planted.toml").exists()


def test_missing_source_and_bad_format_option(run_nl: RunNl, tmp_path: Path) -> None:
    missing = run_nl("import", tmp_path / "nope", "-o", tmp_path / "out", cwd=tmp_path)
    assert missing.exit_code == 3
    assert "nope: no such file or folder" in missing.stderr
    assert not (tmp_path / "out").exists()  # nothing imported, no folder made
    usage = run_nl("import", FIXTURES / "bare", "--from", "html", cwd=tmp_path)
    assert usage.exit_code == 2
    assert "--from" in usage.stderr


def test_an_output_that_is_a_file_is_a_usage_error(run_nl: RunNl, tmp_path: Path) -> None:
    taken = tmp_path / "issues.md"
    taken.write_text("# not a folder\n", encoding="utf-8")
    result = run_nl("import", FIXTURES / "bare", "-o", taken, cwd=tmp_path)
    assert result.exit_code == 2, result.output
    assert "issues.md: is a file, not a folder" in result.stderr
    assert "Traceback" not in result.output
    assert taken.read_text(encoding="utf-8") == "# not a folder\n"


def test_from_text_reads_markdown_as_text(run_nl: RunNl, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_nl("import", FIXTURES / "bare", "--from", "text", "-o", out, cwd=tmp_path)
    assert result.exit_code == 0
    assert storage.load(out / "2016-05-20-issue-2.toml").title == "# Garden club letter"


def test_ctrl_c_leaves_no_half_written_file_and_exits_130(tmp_path: Path) -> None:
    source = tmp_path / "archive"
    source.mkdir()
    body = "\n\n".join(
        f"Paragraph {i} of a long enough letter, with some words." for i in range(40)
    )
    for i in range(1500):
        day = f"20{10 + i // 365:02d}-{1 + i % 12:02d}-{1 + i % 28:02d}"
        (source / f"{day}-letter-{i}.md").write_text(
            f"---\ntitle: Letter {i}\n---\n{body}\n\n## News\n\n{body}\n", encoding="utf-8"
        )
    out = tmp_path / "out"
    env = {**os.environ, "NO_COLOR": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "newsletter_cli", "import", str(source), "-o", str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not any(out.glob("*.toml")):
        assert proc.poll() is None, "the import finished before it could be interrupted"
        time.sleep(0.005)
    proc.send_signal(signal.SIGINT)
    _, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 130, stderr
    assert "Interrupted" in stderr
    assert "Import interrupted" in stderr
    written = load_every_draft(out)
    assert 0 < len(written) < 1500
    assert [p.name for p in out.iterdir() if not p.name.endswith(".toml")] == []


def test_a_file_name_with_a_partial_date_gets_the_date_once(run_nl: RunNl, tmp_path: Path) -> None:
    """`2019-06-jekyll-june.md` dated 2019-06-05 was written as 2019-06-05-2019-06-jekyll-june."""
    old = tmp_path / "old"
    old.mkdir()
    text = "---\ntitle: June news\ndate: 2019-06-05\n---\nHello.\n"
    (old / "2019-06-jekyll-june.md").write_text(text, encoding="utf-8")
    (old / "2019-06-01-july.md").write_text(text.replace("June", "July"), encoding="utf-8")
    (old / "2019.md").write_text(text.replace("June", "May"), encoding="utf-8")
    result = run_nl("import", "old", "-o", "drafts", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "drafts").iterdir()) == [
        "2019-06-05-jekyll-june.toml",
        "2019-06-05-july.toml",  # led by the issue date, not by a date in the name
        "2019-06-05.toml",
    ]
