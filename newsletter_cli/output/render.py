"""Draft -> typed template context -> HTML, through a theme's Jinja2 templates.

A theme is a folder of templates and stylesheets: ``pdf.html``, ``web.html``,
``email.html`` and their CSS, the site's ``site-index.html`` and ``feed.xml``, and
the words around the content (``labels.toml``). Themes are looked up by name in
the workspace's ``templates/`` folder, then among the themes shipped with `nl`;
every file a theme does not provide comes from the shipped theme of the same
name, then from ``default``, so a workspace overrides the default theme file by
file.

Templates get one typed context (``IssueContext``) built by ``build_context``,
run with autoescaping and ``StrictUndefined``: a typo in a theme is an error
naming the template file and line, never a blank in a printed newsletter.
"""

from __future__ import annotations

import re
import sys
import traceback
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from newsletter_cli import __version__
from newsletter_cli.draft.model import Draft, Section
from newsletter_cli.draft.readfile import UnreadableFile, read_regular
from newsletter_cli.draft.workspace import Organisation, Workspace
from newsletter_cli.errors import ThemeError, display_path
from newsletter_cli.output.filenames import page_href
from newsletter_cli.text import markdown as md
from newsletter_cli.text.lexicon import CALENDAR_NAMES

if TYPE_CHECKING:
    from jinja2 import Environment
    from markupsafe import Markup

Target = Literal["pdf", "web", "email"]
DEFAULT_THEME = "default"
RTL_LANGUAGES = frozenset({"ar", "fa", "he", "ur", "yi", "ps", "sd", "ug", "dv"})


# ---------------------------------------------------------------- themes


@dataclass(frozen=True)
class Theme:
    """A theme: its name and the folders its files are looked up in, most specific first."""

    name: str
    folders: tuple[Path, ...]

    def find(self, filename: str) -> Path | None:
        """The file a template name resolves to, or None."""
        for folder in self.folders:
            candidate = folder / filename
            if candidate.is_file():
                return candidate
        return None


def shipped_themes() -> Path:
    """The folder of the themes that ship with `nl`.

    In a wheel the repository's ``templates/`` is packaged as
    ``newsletter_cli/templates``; in an editable install it stays at the top
    of the repository, next to the package.
    """
    packaged = resources.files("newsletter_cli") / "templates"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[2] / "templates"


def resolve_theme(workspace: Workspace, requested: str | None = None) -> Theme:
    """The theme asked for on the command line, or in the settings, as a lookup chain."""
    name = requested or workspace.settings.theme
    shipped = shipped_themes()
    fallback = [shipped / DEFAULT_THEME]
    looks_like_folder = "/" in name or "\\" in name or name.startswith(".")
    if looks_like_folder or (requested and Path(name).is_dir() and not _is_theme_name(name)):
        folder = Path(name) if Path(name).is_absolute() else Path.cwd() / name
        if not folder.is_dir():
            raise ThemeError(f"theme folder {name} does not exist")
        return Theme(folder.name, _unique((folder.resolve(), *fallback)))
    if not _is_theme_name(name):
        raise ThemeError(
            f"theme {name!r}: a theme name is letters, digits, '-' and '_'; or give a folder"
        )
    own = workspace.root / "templates" / name
    candidates = [own, shipped / name]
    found = [c.resolve() for c in candidates if c.is_dir()]
    if not found:
        places = ", ".join(display_path(c) for c in candidates)
        raise ThemeError(f"theme {name!r} not found (looked in {places})")
    return Theme(name, _unique((*found, *fallback)))


def _is_theme_name(name: str) -> bool:
    return re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_-]*", name) is not None


def _unique(folders: tuple[Path, ...]) -> tuple[Path, ...]:
    seen: list[Path] = []
    for folder in folders:
        if folder.is_dir() and folder not in seen:
            seen.append(folder)
    return tuple(seen)


@cache
def environment(theme: Theme) -> Environment:
    """The Jinja2 environment of a theme: sandboxed, autoescape on (except .txt), StrictUndefined.

    Themes are shared between organisations like drafts are, so a theme is untrusted code:
    Jinja's immutable sandbox lets it read and format what it is given, and nothing else (no
    ``__globals__``, no calling into Python's internals, no changing the context). A template
    that tries raises ``SecurityError``, which ``render_template`` reports as a ThemeError.
    """
    from jinja2 import FileSystemLoader, StrictUndefined
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    env = ImmutableSandboxedEnvironment(
        loader=FileSystemLoader([str(f) for f in theme.folders]),
        autoescape=lambda name: not (name or "").endswith(".txt"),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals["stylesheet"] = lambda name: _stylesheet(env, name)
    env.globals["theme_url"] = lambda name: theme_url(theme, name)
    env.filters["css_string"] = css_string
    return env


def _stylesheet(env: Environment, name: str) -> Markup:
    """A theme stylesheet's text, for a ``<style>`` element."""
    from markupsafe import Markup

    assert env.loader is not None
    source, _filename, _uptodate = env.loader.get_source(env, name)
    return Markup(source.replace("</", "<\\/"))


def theme_url(theme: Theme, name: str) -> str:
    """The ``file:`` address of a theme's file (a font, a stylesheet with ``@font-face``
    rules), for the print edition: WeasyPrint reads it through the fetcher, which allows the
    theme's folders, and resolves the addresses inside it relative to it."""
    found = theme.find(name)
    if found is None or not _is_theme_file(name):
        places = ", ".join(display_path(f) for f in theme.folders)
        raise ThemeError(f"theme {theme.name!r}: file {name} not found in {places}")
    return found.resolve().as_uri()


def _is_theme_file(name: str) -> bool:
    """A relative name that stays inside the theme's folder."""
    parts = Path(name).parts
    return bool(parts) and not Path(name).is_absolute() and ".." not in parts


def css_string(value: object) -> Markup:
    """A value as a quoted CSS string, safe inside ``<style>``."""
    from markupsafe import Markup

    text = str(value)
    escaped = "".join(
        f"\\{ord(ch):x} " if ch in '"\\<>&\n\r' or ord(ch) < 0x20 else ch for ch in text
    )
    return Markup(f'"{escaped}"')


def render_template(theme: Theme, template: str, context: IssueContext) -> str:
    """Render one template of a theme; any failure is a ThemeError naming file and line."""
    from jinja2 import TemplateError, TemplateNotFound, TemplateSyntaxError

    env = environment(theme)
    try:
        return env.get_template(template).render(issue=context, labels=context.labels)
    except TemplateSyntaxError as error:
        where = display_path(error.filename) if error.filename else error.name or template
        raise ThemeError(f"{where}:{error.lineno}: template error: {error.message}") from error
    except TemplateNotFound as error:
        places = ", ".join(display_path(f) for f in theme.folders)
        raise ThemeError(
            f"theme {theme.name!r}: template {error.name} not found in {places}"
        ) from error
    except UnicodeDecodeError as error:
        raise ThemeError(_undecodable(theme) or f"{template}: not UTF-8 text") from error
    except (TemplateError, Exception) as error:
        where = template_frame(theme) or template
        raise ThemeError(f"{where}: template error: {describe_template_error(error)}") from error


def _undecodable(theme: Theme) -> str | None:
    """``file:line:col: ...`` for the first template of the theme that is not UTF-8."""
    for folder in theme.folders:
        for path in sorted(folder.rglob("*.html")):
            try:
                data = read_regular(path, what="template")  # a FIFO named *.html never blocks
            except UnreadableFile:
                continue
            try:
                data.decode("utf-8")
            except UnicodeDecodeError as error:
                line = data.count(b"\n", 0, error.start) + 1
                column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
                return (
                    f"{display_path(path)}:{line}:{column}: template is not UTF-8 text "
                    f"(byte 0x{data[error.start]:02x}); save it as UTF-8"
                )
    return None


def describe_template_error(error: BaseException) -> str:
    """What went wrong in a template, in words for the theme's author."""
    from jinja2.exceptions import SecurityError

    text = str(error) or type(error).__name__
    if isinstance(error, SecurityError):
        return (
            f"{text.rstrip('.')}: themes run in a sandbox and can only format the issue "
            "they are given (no Python internals, no files, no commands; see docs/themes.md)"
        )
    if "is undefined" in text or "has no attribute" in text:
        return f"{text} (see docs/themes.md for the names a template can use)"
    return text


def template_frame(theme: Theme) -> str | None:
    """``file:line`` of the innermost template frame of the exception being handled."""
    _, _, tb = sys.exc_info()
    folders = [str(f) for f in theme.folders]
    found: str | None = None
    for frame in traceback.extract_tb(tb):
        if any(frame.filename.startswith(f) for f in folders):
            found = f"{display_path(frame.filename)}:{frame.lineno}"
    return found


# ---------------------------------------------------------------- context


@dataclass(frozen=True)
class Labels:
    """Words a theme prints around the content, in the issue's language: the theme's
    ``labels.toml`` (``labels_for``)."""

    issue: str
    page: str
    of: str
    when: str
    where: str
    until: str
    contents: str
    by: str
    unsubscribe: str
    view_online: str
    you_receive: str
    links: str
    #: The web archive's navigation between issue pages.
    archive: str
    previous_issue: str
    next_issue: str


#: The theme's file of the words printed around the content, per language (``Labels``).
LABELS_FILE = "labels.toml"


def labels_for(language: str, theme: Theme | None = None) -> Labels:
    """The words around the content in ``language`` (its base: "de" for "de-AT").

    They come from the ``labels.toml`` of the theme's folders: a word in a more specific
    folder's file wins over the shipped default theme's, which has every word; a language or a
    word none of them has is written in English."""
    shipped = shipped_themes() / DEFAULT_THEME
    folders = theme.folders if theme is not None else ()
    chain = [shipped, *(f for f in reversed(folders) if f != shipped)]  # least specific first
    tables = [_labels_file(folder / LABELS_FILE) for folder in chain]
    base = language.split("-")[0].lower()
    words: dict[str, str] = {}
    for wanted in ("en", base):
        for table in tables:
            words.update(table.get(wanted, {}))
    return Labels(**words)


def _labels_file(path: Path) -> Mapping[str, Mapping[str, str]]:
    try:
        found = path.stat()
    except OSError:
        return {}
    return _read_labels(path, found.st_mtime_ns, found.st_size)


@cache
def _read_labels(path: Path, mtime: int, size: int) -> Mapping[str, Mapping[str, str]]:
    """A theme's ``labels.toml``, checked: tables of languages, each of known words."""
    import tomllib
    from dataclasses import fields

    shown = display_path(path)
    try:
        data = tomllib.loads(read_regular(path, what="theme file").decode("utf-8"))
    except UnicodeDecodeError as error:
        raise ThemeError(f"{shown}: not UTF-8 text") from error
    except tomllib.TOMLDecodeError as error:
        raise ThemeError(f"{shown}: invalid TOML: {error}") from error
    known = {f.name for f in fields(Labels)}
    tables: dict[str, dict[str, str]] = {}
    for language, words in data.items():
        if not isinstance(words, dict):
            raise ThemeError(f"{shown}: [{language}] must be a table of words")
        for key, value in words.items():
            if key not in known:
                raise ThemeError(
                    f"{shown}: [{language}] {key}: not a label; the labels are "
                    f"{', '.join(sorted(known))}"
                )
            if not isinstance(value, str):
                raise ThemeError(f"{shown}: [{language}] {key}: must be a string")
        tables[language.lower()] = dict(words)
    return tables


@dataclass(frozen=True)
class DateText:
    """A date as machines (``iso``) and people (``text``) read it."""

    iso: str
    text: str
    weekday: str
    day: int
    month: str
    year: int


@dataclass(frozen=True)
class SectionContext:
    """One section as a template sees it."""

    heading: str
    anchor: str
    kind: str
    html: Markup
    date: DateText | None
    end_date: DateText | None
    location: str | None

    @property
    def is_event(self) -> bool:
        return self.kind == "event"


@dataclass(frozen=True)
class IssueLink:
    """Another issue of the archive, as a link on this issue's page."""

    href: str
    title: str
    date: DateText | None
    number: int | None


@dataclass(frozen=True)
class Navigation:
    """Where an issue page of the web archive links to: the index and its neighbours by date.

    A single export has none (all empty), so its page links nowhere else."""

    archive_href: str = ""
    previous_issue: IssueLink | None = None
    next_issue: IssueLink | None = None


@dataclass(frozen=True)
class IssueContext:
    """Everything a theme template can use: ``issue.<name>`` (and ``labels.<name>``)."""

    target: Target
    newsletter: str
    title: str
    #: The title differs from the newsletter's name, so both are shown.
    has_own_title: bool
    #: ``<title>`` and PDF title: "River Voices 40 - 1 September 2026".
    document_title: str
    number: int | None
    date: DateText | None
    language: str
    direction: str
    summary: str
    authors: tuple[str, ...]
    intro: Markup
    closing: Markup
    sections: tuple[SectionContext, ...]
    organisation: Organisation
    labels: Labels
    #: Public address of this issue's web page, or "" without ``base_url``.
    page_url: str
    #: Public address of the issue's first image, or "".
    image_url: str
    paper: str
    bleed: str
    crop_marks: bool
    generator: str
    unsubscribe_url: str
    view_online_url: str
    #: The web archive's index page (``index.html``), or "" outside `nl export --site`.
    archive_href: str = ""
    #: The issue dated just before / after this one in the web archive, or None.
    previous_issue: IssueLink | None = None
    next_issue: IssueLink | None = None


def format_date(value: date, language: str, order: str = "dmy") -> DateText:
    """A date in the issue's language: "26 September 2026", "26. September 2026", ..."""
    base = language.split("-")[0].lower()
    names = CALENDAR_NAMES.get(base, CALENDAR_NAMES["en"])
    month = names.months[value.month - 1]
    if base not in CALENDAR_NAMES:
        text = value.isoformat()
    elif base == "en":
        text = (
            f"{month} {value.day}, {value.year}"
            if order == "mdy"
            else f"{value.day} {month} {value.year}"
        )
    elif base == "de":
        text = f"{value.day}. {month} {value.year}"
    elif base in ("es", "pt"):
        text = f"{value.day} de {month} de {value.year}"
    else:
        text = f"{value.day} {month} {value.year}"
    return DateText(
        value.isoformat(), text, names.weekdays[value.weekday()], value.day, month, value.year
    )


def slug(text: str, taken: set[str]) -> str:
    """A readable, unique HTML id for a heading."""
    base = re.sub(r"[^\w]+", "-", text.lower(), flags=re.UNICODE).strip("-") or "section"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    taken.add(candidate)
    return candidate


def build_context(
    draft: Draft,
    workspace: Workspace,
    *,
    target: Target,
    stem: str,
    image_src: Callable[[str], str] | None = None,
    image_width: Callable[[str], int | None] | None = None,
    link_href: Callable[[str], str] | None = None,
    public_image: str = "",
    paper: str | None = None,
    bleed: str = "",
    crop_marks: bool = False,
    navigation: Navigation | None = None,
    theme: Theme | None = None,
) -> IssueContext:
    """The one place a draft and its workspace become what templates see; the words around
    the content come from ``theme`` (the shipped default theme's without one)."""
    from markupsafe import Markup

    settings = workspace.settings
    language = draft.language or settings.language
    base_language = language.split("-")[0].lower()
    labels = labels_for(language, theme)

    def dated(value: date | None) -> DateText | None:
        return format_date(value, language, settings.date_order) if value else None

    def html(text: str, top_heading: int) -> Markup:
        return Markup(
            md.to_html(
                text,
                top_heading=top_heading,
                image_src=image_src,
                image_width=image_width,
                link_href=link_href,
                link_notes=target == "pdf",
            )
        )

    taken: set[str] = set()
    sections = tuple(
        _section(section, html(section.body, 3), slug(section.heading, taken), dated)
        for section in draft.sections
    )
    issue_date = dated(draft.date)
    own_title = draft.title.strip() != settings.name.strip()
    heading_parts = [draft.title, settings.name] if own_title else [settings.name]
    if draft.number is not None:
        heading_parts.append(f"{labels.issue} {draft.number}")
    if issue_date:
        heading_parts.append(issue_date.text)
    base_url = settings.base_url
    page_url = f"{base_url}{page_href(stem)}" if base_url else ""
    view_online = settings.email.view_online_url or page_url
    nav = navigation or Navigation()
    return IssueContext(
        target=target,
        newsletter=settings.name,
        title=draft.title,
        has_own_title=own_title,
        document_title=" · ".join(heading_parts),
        number=draft.number,
        date=issue_date,
        language=language,
        direction="rtl" if base_language in RTL_LANGUAGES else "ltr",
        summary=draft.summary or "",
        authors=draft.authors,
        intro=html(draft.intro, 2),
        closing=html(draft.closing, 2),
        sections=sections,
        organisation=settings.organisation,
        labels=labels,
        page_url=page_url,
        image_url=f"{base_url}{public_image}" if base_url and public_image else "",
        paper=(paper or settings.paper),
        bleed=bleed,
        crop_marks=crop_marks,
        generator=f"nl {__version__}",
        unsubscribe_url=settings.email.unsubscribe_url,
        view_online_url=view_online,
        archive_href=nav.archive_href,
        previous_issue=nav.previous_issue,
        next_issue=nav.next_issue,
    )


def _section(
    section: Section,
    body: Markup,
    anchor: str,
    dated: Callable[[date | None], DateText | None],
) -> SectionContext:
    return SectionContext(
        heading=section.heading,
        anchor=anchor,
        kind=section.kind,
        html=body,
        date=dated(section.date),
        end_date=dated(section.end_date),
        location=section.location,
    )
