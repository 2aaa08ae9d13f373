"""Where things stand in a TOML file: positions of keys and of the lines of text values.

``tomllib`` gives values without positions. This scanner walks the raw text of
a file that ``tomllib`` has already accepted and records, for every key path,
the line and column of the key, and for every string value the position of each
of its lines, so that a paragraph deep inside a multi-line string can be named
``path:line:col``. It is best effort by design: on anything it does not
understand it stops recording and never raises.
"""

from __future__ import annotations

import bisect
import contextlib
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsletter_cli.draft.model import KeyPath, Position, SourceMap
from newsletter_cli.draft.readfile import MAX_TEXT_BYTES, UnreadableFile, read_regular
from newsletter_cli.errors import Problem, display_path

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_CONTINUATION = re.compile(r"(?<!\\)(?:\\\\)*\\[ \t]*\r?\n")
_NEWLINE_ESCAPE = re.compile(r"(?<!\\)(?:\\\\)*\\(?:n|u000[aA]|U0000000[aA])")
_MAX_DEPTH = 64
#: Position(n, 1) at index n, for the first lines of a file: positions are immutable, so the
#: lines of every multi-line string share them instead of building their own.
_LINE_STARTS = [Position(n, 1) for n in range(2000)]


class _Stop(Exception):
    """Raised inside the scanner when it meets something it cannot follow."""


@dataclass
class _Scanner:
    text: str
    keys: dict[KeyPath, Position] = field(default_factory=dict)
    text_lines: dict[KeyPath, tuple[Position, ...]] = field(default_factory=dict)
    line_starts: list[int] = field(default_factory=list)
    #: Keys set twice, with where they were set first and again.
    duplicates: list[tuple[KeyPath, Position, Position]] = field(default_factory=list)
    #: Where a string starts that never ends.
    unterminated: Position | None = None

    def __post_init__(self) -> None:
        self.line_starts = [0] + [m.end() for m in re.finditer(r"\n", self.text)]

    def pos(self, offset: int) -> Position:
        line = bisect.bisect_right(self.line_starts, offset) - 1
        return Position(line + 1, offset - self.line_starts[line] + 1)

    # -- lexical helpers -------------------------------------------------

    def skip_space(self, i: int, newlines: bool) -> int:
        text = self.text
        while i < len(text):
            c = text[i]
            if c in " \t" or (newlines and c in "\r\n"):
                i += 1
            elif c == "#":
                end = text.find("\n", i)
                i = len(text) if end < 0 else end
            else:
                break
        return i

    def key(self, i: int) -> tuple[tuple[str, ...], int]:
        parts: list[str] = []
        text = self.text
        while True:
            i = self.skip_space(i, newlines=False)
            if i >= len(text):
                raise _Stop
            c = text[i]
            if c == '"':
                end = i + 1
                while end < len(text) and text[end] != '"':
                    end += 2 if text[end] == "\\" else 1
                parts.append(self._unescape_key(text[i + 1 : end]))
                i = end + 1
            elif c == "'":
                end = text.find("'", i + 1)
                if end < 0:
                    raise _Stop
                parts.append(text[i + 1 : end])
                i = end + 1
            else:
                match = _BARE_KEY.match(text, i)
                if not match:
                    raise _Stop
                parts.append(match.group())
                i = match.end()
            i = self.skip_space(i, newlines=False)
            if i < len(text) and text[i] == ".":
                i += 1
                continue
            return tuple(parts), i

    @staticmethod
    def _unescape_key(raw: str) -> str:
        try:
            return raw.encode("latin-1", "backslashreplace").decode("unicode_escape")
        except UnicodeDecodeError:
            return raw

    # -- structure ---------------------------------------------------------

    def scan(self) -> None:
        text = self.text
        prefix: KeyPath = ()
        counts: dict[KeyPath, int] = {}
        i = 0
        while True:
            i = self.skip_space(i, newlines=True)
            if i >= len(text):
                return
            start = i
            if text.startswith("[[", i):
                name, i = self.key(i + 2)
                index = counts.get(name, 0)
                counts[name] = index + 1
                prefix = (*name, index)
                self._header(name, start)
                self.keys[prefix] = self.pos(start)
                i = self._end_of_line(i)
            elif text[i] == "[":
                name, i = self.key(i + 1)
                prefix = name
                self._header(name, start)
                i = self._end_of_line(i)
            else:
                parts, i = self.key(i)
                if i >= len(text) or text[i] != "=":
                    raise _Stop
                path = (*prefix, *parts)
                if path in self.keys:
                    self.duplicates.append((path, self.keys[path], self.pos(start)))
                self.keys.setdefault(path, self.pos(start))
                i = self.value(self.skip_space(i + 1, newlines=False), path, 0)

    def _header(self, name: tuple[str, ...], start: int) -> None:
        """``[a.b.c]`` also places ``a`` and ``a.b`` here, unless they were seen before."""
        for end in range(1, len(name) + 1):
            self.keys.setdefault(name[:end], self.pos(start))

    def _end_of_line(self, i: int) -> int:
        end = self.text.find("\n", i)
        return len(self.text) if end < 0 else end + 1

    def value(self, i: int, path: KeyPath, depth: int) -> int:
        if depth > _MAX_DEPTH:
            raise _Stop
        text = self.text
        if text.startswith('"""', i) or text.startswith("'''", i):
            return self._multiline_string(i, path)
        if i < len(text) and text[i] in "\"'":
            return self._string(i, path)
        if i < len(text) and text[i] == "[":
            return self._array(i + 1, path, depth)
        if i < len(text) and text[i] == "{":
            return self._inline_table(i + 1, path, depth)
        while i < len(text) and text[i] not in ",]}#\r\n":
            i += 1
        return i

    def _string(self, i: int, path: KeyPath) -> int:
        text = self.text
        quote = text[i]
        end = i + 1
        # the closing quote or the end of the line, found in C when no backslash comes first
        stop = min(x for x in (text.find(quote, end), text.find("\n", end), len(text)) if x >= 0)
        if quote == "'" or text.find("\\", end, stop) < 0:
            end = stop
        while end < len(text) and text[end] != quote and text[end] != "\n":
            end += 2 if quote == '"' and text[end] == "\\" else 1
        if end >= len(text) or text[end] != quote:
            self.unterminated = self.pos(i)
            raise _Stop
        if quote == "'" or not _NEWLINE_ESCAPE.search(text, i, end):
            self.text_lines[path] = (self.pos(i + 1),)
        return end + 1

    def _multiline_string(self, i: int, path: KeyPath) -> int:
        text = self.text
        delim = text[i : i + 3]
        content = i + 3
        end = content
        while True:
            end = text.find(delim, end)
            if end < 0:
                self.unterminated = self.pos(i)
                raise _Stop
            if delim == '"""':
                backslashes = len(text[content:end]) - len(text[content:end].rstrip("\\"))
                if backslashes % 2:
                    end += 1
                    continue
            break
        while text.startswith(delim[0], end + 3):  # up to two quotes may close the value
            end += 1
        raw = text[content:end]
        body_start = content
        if raw.startswith("\r\n"):
            body_start += 2
        elif raw.startswith("\n"):
            body_start += 1
        raw = text[body_start:end]
        exact = delim == "'''" or not (_CONTINUATION.search(raw) or _NEWLINE_ESCAPE.search(raw))
        if exact:
            # every line after the first starts just after a line break: column 1 of the next line
            first = self.pos(body_start)
            after = first.line + 1 + raw.count("\n")  # the line after the string's last
            if after <= len(_LINE_STARTS):
                self.text_lines[path] = (first, *_LINE_STARTS[first.line + 1 : after])
            else:
                lines = range(first.line + 1, after)
                self.text_lines[path] = (first, *(Position(line, 1) for line in lines))
        return end + 3

    def _array(self, i: int, path: KeyPath, depth: int) -> int:
        text = self.text
        index = 0
        while True:
            i = self.skip_space(i, newlines=True)
            if i >= len(text):
                raise _Stop
            if text[i] == "]":
                return i + 1
            self.keys.setdefault((*path, index), self.pos(i))
            i = self.value(i, (*path, index), depth + 1)
            index += 1
            i = self.skip_space(i, newlines=True)
            if i < len(text) and text[i] == ",":
                i += 1

    def _inline_table(self, i: int, path: KeyPath, depth: int) -> int:
        text = self.text
        while True:
            i = self.skip_space(i, newlines=True)
            if i >= len(text):
                raise _Stop
            if text[i] == "}":
                return i + 1
            if text[i] == ",":
                i += 1
                continue
            start = i
            parts, i = self.key(i)
            if i >= len(text) or text[i] != "=":
                raise _Stop
            self.keys.setdefault((*path, *parts), self.pos(start))
            i = self.value(self.skip_space(i + 1, newlines=False), (*path, *parts), depth + 1)


def _run(text: str) -> _Scanner:
    scanner = _Scanner(text)
    with contextlib.suppress(_Stop, RecursionError, IndexError):
        scanner.scan()
    return scanner


def scan(text: str) -> SourceMap:
    """Positions of the keys and text lines of a TOML document (best effort)."""
    scanner = _run(text)
    return SourceMap(keys=dict(scanner.keys), text_lines=dict(scanner.text_lines))


#: A draft or settings file larger than this is refused rather than parsed.
MAX_BYTES = MAX_TEXT_BYTES

_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")
_TOML_END = re.compile(r"\s*\(at end of document\)$")
_ESCAPE_MESSAGES = frozenset({"Invalid hex value", "Unescaped '\\' in a string"})
_DECLARED_TWICE = re.compile(r"Cannot declare (\(.*?\)) twice")
_DATE_VALUE = re.compile(r"=\s*(\d{4}-\d{1,2}-\d{1,2})")


def read_toml(path: Path, what: str = "file") -> tuple[dict[str, Any], str, SourceMap]:
    """Read and parse a UTF-8 TOML file: (data, text, positions).

    Every way a file can be unusable becomes a ``Problem`` naming the file,
    line and column; the caller wraps them in its own ``InputError``.
    """
    return parse_toml(read_bytes(path, what), path)


def parse_toml(raw: bytes, path: Path) -> tuple[dict[str, Any], str, SourceMap]:
    """Parse the bytes of a TOML file read from ``path``: (data, text, positions)."""
    shown = display_path(path)
    text = decode(raw, shown)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise _Problems([_toml_problem(shown, text, str(error))]) from error
    except RecursionError as error:
        raise _Problems([Problem(shown, 1, 1, "nested too deeply to read")]) from error
    except ValueError as error:  # Python refuses to convert a number of thousands of digits
        long_number = _LONG_NUMBER.search(text)
        line, column = _line_column(text, long_number.start() if long_number else 0)
        message = "invalid TOML: a number too long to read (no draft needs one this long)"
        raise _Problems([Problem(shown, line, column, message)]) from error
    return data, text, scan(text)


_LONG_NUMBER = re.compile(r"[0-9_]{1000,}")


def _line_column(text: str, offset: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


class _Problems(Exception):
    """Problems found while reading; the caller turns them into its own error class."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems)
        self.problems = problems


ReadProblems = _Problems


def read_bytes(path: Path, what: str) -> bytes:
    """The file's bytes through the one reader of user files (regular files, 10 MB at most)."""
    try:
        return read_regular(path, MAX_BYTES, what)
    except UnreadableFile as error:
        raise _Problems([Problem(display_path(path), 1, 1, error.reason)]) from error


def decode(data: bytes, shown: str) -> str:
    """UTF-8 text, with a clear message for everything else."""
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        raise _Problems([Problem(shown, 1, 1, "is UTF-32 text; save it as UTF-8")])
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _Problems([Problem(shown, 1, 1, "is UTF-16 text; save it as UTF-8")])
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if not data.strip():
        raise _Problems([Problem(shown, 1, 1, "is empty")])
    nul = data.find(b"\x00")
    if nul >= 0:
        line, column = byte_position(data, nul)
        raise _Problems([Problem(shown, line, column, "is a binary file, not TOML text")])
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = byte_position(data, error.start)
        byte = data[error.start]
        message = f"is not UTF-8 text (byte 0x{byte:02x}); save it as UTF-8"
        raise _Problems([Problem(shown, line, column, message)]) from error


def byte_position(data: bytes, offset: int) -> tuple[int, int]:
    """Line and column (in characters) of a byte offset in UTF-8 data."""
    line_start = data.rfind(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", "replace")) + 1
    return data.count(b"\n", 0, offset) + 1, column


def _toml_problem(shown: str, text: str, message: str) -> Problem:
    lines = text.split("\n")  # tomllib counts lines at \n only
    unterminated = "Unterminated" in message or "llegal character '\\n'" in message
    if "overwrite" in message or "twice" in message or unterminated:
        scanner = _run(text)
        if scanner.duplicates and not unterminated:
            path, first, again = scanner.duplicates[0]
            name = ".".join(str(p) for p in path)
            return Problem(
                shown,
                again.line,
                again.column,
                f"invalid TOML: {name} is set twice (first on line {first.line})",
            )
        if scanner.unterminated:
            where = scanner.unterminated
            return Problem(shown, where.line, where.column, "invalid TOML: this string never ends")
    declared = _DECLARED_TWICE.match(message)
    if declared:
        name = ".".join(re.findall(r"'((?:[^'\\]|\\.)*)'", declared.group(1)))
        message = f"the table [{name}] is declared twice{message[declared.end() :]}"
    match = _TOML_POSITION.search(message)
    if match:
        line, column = int(match.group(1)), int(match.group(2))
        message = message[: match.start()]
    else:
        line = max(len(lines), 1)
        column = len(lines[-1]) + 1 if lines else 1
        message = _TOML_END.sub("", message)
    source_line = lines[line - 1] if 0 < line <= len(lines) else ""
    if source_line[column - 1 : column] == "\r":
        message = (
            "a line ends with a lone carriage return; save the file with Unix (LF) line endings"
        )
    elif message in _ESCAPE_MESSAGES:
        message += r"; write a backslash as \\ or put the text in '...' quotes"
    date_match = _DATE_VALUE.search(source_line)
    if date_match:
        from newsletter_cli.draft.fields import parse_date

        try:
            parse_date(date_match.group(1))
        except ValueError as reason:
            message = str(reason)
            column = date_match.start(1) + 1
    return Problem(shown, line, column, f"invalid TOML: {message[0].lower()}{message[1:]}")
