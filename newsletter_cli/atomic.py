"""Atomic file writes: the old file or the new one, never a torn one.

The new content goes to a temporary file in the same folder, is flushed and
fsync'ed, then renamed over the target; the folder is fsync'ed so that the
rename itself survives a power cut.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path

from newsletter_cli.errors import SaveError, display_path


def write_atomic(path: Path, data: str | bytes, *, durable: bool = True) -> None:
    """Replace ``path`` with ``data`` in one step; raise SaveError naming the file on failure.

    ``durable=False`` skips the fsyncs, for caches: the rename still makes the write
    all-or-nothing, and a cache lost in a power cut is only rebuilt.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
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


def _fsync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
