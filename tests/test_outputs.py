"""The output formats' registry: one place that says what each format writes and needs, used by
`nl export`, the site and the preview (issue 14)."""

from __future__ import annotations

import ast
from pathlib import Path

from newsletter_cli.output import formats
from newsletter_cli.output.export import ExportOptions

PACKAGE = Path(formats.__file__).parents[1]


def test_every_format_is_registered_once_with_its_file() -> None:
    names = [f.name for f in formats.FORMATS]
    assert names == ["pdf", "html", "email", "text", "eml"]
    assert len({f.suffix for f in formats.FORMATS}) == len(names)
    assert all(f.needs for f in formats.FORMATS)


def test_every_flag_of_nl_export_is_a_registered_format() -> None:
    for name in formats.BY_NAME:
        assert ExportOptions.from_flags(**{name: True}).formats == {name}


def test_file_names_come_from_the_registry() -> None:
    assert formats.output_names("june", {"html", "eml", "pdf"}) == [
        "june.pdf",
        "june.html",
        "june.eml",
        "june_files",
    ]


def test_formats_made_together_are_rendered_once() -> None:
    assert formats.renderers({"eml", "text", "email"}) == [formats.render_mail]
    assert formats.renderers({"html", "pdf"}) == [formats.render_pdf, formats.render_web]
    assert formats.needs_pdf_engine({"pdf"}) and not formats.needs_pdf_engine({"html", "text"})


def _imported_names(module: str) -> set[tuple[str, str]]:
    """(module imported from, name) for every ``from newsletter_cli... import`` in a module."""
    tree = ast.parse((PACKAGE / module).read_text(encoding="utf-8"))
    return {
        (node.module or "", alias.name)
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }


def test_the_site_and_the_preview_do_not_reach_into_the_export_command() -> None:
    for module in (
        "output/website.py",
        "preview/editions.py",
        "preview/printpages.py",
        "output/email_edition.py",
    ):
        assert not {m for m, _ in _imported_names(module) if m == "newsletter_cli.output.export"}, (
            module
        )


def test_one_web_page_renderer() -> None:
    """The site renders its pages with the registry's web renderer; it has none of its own."""
    site = _imported_names("output/website.py")
    assert ("newsletter_cli.output.formats", "web_page") in site
    tree = ast.parse((PACKAGE / "output/website.py").read_text(encoding="utf-8"))
    defined = {n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)}
    assert "render_page" not in defined


def test_site_page_is_the_export_page(tmp_path: Path) -> None:
    """The same draft gives the same web page through `nl export --html` and the site, but
    for the site's navigation links."""
    from newsletter_cli.draft import storage
    from newsletter_cli.draft.workspace import load_workspace
    from newsletter_cli.output.formats import Job, Prepared, render
    from newsletter_cli.output.render import resolve_theme

    path = tmp_path / "june.toml"
    path.write_text(
        'title = "June"\ndate = 2026-06-01\n\n[[sections]]\nheading = "News"\n'
        'body = """\nThe garden opens on Saturday.\n"""\n',
        encoding="utf-8",
    )
    workspace = load_workspace(tmp_path)
    theme = resolve_theme(workspace, None)
    draft = storage.load(path)
    job = Job(path, workspace, theme, tmp_path / "out", ExportOptions(formats=frozenset({"html"})))
    [(_, exported)] = render(Prepared(job, draft, {}), formats.DraftResult(path))
    site_page = formats.web_page(draft, workspace, theme, stem="june", images={})
    assert exported == site_page
    assert "The garden opens on Saturday." in site_page
