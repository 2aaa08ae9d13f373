"""The sources of an import: which files, read how (Markdown or plain text), one file at a time.

A file is read once, as UTF-8 text of at most the size of a draft; what is not text
(a PDF, a Word document, an image) is refused with a sentence saying what to do instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

from newsletter_cli.draft.readfile import UnreadableFile, read_regular
from newsletter_cli.draft.tomlsource import MAX_BYTES, byte_position
from newsletter_cli.errors import display_path
from newsletter_cli.importer.imported import FromOption, Imported, SourceError, SourceFormat
from newsletter_cli.importer.markdown_issue import import_markdown
from newsletter_cli.importer.plain_text import import_text

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd", ".mkdn", ".mdwn"})
TEXT_SUFFIXES = frozenset({".txt", ".text"})
_BINARY_HINTS: Mapping[str, str] = {
    ".pdf": "a PDF: extract its text first (e.g. `pdftotext -layout FILE`), import the .txt",
    ".docx": "a Word document: save it as plain text or Markdown first",
    ".doc": "a Word document: save it as plain text or Markdown first",
    ".odt": "an OpenDocument file: save it as plain text or Markdown first",
    ".html": "an HTML page: convert it to Markdown first",
    ".htm": "an HTML page: convert it to Markdown first",
}


# -- reading a file --------------------------------------------------------------------


def read_source(path: Path) -> str:
    """The file's text with line endings normalised; ``SourceError`` if it is not text."""
    shown = display_path(path)
    hint = _BINARY_HINTS.get(path.suffix.lower())
    if hint:
        raise SourceError(f"{shown}: {hint}")
    try:
        # at most the limit: the draft it makes would be refused by every other command
        data = read_regular(path, MAX_BYTES, "issue to import")
    except UnreadableFile as error:
        raise SourceError(f"{shown}: {error.reason}") from error
    if data.startswith(b"%PDF"):
        raise SourceError(f"{shown}: {_BINARY_HINTS['.pdf']}")
    if b"\x00" in data[:8192]:
        raise SourceError(f"{shown}: not a text file (it holds binary data)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line, column = byte_position(data, error.start)
        raise SourceError(
            f"{shown}:{line}:{column}: not UTF-8 text (byte 0x{data[error.start]:02X}); "
            "save the file as UTF-8 and import it again"
        ) from error
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise SourceError(f"{shown}: the file is empty")
    return text


def detect_format(path: Path, text: str) -> SourceFormat:
    """Markdown by suffix, or by content when the suffix says nothing."""
    suffix = path.suffix.lower()
    if suffix in MARKDOWN_SUFFIXES:
        return "markdown"
    if suffix in TEXT_SUFFIXES:
        return "text"
    # A sniff of the head, not a reading: a heading, a link reference definition or a code
    # fence at the start of a line says Markdown. The definitions themselves are read by
    # markdown-it (``markdown_issue``); a stricter shape than CommonMark's (no indent, one
    # space) keeps a plain-text footnote list from passing for Markdown.
    head = text[:4000]
    if head.startswith(("---\n", "+++\n")) or re.search(
        r"(?m)^#{1,6} \S|^\[[^\]]+\]: \S|^```", head
    ):
        return "markdown"
    return "text"


def import_file(path: Path, source_format: FromOption = "auto") -> Imported:
    """Read one file and turn it into a draft; ``SourceError`` when that is impossible."""
    text = read_source(path)
    chosen = detect_format(path, text) if source_format == "auto" else source_format
    if chosen == "markdown":
        return import_markdown(text, path)
    return import_text(text, path)


# -- many files: the folders given -----------------------------------------------------

IGNORED_SUFFIXES = frozenset(
    {
        ".png",
        ".jpg",
        ".jpeg",
        ".gif",
        ".svg",
        ".webp",
        ".ico",
        ".css",
        ".js",
        ".json",
        ".xml",
        ".yml",
        ".yaml",
        ".toml",
        ".lock",
        ".zip",
        ".gz",
    }
)


def collect(sources: Sequence[Path]) -> tuple[list[Path], list[Path], list[str]]:
    """Files to import: (files, ignored files in folders, sources that do not exist)."""
    files: list[Path] = []
    ignored: list[Path] = []
    missing: list[str] = []
    for source in sources:
        if source.is_dir():
            for path in sorted(_walk(source)):
                if path.suffix.lower() in IGNORED_SUFFIXES:
                    ignored.append(path)
                else:
                    files.append(path)
        elif source.exists():
            files.append(source)  # read_source says why a FIFO or a device is refused
        else:
            missing.append(f"{display_path(source)}: no such file or folder")
    seen: set[Path] = set()
    unique = []
    for path in files:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(path)
    return unique, ignored, missing


def _walk(folder: Path) -> Iterator[Path]:
    for path in folder.iterdir():
        if path.name.startswith("."):
            continue
        if path.is_dir():
            yield from _walk(path)
        elif path.is_file():
            yield path
