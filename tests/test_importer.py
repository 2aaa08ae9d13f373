"""Turning old issues into drafts: each front-matter style, Markdown structure, plain text."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from newsletter_cli.draft import storage
from newsletter_cli.importer.frontmatter import FrontMatterError, split
from newsletter_cli.importer.imported import (
    DATE_FROM_FILE_NAME,
    DATE_FROM_TEXT,
    EMPTY_HEADING,
    HEADINGS_FROM_SHORT_LINES,
    NO_DATE,
    NUMBER_FROM_FILE_NAME,
    NUMBER_FROM_TITLE,
    TEMPLATE_TAGS,
    TITLE_FROM_FILE_NAME,
    TITLE_FROM_FIRST_LINE,
    TITLE_FROM_HEADING,
    UNDEFINED_LINKS,
    Imported,
    SourceError,
)
from newsletter_cli.importer.markdown_issue import import_markdown
from newsletter_cli.importer.metadata import date_hint, masthead
from newsletter_cli.importer.plain_text import import_text
from newsletter_cli.importer.run import run_import
from newsletter_cli.importer.sources import import_file

FIXTURES = Path(__file__).parent / "fixtures" / "import"


def roundtrip(imported: Imported, tmp_path: Path) -> None:
    """The draft saves and loads back (format v1) to the same content."""
    target = tmp_path / "out.toml"
    storage.save(imported.draft, target)
    loaded = storage.load(target)
    assert loaded == imported.draft


# -- front matter styles ------------------------------------------------------------------


def test_jekyll_yaml_front_matter_date_from_file_name(tmp_path: Path) -> None:
    imported = import_file(FIXTURES / "jekyll" / "2019-06-05-newsletter.md")
    draft = imported.draft
    assert imported.front_matter == "yaml"
    assert draft.title == "River Alliance Newsletter #12"
    assert draft.date == date(2019, 6, 5)
    assert draft.number == 12
    assert draft.language == "en"
    assert draft.summary == (
        "Spring clean-up results, a new water-quality report and the summer camp."
    )
    assert imported.guesses == (DATE_FROM_FILE_NAME, NUMBER_FROM_TITLE)
    assert imported.unused_keys == ("layout", "permalink")
    roundtrip(imported, tmp_path)


def test_hugo_yaml_datetime_number_authors(tmp_path: Path) -> None:
    imported = import_file(FIXTURES / "hugo" / "spring-issue.md")
    draft = imported.draft
    assert (draft.title, draft.date, draft.number) == ("Spring letter", date(2020, 3, 1), 7)
    assert draft.authors == ("Ana Pérez", "Tom Ruiz")
    assert draft.summary == "What we did this winter."
    # the h1 repeating the front matter title is not a section
    assert draft.intro == "Dear friends, winter is over."
    assert [s.heading for s in draft.sections] == ["Projects", "Thanks"]
    assert imported.guesses == ()
    roundtrip(imported, tmp_path)


def test_hugo_toml_front_matter(tmp_path: Path) -> None:
    imported = import_file(FIXTURES / "hugo" / "autumn.md")
    assert imported.front_matter == "toml"
    draft = imported.draft
    assert (draft.title, draft.date, draft.number) == ("Autumn letter", date(2020, 10, 1), 9)
    assert draft.intro == "Leaves are falling."
    assert [(s.heading, s.body) for s in draft.sections] == [("Harvest", "The harvest was good.")]
    roundtrip(imported, tmp_path)


def test_pelican_headers_and_setext_sections(tmp_path: Path) -> None:
    imported = import_file(FIXTURES / "pelican" / "issue.md")
    assert imported.front_matter == "pelican"
    draft = imported.draft
    assert draft.title == "Friends of the Forest, issue 3"
    assert draft.date == date(2016, 5, 20)
    assert draft.number == 3
    assert draft.authors == ("Maria Keller",)
    assert draft.summary == "Our third letter."
    assert draft.intro == "Welcome to the third letter."
    assert [(s.heading, s.body) for s in draft.sections] == [
        ("News", "The forest school opened."),
        ("Events", "A walk on 4 June."),
    ]
    assert imported.guesses == (NUMBER_FROM_TITLE,)
    roundtrip(imported, tmp_path)


def test_no_front_matter_title_from_heading_date_and_number_from_file_name(
    tmp_path: Path,
) -> None:
    imported = import_file(FIXTURES / "bare" / "2016-5-20-issue-2.md")
    assert imported.front_matter == "none"
    draft = imported.draft
    assert draft.title == "Garden club letter"
    assert draft.date == date(2016, 5, 20)
    assert draft.number == 2
    assert draft.intro == "Hello gardeners."
    assert [(s.heading, s.body) for s in draft.sections] == [
        ("Tomatoes", "Plant them late."),
        ("Roses", "Prune them early."),
    ]
    assert set(imported.guesses) == {DATE_FROM_FILE_NAME, NUMBER_FROM_FILE_NAME, TITLE_FROM_HEADING}
    roundtrip(imported, tmp_path)


def test_without_any_title_the_file_name_is_used(tmp_path: Path) -> None:
    source = tmp_path / "2020-01-05-winter_news.md"
    source.write_text("Just a short letter.\n\n## News\n\nNone.\n", encoding="utf-8")
    imported = import_file(source)
    assert imported.draft.title == "Winter news"
    assert imported.draft.intro == "Just a short letter."
    assert TITLE_FROM_FILE_NAME in imported.guesses


def test_no_date_anywhere_needs_a_look(tmp_path: Path) -> None:
    source = tmp_path / "letter.md"
    source.write_text("# Letter\n\nHello.\n", encoding="utf-8")
    imported = import_file(source)
    assert imported.draft.date is None
    assert [kind for kind, _ in imported.doubts] == [NO_DATE]


@pytest.mark.parametrize(
    ("text", "line", "column", "reason"),
    [
        ('---\ntitle: "Open\ndate: 2021-02-10\n---\nBody\n', 2, 8, "quoted scalar"),
        ("---\ntitle: a\n  b: c\n---\n", 3, 4, "mapping values are not allowed"),
        (
            "---\ntitle: Spring: the sequel\n---\n",
            2,
            14,
            'mapping values are not allowed here; a value with ": " in it needs quotes,'
            ' as in title: "Spring: the sequel"',
        ),
        ("---\n- a\n- b\n---\n", 2, 1, "key: value"),
        ('+++\ntitle = "x\n+++\n', 2, 11, "not valid TOML"),
        ('+++\ntitle = "x"\n', 1, 1, "never closed"),
        ("---\ntitle: x\ndate: 2020-01-01\n\nBody\n", 1, 1, "opened with --- is never closed"),
    ],
)
def test_broken_front_matter_names_line_and_column(
    text: str, line: int, column: int, reason: str
) -> None:
    with pytest.raises(FrontMatterError) as caught:
        split(text)
    assert (caught.value.line, caught.value.column) == (line, column)
    assert reason in caught.value.message


def test_broken_front_matter_is_a_source_error_with_the_path(tmp_path: Path) -> None:
    source = tmp_path / "bad.md"
    source.write_text('---\ntitle: "Open\n---\n', encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        import_file(source)
    assert caught.value.message.endswith(
        "bad.md:2:8: front matter is not valid YAML: "
        "while scanning a quoted scalar: found unexpected end of stream"
    )


def test_a_leading_thematic_break_is_not_front_matter() -> None:
    assert split("---\n\nJust text\n").style == "none"


def test_prose_with_a_colon_is_not_pelican_metadata() -> None:
    front = split("Note: the meeting moved.\n\nSee you there.\n")
    assert front.style == "none"
    assert front.body.startswith("Note:")


# -- Markdown structure --------------------------------------------------------------------


def test_markdown_structure_follows_the_parser(tmp_path: Path) -> None:
    draft = import_file(FIXTURES / "jekyll" / "2019-06-05-newsletter.md").draft
    assert [s.heading for s in draft.sections] == ["News", "Events"]
    news, events = draft.sections
    # a `#` line inside fenced code is code, not a heading
    assert "# this is a comment in code, not a heading\nmake report\n```" in news.body
    # the setext heading "Events / ------" cuts; the h3 below stays in the body
    assert events.body.startswith("### Summer camp\n\nThe camp runs")
    # template tags are kept verbatim
    assert '  {% assign timestamp="1:02" %}' in news.body
    assert "{% include snippets/recap-ad.md %}\n{% include references.md %}" in events.body


def test_link_definitions_are_copied_into_the_sections_that_use_them() -> None:
    draft = import_file(FIXTURES / "jekyll" / "2019-06-05-newsletter.md").draft
    news, events = draft.sections
    cleanup = "[cleanup]: https://example.org/cleanup"
    water = '[water report]: https://example.org/water-2019.pdf "Water report 2019"'
    assert draft.intro.endswith(f"\n\n{cleanup}\n{water}")
    assert news.body.endswith(f"\n\n{cleanup}\n{water}")
    # the definitions stood at the end of the file: only the one Events uses stays there,
    # and a blank line now separates it from the template tag above it
    assert events.body.endswith("{% include references.md %}\n\n[camp]: https://example.org/camp")
    assert cleanup not in events.body


def test_copied_definitions_make_each_section_render_its_links() -> None:
    from markdown_it import MarkdownIt

    draft = import_file(FIXTURES / "jekyll" / "2019-06-05-newsletter.md").draft
    md = MarkdownIt("commonmark")
    assert '<a href="https://example.org/cleanup">river banks</a>' in md.render(
        draft.sections[0].body
    )
    assert '<a href="https://example.org/camp">camp page</a>' in md.render(draft.sections[1].body)
    assert 'title="Water report 2019">water report</a>' in md.render(draft.intro)


def test_headings_inside_template_comments_do_not_cut(tmp_path: Path) -> None:
    source = tmp_path / "2020-01-01-x.md"
    source.write_text(
        "---\ntitle: X\n---\nIntro.\n\n## One\n\nText.\n\n{% comment %}<!--\n## Not a section\n"
        "\n-->{% endcomment %}\n\n## Two\n\nMore.\n",
        encoding="utf-8",
    )
    draft = import_file(source).draft
    assert [s.heading for s in draft.sections] == ["One", "Two"]
    assert "## Not a section" in draft.sections[0].body


def test_undefined_reference_links_and_template_tags_need_a_look(tmp_path: Path) -> None:
    source = tmp_path / "2020-01-01-x.md"
    source.write_text(
        "---\ntitle: X\n---\nSee [Core #12][] and [this][x].\n\n{% include links.md %}\n",
        encoding="utf-8",
    )
    doubts = dict(import_file(source).doubts)
    assert doubts[UNDEFINED_LINKS] == "[Core #12], [x]"
    assert doubts[TEMPLATE_TAGS] == "1 template tag such as {% ... %}"


def test_heading_attributes_are_not_part_of_the_heading(tmp_path: Path) -> None:
    text = "---\ntitle: T\n---\n## News {#news}\n\na\n\n## Events {: .wide}\n\nb\n"
    draft = import_markdown(text, tmp_path / "t.md").draft
    assert [s.heading for s in draft.sections] == ["News", "Events"]


def test_lists_and_deeper_headings_stay_in_their_section(tmp_path: Path) -> None:
    text = "---\ntitle: T\n---\n## A\n\n- one\n- two\n\n### A.1\n\ntext\n\n## B\n\nend\n"
    draft = import_markdown(text, tmp_path / "t.md").draft
    assert [(s.heading, s.body) for s in draft.sections] == [
        ("A", "- one\n- two\n\n### A.1\n\ntext"),
        ("B", "end"),
    ]
    assert draft.intro == ""


# -- plain text -----------------------------------------------------------------------------


def test_plain_text_rejoins_lines_and_takes_the_date_line(tmp_path: Path) -> None:
    imported = import_file(FIXTURES / "text" / "june-2019.txt")
    draft = imported.draft
    assert imported.format == "text"
    assert draft.title == "Riverside Community Letter"
    assert draft.date == date(2019, 6, 1)
    assert draft.intro == (
        "Dear friends, this spring has been busier than any we can remember. The volunteers "
        "cleaned eleven kilometres of the river bank and the well-known heron colony came back."
        "\n\nWe thank everyone."
        "\n\nA new season starts in July and we need more hands for the nursery and the boat."
    )
    # the lone page number "3" and the page break are gone
    assert [(s.heading, s.body) for s in draft.sections] == [
        (
            "Events",
            "The summer camp runs from 1 to 7 August at the old mill. Bring boots, a hat and "
            "a sandwich for the first day.",
        ),
        ("What to bring", "- boots\n- a hat\n- a sandwich for the first day"),
    ]
    assert set(imported.guesses) == {
        DATE_FROM_TEXT,
        TITLE_FROM_FIRST_LINE,
        HEADINGS_FROM_SHORT_LINES,
    }
    roundtrip(imported, tmp_path)


def test_text_from_a_pdf_drops_running_lines_and_finds_headings(tmp_path: Path) -> None:
    imported = import_file(FIXTURES / "text" / "pdf-letter.txt")
    draft = imported.draft
    # "ISSUE 7 · 3 MARCH 2025" under the title line gives date and number
    assert (draft.title, draft.date, draft.number) == ("Valley Voices", date(2025, 3, 3), 7)
    # the salutation stays its own paragraph; the footer, the page numbers and the header
    # repeated on each page are gone, and the paragraph goes on over the page break
    assert draft.intro == (
        "Dear friends,\n\nSpring is early this year and the first frogs were seen in the ponds "
        "by the old mill before the end of February."
    )
    # a short line between sentences is a heading even without blank lines around it, and a
    # word hyphenated by the typesetter (U+2010) is whole again
    assert [(s.heading, s.body) for s in draft.sections] == [
        (
            "Pond survey",
            "Volunteers counted spawn in twelve ponds. The results show a clear rise compared "
            "with last year.",
        )
    ]
    roundtrip(imported, tmp_path)


def test_plain_text_without_headings_is_all_intro(tmp_path: Path) -> None:
    text = "Hello all\n\nOne line\nwrapped here.\n\nAnother one.\n"
    draft = import_text(text, tmp_path / "2020-02-02-x.txt").draft
    assert draft.title == "Hello all"
    assert draft.date == date(2020, 2, 2)
    assert draft.intro == "One line wrapped here.\n\nAnother one."
    assert draft.sections == ()


def test_plain_text_that_markdown_would_misread_is_escaped(tmp_path: Path) -> None:
    draft = import_text("Title here\n\n# 1 priority is water.\n", tmp_path / "x.txt").draft
    assert draft.intro == "\\# 1 priority is water."


@pytest.mark.parametrize(
    ("line", "expected", "number"),
    [
        ("June 2019", date(2019, 6, 1), None),
        ("  **June 2019**", date(2019, 6, 1), None),
        ("5 June 2019", date(2019, 6, 5), None),
        ("June 5th, 2019", date(2019, 6, 5), None),
        ("Sept. 2020", date(2020, 9, 1), None),
        ("2019-06-05", date(2019, 6, 5), None),
        ("Issue 12 - June 2019", date(2019, 6, 1), 12),
        ("No. 3, May 2018", date(2018, 5, 1), 3),
        ("June is coming", None, None),
        ("31 June 2019", None, None),
    ],
)
def test_date_hints(line: str, expected: date | None, number: int | None) -> None:
    assert date_hint(line) == (expected, number)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("RIVER VOICES          Issue 12 \u2013 June 2019", ("RIVER VOICES", date(2019, 6, 1), 12)),
        ("River Voices, June 2019", ("River Voices", date(2019, 6, 1), None)),
        ("River Voices | No. 3 | May 2018", ("River Voices", date(2018, 5, 1), 3)),
        ("River Voices \u2014 5 June 2019", ("River Voices", date(2019, 6, 5), None)),
        ("Issue 12 - June 2019", ("", date(2019, 6, 1), 12)),
        ("Dear friends, June 2019 was wet", ("", None, None)),
    ],
)
def test_a_masthead_line_gives_name_date_and_number(
    line: str, expected: tuple[str, date | None, int | None]
) -> None:
    assert masthead(line) == expected


def test_a_pdf_masthead_names_the_letter(tmp_path: Path) -> None:
    text = (
        "RIVER VOICES                                   Issue 12 \u2013 June 2019\n\n"
        "Dear friends, this letter was extracted from a PDF and is wrapped at seventy\n"
        "characters, as a PDF is.\n"
    )
    imported = import_text(text, tmp_path / "letter.txt")
    draft = imported.draft
    assert (draft.title, draft.date, draft.number) == ("RIVER VOICES", date(2019, 6, 1), 12)
    assert draft.intro.startswith("Dear friends, this letter")
    assert (
        TITLE_FROM_FIRST_LINE in imported.guesses and TITLE_FROM_FILE_NAME not in imported.guesses
    )


# -- unusable files and batches ----------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("a.txt", b"Title\n\nCaf\xe9\n", "a.txt:3:4: not UTF-8 text (byte 0xE9)"),
        ("b.md", b"   \n\n", "b.md: the file is empty"),
        ("c.pdf", b"%PDF-1.7\n", "c.pdf: a PDF: extract its text first"),
        ("d.bin", b"\x00\x01\x02", "d.bin: not a text file"),
    ],
)
def test_unusable_files_say_why(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    source = tmp_path / name
    source.write_bytes(data)
    with pytest.raises(SourceError) as caught:
        import_file(source)
    assert reason in caught.value.message


def test_a_folder_imports_in_date_order_and_failures_do_not_stop_it(tmp_path: Path) -> None:
    out = tmp_path / "issues"
    report = run_import([FIXTURES / "mixed"], out)
    assert report.files_read == 4
    assert [item.draft.date for _, item in report.written] == [
        date(2020, 12, 10),
        date(2021, 1, 10),
    ]
    assert [t.name for t, _ in report.written] == [
        "2020-12-10-plain.toml",
        "2021-01-10-letter.toml",
    ]
    assert len(report.failed) == 2
    assert "2021-02-10-broken.md:2:8: front matter is not valid YAML" in report.failed[0]
    assert "2021-03-10-latin1.txt:3:4: not UTF-8 text" in report.failed[1]
    assert int(report.exit_code()) == 3
    for target, item in report.written:
        assert storage.load(target) == item.draft


def test_nothing_is_overwritten_without_force(tmp_path: Path) -> None:
    out = tmp_path / "issues"
    source = FIXTURES / "hugo" / "autumn.md"
    run_import([source], out)
    target = out / "2020-10-01-autumn.toml"
    target.write_text(target.read_text(encoding="utf-8") + "# my note\n", encoding="utf-8")
    again = run_import([source], out)
    assert again.existing == [target]
    assert again.written == []
    assert int(again.exit_code()) == 1
    assert target.read_text(encoding="utf-8").endswith("# my note\n")
    forced = run_import([source], out, force=True)
    assert [t for t, _ in forced.written] == [target]
    assert int(forced.exit_code()) == 0
    storage.load(target)


def test_two_sources_with_the_same_name_get_distinct_drafts(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "2020-01-01-letter.md").write_text("# One\n\nx\n", encoding="utf-8")
    (tmp_path / "b" / "2020-01-01-letter.md").write_text("# Two\n\ny\n", encoding="utf-8")
    report = run_import([tmp_path / "a", tmp_path / "b"], tmp_path / "out")
    names = sorted(t.name for t, _ in report.written)
    assert names == ["2020-01-01-letter-2.toml", "2020-01-01-letter.toml"]
    titles = sorted(storage.load(t).title for t, _ in report.written)
    assert titles == ["One", "Two"]


def test_from_text_forces_plain_text(tmp_path: Path) -> None:
    imported = import_file(FIXTURES / "bare" / "2016-5-20-issue-2.md", "text")
    assert imported.format == "text"
    # read as text, the Markdown heading is just the first line
    assert imported.draft.title == "# Garden club letter"
    assert imported.draft.intro == "Hello gardeners."


def test_date_order_follows_the_dates_not_the_names(tmp_path: Path) -> None:
    source = tmp_path / "old"
    source.mkdir()
    (source / "a.md").write_text("---\ntitle: A\ndate: 2021-05-01\n---\nx\n", encoding="utf-8")
    (source / "b.md").write_text("---\ntitle: B\ndate: 2019-05-01\n---\ny\n", encoding="utf-8")
    (source / "c.md").write_text("# C\n\nundated\n", encoding="utf-8")
    report = run_import([source], tmp_path / "out")
    assert [item.draft.title for _, item in report.written] == ["B", "A", "C"]
    assert [t.name for t, _ in report.written] == [
        "2019-05-01-b.toml",
        "2021-05-01-a.toml",
        "c.toml",
    ]


def test_a_long_one_line_text_imports(tmp_path: Path) -> None:
    """A plain-text file that is one line of 100 KB ("word, word, ...") is read for a masthead
    in one pass: each separator of the line once, not the rest of the line after each."""
    source = tmp_path / "one-line.txt"
    line = "word, " * 17_000 + "end"
    source.write_text(line + "\n", encoding="utf-8")
    report = run_import([source], tmp_path / "out")
    assert report.failed == []
    [(target, item)] = report.written
    assert item.draft.intro == line
    assert item.draft.date is None
    assert storage.load(target) == item.draft


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # the first issue mark after a separator decides: "no 4 x ..." is no date, "Issue 12 ..." is
        (
            "River Voices  no 4 x  Issue 12 - June 2019",
            ("River Voices  no 4 x", date(2019, 6, 1), 12),
        ),
        # what date_hint strips ("_") goes before the mark
        ("River Voices, _Issue 3 June 2019", ("River Voices", date(2019, 6, 1), 3)),
        # a date that is not a real one is passed over for the next separator
        (
            "River Voices | Issue 3 | 30 February 2019 | June 2019",
            ("River Voices | Issue 3 | 30 February 2019", date(2019, 6, 1), None),
        ),
    ],
)
def test_a_masthead_date_after_the_first_separator_that_leads_to_one(
    line: str, expected: tuple[str, date | None, int | None]
) -> None:
    assert masthead(line) == expected


def test_a_heading_without_text_is_a_named_doubt() -> None:
    imported = import_markdown("# Letter\n\nx\n\n##\n\ny\n", Path("2020-01-01-letter.md"))
    assert [s.heading for s in imported.draft.sections] == ["(untitled)"]
    assert [kind for kind, _ in imported.doubts] == [EMPTY_HEADING]
