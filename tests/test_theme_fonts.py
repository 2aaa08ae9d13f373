"""The default theme carries its own fonts, so the print edition is laid out the same everywhere.

The layout of a PDF used to depend on the fonts a machine happened to have (November's example
took 3 Letter pages on a machine with other fonts instead of 2). The default theme now ships Noto
Serif and Noto Sans (SIL Open Font License, with its licence) and loads them with ``@font-face``
from the theme's folder; installed fonts only fill in characters the theme's fonts lack.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from newsletter_cli.output.render import shipped_themes
from tests.conftest import REPO, RunNl

FONTS = shipped_themes() / "default" / "fonts"
#: What the default theme's PDF is set in: the PDF names a subset "ABCDEF+nl-Noto-Serif".
THEME_FONT = re.compile(r"^/[A-Z]{6}\+nl-Noto-(Serif|Sans)(-Bold|-Italic|-BoldItalic)?$")


def _font_names(pdf: Path) -> set[str]:
    names: set[str] = set()
    for page in PdfReader(pdf).pages:
        fonts = page["/Resources"].get("/Font", {})
        names.update(str(font.get_object()["/BaseFont"]) for font in fonts.values())
    return names


def _pages(pdf: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(pdf).pages]


@pytest.fixture
def letters(tmp_path: Path) -> Path:
    """A workspace with the shipped example issues."""
    ws = tmp_path / "ws"
    shutil.copytree(REPO / "issues", ws / "issues")
    shutil.copy(REPO / "newsletter.toml", ws / "newsletter.toml")
    return ws


def _only_the_theme_fonts(tmp_path: Path) -> dict[str, str]:
    """Environment for a machine with no fonts of its own: fontconfig sees the theme's only."""
    folder = tmp_path / "machine-fonts"
    shutil.copytree(FONTS, folder, ignore=shutil.ignore_patterns("*.txt", "*.css"))
    config = tmp_path / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n'
        f"<fontconfig><dir>{folder}</dir><cachedir>{tmp_path / 'fc-cache'}</cachedir></fontconfig>\n",
        encoding="utf-8",
    )
    return {"FONTCONFIG_FILE": str(config)}


def test_the_theme_ships_its_fonts_with_their_licence() -> None:
    files = sorted(p.name for p in FONTS.glob("*.ttf"))
    assert files == [
        "NotoSans-Bold.ttf",
        "NotoSans-Regular.ttf",
        "NotoSerif-Bold.ttf",
        "NotoSerif-BoldItalic.ttf",
        "NotoSerif-Italic.ttf",
        "NotoSerif-Regular.ttf",
    ]
    licence = (FONTS / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL Open Font License, Version 1.1" in licence
    assert "PERMISSION & CONDITIONS" in licence and "DISCLAIMER" in licence
    for name in files:
        font = TTFont(FONTS / name, lazy=True)
        assert "Open Font License" in (font["name"].getDebugName(13) or ""), name
    # every face the stylesheet declares is a file of the theme, and every file is declared
    faces = (FONTS / "font-faces.css").read_text(encoding="utf-8")
    assert sorted(re.findall(r'theme_url\("fonts/([^"]+)"\)', faces)) == files
    assert sum(p.stat().st_size for p in FONTS.iterdir()) < 4_000_000


def test_the_print_edition_is_set_in_the_theme_fonts(letters: Path, run_nl: RunNl) -> None:
    result = run_nl("export", "--pdf", "--force", "issues", cwd=letters)
    assert result.exit_code == 0, result.output
    for pdf in sorted((letters / "out").glob("*.pdf")):
        names = _font_names(pdf)
        assert names, pdf.name
        assert all(THEME_FONT.match(name) for name in names), (pdf.name, names)


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_the_layout_does_not_depend_on_the_fonts_a_machine_has(
    letters: Path, tmp_path: Path, run_nl: RunNl, paper: str
) -> None:
    """The same examples, on this machine and on one that has no fonts at all but the theme's:
    the same pages with the same lines."""
    here = run_nl(
        "export", "--pdf", "--force", "--paper", paper, "-o", "here", "issues", cwd=letters
    )
    bare = run_nl(
        "export", "--pdf", "--force", "--paper", paper, "-o", "bare", "issues",
        cwd=letters, env=_only_the_theme_fonts(tmp_path),
    )  # fmt: skip
    assert here.exit_code == 0, here.output
    assert bare.exit_code == 0, bare.output
    assert "Traceback" not in bare.output and "Warning" not in bare.output
    pdfs = sorted(p.name for p in (letters / "here").glob("*.pdf"))
    assert len(pdfs) == 3
    for name in pdfs:
        assert _pages(letters / "bare" / name) == _pages(letters / "here" / name), name


def _installed_font_for(char: str) -> bool:
    if shutil.which("fc-list") is None:
        return False
    found = subprocess.run(
        ["fc-list", f":charset={ord(char):x}", "family"], capture_output=True, text=True
    )
    return bool(found.stdout.strip())


def test_characters_the_theme_fonts_lack_come_from_installed_fonts(
    workspace_dir: Path, run_nl: RunNl
) -> None:
    bundled = [TTFont(path, lazy=True).getBestCmap() for path in sorted(FONTS.glob("*.ttf"))]
    candidates = ["☃", "♫", "ก", "中", "⌘", "✓"]
    lacking = [c for c in candidates if all(ord(c) not in cmap for cmap in bundled)]
    assert lacking, "the theme's fonts have every candidate: choose others"
    usable = [c for c in lacking if _installed_font_for(c)]
    if not usable:
        pytest.skip(f"no installed font has any of {lacking} (fc-list)")
    char = usable[0]
    (workspace_dir / "issues").mkdir(exist_ok=True)
    (workspace_dir / "issues" / "fallback.toml").write_text(
        f'title = "Fallback"\ndate = 2026-05-01\nintro = "Dear friends, a sign: {char} here."\n',
        encoding="utf-8",
    )

    result = run_nl("export", "--pdf", "--force", "issues/fallback.toml", cwd=workspace_dir)

    assert result.exit_code == 0, result.output
    assert "no installed font" not in result.output
    pdf = workspace_dir / "out" / "fallback.pdf"
    names = _font_names(pdf)
    assert any(THEME_FONT.match(name) for name in names), names
    assert any(not THEME_FONT.match(name) for name in names), names
    assert char in "".join(_pages(pdf))
