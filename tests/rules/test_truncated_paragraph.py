"""truncated-paragraph: a paragraph that stops mid-sentence."""

from __future__ import annotations

from pathlib import Path

import pytest
from lintcase import lint


def draft(text: str) -> str:
    return f'title = "T"\nintro = """\n{text}\n"""\n'


FAILS = [
    pytest.param(
        draft("The council adopted the water plan as a\nnon-binding recommendation that"),
        [
            (
                4,
                28,
                'the paragraph ends mid-sentence ("...plan as a non-binding recommendation'
                ' that"); finish the sentence or end it with a full stop',
            )
        ],
        id="stops-mid-sentence",
    ),
    pytest.param(
        draft("The mayor said: we will adopt the water plan as a recommendation that"),
        [
            (
                3,
                66,
                'the paragraph ends mid-sentence ("...water plan as a recommendation'
                ' that"); finish the sentence or end it with a full stop',
            )
        ],
        id="speech-after-a-colon-is-no-field",
    ),
    pytest.param(
        draft("Note: the council will decide on the plan for the"),
        [
            (
                3,
                47,
                'the paragraph ends mid-sentence ("...decide on the plan for the"); finish the'
                " sentence or end it with a full stop",
            )
        ],
        id="a-field-cut-off-mid-way",
    ),
    pytest.param(
        draft("With love from all of us, and thanks to the volunteers who came to the"),
        [
            (
                3,
                68,
                'the paragraph ends mid-sentence ("...the volunteers who came to the"); finish'
                " the sentence or end it with a full stop",
            )
        ],
        id="a-farewell-cut-off-mid-way",
    ),
    pytest.param(
        draft("Dear friends,\n\nVolunteers removed two tonnes of waste from the banks,"),
        [
            (
                5,
                49,
                'the paragraph ends mid-sentence ("...tonnes of waste from the banks,");'
                " finish the sentence or end it with a full stop",
            )
        ],
        id="ends-with-a-comma",
    ),
    pytest.param(
        draft("We thank the volunteers of *the Hollins Mill group* for their\n**work**"),
        [
            (
                4,
                3,
                'the paragraph ends mid-sentence ("...Hollins Mill group* for their **work");'
                " finish the sentence or end it with a full stop",
            )
        ],
        id="emphasis-at-the-end",
    ),
]

PASSES = [
    pytest.param(
        draft(
            "With love from all of us at the Lowland Rivers Alliance\n\n"
            "Warm wishes from the whole team at Riverside Community Garden\n\n"
            "That is all for now, see you in April\n\n"
            "Best wishes to you and your families from all of us here"
        ),
        id="farewells",
    ),
    pytest.param(
        draft("Our annual report for 2026 is out. TODO add the link"), id="editors-note-at-the-end"
    ),
    pytest.param(draft("Call for papers: deadline 15 August 2026"), id="label-and-value"),
    pytest.param(draft("Venue: the old mill on Quay Street, second floor"), id="venue-field"),
    pytest.param(draft("The council adopted the water plan as a recommendation."), id="full-stop"),
    pytest.param(draft("Dear friends,\n\nWith warm regards,\n\nAna Ferreira"), id="short-lines"),
    pytest.param(draft("## A summer of clean-ups along the rivers of the lowlands"), id="heading"),
    pytest.param(draft("- a list item that has no full stop at the end of it"), id="list-item"),
    pytest.param(draft("The survey asked volunteers three questions about the river:"), id="colon"),
    pytest.param(draft("> a quoted line from a member that has no full stop at all"), id="quote"),
    pytest.param(
        draft("Read the [full survey results and the maps](https://example.org/s)"),
        id="ends-with-a-link",
    ),
    pytest.param(
        draft("*Photo by Ana Ferreira of the Hollins Mill group at the weir*"), id="caption"
    ),
    pytest.param(draft("```\nfor x in the list of samples do\n```"), id="code"),
    pytest.param(draft("    indented code with more than six words in it"), id="indented-code"),
    pytest.param(
        draft("<!-- a note\n\nthe second paragraph of a comment without an end\n\n-->"),
        id="comment-over-paragraphs",
    ),
    pytest.param(
        draft("Is the river cleaner than it was ten years ago? We think so!"),
        id="question-and-exclamation",
    ),
    pytest.param(
        draft("The full dataset is open to everyone at https://example.org/data"),
        id="ends-with-an-address",
    ),
    pytest.param(draft("1 + 33 + 32 = 66 bytes in 4 fields of 8 9 10 11"), id="formula"),
    pytest.param(
        draft("Ana Ferreira\nCoordinator, Lowland Rivers Alliance\n3 Bridge Street, Marlow"),
        id="signature-and-address",
    ),
]


@pytest.mark.parametrize(("text", "expected"), FAILS)
def test_reports(tmp_path: Path, text: str, expected: list[tuple[int, int, str]]) -> None:
    found = lint(tmp_path, "truncated-paragraph", text)
    assert [(f.location.line, f.location.column, f.message) for f in found] == expected
    assert all(f.severity.value == "warning" for f in found)


@pytest.mark.parametrize("text", PASSES)
def test_passes(tmp_path: Path, text: str) -> None:
    assert lint(tmp_path, "truncated-paragraph", text) == []


def test_min_words_option(tmp_path: Path) -> None:
    text = draft("Thank you to the volunteers")
    assert lint(tmp_path, "truncated-paragraph", text) == []
    settings = "[lint.rules.truncated-paragraph]\nmin_words = 3\n"
    found = lint(tmp_path, "truncated-paragraph", text, settings=settings)
    assert [(f.location.line, f.location.column) for f in found] == [(3, 18)]
