"""Plain text (also text extracted from a PDF) -> a draft: hard-wrapped lines re-joined.

Hard-wrapped lines become paragraphs again (a short title-case line on its own is a
boundary), running headers, footers and page numbers are dropped, short lines between
paragraphs become section headings, and a leading line such as "June 2019" becomes
the issue's date.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from newsletter_cli.draft.model import Section
from newsletter_cli.importer.imported import (
    DATE_FROM_FILE_NAME,
    DATE_FROM_TEXT,
    HEADINGS_FROM_SHORT_LINES,
    TITLE_FROM_FIRST_LINE,
    Imported,
)
from newsletter_cli.importer.metadata import Metadata, fill_from_file_name, masthead, to_imported

_BULLET = re.compile(r"^\s*(?:[-*\u2022\u00b7\u25aa\u25e6\u2023\u2013]|\d{1,3}[.)])\s+")
_SENTENCE_END = re.compile(r"[.!?:;\u2026][\"'\u201d\u2019)\]]*$")
_SALUTATION = re.compile(r"^(?:dear|hello|hi|greetings|to)\b[^.!?]{0,40},$", re.IGNORECASE)
_PAGE_NUMBER = re.compile(r"^\s*(?:page\s+)?\d{1,3}(?:\s*(?:/|of)\s*\d{1,3})?\s*$", re.IGNORECASE)


def import_text(text: str, path: Path) -> Imported:
    """Plain text as a draft: paragraphs re-joined, a leading date line used as the date."""
    meta = Metadata(path)
    fill_from_file_name(meta)
    blocks = _text_blocks(text)
    _take_head(blocks, meta)
    paragraphs = _rejoin(blocks)
    intro: list[str] = []
    sections: list[tuple[str, list[str]]] = []
    for index, paragraph in enumerate(paragraphs):
        following = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
        if (
            "\n" not in paragraph
            and _looks_like_heading(paragraph)
            and following is not None
            and not _looks_like_heading(following)
        ):
            sections.append((paragraph.strip().rstrip(":"), []))
        elif sections:
            sections[-1][1].append(paragraph)
        else:
            intro.append(paragraph)
    if sections:
        meta.guesses.append(HEADINGS_FROM_SHORT_LINES)
    built = [Section(heading=h, body="\n\n".join(body)) for h, body in sections]
    return to_imported(meta, "\n\n".join(intro), built, "text", "none")


def _take_head(blocks: list[list[str]], meta: Metadata) -> None:
    """The head of the letter: a title line and a date line ("June 2019"), in either order.

    A word or two above the dateline ("Subscribe!") does not hide it: that line is kept as
    the first paragraph of the text.
    """
    aside = _above_dateline(blocks)
    _read_head(blocks, meta)
    if aside is not None:
        blocks.insert(0, [aside])


def _above_dateline(blocks: list[list[str]]) -> str | None:
    """A short first line that is neither a date nor a title, taken out when a dateline
    follows it."""
    if not blocks:
        return None
    line = blocks[0][0]
    following = blocks[0][1] if len(blocks[0]) > 1 else blocks[1][0] if len(blocks) > 1 else ""
    if (
        len(line.split()) <= 3
        and len(line.strip()) <= 30
        and not _looks_like_heading(line)
        and masthead(line)[1] is None
        and masthead(following)[1] is not None
    ):
        blocks[0].pop(0)
        if not blocks[0]:
            blocks.pop(0)
        return line.strip()
    return None


def _read_head(blocks: list[list[str]], meta: Metadata) -> None:
    for _ in range(3):
        if not blocks:
            return
        line = blocks[0][0]
        name, hint, number = masthead(line)
        if hint is not None and (meta.date is None or DATE_FROM_FILE_NAME in meta.guesses):
            if meta.date is not None:
                meta.guesses.remove(DATE_FROM_FILE_NAME)
            meta.date = hint
            meta.guesses.append(DATE_FROM_TEXT)
            if number and meta.number is None:
                meta.number = number
            if name and meta.title is None and _looks_like_heading(name):
                meta.title = name  # "RIVER VOICES    Issue 12 - June 2019"
                meta.guesses.append(TITLE_FROM_FIRST_LINE)
        elif (
            meta.title is None
            and _looks_like_heading(line)
            and (len(blocks[0]) > 1 or len(blocks) > 1)
        ):
            meta.title = line.strip()
            meta.guesses.append(TITLE_FROM_FIRST_LINE)
        else:
            return
        blocks[0].pop(0)
        if not blocks[0]:
            blocks.pop(0)


def _text_blocks(text: str) -> list[list[str]]:
    """Runs of non-blank lines, without page numbers and running headers or footers."""
    pages = [page.split("\n") for page in text.split("\f")]
    running = _running_lines(pages) if len(pages) > 1 else set()
    blocks: list[list[str]] = []
    current: list[str] = []
    for page in pages:  # a paragraph may go on over a page break: pages do not end blocks
        for raw in page:
            line = raw.rstrip()
            if not line.strip() or _PAGE_NUMBER.match(line) or _page_key(line) in running:
                if current and not line.strip():
                    blocks.append(current)
                    current = []
                continue
            current.append(line)
    if current:
        blocks.append(current)
    return blocks


def _page_key(line: str) -> str:
    return re.sub(r"\d+", "#", " ".join(line.split()).casefold())


def _running_lines(pages: Sequence[list[str]]) -> set[str]:
    """Lines that stand at the top or bottom of several pages: running headers and footers."""
    seen: dict[str, int] = {}
    for page in pages:
        filled = [line for line in page if line.strip()]
        for key in {_page_key(line) for line in filled[:2] + filled[-2:]}:
            seen[key] = seen.get(key, 0) + 1
    return {key for key, count in seen.items() if count >= 2}


def _looks_like_heading(line: str) -> bool:
    text = line.strip()
    return (
        0 < len(text) <= 60
        and not _SENTENCE_END.search(text.rstrip(":") if text.endswith(":") else text)
        and not _BULLET.match(text)
        and not text.endswith(",")
        and len(text.split()) <= 10
    )


def _rejoin(blocks: Iterable[list[str]]) -> list[str]:
    """Hard-wrapped lines back into paragraphs; list items stay one per line."""
    all_lines = [line for block in blocks for line in block]
    widths = sorted(len(line.strip()) for line in all_lines)
    width = widths[int(len(widths) * 0.9)] if widths else 0
    short = max(20, int(width * 0.75))
    paragraphs: list[str] = []
    for block in blocks:
        items = _block_items(block, short, width)
        if any(_BULLET.match(item) for item in items):
            paragraphs.append("\n".join(_escape_text(i, list_item=True) for i in items))
        else:
            paragraphs.extend(_escape_text(i) for i in items)
    return paragraphs


def _block_items(block: Sequence[str], short: int, width: int) -> list[str]:
    """One block's lines as paragraphs or list items: a short line ending a sentence, followed
    by a line starting one, ends a paragraph; a bullet starts an item. Lines of ``width``
    were wrapped; a shorter one ended where its writer ended it (see ``_join``)."""
    items: list[list[str]] = []
    #: Lines that stand alone as a boundary (see ``_is_boundary``): the next line starts anew.
    boundaries: set[int] = set()
    for index, raw in enumerate(block):
        line = raw.strip()
        previous = block[index - 1].strip() if index else ""
        bullet = _BULLET.match(line)
        if bullet:
            marker = bullet.group(0).strip()
            marker = f"{marker} " if marker[0].isdigit() else "- "
            items.append([marker + line[bullet.end() :]])
            continue
        if index and _is_boundary(block, index, short, width):
            boundaries.add(index)
            items.append([line])
            continue
        if index - 1 in boundaries:
            items.append([line])
            continue
        ends_sentence = bool(previous) and bool(_SENTENCE_END.search(previous))
        starts_one = line[:1].isupper() or line[:1].isdigit()
        after_break = (
            bool(items)
            and len(items[-1]) == 1
            and previous[:1].isupper()
            and len(previous) < short
            and (_looks_like_heading(previous) or _SALUTATION.match(previous) is not None)
            and (
                index < 2
                or _SENTENCE_END.search(block[index - 2].strip()) is not None
                or index - 2 in boundaries
            )
            # prose follows; a last short line with no full stop is an address's next line
            and (index < len(block) - 1 or _SENTENCE_END.search(line) is not None)
        )
        if (
            not items
            or (ends_sentence and len(previous) < short and starts_one)
            or (after_break and starts_one)
        ):
            items.append([line])
        else:
            items[-1].append(line)
    return [_join(item, short if not _LIST_ITEM.match(item[0]) else 0, width) for item in items]


#: Words a title-case line may keep in lower case ("Notes from the Field").
_MINOR_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "but",
        "by",
        "de",
        "for",
        "from",
        "in",
        "la",
        "le",
        "of",
        "on",
        "or",
        "the",
        "to",
        "via",
        "von",
        "with",
    ]
)


def _is_title_case(line: str) -> bool:
    """A short line of capitalised words (or numbers): "June 2019", "News from the Mill"."""
    words = line.split()
    return (
        0 < len(words) <= 6
        and len(line) <= 40
        and not _SENTENCE_END.search(line)
        and not line.endswith(",")
        and any(word[:1].isupper() for word in words)
        and all(
            word[:1].isupper() or word[:1].isdigit() or (n and word in _MINOR_WORDS)
            for n, word in enumerate(words)
        )
    )


def _is_boundary(block: Sequence[str], index: int, short: int, width: int) -> bool:
    """A short title-case line between two paragraphs ("June 2019" between the end of one
    letter and "Dear friends," of the next) ends the paragraph above it, even where that
    one's last sentence was cut: it was put on its own line by hand (its first word would
    have fitted on the line above), and what follows starts anew."""
    line, previous = block[index].strip(), block[index - 1].strip()
    if index + 1 >= len(block):  # the last line of a block: a blank line follows anyway
        return False
    following = block[index + 1].strip()
    return (
        _is_title_case(line)
        and len(line) < short
        and not _is_title_case(previous)  # the lines of an address
        and len(previous) + 1 + len(line.split()[0]) <= width
        and (following[:1].isupper() or following[:1].isdigit())
    )


#: A list item as ``_block_items`` writes it: its continuation lines are always wrapped.
_LIST_ITEM = re.compile(r"^(?:- |\d+[.)] )")
_WORDS = re.compile(r"\w")


def _join(lines: Sequence[str], short: int, width: int) -> str:
    """The lines of one paragraph as one, except where a line was ended by hand.

    A wrapped line ends because the next word did not fit; a line shorter than ``short``
    after which the next word would have fitted was ended on purpose (a sign-off over two
    lines, an address), so the break is kept as a Markdown hard break: a backslash at the
    end of the line.
    """
    text = lines[0]
    for previous, line in itertools.pairwise(lines):
        first_word = len(line.split(maxsplit=1)[0])
        if (
            len(previous) < short
            and len(previous) + 1 + first_word <= width
            and _WORDS.search(line)  # not an underline (=====)
        ):
            text += "\\\n" + line
        elif re.search(r"\w[\u2010\u00ad]$", text) and line[:1].islower():
            text = text[:-1] + line  # a typesetter's hyphenation: the word was whole
        elif re.search(r"\w-$", text) and line[:1].islower():
            text += line  # keep a typed hyphen (well-known), drop the break
        else:
            text += " " + line
    return text


def _escape_text(paragraph: str, list_item: bool = False) -> str:
    """Plain text that Markdown would misread (a leading `#` or `>`) gets a backslash."""
    if not list_item and paragraph[:1] in ("#", ">", "+", "="):
        return "\\" + paragraph
    return paragraph
