"""The print edition in the background: the export's PDF, its pages as PNG images.

Each render runs in its own process, so that a newer save can kill an older render that is
still running (a thread cannot be stopped). The processes come from multiprocessing's fork
server, a single-threaded process started once that has WeasyPrint and the fonts loaded:
a render starts in milliseconds, and nothing is forked from the server's own threads
(forking a process with threads can copy a lock another thread holds).

The pages become PNG images with pypdfium2 (PDFium, as a wheel): headless Chromium shows no
PDFs, and an image per page looks the same in every browser and needs no program outside
Python (pdftoppm is not on every machine).
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

#: Page images are drawn at this many pixels per inch: sharp on screen, quick to draw.
DPI = 96


@dataclass(frozen=True)
class PrintPages:
    """A finished render: one PNG per page, or why there is none."""

    version: int
    pages: tuple[bytes, ...] = ()
    warnings: tuple[str, ...] = ()
    errors: tuple[str, ...] = ()


def _render_pages(prepared: Any) -> PrintPages:
    """In the render process: the PDF exactly as `nl export --pdf` makes it, then its pages."""
    import io

    import pypdfium2  # type: ignore[import-untyped]

    from newsletter_cli.errors import NewsletterError
    from newsletter_cli.output.formats import DraftResult, render_pdf

    result = DraftResult(prepared.job.path)
    try:
        [(_, data)] = render_pdf(prepared, result, None)
    except NewsletterError as error:
        lines = [line for chunk in error.lines() for line in chunk.splitlines()]
        return PrintPages(0, errors=tuple(lines))
    document = pypdfium2.PdfDocument(data)
    pages: list[bytes] = []
    try:
        for page in document:
            image = page.render(scale=DPI / 72).to_pil()
            buffer = io.BytesIO()
            image.save(buffer, format="PNG")
            pages.append(buffer.getvalue())
    finally:
        document.close()
    return PrintPages(0, pages=tuple(pages), warnings=tuple(result.warnings))


def _child(prepared: Any, conn: Any) -> None:
    # Ctrl-C reaches the whole process group: the server stops this process itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        conn.send(_render_pages(prepared))
    except Exception as error:  # reported on the page; the server goes on
        conn.send(PrintPages(0, errors=(f"the print edition failed: {error}",)))
    finally:
        conn.close()


#: One render at a time for the whole preview: two cores, and the editions come first.
_ONE_AT_A_TIME = threading.Semaphore(1)


@dataclass
class PrintRenderer:
    """The print edition of one draft: ``start`` cancels the render of an older version,
    running or still waiting for its turn."""

    on_done: Callable[[PrintPages], None]
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _process: Any = None
    _version: int = 0

    def start(self, prepared: Any, version: int) -> None:
        with self._lock:
            self._cancel()
            self._version = version
        threading.Thread(target=self._run, args=(prepared, version), daemon=True).start()

    def _run(self, prepared: Any, version: int) -> None:
        with _ONE_AT_A_TIME:
            context = _context()
            with self._lock:
                if version != self._version:
                    return
                receive, send = context.Pipe(duplex=False)
                process = context.Process(target=_child, args=(prepared, send), daemon=True)
                process.start()
                self._process = process
            send.close()
            try:
                pages: PrintPages = receive.recv()
            except (EOFError, OSError):  # cancelled: killed by a newer save, or stopped
                return
            finally:
                receive.close()
                process.join()
        with self._lock:
            if version != self._version:
                return
            self._process = None
        self.on_done(PrintPages(version, pages.pages, pages.warnings, pages.errors))

    def _cancel(self) -> None:
        if self._process is not None and self._process.is_alive():
            self._process.kill()
            self._process.join()
        self._process = None

    def stop(self) -> None:
        with self._lock:
            self._cancel()
            self._version = -1


def _context() -> Any:
    import multiprocessing

    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["newsletter_cli.preview.printwarm"])
    return context


def warm_up() -> None:
    """Start the fork server now (in the main thread), so that it has loaded WeasyPrint
    before the first render.

    It and multiprocessing's resource tracker start with Ctrl-C ignored: Ctrl-C reaches every
    process of the terminal's group, and the server itself stops them; without this, a
    Ctrl-C while they still load would print their tracebacks.
    """
    from multiprocessing import forkserver

    _context()
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        forkserver.ensure_running()
    finally:
        signal.signal(signal.SIGINT, previous)
