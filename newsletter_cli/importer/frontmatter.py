"""Front matter of an imported Markdown file: YAML (`---`), TOML (`+++`), Pelican headers or none.

Static site generators keep an issue's title, date and other metadata in a
block at the top of the file. This module finds that block, parses it with
the proper parser (PyYAML for YAML, ``tomllib`` for TOML) and hands back the
values and the body below it, with the line where the body starts so that
later positions can still point into the original file.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from newsletter_cli.draft.fields import brief  # the one way a value is quoted in a message

Style = Literal["yaml", "toml", "pelican", "none"]

#: Keys that make a leading ``Key: Value`` block Pelican metadata rather than prose.
PELICAN_KEYS = frozenset(
    {
        "title",
        "date",
        "modified",
        "author",
        "authors",
        "category",
        "tags",
        "slug",
        "summary",
        "lang",
        "language",
        "status",
        "number",
        "issue",
        "template",
        "save_as",
        "url",
    }
)

_YAML_KEY = re.compile(r"^[A-Za-z_][\w-]*:(?:\s|$)")
_PELICAN_LINE = re.compile(r"^([A-Za-z][A-Za-z0-9_-]*(?: [A-Za-z0-9_-]+)?):(?:\s+(.*))?$")


class FrontMatterError(ValueError):
    """Front matter that cannot be parsed; ``line`` and ``column`` are 1-based in the file."""

    def __init__(self, line: int, column: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.column = column
        self.message = message


@dataclass(frozen=True)
class FrontMatter:
    """The metadata block of a file and the Markdown body below it."""

    style: Style
    body: str
    #: 0-based index in the file of the body's first line.
    body_line: int = 0
    #: Keys lower-cased; values as the parser produced them.
    values: Mapping[str, Any] = field(default_factory=dict)
    #: Where each top-level key's value starts in the file: (line, column), both 1-based.
    positions: Mapping[str, tuple[int, int]] = field(default_factory=dict)


def split(text: str) -> FrontMatter:
    """Separate front matter from the body; raise ``FrontMatterError`` if it is broken."""
    lines = text.split("\n")
    first = lines[0].rstrip() if lines else ""
    if first == "---":
        return _delimited(lines, "yaml", ("---", "..."))
    if first == "+++":
        return _delimited(lines, "toml", ("+++",))
    return _pelican(lines) or FrontMatter("none", text)


def _delimited(lines: list[str], style: Style, closers: tuple[str, ...]) -> FrontMatter:
    for end in range(1, len(lines)):
        if lines[end].rstrip() in closers:
            break
    else:
        following = next((line for line in lines[1:] if line.strip()), "")
        if style == "yaml" and not _YAML_KEY.match(following):
            # a lone `---` at the top is a thematic break, not front matter
            return FrontMatter("none", "\n".join(lines))
        fence = lines[0].rstrip()
        raise FrontMatterError(1, 1, f"front matter opened with {fence} is never closed")
    raw = "\n".join(lines[1:end])
    values = _yaml(raw) if style == "yaml" else _toml(raw)
    body = "\n".join(lines[end + 1 :])
    keys = {str(k).lower(): v for k, v in values.items()}
    return FrontMatter(style, body, end + 1, keys, _positions(lines, 1, end))


#: An alias (``*name``) repeats an anchored value; a few are harmless, but nested ones
#: multiply (a few hundred bytes can stand for billions of values), so more are refused.
MAX_ALIASES = 16


@functools.cache
def _loader() -> type[Any]:
    """PyYAML's safe loader, refusing many aliases and values Python cannot hold, with positions."""
    import yaml

    class FrontMatterLoader(yaml.SafeLoader):
        aliases = 0

        def compose_node(self, parent: Any, index: Any) -> Any:
            if self.check_event(yaml.AliasEvent):
                self.aliases += 1
                if self.aliases > MAX_ALIASES:
                    mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]
                    raise FrontMatterError(
                        mark.line + 2,
                        mark.column + 1,
                        f"front matter repeats values by alias (*name) more than {MAX_ALIASES} "
                        "times; write the values out",
                    )
            return super().compose_node(parent, index)

        def construct_object(self, node: Any, deep: bool = False) -> Any:
            try:
                return super().construct_object(node, deep)
            except FrontMatterError:
                raise
            except (ValueError, OverflowError) as error:
                # a date like 0000-01-01 or 2020-07-01T25:00:00, a 5,000-digit number
                mark = node.start_mark
                raise FrontMatterError(
                    mark.line + 2,
                    mark.column + 1,
                    f"front matter is not valid YAML: {brief(node.value)} cannot be read: {error}",
                ) from error

    return FrontMatterLoader


def _yaml(raw: str) -> Mapping[Any, Any]:
    import yaml

    try:
        values = yaml.load(raw, Loader=_loader())  # a SafeLoader: builds plain values only
    except yaml.MarkedYAMLError as error:
        # "while scanning a quoted scalar" points at where the trouble starts, the problem
        # ("found unexpected end of stream") often only at the end of the block
        mark = error.context_mark or error.problem_mark
        line, column = (mark.line + 2, mark.column + 1) if mark else (2, 1)
        reason = ": ".join(part for part in (error.context, error.problem) if part) or "invalid"
        if error.problem == "mapping values are not allowed here":
            # the commonest slip: "title: Spring: the sequel"
            reason += '; a value with ": " in it needs quotes, as in title: "Spring: the sequel"'
        raise FrontMatterError(line, column, f"front matter is not valid YAML: {reason}") from error
    except yaml.YAMLError as error:
        raise FrontMatterError(2, 1, f"front matter is not valid YAML: {error}") from error
    except RecursionError:
        raise FrontMatterError(2, 1, "front matter is nested too deeply to read") from None
    if values is None:
        return {}
    if not isinstance(values, dict):
        raise FrontMatterError(
            2, 1, "front matter must be `key: value` lines, not a single value or list"
        )
    return values


def _toml(raw: str) -> Mapping[str, Any]:
    try:
        return tomllib.loads(raw)
    except tomllib.TOMLDecodeError as error:
        match = re.search(r"\(at line (\d+), column (\d+)\)", str(error))
        if match:
            line, column = int(match.group(1)) + 1, int(match.group(2))
        else:  # "(at end of document)"
            line, column = raw.count("\n") + 2, len(raw.rsplit("\n", 1)[-1]) + 1
        reason = re.sub(r"\s*\(at (?:line|end of).*\)$", "", str(error))
        raise FrontMatterError(line, column, f"front matter is not valid TOML: {reason}") from error


def _pelican(lines: list[str]) -> FrontMatter | None:
    values: dict[str, Any] = {}
    key: str | None = None
    end = 0
    for end, line in enumerate(lines):  # noqa: B007 - `end` is used after the loop
        if not line.strip():
            break
        match = _PELICAN_LINE.match(line)
        if match:
            key = match.group(1).lower()
            values[key] = (match.group(2) or "").strip()
        elif key is not None and line[:1] in (" ", "\t"):
            values[key] = f"{values[key]} {line.strip()}".strip()
        else:
            return None
    else:
        end = len(lines)
    if not values or not PELICAN_KEYS.intersection(values):
        return None
    return FrontMatter(
        "pelican", "\n".join(lines[end + 1 :]), end + 1, values, _positions(lines, 0, end)
    )


#: A top-level key at the start of a line, and what stands between it and its value. The key
#: ends at its last non-space (possessive: a long run of spaces before no ":" is scanned once).
_KEY_AT_LINE_START = re.compile(r"([A-Za-z_](?:[ ]*+[\w-])*+)[ \t]*+[:=][ \t]*")


def _positions(lines: list[str], start: int, end: int) -> dict[str, tuple[int, int]]:
    """(line, column) of each top-level key's value in ``lines[start:end]``, found by scanning
    the raw lines (the parsers give values, not positions); the first occurrence counts."""
    found: dict[str, tuple[int, int]] = {}
    for number in range(start, end):
        match = _KEY_AT_LINE_START.match(lines[number])
        if match:
            key = match.group(1).strip().lower()
            found.setdefault(key, (number + 1, match.end() + 1))
    return found
