"""The one way `nl` reads a file a person gave it: a regular file, and never more than a limit.

A FIFO would make a plain ``read()`` wait forever for a writer, and ``/dev/zero`` (or a link to
it) reports a size of 0 and then never ends. ``read_regular`` opens without blocking, asks the
open file (not the name, which can change in between) what it is, refuses anything but a
regular file, and reads at most ``limit + 1`` bytes, so a file that grows while it is read is
still refused instead of read whole.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from newsletter_cli.errors import NewsletterError, display_path

#: A draft, settings file, imported source or theme file larger than this is refused.
MAX_TEXT_BYTES = 10 * 1024 * 1024

_CHUNK = 1024 * 1024


class UnreadableFile(NewsletterError):
    """A file that cannot be read as it stands; ``reason`` is said after the file's name."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{display_path(path)}: {reason}")


def read_regular(path: Path | str, limit: int = MAX_TEXT_BYTES, what: str = "file") -> bytes:
    """The bytes of a regular file (symbolic links followed), at most ``limit`` of them.

    Raises ``UnreadableFile`` for a missing file, a folder, a FIFO, a device, a socket, a file
    larger than ``limit`` or a read error, with a reason written for a person.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as error:
        raise UnreadableFile(path, _open_reason(Path(path), error, what)) from error
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise UnreadableFile(path, f"is a folder, not {_a(what)}")
        if not stat.S_ISREG(info.st_mode):
            raise UnreadableFile(path, "not a regular file")
        if info.st_size > limit:
            raise UnreadableFile(path, _too_large(info.st_size, limit, what))
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, min(_CHUNK, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            raise UnreadableFile(path, _too_large(size, limit, what))
        return b"".join(chunks)
    except OSError as error:
        raise UnreadableFile(path, f"cannot be read: {error.strerror or error}") from error
    finally:
        os.close(fd)


def _too_large(size: int, limit: int, what: str) -> str:
    if limit < 1024 * 1024:  # a small limit is said in bytes ("at most 0 MB" says nothing)
        return f"is {size:,} bytes or more; {_a(what)} may be at most {limit:,} bytes"
    return f"is {size / 1e6:.0f} MB; {_a(what)} may be at most {limit // (1024 * 1024)} MB"


def _a(what: str) -> str:
    return f"an {what}" if what[:1] in "aeiou" else f"a {what}"


def _open_reason(path: Path, error: OSError, what: str) -> str:
    if isinstance(error, FileNotFoundError):
        if path.is_symlink():
            return "is a broken symbolic link"
        return "no such file" + did_you_mean(path)
    if isinstance(error, PermissionError):
        return "cannot be read: permission denied"
    if isinstance(error, IsADirectoryError):
        return f"is a folder, not {_a(what)}"
    if error.errno in (errno.ENXIO, errno.EOPNOTSUPP):  # a socket, or a device with no driver
        return "not a regular file"
    if error.errno == errno.ELOOP:  # a link that leads back to itself never reaches a file
        return "is a broken symbolic link"
    return f"cannot be read: {error.strerror or error}"


#: What a draft's file name ends with.
DRAFT_SUFFIX = ".toml"


def did_you_mean(path: Path) -> str:
    """``"; did you mean x.toml?"`` when the ``.toml`` was left off a draft's name, else ``""``."""
    if path.suffix != DRAFT_SUFFIX:
        candidate = path.with_name(path.name + DRAFT_SUFFIX)
        if candidate.is_file():
            return f"; did you mean {display_path(candidate)}?"
    return ""
