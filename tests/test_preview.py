"""`nl preview` (issue 16): the real server in its own process, driven by a real browser.

The server is started as a person starts it (``python -m newsletter_cli preview``) on a free
loopback port, on a copy of the example workspace; the browser is Debian's ``chromium``
through Playwright (``executable_path``: no browser download). Without either, the browser
tests skip and say which package is missing; the tests that need no browser always run.

``NL_PREVIEW_SCREENSHOT=docs/preview.png`` makes the layout test save the screenshot that
docs/preview.md shows.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import test_hostile_drafts as hostile

# The reliability suite's hostile workspace and loopback recorder, used as they are there.
from test_hostile_drafts import enormous_png, loopback, workspace  # noqa: F401

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = "2026-11-01-river-voices.toml"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
#: Chromium runs as root in CI (no sandbox then), and this machine's network is closed:
#: without these switches it waits for refused connections to its update and sync services.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-gpu",
]
#: Long enough for a slow CI machine; a hang shows as a failure, not as a stuck suite.
WAIT_MS = 20_000

try:
    from playwright.sync_api import Browser, Page, expect, sync_playwright
except ImportError:  # pragma: no cover - the test extra installs it
    sync_playwright = None  # type: ignore[assignment]

if sync_playwright is not None:
    expect.set_options(timeout=WAIT_MS)

needs_browser = pytest.mark.skipif(
    CHROMIUM is None or sync_playwright is None,
    reason=(
        "the preview's browser tests need Debian's `chromium` package (apt-get install chromium)"
        if CHROMIUM is None
        else "the preview's browser tests need the `playwright` Python package (pip install -e '.[test]')"
    ),
)


# -- the server, as a person starts it ----------------------------------------------------------


@dataclass
class Server:
    """A running `nl preview` process and the address it printed."""

    process: subprocess.Popen[str]
    url: str
    output: list[str]

    @property
    def port(self) -> int:
        return int(self.url.rsplit(":", 1)[1].strip("/"))

    def state(self, draft: int = 0) -> dict[str, Any]:
        status, body = request(self.port, f"/d/{draft}/state")
        assert status == 200, body
        return json.loads(body)  # type: ignore[no-any-return]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def request(
    port: int, path: str, *, host: str | None = None, method: str = "GET"
) -> tuple[int, str]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        headers = {"Host": host} if host else {}
        connection.request(method, path, headers=headers)
        answer = connection.getresponse()
        return answer.status, answer.read().decode("utf-8", "replace")
    finally:
        connection.close()


def _limit_memory() -> None:
    import resource

    # an image bomb in a hostile draft cannot sink the machine
    resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))


@contextlib.contextmanager
def preview(cwd: Path, *args: str, port: int | None = None) -> Iterator[Server]:
    """`nl preview ARGS --no-open` in its own process; stopped with Ctrl-C (SIGINT) at the end."""
    command = [sys.executable, "-m", "newsletter_cli", "preview", *args, "--no-open"]
    command += ["--port", str(port or free_port())]
    process = subprocess.Popen(
        command,
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "NO_COLOR": "1", "COLUMNS": "200"},
        preexec_fn=_limit_memory,
    )
    assert process.stdout is not None
    output: list[str] = []
    deadline = time.monotonic() + 60
    url = None
    while url is None and time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        output.append(line)
        found = re.search(r"at (http://\S+/)", line)
        url = found.group(1) if found else None
    assert url is not None, "".join(output)
    try:
        yield Server(process, url, output)
    finally:
        process.send_signal(signal.SIGINT)
        try:
            rest, _ = process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            rest, _ = process.communicate()
        output.append(rest)
        assert "Traceback" not in "".join(output), "".join(output)


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """A copy of the example workspace: newsletter.toml and issues/ with their images."""
    root = tmp_path / "ws"
    shutil.copytree(REPO / "issues", root / "issues")
    shutil.copyfile(REPO / "newsletter.toml", root / "newsletter.toml")
    return root


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@dataclass
class Tab:
    """A browser tab on the preview, with every request it made."""

    page: Page
    requests: list[str]


@pytest.fixture
def tab(browser: Browser) -> Iterator[Tab]:
    context = browser.new_context(viewport={"width": 1500, "height": 950})
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.set_default_timeout(WAIT_MS)
    try:
        yield Tab(page, requests)
    finally:
        context.close()


def open_preview(tab: Tab, server: Server) -> Page:
    page = tab.page
    page.goto(server.url)
    expect(page.locator("#status")).to_have_text("up to date", timeout=WAIT_MS)
    return page


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# -- in the browser ------------------------------------------------------------------------------


@needs_browser
def test_the_page_shows_the_drafts_headings(example: Path, tab: Tab) -> None:
    with preview(example, f"issues/{EXAMPLE}") as server:
        page = open_preview(tab, server)
        web = page.frame_locator("#web")
        expect(web.get_by_role("heading", name="Tree planting on the Ashbourne")).to_be_visible()
        expect(page.locator("#title")).to_have_text("River Voices")


@needs_browser
def test_a_saved_draft_shows_without_a_reload(example: Path, tab: Tab) -> None:
    draft = example / "issues" / EXAMPLE
    with preview(example, f"issues/{EXAMPLE}") as server:
        page = open_preview(tab, server)
        web = page.frame_locator("#web")
        expect(web.get_by_role("heading", name="Tree planting on the Ashbourne")).to_be_visible()
        page.evaluate("window.notReloaded = true")
        page.locator("#web").evaluate("f => f.contentWindow.scrollTo(0, 400)")
        replace_in(draft, "Tree planting on the Ashbourne", "Hedge laying at Hollins Mill")
        expect(web.get_by_role("heading", name="Hedge laying at Hollins Mill")).to_be_visible()
        assert page.evaluate("window.notReloaded") is True
        # where the reader was: restored once the new render has loaded
        # a function, not an expression: Playwright evals a bare expression inside the page,
        # which the preview's Content-Security-Policy (rightly) refuses
        page.wait_for_function("() => document.getElementById('web').contentWindow.scrollY === 400")
        # the other editions followed
        page.get_by_role("tab", name="Text").click()
        expect(page.locator("#text")).to_contain_text("Hedge laying at Hollins Mill")


@needs_browser
def test_a_paragraph_pasted_twice_is_listed_and_marked(example: Path, tab: Tab) -> None:
    draft = example / "issues" / EXAMPLE
    pasted = "November is planting season."
    with preview(example, f"issues/{EXAMPLE}") as server:
        page = open_preview(tab, server)
        expect(page.locator("#findings li[data-rule=duplicate-paragraph]")).to_have_count(0)
        text = draft.read_text(encoding="utf-8")
        start = text.index(pasted)
        paragraph = text[start : text.index("\n\n", start)]
        replace_in(
            draft,
            "Thank you for a remarkable year",
            f"{paragraph}\n\nThank you for a remarkable year",
        )
        finding = page.locator("#findings li[data-rule=duplicate-paragraph]")
        expect(finding).to_have_count(1)
        expect(finding).to_contain_text("duplicate-paragraph")
        expect(finding.locator(".where")).to_have_text(re.compile(r"^(error|warning) \d+:\d+$"))
        finding.click()
        marked = page.frame_locator("#web").locator(".nl-preview-mark")
        expect(marked).to_have_count(1)
        expect(marked).to_contain_text(pasted)
        # the copy, not the original: the mark is the later of the two paragraphs
        copies = page.locator("#web").evaluate(
            """f => [...f.contentDocument.querySelectorAll('p')]
                   .filter(p => p.textContent.startsWith('November is planting season.'))
                   .map(p => p.classList.contains('nl-preview-mark'))"""
        )
        assert copies == [False, True]
        expect(marked).to_be_in_viewport()


@needs_browser
def test_invalid_toml_shows_the_error_and_a_fix_restores_the_page(example: Path, tab: Tab) -> None:
    draft = example / "issues" / EXAMPLE
    good = draft.read_text(encoding="utf-8")
    with preview(example, f"issues/{EXAMPLE}") as server:
        page = open_preview(tab, server)
        web = page.frame_locator("#web")
        draft.write_text(good.replace("number = 42", "number = 42 43"), encoding="utf-8")
        error = page.locator("#error")
        expect(error).to_be_visible()
        expect(error).to_contain_text(f"issues/{EXAMPLE}:5:")
        # the last good render stays
        expect(web.get_by_role("heading", name="Tree planting on the Ashbourne")).to_be_visible()
        draft.write_text(good.replace("number = 42", "numbr = 42"), encoding="utf-8")
        expect(error).to_contain_text(f"issues/{EXAMPLE}:5:1")
        expect(error).to_contain_text("numbr")
        draft.write_text(good.replace("Tree planting on", "Tree planting along"), encoding="utf-8")
        expect(error).to_be_hidden()
        expect(web.get_by_role("heading", name="Tree planting along the Ashbourne")).to_be_visible()
        expect(page.locator("#status")).to_have_text("up to date")


@needs_browser
def test_settings_and_images_saved_beside_the_draft_update_the_page(
    example: Path, tab: Tab
) -> None:
    config = example / "newsletter.toml"
    image = example / "issues" / "images" / "river-cleanup.png"
    with preview(example, f"issues/{EXAMPLE}") as server:
        page = open_preview(tab, server)
        web = page.frame_locator("#web")
        expect(web.get_by_text("Lowland Rivers Alliance").first).to_be_visible()
        replace_in(config, 'name = "Lowland Rivers Alliance"', 'name = "Upland Brooks Trust"')
        expect(web.get_by_text("Upland Brooks Trust").first).to_be_visible()
        rendered = server.state()["rendered"]
        image.write_bytes(image.read_bytes())  # an image saved again
        deadline = time.monotonic() + WAIT_MS / 1000
        while server.state()["rendered"] == rendered and time.monotonic() < deadline:
            time.sleep(0.05)
        assert server.state()["rendered"] > rendered


@needs_browser
def test_a_saved_theme_file_updates_the_page(example: Path, tab: Tab) -> None:
    """The workspace's own theme (templates/default/ overrides the shipped one file by file)."""
    theme = example / "templates" / "default"
    theme.mkdir(parents=True)
    stylesheet = theme / "web.css"
    shutil.copyfile(REPO / "templates" / "default" / "web.css", stylesheet)
    with preview(example, f"issues/{EXAMPLE}") as server:
        page = open_preview(tab, server)
        heading = page.frame_locator("#web").get_by_role("heading", name="Resources")
        expect(heading).not_to_have_css("color", "rgb(1, 2, 3)")
        with stylesheet.open("a", encoding="utf-8") as css:
            css.write("\nh2 { color: rgb(1, 2, 3) !important; }\n")
        expect(heading).to_have_css("color", "rgb(1, 2, 3)")


@needs_browser
def test_the_email_view_has_both_widths(example: Path, tab: Tab) -> None:
    with preview(example, f"issues/{EXAMPLE}") as server:
        page = open_preview(tab, server)
        page.get_by_role("tab", name="Email").click()
        expect(page.locator("#view-email")).to_be_visible()
        expect(page.locator("#view-web")).to_be_hidden()
        for frame, width in (("#email-600", 600), ("#email-375", 375)):
            inner = page.frame_locator(frame)
            expect(
                inner.get_by_role("heading", name="Tree planting on the Ashbourne")
            ).to_be_visible()
            assert page.locator(frame).evaluate("f => f.contentWindow.innerWidth") == width
            # the image the sent email loads from base_url is shown from the preview itself
            image = inner.locator("img").first
            expect(image).to_have_attribute("src", re.compile(r"^2026-11-01-river-voices_files/"))
            assert image.evaluate("img => img.decode().then(() => img.naturalWidth)") > 0
        assert page.evaluate("performance.getEntriesByType('navigation').length") == 1


@needs_browser
def test_the_print_view_shows_the_pdfs_pages(example: Path, tab: Tab) -> None:
    with preview(example, f"issues/{EXAMPLE}") as server:
        page = open_preview(tab, server)
        page.get_by_role("tab", name="Print").click()
        expect(page.locator("#print-status")).to_have_text(
            re.compile(r"^\d+ pages?$"), timeout=60_000
        )
        count = int(page.locator("#print-status").inner_text().split()[0])
        assert count >= 1
        images = page.locator("#pages img")
        expect(images).to_have_count(count)
        expect(page.locator("#page-count")).to_have_text(f"({count})")
        width = images.first.evaluate("img => img.complete && img.naturalWidth")
        assert width > 500  # an A4 page at 96 dpi is 794 px wide


@needs_browser
def test_the_layout_and_the_screenshot_for_the_docs(example: Path, tab: Tab) -> None:
    """Editions on the left, findings on the right; the docs' screenshot is taken here."""
    draft = example / "issues" / EXAMPLE
    text = draft.read_text(encoding="utf-8")
    start = text.index("November is planting season.")
    paragraph = text[start : text.index("\n\n", start)]
    draft.write_text(
        text.replace(
            "Thank you for a remarkable year", f"{paragraph}\n\nThank you for a remarkable year"
        ),
        encoding="utf-8",
    )
    with preview(example, f"issues/{EXAMPLE}") as server:
        page = open_preview(tab, server)
        finding = page.locator("#findings li[data-rule=duplicate-paragraph]")
        finding.click()
        expect(page.frame_locator("#web").locator(".nl-preview-mark")).to_be_visible()
        panel = page.locator("aside").bounding_box()
        editions = page.locator("#editions").bounding_box()
        assert panel is not None and editions is not None
        assert panel["x"] >= editions["x"] + editions["width"] - 1
        target = os.environ.get("NL_PREVIEW_SCREENSHOT")
        if target:
            page.screenshot(path=str(REPO / target))


@needs_browser
def test_without_a_draft_an_index_newest_first(example: Path, tab: Tab) -> None:
    with preview(example) as server:
        page = tab.page
        page.goto(server.url)
        links = page.locator("ol.drafts a")
        expect(links).to_have_count(3)
        shown = page.locator("ol.drafts span").all_inner_texts()
        dates = [s.split(" ", 1)[0] for s in shown]
        assert dates == sorted(dates, reverse=True) == ["2026-11-01", "2026-10-01", "2026-09-01"]
        links.first.click()
        expect(page.locator("#status")).to_have_text("up to date", timeout=WAIT_MS)
        expect(
            page.frame_locator("#web").get_by_role("heading", name="Tree planting on the Ashbourne")
        ).to_be_visible()


@needs_browser
def test_hostile_drafts_reach_nothing_in_the_preview(
    workspace: Path,  # noqa: F811 (the hostile suite's fixture)
    loopback: Any,  # noqa: F811
    tab: Tab,
) -> None:
    """Every hostile draft of the reliability suite (its workspace fixture: secrets beside the
    workspace, symbolic links out, an SVG with remote parts, an image bomb), opened in the
    preview: no request leaves the server's origin, the loopback recorder sees nothing,
    refused images are reported at their line and nothing of such a draft is served, and no
    served edition holds a script, a remote resource or the secret."""
    port = loopback.server_address[1]
    cases = [(c, True) for c in hostile.MANIFEST["refused"]]
    cases += [(c, False) for c in hostile.MANIFEST["harmless"]]
    for case, _ in cases:
        hostile.place(workspace, case["file"], port)
    secret = hostile.MARKER.decode()
    with preview(workspace) as server:
        page = tab.page
        page.goto(server.url)
        numbers: dict[str, str] = {}
        for item in page.locator("ol.drafts li").all():
            shown = item.locator("span").inner_text().split(" · ", 1)[1]
            numbers[shown] = item.locator("a").get_attribute("href") or ""
        for case, refused in cases:
            path = f"issues/{case['file']}"
            address = numbers[path]
            page.goto(server.url.rstrip("/") + address)
            if refused:
                for error in case["errors"]:
                    expected = f"{path}:{error.replace('PORT', str(port))}"
                    expect(page.locator("#error")).to_contain_text(expected)
                for edition in ("web", "email", "text"):
                    assert request(server.port, f"{address}{edition}")[0] == 404
            else:
                expect(page.locator("#status")).to_have_text("up to date")
                for edition in ("web", "email"):
                    status, body = request(server.port, f"{address}{edition}")
                    assert status == 200
                    assert hostile.html_problems(body) == [], (path, edition)
                    assert secret not in body
                status, body = request(server.port, f"{address}text")
                assert status == 200 and secret not in body
            for view in ("Email", "Text", "Print", "Web"):
                page.get_by_role("tab", name=view).click()
            page.wait_for_timeout(200)
        assert [u for u in tab.requests if not u.startswith(server.url)] == []
        hostile.assert_no_requests(loopback)
        first = numbers["issues/dotdot-image.toml"]
        for probe in (
            f"{first}../../../outside/secret.txt",
            f"{first}dotdot-image_files/../../../outside/secret.png",
            f"{first}images/link-out.png",
            f"{first}images/ok.png",
            "/issues/",
            "/issues/images/ok.png",
            "/newsletter.toml",
            "/../outside/secret.txt",
        ):
            status, body = request(server.port, probe)
            assert status == 404, probe
            assert secret not in body


# -- without a browser ---------------------------------------------------------------------------


def test_a_newer_render_cancels_an_older_print_render(example: Path) -> None:
    """Two saves in a row: the print edition of the first is stopped, only the second's
    pages arrive (and its process is gone)."""
    import threading

    from newsletter_cli.preview.editions import render
    from newsletter_cli.preview.printpages import PrintPages, PrintRenderer, warm_up

    draft = example / "issues" / EXAMPLE
    warm_up()
    done: list[PrintPages] = []
    finished = threading.Event()

    def on_done(pages: PrintPages) -> None:
        done.append(pages)
        finished.set()

    renderer = PrintRenderer(on_done)
    cwd = os.getcwd()
    os.chdir(example)
    try:
        first = render(draft).prepared
        replace_in(draft, "Tree planting on the Ashbourne", "Hedge laying at Hollins Mill")
        second = render(draft).prepared
    finally:
        os.chdir(cwd)
    renderer.start(first, 1)
    deadline = time.monotonic() + 60
    while renderer._process is None and time.monotonic() < deadline:
        time.sleep(0.01)
    older = renderer._process  # the first render's process, under way
    assert older is not None and older.is_alive()
    renderer.start(second, 2)
    # stopped, not left to finish (which exits 0): killed, -9, or 255 when the fork server
    # could not pass the signal on before its pipe closed
    assert older.exitcode in (-signal.SIGKILL, 255), older.exitcode
    assert finished.wait(120), "no print edition arrived"
    time.sleep(1)
    assert [p.version for p in done] == [2]
    assert done[0].errors == () and len(done[0].pages) >= 1
    renderer.stop()


def test_a_missing_draft_or_impossible_port_is_an_error_not_a_server(example: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "newsletter_cli", "preview", "issues/nope.toml", "--no-open"],
        cwd=example,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
        timeout=60,
    )
    assert proc.returncode == 3, proc.stderr
    assert "issues/nope.toml: no such draft" in proc.stderr
    assert "Traceback" not in proc.stderr
    proc = subprocess.run(
        [sys.executable, "-m", "newsletter_cli", "preview", "--port", "70000", "--no-open"],
        cwd=example,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
        timeout=60,
    )
    assert proc.returncode == 2, proc.stderr
    assert "--port 70000: a port is a number from 1 to 65535" in proc.stderr


def test_a_foreign_host_header_is_refused(example: Path) -> None:
    """DNS rebinding: a page of evil.example that resolves to 127.0.0.1 gets nothing."""
    with preview(example, f"issues/{EXAMPLE}") as server:
        for path in ("/", "/d/0/", "/d/0/web", "/d/0/state", "/events"):
            status, body = request(server.port, path, host="evil.example")
            assert 400 <= status < 500, (path, status)
            assert "River Voices" not in body
        for host in (f"127.0.0.1:{server.port}", f"localhost:{server.port}"):
            assert request(server.port, "/d/0/state", host=host)[0] == 200


def test_nothing_writes_and_nothing_is_listed(example: Path) -> None:
    with preview(example, f"issues/{EXAMPLE}") as server:
        for method in ("POST", "PUT", "DELETE"):
            assert request(server.port, "/d/0/state", method=method)[0] == 405
        for path in (
            "/issues/",
            "/issues/images/",
            "/assets/",
            "/d/",
            "/d/0/out/",
            "/..%2f..%2fetc/passwd",
            "/d/%C2%B2/",
            "/d/0/print/%C2%B2.png",
            "/d/99999999999999999999/",
        ):
            assert request(server.port, path)[0] == 404, path
        before = sorted(p.relative_to(example) for p in example.rglob("*"))
    after = sorted(p.relative_to(example) for p in example.rglob("*"))
    assert [p for p in after if p not in before and not p.parts[0].startswith(".")] == []


def test_a_taken_port_moves_to_the_next_and_says_so(example: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with preview(example, f"issues/{EXAMPLE}", port=port) as server:
            assert server.port != port
            assert f"port {port} is taken: using {server.port}" in "".join(server.output)
            assert request(server.port, "/d/0/state")[0] == 200


def test_host_other_than_loopback_warns(example: Path) -> None:
    with preview(example, f"issues/{EXAMPLE}", "--host", "0.0.0.0") as server:
        shown = "".join(server.output)
        assert "anyone who can reach this machine on that network can read the drafts" in shown
        assert server.url.startswith("http://127.0.0.1:")  # an address to open, not 0.0.0.0
        # an address typed as digits (a phone on the same network) is served; a name is not
        assert request(server.port, "/d/0/state", host=f"192.0.2.7:{server.port}")[0] == 200
        assert request(server.port, "/d/0/state", host=f"evil.example:{server.port}")[0] == 421


def test_nl_help_does_not_load_the_preview() -> None:
    code = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from newsletter_cli.cli import app\n"
        "result = CliRunner().invoke(app, ['--help'])\n"
        "assert result.exit_code == 0 and 'preview' in result.output, result.output\n"
        "loaded = [m for m in ('watchfiles', 'newsletter_cli.preview', 'pypdfium2', 'http.server') if m in sys.modules]\n"
        "assert not loaded, loaded\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=REPO)


def test_the_default_port_is_the_documented_one() -> None:
    import typer.main

    from newsletter_cli.cli import app
    from newsletter_cli.preview import DEFAULT_PORT

    command = typer.main.get_command(app).commands["preview"]  # type: ignore[attr-defined]
    port = next(p for p in command.params if p.name == "port")
    assert port.default == DEFAULT_PORT
    assert f"port {DEFAULT_PORT}" in (REPO / "docs" / "preview.md").read_text(encoding="utf-8")


def test_ctrl_c_exits_130_quietly_and_leaves_no_process(example: Path) -> None:
    pexpect = pytest.importorskip("pexpect")
    child = pexpect.spawn(
        sys.executable,
        [
            "-m",
            "newsletter_cli",
            "preview",
            f"issues/{EXAMPLE}",
            "--no-open",
            "--port",
            str(free_port()),
        ],
        cwd=str(example),
        env={**os.environ, "NO_COLOR": "1", "COLUMNS": "200"},
        encoding="utf-8",
        timeout=60,
    )
    child.expect(r"at (http://\S+/)")
    port = int(child.match.group(1).rsplit(":", 1)[1].strip("/"))
    # wait until the print edition's render is running or done: its processes exist
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not descendants(child.pid):
        time.sleep(0.1)
    assert descendants(child.pid), "no render process was started"
    assert request(port, "/d/0/state")[0] == 200
    family = descendants(child.pid)
    child.sendintr()
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130, child.before
    assert "Traceback" not in (child.before or "")
    assert "Interrupted" in (child.before or "")
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and alive(family):
        time.sleep(0.1)
    assert alive(family) == []


def descendants(pid: int) -> list[int]:
    """Every living process below ``pid``, from /proc (no `ps` needed)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found: list[int] = []
    below = children.get(pid, [])
    while below:
        found.extend(below)
        below = [c for p in below for c in children.get(p, [])]
    return alive(found)


def alive(pids: list[int]) -> list[int]:
    living = []
    for pid in pids:
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            continue
        if stat.rsplit(")", 1)[1].split()[0] != "Z":
            living.append(pid)
    return living
