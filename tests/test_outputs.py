"""The output formats' registry: one place that says what each format writes and needs, used by
`nl export`, the site and the preview (issue 14)."""

from __future__ import annotations

import ast
from pathlib import Path

from newsletter_cli import outputs
from newsletter_cli.export import ExportOptions

PACKAGE = Path(outputs.__file__).parent


def test_every_format_is_registered_once_with_its_file() -> None:
    names = [f.name for f in outputs.FORMATS]
    assert names == ["pdf", "html", "email", "text", "eml"]
    assert len({f.suffix for f in outputs.FORMATS}) == len(names)
    assert all(f.needs for f in outputs.FORMATS)


def test_every_flag_of_nl_export_is_a_registered_format() -> None:
    for name in outputs.BY_NAME:
        assert ExportOptions.from_flags(**{name: True}).formats == {name}


def test_file_names_come_from_the_registry() -> None:
    assert outputs.output_names("june", {"html", "eml", "pdf"}) == [
        "june.pdf",
        "june.html",
        "june.eml",
        "june_files",
    ]


def test_formats_made_together_are_rendered_once() -> None:
    assert outputs.renderers({"eml", "text", "email"}) == [outputs.render_mail]
    assert outputs.renderers({"html", "pdf"}) == [outputs.render_pdf, outputs.render_web]
    assert outputs.needs_pdf_engine({"pdf"}) and not outputs.needs_pdf_engine({"html", "text"})


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
    for module in ("site.py", "preview/editions.py", "preview/printpages.py", "email_edition.py"):
        assert not {m for m, _ in _imported_names(module) if m == "newsletter_cli.export"}, module


def test_one_web_page_renderer() -> None:
    """The site renders its pages with the registry's web renderer; it has none of its own."""
    site = _imported_names("site.py")
    assert ("newsletter_cli.outputs", "web_page") in site
    tree = ast.parse((PACKAGE / "site.py").read_text(encoding="utf-8"))
    defined = {n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)}
    assert "render_page" not in defined


def test_site_page_is_the_export_page(tmp_path: Path) -> None:
    """The same draft gives the same web page through `nl export --html` and the site, but
    for the site's navigation links."""
    from newsletter_cli import drafts
    from newsletter_cli.outputs import Job, Prepared, render
    from newsletter_cli.render import resolve_theme
    from newsletter_cli.workspace import load_workspace

    path = tmp_path / "june.toml"
    path.write_text(
        'title = "June"\ndate = 2026-06-01\n\n[[sections]]\nheading = "News"\n'
        'body = """\nThe garden opens on Saturday.\n"""\n',
        encoding="utf-8",
    )
    workspace = load_workspace(tmp_path)
    theme = resolve_theme(workspace, None)
    draft = drafts.load(path)
    job = Job(path, workspace, theme, tmp_path / "out", ExportOptions(formats=frozenset({"html"})))
    [(_, exported)] = render(Prepared(job, draft, {}), outputs.DraftResult(path))
    site_page = outputs.web_page(draft, workspace, theme, stem="june", images={})
    assert exported == site_page
    assert "The garden opens on Saturday." in site_page
