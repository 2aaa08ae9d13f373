"""Damaged caches are rebuilt, never trusted and never a crash (issue 17 point 15).

Every cache under `.nl-cache/` (lint results, archive index, the list cache) is checked
against a checksum and its fields against their types; after any damage, `nl lint` and
`nl list` report exactly what a run without a cache reports.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO, RunNl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reliability_summary import count

from newsletter_cli import cachefile
from newsletter_cli.draft.workspace import load_workspace
from newsletter_cli.lint.archive_index import CACHE_FILE
from newsletter_cli.lint.cache import RESULTS_FILE
from newsletter_cli.lint.engine import lint_paths

A = "The autumn assembly takes place in Marlow on 14 November, and all members are welcome."
B = "Volunteers removed more than two tonnes of waste from the banks of the Wend this summer."


def make_workspace(root: Path) -> Path:
    """The example workspace plus drafts with a repeat and an archive copy."""
    shutil.copy(REPO / "newsletter.toml", root / "newsletter.toml")
    shutil.copytree(REPO / "issues", root / "issues")
    (root / "issues" / "2026-12-01-extra.toml").write_text(
        f'title = "Extra"\ndate = 2026-12-01\nintro = """\n{A}\n\n{B}\n\n{A}\n"""\n',
        encoding="utf-8",
    )
    (root / "issues" / "2027-01-01-extra.toml").write_text(
        f'title = "More"\ndate = 2027-01-01\nintro = """\n{B}\n"""\n', encoding="utf-8"
    )
    return root


def report(root: Path) -> Any:
    """What `nl lint` reports, as plain data, run in ``root``."""
    here = os.getcwd()
    os.chdir(root)
    try:
        found = lint_paths([Path("issues")], load_workspace(root))
    finally:
        os.chdir(here)
    return (
        [f.to_json() for f in found.findings],
        [str(p) for p in found.problems],
        found.files,
        found.exit_code(),
    )


@pytest.fixture(scope="module")
def warm(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Any, dict[str, bytes]]]:
    """A workspace, the report without any cache, and the caches a run leaves."""
    root = make_workspace(tmp_path_factory.mktemp("cache"))
    expected = report(root)
    assert expected[0], "the workspace must have findings for the comparison to mean something"
    assert report(root) == expected  # from the cache
    caches = {p.name: p.read_bytes() for p in (root / ".nl-cache").iterdir()}
    assert {RESULTS_FILE, CACHE_FILE} <= caches.keys()
    yield root, expected, caches


def restore(root: Path, caches: dict[str, bytes]) -> None:
    shutil.rmtree(root / ".nl-cache", ignore_errors=True)
    (root / ".nl-cache").mkdir()
    for name, data in caches.items():
        (root / ".nl-cache" / name).write_bytes(data)


def edit_entries(change: Callable[[Any], None]) -> Callable[[bytes], bytes]:
    """A damage that changes every stored entry value and keeps the stored checksums."""

    def damage(data: bytes) -> bytes:
        raw = json.loads(data)
        for stored in raw["entries"].values():
            if isinstance(stored, list):  # [checksum, JSON text]: the checksum is left as it was
                value = json.loads(stored[1])
                change(value)
                stored[1] = json.dumps(value)
            else:
                change(stored)
        return json.dumps(raw).encode()

    return damage


def each_finding(change: Callable[[dict[str, Any]], None]) -> Callable[[Any], None]:
    def apply(entry: Any) -> None:
        for finding in entry["findings"]:
            change(finding)

    return apply


def nested(data: bytes) -> bytes:
    return b'{"version":1,"entries":' + b"[" * 200_000 + b"]" * 200_000 + b"}"


RESULT_DAMAGE = [
    pytest.param(nested, id="nested-200000-deep"),
    pytest.param(lambda d: d[: len(d) // 2], id="cut-in-half"),
    pytest.param(lambda d: b"\xff\xfe" + d, id="not-utf8"),
    pytest.param(lambda d: b"[]", id="not-an-object"),
    pytest.param(edit_entries(each_finding(lambda f: f.update(message="nonsense"))), id="message"),
    pytest.param(edit_entries(each_finding(lambda f: f.update(at=["x", "1", 1]))), id="line-str"),
    pytest.param(edit_entries(each_finding(lambda f: f.update(at=["x", True, 1]))), id="line-bool"),
    pytest.param(edit_entries(each_finding(lambda f: f.update(severity=5))), id="severity-int"),
    pytest.param(edit_entries(each_finding(lambda f: f.update(severity="fatal"))), id="severity"),
    pytest.param(edit_entries(each_finding(lambda f: f.update(data=[1]))), id="data-list"),
    pytest.param(edit_entries(each_finding(lambda f: f.update(fixes=[[1, 2]]))), id="fixes"),
    pytest.param(edit_entries(lambda e: e.update(findings={})), id="findings-dict"),
    pytest.param(edit_entries(lambda e: e.update(problems=[["p", 1, 1]])), id="problem-short"),
    pytest.param(edit_entries(lambda e: e.update(findings=[])), id="findings-emptied"),
]


@pytest.mark.parametrize("damage", RESULT_DAMAGE)
def test_damaged_lint_results(warm: tuple[Path, Any, dict[str, bytes]], damage: Any) -> None:
    root, expected, caches = warm
    restore(root, caches)
    path = root / ".nl-cache" / RESULTS_FILE
    path.write_bytes(damage(path.read_bytes()))
    assert report(root) == expected
    count("damaged caches tried")


def each_paragraph(change: Callable[[list[Any]], None]) -> Callable[[Any], None]:
    def apply(entry: Any) -> None:
        for paragraph in entry["paragraphs"]:
            change(paragraph)

    return apply


INDEX_DAMAGE = [
    pytest.param(nested, id="nested-200000-deep"),
    pytest.param(lambda d: d[:-7], id="cut"),
    pytest.param(edit_entries(lambda e: e.update(paragraphs=[])), id="paragraphs-emptied"),
    pytest.param(edit_entries(lambda e: e.update(date=20260901)), id="date-int"),
    pytest.param(edit_entries(lambda e: e.update(date="2026-02-30")), id="date-impossible"),
    pytest.param(edit_entries(lambda e: e.update(number="7")), id="number-str"),
    pytest.param(edit_entries(each_paragraph(lambda p: p.__setitem__(0, "0" * 24))), id="digest"),
    pytest.param(edit_entries(each_paragraph(lambda p: p.__setitem__(1, 1.5))), id="words-float"),
    pytest.param(edit_entries(each_paragraph(lambda p: p.__setitem__(2, "abc"))), id="sample-str"),
    pytest.param(edit_entries(each_paragraph(lambda p: p.pop())), id="paragraph-short"),
]


@pytest.mark.parametrize("damage", INDEX_DAMAGE)
def test_damaged_archive_index(warm: tuple[Path, Any, dict[str, bytes]], damage: Any) -> None:
    root, expected, caches = warm
    restore(root, caches)
    # without the lint results, so that the archive rule reads the index
    (root / ".nl-cache" / RESULTS_FILE).unlink()
    path = root / ".nl-cache" / CACHE_FILE
    path.write_bytes(damage(path.read_bytes()))
    assert report(root) == expected
    count("damaged caches tried")


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    which=st.sampled_from([RESULTS_FILE, CACHE_FILE]),
    where=st.floats(min_value=0, max_value=1, exclude_max=True),
    byte=st.integers(min_value=0, max_value=255),
    drop_results=st.booleans(),
)
def test_any_changed_byte(
    warm: tuple[Path, Any, dict[str, bytes]],
    which: str,
    where: float,
    byte: int,
    drop_results: bool,
) -> None:
    """Bit rot: one byte of a cache replaced anywhere; the report stays the same."""
    root, expected, caches = warm
    restore(root, caches)
    path = root / ".nl-cache" / which
    data = bytearray(path.read_bytes())
    data[int(where * len(data))] = byte
    path.write_bytes(bytes(data))
    if drop_results and which == CACHE_FILE:
        (root / ".nl-cache" / RESULTS_FILE).unlink()
    assert report(root) == expected
    count("damaged caches tried")


def test_nested_cache_through_the_command(run_nl: RunNl, tmp_path: Path) -> None:
    root = make_workspace(tmp_path)
    clean = run_nl("lint", cwd=root)
    (root / ".nl-cache" / RESULTS_FILE).write_bytes(nested(b""))
    damaged = run_nl("lint", cwd=root)
    assert (damaged.exit_code, damaged.stdout, damaged.stderr) == (
        clean.exit_code,
        clean.stdout,
        clean.stderr,
    )
    assert clean.exit_code == 1  # the repeat in the extra draft


LIST_DAMAGE = [
    pytest.param(nested, id="nested"),
    pytest.param(
        lambda d: d.replace(b'"title":"River Voices', b'"title":"Tampered'), id="title-edited"
    ),
    pytest.param(lambda d: d.replace(b'"words":', b'"words":1'), id="words-edited"),
]


@pytest.mark.parametrize("damage", LIST_DAMAGE)
def test_damaged_list_cache(run_nl: RunNl, tmp_path: Path, damage: Any) -> None:
    root = make_workspace(tmp_path)
    clean = run_nl("list", "--format", "json", cwd=root)
    assert clean.exit_code == 0, clean.output
    path = root / ".nl-cache" / "list-v1.json"
    data = path.read_bytes()
    assert damage(data) != data
    path.write_bytes(damage(data))
    again = run_nl("list", "--format", "json", cwd=root)
    assert (again.exit_code, again.stdout, again.stderr) == (0, clean.stdout, clean.stderr)
    count("damaged caches tried")


@pytest.mark.parametrize("name", [RESULTS_FILE, CACHE_FILE])
def test_an_entry_of_the_wrong_type_is_written_afresh(
    warm: tuple[Path, Any, dict[str, bytes]], name: str
) -> None:
    """Even with a checksum that matches (written by a buggy version, say), an entry of the
    wrong type is rebuilt and the cache rewritten, so that the next run finds it sound."""
    root, expected, caches = warm
    restore(root, caches)
    if name == CACHE_FILE:
        (root / ".nl-cache" / RESULTS_FILE).unlink()
    path = root / ".nl-cache" / name
    version = json.loads(path.read_bytes())["version"]
    entries = cachefile.read_entries(path, version)
    damaged = {key: {"wrong": "type"} for key in entries}
    cachefile.write_entries(path, version, damaged)
    assert report(root) == expected
    assert not [v for v in cachefile.read_entries(path, version).values() if "wrong" in v]


def test_a_cache_file_that_is_a_link_is_replaced_not_written_through(
    run_nl: RunNl, tmp_path: Path
) -> None:
    root = tmp_path / "ws"
    root.mkdir()
    make_workspace(root)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    precious = elsewhere / "precious.txt"
    precious.write_text("keep me\n", encoding="utf-8")
    cache = root / ".nl-cache"
    cache.mkdir()
    (cache / RESULTS_FILE).symlink_to(precious)
    (cache / CACHE_FILE).symlink_to(elsewhere / "planted.json")  # a broken link
    (cache / "list-v1.json").symlink_to(precious)

    clean = run_nl("lint", cwd=root)
    assert clean.exit_code == 1, clean.output  # the repeat in the extra draft
    assert run_nl("list", cwd=root).exit_code == 0
    assert precious.read_text(encoding="utf-8") == "keep me\n"
    assert sorted(p.name for p in elsewhere.iterdir()) == ["precious.txt"]
    # the caches are real files now, and a warm run reports the same
    assert not (cache / RESULTS_FILE).is_symlink() and (cache / RESULTS_FILE).is_file()
    warm = run_nl("lint", cwd=root)
    assert (warm.exit_code, warm.stdout, warm.stderr) == (1, clean.stdout, clean.stderr)


def test_a_fifo_in_place_of_a_cache_never_makes_lint_wait(tmp_path: Path, run_nl: RunNl) -> None:
    """A FIFO planted where a cache file goes is no cache: lint answers at once, as without one."""
    workspace = tmp_path / "ws"
    (workspace / "issues").mkdir(parents=True)
    (workspace / "newsletter.toml").write_text('name = "Test"\n', encoding="utf-8")
    (workspace / "issues" / "one.toml").write_text(
        'title = "One"\ndate = 2026-06-01\nintro = "Hello."\n', encoding="utf-8"
    )
    cache = workspace / ".nl-cache"
    cache.mkdir()
    os.mkfifo(cache / "lint-results-v1.json")
    result = run_nl("lint", cwd=workspace, timeout=60)
    assert result.exit_code == 0, result.output
    assert "1 file checked" in result.stdout
