"""`nl export` as a person types it: -o is a folder, --open says when it cannot open, a piped
folder export prints only its results (issue 13, section 2, points 9, 10 and 12)."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest
from conftest import RunNl

NO_DESKTOP = {"DISPLAY": "", "WAYLAND_DISPLAY": ""}


def drafts_in(root: Path, *months: str) -> list[str]:
    names = []
    for month in months:
        path = root / "issues" / f"2026-{month}.toml"
        path.write_text(
            f'title = "News {month}"\ndate = 2026-{month}-01\nintro = "Hello."\n', encoding="utf-8"
        )
        names.append(f"issues/{path.name}")
    return names


@pytest.mark.parametrize("value", ["x.pdf", "june.html", "out/June.TXT", "letter.eml"])
def test_o_with_a_file_name_is_a_usage_error(
    run_nl: RunNl, workspace_dir: Path, value: str
) -> None:
    [draft] = drafts_in(workspace_dir, "06")
    result = run_nl("export", "--text", "-o", value, draft, cwd=workspace_dir)
    assert result.exit_code == 2, result.output
    assert f"error: -o {value}: -o names a folder, not a file" in result.stderr
    assert not (workspace_dir / value).exists()
    assert not (workspace_dir / "out").exists() or not any((workspace_dir / "out").iterdir())


def test_the_site_s_o_is_a_folder_too(run_nl: RunNl, workspace_dir: Path) -> None:
    drafts_in(workspace_dir, "06")
    result = run_nl("export", "--site", "-o", "public/index.html", cwd=workspace_dir)
    assert result.exit_code == 2, result.output
    assert "error: -o public/index.html: -o names a folder, not a file" in result.stderr
    assert "use -o public" in result.stderr
    assert not (workspace_dir / "public").exists()


def test_an_existing_folder_with_such_a_name_is_a_folder(
    run_nl: RunNl, workspace_dir: Path
) -> None:
    [draft] = drafts_in(workspace_dir, "06")
    (workspace_dir / "site.html").mkdir()
    result = run_nl("export", "--text", "-o", "site.html", draft, cwd=workspace_dir)
    assert result.exit_code == 0, result.output
    assert (workspace_dir / "site.html" / "2026-06.txt").is_file()


def test_o_naming_a_file_is_a_usage_error(run_nl: RunNl, workspace_dir: Path) -> None:
    [draft] = drafts_in(workspace_dir, "06")
    (workspace_dir / "notes").write_text("mine", encoding="utf-8")
    result = run_nl("export", "--text", "-o", "notes", draft, cwd=workspace_dir)
    assert result.exit_code == 2, result.output
    assert "error: -o notes: not a folder" in result.stderr
    assert (workspace_dir / "notes").read_text(encoding="utf-8") == "mine"


def test_open_without_a_desktop_says_what_to_open_by_hand(
    run_nl: RunNl, workspace_dir: Path
) -> None:
    [draft] = drafts_in(workspace_dir, "06")
    result = run_nl("export", "--text", "--open", draft, cwd=workspace_dir, env=NO_DESKTOP)
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert warnings == [
        "warning: --open: nothing here can open files (no desktop, or no xdg-open); "
        "open out/2026-06.txt by hand"
    ]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="xdg-open is the Linux opener")
def test_open_with_a_desktop_hands_each_file_to_the_opener(
    run_nl: RunNl, workspace_dir: Path, tmp_path: Path
) -> None:
    [draft] = drafts_in(workspace_dir, "06")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    opened = tmp_path / "opened.txt"
    opener = bin_dir / "xdg-open"
    opener.write_text(f'#!/bin/sh\nprintf "%s\\n" "$1" >> "{opened}"\n', encoding="utf-8")
    opener.chmod(0o755)
    env = {"DISPLAY": ":0", "PATH": f"{bin_dir}:/usr/bin:/bin"}
    result = run_nl("export", "--text", "--email", "--open", draft, cwd=workspace_dir, env=env)
    assert result.exit_code == 0, result.output
    assert "--open" not in result.stderr
    deadline = time.monotonic() + 10  # the opener runs on its own; a guard against a hang
    while time.monotonic() < deadline and len(_lines(opened)) < 2:
        time.sleep(0.05)
    assert sorted(Path(line).name for line in _lines(opened)) == [
        "2026-06.email.html",
        "2026-06.txt",
    ]


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines() if path.exists() else []


def test_a_piped_folder_export_prints_only_its_results(run_nl: RunNl, workspace_dir: Path) -> None:
    drafts_in(workspace_dir, "06", "07", "08")
    result = run_nl("export", "--text", "issues/", cwd=workspace_dir)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines(keepends=True)
    assert sorted(lines) == [
        f"✓ issues/2026-{m}.toml -> out/2026-{m}.txt\n" for m in ("06", "07", "08")
    ], repr(result.stderr)


def test_the_site_s_open_opens_the_index_or_says_so(run_nl: RunNl, workspace_dir: Path) -> None:
    drafts_in(workspace_dir, "06")
    result = run_nl("export", "--site", "--open", cwd=workspace_dir, env=NO_DESKTOP)
    assert result.exit_code == 0, result.output
    assert (
        "warning: --open: nothing here can open files (no desktop, or no xdg-open); "
        "open out/site/index.html by hand"
    ) in result.stderr
