"""Issue 15, points 2 and 3: truncated-paragraph and placeholder-text on published writing.

A finding is a claim that a reader would stumble. Lines of figures, credits, link
lines, table rows, bullet items and headings written as paragraphs end without a
full stop on purpose; "Topic TBD" in an events listing and a TODO inside the title
of someone else's work are published words, not an editor's notes.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from newsletter_cli.draft.workspace import load_workspace
from newsletter_cli.lint.engine import lint_paths
from newsletter_cli.text.textspans import ParagraphKind, paragraph_kind


def findings(root: Path, rule: str, intro: str) -> list[tuple[int, int]]:
    """(line, column) of what ``rule`` finds in a draft whose intro is ``intro``."""
    (root / "newsletter.toml").write_text('name = "Test"\n', encoding="utf-8")
    (root / "issues").mkdir(exist_ok=True)
    (root / "issues" / "draft.toml").write_text(
        f"title = \"Valley Notes\"\nintro = '''\n{intro}\n'''\n", encoding="utf-8"
    )
    here = Path.cwd()
    os.chdir(root)
    try:
        report = lint_paths(
            [Path("issues/draft.toml")], load_workspace(root), select=[rule], archive=False
        )
    finally:
        os.chdir(here)
    assert not report.problems
    return [(f.location.line, f.location.column) for f in report.findings]


# -- point 2: truncated-paragraph ----------------------------------------------------------

FINISHED_LINES = [
    pytest.param(
        "Members 412, new this month 17, donations 3,250 EUR, volunteers 58", id="figures"
    ),
    pytest.param(
        "Attendance at the spring fair rose from 310 visitors to 455", id="ends-on-number"
    ),
    pytest.param(
        "Our thanks for the photographs of the weir go to Ana Ferreira", id="ends-on-name"
    ),
    pytest.param("Photos by the Hollins Mill group and the riverside school", id="credit"),
    pytest.param("Edited by the volunteers of the newsletter team this month", id="edited-by"),
    pytest.param(
        "[Minutes of the assembly](https://example.org/m) \u2013 [Photos](https://example.org/p)",
        id="link-line",
    ),
    pytest.param(
        "Clean-up day | Saturday | the old mill\nTree planting | Sunday | the west bank",
        id="table-rows-without-pipes",
    ),
    pytest.param(
        "\u2022 a new bench by the weir for the walkers\n\u2022 two nesting boxes on the old"
        " willow",
        id="bullet-items",
    ),
    pytest.param("News From The Volunteers Of The Lower Valley", id="heading-as-paragraph"),
    pytest.param(
        "Note: new pull requests go against the `develop-9.6` branch", id="field-with-dot"
    ),
    pytest.param("With warm wishes from all of us at the harbour,", id="farewell-with-comma"),
]

CUT_SENTENCES = [
    pytest.param("The council adopted the water plan as a recommendation that", (3, 56), id="that"),
    pytest.param("Volunteers cleared the banks of the river and the", (3, 47), id="and-the"),
    pytest.param("We planted forty trees along the west bank,", (3, 39), id="comma"),
    pytest.param("Photo: Ana Ferreira, who walked the river with the", (3, 48), id="field-cut"),
]


@pytest.mark.parametrize("text", FINISHED_LINES)
def test_lines_that_end_without_a_stop_on_purpose_are_not_cut(tmp_path: Path, text: str) -> None:
    assert findings(tmp_path, "truncated-paragraph", text) == []


@pytest.mark.parametrize(("text", "place"), CUT_SENTENCES)
def test_a_sentence_stopping_mid_way_is_still_reported(
    tmp_path: Path, text: str, place: tuple[int, int]
) -> None:
    assert findings(tmp_path, "truncated-paragraph", text) == [place]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("The assembly met in March. It voted for the plan.", ParagraphKind.PROSE),
        ("## Upcoming events", ParagraphKind.HEADING),
        ("Upcoming Events And Meetups", ParagraphKind.HEADING),
        ("- one\n- two", ParagraphKind.LIST),
        ("\u2022 one item\n\u2022 another", ParagraphKind.LIST),
        ("> quoted words", ParagraphKind.QUOTE),
        ("a | b | c", ParagraphKind.TABLE),
        ("[Report](https://example.org/r) | [Photos](https://example.org/p)", ParagraphKind.LINKS),
        ("*Photo: the weir in spring*", ParagraphKind.CREDIT),
        ("Illustration by Ana Ferreira", ParagraphKind.CREDIT),
        ("Words and pictures by the volunteers", ParagraphKind.CREDIT),
        ("Courtesy of the mill trust", ParagraphKind.CREDIT),
        ("Images of the flood were shared across the region", ParagraphKind.PROSE),
        ("2019: 310, 2020: 455, 2021: 612", ParagraphKind.FIGURES),
        ("Venue: the old mill", ParagraphKind.FIELD),
        ("With love from all of us at the Alliance", ParagraphKind.SIGN_OFF),
        ("Ana Ferreira\nCoordinator\n3 Bridge Street", ParagraphKind.LINES),
    ],
)
def test_paragraph_kind(text: str, kind: ParagraphKind) -> None:
    assert paragraph_kind(text) is kind


# -- point 3: placeholder-text ---------------------------------------------------------------

PUBLISHED_WORDS = [
    pytest.param("Thursday 4 June: river walk with the ranger, topic TBD", id="topic-tbd"),
    pytest.param("Saturday 6 June: picnic at the weir (venue TBC)", id="venue-tbc-in-brackets"),
    pytest.param("Speaker: Ana Ferreira \u2013 **TBC**", id="tbc-after-a-dash"),
    pytest.param("Topic: TBD", id="label-tbd"),
    pytest.param(
        "The mapping group merged [Remove TODO markers](https://example.org/pr/7).",
        id="todo-in-link-text",
    ),
    pytest.param(
        "We read [Fix [link] handling in #[derive(..)]](https://example.org/pr/9).",
        id="nested-brackets",
    ),
    pytest.param(
        'Her talk "FIXME: notes from a broken river" was the best of the day.', id="quoted-title"
    ),
    pytest.param(
        'The minutes say the board will "[add] a second survey next year".',
        id="bracket-in-a-quotation",
    ),
    pytest.param("The tool warns on `TODO` and `XXX` comments in the maps.", id="code-span"),
]

EDITORS_NOTES = [
    pytest.param("TODO: add photo of the weir", [(3, 1)], id="todo-note"),
    pytest.param("The walk starts at [insert time] by the mill.", [(3, 20)], id="insert-time"),
    pytest.param("The picnic takes place on TBC at the weir.", [(3, 27)], id="tbc-as-a-value"),
    pytest.param("TBD", [(3, 1)], id="tbd-alone"),
    pytest.param("XXX check the names before sending", [(3, 1)], id="xxx"),
    pytest.param("Lorem ipsum dolor sit amet, the river is high.", [(3, 1)], id="lorem"),
    pytest.param(
        "See the [Remove TODO markers](https://example.org/pr/7) TODO link",
        [(3, 57)],
        id="note-after-link",
    ),
]


@pytest.mark.parametrize("text", PUBLISHED_WORDS)
def test_published_words_are_not_placeholders(tmp_path: Path, text: str) -> None:
    assert findings(tmp_path, "placeholder-text", text) == []


@pytest.mark.parametrize(("text", "places"), EDITORS_NOTES)
def test_an_editors_note_is_still_reported(
    tmp_path: Path, text: str, places: list[tuple[int, int]]
) -> None:
    assert findings(tmp_path, "placeholder-text", text) == places


# -- bad-link, read in the samples of both archives ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "places"),
    [
        pytest.param(
            "Members discussed [this](https://example.org/a) idea at length.", [], id="this-idea"
        ),
        pytest.param(
            "Two replies [link](https://example.org/b) to earlier work.", [], id="link-as-verb"
        ),
        pytest.param("Read it [here](https://example.org/c).", [(3, 9)], id="here"),
        pytest.param(
            "She sent a [link](https://example.org/d) to the map.", [(3, 12)], id="a-link"
        ),
        pytest.param("We agree with [this](https://example.org/e).", [(3, 15)], id="this-alone"),
    ],
)
def test_vague_link_text_only_where_nothing_names_the_target(
    tmp_path: Path, text: str, places: list[tuple[int, int]]
) -> None:
    assert findings(tmp_path, "bad-link", text) == places


def test_kind_of_a_long_line_of_links_is_found_at_once() -> None:
    """A line of many links that is not a link line (a word at its end) is given up at once:
    tried in every way of splitting the spaces between the links, it took seconds at 16 links."""
    assert paragraph_kind("[the river walk](w)  " * 200 + "and more") is ParagraphKind.PROSE
