"""The names of what `nl export` writes beside a draft's page, and their addresses.

A module of its own, below every output format, so that the email (which links to the web
page) and the site (which copies the images) use the same names without importing each other.
"""

from __future__ import annotations

from urllib.parse import quote


def assets_folder(stem: str) -> str:
    """Where the web page's images go, beside it: ``<stem>_files/``."""
    return f"{stem}_files"


def page_href(stem: str) -> str:
    """The address of a draft's web page, relative to its folder: the file name, URL-quoted
    (a draft named ``news #3.toml`` has its page at ``news%20%233.html``)."""
    return quote(f"{stem}.html")


def asset_href(stem: str, relative: str) -> str:
    """The address of an image copied beside a draft's web page, URL-quoted."""
    return quote(f"{assets_folder(stem)}/{relative}")


__all__ = ["asset_href", "assets_folder", "page_href"]
