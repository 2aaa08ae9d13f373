"""`nl export --site`: the whole archive as a static web site with an Atom feed.

One page per issue (the same web page `nl export --html` writes, images in
``<stem>_files/`` beside it), an index page listing the issues newest first,
and ``feed.xml`` (Atom, RFC 4287).

Two builds of the same archive are byte-identical: nothing depends on the
clock; the feed's ``updated`` is the newest issue's date and entry ids are
derived from the newsletter's name and the draft's file name, so they stay
stable from build to build. A manifest (``.nl-site.json``) remembers a key
per page (the draft's bytes, its images, the settings, the theme's files and
nl's version), so a second build renders only the issues that changed and
removes the pages of drafts that are gone.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
import stat
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsletter_cli import __version__, cachefile
from newsletter_cli.draft import storage
from newsletter_cli.draft.model import Draft
from newsletter_cli.draft.workspace import Workspace
from newsletter_cli.errors import ExitCode, NewsletterError, display_path
from newsletter_cli.output.render import Navigation, Theme
from newsletter_cli.text.textspans import LINK_DEFINITION_START, TEMPLATE_TAG

if TYPE_CHECKING:
    from newsletter_cli.output.images import LocalImage

MANIFEST = ".nl-site.json"
INDEX = "index.html"
FEED = "feed.xml"
#: The index page and the feed are templates of the theme (the default theme ships both); a
#: theme may replace either, file by file.
INDEX_TEMPLATE = "site-index.html"
#: The feed carries the newest issues only: readers poll it, the index page has them all.
FEED_ENTRIES = 50
_MANIFEST_VERSION = 1
#: Names a draft cannot have in the site: its pages would take the index's or the feed's name
#: (``index.html``; ``feed`` is what many servers answer with ``feed.xml`` or ``feed.html``).
#: Compared without regard to case, as file systems and servers often do.
RESERVED = frozenset({"index", "feed"})


@dataclass(frozen=True)
class IssueEntry:
    """One issue as the index page and the feed see it."""

    stem: str
    href: str
    title: str
    date: date | None
    date_text: str
    number: int | None
    summary: str


@dataclass(frozen=True)
class YearGroup:
    """The issues of one year, newest first; ``year`` is None for the undated ones."""

    year: int | None
    issues: tuple[IssueEntry, ...]


def by_year(entries: Sequence[IssueEntry]) -> tuple[YearGroup, ...]:
    """Newest-first entries cut into runs of one year (the undated ones last, as given)."""
    groups: list[YearGroup] = []
    for entry in entries:
        year = entry.date.year if entry.date else None
        if groups and groups[-1].year == year:
            groups[-1] = YearGroup(year, (*groups[-1].issues, entry))
        else:
            groups.append(YearGroup(year, (entry,)))
    return tuple(groups)


@dataclass(frozen=True)
class IndexContext:
    """What the index template sees (as ``site``)."""

    newsletter: str
    language: str
    direction: str
    issues: tuple[IssueEntry, ...]
    #: The same issues by year, for an archive that spans several.
    years: tuple[YearGroup, ...]
    feed_href: str
    generator: str
    labels: Any
    organisation: Any


@dataclass
class SiteReport:
    """What a site build did."""

    out_dir: Path
    pages: int = 0
    rendered: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    #: Drafts left out because the linter finds errors in them (``force`` publishes them).
    refused: list[str] = field(default_factory=list)

    @property
    def exit_code(self) -> ExitCode:
        if self.errors:
            return ExitCode.UNUSABLE
        return ExitCode.PROBLEMS if self.refused else ExitCode.OK


def build_site(
    paths: Sequence[Path],
    workspace: Workspace,
    out_dir: Path,
    *,
    theme_name: str | None = None,
    force: bool = False,
) -> SiteReport:
    """Build (or bring up to date) the web archive of the drafts at ``paths`` in ``out_dir``.

    A draft in which the linter finds errors is not published, as `nl export` does not export
    it, unless ``force``."""
    from newsletter_cli.draft.finder import find_drafts
    from newsletter_cli.output.formats import check_output_folder
    from newsletter_cli.output.render import resolve_theme

    check_output_folder(out_dir)
    theme = resolve_theme(workspace, theme_name)
    report = SiteReport(out_dir)
    files, _ = find_drafts(paths, workspace, strict=True)
    stems: dict[str, Path] = {}
    names: dict[str, Path] = {}
    for path in files:
        if path.stem.casefold() in RESERVED:
            report.errors.append(
                f"{display_path(path)}: {path.stem!r} is a name of the site's own pages "
                f"({INDEX}, {FEED}); rename the draft"
            )
            continue
        other = names.setdefault(path.stem.casefold(), path)
        if other is not path:
            report.errors.append(
                f"{display_path(path)}: same file name as {display_path(other)}; "
                "the site has one page per name, rename one of them"
            )
            continue
        stems[path.stem] = path
    old = _read_manifest(out_dir, report.warnings)
    shared_key = _shared_key(workspace, theme)
    manifest: dict[str, Any] = {}
    loaded: list[tuple[str, Draft, bytes]] = []
    for stem, path in sorted(stems.items()):
        if stem in old:  # a draft that fails now keeps its record: its files stay known
            manifest[stem] = old[stem]
        try:
            draft, data = storage.load_with_bytes(path)  # one read: the bytes that were loaded
        except OSError as error:
            report.errors.append(f"{display_path(path)}: cannot read: {error.strerror}")
            continue
        except NewsletterError as error:
            report.errors.extend(error.lines())
            continue
        loaded.append((stem, draft, data))
    if not force:
        loaded = _lint_gate(loaded, workspace, report)
    # Neighbours are known once every draft is loaded; a page's key includes its links to
    # them, so adding or removing an issue re-renders the pages next to it.
    neighbours = _neighbours([_entry(draft, stem, workspace) for stem, draft, _ in loaded])
    entries: list[IssueEntry] = []
    for stem, draft, data in loaded:
        navigation = _navigation(neighbours[stem], draft, workspace)
        try:
            page = _page(
                draft, data, stem, workspace, theme, shared_key, old.get(stem), out_dir,
                report.warnings, navigation,
            )  # fmt: skip
        except NewsletterError as error:
            report.errors.extend(line for chunk in error.lines() for line in chunk.splitlines())
            continue
        manifest[stem] = page.record
        if page.rendered:
            report.rendered.append(out_dir / f"{stem}.html")
        entries.append(neighbours[stem][0])
    report.pages = len(entries)
    for stem, record in sorted(old.items()):
        if stem not in manifest and stem not in stems:
            report.removed.extend(_remove(out_dir, record))
    ordered = newest_first(entries)
    _write(out_dir, out_dir / INDEX, render_index(ordered, workspace, theme))
    _write(out_dir, out_dir / FEED, atom_feed(ordered, workspace, theme))
    if not workspace.settings.base_url:
        report.warnings.append(
            "base_url is not set in newsletter.toml: the feed's links are relative to feed.xml, "
            "which some feed readers cannot follow"
        )
    _write(
        out_dir,
        out_dir / MANIFEST,
        json.dumps({"version": _MANIFEST_VERSION, "pages": manifest}, indent=1, sort_keys=True)
        + "\n",
    )
    return report


#: How many of a refused draft's lint errors are shown (`nl lint` shows them all).
SHOWN_ERRORS = 3


def _lint_gate(
    loaded: list[tuple[str, Draft, bytes]], workspace: Workspace, report: SiteReport
) -> list[tuple[str, Draft, bytes]]:
    """The drafts that pass `nl export`'s lint gate; each other one is named in ``report``
    with its first errors. Linted as `nl lint` does, with its cache and its workers, so an
    unchanged archive costs little."""
    from newsletter_cli.lint.engine import lint_paths
    from newsletter_cli.lint.findings import Severity

    paths = [draft.path for _, draft, _ in loaded if draft.path is not None]
    if not paths:
        return loaded
    errors: dict[str, list[str]] = {}
    for finding in lint_paths(paths, workspace).findings:
        if finding.severity is Severity.ERROR:
            errors.setdefault(finding.location.path, []).append(
                f"{finding.location}: {finding.message} [{finding.rule}]"
            )
    kept: list[tuple[str, Draft, bytes]] = []
    for stem, draft, data in loaded:
        mine = errors.get(draft.display_path)
        if not mine:
            kept.append((stem, draft, data))
            continue
        more = len(mine) - SHOWN_ERRORS
        report.refused.extend(mine[:SHOWN_ERRORS])
        report.refused.append(
            f"{draft.display_path}: not published: {len(mine)} lint error"
            f"{'s' if len(mine) != 1 else ''}{f' ({more} more not shown)' if more > 0 else ''}; "
            "fix them (nl lint shows them all), or publish anyway with --force"
        )
    return kept


def newest_first(entries: Iterable[IssueEntry]) -> list[IssueEntry]:
    """Dated issues newest first (then by number, then name); undated ones after them."""
    dated = sorted(
        (e for e in entries if e.date is not None),
        key=lambda e: (e.date, e.number or 0, e.stem),
        reverse=True,
    )
    undated = sorted((e for e in entries if e.date is None), key=lambda e: e.stem, reverse=True)
    return dated + undated


# ---------------------------------------------------------------- navigation


def _neighbours(
    entries: Sequence[IssueEntry],
) -> dict[str, tuple[IssueEntry, IssueEntry | None, IssueEntry | None]]:
    """Each issue with the dated issues just before and just after it (older, newer).

    Only dated issues are in the sequence: an undated draft has no place in time, so its page
    (and its neighbours' pages) link to the index only."""
    dated = [e for e in reversed(newest_first(entries)) if e.date is not None]
    found: dict[str, tuple[IssueEntry, IssueEntry | None, IssueEntry | None]] = {
        e.stem: (e, None, None) for e in entries
    }
    for i, entry in enumerate(dated):
        older = dated[i - 1] if i > 0 else None
        newer = dated[i + 1] if i + 1 < len(dated) else None
        found[entry.stem] = (entry, older, newer)
    return found


def _navigation(
    around: tuple[IssueEntry, IssueEntry | None, IssueEntry | None],
    draft: Draft,
    workspace: Workspace,
) -> Navigation:
    """The links of one issue page: the index, and the issues before and after it, their
    dates written in the page's language."""
    from newsletter_cli.output.render import IssueLink, format_date

    language = draft.language or workspace.settings.language

    def link(entry: IssueEntry | None) -> IssueLink | None:
        if entry is None:
            return None
        when = (
            format_date(entry.date, language, workspace.settings.date_order) if entry.date else None
        )
        return IssueLink(href=entry.href, title=entry.title, date=when, number=entry.number)

    _, older, newer = around
    return Navigation(archive_href=INDEX, previous_issue=link(older), next_issue=link(newer))


# ---------------------------------------------------------------- one page


@dataclass(frozen=True)
class _Page:
    record: dict[str, Any]
    rendered: bool


def _page(
    draft: Draft,
    data: bytes,
    stem: str,
    workspace: Workspace,
    theme: Theme,
    shared_key: str,
    previous: Any,
    out_dir: Path,
    warnings: list[str],
    navigation: Navigation,
) -> _Page:
    """Render the issue's web page unless the manifest says the same input made it already."""
    from newsletter_cli.output.filenames import assets_folder
    from newsletter_cli.output.formats import web_page

    images, blocked = site_images(draft)
    warnings.extend(blocked)
    digest = hashlib.blake2b(digest_size=16)
    digest.update(shared_key.encode())
    digest.update(data)
    digest.update(repr(navigation).encode())
    contents = {src: images[src].file.read_bytes() for src in sorted(images)}  # read once
    for src, image_bytes in contents.items():
        digest.update(src.encode() + b"\0" + image_bytes)
    key = digest.hexdigest()
    folder = assets_folder(stem)
    outputs = [f"{stem}.html", *(f"{folder}/{images[s].relative}" for s in sorted(images))]
    if (
        isinstance(previous, dict)
        and previous.get("key") == key
        and previous.get("files") == outputs
        and all((out_dir / name).is_file() for name in outputs)
    ):
        return _Page(previous, rendered=False)
    html = web_page(draft, workspace, theme, stem=stem, images=images, navigation=navigation)
    pending: list[tuple[Path, str | bytes]] = [(out_dir / f"{stem}.html", html)]
    pending.extend((out_dir / folder / images[s].relative, contents[s]) for s in contents)
    if isinstance(previous, dict):
        for name in previous["files"]:
            if name not in outputs:
                _unlink(out_dir / name, out_dir)
    for path, content in pending:
        _write(out_dir, path, content)
    return _Page({"key": key, "files": outputs}, rendered=True)


def site_images(draft: Draft) -> tuple[dict[str, LocalImage], list[str]]:
    """The draft's images that are files in its folder (copied beside the page), and a warning
    for each other one. Unlike a single export, the archive is not refused for them: the page
    links to them as written and the reader's browser resolves them; nl reads nothing there."""
    from newsletter_cli.output.images import scan_images

    found: dict[str, LocalImage] = {}
    warnings: list[str] = []
    for src, where, image in scan_images(draft):
        if isinstance(image, str):
            warnings.append(f"{where}: image {src} is not copied ({image}); linked as written")
        else:
            found[src] = image
    return found, warnings


def _entry(draft: Draft, stem: str, workspace: Workspace) -> IssueEntry:
    from newsletter_cli.output.filenames import page_href
    from newsletter_cli.output.render import format_date

    # The index is one page in the workspace's language: every date is written in it, also
    # that of an issue in another language ("Issue 4 · 1 December 2026", not "... · 2026-12-01").
    language = workspace.settings.language
    return IssueEntry(
        stem=stem,
        href=page_href(stem),
        title=draft.title,
        date=draft.date,
        date_text=(
            format_date(draft.date, language, workspace.settings.date_order).text
            if draft.date
            else ""
        ),
        number=draft.number,
        summary=_teaser(draft),
    )


#: A link definition's start, ``[label]:`` and a space (its address may be on the next line).
_DEFINITION = re.compile(LINK_DEFINITION_START + r"\s", re.MULTILINE)


def _teaser(draft: Draft) -> str:
    """Plain text for the index and the feed: the summary, else the first prose paragraph of
    the intro (or of the first section), at most 60 words."""
    from newsletter_cli.text import markdown as md

    if draft.summary:
        return " ".join(md.inline_text(draft.summary).split())
    texts = {key: text for key, text, _ in draft.texts()}
    for paragraph in draft.paragraphs():
        text = paragraph.text.strip()
        if not text or _DEFINITION.match(text) or text.startswith(_NOT_PROSE):
            continue
        # the link definitions of the same text, so that [text][label] shows as text
        definitions = "\n".join(
            line for line in texts[paragraph.field].splitlines() if _DEFINITION.match(line)
        )
        plain = TEMPLATE_TAG.sub("", md.inline_text(f"{text}\n\n{definitions}"))
        words = plain.split()
        if words:
            return " ".join(words[:60]) + (" …" if len(words) > 60 else "")
    return ""


_NOT_PROSE = ("#", "{%", "{{", "<", "!", "```", "~~~", "|", "    ")


# ---------------------------------------------------------------- index and feed


def render_index(entries: Sequence[IssueEntry], workspace: Workspace, theme: Theme) -> str:
    """The index page, from the theme's ``site-index.html`` (the default theme ships one)."""
    from newsletter_cli.output.render import RTL_LANGUAGES, labels_for

    settings = workspace.settings
    base = settings.language.split("-")[0].lower()
    context = IndexContext(
        newsletter=settings.name,
        language=settings.language,
        direction="rtl" if base in RTL_LANGUAGES else "ltr",
        issues=tuple(entries),
        years=by_year(entries),
        feed_href=FEED,
        generator=f"nl {__version__}",
        labels=labels_for(settings.language, theme),
        organisation=settings.organisation,
    )
    return _site_template(theme, INDEX_TEMPLATE, site=context)


def _site_template(theme: Theme, name: str, **context: object) -> str:
    """One of the site's own templates (the index, the feed); a failure is a ThemeError
    naming the file and line."""
    from jinja2 import TemplateError

    from newsletter_cli.errors import ThemeError
    from newsletter_cli.output.render import environment, template_frame

    env = environment(theme)
    own = theme.find(name) or Path(name)
    try:
        return env.get_template(name).render(**context)
    except TemplateError as error:
        lineno = getattr(error, "lineno", None)  # syntax errors know their line
        if lineno:
            where = f"{display_path(own)}:{lineno}"
        else:  # an undefined name: the line is in the traceback's template frame
            where = template_frame(theme) or display_path(own)
        raise ThemeError(f"{where}: template error: {error}") from error


def feed_id(workspace: Workspace, stem: str | None = None) -> str:
    """A stable id: the same newsletter name (and draft file name) always gives the same one."""
    name = f"nl-newsletter:{workspace.settings.name}"
    if stem is not None:
        name = f"{name}/{stem}"
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, name)}"


def _timestamp(day: date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _feed_title(entry: IssueEntry, newsletter: str) -> str:
    """A letter titled like the newsletter gets its date, so that a feed reader's list of
    entries does not read "River Voices" again and again."""
    if entry.date_text and entry.title.strip().lower() == newsletter.strip().lower():
        return f"{entry.title}, {entry.date_text}"
    return entry.title


#: What XML 1.0 cannot hold at all, not even escaped: control characters other than tab and
#: line breaks, surrogates, U+FFFE and U+FFFF. TOML strings may hold them (``"\u000B"``).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """``text`` without the characters XML 1.0 forbids (the feed stays well-formed)."""
    return _NOT_XML.sub("", text)


@dataclass(frozen=True)
class FeedEntry:
    """One issue in the feed, as the theme's ``feed.xml`` receives it (``feed.entries``)."""

    id: str
    title: str
    #: The issue's date as an Atom timestamp (also its ``published``).
    updated: str
    href: str
    summary: str


@dataclass(frozen=True)
class FeedContext:
    """What the theme's ``feed.xml`` receives as ``feed``: every text without the characters
    XML 1.0 forbids (the template's autoescape escapes the rest)."""

    id: str
    title: str
    language: str
    updated: str
    author: str
    version: str
    #: The feed's own address and the site's, or "" without ``base_url``.
    self_href: str
    alternate_href: str
    entries: tuple[FeedEntry, ...]


def feed_context(entries: Sequence[IssueEntry], workspace: Workspace) -> FeedContext:
    """The newest dated issues (``entries`` come newest first); ``updated`` is the newest
    issue's date."""
    settings = workspace.settings
    base = settings.base_url
    dated = [e for e in entries if e.date is not None][:FEED_ENTRIES]
    updated = max((e.date for e in dated if e.date), default=date(1970, 1, 1))
    return FeedContext(
        id=feed_id(workspace),
        title=xml_text(settings.name),
        language=xml_text(settings.language),
        updated=_timestamp(updated),
        author=xml_text(settings.organisation.name or settings.name),
        version=xml_text(__version__),
        self_href=xml_text(base + FEED) if base else "",
        alternate_href=xml_text(base),
        entries=tuple(
            FeedEntry(
                id=feed_id(workspace, entry.stem),
                title=xml_text(_feed_title(entry, settings.name)),
                updated=_timestamp(entry.date),
                href=xml_text(base + entry.href),
                summary=xml_text(entry.summary),
            )
            for entry in dated
            if entry.date is not None
        ),
    )


def atom_feed(
    entries: Sequence[IssueEntry], workspace: Workspace, theme: Theme | None = None
) -> str:
    """The Atom feed of the newest dated issues, from the theme's ``feed.xml`` (the default
    theme ships one): well-formed XML whatever a title or summary holds."""
    from newsletter_cli.output.render import resolve_theme

    chosen = theme if theme is not None else resolve_theme(workspace, None)
    return _site_template(chosen, FEED, feed=feed_context(entries, workspace))


# ---------------------------------------------------------------- files


def _shared_key(workspace: Workspace, theme: Theme) -> str:
    """What every page depends on besides its draft: nl, the settings and the theme's files."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(__version__.encode())
    if workspace.config_path is not None:
        with contextlib.suppress(OSError):
            digest.update(workspace.config_path.read_bytes())
    digest.update(repr(workspace.settings).encode())
    for folder in theme.folders:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            digest.update(str(path.relative_to(folder)).encode() + b"\0")
            try:
                digest.update(path.read_bytes())
            except OSError:
                continue
    # the code that turns a draft into a page (matters in an editable install)
    package = Path(__file__).parents[1]
    for path in _rendering_sources():
        digest.update(path.relative_to(package).as_posix().encode() + b"\0")
        try:
            digest.update(path.read_bytes())
        except OSError:
            continue
    return digest.hexdigest()


_RENDERING_STAGES = ("draft", "output", "text")  # the package's folders a page is made by


def _rendering_sources() -> list[Path]:
    """The modules of the stages a draft goes through to become a page (reading it, its text,
    the output), every one of them, sorted: a list kept by hand misses the module a later
    change moves a name to, and an edited module then leaves stale pages behind."""
    package = Path(__file__).parents[1]
    return sorted(path for stage in _RENDERING_STAGES for path in (package / stage).glob("*.py"))


def _read_manifest(out_dir: Path, warnings: list[str]) -> dict[str, Any]:
    """The pages the last build wrote, each checked: a manifest that does not hold exactly what
    a build writes (edited, damaged, or planted to make the next build delete other files) is
    ignored with a warning, and every page is built again."""
    path = out_dir / MANIFEST
    if not path.is_symlink() and not path.exists():
        return {}
    raw = cachefile.read_unchecked(path, _MANIFEST_VERSION) if _regular_file(path) else {}
    pages = raw.get("pages")
    if isinstance(pages, dict) and all(_valid_record(s, r) for s, r in pages.items()):
        return pages
    warnings.append(
        f"{display_path(path)}: not a manifest this version of nl wrote (damaged or edited); "
        "ignored: every page is built again, and files of removed issues are left in place"
    )
    return {}


def _regular_file(path: Path) -> bool:
    try:
        return stat.S_ISREG(path.lstat().st_mode)
    except OSError:
        return False


def _valid_record(stem: object, record: object) -> bool:
    """A page's record as a build writes it: its key, and the names of the files it wrote,
    each ``<stem>.html`` or a plain relative path inside ``<stem>_files/``."""
    from newsletter_cli.output.filenames import assets_folder

    if not isinstance(stem, str) or not _plain_name(stem) or not isinstance(record, dict):
        return False
    files = record.get("files")
    if set(record) != {"key", "files"} or not isinstance(record["key"], str):
        return False
    if not isinstance(files, list) or not files or files[0] != f"{stem}.html":
        return False
    folder = f"{assets_folder(stem)}/"
    return all(
        isinstance(name, str)
        and name.startswith(folder)
        and all(_plain_name(part) for part in name[len(folder) :].split("/"))
        for name in files[1:]
    )


def _plain_name(name: str) -> bool:
    """One file name: not empty, not ``.`` or ``..``, no separator or NUL."""
    return name not in ("", ".", "..") and not any(c in name for c in "/\\\0")


def _remove(out_dir: Path, record: Any) -> list[Path]:
    """Delete the files a page of a draft that is gone had written (and nothing else)."""
    removed: list[Path] = []
    for name in record["files"]:
        target = out_dir / name
        if _unlink(target, out_dir):
            removed.append(target)
    return removed


def _unlink(path: Path, out_dir: Path) -> bool:
    """Delete a file the site wrote: only when it is (still) inside ``out_dir``, never through
    a symbolic link to a folder elsewhere; a link itself is removed, not what it points to."""
    try:
        if not path.parent.resolve().is_relative_to(out_dir.resolve()):
            return False
        path.unlink()
    except OSError:
        return False
    if path.parent.resolve() != out_dir.resolve():
        with contextlib.suppress(OSError):
            path.parent.rmdir()  # the page's image folder, once empty
    return True


def _write(out_dir: Path, path: Path, content: str | bytes) -> None:
    from newsletter_cli.output.formats import write_outputs

    write_outputs(out_dir, [(path, content)])


def show_report(report: SiteReport) -> None:
    """What the build wrote, on stderr."""
    from newsletter_cli import console

    for warning in report.warnings:
        console.warning(warning)
    if report.errors or report.refused:
        console.error([*report.errors, *report.refused])
    kept = report.pages - len(report.rendered)
    console.success(
        f"{display_path(report.out_dir / INDEX)}: {report.pages} issue"
        f"{'s' if report.pages != 1 else ''} ({len(report.rendered)} rendered, {kept} unchanged"
        f"{f', {len(report.removed)} files removed' if report.removed else ''}), "
        f"feed {display_path(report.out_dir / FEED)}"
    )


def site_command(
    paths: Sequence[Path],
    *,
    output: Path | None,
    theme: str | None,
    force: bool = False,
    open_index: bool = False,
) -> ExitCode:
    """`nl export --site`: build the archive of ``paths`` (default: the issues folder), and
    open its index page with ``open_index`` (``--open``)."""
    from newsletter_cli.draft.workspace import load_workspace

    workspace = load_workspace()
    out_dir = output if output is not None else workspace.output_path / "site"
    report = build_site(paths, workspace, out_dir, theme_name=theme, force=force)
    show_report(report)
    if open_index:
        from newsletter_cli.output.formats import open_outputs

        open_outputs([out_dir / INDEX])
    return report.exit_code
