"""Template tags of the site an issue came from (Jekyll's Liquid, Hugo, Jinja): filled or kept.

Template variables (``{{ ... }}``) are filled where the file says what they hold, and the
others become code spans; template blocks (``{% raw %}``, ``{% comment %}``) are hidden from
the Markdown parser, whose content is not Markdown of this page.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from newsletter_cli.importer.metadata import text_value
from newsletter_cli.text.textspans import TEMPLATE_TAG

# -- template variables ----------------------------------------------------------------

#: ``{{ expression }}`` on one line, not a Hugo shortcode (``{{< >}}``, ``{{% %}}``).
#: Not ``textspans.TEMPLATE_TAG``, which finds any tag to hide it: filling a variable needs its
#: expression without the trim markers (``{{- x -}}``), and a shortcode is no variable.
#: The expression is what stands between the spaces (and a closing "-"), read in one pass: a run
#: of spaces is taken only before more of it (".*?" between two runs of spaces was cubic).
_VARIABLE = re.compile(
    r"\{\{-?(?![<%])[ \t]*+((?:[^{}\n \t-]|-(?!\}\})|[ \t]++(?=[^{}\n \t-]|-(?!\}\})))*+)"
    r"[ \t]*+-?\}\}"
)
#: ``{% assign name = "text" %}`` or ``{% capture name %}text{% endcapture %}`` on one line: a
#: variable the page sets to a fixed text.
_ASSIGN = re.compile(
    r"\{%-?[ \t]*assign[ \t]+([\w-]+)[ \t]*=[ \t]*(?:\"([^\"\n]*)\"|'([^'\n]*)')[ \t]*-?%\}"
    r"|\{%-?[ \t]*capture[ \t]+([\w-]+)[ \t]*-?%\}([^{}\n]*)\{%-?[ \t]*endcapture[ \t]*-?%\}"
)
#: The site's address before a path: removed, which leaves the link relative to the site.
_SITE_ADDRESS = re.compile(r"(?:site\.url|site\.baseurl|site\.github\.url)")


def fill_template_variables(body: str, values: Mapping[str, Any]) -> tuple[str, list[str]]:
    """The body with the template variables filled where their value is known, and the
    expressions of those that are not.

    ``{{ page.key }}`` takes the front matter's value; a variable the page sets with
    ``{% assign name = "text" %}`` takes that text; ``{{ site.url }}`` or
    ``{{ site.baseurl }}`` before a path is removed (the link becomes relative to the site).
    The statement that set a variable the import filled is removed, as the site showed
    nothing for it. Any other variable in the prose becomes a code span, so that a reader
    sees it is the site's and not a word of the text; in code, link targets and HTML it is
    left as it is.
    Template blocks (``{% raw %}``, ``{% comment %}``) are not touched.
    """
    if "{{" not in body:
        return body, []
    from newsletter_cli.text.textspans import FILL, mask

    assigned: dict[str, str | None] = {}
    for match in _ASSIGN.finditer(body):
        name = match.group(1) or match.group(4)
        text = next(g for g in (match.group(2), match.group(3), match.group(5)) if g is not None)
        assigned[name] = text if assigned.get(name, text) == text else None  # set twice: unsure
    blocks = [m.span() for m in _TEMPLATE_BLOCK.finditer(body)] if "{%" in body else []
    hidden = mask(body)
    unfilled: list[str] = []
    filled: set[str] = set()

    def fill(match: re.Match[str]) -> str:
        if any(start <= match.start() < end for start, end in blocks):
            return match.group(0)
        expression = match.group(1)
        value = _variable_value(expression, values, assigned)
        if value is None and _SITE_ADDRESS.fullmatch(expression):
            following = body[match.end() : match.end() + 1]
            if following == "/" or following == "{":
                return ""
        if value is not None:
            filled.add(expression)
            return value
        unfilled.append(expression)
        if hidden[match.start()] == FILL or "`" in match.group(0):
            return match.group(0)
        return f"`{match.group(0)}`"

    body = _VARIABLE.sub(fill, body)
    if filled:  # the statement that set a filled variable showed nothing on the site
        body = _ASSIGN.sub(lambda m: "" if (m.group(1) or m.group(4)) in filled else m[0], body)
    return body, unfilled


def _variable_value(
    expression: str, values: Mapping[str, Any], assigned: Mapping[str, str | None]
) -> str | None:
    if expression.startswith("page.") and "|" not in expression:
        value = values.get(expression.removeprefix("page.").lower())
        return text_value(value) if not isinstance(value, bool) else None
    return assigned.get(expression)


# -- template blocks -------------------------------------------------------------------

# Template blocks whose content is not Markdown of this page (comments, raw code):
# a `#` line inside them is not a heading.
# The opening tag ends at its first %}, and the block at the next opening of a block: an
# unclosed "{% raw %}" repeated took cubic time (".*?" over every later "%}" and to the end).
_TEMPLATE_BLOCK = re.compile(
    r"\{%-?\s*(comment|raw|highlight|capture)\b(?:(?!\{%|%\}).)*%\}"
    r"(?:(?!\{%-?\s*(?:comment|raw|highlight|capture)\b).)*?\{%-?\s*end\1\s*-?%\}",
    re.DOTALL,
)


def is_tag_line(line: str) -> bool:
    """Whether a line holds only template tags (``textspans.TEMPLATE_TAG``) and template
    blocks on one line (``{% comment %}...{% endcomment %}``): where the site generator's
    Markdown engine sees a blank line."""
    if "{" not in line:
        return False
    rest = TEMPLATE_TAG.sub("", _TEMPLATE_BLOCK.sub("", line))
    return rest != line and not rest.strip()


def mask_template_blocks(text: str) -> str:
    """The text as the parser should see it: template blocks become placeholder lines (one
    plain paragraph), a line holding only a tag becomes blank (as the site generator's
    Markdown engine sees it, so that link definitions below it count as definitions)."""

    def mask(match: re.Match[str]) -> str:
        return "\n".join("template" for _ in match.group(0).split("\n"))

    masked = _TEMPLATE_BLOCK.sub(mask, text).split("\n")
    return "\n".join("" if is_tag_line(line) else line for line in masked)
