"""Themes are untrusted: a template can format the issue it is given and do nothing else.

Each payload below, in a plain Jinja2 environment, runs a shell command or reads a file of the
machine. Through the real `nl export`, with the theme given as a folder (``--theme DIR``) and as
a workspace theme (``templates/<name>/``), the command never runs, the file is never read, and
`nl` exits 3 naming the template file and line.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import RunNl

SECRET = "the-contents-of-a-private-file"

#: name -> template text; ``{marker}`` is a file the payload would create, ``{secret}`` one it
#: would read.
PAYLOADS = {
    "os-popen-through-cycler": (
        "{{{{ cycler.__init__.__globals__.os.popen('touch {marker}; echo PWNED-MARKER').read() }}}}"
    ),
    "open-through-lipsum-builtins": (
        "{{{{ lipsum.__globals__['__builtins__']['open']('{secret}').read() }}}}"
        "{{{{ lipsum.__globals__['__builtins__']['open']('{marker}', 'w').write('x') }}}}"
    ),
}


def _hostile_page(payload: str, marker: Path, secret: Path) -> str:
    body = payload.format(marker=marker, secret=secret)
    return f"<!DOCTYPE html>\n<html>\n<body>\n<p>Hello</p>\n{body}\n</body>\n</html>\n"


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=list(PAYLOADS))
@pytest.mark.parametrize("place", ["theme-folder", "workspace-theme"])
def test_a_theme_cannot_run_commands_or_read_files(
    ws: Path, tmp_path: Path, run_nl: RunNl, payload: str, place: str
) -> None:
    marker = tmp_path / "payload-ran"
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    if place == "theme-folder":
        theme_dir = tmp_path / "shared-theme"
        theme_arg = "../shared-theme"
        shown = "shared-theme/web.html:5"
    else:
        theme_dir = ws / "templates" / "friendly"
        theme_arg = "friendly"
        shown = "templates/friendly/web.html:5"
    theme_dir.mkdir(parents=True)
    (theme_dir / "web.html").write_text(_hostile_page(payload, marker, secret), encoding="utf-8")

    result = run_nl("export", "--html", "--theme", theme_arg, "issues/2026-03-spring.toml", cwd=ws)

    assert result.exit_code == 3, result.output
    assert not marker.exists(), "the theme ran code"
    assert "PWNED-MARKER" not in result.output
    assert SECRET not in result.output
    assert not (ws / "out" / "2026-03-spring.html").exists()
    assert "Traceback" not in result.output
    assert shown in result.output, result.output
    assert "unsafe" in result.output and "sandbox" in result.output


def test_a_theme_cannot_change_what_it_is_given(ws: Path, run_nl: RunNl) -> None:
    """The sandbox is the immutable one: a template cannot alter the context's lists and maps."""
    theme_dir = ws / "templates" / "meddling"
    theme_dir.mkdir(parents=True)
    (theme_dir / "web.html").write_text(
        "{% set names = [] %}\n{{ names.append('x') }}\n{{ issue.title }}\n", encoding="utf-8"
    )

    result = run_nl("export", "--html", "--theme", "meddling", "issues/2026-03-spring.toml", cwd=ws)

    assert result.exit_code == 3, result.output
    assert "templates/meddling/web.html:2" in result.output
    assert "Traceback" not in result.output


def test_a_hostile_site_index_is_refused_too(ws: Path, tmp_path: Path, run_nl: RunNl) -> None:
    """The site's index page is rendered by the same sandboxed environment."""
    marker = tmp_path / "payload-ran"
    theme_dir = ws / "templates" / "default"
    theme_dir.mkdir(parents=True)
    (theme_dir / "site-index.html").write_text(
        _hostile_page(PAYLOADS["os-popen-through-cycler"], marker, marker), encoding="utf-8"
    )

    result = run_nl("export", "--site", "--force", cwd=ws)

    assert result.exit_code == 3, result.output
    assert not marker.exists(), "the theme ran code"
    assert "PWNED-MARKER" not in result.output
    assert "templates/default/site-index.html:5" in result.output
    assert "Traceback" not in result.output
