"""Crash safety: a save killed at any moment, a full disk or a read-only folder never tears a draft.

- A forked process saves a large draft in a loop, alternating two versions,
  and is SIGKILLed at random moments, many times: after each kill the draft
  loads as one of the two versions, and whatever the kill left behind is a
  hidden ``*.tmp`` file that no command takes for a draft.
- The same for real `nl lint --fix` processes killed while they work.
- A full disk (a tiny tmpfs when this machine lets us mount one, and always a
  file-size limit in a child process) and a read-only folder give a clear
  ``SaveError`` and leave the old draft intact.
"""

from __future__ import annotations

import contextlib
import os
import random
import re
import resource
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import reliability_summary

from newsletter_cli.draft import storage
from newsletter_cli.draft.model import Draft, Section
from newsletter_cli.errors import SaveError

KILLS = 50
FIX_KILLS = 10
#: What a killed save may leave: mkstemp's hidden ".<name>.<random>.tmp" in the same folder.
TEMP_NAME = re.compile(r"^\.[^/]+\.tmp$")


def large_draft(version: str, sections: int = 150) -> Draft:
    """About 600 KB of draft; the two versions differ in every section."""
    paragraph = (
        f"Version {version}: the river alliance met at the old mill to plan the season. " * 6
    )
    return Draft(
        title=f"River Voices {version}",
        intro=(paragraph + "\n\n") * 20,
        sections=tuple(
            Section(heading=f"Section {i} ({version})", body=(paragraph + "\n\n") * 5)
            for i in range(sections)
        ),
    )


def leftovers(folder: Path, draft: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p != draft)


def assert_nothing_looks_like_a_draft(folder: Path, draft: Path) -> None:
    """A temporary file left by a kill is hidden, ends in .tmp, and no glob for drafts finds it."""
    for name in leftovers(folder, draft):
        assert TEMP_NAME.match(name) and not name.endswith(".toml"), name
    assert sorted(folder.glob("*.toml")) == [draft]


def _save_forever(path: Path, versions: tuple[Draft, Draft], ready: int) -> None:
    """The child: save the two versions in turn until killed."""
    os.write(ready, b"1")
    os.close(ready)
    while True:
        for version in versions:
            storage.save(version, path)


@contextlib.contextmanager
def forked_saver(path: Path, versions: tuple[Draft, Draft]) -> Iterator[int]:
    """A child process saving ``versions`` to ``path`` in a loop; yields its pid once it runs."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child never returns into pytest
        try:
            os.close(read_end)
            _save_forever(path, versions, write_end)
        finally:
            os._exit(1)
    os.close(write_end)
    try:
        assert os.read(read_end, 1) == b"1"
        yield pid
    finally:
        os.close(read_end)
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)


def test_a_save_killed_at_any_moment_leaves_the_old_or_the_new_draft(tmp_path: Path) -> None:
    old, new = large_draft("A"), large_draft("B")
    path = tmp_path / "2026-06-01-river-voices.toml"
    storage.save(old, path)
    started = time.monotonic()
    storage.save(new, path)
    one_save = time.monotonic() - started
    rng = random.Random(20260601)
    seen = {"A": 0, "B": 0}
    for _ in range(KILLS):
        with forked_saver(path, (old, new)) as pid:
            time.sleep(rng.uniform(0, 2.5 * one_save))
            os.kill(pid, signal.SIGKILL)
        loaded = storage.load(path)
        assert loaded in (old, new), "a killed save tore the draft"
        seen["A" if loaded == old else "B"] += 1
        assert_nothing_looks_like_a_draft(tmp_path, path)
        reliability_summary.count("kills survived")
    # the kills landed at different moments: both versions were found on disk
    assert seen["A"] and seen["B"], seen


FIXABLE = """\
# A draft with words typed twice: `nl lint --fix` deletes the second of each pair.
title = "River Voices"
date = 2026-06-01
"""


def fixable_draft() -> str:
    sections = [
        f'\n[[sections]]\nheading = "Report {i}"\nbody = """\n'
        f"Volunteers from the the east bank cleared {i} tonnes of rubbish from the river.\n\n"
        f"The next clean-up day is is planned for the spring, with the schools.\n"
        '"""\n'
        for i in range(60)
    ]
    return FIXABLE + "".join(sections)


def run_fix(workspace: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "newsletter_cli", "lint", "--fix", "issues/draft.toml"],
        cwd=workspace,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, "NO_COLOR": "1"},
    )


def test_lint_fix_killed_at_any_moment_leaves_the_old_or_the_fixed_draft(tmp_path: Path) -> None:
    workspace = tmp_path
    (workspace / "newsletter.toml").write_text('name = "River Voices"\n', encoding="utf-8")
    issues = workspace / "issues"
    issues.mkdir()
    path = issues / "draft.toml"
    original = fixable_draft()
    path.write_text(original, encoding="utf-8")
    started = time.monotonic()
    proc = run_fix(workspace)
    _, stderr = proc.communicate(timeout=120)
    full_run = time.monotonic() - started
    assert "Traceback" not in stderr.decode(), stderr.decode()
    fixed = path.read_text(encoding="utf-8")
    assert fixed != original and "the the" not in fixed and "is is" not in fixed
    assert "# A draft with words typed twice" in fixed  # comments survive the fix
    path.write_text(original, encoding="utf-8")
    old_draft = storage.load(path)
    path.write_text(fixed, encoding="utf-8")
    fixed_draft = storage.load(path)

    rng = random.Random(20261101)
    for _ in range(FIX_KILLS):
        path.write_text(original, encoding="utf-8")
        proc = run_fix(workspace)
        # the fix is saved near the end of a run: aim most kills at its second half
        time.sleep(rng.uniform(0.3, 1.1) * full_run)
        with contextlib.suppress(ProcessLookupError):
            proc.kill()
        _, stderr = proc.communicate(timeout=60)
        assert "Traceback" not in stderr.decode(), stderr.decode()
        text = path.read_text(encoding="utf-8")
        assert text in (original, fixed), "a killed `nl lint --fix` tore the draft"
        assert storage.load(path) in (old_draft, fixed_draft)
        assert_nothing_looks_like_a_draft(issues, path)
        reliability_summary.count("kills survived")
    # after all that, a normal run still works (no torn cache or lock in the way)
    path.write_text(original, encoding="utf-8")
    proc = run_fix(workspace)
    _, stderr = proc.communicate(timeout=120)
    assert "Traceback" not in stderr.decode(), stderr.decode()
    assert path.read_text(encoding="utf-8") == fixed


# -- a full disk and a read-only folder ----------------------------------------------------------


@contextlib.contextmanager
def tiny_tmpfs(at: Path, size: str) -> Iterator[Path]:
    """A small tmpfs mounted at ``at``, or a skip when this machine does not allow mounting."""
    at.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root; the file-size-limit test covers a full disk")
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(at)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        yield at
    finally:
        subprocess.run(["umount", "-l", str(at)], check=False)


def test_a_full_disk_gives_a_clear_error_and_keeps_the_old_draft(tmp_path: Path) -> None:
    with tiny_tmpfs(tmp_path / "disk", "256k") as disk:
        path = disk / "draft.toml"
        old = large_draft("A", sections=2)
        storage.save(old, path)
        before = path.read_bytes()
        filler = disk / "filler.bin"
        with contextlib.suppress(OSError), filler.open("wb") as handle:
            while True:
                handle.write(b"\0" * 4096)
                handle.flush()
        with pytest.raises(SaveError) as caught:
            storage.save(large_draft("B", sections=40), path)
        assert "could not save" in caught.value.message
        assert "No space left on device" in caught.value.message
        assert "the old file is intact" in caught.value.message
        assert path.read_bytes() == before
        assert leftovers(disk, path) == ["filler.bin"]  # the temporary file was removed


def test_a_file_size_limit_gives_a_clear_error_and_keeps_the_old_draft(tmp_path: Path) -> None:
    """A full disk simulated without root: RLIMIT_FSIZE in a forked child."""
    path = tmp_path / "draft.toml"
    old = large_draft("A", sections=2)
    storage.save(old, path)
    before = path.read_bytes()
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            os.close(read_end)
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails, EFBIG
            resource.setrlimit(resource.RLIMIT_FSIZE, (len(before) + 1000, len(before) + 1000))
            try:
                storage.save(large_draft("B", sections=40), path)
                message = "saved without error"
            except SaveError as error:
                message = error.message
            except BaseException as error:  # reported to the parent, which fails the test
                message = f"not a SaveError: {type(error).__name__}: {error}"
            os.write(write_end, message.encode())
        finally:
            os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        message = pipe.read().decode()
    os.waitpid(pid, 0)
    assert "could not save: File too large; the old file is intact" in message, message
    assert path.read_bytes() == before
    assert leftovers(tmp_path, path) == []


@contextlib.contextmanager
def read_only_folder(tmp_path: Path) -> Iterator[Path]:
    """A folder this process cannot write to: chmod for a user, a read-only tmpfs for root."""
    if os.geteuid() != 0:
        folder = tmp_path / "locked"
        folder.mkdir()
        yield folder
        return
    with tiny_tmpfs(tmp_path / "locked", "1m") as folder:
        yield folder


def test_a_read_only_folder_gives_a_clear_error_and_keeps_the_old_draft(tmp_path: Path) -> None:
    with read_only_folder(tmp_path) as folder:
        path = folder / "draft.toml"
        (folder / "newsletter.toml").write_text('name = "River Voices"\n', encoding="utf-8")
        path.write_text(fixable_draft(), encoding="utf-8")
        before = path.read_bytes()
        if os.geteuid() != 0:
            folder.chmod(0o555)
        else:
            subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
        try:
            with pytest.raises(SaveError) as caught:
                storage.save(large_draft("B", sections=3), path)
            assert "could not save" in caught.value.message
            assert "the old file is intact" in caught.value.message
            # the same through the command line: a message, exit 3, no traceback
            proc = subprocess.run(
                [sys.executable, "-m", "newsletter_cli", "lint", "--fix", "draft.toml"],
                cwd=folder,
                capture_output=True,
                text=True,
                env={**os.environ, "NO_COLOR": "1"},
                timeout=120,
            )
            assert "Traceback" not in proc.stdout + proc.stderr, proc.stderr
            assert proc.returncode == 3, proc.stderr
            assert "draft.toml: could not save:" in proc.stderr
            assert path.read_bytes() == before
            assert leftovers(folder, path) == ["newsletter.toml"]
        finally:
            if os.geteuid() != 0:
                folder.chmod(0o755)
