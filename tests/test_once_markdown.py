"""One markdown-it configuration per purpose, one template statement for every reader of text."""

from __future__ import annotations

from newsletter_cli.text import markdown as md
from newsletter_cli.text.textspans import TEMPLATE_STATEMENT


def test_each_purpose_has_one_parser_built_once() -> None:
    purposes = ("draft", "output", "links", "structure")
    parsers = [md.parser(purpose) for purpose in purposes]
    assert [md.parser(purpose) for purpose in purposes] == parsers  # the same objects
    assert len({id(p) for p in parsers}) == len(purposes)
    # the outputs drop statement lines; what the draft says keeps them
    assert md.parse_output("{% include x.md %}") == []
    assert [t.type for t in md.parse("{% include x.md %}")] == [
        "paragraph_open",
        "inline",
        "paragraph_close",
    ]


def test_a_statement_line_is_made_of_the_statements_lint_sees() -> None:
    """``{% a {% b %}`` is no statement to the lint (a statement never runs over the next
    ``{%``), so the outputs keep it visible too instead of dropping the line."""
    assert TEMPLATE_STATEMENT.findall("{% a {% b %}") == ["{% b %}"]
    assert md.to_html("{% a %}  {%- b -%}\n{% a {% b %}\nText") == "<p>{% a {% b %}\nText</p>\n"
