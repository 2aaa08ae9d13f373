"""`nl export` as a person runs it: real processes, real files, exit code first."""

from __future__ import annotations

import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.conftest import RunNl, without_machine_notices

DRAFT = "issues/2026-03-spring.toml"


class Page(HTMLParser):
    def __init__(self, html: str) -> None:
        super().__init__()
        self.items: list[tuple[str, dict[str, str | None]]] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.items.append((tag, dict(attrs)))

    def all(self, tag: str) -> list[dict[str, str | None]]:
        return [a for t, a in self.items if t == tag]


def test_default_exports_pdf_and_web_page_into_out(run_nl: RunNl, ws: Path) -> None:
    result = run_nl("export", DRAFT, cwd=ws)
    assert result.exit_code == 0, result.output
    out = ws / "out"
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()) == [
        "2026-03-spring.html",
        "2026-03-spring.pdf",
        "2026-03-spring_files/pictures/bridge.png",
    ]
    assert (out / "2026-03-spring_files/pictures/bridge.png").read_bytes() == (
        ws / "issues/pictures/bridge.png"
    ).read_bytes()
    assert "out/2026-03-spring.pdf" in result.stderr and "(2 pages)" in result.stderr
    assert len(PdfReader(out / "2026-03-spring.pdf").pages) == 2


def test_the_web_page_is_self_contained(run_nl: RunNl, ws: Path) -> None:
    assert run_nl("export", "--html", DRAFT, cwd=ws).exit_code == 0
    html = (ws / "out" / "2026-03-spring.html").read_text(encoding="utf-8")
    page = Page(html)
    assert page.all("html") == [{"lang": "en", "dir": "ltr"}]
    assert len(page.all("h1")) == 1
    assert len(page.all("style")) == 1 and "font-family" in html
    assert not page.all("script")
    assert all(link.get("rel") == "canonical" for link in page.all("link"))
    for image in page.all("img"):
        src = image["src"]
        assert src and not src.startswith(("http:", "https:", "file:", "/"))
        assert (ws / "out" / src).is_file()
        assert image.get("alt")
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
    assert "@media print" in html
    assert [t["datetime"] for t in page.all("time")] == ["2026-03-14", "2026-04-18", "2026-04-19"]
    og = {m["property"]: m["content"] for m in page.all("meta") if m.get("property")}
    assert og["og:url"] == "https://harbour-notes.example/archive/2026-03-spring.html"
    assert (
        og["og:image"]
        == "https://harbour-notes.example/archive/2026-03-spring_files/pictures/bridge.png"
    )
    assert not (ws / "out" / "2026-03-spring.pdf").exists()


def test_pdf_only_and_output_folder(run_nl: RunNl, ws: Path, tmp_path: Path) -> None:
    target = tmp_path / "elsewhere"
    result = run_nl("export", "--pdf", "-o", target, DRAFT, cwd=ws)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in target.iterdir()) == ["2026-03-spring.pdf"]
    assert not (ws / "out").exists()


def test_re_export_replaces_files_without_leftovers(run_nl: RunNl, ws: Path) -> None:
    assert run_nl("export", DRAFT, cwd=ws).exit_code == 0
    first = (ws / "out" / "2026-03-spring.pdf").read_bytes()
    assert run_nl("export", DRAFT, cwd=ws).exit_code == 0
    assert (ws / "out" / "2026-03-spring.pdf").read_bytes() == first
    assert not [p for p in (ws / "out").rglob("*") if p.name.endswith(".tmp")]


def test_a_folder_of_drafts_with_one_broken(run_nl: RunNl, ws: Path) -> None:
    issues = ws / "issues"
    second = (issues / "2026-03-spring.toml").read_text(encoding="utf-8")
    (issues / "2026-04-april.toml").write_text(
        second.replace("Spring on the quay", "April on the quay").replace(
            "number = 7", "number = 8"
        ),
        encoding="utf-8",
    )
    (issues / "2026-05-broken.toml").write_text(
        'title = "Broken"\ndate = 2026-13-01\n', encoding="utf-8"
    )
    result = run_nl("export", "--pdf", "--force", "issues", cwd=ws)
    assert result.exit_code == 3, result.output
    assert "issues/2026-05-broken.toml:2:" in result.stderr
    assert sorted(p.name for p in (ws / "out").iterdir()) == [
        "2026-03-spring.pdf",
        "2026-04-april.pdf",
    ]


def test_a_missing_image_is_named_at_its_line(run_nl: RunNl, ws: Path) -> None:
    draft = ws / DRAFT
    draft.write_text(
        draft.read_text(encoding="utf-8").replace(
            "pictures/bridge.png", "pictures/bridge-at-night.png"
        ),
        encoding="utf-8",
    )
    result = run_nl("export", DRAFT, cwd=ws)
    assert result.exit_code == 3
    assert (
        "issues/2026-03-spring.toml:27:1: blocked image pictures/bridge-at-night.png: file not found"
        in result.stderr
    )
    assert not (ws / "out").exists()


def test_bad_command_lines(run_nl: RunNl, ws: Path) -> None:
    result = run_nl("export", "--bleed", "3", DRAFT, cwd=ws)
    assert result.exit_code == 2
    assert "--bleed: '3' is not a length" in result.stderr
    result = run_nl("export", "--pdf-variant", "pdf/z-9", DRAFT, cwd=ws)
    assert result.exit_code == 2
    assert "--pdf-variant" in result.stderr and "pdf/ua-1" in result.stderr
    result = run_nl("export", "issues/nope.toml", cwd=ws)
    assert result.exit_code == 3  # like lint, list and import: input that cannot be used
    assert "issues/nope.toml:1:1: no such file or folder" in result.stderr
    result = run_nl("export", "--paper", "a5", DRAFT, cwd=ws)
    assert result.exit_code == 2


def test_an_unknown_theme(run_nl: RunNl, ws: Path) -> None:
    result = run_nl("export", "--theme", "gala", DRAFT, cwd=ws)
    assert result.exit_code == 3
    assert "theme 'gala' not found" in result.stderr
    assert not (ws / "out").exists()


def test_a_broken_theme_names_file_and_line(run_nl: RunNl, ws: Path) -> None:
    own = ws / "templates" / "default"
    own.mkdir(parents=True)
    (own / "pdf.html").write_text("<html>\n<body>\n<p>{{ issue.titel }}</p>\n", encoding="utf-8")
    result = run_nl("export", DRAFT, cwd=ws)
    assert result.exit_code == 3
    assert "templates/default/pdf.html:3: template error" in result.stderr
    assert "Traceback" not in result.output
    assert not (ws / "out" / "2026-03-spring.html").exists()  # nothing half-written


def test_bleed_and_letter_from_the_command_line(run_nl: RunNl, ws: Path) -> None:
    result = run_nl(
        "export", "--pdf", "--paper", "letter", "--bleed", "3mm", "--crop-marks", DRAFT, cwd=ws
    )
    assert result.exit_code == 0, result.output
    page = PdfReader(ws / "out" / "2026-03-spring.pdf").pages[0]
    assert [round(float(v)) for v in page.trimbox] == [0, 0, 612, 792]
    assert [round(float(v), 1) for v in page.bleedbox] == [-8.5, -8.5, 620.5, 800.5]


def test_missing_fonts_are_a_warning(run_nl: RunNl, ws: Path) -> None:
    draft = ws / DRAFT
    draft.write_text(
        draft.read_text(encoding="utf-8").replace(
            "Dear neighbours,", "Dear neighbours \U000f0000,"
        ),
        encoding="utf-8",
    )
    result = run_nl("export", "--pdf", DRAFT, cwd=ws)
    assert result.exit_code == 0, result.output
    assert (
        "warning:" in result.stderr
        and "U+F0000" in result.stderr
        and "no installed font" in result.stderr
    )


def test_lint_errors_stop_the_export_unless_forced(run_nl: RunNl, ws: Path) -> None:
    draft = ws / DRAFT
    repeated = "Twelve volunteers read the tide gauges every morning from December to February."
    text = draft.read_text(encoding="utf-8")
    draft.write_text(
        text.replace("Spring has reached", f"{repeated}\n\nSpring has reached"), encoding="utf-8"
    )
    result = run_nl("export", DRAFT, cwd=ws)
    assert result.exit_code == 1, result.output
    assert "issues/2026-03-spring.toml:" in result.stderr
    assert "not exported: fix the errors above or use --force" in result.stderr
    assert not (ws / "out").exists()
    forced = run_nl("export", "--force", DRAFT, cwd=ws)
    assert forced.exit_code == 0, forced.output
    assert (ws / "out" / "2026-03-spring.pdf").is_file()


def test_help_stays_light() -> None:
    code = (
        "import sys, newsletter_cli.cli;"
        "heavy = {'weasyprint', 'jinja2', 'markdown_it', 'nh3'} & set(sys.modules);"
        "print(sorted(heavy)); sys.exit(1 if heavy else 0)"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout


def test_the_example_issues_export(run_nl: RunNl, examples: list[Path], tmp_path: Path) -> None:
    if not examples:
        pytest.skip("no example issues in issues/")
    result = run_nl("export", "-o", tmp_path, *examples, cwd=examples[0].parent.parent)
    assert result.exit_code == 0, result.output
    assert "warning" not in without_machine_notices(result.stderr)
    for example in examples:
        reader = PdfReader(tmp_path / f"{example.stem}.pdf")
        assert 1 <= len(reader.pages) <= 6
        assert (tmp_path / f"{example.stem}.html").is_file()


def test_template_statements_of_an_imported_issue_stay_out_of_every_output(
    run_nl: RunNl, ws: Path
) -> None:
    draft = ws / "issues" / "imported.toml"
    draft.write_text(
        'title = "Imported"\ndate = 2019-06-05\nintro = """\n{% include references.md %}\n'
        "{% assign shown = false %}\nThe survey starts in June.\n\n"
        'Signed, {{ author }}.\n"""\n',
        encoding="utf-8",
    )
    result = run_nl(
        "export", "--force", "--pdf", "--html", "--email", "--text", "issues/imported.toml",
        cwd=ws,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    out = ws / "out"
    pdf_text = "".join(page.extract_text() for page in PdfReader(out / "imported.pdf").pages)
    outputs = {
        "pdf": pdf_text,
        "html": (out / "imported.html").read_text(encoding="utf-8"),
        "email": (out / "imported.email.html").read_text(encoding="utf-8"),
        "text": (out / "imported.txt").read_text(encoding="utf-8"),
    }
    for name, text in outputs.items():
        assert "The survey starts in June." in text, name
        assert "{%" not in text, name
        assert "references.md" not in text, name
        assert "{{ author }}" in text, name  # missing text stays visible (lint names it)
    # the draft keeps them
    assert "{% include references.md %}" in draft.read_text(encoding="utf-8")
