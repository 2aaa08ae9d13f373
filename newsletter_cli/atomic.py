"""Atomic file writes: the old file or the new one, never a torn one.

The new content goes to a temporary file in the same folder, is flushed and
fsync'ed, then renamed over the target; the folder is fsync'ed so that the
rename itself survives a power cut. A target that is a symbolic link is written
through: the file the link points to is replaced, and the link stays a link.

``create_new`` claims a name that nobody else can take at the same moment (the
whole file appears under the first free name, or not at all), and
``replace_unchanged`` replaces a file only if it still holds the bytes its caller
read, so that two programs working on one file never silently undo each other.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import secrets
import stat
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

from newsletter_cli.errors import ConflictError, ExistsError, SaveError, display_path


def write_atomic(path: Path, data: str | bytes, *, durable: bool = True) -> None:
    """Replace ``path`` with ``data`` in one step; raise SaveError naming the file on failure.

    ``durable=False`` skips the fsyncs, for caches: the rename still makes the write
    all-or-nothing, and a cache lost in a power cut is only rebuilt.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    path = final_target(path)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        mode = path.stat().st_mode & 0o7777 if path.exists() else None
    except OSError:
        mode = None
    # The name is chosen before the file is made (rather than by mkstemp), so that an interrupt
    # arriving right after the file appears still finds its name to remove it.
    tmp = os.path.join(folder, f".{path.name}.{secrets.token_hex(6)}.tmp")
    tmp_name: str | None = tmp  # what to remove on the way out
    try:
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            tmp_name = None  # not ours: never remove it
            raise
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
        tmp_name = None
        if durable:
            _fsync_folder(folder)
    except OSError as error:
        reason = error.strerror or str(error)
        raise SaveError(
            f"{display_path(path)}: could not save: {reason}; the old file is intact"
        ) from error
    finally:
        if tmp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)


def final_target(path: Path) -> Path:
    """The file a path names once every symbolic link is followed (``path`` itself if none)."""
    if not path.is_symlink():
        return path
    return Path(os.path.realpath(path))


def create_new(candidates: Iterable[Path], data: str | bytes) -> Path:
    """Write ``data`` under the first of ``candidates`` that does not exist yet; return it.

    The name is claimed atomically: the complete file is hard-linked to the name, which fails
    if any other process took that name first, even a moment before. Where a file system has no
    hard links, the name is claimed with ``O_EXCL`` and then written.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    names = iter(candidates)
    first = next(names, None)
    if first is None:
        raise ValueError("no file name to create")
    folder = first.parent if str(first.parent) else Path(".")
    tmp = os.path.join(folder, f".{first.name}.{secrets.token_hex(6)}.tmp")
    created = False
    try:
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            created = True
            with os.fdopen(fd, "wb") as handle:
                handle.write(payload)
                handle.flush()
                os.fsync(handle.fileno())
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
            for candidate in itertools.chain([first], names):
                if _claim(tmp, candidate, payload):
                    _fsync_folder(folder)
                    return candidate
        except OSError as error:
            reason = error.strerror or str(error)
            raise SaveError(f"{display_path(first)}: could not save: {reason}") from error
        raise ExistsError(f"{display_path(first)}: already exists; nothing was written over it")
    finally:
        if created:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def _claim(tmp: str, candidate: Path, payload: bytes) -> bool:
    """Give the finished temporary file the name ``candidate``; False when it is taken."""
    if candidate.is_symlink():
        return False  # a link, even a broken one, is a name in use
    try:
        os.link(tmp, candidate)
        return True
    except FileExistsError:
        return False
    except OSError:
        pass  # no hard links here (some network and FAT file systems): claim, then write
    try:
        fd = os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except FileExistsError:
        return False
    with os.fdopen(fd, "wb") as handle:
        handle.write(payload)
        handle.flush()
        os.fsync(handle.fileno())
    return True


def replace_unchanged(
    path: Path, data: str | bytes | Callable[[bytes], str | bytes], expected: bytes
) -> bytes:
    """Replace ``path`` atomically if it still holds ``expected``; return the bytes written.

    ``data`` may be a function of the file's current bytes (to merge into them). Between the
    check and the rename the file is locked (``flock`` on the file itself), so that two `nl`
    processes saving the same file take turns: the second sees the first one's bytes and
    raises ``ConflictError`` instead of writing over them.
    """
    target = final_target(path)
    shown = display_path(path)
    while True:
        try:
            fd = os.open(target, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        except FileNotFoundError:
            raise ConflictError(
                f"{shown}: was removed or renamed since it was read; nothing was written"
            ) from None
        except OSError as error:
            reason = error.strerror or str(error)
            raise SaveError(f"{shown}: could not save: {reason}; the old file is intact") from error
        try:
            _lock(fd)
            try:
                info = os.fstat(fd)
                if info.st_ino != os.stat(target).st_ino:
                    continue  # replaced while we waited for the lock: look at the new file
            except FileNotFoundError:
                continue
            # only as much as can tell the difference; a FIFO put there is never read
            same = stat.S_ISREG(info.st_mode) and _read_at_most(fd, len(expected) + 1) == expected
            if not same:
                raise ConflictError(
                    f"{shown}: was changed by another program since it was read;"
                    " nothing was written over it"
                )
            payload = data(expected) if callable(data) else data
            payload = payload.encode("utf-8") if isinstance(payload, str) else payload
            write_atomic(target, payload)
            return payload
        finally:
            os.close(fd)  # closing the file releases the lock


def _lock(fd: int) -> None:
    if sys.platform == "win32":
        return
    import fcntl

    with contextlib.suppress(OSError):  # a file system without locks: the byte check remains
        fcntl.flock(fd, fcntl.LOCK_EX)


def _read_at_most(fd: int, limit: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while size < limit and (chunk := os.read(fd, min(1 << 20, limit - size))):
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def _fsync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
