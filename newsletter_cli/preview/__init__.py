"""`nl preview`: the editions of a draft in the browser, rendered again on every save.

``server`` serves the page and the editions, ``editions`` renders them with the output
formats' registry as `nl export` does, ``printpages`` renders the print edition in the
background, ``watch`` notices saves. Nothing here is imported by ``nl --help``.
"""

from __future__ import annotations

import errno
import socket
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from newsletter_cli import console
from newsletter_cli.errors import NewsletterError, UsageError, display_path

if TYPE_CHECKING:
    from newsletter_cli.preview.server import PreviewServer

#: The port `nl preview` tries first; the next free one when it is taken.
DEFAULT_PORT = 8420
#: How many ports after the asked one are tried before giving up.
PORT_TRIES = 20
LOOPBACK = "127.0.0.1"


def preview_command(
    draft: Path | None,
    *,
    host: str | None = None,
    port: int = DEFAULT_PORT,
    theme: str | None = None,
    open_browser: bool = True,
) -> None:
    """Serve the preview until Ctrl-C (which arrives as ``KeyboardInterrupt``)."""
    from newsletter_cli.draft.workspace import load_workspace
    from newsletter_cli.output.render import resolve_theme
    from newsletter_cli.preview.printpages import warm_up
    from newsletter_cli.preview.server import Preview, PreviewServer
    from newsletter_cli.preview.watch import Watcher, plan_watch

    if not 0 <= port <= 65535:
        raise UsageError(f"--port {port}: a port is a number from 1 to 65535")
    if draft is not None and not draft.is_file():
        raise NewsletterError(f"{display_path(draft)}: no such draft")
    workspace = load_workspace(draft.parent if draft is not None else None)
    chosen = resolve_theme(workspace, theme)
    preview = Preview(workspace.root, theme)
    bind = host or LOOPBACK
    extra = frozenset({bind}) if host else frozenset()
    server, taken = _bind(bind, port, lambda address: PreviewServer(address, preview, draft, extra))
    # listening on every address (0.0.0.0, ::): this machine's own is the one to open here
    local = LOOPBACK if bind in ("0.0.0.0", "::") else bind
    shown = f"[{local}]" if ":" in local else local
    address = f"http://{shown}:{server.server_address[1]}/"
    if host:
        console.warning(
            f"--host {host}: anyone who can reach this machine on that network can read the drafts"
        )
    if taken:
        console.info(f"port {port} is taken: using {server.server_address[1]}")
    console.success(f"Previewing {display_path(draft) if draft else 'the drafts'} at {address}")
    console.info("Press Ctrl-C to stop.")
    folders = [draft.parent] if draft is not None else [workspace.issues_path]
    themes = [*chosen.folders, workspace.root / "templates"]  # also a theme begun later
    watcher = Watcher(plan_watch(folders, themes, workspace), preview.refresh_all)
    try:
        watcher.start()
        warm_up()
        if draft is not None:
            preview.open(preview.register(draft))
        if open_browser:
            import webbrowser

            threading.Thread(target=webbrowser.open, args=(address,), daemon=True).start()
        server.serve_forever(poll_interval=0.2)
    finally:
        preview.stop()
        watcher.stop()
        server.server_close()


def _bind(
    host: str, port: int, build: Callable[[tuple[str, int]], PreviewServer]
) -> tuple[PreviewServer, bool]:
    """The server on ``port`` or the next free port after it; whether it had to move."""
    from newsletter_cli.preview.server import PreviewServer

    if ":" in host:
        PreviewServer.address_family = socket.AF_INET6
    last: OSError | None = None
    for candidate in range(port, min(port + PORT_TRIES, 65536)):
        try:
            return build((host, candidate)), candidate != port
        except OSError as error:
            if error.errno not in (errno.EADDRINUSE, errno.EACCES):
                raise UsageError(f"--host {host}: cannot listen there: {error.strerror}") from None
            last = error
    raise UsageError(
        f"ports {port} to {port + PORT_TRIES - 1} are all taken ({last and last.strerror}): "
        "choose another with --port"
    )
