"""Markdown -> sanitised HTML: what a contributor writes never runs in a reader's browser."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from newsletter_cli.text import markdown as md


class Tags(HTMLParser):
    """Every start tag with its attributes."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.found: list[tuple[str, dict[str, str | None]]] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, dict(attrs)))

    def tags(self) -> list[str]:
        return [tag for tag, _ in self.found]

    def attrs(self, tag: str) -> list[dict[str, str | None]]:
        return [a for t, a in self.found if t == tag]


def test_commonmark_basics() -> None:
    html = md.to_html("Some *emphasis*, **strong** and `code`.\n\n- one\n- two\n")
    assert html.startswith(
        "<p>Some <em>emphasis</em>, <strong>strong</strong> and <code>code</code>.</p>"
    )
    assert "<ul>\n<li>one</li>\n<li>two</li>\n</ul>" in html


def test_raw_html_is_shown_as_text_never_as_markup() -> None:
    html = md.to_html('Hi <script>alert("x")</script> <b onclick="steal()">bold</b>')
    parsed = Tags(html)
    assert "script" not in parsed.tags()
    assert "b" not in parsed.tags()
    assert "&lt;script&gt;" in html
    assert all(not k.startswith("on") for _, attrs in parsed.found for k in attrs)


def test_html_block_with_style_and_import_is_text() -> None:
    html = md.to_html("<style>@import url(http://evil.example/x.css); p{color:red}</style>\n\nText")
    assert "style" not in Tags(html).tags()
    assert "<p>Text</p>" in html


@pytest.mark.parametrize(
    "href",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "vbscript:msgbox(1)",
        "file:///etc/hostname",
    ],
)
def test_dangerous_link_schemes_lose_their_address_but_keep_their_text(href: str) -> None:
    html = md.to_html(f"Please [click here]({href}) now.")
    links = Tags(html).attrs("a")
    assert links == [{}]
    assert "click here" in html
    assert href.split(":")[0].lower() not in html.lower()


@pytest.mark.parametrize(
    "href",
    [
        "https://example.org/a?b=1&c=2",
        "http://example.org/",
        "mailto:a@example.org",
        "tel:+4412345",
        "page.html#top",
    ],
)
def test_ordinary_links_survive(href: str) -> None:
    html = md.to_html(f"[here]({href})")
    assert [a["href"] for a in Tags(html).attrs("a")] == [href]


def test_headings_move_down_so_the_page_keeps_one_h1() -> None:
    html = md.to_html("# Big\n\n## Smaller\n\n###### Tiny")
    assert Tags(html).tags() == ["h3", "h4", "h6"]
    assert Tags(md.to_html("# Intro heading", top_heading=2)).tags() == ["h2"]


def test_the_authors_largest_heading_becomes_the_top_one() -> None:
    assert Tags(md.to_html("### Sub\n\n#### Subsub")).tags() == ["h3", "h4"]
    assert Tags(md.to_html("## Sub", top_heading=2)).tags() == ["h2"]


def test_an_image_alone_in_its_paragraph_becomes_a_captioned_figure() -> None:
    html = md.to_html('![A bridge at dusk](pics/bridge.png "The new bridge")')
    assert html.strip() == (
        '<figure><img src="pics/bridge.png" alt="A bridge at dusk" title="The new bridge">'
        "<figcaption>The new bridge</figcaption></figure>"
    )


def test_caption_falls_back_to_alt_text() -> None:
    html = md.to_html("![Volunteers on the bank](a.png)")
    assert "<figcaption>Volunteers on the bank</figcaption>" in html


def test_image_addresses_can_be_rewritten_for_an_output() -> None:
    html = md.to_html("![x](a.png) and ![y](b.png)", image_src=lambda src: f"issue_files/{src}")
    assert [i["src"] for i in Tags(html).attrs("img")] == ["issue_files/a.png", "issue_files/b.png"]


def test_image_event_handlers_and_quotes_are_escaped() -> None:
    html = md.to_html('![a" onerror="alert(1)](x.png "t\\" onload=\\"y")')
    for attrs in Tags(html).attrs("img"):
        assert set(attrs) <= {"src", "alt", "title"}


def test_images_and_links_are_listed_with_their_lines() -> None:
    text = 'First line\n\n![alt](one.png "T")\n\nSee [the guide](https://example.org/g) and <https://x.example/>.\n'
    assert [(i.src, i.alt, i.title, i.line) for i in md.images(text)] == [
        ("one.png", "alt", "T", 2)
    ]
    assert [(link.text, link.href, link.line) for link in md.links(text)] == [
        ("the guide", "https://example.org/g", 4),
        ("https://x.example/", "https://x.example/", 4),
    ]


def test_tables_keep_alignment_only() -> None:
    html = md.to_html("| a | b |\n|--:|---|\n| 1 | 2 |\n")
    cells = Tags(html).attrs("td")
    assert cells[0] == {"style": "text-align:right"}


def test_sanitise_drops_everything_markdown_never_makes() -> None:
    dirty = (
        '<p style="position:fixed">x</p><iframe src="https://e.example"></iframe>'
        '<a href="javascript:x()" onclick="y()">l</a><img src="a.png" onerror="z()">'
        "<!-- comment --><svg><script>1</script></svg><form><input></form>"
    )
    clean = md.sanitise(dirty)
    tags = Tags(clean)
    assert set(tags.tags()) <= {"p", "a", "img"}
    assert "comment" not in clean
    assert tags.attrs("p") == [{}]
    assert tags.attrs("a") == [{}]
    assert tags.attrs("img") == [{"src": "a.png"}]


def test_empty_text_is_empty_html() -> None:
    assert md.to_html("  \n") == ""


def test_inline_text_drops_markup() -> None:
    assert md.inline_text("A *bold* [link](https://e.example) `x`") == "A bold link x"


def test_print_link_notes_give_the_address_of_web_links_only() -> None:
    html = md.to_html(
        "See [the guide](https://example.org/guide/), <https://example.org/>, [mail](mailto:a@b.example) "
        "and [a *page*](http://example.org/p).",
        link_notes=True,
    )
    assert html == (
        '<p>See <a href="https://example.org/guide/">the guide</a><span class="link-note">'
        'example.org/guide</span>, <a href="https://example.org/">https://example.org/</a>, '
        '<a href="mailto:a@b.example">mail</a> and <a href="http://example.org/p">a <em>page</em></a>'
        '<span class="link-note">http://example.org/p</span>.</p>\n'
    )


# ---------------------------------------------------------------- template statements

IMPORTED = """\
{% assign year = 2019 %}
{% include references.md %}

Dear {{ name }}, the survey {% if late %}is late{% endif %} again.
{%- capture note -%}
Second line of the same paragraph.

```liquid
{% include code-example.md %}
```

- first
- {% comment %}
- last

> {% raw %}

{% endraw %}
"""


def test_lines_of_template_statements_are_left_out_of_the_output() -> None:
    html = md.to_html(IMPORTED)
    assert html == (
        "<p>Dear {{ name }}, the survey {% if late %}is late{% endif %} again.\n"
        "Second line of the same paragraph.</p>\n"
        "<pre><code>{% include code-example.md %}\n</code></pre>\n"
        "<ul>\n<li>first</li>\n<li>last</li>\n</ul>\n"
    )


def test_the_draft_as_written_keeps_its_statements() -> None:
    """Checks of the draft (lint, images, links) see every line; only outputs hide them."""
    written = [t.content for t in md.parse(IMPORTED) if t.type == "inline"]
    assert written[0] == "{% assign year = 2019 %}\n{% include references.md %}"
    kept = [t.content for t in md.parse_output(IMPORTED) if t.type == "inline"]
    assert not any(line.lstrip().startswith("{%") for text in kept for line in text.split("\n"))


@pytest.mark.parametrize(
    "text",
    ["{% include references.md %}", "  {%- endif -%}  {% endfor %}", "{% a %}\n{% b %}"],
)
def test_a_text_of_statements_only_renders_to_nothing(text: str) -> None:
    assert md.to_html(text) == ""


COMMENTED = """Welcome to the letter.

<!--
### Old news

- [The spring fair](https://example.org/fair) -->

## From the groups

Text <!-- ask Soham --> goes on, and `<!-- a code span -->` stays.

```
<!-- a fenced block stays too -->
```
"""


def test_html_comments_are_left_out_of_what_readers_see() -> None:
    html = md.to_html(COMMENTED)
    assert "Old news" not in html and "spring fair" not in html and "Soham" not in html
    assert "&lt;!--" not in html.replace("&lt;!-- a code span", "").replace(
        "&lt;!-- a fenced block", ""
    )
    assert "<h3>From the groups</h3>" in html
    assert "<code>&lt;!-- a code span --&gt;</code>" in html
    assert "&lt;!-- a fenced block stays too --&gt;" in html
    # an unclosed comment hides the rest of the text, as it hides it from lint
    assert md.to_html("Shown.\n\n<!-- never closed\n\nHidden.") == "<p>Shown.</p>\n"


def test_a_backtick_inside_or_after_a_comment_opens_no_code_span() -> None:
    """A backtick typed for an apostrophe must not pair with a backtick further on: the
    comment would lose its end and take the rest of the text with it, or be shown."""
    dropped = md.to_html(
        "Opens on 14 April.\n\n<!-- don`t publish the venue yet -->\n\n"
        "Volunteers meet on Saturdays.\n\nUse `make` to build the map."
    )
    assert "venue" not in dropped
    assert "Volunteers meet on Saturdays." in dropped
    assert "<code>make</code>" in dropped
    shown = md.to_html("Don`t forget.\n\n<!-- second note -->\n\nWe`ll meet.")
    assert "second note" not in shown and "&lt;!--" not in shown
    assert "We`ll meet." in shown
