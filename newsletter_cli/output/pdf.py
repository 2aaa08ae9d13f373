"""HTML -> PDF with WeasyPrint: the one module that imports it, lazily.

WeasyPrint's default fetcher would read any file on the machine, follow any
URL and embed ``rel=attachment`` targets into the PDF. Drafts pass between
many contributors, so ours reads only ``data:`` URLs and files inside the
draft's folder and the theme's folders (after resolving ``..`` and symlinks),
never the network. Anything else stops the export with a
``BlockedResourceError`` naming the resource.

The PDF's dates come from the issue date and nothing else varies between
runs, so the same draft exports to the same bytes. That includes the embedded
fonts: without the HarfBuzz subsetting library WeasyPrint subsets fonts with
fontTools, which stamps each one with the current time unless
``SOURCE_DATE_EPOCH`` is set; ``write_pdf`` sets it to the issue date while it
renders and writes (see ``_font_timestamps``).
"""

from __future__ import annotations

import logging
import os
import re
import threading
import unicodedata
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from newsletter_cli.errors import BlockedResourceError, NewsletterError, display_path
from newsletter_cli.text.markdown import LINK_SCHEMES

if TYPE_CHECKING:
    from weasyprint.text.fonts import FontConfiguration

#: ``--pdf-variant`` values WeasyPrint knows (checked against it at run time).
PDF_VARIANTS = (
    "pdf/a-1a", "pdf/a-1b", "pdf/a-2a", "pdf/a-2b", "pdf/a-2u", "pdf/a-3a", "pdf/a-3b",
    "pdf/a-3u", "pdf/a-4e", "pdf/a-4f", "pdf/a-4u", "pdf/ua-1", "pdf/ua-2",
    "pdf/x-1a", "pdf/x-3", "pdf/x-4", "pdf/x-5g",
)  # fmt: skip
_LENGTH = re.compile(r"^\d+(\.\d+)?(mm|cm|in|pt|px|pc|q)$", re.IGNORECASE)


def check_length(value: str) -> str:
    """A CSS length for ``--bleed`` (``3mm``, ``0.125in``), or ValueError."""
    text = value.strip()
    if not _LENGTH.match(text):
        raise ValueError(f"{value!r} is not a length like 3mm, 0.125in or 9pt")
    return text


@dataclass(frozen=True)
class PdfResult:
    data: bytes
    pages: int
    #: Characters that no installed font can show, as "'ก' (U+0E01)".
    missing_glyphs: tuple[str, ...] = ()
    warnings: tuple[str, ...] = field(default=())


def _inside(path: Path, roots: Sequence[Path]) -> bool:
    return any(path == root or path.is_relative_to(root) for root in roots)


def make_fetcher(roots: Sequence[Path]) -> Any:
    """A WeasyPrint URL fetcher that reads only ``data:`` URLs and files under ``roots``."""
    from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

    allowed = tuple(root.resolve() for root in roots)

    class Blocked(FatalURLFetchingError):  # type: ignore[misc]
        def __init__(self, url: str, reason: str) -> None:
            super().__init__(f"{url}: {reason}")
            self.url = url
            self.reason = reason

    class FolderFetcher(URLFetcher):  # type: ignore[misc]
        blocked = Blocked

        def __init__(self) -> None:
            super().__init__(allowed_protocols=("data", "file"), allow_redirects=False)

        def fetch(self, url: str, headers: Any = None) -> Any:
            scheme = url.split(":", 1)[0].lower() if ":" in url else ""
            if scheme == "data":
                return super().fetch(url, headers)
            if scheme != "file":
                raise Blocked(url, "network access is switched off for exports")
            parts = urlsplit(url)
            if parts.netloc not in ("", "localhost"):
                raise Blocked(url, "files on other machines are never read")
            raw = Path(unquote(parts.path))
            try:
                resolved = raw.resolve(strict=True)
            except (OSError, RuntimeError):
                if not _inside(Path(_normalise(raw)), allowed):
                    raise Blocked(url, "outside the draft's and the theme's folders") from None
                raise Blocked(url, "file not found") from None
            if not _inside(resolved, allowed):
                raise Blocked(url, "outside the draft's and the theme's folders")
            if not resolved.is_file():
                raise Blocked(url, "not a file")
            return URLFetcherResponse(resolved.as_uri(), resolved.read_bytes())

    return FolderFetcher()


def _normalise(path: Path) -> str:
    import os.path

    return os.path.normpath(str(path))


def _import_weasyprint() -> None:
    """Import WeasyPrint without its DeprecationWarning about HarfBuzz subsetting reaching
    anyone: ``subsetting_notice`` says it once, in our words."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        import weasyprint  # noqa: F401


@cache
def _font_config() -> FontConfiguration:
    """One font configuration per process: fontconfig's setup is the slow part."""
    _import_weasyprint()
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


#: The names WeasyPrint tries for the HarfBuzz subsetting library, on each platform.
_HARFBUZZ_SUBSET = (
    "libharfbuzz-subset.so.0",
    "libharfbuzz-subset.0.dylib",
    "libharfbuzz-subset-0.dll",
    "libharfbuzz-subset-0",
)


def subsetting_notice() -> str | None:
    """One line for the person exporting when fonts will be subset without HarfBuzz.

    Checked without importing WeasyPrint (``nl export`` starts it in a helper process):
    whether the library WeasyPrint looks for loads.
    """
    import ctypes

    for name in _HARFBUZZ_SUBSET:
        try:
            ctypes.CDLL(name)
        except OSError:
            continue
        return None
    return (
        "the HarfBuzz subsetting library is not installed, so fonts are subset with fontTools: "
        "the PDF takes about twice as long and its bytes differ from a PDF made where the "
        "library is installed (install libharfbuzz-subset0 on Debian/Ubuntu, harfbuzz with "
        "Homebrew)"
    )


#: ``SOURCE_DATE_EPOCH`` is process-wide: one PDF is written at a time per process.
_CLOCK = threading.Lock()


def _epoch(created: str | None) -> int:
    """The issue date (from the PDF's metadata, ``YYYY-MM-DD...``) in seconds since 1970,
    or 0 without one."""
    try:
        day = date.fromisoformat((created or "")[:10])
    except ValueError:
        return 0
    moment = datetime(day.year, day.month, day.day, tzinfo=UTC)
    return max(0, int(moment.timestamp()))  # fonts dated before 1970 read back wrongly


def _created(root: Any) -> str | None:
    """The issue date the theme gives the PDF (``<meta name="dcterms.created">``), if any."""
    for meta in root.iter("meta"):
        if str(meta.get("name") or "").lower() == "dcterms.created":
            return str(meta.get("content") or "") or None
    return None


@contextmanager
def _font_timestamps(created: str | None) -> Iterator[None]:
    """Embedded fonts dated by the issue, not by the clock.

    HarfBuzz keeps each font's own date; fontTools (WeasyPrint's subsetter when HarfBuzz's is
    missing) writes the current time into every subset font unless ``SOURCE_DATE_EPOCH`` says
    otherwise (also when it converts a theme's WOFF font while rendering). It is set here, for
    the PDF's rendering and writing only, to the issue date (whatever the caller's environment
    holds), and restored afterwards.
    """
    with _CLOCK:
        previous = os.environ.get("SOURCE_DATE_EPOCH")
        os.environ["SOURCE_DATE_EPOCH"] = str(_epoch(created))
        try:
            yield
        finally:
            if previous is None:
                del os.environ["SOURCE_DATE_EPOCH"]
            else:
                os.environ["SOURCE_DATE_EPOCH"] = previous


class _GlyphWatcher(logging.Handler):
    """Collects WeasyPrint's reports of characters drawn as empty boxes."""

    pattern = re.compile(r'unsupported by fonts: "(.*)" \(U\+([0-9A-F]+)\)', re.S)

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.missing: list[str] = []
        self.other: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        match = self.pattern.search(message)
        if match:
            shown = _describe(match.group(1), match.group(2))
            if shown not in self.missing:
                self.missing.append(shown)
        elif record.levelno >= logging.ERROR:
            self.other.append(message)


#: Words after which a character's Unicode name is no longer its script's name.
_NAME_KINDS = ("LETTER", "CHARACTER", "SYLLABLE", "IDEOGRAPH", "DIGIT", "VOWEL", "SIGN")


def _describe(character: str, code: str) -> str:
    """``'ก' (U+0E01, Thai)``: the character, its code point and, when it has one, its script."""
    name = unicodedata.name(character[:1], "") if character else ""
    words = name.replace("-", " ").split()
    kind = next((i for i, word in enumerate(words) if word in _NAME_KINDS), 0)
    script = "CJK" if words[:1] == ["CJK"] else " ".join(words[:kind]).title()
    if not script and unicodedata.category(character[:1] or " ") == "So":
        script = "emoji or symbol"
    return f"{character!r} (U+{code}, {script})" if script else f"{character!r} (U+{code})"


@contextmanager
def _watch_weasyprint() -> Iterator[_GlyphWatcher]:
    """WeasyPrint's log goes to the watcher only: what matters reaches the person as our own
    warnings (missing glyphs, failed resources), never as WeasyPrint's raw lines."""
    logger = logging.getLogger("weasyprint")
    watcher = _GlyphWatcher()
    logger.addHandler(watcher)
    previous, propagate = logger.level, logger.propagate
    logger.setLevel(logging.WARNING)
    logger.propagate = False
    try:
        yield watcher
    finally:
        logger.removeHandler(watcher)
        logger.setLevel(previous)
        logger.propagate = propagate


def write_pdf(
    html: str,
    *,
    base_folder: Path,
    allowed_folders: Sequence[Path],
    variant: str | None = None,
    name: str = "",
) -> PdfResult:
    """Lay out ``html`` (relative URLs resolve in ``base_folder``) and return the PDF."""
    _import_weasyprint()
    from weasyprint import HTML

    fetcher = make_fetcher([base_folder, *allowed_folders])
    shown = name or display_path(base_folder)
    with _watch_weasyprint() as watcher:
        try:
            page = HTML(string=html, base_url=str(base_folder.resolve()) + "/", url_fetcher=fetcher)
            _refuse_attachments(page.etree_element, shown)
            _drop_local_links(page.etree_element)
            # fonts are read (a theme's WOFF converted) while rendering, subset while writing
            with _font_timestamps(_created(page.etree_element)):
                document = page.render(font_config=_font_config())
                data = document.write_pdf(pdf_variant=variant, pdf_identifier=False)
        except fetcher.blocked as blocked:
            raise BlockedResourceError(
                f"{shown}: blocked {blocked.url} ({blocked.reason}); exports read only files "
                "inside the draft's folder and the theme's folder"
            ) from None
        except NewsletterError:
            raise
        except Exception as error:  # WeasyPrint's own failures: report, never a traceback
            raise NewsletterError(
                f"{shown}: PDF layout failed: {type(error).__name__}: {error}"
            ) from error
    return PdfResult(
        data=data,
        pages=len(document.pages),
        missing_glyphs=tuple(watcher.missing),
        warnings=tuple(watcher.other),
    )


def _drop_local_links(root: Any) -> None:
    """A relative link would become a ``file://`` link to the exporting machine: keep its text only.

    Links the reader can follow from a printed or mailed PDF (web, mail, phone, in-document)
    stay; anything else would leak the author's folders into the published file.
    """
    for element in root.iter("a"):
        href = element.get("href")
        if href is None:
            continue
        target = href.strip()
        if not target.startswith("#") and _scheme(target) not in LINK_SCHEMES:
            del element.attrib["href"]


def _scheme(url: str) -> str:
    try:
        return urlsplit(url).scheme.lower()
    except ValueError:  # e.g. an unclosed "[" in the host
        return ""


def _refuse_attachments(root: Any, shown: str) -> None:
    """``rel=attachment`` would embed a file in the PDF: never from an export."""
    for element in root.iter():
        rel = str(element.get("rel") or "").lower().split()
        if "attachment" in rel:
            target = element.get("href") or "(no address)"
            raise BlockedResourceError(
                f"{shown}: blocked attachment {target}; exports never embed files in the PDF"
            )


class PdfProcess:
    """``write_pdf`` in a helper process that loads WeasyPrint while we prepare the page.

    Importing WeasyPrint and setting up fonts takes about as long as linting a
    draft and rendering its templates; on a machine with two cores both can
    happen at once. Only where ``fork`` exists; elsewhere the caller renders
    in its own process.
    """

    def __init__(self) -> None:
        import multiprocessing

        context = multiprocessing.get_context("fork")
        self._conn, child = context.Pipe()
        self._process = context.Process(target=_serve, args=(child,), daemon=True)
        self._process.start()
        child.close()

    @staticmethod
    def available() -> bool:
        import multiprocessing

        return "fork" in multiprocessing.get_all_start_methods()

    def write_pdf(self, html: str, **options: Any) -> PdfResult:
        self._conn.send((html, options))
        try:
            status, value = self._conn.recv()
        except EOFError:
            raise NewsletterError("the PDF process stopped unexpectedly") from None
        if status == "error":
            raise value
        assert isinstance(value, PdfResult)
        return value

    def close(self) -> None:
        with suppress(OSError):
            self._conn.send(None)
        self._conn.close()
        self._process.join(timeout=5)
        if self._process.is_alive():
            self._process.kill()


def _serve(conn: Any) -> None:
    """The helper process: load WeasyPrint at once, then render what it is sent."""
    _font_config()
    while True:
        try:
            request = conn.recv()
        except (EOFError, KeyboardInterrupt):
            return
        if request is None:
            return
        html, options = request
        try:
            conn.send(("ok", write_pdf(html, **options)))
        except NewsletterError as error:
            conn.send(("error", error))
