'''An image with no alt text.

People who listen to the newsletter with a screen reader, and everyone whose
mail program blocks images, read the alt text instead of the picture. Reported:
Markdown images with an empty description (``![](chart.png)``) and HTML
``<img>`` tags without an ``alt`` attribute. An HTML image with ``alt=""`` is
deliberately decorative and is fine. Images in code are not read.

Options:
    (none)

Fails:
    ```toml
    title = "River Voices"
    intro = """
    ![](images/water-quality.png)
    """
    ```

Passes:
    ```toml
    title = "River Voices"
    intro = """
    ![Bar chart of the share of sites with good water quality](images/water-quality.png)

    <img src="images/divider.png" alt="">
    """
    ```
'''

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from newsletter_cli.lint.findings import RuleContext, Severity, Violation, shorten
from newsletter_cli.text import mdlinks
from newsletter_cli.text.analysis import DraftText
from newsletter_cli.text.textspans import mask

ID = "missing-alt-text"
SEVERITY = Severity.WARNING
FIXABLE = False
#: Its findings depend on this draft alone.
USES_ARCHIVE = False

_EMPTY_ALT = re.compile(r"!\[[\s*_]*\]")
_IMG_TAG = re.compile(r"<img\b[^<>]*>", re.I)
_ALT = re.compile(r"\salt\s*=", re.I)


@dataclass(frozen=True)
class Options:
    """missing-alt-text has no options."""


def check(analysis: DraftText, options: Options, context: RuleContext) -> Iterator[Violation]:
    """Yield one violation per image without a description."""
    environments: dict[Any, dict[str, Any]] = {}
    for paragraph in analysis.prose:
        text = paragraph.text
        if "![" in text and _EMPTY_ALT.search(text):
            if paragraph.field not in environments:
                environments[paragraph.field] = mdlinks.references(analysis.value(paragraph.field))
            for link in mdlinks.links(text, environments[paragraph.field]):
                if link.kind == "image" and not link.text.strip():
                    yield Violation(
                        analysis.locate(paragraph, link.start),
                        f"the image {link.target!r} has no alt text; describe it between ![ and ]",
                        excerpt=shorten(mdlinks.written(text, link)),
                    )
        if "<img" in text.lower():
            masked = mask(text, links=False, html=False)
            for match in _IMG_TAG.finditer(masked):
                if not _ALT.search(match.group()):
                    yield Violation(
                        analysis.locate(paragraph, match.start()),
                        'the <img> tag has no alt attribute; add alt="what it shows"',
                        excerpt=shorten(match.group()),
                    )
