"""Hostile drafts: nothing in a draft reaches outside the workspace, the network or an output.

The drafts in ``tests/hostile/drafts/`` try local files (``file://``, absolute
paths, ``../``, symbolic links), a loopback HTTP server that records every
request, CSS ``@import``, raw HTML and scripts, ``javascript:`` and
``data:text/html`` links, attachments and an enormous image. ``expected.toml``
says which must be refused (with a message naming draft, line, column and
resource) and which are exported harmlessly; for those, every output file is
inspected: the web page, the email, the text, the .eml and the PDF.

Names that try to climb out of the output folder (a title of ``../../..``
becoming a file name in `nl new`, a web archive page, an imported draft) are
tested at the end.
"""

from __future__ import annotations

import contextlib
import email
import email.policy
import os
import re
import shutil
import subprocess
import sys
import threading
import tomllib
import zlib
from collections.abc import Iterator, Sequence
from html.parser import HTMLParser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import reliability_summary
import typer.main

from newsletter_cli.cli import app

HOSTILE = Path(__file__).resolve().parent / "hostile"
MANIFEST: dict[str, list[dict[str, Any]]] = tomllib.loads(
    (HOSTILE / "expected.toml").read_text(encoding="utf-8")
)
REPO = Path(__file__).resolve().parent.parent
GOOD_IMAGE = REPO / "issues" / "images" / "river-cleanup.png"
MARKER = b"SECRET-MARKER-7f3a"
ALL_FORMATS = ["--pdf", "--html", "--email", "--text", "--eml"]
COMMANDS = frozenset(typer.main.get_command(app).commands)  # type: ignore[attr-defined]

pytestmark = pytest.mark.skipif("export" not in COMMANDS, reason="`nl export` is not built yet")


# -- the loopback server ----------------------------------------------------------------------


class _Recorder(BaseHTTPRequestHandler):
    """Answers everything with something worth fetching, and writes down that it was asked."""

    def _answer(self) -> None:
        server: Any = self.server
        server.seen.append(f"{self.command} {self.path}")
        body = b"@import url(x.css); body { background: red }" + MARKER
        self.send_response(200)
        self.send_header("Content-Type", "text/css")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    do_GET = do_POST = do_HEAD = do_PUT = do_OPTIONS = _answer

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def loopback() -> Iterator[Any]:
    server: Any = ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    server.seen = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    reliability_summary.touch("requests seen by the loopback server")
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def assert_no_requests(server: Any) -> None:
    reliability_summary.count("requests seen by the loopback server", len(server.seen))
    assert server.seen == [], f"the export reached the network: {server.seen}"


# -- the workspace ------------------------------------------------------------------------------


def _enormous_png(path: Path, side: int = 14_000) -> None:
    """A PNG of side x side pixels (more than Pillow's decompression-bomb limit) in ~1 MB."""
    compressor = zlib.compressobj(1)
    row = b"\x00" * (side + 1)  # filter byte + one grey byte per pixel
    chunks = [compressor.compress(row * 100) for _ in range(side // 100)]
    chunks.append(compressor.flush())

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data)
        return len(data).to_bytes(4, "big") + kind + data + crc.to_bytes(4, "big")

    header = side.to_bytes(4, "big") * 2 + bytes([8, 0, 0, 0, 0])
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", b"".join(chunks))
        + chunk(b"IEND", b"")
    )


EVIL_SVG = """\
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="100" height="100">
<style>@import url("http://127.0.0.1:PORT/svg-import.css");</style>
<image href="http://127.0.0.1:PORT/svg.png" width="10" height="10"/>
<image xlink:href="file:///etc/passwd" width="10" height="10"/>
<image href="../../../outside/secret.png" width="10" height="10"/>
<rect width="50" height="50" fill="url(http://127.0.0.1:PORT/svg-fill)"/>
</svg>
"""


@pytest.fixture(scope="module")
def enormous_png(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("enormous") / "enormous.png"
    _enormous_png(path)
    return path


@pytest.fixture
def workspace(tmp_path: Path, loopback: Any, enormous_png: Path) -> Path:
    """tmp/outside/ holds the secrets; tmp/ws/ is the workspace, with hostile images."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.png").write_bytes(GOOD_IMAGE.read_bytes() + MARKER)
    (outside / "secret.txt").write_bytes(MARKER + b"\n")
    root = tmp_path / "ws"
    images = root / "issues" / "images"
    images.mkdir(parents=True)
    (root / "newsletter.toml").write_text('name = "River Voices"\n', encoding="utf-8")
    shutil.copyfile(GOOD_IMAGE, images / "ok.png")
    (images / "link-out.png").symlink_to("../../../outside/secret.png")
    (images / "link-etc.png").symlink_to("/etc/hostname")
    port = str(loopback.server_address[1])
    (images / "evil.svg").write_text(EVIL_SVG.replace("PORT", port), encoding="utf-8")
    os.link(enormous_png, images / "enormous.png")
    return root


def place(workspace: Path, name: str, port: int) -> str:
    text = (HOSTILE / "drafts" / name).read_text(encoding="utf-8").replace("PORT", str(port))
    (workspace / "issues" / name).write_text(text, encoding="utf-8")
    return f"issues/{name}"


def export(
    workspace: Path, args: Sequence[str], timeout: float = 240
) -> subprocess.CompletedProcess[str]:
    """`nl export` in a process that may not use more than 3 GB (an image bomb cannot sink CI)."""

    def limit_memory() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))

    proc = subprocess.run(
        [sys.executable, "-m", "newsletter_cli", "export", *args],
        cwd=workspace,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1", "COLUMNS": "200"},
        timeout=timeout,
        preexec_fn=limit_memory,
    )
    assert "Traceback" not in proc.stdout + proc.stderr, proc.stderr[-3000:]
    return proc


# -- what an output may not hold ------------------------------------------------------------------

_BAD_SCHEMES = ("javascript:", "vbscript:", "data:text", "file:", "data:application")
#: What a link in a printed or mailed PDF may lead to: the web, mail and the telephone.
_READER_SCHEMES = ("http:", "https:", "mailto:", "tel:")
_FORBIDDEN_TAGS = {"script", "iframe", "object", "embed", "base", "form", "frame", "applet"}
_URL_ATTRIBUTES = {"href", "src", "srcset", "action", "background", "poster", "data", "xlink:href"}
_REMOTE_CSS = re.compile(r"@import|url\(\s*['\"]?\s*(?:https?:|file:|//)", re.IGNORECASE)


def _scheme_of(url: str) -> str:
    """What a browser would take for the scheme: it drops ASCII whitespace and controls first."""
    cleaned = "".join(c for c in url if c > " " and c != "\x7f").lower()
    return cleaned


class _Inspector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _FORBIDDEN_TAGS:
            self.problems.append(f"<{tag}>")
        if tag == "link" and any(
            k == "rel" and v and ("stylesheet" in v or "attachment" in v) for k, v in attrs
        ):
            self.problems.append(f"<link {attrs}>")
        self._in_style = tag == "style"
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=...>")
            if name in _URL_ATTRIBUTES:
                scheme = _scheme_of(value)
                if scheme.startswith(_BAD_SCHEMES) and not scheme.startswith("data:image/"):
                    self.problems.append(f"<{tag} {name}={value!r}>")
                if name != "href" and ("127.0.0.1" in value or "localhost" in value):
                    self.problems.append(f"remote resource <{tag} {name}={value!r}>")
            if name == "style" and _REMOTE_CSS.search(value):
                self.problems.append(f"<{tag} style={value!r}>")

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style and _REMOTE_CSS.search(data):
            self.problems.append(f"<style> with {_REMOTE_CSS.search(data)!r}")


def html_problems(text: str) -> list[str]:
    inspector = _Inspector()
    inspector.feed(text)
    inspector.close()
    return inspector.problems


def pdf_problems(path: Path) -> list[str]:
    from pypdf import PdfReader

    reader = PdfReader(path)
    problems = [f"embedded file {name}" for name in reader.attachments]
    for page in reader.pages:
        if MARKER.decode() in (page.extract_text() or ""):
            problems.append("the secret in the page text")
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            if annotation.get("/Subtype") == "/FileAttachment":
                problems.append("a file attachment annotation")
            action = annotation.get("/A")
            if action is not None:
                action = action.get_object()
                kind = action.get("/S")
                if kind in ("/Launch", "/JavaScript", "/ImportData", "/SubmitForm"):
                    problems.append(f"a {kind} action")
                uri = str(action.get("/URI", ""))
                if _scheme_of(uri).startswith(_BAD_SCHEMES):
                    problems.append(f"a link to {uri}")
                elif uri and not _scheme_of(uri).startswith(_READER_SCHEMES):
                    problems.append(f"a link the reader cannot follow: {uri}")
    root = reader.trailer["/Root"]
    if "/OpenAction" in root or "/AA" in root:
        problems.append("an action run when the PDF opens")
    return problems


def output_problems(out: Path, secret: bytes) -> list[str]:
    """Everything wrong with every file under ``out``."""
    problems: list[str] = []
    for path in sorted(out.rglob("*")):
        shown = str(path.relative_to(out))
        if path.is_symlink():
            problems.append(f"{shown}: a symbolic link")
            continue
        if not path.is_file():
            continue
        data = path.read_bytes()
        if MARKER in data or data == secret:
            problems.append(f"{shown}: holds the secret from outside the workspace")
        if path.suffix == ".html":
            problems += [f"{shown}: {p}" for p in html_problems(data.decode("utf-8"))]
        elif path.suffix == ".eml":
            message = email.message_from_bytes(data, policy=email.policy.default)
            for part in message.walk():
                if part.get_content_type() == "text/html":
                    problems += [f"{shown}: {p}" for p in html_problems(part.get_content())]
                elif (
                    part.get_content_type() == "text/plain"
                    and MARKER.decode() in part.get_content()
                ):
                    problems.append(f"{shown}: the secret in the text part")
                elif part.get_filename():
                    problems.append(f"{shown}: an attachment {part.get_filename()}")
        elif path.suffix == ".pdf":
            problems += [f"{shown}: {p}" for p in pdf_problems(path)]
            if str(out.parent.parent).encode() in data:
                problems.append(f"{shown}: names the author's folders")
    return problems


# -- the tests ---------------------------------------------------------------------------------------


def test_the_loopback_server_records_what_reaches_it(loopback: Any) -> None:
    """So that "requests seen: 0" means something: a real request is recorded."""
    import urllib.request

    port = loopback.server_address[1]
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/probe", timeout=10) as response:
        assert MARKER in response.read()
    assert loopback.seen == ["GET /probe"]
    loopback.seen.clear()


def test_every_hostile_draft_has_an_expectation() -> None:
    listed = {c["file"] for kind in ("refused", "harmless") for c in MANIFEST[kind]}
    assert listed == {p.name for p in (HOSTILE / "drafts").iterdir()}


def test_hostile_resources_are_refused_by_name(workspace: Path, loopback: Any) -> None:
    """Each draft reaching for a local file or the network stops the export and says why."""
    port = loopback.server_address[1]
    cases = MANIFEST["refused"]
    shown = [place(workspace, case["file"], port) for case in cases]
    # one export of all of them (each is refused on its own; one process keeps the suite fast)
    proc = export(workspace, [*shown, *ALL_FORMATS, "--force"])
    reliability_summary.count("hostile drafts tried", len(cases))
    assert proc.returncode == 3, proc.stderr
    for path, case in zip(shown, cases, strict=True):
        for error in case["errors"]:
            expected = f"{path}:{error.replace('PORT', str(port))}"
            assert expected in proc.stderr, (expected, proc.stderr)
    out = workspace / "out"
    assert not out.exists() or not any(out.rglob("*")), sorted(out.rglob("*"))
    assert_no_requests(loopback)


def test_hostile_content_is_exported_harmlessly(workspace: Path, loopback: Any) -> None:
    """One export of every draft whose hostile parts must be dropped or neutralised."""
    port = loopback.server_address[1]
    everything = MANIFEST["harmless"]
    paths = [place(workspace, case["file"], port) for case in everything]
    proc = export(workspace, [*paths, *ALL_FORMATS, "--force"])
    reliability_summary.count("hostile drafts tried", len(paths))
    assert proc.returncode == 0, proc.stderr
    out = workspace / "out"
    for case in everything:
        stem = case["file"].removesuffix(".toml")
        for suffix in (".pdf", ".html", ".email.html", ".txt", ".eml"):
            assert (out / f"{stem}{suffix}").is_file(), f"{stem}{suffix} was not written"
    secret = (workspace.parent / "outside" / "secret.png").read_bytes()
    assert output_problems(out, secret) == []
    assert_no_requests(loopback)


def test_a_hostile_theme_cannot_reach_out_during_export(workspace: Path, loopback: Any) -> None:
    """A theme whose stylesheet imports from the network and reads /etc: blocked, by name."""
    port = loopback.server_address[1]
    theme = workspace / "templates" / "hostile"
    theme.mkdir(parents=True)
    (theme / "pdf.css").write_text(
        f'@import url("http://127.0.0.1:{port}/theme.css");\n'
        'body { background: url("file:///etc/hostname"); }\n',
        encoding="utf-8",
    )
    path = place(workspace, "loopback-link.toml", port)
    proc = export(workspace, [path, "--pdf", "--theme", "hostile", "--force"])
    reliability_summary.count("hostile drafts tried")
    assert_no_requests(loopback)
    if proc.returncode == 0:  # rendered without the blocked parts
        assert output_problems(workspace / "out", b"") == []
    else:
        assert proc.returncode == 3, proc.stderr
        assert f"127.0.0.1:{port}/theme.css" in proc.stderr or "/etc/hostname" in proc.stderr
        assert not (workspace / "out").exists() or not any((workspace / "out").rglob("*"))


# -- names that try to leave the folder they belong in ----------------------------------------------


def files_under(root: Path) -> set[Path]:
    return {p for p in root.rglob("*") if p.is_file() or p.is_symlink()}


def run_nl(workspace: Path, *args: str) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        [sys.executable, "-m", "newsletter_cli", *args],
        cwd=workspace,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1", "COLUMNS": "200"},
        timeout=240,
    )
    assert "Traceback" not in proc.stdout + proc.stderr, proc.stderr[-3000:]
    reliability_summary.count("hostile drafts tried")
    return proc


TRAVERSAL = "../../../escaped"


def test_nl_new_keeps_a_climbing_title_inside_issues(workspace: Path) -> None:
    before = files_under(workspace.parent)
    proc = run_nl(
        workspace,
        "new",
        "--no-input",
        "--set",
        f"title={TRAVERSAL}",
        "--set",
        "date=2026-06-01",
        "--set",
        "sections.2.include=no",  # the default Events section would need a date
    )
    cache = workspace / ".nl-cache"
    created = {p for p in files_under(workspace.parent) - before if cache not in p.parents}
    assert created, proc.stderr
    for path in created:
        assert path.parent == workspace / "issues", path


def test_nl_import_keeps_a_climbing_name_inside_issues(workspace: Path) -> None:
    sources = workspace / "old"
    sources.mkdir()
    (sources / "..%2F..%2Fescaped.md").write_text(
        f'---\ntitle: "{TRAVERSAL}"\nslug: "{TRAVERSAL}"\n---\n\n# News\n\nText.\n',
        encoding="utf-8",
    )
    before = files_under(workspace.parent)
    proc = run_nl(workspace, "import", "old/..%2F..%2Fescaped.md")
    created = files_under(workspace.parent) - before
    assert proc.returncode == 0, proc.stderr
    assert created and all(p.parent == workspace / "issues" for p in created), created


def test_the_web_archive_keeps_a_climbing_title_inside_the_site(workspace: Path) -> None:
    (workspace / "issues" / "climb.toml").write_text(
        f'title = "{TRAVERSAL}"\ndate = 2026-06-01\n\n[[sections]]\nheading = "{TRAVERSAL}"\n'
        'body = "Forty volunteers came."\n',
        encoding="utf-8",
    )
    before = files_under(workspace.parent)
    proc = run_nl(workspace, "export", "--site", "--force")
    created = files_under(workspace.parent) - before
    assert proc.returncode == 0, proc.stderr
    site = workspace / "out" / "site"
    assert created and all(site in p.parents for p in created), sorted(created)


def test_an_output_folder_is_never_a_symlink_target_outside(workspace: Path, loopback: Any) -> None:
    """out/<name>.html planted as a link to a file outside: the export replaces the link."""
    port = loopback.server_address[1]
    path = place(workspace, "loopback-link.toml", port)
    out = workspace / "out"
    out.mkdir()
    victim = workspace.parent / "outside" / "secret.txt"
    (out / "loopback-link.html").symlink_to(victim)
    proc = export(workspace, [path, "--html", "--force"])
    assert proc.returncode == 0, proc.stderr
    assert victim.read_bytes() == MARKER + b"\n", "the export wrote through a symbolic link"
    assert not (out / "loopback-link.html").is_symlink()
    with contextlib.suppress(FileNotFoundError):
        assert MARKER not in (out / "loopback-link.html").read_bytes()
