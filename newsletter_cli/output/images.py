"""The image gate and the layout limits of a draft, checked before anything is rendered.

Every image of a draft must be an image file inside the draft's folder; ``scan_images``
names each one with where it is written, ``check_images`` refuses the export
when one is not. An image is what its bytes say (PNG, JPEG, GIF, WebP, or SVG),
never what its name says; hidden files and drafts are never images. An SVG is
read without DTDs or entities and refused when it could run or fetch anything
(scripts, event handlers, ``foreignObject``, outside references) or when its
``<use>`` elements and markers would draw more than ``MAX_SVG_EXPANSION`` extra
elements. Pixels are read from the file's header, never decoded, and kept within
``MAX_PIXELS`` per image and ``MAX_DRAFT_PIXELS`` per draft.

``check_words`` keeps the PDF's layout within its budget (long words, footnotes).
"""

from __future__ import annotations

import os
import re
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit
from xml.parsers import expat

from newsletter_cli.draft.model import Draft, KeyPath, Location, Paragraph
from newsletter_cli.errors import BlockedResourceError, NewsletterError
from newsletter_cli.text import markdown as md


@dataclass(frozen=True)
class LocalImage:
    """An image of the draft that is a file in the draft's folder."""

    src: str  # as written in the draft
    file: Path  # resolved
    relative: str  # POSIX path inside the draft's folder
    kind: str = ""  # "png", "jpeg", "gif", "webp" or "svg", from the file's content
    pixels: int = 0  # width x height from the header (0 for SVG)
    width: int = 0  # pixels across, from the header (0 for SVG)


#: Per image: a 50-megapixel photo decodes to 200 MB; Pillow itself warns at 89 MP.
MAX_PIXELS = 50_000_000
#: Per draft: every image is decoded at once while the PDF is laid out.
MAX_DRAFT_PIXELS = 200_000_000
#: Elements an SVG may add through ``<use>`` (each draws a copy of what it names) and markers
#: (each draws a copy at every vertex of its shape).
MAX_SVG_EXPANSION = 10_000
#: An SVG is parsed whole; real illustrations are far smaller.
MAX_SVG_BYTES = 5_000_000


def check_images(draft: Draft) -> dict[str, LocalImage]:
    """Every image of the draft, which must be an image file inside the draft's folder.

    Anything else (a web address, ``file://``, an absolute path, ``..`` or a
    symlink leading out, a hidden file, a draft, a file that is no image, an unsafe
    SVG, too many pixels) is a blocked resource, reported at its line.
    """
    found: dict[str, LocalImage] = {}
    problems: list[str] = []
    pixels = 0
    for src, where, image in scan_images(draft):
        if isinstance(image, str):
            problems.append(f"{where}: blocked image {src}: {image}")
            continue
        found[src] = image
        pixels += image.pixels
        if pixels > MAX_DRAFT_PIXELS >= pixels - image.pixels:
            problems.append(
                f"{where}: blocked image {src}: with it the draft's images have "
                f"{pixels:,} pixels (at most {MAX_DRAFT_PIXELS:,} in one draft); "
                "use smaller copies of the pictures"
            )
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
    """The image file ``src`` (as written in a draft in ``folder``) names, or why it is none."""
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
    relative = resolved.relative_to(folder)
    if any(part.startswith(".") for part in (*Path(raw).parts, *relative.parts) if part != ".."):
        return "a hidden file or folder (its name starts with a dot); never published"
    if resolved.suffix.lower() == ".toml":
        return "a draft or settings file (.toml), never published as an image"
    content = identify(resolved)
    if isinstance(content, str):
        return content
    kind, width, height = content
    pixels = width * height
    if pixels > MAX_PIXELS:
        return (
            f"{pixels:,} pixels, more than a page can use (at most {MAX_PIXELS:,}); "
            "use a smaller copy of the picture"
        )
    return LocalImage(src, resolved, relative.as_posix(), kind, pixels, width)


#: Pillow's names of the raster formats every output (PDF, browsers, mail readers) shows.
_RASTER = {"PNG": "png", "JPEG": "jpeg", "GIF": "gif", "WEBP": "webp"}


def identify(file: Path) -> tuple[str, int, int] | str:
    """``(kind, width, height)`` from the file's content, or why it is not an image we publish.

    A raster image's size comes from its header (Pillow reads no pixel data until asked);
    an SVG is checked by ``svg_problem``, and its size is 0 x 0 (it has no pixels).
    """
    try:
        with file.open("rb") as stream:
            head = stream.read(512)
    except OSError as error:
        return f"cannot be read ({error.strerror or error})"
    if _looks_like_xml(head):
        return _svg(file)
    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(file, formats=tuple(_RASTER)) as picture:
                width, height = picture.size
                kind = _RASTER[str(picture.format)]
    except Image.DecompressionBombError:
        return (
            f"too many pixels to decode (at most {MAX_PIXELS:,}); use a smaller copy of the picture"
        )
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        return "not an image (a PNG, JPEG, GIF, WebP or SVG file, by its content)"
    return kind, width, height


def _looks_like_xml(head: bytes) -> bool:
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<")


def _svg(file: Path) -> tuple[str, int, int] | str:
    if file.stat().st_size > MAX_SVG_BYTES:
        return f"an SVG larger than {MAX_SVG_BYTES:,} bytes"
    problem = svg_problem(file.read_bytes())
    return f"SVG {problem}" if problem else ("svg", 0, 0)


_SAFE_DATA = re.compile(r"data:image/(png|jpeg|gif|webp)[;,]", re.IGNORECASE)
_URL = re.compile(r"url\(\s*['\"]?([^'\")\s]*)", re.IGNORECASE)


def _outside_reference(value: str) -> str | None:
    """The first address in an attribute or style that points outside the SVG, if any."""
    targets = [m.group(1) for m in _URL.finditer(value)]
    if "@import" in value.lower():
        return "@import"
    for target in targets:
        if not target.startswith("#") and not _SAFE_DATA.match(target):
            return target or "url()"
    return None


class _SvgReader:
    """One pass of expat over an SVG: refuses DTDs and what could run or fetch anything,
    and records the element tree with its ids and the references that draw copies: ``<use>``
    (one copy) and markers (one per vertex of the shape that names them)."""

    def __init__(self) -> None:
        self.children: list[list[int]] = []
        #: node -> [(id it draws, how many times)]
        self.draws: dict[int, list[tuple[str, int]]] = {}
        self.ids: dict[str, int] = {}
        self.root_name = ""
        self.problem: str | None = None
        self._open: list[int] = []
        self._in_style = 0

    def start(self, name: str, attributes: dict[str, str]) -> None:
        local = name.rsplit(":", 1)[-1]
        if not self.children:
            self.root_name = local
        node = len(self.children)
        self.children.append([])
        if self._open:
            self.children[self._open[-1]].append(node)
        self._open.append(node)
        if local in ("script", "foreignObject", "iframe", "embed", "object"):
            self._refuse(f"with a <{local}> element (an image must not run or embed anything)")
        if local == "style":
            self._in_style += 1
        for key, value in attributes.items():
            attribute = key.rsplit(":", 1)[-1]
            if attribute.lower().startswith("on"):
                self._refuse(f"with an event handler ({key}) on <{local}>")
            elif attribute == "id":
                self.ids.setdefault(value, node)
            elif attribute == "href":
                target = value.strip()
                if local == "use" and target.startswith("#"):
                    self.draws.setdefault(node, []).append((target[1:], 1))
                elif not target.startswith("#") and not _SAFE_DATA.match(target):
                    self._refuse(f"with a reference outside the image ({target[:80]}) on <{local}>")
            else:
                outside = _outside_reference(value)
                if outside:
                    self._refuse(
                        f"with a reference outside the image ({outside[:80]}) on <{local}>"
                    )
        self._markers(node, attributes)

    def _markers(self, node: int, attributes: dict[str, str]) -> None:
        """Markers the element draws, from its attributes or its ``style``."""
        found = [(key, value) for key, value in attributes.items() if key.startswith("marker")]
        found += _MARKER_STYLE.findall(attributes.get("style", ""))
        if not found:
            return
        shape = attributes.get("points", "") + " " + attributes.get("d", "")
        vertices = max(2, len(_NUMBER.findall(shape)) // 2)
        for key, value in found:
            target = _URL.search(value)
            if target and target.group(1).startswith("#"):
                times = 1 if key.strip().endswith(("-start", "-end")) else vertices
                self.draws.setdefault(node, []).append((target.group(1)[1:], times))

    def end(self, name: str) -> None:
        self._open.pop()
        if name.rsplit(":", 1)[-1] == "style":
            self._in_style -= 1

    def text(self, data: str) -> None:
        if self._in_style:
            outside = _outside_reference(data)
            if outside:
                self._refuse(f"with a style that reaches outside the image ({outside[:80]})")

    def doctype(self, *_: Any) -> Any:
        raise _Refused("with a DOCTYPE (DTDs and entities are never read)")

    def _refuse(self, problem: str) -> None:
        if self.problem is None:
            self.problem = problem


_MARKER_STYLE = re.compile(r"(marker(?:-start|-mid|-end)?)\s*:\s*([^;]*)", re.IGNORECASE)
_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")


class _Refused(Exception):
    pass


def svg_problem(data: bytes) -> str | None:
    """Why an SVG is refused, or None when it is safe to show and to lay out."""
    reader = _SvgReader()
    parser = expat.ParserCreate()
    parser.StartDoctypeDeclHandler = reader.doctype
    parser.EntityDeclHandler = reader.doctype
    parser.ExternalEntityRefHandler = reader.doctype
    parser.StartElementHandler = reader.start
    parser.EndElementHandler = reader.end
    parser.CharacterDataHandler = reader.text
    try:
        parser.Parse(data, True)
    except _Refused as refused:
        return str(refused)
    except expat.ExpatError as error:
        return f"that is not well-formed XML (line {error.lineno}: {expat.ErrorString(error.code)})"
    if reader.root_name != "svg":
        return "not an image (XML whose root is not <svg>)"
    if reader.problem:
        return reader.problem
    return _expansion_problem(reader)


def _expansion_problem(svg: _SvgReader) -> str | None:
    """Count the elements the SVG draws once every ``<use>`` and marker is expanded, on the
    reference graph (each element once, memoised), without expanding anything; a cycle is
    refused."""
    size: dict[int, int] = {}
    visiting: set[int] = set()
    limit = len(svg.children) + MAX_SVG_EXPANSION
    stack: list[tuple[int, bool]] = [(0, False)]
    while stack:
        node, expanded = stack.pop()
        if node in size:
            continue
        drawn = [
            (svg.ids[name], times) for name, times in svg.draws.get(node, ()) if name in svg.ids
        ]
        needs = [*svg.children[node], *(target for target, _ in drawn)]
        if not expanded:
            if node in visiting:
                return "whose <use> or marker references form a cycle"
            visiting.add(node)
            stack.append((node, True))
            for need in needs:
                if need in visiting and need not in size:
                    return "whose <use> or marker references form a cycle"
                if need not in size:
                    stack.append((need, False))
            continue
        visiting.discard(node)
        own = sum(size[child] for child in svg.children[node])
        copies = sum(size[target] * times for target, times in drawn)
        size[node] = min(limit + 1, 1 + own + copies)
    if size[0] > limit:
        return (
            f"whose <use> and marker references draw more than {MAX_SVG_EXPANSION:,} copies of its "
            "elements (too slow to lay out); simplify it or export it as a PNG"
        )
    return None


# ---------------------------------------------------------------- the PDF's layout budget
#
# WeasyPrint's line breaking and footnote placement grow faster than the text: one "word" of
# 2,000 letters costs seconds, 40 of them 100 s; 1,000 links in a paragraph (each address
# printed as a footnote) 98 s. The budget below keeps every draft a person writes and refuses,
# before layout and at its place in the file, what would take minutes.

#: Longer runs of characters without a space cannot be broken into lines in reasonable
#: time and memory by the PDF layout engine; no real word or address is anywhere near it.
MAX_WORD = 2000
#: A "long word" (an address written out, a chemical name) is longer than this...
LONG_WORD = 100
#: ... and all of a draft's long words together may have at most this many characters.
MAX_LONG_WORDS = 5000
#: Web links in one paragraph (each one's address becomes a footnote in the PDF) ...
MAX_NOTES_PER_PARAGRAPH = 20
#: ... and in the whole draft.
MAX_NOTES = 200
_LONG = re.compile(rf"\S{{{LONG_WORD + 1},}}")


def check_words(draft: Draft) -> None:
    """Refuse, before the PDF's layout, what it cannot lay out in reasonable time and memory:
    a "word" over ``MAX_WORD`` characters anywhere (e.g. pasted binary data), long words over
    ``MAX_LONG_WORDS`` characters in all, and more web links (footnotes) than
    ``MAX_NOTES_PER_PARAGRAPH`` in a paragraph or ``MAX_NOTES`` in the draft."""
    problems: list[str] = []
    long_total = 0
    for where, text in _texts(draft):
        for match in _LONG.finditer(text):
            size = len(match.group())
            long_total += size
            if size > MAX_WORD:
                problems.append(
                    f"{where(match.start())}: a run of {size:,} characters without a space "
                    f"cannot be laid out on a page (at most {MAX_WORD:,}); break it up or remove it"
                )
            elif long_total > MAX_LONG_WORDS >= long_total - size:
                problems.append(
                    f"{where(match.start())}: with this one the draft's words longer than "
                    f"{LONG_WORD} characters have {long_total:,} characters (at most "
                    f"{MAX_LONG_WORDS:,}: they take the PDF's layout minutes); shorten them"
                )
    problems.extend(_note_problems(draft))
    if problems:
        raise NewsletterError("\n".join(problems))


def _texts(draft: Draft) -> Iterator[tuple[Callable[[int], Location], str]]:
    """Every text of the draft the PDF shows, with a function from an offset in it to its place
    in the file: paragraphs line by line, the one-line fields at their key."""
    for paragraph in draft.paragraphs():
        yield _in_paragraph(draft, paragraph), paragraph.text
    fields: list[tuple[KeyPath, str | None]] = [
        (("title",), draft.title),
        (("summary",), draft.summary),
    ]
    fields += [(("authors", i), author) for i, author in enumerate(draft.authors)]
    for i, section in enumerate(draft.sections):
        fields += [(("sections", i, "heading"), section.heading)]
        fields += [(("sections", i, "location"), section.location)]
    for key, value in fields:
        if value:
            yield _at(draft.location(key)), value


def _at(place: Location) -> Callable[[int], Location]:
    return lambda _offset: place


def _in_paragraph(draft: Draft, paragraph: Paragraph) -> Callable[[int], Location]:
    def where(offset: int) -> Location:
        before = paragraph.text[:offset]
        line = before.count("\n")
        if paragraph.field not in draft.source.text_lines:
            return paragraph.location
        pos = draft.source.text_line(paragraph.field, paragraph.first_line + line)
        column = offset - (before.rfind("\n") + 1)
        return Location(draft.display_path, pos.line, pos.column + column)

    return where


def _note_problems(draft: Draft) -> Iterator[str]:
    """Web links whose address the PDF prints as a footnote, per paragraph and in all."""
    total = 0
    for key, text, _section in draft.texts():
        per_block: dict[int, int] = {}
        for link in md.links(text):
            if urlsplit(link.href).scheme.lower() in ("http", "https"):
                per_block[link.line] = per_block.get(link.line, 0) + 1
        for line, count in per_block.items():
            pos = draft.source.text_line(key, line)
            where = Location(draft.display_path, pos.line, pos.column)
            total += count
            if count > MAX_NOTES_PER_PARAGRAPH:
                yield (
                    f"{where}: a paragraph with {count:,} web links (at most "
                    f"{MAX_NOTES_PER_PARAGRAPH} in one paragraph: the PDF prints each address as "
                    "a footnote, and many in one paragraph take its layout minutes); split it"
                )
            elif total > MAX_NOTES >= total - count:
                yield (
                    f"{where}: with this paragraph the draft has {total:,} web links (at most "
                    f"{MAX_NOTES}: the PDF prints each address as a footnote); move some to the "
                    "web page or split the issue"
                )
