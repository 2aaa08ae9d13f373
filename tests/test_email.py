"""The email edition: inlined styles, absolute addresses, size limits, parity, and the .eml."""

from __future__ import annotations

import email
import re
from email.policy import default
from html.parser import HTMLParser
from pathlib import Path

import pytest

from newsletter_cli.draft import storage
from newsletter_cli.text import markdown as md
from tests.conftest import RunNl

DRAFT = "issues/2026-03-spring.toml"
BASE = "https://harbour-notes.example/archive/"


class Page(HTMLParser):
    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.items: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.styles: list[str] = []
        self._in_style = False
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.items.append((tag, dict(attrs)))
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        (self.styles if self._in_style else self.text).append(data)

    def all(self, tag: str) -> list[dict[str, str | None]]:
        return [a for t, a in self.items if t == tag]

    def with_class(self, name: str) -> list[dict[str, str | None]]:
        return [a for _, a in self.items if name in (a.get("class") or "").split()]


def export_email(run_nl: RunNl, ws: Path, *flags: str, draft: str = DRAFT) -> tuple[str, str]:
    result = run_nl("export", "--email", *flags, draft, cwd=ws)
    assert result.exit_code == 0, result.output
    return (ws / "out" / f"{Path(draft).stem}.email.html").read_text(
        encoding="utf-8"
    ), result.stderr


def test_every_style_is_inlined_and_nothing_is_loaded(run_nl: RunNl, ws: Path) -> None:
    html, _ = export_email(run_nl, ws)
    page = Page(html)
    assert not page.all("script")
    assert not [a for a in page.all("link") if "stylesheet" in (a.get("rel") or "")]
    # Only @media rules stay in a <style> block; everything else is in style attributes.
    (style,) = page.styles
    outside_media = re.sub(r"@media[^{]*\{(?:[^{}]*\{[^{}]*\})*[^{}]*\}", "", style)
    assert outside_media.strip() == ""
    assert "@media screen and (max-width: 620px)" in style
    assert "prefers-color-scheme: dark" in style
    for tag in ("h2", "p", "figcaption"):
        for attrs in page.all(tag):
            assert attrs.get("style"), tag
    everything = " ".join(a.get("style") or "" for _, a in page.items) + style
    assert not re.search(r"display:\s*(flex|grid|inline-flex)", everything)
    assert not re.search(r"(^|[;\s])position\s*:", everything)
    assert "var(--" not in everything


def test_table_layout_600px(run_nl: RunNl, ws: Path) -> None:
    page = Page(export_email(run_nl, ws)[0])
    tables = page.all("table")
    assert tables and all(t.get("role") == "presentation" for t in tables)
    (container,) = page.with_class("container")
    assert container["width"] == "600"


def test_head_and_preheader(run_nl: RunNl, ws: Path) -> None:
    html, _ = export_email(run_nl, ws)
    page = Page(html)
    assert page.all("html")[0]["lang"] == "en"
    assert '<meta charset="utf-8">' in html[:1024]
    assert "<title>Spring on the quay · Harbour Notes · Issue 7 · 14 March 2026</title>" in html
    (preheader,) = page.with_class("preheader")
    assert "display: none" in (preheader["style"] or "")
    draft = storage.load(ws / DRAFT)
    assert draft.summary is not None
    assert html.index(draft.summary) < html.index("<table")


def test_images_have_alt_width_and_absolute_addresses(run_nl: RunNl, ws: Path) -> None:
    page = Page(export_email(run_nl, ws)[0])
    (image,) = page.all("img")
    assert image["src"] == f"{BASE}2026-03-spring_files/pictures/bridge.png"
    assert image["alt"] == "A wooden footbridge over calm water at dusk"
    assert image["width"] == "560"  # the picture is 800 px wide; the column is 560


def test_every_address_is_absolute(run_nl: RunNl, ws: Path) -> None:
    draft = ws / DRAFT
    draft.write_text(
        draft.read_text(encoding="utf-8").replace(
            "or write to",
            "see [last issue](2026-02-winter.html) and [the fair](#spring-fair-on-the-quay), or write to",
        ),
        encoding="utf-8",
    )
    html, stderr = export_email(run_nl, ws, "--force")
    page = Page(html)
    addresses = [a.get("href") for a in page.all("a")] + [a.get("src") for a in page.all("img")]
    for address in addresses:
        assert address and address.startswith(("https://", "mailto:")), address
    assert f"{BASE}2026-02-winter.html" in addresses
    assert f"{BASE}2026-03-spring.html#spring-fair-on-the-quay" in addresses
    assert "relative address" not in stderr


def test_footer_unsubscribe_and_view_in_browser(run_nl: RunNl, ws: Path) -> None:
    page = Page(export_email(run_nl, ws)[0])
    assert len(page.with_class("footer")) == 1
    text = " ".join(" ".join(page.text).split())
    assert "Harbour Residents' Association" in text and "4 Pier Road, Portwell" in text
    hrefs = [a.get("href") for a in page.all("a")]
    assert "https://harbour-notes.example/unsubscribe?id={{id}}" in hrefs
    assert hrefs.count(f"{BASE}2026-03-spring.html") == 2  # top of the email and footer


def test_without_base_url_relative_addresses_are_warnings(run_nl: RunNl, ws: Path) -> None:
    config = ws / "newsletter.toml"
    config.write_text(config.read_text(encoding="utf-8").replace(f'base_url = "{BASE}"\n', ""))
    html, stderr = export_email(run_nl, ws)
    assert "warning:" in stderr
    assert "relative address 2026-03-spring_files/pictures/bridge.png" in " ".join(stderr.split())
    assert "set base_url" in stderr
    assert 'src="2026-03-spring_files/pictures/bridge.png"' in html


def test_summary_length_is_checked(run_nl: RunNl, ws: Path) -> None:
    draft = ws / DRAFT
    text = draft.read_text(encoding="utf-8")
    short = re.sub(r'summary = ".*"', 'summary = "Spring news."', text)
    draft.write_text(short, encoding="utf-8")
    _, stderr = export_email(run_nl, ws)
    assert "issues/2026-03-spring.toml:5:1: the summary is 12 characters" in " ".join(
        stderr.split()
    )
    draft.write_text(re.sub(r'summary = ".*"\n', "", text), encoding="utf-8")
    _, stderr = export_email(run_nl, ws)
    assert "no summary" in stderr


def _big_draft(ws: Path, paragraphs: int) -> str:
    words = ("tide", "quay", "boat", "gull", "rope", "net", "mast", "sail", "pier", "buoy")
    body = "\n\n".join(
        " ".join(f"{words[(p + k) % len(words)]}{(p * 13 + k) % 101}" for k in range(60)) + "."
        for p in range(paragraphs)
    )
    (ws / "issues" / "big.toml").write_text(
        f'title = "Big"\nsummary = "A very long issue that tests how large an email may grow."\n'
        f'[[sections]]\nheading = "Small"\nbody = "A short section."\n'
        f'[[sections]]\nheading = "Huge"\nbody = """\n{body}\n"""\n',
        encoding="utf-8",
    )
    return "issues/big.toml"


def test_a_large_email_is_a_warning(run_nl: RunNl, ws: Path) -> None:
    _, stderr = export_email(run_nl, ws, "--force", draft=_big_draft(ws, 205))
    flat = " ".join(stderr.split())
    assert re.search(r"the email is 9\d KB, close to Gmail's 102 KB limit", flat), flat
    assert "Largest parts: section 'Huge'" in flat


def test_an_email_gmail_would_clip_is_an_error(run_nl: RunNl, ws: Path) -> None:
    draft = _big_draft(ws, 260)
    result = run_nl("export", "--email", "--force", draft, cwd=ws)
    assert result.exit_code == 1
    flat = " ".join(result.stderr.split())
    assert re.search(r"the email is 1\d\d KB; Gmail clips messages over 102 KB", flat), flat
    assert "Largest parts: section 'Huge' (1" in flat
    assert not (ws / "out" / "big.email.html").exists()


def test_outputs_have_the_same_headings_and_links(run_nl: RunNl, ws: Path) -> None:
    result = run_nl("export", "--html", "--email", "--text", DRAFT, cwd=ws)
    assert result.exit_code == 0, result.output
    out = ws / "out"
    web = (out / "2026-03-spring.html").read_text(encoding="utf-8")
    mail = (out / "2026-03-spring.email.html").read_text(encoding="utf-8")
    text = (out / "2026-03-spring.txt").read_text(encoding="utf-8")
    draft = storage.load(ws / DRAFT)
    for section in draft.sections:
        for output in (web, mail, text):
            assert section.heading in output.replace("&#39;", "'")
    for _key, body, _ in draft.texts():
        for link in md.links(body):
            absolute = link.href if ":" in link.href else BASE + link.href
            assert f'href="{link.href}"' in web
            assert f'href="{absolute}"' in mail
            assert absolute in text


def test_the_eml_is_a_multipart_message(run_nl: RunNl, ws: Path) -> None:
    result = run_nl("export", "--eml", "--text", "--email", DRAFT, cwd=ws)
    assert result.exit_code == 0, result.output
    raw = (ws / "out" / "2026-03-spring.eml").read_bytes()
    message = email.message_from_bytes(raw, policy=default)
    assert message.get_content_type() == "multipart/alternative"
    assert message["Subject"] == "Spring on the quay · Harbour Notes · Issue 7 · 14 March 2026"
    assert "=?utf-8?" in raw.split(b"\r\n\r\n")[0].decode("ascii")  # non-ASCII headers encoded
    assert message["From"] == "Harbour Residents' Association <hello@harbour-notes.example>"
    assert message["Date"] == "Sat, 14 Mar 2026 00:00:00 +0000"
    text_part, html_part = message.iter_parts()
    assert text_part.get_content_type() == "text/plain"
    assert html_part.get_content_type() == "text/html"
    assert text_part.get_content_charset() == html_part.get_content_charset() == "utf-8"
    # mail lines end in CRLF; the files on disk in LF
    assert text_part.get_content().replace("\r\n", "\n") == (
        ws / "out" / "2026-03-spring.txt"
    ).read_text(encoding="utf-8")
    assert html_part.get_content().replace("\r\n", "\n") == (
        ws / "out" / "2026-03-spring.email.html"
    ).read_text(encoding="utf-8")
    again = run_nl("export", "--eml", DRAFT, cwd=ws)
    assert again.exit_code == 0
    assert (ws / "out" / "2026-03-spring.eml").read_bytes() == raw


def test_the_example_issues_make_clean_emails(
    run_nl: RunNl, examples: list[Path], tmp_path: Path
) -> None:
    if not examples:
        pytest.skip("no example issues in issues/")
    result = run_nl(
        "export", "--email", "--text", "-o", tmp_path, *examples, cwd=examples[0].parent.parent
    )
    assert result.exit_code == 0, result.output
    assert "warning" not in result.stderr
    for example in examples:
        size = (tmp_path / f"{example.stem}.email.html").stat().st_size
        assert size < 90 * 1024
