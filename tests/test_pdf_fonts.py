"""What `nl export` says about fonts: once, in its own words, never WeasyPrint's raw log."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from newsletter_cli.output.pdf import subsetting_notice
from tests.conftest import RunNl

DRAFT = "issues/2026-03-spring.toml"

#: `nl` with WeasyPrint's fontTools subsetter forced, as on a machine without libharfbuzz-subset.
FONTTOOLS_NL = (
    # The test's own import of WeasyPrint (to force fontTools) is not nl's: its
    # DeprecationWarning on a machine without HarfBuzz subsetting is silenced here.
    "import sys, warnings\n"
    "with warnings.catch_warnings():\n"
    "    warnings.simplefilter('ignore', DeprecationWarning)\n"
    "    import weasyprint.pdf.fonts as fonts\n"
    "fonts.harfbuzz_subset = None\n"
    "from newsletter_cli.cli import main\n"
    "sys.argv[0] = 'nl'\n"
    "main()\n"
)


def _harfbuzz_subsets() -> bool:
    from weasyprint.text import ffi

    return ffi.harfbuzz_subset is not None and bool(ffi.harfbuzz.hb_version_atleast(4, 1, 0))


def test_the_notice_agrees_with_what_weasyprint_loads() -> None:
    assert (subsetting_notice() is None) == _harfbuzz_subsets()


def test_missing_harfbuzz_is_said_once_per_export(ws: Path, run_nl: RunNl) -> None:
    second = ws / "issues" / "2026-04-more.toml"
    shutil.copy(ws / DRAFT, second)
    result = run_nl("export", "--pdf", "issues", cwd=ws)
    assert result.exit_code == 0, result.output
    said = [line for line in result.stderr.splitlines() if "HarfBuzz" in line]
    if _harfbuzz_subsets():
        assert said == []
    else:
        assert len(said) == 1, result.stderr
        assert said[0].startswith("warning:") and "libharfbuzz-subset0" in said[0]


def test_nl_keeps_weasyprints_deprecation_warning_to_itself(ws: Path) -> None:
    """Where the HarfBuzz subsetting library is missing, WeasyPrint warns when it is imported;
    nl imports it so that the warning never reaches the terminal, even with ``-W default``."""
    proc = subprocess.run(
        [sys.executable, "-W", "default", "-m", "newsletter_cli", "export", "--pdf", DRAFT],
        cwd=ws,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1", "COLUMNS": "200"},
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert "HarfBuzz-Subset" not in proc.stderr
    assert "DeprecationWarning" not in proc.stderr


def test_weasyprint_log_never_reaches_the_terminal_raw(ws: Path) -> None:
    draft = ws / DRAFT
    draft.write_text(draft.read_text().replace("Dear neighbours,", "Dear neighbours, \U000f0000"))
    proc = subprocess.run(
        [sys.executable, "-W", "default", "-c", FONTTOOLS_NL, "export", "--pdf", DRAFT],
        cwd=ws,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1", "COLUMNS": "200"},
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert "fontTools" not in proc.stderr
    assert "HarfBuzz-Subset" not in proc.stderr
    assert "DeprecationWarning" not in proc.stderr
    glyphs = [line for line in proc.stderr.splitlines() if "U+F0000" in line]
    assert len(glyphs) == 1 and DRAFT in glyphs[0], proc.stderr


@pytest.mark.parametrize(
    ("text", "named"),
    [("กา", "U+0E01, Thai"), ("中", "U+4E2D, CJK"), ("\U0001f600", "emoji or symbol")],
)
def test_characters_without_a_font_are_named_with_their_script(text: str, named: str) -> None:
    from newsletter_cli.output.pdf import _describe

    assert named in _describe(text[0], f"{ord(text[0]):04X}")
