"""Imported once by the fork server of ``printpages``: WeasyPrint and the fonts, loaded
before any render asks for them (importing this module is its whole purpose)."""

import weasyprint  # noqa: F401, TID253

from newsletter_cli.output.pdf import _font_config

_font_config()
