"""The plain-text edition: wrapped, underlined, every link's address written out."""

from __future__ import annotations

from pathlib import Path

from newsletter_cli.draft import storage
from newsletter_cli.draft.workspace import load_workspace
from newsletter_cli.output.email_edition import absolute_link
from newsletter_cli.output.plaintext import WIDTH, display_width, render_text, underline
from newsletter_cli.output.render import build_context

SETTINGS = """\
name = "Harbour Notes"
base_url = "https://harbour-notes.example/archive/"

[organisation]
name = "Harbour Residents' Association"
address = "4 Pier Road, Portwell"
website = "https://harbour-notes.example"
email = "hello@harbour-notes.example"

[email]
unsubscribe_url = "https://harbour-notes.example/unsubscribe"
"""


def text_of(tmp_path: Path, draft_text: str, settings: str = SETTINGS) -> str:
    (tmp_path / "newsletter.toml").write_text(settings, encoding="utf-8")
    path = tmp_path / "issue-7.toml"
    path.write_text(draft_text, encoding="utf-8")
    draft = storage.load(path)
    context = build_context(draft, load_workspace(tmp_path), target="email", stem="issue-7")
    return render_text(draft, context, link_href=lambda href: absolute_link(context.page_url, href))


DRAFT = '''\
title = "Spring on the quay"
date = 2026-03-14
number = 7
summary = "The footbridge opens and the spring fair comes to the quay."
intro = """
Dear neighbours,

Spring has reached the harbour at last. This issue brings news of the footbridge, the results of the winter tide survey and an invitation to the spring fair, which this year lasts two days.
"""
closing = "See you on the quay."

[[sections]]
heading = "The footbridge opens"
body = """
Read the [council's announcement](https://portwell.example/news/footbridge), the
[opening hours](hours.html), write to [the association](mailto:hello@harbour-notes.example)
or see <https://portwell.example/map>. Do not [click this](javascript:alert(1)).

1. first step
2. second step
   - a detail
   - another detail

### Lifting times

The bridge lifts at [high tide](https://portwell.example/news/footbridge).
"""

[[sections]]
heading = "Spring fair"
kind = "event"
date = 2026-04-18
end_date = 2026-04-19
location = "North Quay, by the harbour master's office"
body = """
Stalls and boat trips: see the [programme](https://portwell.example/fair).

> Bring a friend.
"""
'''


def test_title_date_and_summary(tmp_path: Path) -> None:
    text = text_of(tmp_path, DRAFT)
    assert text.startswith(
        "HARBOUR NOTES\nSpring on the quay\n==================\n\nIssue 7 · 14 March 2026\n\n"
        "The footbridge opens and the spring fair comes to the quay.\n\nDear neighbours,\n"
    )


def test_paragraphs_wrap_near_72_columns(tmp_path: Path) -> None:
    text = text_of(tmp_path, DRAFT)
    for line in text.splitlines():
        words = line.split()
        long_address = 0 < len(words) <= 2 and words[-1].startswith(("https://", "mailto:"))
        assert display_width(line) <= WIDTH or long_address, line
    assert (
        "Spring has reached the harbour at last. This issue brings news of the\nfootbridge" in text
    )


def test_headings_are_underlined(tmp_path: Path) -> None:
    text = text_of(tmp_path, DRAFT)
    assert "\n\nThe footbridge opens\n--------------------\n\n" in text
    assert "\n\nLifting times\n~~~~~~~~~~~~~\n\n" in text


def test_links_become_numbered_references_at_the_end_of_their_section(tmp_path: Path) -> None:
    text = text_of(tmp_path, DRAFT)
    section = text.split("The footbridge opens\n---")[1].split("Spring fair\n---")[0]
    flat = " ".join(section.split())
    assert "council's announcement [1]" in flat
    assert "opening hours [2]" in flat
    assert "the association [3]" in flat
    assert "see https://portwell.example/map." in flat  # an address shown as itself: no reference
    assert "high tide [1]" in flat  # the same address keeps its number
    assert section.rstrip().endswith(
        "[1] https://portwell.example/news/footbridge\n"
        "[2] https://harbour-notes.example/archive/hours.html\n"
        "[3] mailto:hello@harbour-notes.example"
    )
    fair = text.split("Spring fair\n---")[1]
    assert "programme [4]" in " ".join(fair.split()) and "[4] https://portwell.example/fair" in fair


def test_dangerous_links_keep_their_text_only(tmp_path: Path) -> None:
    text = text_of(tmp_path, DRAFT)
    assert "Do not click this." in " ".join(text.split())
    assert "javascript" not in text


def test_lists_and_quotes_are_kept(tmp_path: Path) -> None:
    text = text_of(tmp_path, DRAFT)
    assert "1. first step\n2. second step\n   - a detail\n   - another detail" in text
    assert "> Bring a friend." in text


def test_event_dates_and_places_are_spelled_out(tmp_path: Path) -> None:
    text = text_of(tmp_path, DRAFT)
    assert (
        "Spring fair\n-----------\n"
        "When: Saturday 18 April 2026 to Sunday 19 April 2026\n"
        "Where: North Quay, by the harbour master's office\n"
    ) in text


def test_footer_with_unsubscribe_and_web_version(tmp_path: Path) -> None:
    text = text_of(tmp_path, DRAFT)
    assert text.endswith(
        "-- \nHarbour Residents' Association\n4 Pier Road, Portwell\n"
        "https://harbour-notes.example · hello@harbour-notes.example\n\n"
        "You receive this newsletter because you subscribed to it.\n"
        "Unsubscribe: https://harbour-notes.example/unsubscribe\n"
        "View this email in your browser:\nhttps://harbour-notes.example/archive/issue-7.html\n"
    )


def test_without_base_url_relative_links_stay_relative(tmp_path: Path) -> None:
    text = text_of(tmp_path, DRAFT, settings='name = "Harbour Notes"\n')
    assert "[2] hours.html" in text
    assert "View this email in your browser" not in text
    assert "Unsubscribe: {{unsubscribe_url}}" in text


def test_wide_characters_count_twice_when_underlining() -> None:
    assert display_width("河流之声") == 8
    assert underline("河流之声", "=") == "河流之声\n========"
    assert underline("Café", "-") == "Café\n----"


def test_html_comments_are_not_in_the_plain_text(tmp_path: Path) -> None:
    draft = DRAFT.replace(
        "Dear neighbours,", "Dear neighbours,\n\n<!--\n## Draft notes\n\nAsk the council.\n-->"
    )
    text = text_of(tmp_path, draft)
    assert "Dear neighbours," in text
    assert "Draft notes" not in text and "Ask the council" not in text and "<!--" not in text
