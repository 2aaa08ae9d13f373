"""The image gate and the layout limits of a draft, checked before anything is rendered.

Every image of a draft must be a file inside the draft's folder; ``scan_images``
names each one with where it is written, ``check_images`` refuses the export
when one is not. ``check_words`` refuses a "word" too long to lay out.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from newsletter_cli import markdown as md
from newsletter_cli.errors import BlockedResourceError, NewsletterError
from newsletter_cli.model import Draft, Location


@dataclass(frozen=True)
class LocalImage:
    """An image of the draft that is a file in the draft's folder."""

    src: str  # as written in the draft
    file: Path  # resolved
    relative: str  # POSIX path inside the draft's folder


def check_images(draft: Draft) -> dict[str, LocalImage]:
    """Every image of the draft, which must be a file inside the draft's folder.

    Anything else (a web address, ``file://``, an absolute path, ``..`` or a
    symlink leading out) is a blocked resource, reported at its line.
    """
    found: dict[str, LocalImage] = {}
    problems: list[str] = []
    for src, where, image in scan_images(draft):
        if isinstance(image, str):
            problems.append(f"{where}: blocked image {src}: {image}")
        else:
            found[src] = image
    if problems:
        raise BlockedResourceError("\n".join(problems))
    return found


def scan_images(draft: Draft) -> Iterator[tuple[str, Location, LocalImage | str]]:
    """Each distinct image of the draft: its address, where it is written, and the file
    inside the draft's folder it names, or the reason it names none."""
    assert draft.path is not None
    folder = draft.path.parent.resolve()
    seen: set[str] = set()
    for key, text, _section in draft.texts():
        for image in md.images(text):
            if image.src in seen:
                continue
            seen.add(image.src)
            pos = draft.source.text_line(key, image.line)
            where = Location(draft.display_path, pos.line, pos.column)
            yield image.src, where, image_problem(image.src, folder)


def image_problem(src: str, folder: Path) -> LocalImage | str:
    hint = "put the image file next to the draft and write its file name"
    parts = urlsplit(src)
    if not src:
        return "the image has no address"
    if parts.scheme or parts.netloc:
        return f"not a file in the draft's folder ({hint}; exports never use the network)"
    raw = unquote(parts.path)
    if raw.startswith("/") or Path(raw).is_absolute():
        return f"an absolute path ({hint})"
    try:
        resolved = (folder / raw).resolve(strict=True)
    except (OSError, RuntimeError):
        if not (folder / os.path.normpath(raw)).is_relative_to(folder) or ".." in Path(raw).parts:
            return f"outside the draft's folder ({hint})"
        return "file not found"
    if not resolved.is_relative_to(folder):
        return f"outside the draft's folder, through '..' or a symbolic link ({hint})"
    if not resolved.is_file():
        return "not a file"
    return LocalImage(src, resolved, resolved.relative_to(folder).as_posix())


#: Longer runs of characters without a space cannot be broken into lines in reasonable
#: time and memory by the PDF layout engine; no real word or address is anywhere near it.
MAX_WORD = 2000
_LONG_WORD = re.compile(rf"\S{{{MAX_WORD + 1},}}")


def check_words(draft: Draft) -> None:
    """Refuse, before layout, a "word" too long to lay out on a page (e.g. pasted binary data)."""
    problems: list[str] = []
    for paragraph in draft.paragraphs():
        match = _LONG_WORD.search(paragraph.text)
        if match:
            size = len(match.group())
            problems.append(
                f"{paragraph.location}: a run of {size:,} characters without a space cannot be "
                f"laid out on a page (at most {MAX_WORD:,}); break it up or remove it"
            )
    if problems:
        raise NewsletterError("\n".join(problems))
