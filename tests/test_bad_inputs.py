"""Every command that reads drafts, run as a real process over the bad-input corpus.

The corpus is ``tests/bad_inputs/``; ``expected.toml`` there gives, for each
input, the exit code and the ``path:line:col: message`` lines it must produce.
Inputs too large or too machine-specific to commit (a 50 MB draft, 10,000
sections, unreadable files, broken symlinks) are made here at test time.
Whatever the input: no output holds a traceback, and a command that refused
its input leaves nothing behind in the output folder.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import tomllib
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import pytest
import reliability_summary
import typer.main

from newsletter_cli.cli import app
from newsletter_cli.draft import storage

CORPUS = Path(__file__).resolve().parent / "bad_inputs"
MANIFEST: Mapping[str, list[dict[str, Any]]] = tomllib.loads(
    (CORPUS / "expected.toml").read_text(encoding="utf-8")
)
#: The commands this build of `nl` has; a command not yet built is skipped by name.
COMMANDS = frozenset(typer.main.get_command(app).commands)  # type: ignore[attr-defined]

GOOD_DRAFT = '''\
title = "River Voices"
date = 2026-06-01

[[sections]]
heading = "News from the network"
body = """
Forty volunteers cleared the east bank of the river on Saturday morning.
"""
'''

#: Seconds one command may take on one input; the extreme-but-valid inputs get more.
TIMEOUT = 60
EXTREME_TIMEOUT = 120


@dataclass(frozen=True)
class Command:
    """A way to give one draft to one command; ``cli`` is the command's registered name."""

    id: str
    cli: str
    args: Callable[[str], list[str]]
    #: Generated inputs this command is not run on here, each for a reason given below.
    skip: frozenset[str] = frozenset()


DRAFT_COMMANDS = (
    Command("lint", "lint", lambda draft: ["lint", draft]),
    Command("export", "export", lambda draft: ["export", draft]),
    Command("list", "list", lambda draft: ["list"]),
    Command("new-resume", "new", lambda draft: ["new", "--resume", draft, "--no-input"]),
)


@dataclass
class Run:
    exit_code: int
    stdout: str
    stderr: str
    seconds: float


def run_nl(workspace: Path, args: Sequence[str], timeout: float = TIMEOUT) -> Run:
    """`python -m newsletter_cli ARGS` in ``workspace``, with no terminal and no input."""
    environment = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200", "TERM": "dumb"}
    started = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-m", "newsletter_cli", *args],
        cwd=workspace,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        errors="replace",
        env=environment,
        timeout=timeout,
    )
    reliability_summary.count("bad inputs tried")
    return Run(proc.returncode, proc.stdout, proc.stderr, time.monotonic() - started)


def check(result: Run, exit: int | list[int], lines: Sequence[str]) -> None:
    """The exit code, every expected line on stderr, and never a traceback anywhere."""
    everything = result.stdout + result.stderr
    if "Traceback" in everything:
        reliability_summary.count("tracebacks seen")
    assert "Traceback" not in everything, everything[-3000:]
    allowed = exit if isinstance(exit, list) else [exit]
    assert result.exit_code in allowed, f"exit {result.exit_code}\n{everything[-3000:]}"
    stderr_lines = result.stderr.splitlines()
    for line in lines:
        assert any(line in shown for shown in stderr_lines), (
            f"missing on stderr: {line}\n{result.stderr[-3000:]}"
        )


def shown(path: str, error: str) -> str:
    """``path:3:7: message`` for positioned errors, ``path: message`` for whole-file ones."""
    return f"{path}:{error}" if re.match(r"\d+:", error) else f"{path}: {error}"


def needs(command: str) -> None:
    if command not in COMMANDS:
        pytest.skip(f"`nl {command}` is not built yet")


def make_workspace(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "newsletter.toml").write_text('name = "River Voices"\n', encoding="utf-8")
    (root / "issues").mkdir()
    return root


def output_files(workspace: Path) -> list[Path]:
    """Files a command wrote: anything in out/ (the default output folder)."""
    out = workspace / "out"
    return sorted(p for p in out.rglob("*") if p.is_file()) if out.exists() else []


# -- generated inputs ------------------------------------------------------------------


def _huge(path: Path) -> None:
    """A real 50 MB draft: valid TOML, refused for its size before it is parsed."""
    line = "The river rose again this week and the volunteers met at the old mill. " * 8 + "\n"
    block = line * 200
    with path.open("w", encoding="utf-8") as handle:
        handle.write('title = "River Voices"\nintro = """\n')
        while handle.tell() < 50 * 1024 * 1024:
            handle.write(block)
        handle.write('"""\n')


def _ten_thousand_sections(path: Path) -> None:
    parts = ['title = "River Voices"\ndate = 2026-06-01\n']
    for i in range(10_000):
        parts.append(
            f'\n[[sections]]\nheading = "Section {i}"\n'
            f'body = "Report number {i} from the river, with its own words."\n'
        )
    path.write_text("".join(parts), encoding="utf-8")


def _megabyte_word(path: Path) -> None:
    word = ("riverbank" * 120_000)[: 1024 * 1024]
    path.write_text(
        f'title = "River Voices"\ndate = 2026-06-01\n\n[[sections]]\nheading = "One word"\n'
        f'body = """\n{word}\n"""\n',
        encoding="utf-8",
    )


def _nested_arrays(path: Path) -> None:
    path.write_text('title = "River Voices"\nextra = ' + "[" * 5000 + "]" * 5000 + "\n")


def _nested_inline_tables(path: Path) -> None:
    path.write_text('title = "River Voices"\nextra = ' + "{a = " * 5000 + "1" + "}" * 5000 + "\n")


def _nested_table_headers(path: Path) -> None:
    path.write_text('title = "River Voices"\n\n[' + ".".join(["deep"] * 2000) + "]\nkey = 1\n")


def _folder(path: Path) -> None:
    path.mkdir()


def _unreadable(path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("running as root: permission bits do not stop root from reading a file")
    path.write_text(GOOD_DRAFT, encoding="utf-8")
    path.chmod(0)


def _broken_symlink(path: Path) -> None:
    path.symlink_to(path.parent / "this-draft-was-deleted.toml")


def _symlink_loop(path: Path) -> None:
    other = path.with_name("loop-partner.toml.lnk")
    other.symlink_to(path.name)
    path.symlink_to(other.name)


#: Made once per run and hard-linked into each test's workspace (they are large).
SHARED_GENERATORS: Mapping[str, Callable[[Path], None]] = {
    "huge-50mb.toml": _huge,
    "ten-thousand-sections.toml": _ten_thousand_sections,
    "megabyte-word.toml": _megabyte_word,
    "nested-arrays.toml": _nested_arrays,
    "nested-inline-tables.toml": _nested_inline_tables,
    "nested-table-headers.toml": _nested_table_headers,
}
#: Made inside each test's workspace (folders, permissions and links cannot be shared).
LOCAL_GENERATORS: Mapping[str, Callable[[Path], None]] = {
    "folder.toml": _folder,
    "unreadable.toml": _unreadable,
    "broken-symlink.toml": _broken_symlink,
    "symlink-loop.toml": _symlink_loop,
}
EXTREME = frozenset({"ten-thousand-sections.toml", "megabyte-word.toml"})

PER_FILE_COMMANDS = (
    # Commands take folders of drafts too: an empty folder named folder.toml is a folder to them.
    Command("lint", "lint", DRAFT_COMMANDS[0].args, frozenset({"folder.toml"})),
    # Resuming the 10,000-section draft costs seconds of rewriting for nothing the loader,
    # lint and list do not already show.
    Command("new-resume", "new", DRAFT_COMMANDS[3].args, frozenset({"ten-thousand-sections.toml"})),
)
#: Every settings case goes through `nl lint`; the other commands read newsletter.toml through
#: the same loader and are run on one case of each kind (TOML, schema, encoding, empty).
SETTINGS_SAMPLE = frozenset(
    {"unclosed-string.toml", "wrong-types.toml", "utf-16-bom.toml", "empty.toml"}
)
#: Exporting the extreme drafts is a matter of speed, not of refusal (10,000 sections make a
#: 1,001-page PDF in over a minute): too slow for every CI run.
EXPORT_SKIPS = EXTREME | {"folder.toml"}


def expectation(case: Mapping[str, Any], command: str) -> tuple[int | list[int], list[str]]:
    """The exit code and error lines of a case, as the manifest gives them for ``command``."""
    override = case.get(command, {})
    return override.get("exit", case["exit"]), override.get("errors", case["errors"])


@pytest.fixture(scope="session")
def generated_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    folder = tmp_path_factory.mktemp("generated")
    for name, make in SHARED_GENERATORS.items():
        make(folder / name)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def place_draft(case: Mapping[str, Any], issues: Path, store: Path | None) -> Path:
    """Put the case's draft into ``issues/`` and return its path."""
    if "file" in case:
        target = issues / case["file"]
        shutil.copyfile(CORPUS / "drafts" / case["file"], target)
        return target
    name = case["name"]
    target = issues / name
    if name in SHARED_GENERATORS:
        assert store is not None
        os.link(store / name, target)
    else:
        LOCAL_GENERATORS[name](target)
    return target


def _cases(kind: str) -> list[Any]:
    return [pytest.param(case, id=case.get("file") or case.get("name")) for case in MANIFEST[kind]]


DRAFT_CASES = _cases("draft") + _cases("generated")

# -- the manifest is complete ------------------------------------------------------------


def test_the_corpus_is_large_and_every_file_has_an_expectation() -> None:
    listed = {
        (kind, case["file"]) for kind in ("draft", "settings", "source") for case in MANIFEST[kind]
    }
    on_disk = {
        (kind, path.name)
        for kind, folder in (("draft", "drafts"), ("settings", "settings"), ("source", "sources"))
        for path in (CORPUS / folder).iterdir()
    }
    assert listed == on_disk
    themes = {case["name"] for case in MANIFEST["theme"]}
    assert themes == {p.name for p in (CORPUS / "themes").iterdir()}
    generated = {case["name"] for case in MANIFEST["generated"]}
    assert generated == set(SHARED_GENERATORS) | set(LOCAL_GENERATORS)
    assert len(on_disk) + len(themes) >= 30
    for kind, cases in MANIFEST.items():
        for case in cases:
            assert "exit" in case and "errors" in case, (kind, case)


# -- drafts: the loader itself, then every command --------------------------------------


@pytest.mark.parametrize("case", DRAFT_CASES)
def test_loader_answers_with_the_expected_errors(
    case: Mapping[str, Any],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    request: pytest.FixtureRequest,
) -> None:
    store = request.getfixturevalue("generated_store") if "name" in case else None
    workspace = make_workspace(tmp_path)
    monkeypatch.chdir(workspace)
    path = place_draft(case, workspace / "issues", store)
    reliability_summary.count("bad inputs tried")
    expected = [shown(f"issues/{path.name}", e) for e in case["errors"]]
    if case["exit"] == 3:
        with pytest.raises(storage.DraftError) as caught:
            storage.load(path.relative_to(workspace))
        assert caught.value.lines() == expected
    else:
        draft = storage.load(path.relative_to(workspace))
        assert draft.title == "River Voices"


def _one_draft(command: Command, case: Mapping[str, Any], root: Path, store: Path) -> str | None:
    """Run one command on one bad draft in its own workspace; a failure's description or None."""
    workspace = make_workspace(root)
    path = place_draft(case, workspace / "issues", store)
    relative = f"issues/{path.name}"
    extreme = case.get("name") in EXTREME
    try:
        result = run_nl(
            workspace, command.args(relative), timeout=EXTREME_TIMEOUT if extreme else TIMEOUT
        )
        exit, errors = expectation(case, command.id)
        check(result, exit, [shown(relative, e) for e in errors])
        if exit != 0:
            assert output_files(workspace) == [], "a refused draft left output behind"
    except (AssertionError, subprocess.TimeoutExpired) as failure:
        return f"nl {' '.join(command.args(relative))} [{path.name}]: {failure}"
    return None


def run_all(jobs: Sequence[Callable[[], str | None]]) -> list[str]:
    """Run independent process-spawning jobs two or more at a time; the failures, in order."""
    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        return [f for f in pool.map(lambda job: job(), jobs) if f is not None]


@pytest.mark.parametrize("command", PER_FILE_COMMANDS, ids=lambda c: c.id)
def test_every_command_refuses_each_bad_draft_clearly(
    command: Command, tmp_path: Path, generated_store: Path
) -> None:
    """One process per bad draft: its exit code, its errors at path:line:col, no traceback."""
    needs(command.cli)
    cases = [c.values[0] for c in DRAFT_CASES if c.values[0].get("name") not in command.skip]
    if os.geteuid() == 0:
        cases = [c for c in cases if c.get("name") != "unreadable.toml"]
    jobs = [
        partial(_one_draft, command, case, tmp_path / f"case{i}", generated_store)
        for i, case in enumerate(cases)
    ]
    failures = run_all(jobs)
    assert not failures, "\n\n".join(failures)


@pytest.mark.parametrize("name", sorted(LOCAL_GENERATORS))
def test_export_refuses_what_is_not_a_draft(name: str, tmp_path: Path) -> None:
    needs("export")
    if name in EXPORT_SKIPS:
        pytest.skip("export takes folders of drafts: an empty folder is nothing to export")
    (case,) = [c for c in MANIFEST["generated"] if c["name"] == name]
    assert _one_draft(DRAFT_COMMANDS[1], case, tmp_path, tmp_path) is None


def test_export_reports_every_bad_draft_of_the_folder(
    tmp_path: Path, generated_store: Path
) -> None:
    """`nl export issues/`: every broken draft is named with its errors and nothing is written."""
    needs("export")
    workspace = make_workspace(tmp_path)
    expected: list[str] = []
    tried = 0
    for param in DRAFT_CASES:
        case = param.values[0]
        if case.get("name") in LOCAL_GENERATORS or case.get("name") in EXPORT_SKIPS:
            continue
        path = place_draft(case, workspace / "issues", generated_store)
        expected += [shown(f"issues/{path.name}", e) for e in case["errors"]]
        tried += 1
    result = run_nl(workspace, ["export", "issues"])
    reliability_summary.count("bad inputs tried", tried - 1)
    check(result, 3, expected)
    assert output_files(workspace) == []


def test_list_reports_every_bad_draft_of_the_folder(tmp_path: Path, generated_store: Path) -> None:
    """`nl list` reads the whole issues/ folder: every broken draft is named, none stops it."""
    needs("list")
    workspace = make_workspace(tmp_path)
    expected: list[str] = []
    for param in DRAFT_CASES:
        case = param.values[0]
        if case.get("name") in LOCAL_GENERATORS:
            continue  # list lists draft files: folders and dangling links are not among them
        path = place_draft(case, workspace / "issues", generated_store)
        expected += [shown(f"issues/{path.name}", e) for e in case["errors"]]
    (workspace / "issues" / "good.toml").write_text(GOOD_DRAFT, encoding="utf-8")
    result = run_nl(workspace, ["list"], timeout=EXTREME_TIMEOUT)
    reliability_summary.count("bad inputs tried", len(DRAFT_CASES) - 1)
    check(result, 3, expected)
    assert "River Voices" in result.stdout  # the good draft is still listed


# -- newsletter.toml ---------------------------------------------------------------------


def _one_settings_file(command: Command, case: Mapping[str, Any], root: Path) -> str | None:
    workspace = make_workspace(root)
    shutil.copyfile(CORPUS / "settings" / case["file"], workspace / "newsletter.toml")
    (workspace / "issues" / "good.toml").write_text(GOOD_DRAFT, encoding="utf-8")
    try:
        result = run_nl(workspace, command.args("issues/good.toml"))
        check(result, case["exit"], [shown("newsletter.toml", e) for e in case["errors"]])
        assert output_files(workspace) == [], "a refused workspace left output behind"
    except (AssertionError, subprocess.TimeoutExpired) as failure:
        return f"nl {' '.join(command.args('issues/good.toml'))} [{case['file']}]: {failure}"
    return None


@pytest.mark.parametrize("command", DRAFT_COMMANDS, ids=lambda c: c.id)
def test_every_command_refuses_a_bad_settings_file_clearly(
    command: Command, tmp_path: Path
) -> None:
    needs(command.cli)
    cases = [
        c for c in MANIFEST["settings"] if command.id == "lint" or c["file"] in SETTINGS_SAMPLE
    ]
    jobs = [
        partial(_one_settings_file, command, case, tmp_path / f"case{i}")
        for i, case in enumerate(cases)
    ]
    failures = run_all(jobs)
    assert not failures, "\n\n".join(failures)


@pytest.mark.parametrize("case", _cases("settings")[:3])
def test_import_refuses_a_bad_settings_file_clearly(
    case: Mapping[str, Any], tmp_path: Path
) -> None:
    workspace = make_workspace(tmp_path)
    shutil.copyfile(CORPUS / "settings" / case["file"], workspace / "newsletter.toml")
    source = workspace / "old-issue.md"
    source.write_text("# River Voices\n\nForty volunteers came.\n", encoding="utf-8")
    result = run_nl(workspace, ["import", "old-issue.md"])
    check(result, case["exit"], [shown("newsletter.toml", e) for e in case["errors"]])
    assert list((workspace / "issues").iterdir()) == []


def test_a_huge_settings_file_is_refused(tmp_path: Path, generated_store: Path) -> None:
    workspace = make_workspace(tmp_path)
    (workspace / "newsletter.toml").unlink()
    os.link(generated_store / "huge-50mb.toml", workspace / "newsletter.toml")
    (workspace / "issues" / "good.toml").write_text(GOOD_DRAFT, encoding="utf-8")
    for command in DRAFT_COMMANDS:
        if command.cli in COMMANDS:
            result = run_nl(workspace, command.args("issues/good.toml"))
            check(
                result, 3, ["newsletter.toml:1:1: is 52 MB; a settings file may be at most 10 MB"]
            )


# -- themes --------------------------------------------------------------------------------


@pytest.mark.parametrize("case", _cases("theme"))
def test_export_refuses_a_broken_theme_naming_the_template(
    case: Mapping[str, Any], tmp_path: Path
) -> None:
    needs("export")
    workspace = make_workspace(tmp_path)
    name = case["name"]
    (workspace / "newsletter.toml").write_text(
        f'name = "River Voices"\ntheme = "{name}"\n', encoding="utf-8"
    )
    shutil.copytree(CORPUS / "themes" / name, workspace / "templates" / name)
    (workspace / "issues" / "good.toml").write_text(GOOD_DRAFT, encoding="utf-8")
    result = run_nl(workspace, ["export", "issues/good.toml"])
    check(result, case["exit"], [f"templates/{name}/{e}" for e in case["errors"]])
    assert output_files(workspace) == []


def test_export_names_a_theme_that_does_not_exist(tmp_path: Path) -> None:
    needs("export")
    workspace = make_workspace(tmp_path)
    (workspace / "newsletter.toml").write_text(
        'name = "River Voices"\ntheme = "nowhere"\n', encoding="utf-8"
    )
    (workspace / "issues" / "good.toml").write_text(GOOD_DRAFT, encoding="utf-8")
    result = run_nl(workspace, ["export", "issues/good.toml"])
    check(result, 3, ["theme 'nowhere' not found"])
    assert output_files(workspace) == []


# -- nl import -----------------------------------------------------------------------------


@pytest.mark.parametrize("case", _cases("source"))
def test_import_refuses_a_bad_source_clearly(case: Mapping[str, Any], tmp_path: Path) -> None:
    workspace = make_workspace(tmp_path)
    (workspace / "old").mkdir()
    shutil.copyfile(CORPUS / "sources" / case["file"], workspace / "old" / case["file"])
    result = run_nl(workspace, ["import", f"old/{case['file']}"])
    check(result, case["exit"], [shown(f"old/{case['file']}", e) for e in case["errors"]])
    assert list((workspace / "issues").iterdir()) == []


@pytest.mark.parametrize(
    ("make", "error"),
    [
        pytest.param(_folder, None, id="folder"),
        pytest.param(_unreadable, "cannot read: Permission denied", id="unreadable"),
        pytest.param(_broken_symlink, "no such file or folder", id="broken-symlink"),
        pytest.param(_symlink_loop, "no such file or folder", id="symlink-loop"),
    ],
)
def test_import_refuses_sources_it_cannot_open(
    make: Callable[[Path], None], error: str | None, tmp_path: Path
) -> None:
    workspace = make_workspace(tmp_path)
    (workspace / "old").mkdir()
    make(workspace / "old" / "letter.md")
    result = run_nl(workspace, ["import", "old/letter.md"])
    if error is None:  # an empty folder named like a file: nothing to import, nothing written
        check(result, [0, 3], [])
    else:
        check(result, 3, [shown("old/letter.md", error)])
    assert list((workspace / "issues").iterdir()) == []


def test_import_of_the_whole_draft_corpus_never_breaks(tmp_path: Path) -> None:
    """Bad drafts handed to `nl import` as sources: each is imported as text or refused."""
    workspace = make_workspace(tmp_path)
    shutil.copytree(CORPUS / "drafts", workspace / "old")
    sources = sorted(f"old/{p.name}" for p in (workspace / "old").iterdir())
    result = run_nl(workspace, ["import", *sources, "--from", "text"])
    check(result, 3, [])
    written = sorted((workspace / "issues").glob("*.toml"))
    assert written, result.stderr
    for draft in written:
        storage.load(draft)  # everything import writes loads again
    leftovers = [p.name for p in (workspace / "issues").iterdir() if not p.name.endswith(".toml")]
    assert leftovers == []
