"""`nl export` of a folder reads the archive once per command, not once per draft (issue 14):
each draft's lint gate is handed the same archive (its drafts, their index), and still refuses
a draft with errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsletter_cli.lint import engine
from newsletter_cli.output import export
from newsletter_cli.output.export import ExportOptions, plan

WORDS = [
    "river",
    "heron",
    "willow",
    "meadow",
    "orchard",
    "lantern",
    "ferry",
    "granary",
    "quarry",
    "thistle",
]


def _draft(number: int, body: str) -> str:
    return (
        f'title = "Letter {number}"\ndate = 2026-0{1 + number % 9}-0{1 + number % 7}\n'
        f"number = {number}\n\n[[sections]]\nheading = \"News\"\nbody = '''\n{body}\n'''\n"
    )


def _paragraph(number: int) -> str:
    words = [WORDS[(number * 3 + i) % len(WORDS)] for i in range(12)]
    return f"Issue {number} tells of the {' and the '.join(words)}."


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "newsletter.toml").write_text(
        'name = "Test Letter"\nlanguage = "en"\nissues_dir = "issues"\n', encoding="utf-8"
    )
    issues = tmp_path / "issues"
    (issues / "batch").mkdir(parents=True)
    for number in range(1, 7):
        (issues / f"old-{number}.toml").write_text(
            _draft(number, _paragraph(number)), encoding="utf-8"
        )
    for number in range(7, 10):
        (issues / "batch" / f"new-{number}.toml").write_text(
            _draft(number, _paragraph(number)), encoding="utf-8"
        )
    repeated = f"{_paragraph(10)}\n\nA second paragraph here.\n\n{_paragraph(10)}"
    (issues / "batch" / "new-10.toml").write_text(_draft(10, repeated), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_a_folder_export_lists_and_reads_the_archive_once(
    workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = workspace / "calls.txt"
    listed = engine._archive_paths

    def counting(*args: object, **kwargs: object) -> tuple[Path, ...]:
        with calls.open("a", encoding="utf-8") as log:  # a file: the workers are processes
            log.write("listed\n")
        return listed(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(engine, "_archive_paths", counting)
    jobs = plan([Path("issues/batch")], ExportOptions(formats=frozenset({"html"})))
    assert len(jobs) == 4
    report = export.run(jobs)
    assert calls.read_text(encoding="utf-8").splitlines() == ["listed"]
    refused = [r for r in report.results if r.errors]
    assert [r.path.name for r in refused] == ["new-10.toml"]
    assert any("duplicate-paragraph" in line for line in refused[0].errors)
    assert sorted(p.name for p in report.outputs) == ["new-7.html", "new-8.html", "new-9.html"]


def test_each_command_reads_the_archive_afresh(workspace: Path) -> None:
    """A draft added to the archive between two exports in one process is seen by the second."""
    from newsletter_cli.draft.workspace import load_workspace

    options = ExportOptions(formats=frozenset({"html"}))
    export.run(plan([Path("issues/batch/new-7.toml")], options))
    added = workspace / "issues" / "old-11.toml"
    added.write_text(_draft(11, _paragraph(11)), encoding="utf-8")
    export.run(plan([Path("issues/batch/new-8.toml")], options))
    seen = export.gate_archive(load_workspace(workspace)).archive
    assert added.name in {path.name for path in seen}
