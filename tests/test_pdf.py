"""The PDF, made by the real WeasyPrint and read back with pypdf."""

from __future__ import annotations

import base64
import io
import os
import shutil
import subprocess
import sys
import time
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from pypdf.generic import IndirectObject

from newsletter_cli.draft import storage
from newsletter_cli.draft.model import Draft, Section
from newsletter_cli.errors import BlockedResourceError
from newsletter_cli.output.export import ExportOptions, export_one, plan
from newsletter_cli.output.pdf import PDF_VARIANTS, check_length, write_pdf

FIXTURE = Path(__file__).parent / "fixtures" / "export"
DRAFT = "issues/2026-03-spring.toml"
MM = 72 / 25.4


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    target = tmp_path / "ws"
    shutil.copytree(FIXTURE, target)
    return target


def export_pdf(ws: Path, draft: str = DRAFT, **flags: Any) -> Path:
    """Export one draft's PDF in this process and return its path."""
    options = ExportOptions.from_flags(pdf=True, **flags)
    (job,) = plan([ws / draft], options)
    result = export_one(job)
    assert result.errors == [], result.errors
    return job.out_dir / f"{Path(draft).stem}.pdf"


def outline_titles(reader: PdfReader) -> list[str]:
    titles: list[str] = []

    def walk(items: list[Any]) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(item.title)

    walk(reader.outline)
    return titles


def test_pages_headings_and_metadata(ws: Path) -> None:
    reader = PdfReader(export_pdf(ws))
    assert len(reader.pages) == 2
    assert outline_titles(reader) == [
        "Spring on the quay",
        "The footbridge opens",
        "Spring fair on the quay",
        "Winter tide survey",
        "What we found",
    ]
    text = "\n".join(page.extract_text() for page in reader.pages)
    for heading in outline_titles(reader):
        assert heading in text
    meta = reader.metadata
    assert meta is not None
    assert meta.title == "Spring on the quay · Harbour Notes · Issue 7 · 14 March 2026"
    assert meta.author == "Mara Lind, Tom Okafor"
    assert meta.subject is not None and meta.subject.startswith("The new footbridge opens")
    assert meta["/CreationDate"] == "D:20260314"
    assert meta["/ModDate"] == "D:20260314"
    assert reader.trailer["/Root"]["/Lang"] == "en"


def test_masthead_and_running_footer(ws: Path) -> None:
    reader = PdfReader(export_pdf(ws))
    first = reader.pages[0].extract_text()
    assert "HARBOUR NOTES" in first.upper()
    assert "ISSUE 7" in first.upper() and "14 MARCH 2026" in first.upper()
    for number, page in enumerate(reader.pages, start=1):
        assert f"Page {number} of {len(reader.pages)}" in page.extract_text()


def test_link_addresses_are_printed_as_footnotes(ws: Path) -> None:
    text = PdfReader(export_pdf(ws)).pages[0].extract_text()
    assert "1. portwell.example/news/footbridge" in text


def test_event_details_are_printed(ws: Path) -> None:
    text = "\n".join(page.extract_text() for page in PdfReader(export_pdf(ws)).pages)
    assert "Saturday 18 April 2026" in text
    assert "Sunday 19 April 2026" in text
    assert "North Quay, by the harbour master's office" in text


def _page_size(path: Path) -> tuple[float, float]:
    box = PdfReader(path).pages[0].mediabox
    return round(float(box.width)), round(float(box.height))


def test_a4_by_default_and_letter_on_request(ws: Path) -> None:
    assert _page_size(export_pdf(ws)) == (595, 842)
    assert _page_size(export_pdf(ws, paper="letter")) == (612, 792)


def test_paper_from_the_workspace(ws: Path) -> None:
    config = ws / "newsletter.toml"
    config.write_text(
        config.read_text(encoding="utf-8").replace('paper = "a4"', 'paper = "letter"')
    )
    assert _page_size(export_pdf(ws)) == (612, 792)


def test_bleed_sets_trimbox_and_bleedbox(ws: Path) -> None:
    page = PdfReader(export_pdf(ws, bleed="3mm")).pages[0]
    trim = [float(v) for v in page.trimbox]
    bleed = [float(v) for v in page.bleedbox]
    media = [float(v) for v in page.mediabox]
    assert trim == pytest.approx([0, 0, 595.28, 841.89], abs=0.05)
    assert bleed == pytest.approx([-3 * MM, -3 * MM, 595.28 + 3 * MM, 841.89 + 3 * MM], abs=0.05)
    assert media == pytest.approx(bleed, abs=0.05)


def test_crop_marks_draw_outside_the_trim(ws: Path) -> None:
    plain = PdfReader(export_pdf(ws, bleed="3mm")).pages[0]
    marked = PdfReader(export_pdf(ws, bleed="3mm", crop_marks=True)).pages[0]
    assert [float(v) for v in marked.trimbox] == [float(v) for v in plain.trimbox]
    assert len(marked.get_contents().get_data()) > len(plain.get_contents().get_data())  # type: ignore[union-attr]


def _harfbuzz_subsets() -> bool:
    from weasyprint.text import ffi

    return ffi.harfbuzz_subset is not None and bool(ffi.harfbuzz.hb_version_atleast(4, 1, 0))


@pytest.fixture(params=["fonttools", "harfbuzz"])
def subsetter(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Each of WeasyPrint's two font subsetters in turn: it uses HarfBuzz when
    ``weasyprint.pdf.fonts.harfbuzz_subset`` (the loaded library) is set, fontTools otherwise."""
    import weasyprint.pdf.fonts

    if request.param == "fonttools":
        monkeypatch.setattr(weasyprint.pdf.fonts, "harfbuzz_subset", None)
    elif not _harfbuzz_subsets():
        pytest.skip("the HarfBuzz subsetting library (libharfbuzz-subset0) is not installed")
    return str(request.param)


def embedded_font_dates(pdf: Path) -> set[int]:
    """``head.modified`` of every font embedded in the PDF."""
    from fontTools.ttLib import TTFont

    dates: set[int] = set()
    for page in PdfReader(pdf).pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            descendant = (
                font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            )
            descriptor = descendant["/FontDescriptor"].get_object()
            stream = descriptor.get("/FontFile2") or descriptor.get("/FontFile3")
            if stream is not None:
                dates.add(TTFont(io.BytesIO(stream.get_object().get_data()))["head"].modified)
    return dates


def test_the_same_draft_exports_to_the_same_bytes(ws: Path, tmp_path: Path, subsetter: str) -> None:
    first = export_pdf(ws).read_bytes()
    time.sleep(1.1)  # fontTools stamps fonts with the time in seconds
    again = export_pdf(ws, output=tmp_path / "again").read_bytes()
    assert first == again


def test_fonttools_subset_fonts_carry_the_issue_date(
    ws: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import weasyprint.pdf.fonts
    from fontTools.misc.timeTools import epoch_diff

    monkeypatch.setattr(weasyprint.pdf.fonts, "harfbuzz_subset", None)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1")  # the caller's setting changes nothing
    issue_day = int(datetime(2026, 3, 14, tzinfo=UTC).timestamp()) - epoch_diff
    assert embedded_font_dates(export_pdf(ws)) == {issue_day}
    assert os.environ["SOURCE_DATE_EPOCH"] == "1"  # and is given back as it was


def test_a_theme_woff_font_gives_the_same_bytes(tmp_path: Path, subsetter: str) -> None:
    """WeasyPrint converts a WOFF font with fontTools while rendering, once per process (which
    dates it with the clock), and the HarfBuzz subsetter keeps that date: so each export runs in
    its own process here, and rendering is dated by the issue too."""
    from fontTools.ttLib import TTFont

    font = TTFont(REPOSITORY / "templates" / "default" / "fonts" / "NotoSans-Regular.ttf")
    font.flavor = "woff"
    font.save(tmp_path / "face.woff")
    html = (
        '<html lang=en><head><meta name="dcterms.created" content="2026-03-14">'
        "<style>@font-face { font-family: Face; src: url(face.woff) }"
        " body { font-family: Face }</style></head><body><p>Spring on the quay</p></body></html>"
    )
    (tmp_path / "page.html").write_text(html, encoding="utf-8")
    script = (
        "import sys, pathlib, weasyprint.pdf.fonts as fonts\n"
        + ("fonts.harfbuzz_subset = None\n" if subsetter == "fonttools" else "")
        + "from newsletter_cli.output.pdf import write_pdf\n"
        "folder = pathlib.Path(sys.argv[1])\n"
        "pdf = write_pdf((folder / 'page.html').read_text(), base_folder=folder, allowed_folders=[])\n"
        "(folder / sys.argv[2]).write_bytes(pdf.data)\n"
    )
    for name in ("first.pdf", "again.pdf"):
        subprocess.run([sys.executable, "-c", script, str(tmp_path), name], check=True, timeout=120)
        time.sleep(1.1)
    assert (tmp_path / "first.pdf").read_bytes() == (tmp_path / "again.pdf").read_bytes()


def test_a_draft_dated_before_1970_still_exports(ws: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import weasyprint.pdf.fonts
    from fontTools.misc.timeTools import epoch_diff

    monkeypatch.setattr(weasyprint.pdf.fonts, "harfbuzz_subset", None)
    path = ws / DRAFT
    path.write_text(path.read_text().replace("date = 2026-03-14", "date = 1900-01-01", 1))
    assert embedded_font_dates(export_pdf(ws)) == {-epoch_diff}  # 1970-01-01


def test_fonts_are_embedded(ws: Path) -> None:
    reader = PdfReader(export_pdf(ws))
    seen = 0
    for page in reader.pages:
        fonts = page["/Resources"]["/Font"]
        for ref in fonts.values():
            font = ref.get_object() if isinstance(ref, IndirectObject) else ref
            descendant = (
                font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            )
            descriptor = descendant["/FontDescriptor"].get_object()
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), font[
                "/BaseFont"
            ]
            seen += 1
    assert seen > 0


def test_images_are_in_the_pdf(ws: Path) -> None:
    page = PdfReader(export_pdf(ws)).pages[0]
    assert len(page.images) == 1
    assert page.images[0].image is not None and page.images[0].image.size == (800, 450)


FOOTER_TOP = 24 * MM  # the running footer stands in the bottom margin


def _text_positions(page: Any) -> list[tuple[float, str]]:
    """(height above the page's foot, text) of every piece of text on a page."""
    found: list[tuple[float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: Any, size: Any) -> None:
        if text.strip():
            found.append((tm[4] * cm[1] + tm[5] * cm[3] + cm[5], text.strip()))

    page.extract_text(visitor_text=visit)
    return found


def test_headings_are_never_the_last_line_of_a_page(ws: Path) -> None:
    """Push a heading down a line at a time through the foot of page 1: it must never stay there."""
    from newsletter_cli.draft import storage
    from newsletter_cli.draft.workspace import load_workspace
    from newsletter_cli.output.render import build_context, render_template, resolve_theme

    workspace = load_workspace(ws)
    theme = resolve_theme(workspace)
    stranded = []
    for lines in range(22, 34):
        items = "\n".join(f"- item {k}" for k in range(lines))
        draft_path = ws / "issues" / "push.toml"
        draft_path.write_text(
            f'title = "Push"\n[[sections]]\nheading = "List"\nbody = """\n{items}\n"""\n'
            '[[sections]]\nheading = "Pushed heading"\nbody = """\nA paragraph under it, long enough '
            'to take two or three lines of the column when it is set in the print edition."""\n',
            encoding="utf-8",
        )
        context = build_context(storage.load(draft_path), workspace, target="pdf", stem="push")
        result = write_pdf(
            render_template(theme, "pdf.html", context),
            base_folder=draft_path.parent,
            allowed_folders=theme.folders,
        )
        for page in PdfReader(io.BytesIO(result.data)).pages:
            body = [(y, text) for y, text in _text_positions(page) if y > FOOTER_TOP]
            if body and min(body)[1] == "Pushed heading":
                stranded.append(lines)
    assert stranded == []


@pytest.mark.parametrize("variant", ["pdf/ua-1", "pdf/a-3b"])
def test_pdf_variants_pass_through(ws: Path, variant: str) -> None:
    reader = PdfReader(export_pdf(ws, pdf_variant=variant))
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8")
    marker = "pdfuaid:part" if variant.startswith("pdf/ua") else "pdfaid:part"
    assert marker in xmp


def test_our_variant_list_matches_weasyprint() -> None:
    from weasyprint.pdf import VARIANTS

    assert set(PDF_VARIANTS) <= set(VARIANTS)


@pytest.mark.parametrize("value", ["3mm", "0.125in", "9pt", "0.3cm"])
def test_bleed_lengths(value: str) -> None:
    assert check_length(value) == value


@pytest.mark.parametrize("value", ["3", "3 mm;", "-3mm", "3mm; background: red", "calc(1mm)"])
def test_bad_bleed_lengths(value: str) -> None:
    with pytest.raises(ValueError, match="is not a length"):
        check_length(value)


# ----------------------------------------------------------- the URL fetcher


def _pdf(html: str, folder: Path, allowed: list[Path] | None = None) -> Any:
    return write_pdf(
        f"<html lang=en><body>{html}</body></html>",
        base_folder=folder,
        allowed_folders=allowed or [],
    )


PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


def test_files_inside_the_draft_folder_and_data_urls_are_read(tmp_path: Path) -> None:
    (tmp_path / "dot.png").write_bytes(PNG)
    result = _pdf(
        f'<img src="dot.png"><img src="data:image/png;base64,{base64.b64encode(PNG).decode()}">',
        tmp_path,
    )
    assert result.pages == 1


def test_files_of_the_theme_folder_are_read(tmp_path: Path) -> None:
    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "logo.png").write_bytes(PNG)
    draft_folder = tmp_path / "draft"
    draft_folder.mkdir()
    assert _pdf(f'<img src="{(theme / "logo.png").as_uri()}">', draft_folder, [theme]).pages == 1


@pytest.mark.parametrize(
    "src",
    ["file:///etc/hostname", "/etc/hostname", "../secret.png", "file://otherhost/share/x.png"],
)
def test_files_outside_are_blocked_and_named(tmp_path: Path, src: str) -> None:
    folder = tmp_path / "draft"
    folder.mkdir()
    (tmp_path / "secret.png").write_bytes(PNG)
    with pytest.raises(BlockedResourceError, match=r"blocked .*(hostname|secret\.png|x\.png)"):
        _pdf(f'<img src="{src}">', folder)


def test_a_symlink_out_of_the_folder_is_blocked(tmp_path: Path) -> None:
    folder = tmp_path / "draft"
    folder.mkdir()
    (tmp_path / "secret.png").write_bytes(PNG)
    os.symlink(tmp_path / "secret.png", folder / "innocent.png")
    with pytest.raises(BlockedResourceError, match=r"innocent\.png"):
        _pdf('<img src="innocent.png">', folder)


def test_stylesheet_imports_are_fetched_through_the_same_gate(tmp_path: Path) -> None:
    with pytest.raises(BlockedResourceError, match="file:///etc/hostname"):
        _pdf('<style>@import url("file:///etc/hostname");</style><p>x</p>', tmp_path)


def test_attachments_are_never_embedded(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("inside the folder, still not embedded")
    with pytest.raises(BlockedResourceError, match=r"attachment notes\.txt"):
        _pdf('<link rel="attachment" href="notes.txt"><p>x</p>', tmp_path)
    with pytest.raises(BlockedResourceError, match=r"attachment notes\.txt"):
        _pdf('<p><a rel="attachment" href="notes.txt">notes</a></p>', tmp_path)


def test_characters_without_a_font_are_reported(tmp_path: Path) -> None:
    # U+F0000 is a private-use character that no installed font draws.
    result = _pdf("<p>Latin text and \U000f0000 here</p>", tmp_path)
    assert result.missing_glyphs == ("'\\U000f0000' (U+F0000)",)
    assert _pdf("<p>Plain Latin text</p>", tmp_path).missing_glyphs == ()


# ---------------------------------------------------------------- the last page

REPOSITORY = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_the_examples_end_with_the_closing_and_the_colophon_together(
    tmp_path: Path, paper: str
) -> None:
    """No example wastes a page on the organisation's footer alone (November used to end
    with a third page holding only it)."""
    ws = tmp_path / "ws"
    shutil.copytree(REPOSITORY / "issues", ws / "issues")
    shutil.copy(REPOSITORY / "newsletter.toml", ws / "newsletter.toml")
    counts = {}
    for draft in sorted((ws / "issues").glob("*.toml")):
        reader = PdfReader(export_pdf(ws, str(draft.relative_to(ws)), paper=paper, force=True))
        counts[draft.stem[:10]] = len(reader.pages)
        last = reader.pages[-1].extract_text()
        assert "Lowland Rivers Alliance\n12 Quay Street" in last, draft.name
        # the farewell stands above the colophon, with text of the letter before it
        assert "steering group" in last or "coordinator of the" in last, draft.name
        assert last.index("Lowland Rivers Alliance\n12 Quay") > 200, last
    assert counts == {"2026-09-01": 3, "2026-10-01": 2, "2026-11-01": 2}


def test_the_colophon_never_stands_alone_on_the_last_page(tmp_path: Path) -> None:
    """Whatever the length of the letter, the last page starts with the letter's text: the
    farewell takes the end of the last section with it, and the colophon the farewell."""
    (tmp_path / "newsletter.toml").write_text(
        'name = "River Letter"\n[organisation]\nname = "River Alliance"\n'
        'address = "1 Quay Street"\nwebsite = "https://example.org"\n',
        encoding="utf-8",
    )
    (tmp_path / "issues").mkdir()
    seen_pages: set[int] = set()
    # 17 to 26 one-line paragraphs cross the end of the first A4 page at every height
    for lines in range(17, 27):
        body = "\n\n".join(f"Line {i} of the news from the river." for i in range(lines))
        name = f"issues/filler-{lines}.toml"
        storage.save(
            Draft(
                "Filler",
                date(2024, 3, 1),
                1,
                intro="Dear friends,",
                sections=(Section("News", body),),
                closing="Thank you for reading.\n\nAna, for the steering group.",
            ),
            tmp_path / name,
        )
        reader = PdfReader(export_pdf(tmp_path, name, force=True))
        seen_pages.add(len(reader.pages))
        last = reader.pages[-1].extract_text()
        assert "Ana, for the steering group.\nRiver Alliance" in last, (lines, last)
        if len(reader.pages) > 1:
            assert last.startswith("Line "), (lines, last)
    assert seen_pages == {1, 2}
