"""Draft format v1: loading with path:line:col errors, atomic comment-preserving saves."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import pytest

from newsletter_cli.draft import storage
from newsletter_cli.draft.model import Draft, Section
from newsletter_cli.errors import DraftError

GOOD = '''\
# A comment the author wrote
title = "Mekong Alliance Newsletter"   # inline comment
date = 2026-06-01
number = 42
language = "en"
summary = "One-line preview text"
authors = ["Communications team"]
intro = """
Dear friends,

This is the letter.
"""

[[sections]]
heading = "Global consultation"
kind = "event"
date = 2026-06-10
end_date = 2026-06-12
location = "Bangkok"
body = """
First paragraph of the event.

Second paragraph,
on two lines.
"""
lint_ignore = ["archive-duplicate"]

[[sections]]
heading = "News"
body = "A one-line body."
'''


def write(tmp_path: Path, text: str | bytes, name: str = "draft.toml") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def problems(path: Path) -> list[str]:
    with pytest.raises(DraftError) as caught:
        storage.load(path)
    return caught.value.lines()


def test_load_reads_every_field(tmp_path: Path) -> None:
    draft = storage.load(write(tmp_path, GOOD))
    assert draft.title == "Mekong Alliance Newsletter"
    assert draft.date == date(2026, 6, 1)
    assert draft.number == 42
    assert draft.authors == ("Communications team",)
    event = draft.sections[0]
    assert (event.kind, event.date, event.end_date, event.location) == (
        "event",
        date(2026, 6, 10),
        date(2026, 6, 12),
        "Bangkok",
    )
    assert event.lint_ignore == ("archive-duplicate",)
    assert draft.sections[1].kind == "article"


def test_paragraphs_point_at_their_line_in_the_file(tmp_path: Path) -> None:
    draft = storage.load(write(tmp_path, GOOD))
    where = [
        (p.location.line, p.location.column, p.text.splitlines()[0]) for p in draft.paragraphs()
    ]
    assert where == [
        (9, 1, "Dear friends,"),
        (11, 1, "This is the letter."),
        (21, 1, "First paragraph of the event."),
        (23, 1, "Second paragraph,"),
        (30, 9, "A one-line body."),
    ]
    assert [p.number for p in draft.paragraphs()] == [1, 2, 3, 4, 5]


def test_a_quoted_iso_date_is_accepted(tmp_path: Path) -> None:
    draft = storage.load(write(tmp_path, 'title = "T"\ndate = "2026-06-01"\n'))
    assert draft.date == date(2026, 6, 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            'title = "T"\ndate = 2022-02-29\n',
            [
                "draft.toml:2:8: invalid TOML: 2022-02-29 is not a real date: February 2022 has 28 days"
            ],
            id="impossible-toml-date",
        ),
        pytest.param(
            'title = "T\n',
            ["draft.toml:1:9: invalid TOML: this string never ends"],
            id="unclosed-string",
        ),
        pytest.param(
            'title = "T"\nintro = """\nnever closed\n',
            ["draft.toml:2:9: invalid TOML: this string never ends"],
            id="unclosed-multiline",
        ),
        pytest.param(
            'title = "T"\nnumber = 1\nnumber = 2\n',
            ["draft.toml:3:1: invalid TOML: number is set twice (first on line 2)"],
            id="duplicate-key",
        ),
        pytest.param(
            'title = "T"\nnumber = \n',
            ["draft.toml:2:10: invalid TOML: invalid value"],
            id="missing-value",
        ),
        pytest.param(
            "title = 3\n",
            ["draft.toml:1:1: title: expected text, got a number (3)"],
            id="title-type",
        ),
        pytest.param(
            'title = "  "\n', ["draft.toml:1:1: title: the title cannot be empty"], id="title-empty"
        ),
        pytest.param(
            'title = "T"\nnumber = 0\n',
            ["draft.toml:2:1: number: the issue number must be 1 or more, not 0"],
            id="number-zero",
        ),
        pytest.param(
            'title = "T"\nnumber = 4.5\n',
            ["draft.toml:2:1: number: expected a whole number from 1 up, got a number (4.5)"],
            id="number-float",
        ),
        pytest.param(
            'title = "T"\ndate = "June"\n',
            ["draft.toml:2:1: date: 'June' is not a date; write it as YYYY-MM-DD, e.g. 2026-06-01"],
            id="date-text",
        ),
        pytest.param(
            'title = "T"\ndate = "2026-02-30"\n',
            ["draft.toml:2:1: date: 2026-02-30 is not a real date: February 2026 has 28 days"],
            id="date-impossible-string",
        ),
        pytest.param(
            'title = "T"\nlanguage = "English!"\n',
            [
                "draft.toml:2:1: language: 'English!' is not a language tag; use one like en, fr-CA or th"
            ],
            id="language",
        ),
        pytest.param(
            'title = "T"\nauthors = "Ana"\n',
            ["draft.toml:2:1: authors: expected a list of strings, got text ('Ana')"],
            id="authors-type",
        ),
        pytest.param(
            'title = "T"\nsections = "none"\n',
            ["draft.toml:2:1: sections must be a list of [[sections]] tables"],
            id="sections-type",
        ),
        pytest.param(
            "date = 2026-06-01\n",
            ["draft.toml:1:1: missing 'title': a draft needs a title"],
            id="missing-title",
        ),
        pytest.param(
            'title = "T"\n[[sections]]\nbody = "x"\n',
            ["draft.toml:2:1: missing 'heading': a section (sections.0) needs a heading"],
            id="missing-heading",
        ),
        pytest.param(
            'title = "T"\nsectons = []\n',
            ["draft.toml:2:1: sectons: unknown key; did you mean sections?"],
            id="unknown-key",
        ),
        pytest.param(
            'title = "T"\n[[sections]]\nheading = "H"\nkind = "webinar"\n',
            ["draft.toml:4:1: sections.0.kind: kind must be 'article' or 'event', not 'webinar'"],
            id="kind",
        ),
        pytest.param(
            'title = "T"\n[[sections]]\nheading = "H"\ndate = 2026-06-10\nend_date = 2026-06-01\n',
            ["draft.toml:5:1: sections.0.end_date: 2026-06-01 is before the date 2026-06-10"],
            id="end-before-start",
        ),
        pytest.param(
            b'title = "caf\xe9"\n',
            ["draft.toml:1:13: is not UTF-8 text (byte 0xe9); save it as UTF-8"],
            id="latin-1",
        ),
        pytest.param(
            "title = 'T'\n".encode("utf-16"),
            ["draft.toml:1:1: is UTF-16 text; save it as UTF-8"],
            id="utf-16",
        ),
        pytest.param(
            b"\x89PNG\r\n\x1a\n\x00\x00",
            ["draft.toml:3:1: is a binary file, not TOML text"],
            id="binary",
        ),
        pytest.param("", ["draft.toml:1:1: is empty"], id="empty"),
        pytest.param("  \n\n", ["draft.toml:1:1: is empty"], id="blank"),
    ],
)
def test_load_errors_name_line_and_column(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str | bytes, expected: list[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert problems(write(tmp_path, text)) == expected


def test_every_problem_is_reported_at_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    path = write(tmp_path, 'number = -1\nlanguge = "en"\n[[sections]]\nheading = ""\nkind = 3\n')
    assert problems(path) == [
        "draft.toml:1:1: missing 'title': a draft needs a title",
        "draft.toml:1:1: number: the issue number must be 1 or more, not -1",
        "draft.toml:2:1: languge: unknown key; did you mean language?",
        "draft.toml:4:1: sections.0.heading: a section heading cannot be empty",
        "draft.toml:5:1: sections.0.kind: kind must be 'article' or 'event', not 3",
    ]


def test_a_folder_and_a_missing_path_are_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "folder.toml").mkdir()
    assert problems(tmp_path / "folder.toml") == ["folder.toml:1:1: is a folder, not a draft"]
    assert problems(tmp_path / "nowhere.toml") == ["nowhere.toml:1:1: no such file"]


def test_examples_load_and_round_trip_byte_for_byte(examples: list[Path], tmp_path: Path) -> None:
    assert len(examples) >= 2
    for example in examples:
        copy = tmp_path / example.name
        copy.write_bytes(example.read_bytes())
        draft = storage.load(copy)
        assert len(draft.sections) >= 5
        storage.save(draft, copy)
        assert copy.read_bytes() == example.read_bytes(), example.name
        assert storage.load(copy) == draft


def test_rewriting_keeps_comments_and_changes_only_what_changed(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD)
    draft = storage.load(path)
    news = dataclasses.replace(draft.sections[1], body="Changed body.\n\nWith two paragraphs.\n")
    changed = dataclasses.replace(draft, number=43, sections=(draft.sections[0], news))
    storage.save(changed, path)
    text = path.read_text(encoding="utf-8")
    assert "# A comment the author wrote" in text
    assert "# inline comment" in text
    assert "number = 43" in text
    assert (
        'body = """\nChanged body.\n\nWith two paragraphs.\n"""' in text
        or "body = '''\nChanged body.\n\nWith two paragraphs.\n'''" in text
    )
    assert storage.load(path) == changed


def test_a_new_draft_is_written_readably_and_loads_back(tmp_path: Path) -> None:
    draft = Draft(
        title='Letter "quoted" \\ backslash',
        date=date(2026, 7, 1),
        intro="Dear friends,\n\nA line with ''' and \"\"\" quotes.\n",
        sections=(
            Section(heading="News", body="Line one.\n\nLine two.\n"),
            Section(heading="Event", kind="event", date=date(2026, 7, 9), body="Come."),
        ),
    )
    path = tmp_path / "new.toml"
    storage.save(draft, path)
    text = path.read_text(encoding="utf-8")
    assert "body = '''\nLine one.\n\nLine two.\n'''" in text
    assert storage.load(path) == draft


def test_saving_removes_sections_and_keys(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD)
    draft = storage.load(path)
    smaller = dataclasses.replace(draft, summary=None, sections=draft.sections[:1])
    storage.save(smaller, path)
    assert storage.load(path) == smaller
    assert "summary" not in path.read_text(encoding="utf-8")


def test_save_leaves_no_temporary_files(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD)
    storage.save(storage.load(path), path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["draft.toml"]


def test_a_rewritten_text_keeps_its_kind_of_quotes(tmp_path: Path) -> None:
    path = write(tmp_path, 'title = "T"\nintro = """\nOne.\n\nTwo.\n"""\n')
    draft = storage.load(path)
    storage.save(dataclasses.replace(draft, intro="One.\n\nTwo, edited.\n"), path)
    assert (
        path.read_text(encoding="utf-8") == 'title = "T"\nintro = """\nOne.\n\nTwo, edited.\n"""\n'
    )


def test_windows_line_endings_survive_a_rewrite(tmp_path: Path) -> None:
    path = write(tmp_path, b'# note\r\ntitle = "T"\r\nintro = """\r\nOne.\r\n\r\nTwo.\r\n"""\r\n')
    draft = storage.load(path)
    storage.save(dataclasses.replace(draft, intro="One.\n\nTwo, edited.\n"), path)
    assert (
        path.read_bytes()
        == b'# note\r\ntitle = "T"\r\nintro = """\r\nOne.\r\n\r\nTwo, edited.\r\n"""\r\n'
    )
    assert storage.load(path).intro == "One.\n\nTwo, edited.\n"


def test_paragraphs_are_split_once_per_draft(tmp_path: Path) -> None:
    draft = storage.load(write(tmp_path, GOOD))
    first = list(draft.paragraphs())
    assert list(draft.paragraphs()) == first
    assert first[0] is next(draft.paragraphs())
