"""Draft -> typed template context -> HTML through a theme, and themes that fail loudly."""

from __future__ import annotations

import shutil
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from newsletter_cli.draft import storage
from newsletter_cli.draft.workspace import load_workspace
from newsletter_cli.errors import ThemeError
from newsletter_cli.output.render import (
    Theme,
    build_context,
    css_string,
    format_date,
    render_template,
    resolve_theme,
    shipped_themes,
)

FIXTURE = Path(__file__).parent / "fixtures" / "export"


@pytest.fixture
def workspace_copy(tmp_path: Path) -> Path:
    """A copy of the export fixture workspace, free to change."""
    target = tmp_path / "ws"
    shutil.copytree(FIXTURE, target)
    return target


def _context(root: Path, target: str = "web", **kwargs: object):  # type: ignore[no-untyped-def]
    workspace = load_workspace(root)
    draft = storage.load(root / "issues" / "2026-03-spring.toml")
    return build_context(draft, workspace, target=target, stem="2026-03-spring", **kwargs)  # type: ignore[arg-type]


class Elements(HTMLParser):
    def __init__(self, html: str) -> None:
        super().__init__()
        self.items: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.items.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def all(self, tag: str) -> list[dict[str, str | None]]:
        return [a for t, a in self.items if t == tag]


def test_context_carries_the_draft_and_the_workspace(workspace_copy: Path) -> None:
    ctx = _context(workspace_copy, public_image="2026-03-spring_files/pictures/bridge.png")
    assert ctx.newsletter == "Harbour Notes"
    assert ctx.title == "Spring on the quay"
    assert ctx.has_own_title
    assert ctx.number == 7
    assert ctx.date is not None and (ctx.date.iso, ctx.date.text) == ("2026-03-14", "14 March 2026")
    assert ctx.document_title == "Spring on the quay · Harbour Notes · Issue 7 · 14 March 2026"
    assert ctx.authors == ("Mara Lind", "Tom Okafor")
    assert [s.anchor for s in ctx.sections] == [
        "the-footbridge-opens",
        "spring-fair-on-the-quay",
        "winter-tide-survey",
    ]
    event = ctx.sections[1]
    assert event.is_event and event.location == "North Quay, by the harbour master's office"
    assert event.date is not None and event.date.weekday == "Saturday"
    assert event.end_date is not None and event.end_date.text == "19 April 2026"
    assert ctx.page_url == "https://harbour-notes.example/archive/2026-03-spring.html"
    assert (
        ctx.image_url
        == "https://harbour-notes.example/archive/2026-03-spring_files/pictures/bridge.png"
    )
    assert ctx.organisation.name == "Harbour Residents' Association"
    assert ctx.paper == "a4"
    assert "<h3>What we found</h3>" in ctx.sections[2].html


def test_without_base_url_there_are_no_public_addresses(workspace_copy: Path) -> None:
    config = workspace_copy / "newsletter.toml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            'base_url = "https://harbour-notes.example/archive/"\n', ""
        ),
        encoding="utf-8",
    )
    ctx = _context(workspace_copy, public_image="x.png")
    assert (ctx.page_url, ctx.image_url) == ("", "")


@pytest.mark.parametrize(
    ("language", "order", "expected"),
    [
        ("en", "dmy", "26 September 2026"),
        ("en-US", "mdy", "September 26, 2026"),
        ("de", "dmy", "26. September 2026"),
        ("fr", "dmy", "26 septembre 2026"),
        ("es", "dmy", "26 de septiembre de 2026"),
        ("th", "dmy", "2026-09-26"),
    ],
)
def test_dates_in_the_issue_language(language: str, order: str, expected: str) -> None:
    assert format_date(date(2026, 9, 26), language, order).text == expected


def test_the_default_theme_ships_with_every_template() -> None:
    folder = shipped_themes() / "default"
    for name in ("pdf.html", "pdf.css", "web.html", "web.css", "_macros.html"):
        assert (folder / name).is_file(), name


def test_default_theme_resolves_to_the_shipped_folder(workspace_copy: Path) -> None:
    theme = resolve_theme(load_workspace(workspace_copy))
    assert theme.name == "default"
    assert theme.folders == ((shipped_themes() / "default").resolve(),)


def test_workspace_templates_override_the_default_file_by_file(workspace_copy: Path) -> None:
    own = workspace_copy / "templates" / "default"
    own.mkdir(parents=True)
    (own / "web.css").write_text("body { color: rebeccapurple; }\n", encoding="utf-8")
    theme = resolve_theme(load_workspace(workspace_copy))
    assert theme.folders[0] == own.resolve()
    html = render_template(theme, "web.html", _context(workspace_copy))
    assert "rebeccapurple" in html
    assert "og:title" in html  # web.html itself still comes from the shipped theme


def test_a_named_workspace_theme_falls_back_to_default(workspace_copy: Path) -> None:
    own = workspace_copy / "templates" / "winter"
    own.mkdir(parents=True)
    (own / "pdf.css").write_text("html { color: navy; }\n", encoding="utf-8")
    theme = resolve_theme(load_workspace(workspace_copy), "winter")
    assert theme.name == "winter"
    assert theme.find("pdf.css") == (own / "pdf.css").resolve()
    assert theme.find("web.html") == (shipped_themes() / "default" / "web.html").resolve()


def test_a_theme_can_be_a_folder(workspace_copy: Path, tmp_path: Path) -> None:
    folder = tmp_path / "my-theme"
    folder.mkdir()
    (folder / "web.css").write_text("p { color: teal; }\n", encoding="utf-8")
    theme = resolve_theme(load_workspace(workspace_copy), str(folder))
    assert theme.folders[0] == folder.resolve()
    assert "color: teal" in render_template(theme, "web.html", _context(workspace_copy))


def test_an_unknown_theme_is_an_error_naming_where_it_looked(workspace_copy: Path) -> None:
    with pytest.raises(
        ThemeError, match=r"theme 'nosuch' not found \(looked in .*templates/nosuch"
    ):
        resolve_theme(load_workspace(workspace_copy), "nosuch")
    with pytest.raises(ThemeError, match="does not exist"):
        resolve_theme(load_workspace(workspace_copy), "./missing-folder")


def _override(workspace: Path, name: str, text: str) -> Theme:
    own = workspace / "templates" / "default"
    own.mkdir(parents=True, exist_ok=True)
    (own / name).write_text(text, encoding="utf-8")
    return resolve_theme(load_workspace(workspace))


def test_a_syntax_error_names_the_template_file_and_line(workspace_copy: Path) -> None:
    theme = _override(workspace_copy, "web.html", "<html>\n<body>\n{% if issue.title %}\n</body>\n")
    with pytest.raises(ThemeError) as caught:
        render_template(theme, "web.html", _context(workspace_copy))
    message = str(caught.value)
    assert "templates/default/web.html:" in message
    assert "template error" in message


def test_a_misspelt_name_names_the_template_file_and_line(workspace_copy: Path) -> None:
    theme = _override(
        workspace_copy, "web.html", "<html>\n<body>\n<h1>{{ issue.titel }}</h1>\n</body>\n"
    )
    with pytest.raises(ThemeError) as caught:
        render_template(theme, "web.html", _context(workspace_copy))
    message = str(caught.value)
    assert "templates/default/web.html:3:" in message
    assert "titel" in message


def test_an_undefined_variable_is_an_error_not_a_blank(workspace_copy: Path) -> None:
    theme = _override(workspace_copy, "web.html", "<p>{{ newsletter_name }}</p>\n")
    with pytest.raises(ThemeError, match=r"web.html:1: .*'newsletter_name' is undefined"):
        render_template(theme, "web.html", _context(workspace_copy))


def test_a_missing_template_is_named(workspace_copy: Path) -> None:
    theme = _override(workspace_copy, "web.html", '{% include "nothere.html" %}\n')
    with pytest.raises(ThemeError, match=r"nothere\.html"):
        render_template(theme, "web.html", _context(workspace_copy))


def test_draft_text_is_escaped_in_templates(workspace_copy: Path) -> None:
    path = workspace_copy / "issues" / "2026-03-spring.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace(
            'title = "Spring on the quay"', 'title = "Spring <script>alert(1)</script>"'
        ).replace(
            'heading = "Winter tide survey"', 'heading = "Tides <img src=x onerror=alert(2)>"'
        ),
        encoding="utf-8",
    )
    html = render_template(
        resolve_theme(load_workspace(workspace_copy)), "web.html", _context(workspace_copy)
    )
    parsed = Elements(html)
    assert not parsed.all("script")
    assert all(a.get("src") != "x" for a in parsed.all("img"))
    assert "Spring &lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_web_page_structure(workspace_copy: Path) -> None:
    theme = resolve_theme(load_workspace(workspace_copy))
    html = render_template(theme, "web.html", _context(workspace_copy, public_image="p.png"))
    parsed = Elements(html)
    assert parsed.all("html") == [{"lang": "en", "dir": "ltr"}]
    assert len(parsed.all("h1")) == 1
    metas = {a.get("property"): a.get("content") for a in parsed.all("meta") if a.get("property")}
    assert metas["og:type"] == "article"
    assert metas["og:title"] == "Spring on the quay · Harbour Notes · Issue 7 · 14 March 2026"
    assert metas["og:description"].startswith("The new footbridge opens")  # type: ignore[union-attr]
    assert metas["og:url"] == "https://harbour-notes.example/archive/2026-03-spring.html"
    assert metas["og:image"] == "https://harbour-notes.example/archive/p.png"
    times = [a["datetime"] for a in parsed.all("time")]
    assert times == ["2026-03-14", "2026-04-18", "2026-04-19"]
    assert not parsed.all("link") or all(a.get("rel") == "canonical" for a in parsed.all("link"))


def test_right_to_left_languages_set_dir(workspace_copy: Path) -> None:
    path = workspace_copy / "issues" / "2026-03-spring.toml"
    path.write_text(
        path.read_text(encoding="utf-8").replace('language = "en"', 'language = "ar"'),
        encoding="utf-8",
    )
    ctx = _context(workspace_copy)
    assert (ctx.language, ctx.direction) == ("ar", "rtl")


def test_css_string_cannot_break_out_of_a_style_element() -> None:
    assert (
        css_string('Say "hi" </style><script>')
        == '"Say \\22 hi\\22  \\3c /style\\3e \\3c script\\3e "'
    )
