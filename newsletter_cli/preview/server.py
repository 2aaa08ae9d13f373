"""The preview's web server: the standard library's threading HTTP server.

Why not an ASGI stack: the preview serves one person on one machine, a handful of GET
requests and one long-lived server-sent-events stream per open tab. ``http.server`` does
that with no dependency, starts in milliseconds, and its thread per connection keeps an
event stream from blocking the page's other requests. Server-sent events rather than a
websocket: the browser only listens, ``EventSource`` reconnects by itself, and the stream
is plain HTTP.

Safety: only GET and HEAD; no directory listings and no file is read from a request's path:
every answer is a rendered edition held in memory, a page image of the print edition, an
image the export's gate let through (read when the draft was rendered), or one of the
preview's own assets. A ``Host`` header that is not this machine's loopback address or
``localhost`` is refused (DNS rebinding). Every answer carries a Content-Security-Policy
that lets a page load nothing from anywhere but this server.
"""

from __future__ import annotations

import html
import ipaddress
import json
import queue
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from newsletter_cli.errors import NewsletterError, display_path
from newsletter_cli.preview.editions import Editions, error_lines, render
from newsletter_cli.preview.printpages import PrintPages, PrintRenderer

#: Every page may load only what this server serves; editions run no script at all.
_EDITION_POLICY = (
    "default-src 'none'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "font-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'"
)
_APP_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; frame-src 'self'; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'none'"
)
_ASSETS = {"app.js": "text/javascript", "app.css": "text/css"}
_KEEPALIVE = 15.0


@dataclass
class DraftView:
    """One draft the preview shows: its last good render and what happened since."""

    number: int
    path: Path
    #: Grows on every change (a new render or a new error).
    version: int = 0
    #: The version of the last good render (the editions shown).
    rendered: int = 0
    editions: Editions | None = None
    errors: list[str] = field(default_factory=list)
    print_pages: PrintPages | None = None
    renderer: PrintRenderer | None = None
    #: Rendered once asked for, and again on every change from then on.
    opened: bool = False
    #: One render of this draft at a time, so that an older one never lands after a newer.
    rendering: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def state(self) -> dict[str, Any]:
        editions = self.editions
        pages = self.print_pages
        if pages is not None and pages.version != self.rendered:
            pages = None
        return {
            "draft": self.number,
            "path": display_path(self.path),
            "title": editions.draft.title if editions else self.path.name,
            "version": self.version,
            "rendered": self.rendered,
            "errors": self.errors,
            "warnings": list(editions.warnings) if editions else [],
            "findings": [f.to_json() for f in editions.findings] if editions else [],
            "print": {
                "ready": pages is not None,
                "pages": len(pages.pages) if pages else 0,
                "errors": list(pages.errors) if pages else [],
                "warnings": list(pages.warnings) if pages else [],
            },
        }


class Preview:
    """What the server shows: the drafts opened so far, and who listens for changes."""

    def __init__(self, workspace_root: Path, theme: str | None, *, print_edition: bool = True):
        self.workspace_root = workspace_root
        self.theme = theme
        self.print_edition = print_edition
        self.lock = threading.RLock()
        self.views: dict[int, DraftView] = {}
        self._numbers: dict[Path, int] = {}
        self._listeners: list[queue.Queue[str]] = []
        self.stopping = threading.Event()

    # -- drafts

    def register(self, path: Path) -> int:
        """The number of a draft in the page addresses; it is rendered when first opened."""
        key = path.resolve()
        with self.lock:
            number = self._numbers.get(key)
            if number is None:
                number = len(self._numbers)
                self._numbers[key] = number
                self.views[number] = DraftView(number, path)
        return number

    def open(self, number: int) -> DraftView | None:
        """A draft's view, rendered (and then watched) from the first time it is asked for."""
        with self.lock:
            view = self.views.get(number)
            first = view is not None and not view.opened
            if view is not None:
                view.opened = True
        if view is not None and first:
            self.refresh(view)
        return view

    def refresh(self, view: DraftView) -> None:
        """Render a draft again; an error is shown over the last good render."""
        with view.rendering:
            self._refresh(view)

    def _refresh(self, view: DraftView) -> None:
        try:
            editions: Editions | None = render(view.path, self.theme)
            errors: list[str] = []
        except NewsletterError as error:
            editions, errors = None, error_lines(error)
        except Exception as error:  # a bug of ours must not stop the preview of the others
            editions = None
            errors = [f"internal error: {type(error).__name__}: {error} (a bug in nl)"]
        with self.lock:
            view.version += 1
            view.errors = errors
            if editions is not None:
                view.editions = editions
                view.rendered = view.version
            version = view.version
        self.announce("update", view.number)  # before the print render takes the processor
        if editions is not None and self.print_edition:
            if view.renderer is None:
                view.renderer = PrintRenderer(lambda pages: self._printed(view, pages))
            view.renderer.start(editions.prepared, version)

    def refresh_all(self) -> None:
        with self.lock:
            views = [view for view in self.views.values() if view.opened]
        for view in views:
            self.refresh(view)

    def _printed(self, view: DraftView, pages: PrintPages) -> None:
        with self.lock:
            view.print_pages = pages
        self.announce("print", view.number)

    # -- listeners (server-sent events)

    def announce(self, event: str, number: int) -> None:
        message = f"event: {event}\ndata: {json.dumps({'draft': number})}\n\n"
        with self.lock:
            for listener in self._listeners:
                listener.put(message)

    def listen(self) -> Iterator[str]:
        """Messages for one event stream, with a comment now and then to keep it open."""
        mine: queue.Queue[str] = queue.Queue()
        with self.lock:
            self._listeners.append(mine)
        try:
            yield "retry: 1000\n\n"
            while not self.stopping.is_set():
                try:
                    yield mine.get(timeout=_KEEPALIVE)
                except queue.Empty:
                    yield ": still here\n\n"
        finally:
            with self.lock:
                self._listeners.remove(mine)

    def stop(self) -> None:
        self.stopping.set()
        with self.lock:
            views = list(self.views.values())
        for view in views:
            if view.renderer is not None:
                view.renderer.stop()


def allowed_host(header: str | None, extra: frozenset[str] = frozenset()) -> bool:
    """Whether a ``Host`` header names this server: ``localhost`` or a loopback address.

    With ``--host`` (``extra`` holds its value), also that name and any IP address: DNS
    rebinding needs a domain name, so an address typed as digits is no such attack.
    """
    if not header:
        return False
    try:
        name = urlsplit(f"//{header}").hostname or ""
    except ValueError:
        return False
    if name == "localhost" or name in extra:
        return True
    try:
        address = ipaddress.ip_address(name)
    except ValueError:
        return False
    return address.is_loopback or bool(extra)


class Handler(BaseHTTPRequestHandler):
    """Answers the page's requests; everything else is 404."""

    server: PreviewServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # the terminal stays quiet
        pass

    def do_HEAD(self) -> None:
        self._answer(head=True)

    def do_GET(self) -> None:
        self._answer(head=False)

    def _refuse_method(self) -> None:
        self._send(HTTPStatus.METHOD_NOT_ALLOWED, b"only GET\n", "text/plain", allow="GET, HEAD")

    do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _refuse_method

    def _answer(self, *, head: bool) -> None:
        if not allowed_host(self.headers.get("Host"), self.server.extra_hosts):
            self._send(HTTPStatus.MISDIRECTED_REQUEST, b"not this server's name\n", "text/plain")
            return
        path = unquote(urlsplit(self.path).path)
        parts = path.strip("/").split("/") if path.strip("/") else []
        preview = self.server.preview
        if parts == []:
            self._home()
        elif parts == ["events"]:
            self._events()
        elif len(parts) == 2 and parts[0] == "assets" and parts[1] in _ASSETS:
            body = resources.files(__package__).joinpath("assets", parts[1]).read_bytes()
            self._send(HTTPStatus.OK, body, _ASSETS[parts[1]], policy=_APP_POLICY, head=head)
        elif len(parts) >= 2 and parts[0] == "d" and _number(parts[1]):
            view = preview.open(int(parts[1]))
            if view is None:
                self._not_found()
            else:
                self._draft(view, parts[2:], head=head, trailing=path.endswith("/"))
        else:
            self._not_found()

    def _home(self) -> None:
        server = self.server
        if server.draft is not None:
            self._redirect(f"/d/{server.preview.register(server.draft)}/")
        else:
            self._send(HTTPStatus.OK, self._index().encode(), "text/html", policy=_APP_POLICY)

    def _index(self) -> str:
        from newsletter_cli.draft.workspace import load_workspace
        from newsletter_cli.output.listing import list_drafts

        workspace = load_workspace(self.server.preview.workspace_root)
        listing = list_drafts(workspace, lint=False)
        items = []
        for row in listing.rows:
            number = self.server.preview.register(row.path)
            date = row.date.isoformat() if row.date else "no date"
            items.append(
                f'<li><a href="/d/{number}/">{html.escape(row.title)}</a> '
                f"<span>{date} · {html.escape(display_path(row.path))}</span></li>"
            )
        problems = "".join(f"<li>{html.escape(str(p))}</li>" for p in listing.problems)
        return _page(
            "Drafts",
            f"<h1>Drafts in {html.escape(workspace.settings.name or 'this workspace')}</h1>"
            f'<ol class="drafts">{"".join(items) or "<li>No drafts yet.</li>"}</ol>'
            + (f'<ul class="problems">{problems}</ul>' if problems else ""),
        )

    def _draft(self, view: DraftView, rest: list[str], *, head: bool, trailing: bool) -> None:
        with self.server.preview.lock:
            editions = view.editions
            state = view.state()
            pages = view.print_pages
        if rest == [] and not trailing:
            self._redirect(f"/d/{view.number}/")
        elif rest == []:
            page = _APP.replace("{title}", html.escape(state["title"]))
            page = page.replace("{draft}", str(view.number))
            self._send(HTTPStatus.OK, page.encode(), "text/html", policy=_APP_POLICY, head=head)
        elif rest == ["state"]:
            body = json.dumps(state).encode()
            self._send(HTTPStatus.OK, body, "application/json", head=head, cache=False)
        elif editions is None:
            self._send(HTTPStatus.NOT_FOUND, _page("Not rendered", _errors(state)).encode(),
                       "text/html", policy=_EDITION_POLICY, head=head)  # fmt: skip
        elif rest == ["web"]:
            self._edition(editions.web, "text/html", head=head)
        elif rest == ["email"]:
            self._edition(editions.email, "text/html", head=head)
        elif rest == ["text"]:
            self._edition(editions.text, "text/plain", head=head)
        elif len(rest) == 2 and rest[0] == "print" and rest[1].endswith(".png"):
            number = rest[1].removesuffix(".png")
            shown = pages.pages if pages is not None else ()
            if _number(number) and 1 <= int(number) <= len(shown):
                self._send(HTTPStatus.OK, shown[int(number) - 1], "image/png",
                           policy=_EDITION_POLICY, head=head)  # fmt: skip
            else:
                self._not_found()
        else:
            data = editions.files.get("/".join(rest))
            if data is None:
                self._not_found()
            else:
                self._send(HTTPStatus.OK, data, _image_type(rest[-1]),
                           policy=_EDITION_POLICY, head=head)  # fmt: skip

    def _edition(self, text: str, kind: str, *, head: bool) -> None:
        self._send(HTTPStatus.OK, text.encode(), kind, policy=_EDITION_POLICY, head=head,
                   cache=False)  # fmt: skip

    def _events(self) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        try:
            for message in self.server.preview.listen():
                self.wfile.write(message.encode())
                self.wfile.flush()
        except OSError:  # the tab was closed
            return

    def _redirect(self, target: str) -> None:
        self.send_response(HTTPStatus.FOUND)
        self.send_header("Location", target)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _not_found(self) -> None:
        self._send(HTTPStatus.NOT_FOUND, b"not found\n", "text/plain")

    def _send(
        self,
        status: HTTPStatus,
        body: bytes,
        kind: str,
        *,
        policy: str = _EDITION_POLICY,
        head: bool = False,
        cache: bool = False,
        allow: str | None = None,
    ) -> None:
        self.send_response(status)
        charset = "; charset=utf-8" if kind.startswith("text/") or kind.endswith("json") else ""
        self.send_header("Content-Type", kind + charset)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Content-Security-Policy", policy)
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Cross-Origin-Resource-Policy", "same-origin")
        self.send_header("Cache-Control", "max-age=0, must-revalidate" if cache else "no-store")
        if allow:
            self.send_header("Allow", allow)
        self.end_headers()
        if not head:
            self.wfile.write(body)


def _number(text: str) -> bool:
    return text.isascii() and text.isdigit() and len(text) < 10


def _image_type(name: str) -> str:
    import mimetypes

    kind, _ = mimetypes.guess_type(name)
    return kind if kind and kind.startswith("image/") else "application/octet-stream"


def _errors(state: dict[str, Any]) -> str:
    return "<ul>" + "".join(f"<li>{html.escape(e)}</li>" for e in state["errors"]) + "</ul>"


def _page(title: str, body: str) -> str:
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)} · nl preview</title>"
        '<link rel="stylesheet" href="/assets/app.css"></head>'
        f'<body class="index">{body}</body></html>'
    )


_APP = resources.files(__package__).joinpath("assets", "app.html").read_text(encoding="utf-8")


class PreviewServer(ThreadingHTTPServer):
    """The HTTP server with the preview it serves."""

    daemon_threads = True
    allow_reuse_address = False

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A tab closed mid-answer is normal; anything else is one line, never a traceback."""
        import sys

        error = sys.exc_info()[1]
        if isinstance(error, OSError):
            return
        from newsletter_cli import console

        console.error([f"preview: internal error answering a request: {error!r} (a bug in nl)"])

    def __init__(
        self,
        address: tuple[str, int],
        preview: Preview,
        draft: Path | None,
        extra_hosts: frozenset[str] = frozenset(),
    ) -> None:
        self.preview = preview
        self.draft = draft
        self.extra_hosts = extra_hosts
        super().__init__(address, Handler)
