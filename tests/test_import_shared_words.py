"""The importer reads months and template tags with the project's one list and one pattern.

Its month names are the lint's lexicon (``text.lexicon.ENGLISH``), its template tags are
``text.textspans.TEMPLATE_TAG``: a word or a tag taught to those is known to the import too.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from newsletter_cli.importer.imported import UNDEFINED_LINKS
from newsletter_cli.importer.markdown_issue import import_markdown
from newsletter_cli.importer.metadata import date_hint
from newsletter_cli.importer.template_tags import is_tag_line
from newsletter_cli.text.lexicon import ENGLISH


@pytest.mark.parametrize(("name", "month"), sorted(ENGLISH.months.items()))
def test_every_month_of_the_lexicon_dates_a_masthead(name: str, month: int) -> None:
    assert date_hint(f"{name} 2019") == (date(2019, month, 1), None)
    assert date_hint(f"{name.upper()}. 5th, 2019") == (date(2019, month, 5), None)


@pytest.mark.parametrize(
    "line",
    [
        "{% include references.md %}",
        "  {{ page.title }}  ",
        "{% if x %}{% endif %}",
        "{% comment %}<!-- why -->{% endcomment %}",
        "{% capture note %}Inputs:<br>Alice{% endcapture %}",
    ],
)
def test_a_line_of_template_tags_is_a_tag_line(line: str) -> None:
    assert is_tag_line(line)


@pytest.mark.parametrize(
    "line",
    ["", "   ", "Text {{ page.x }}", "{{ page.x }} text", "{% if x %}Hello{% endif %}", "{ x }"],
)
def test_a_line_with_words_or_no_tag_is_not_a_tag_line(line: str) -> None:
    assert not is_tag_line(line)


def test_a_definition_below_a_line_of_tags_stays_a_definition() -> None:
    text = (
        "---\ntitle: T\n---\nSee [the camp][camp].\n\n"
        "{% if site.camp %}{% include camp.html %}{% endif %}\n[camp]: https://example.org/camp\n"
    )
    imported = import_markdown(text, Path("2019-06-05-t.md"))
    assert imported.draft.intro.endswith("{% endif %}\n\n[camp]: https://example.org/camp")
    assert all(kind != UNDEFINED_LINKS for kind, _ in imported.doubts)
