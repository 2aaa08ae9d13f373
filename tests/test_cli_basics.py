"""The installed program: version, help, `python -m`, `nl init`, and a fast start."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import RunNl

from newsletter_cli import __version__
from newsletter_cli.workspace import load_workspace

HEAVY = ["weasyprint", "questionary", "markdown_it", "nh3", "css_inline", "jinja2", "tomlkit"]


def test_version(run_nl: RunNl) -> None:
    result = run_nl("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"nl {__version__}"


def test_help_lists_commands(run_nl: RunNl) -> None:
    result = run_nl("--help")
    assert result.exit_code == 0
    assert "init" in result.stdout
    assert "Draft, check and publish" in result.stdout


def test_unknown_command_is_a_usage_error(run_nl: RunNl) -> None:
    result = run_nl("frobnicate")
    assert result.exit_code == 2
    assert "frobnicate" in result.stderr


def test_help_and_version_import_nothing_heavy() -> None:
    probe = (
        "import sys, json\n"
        "sys.argv = ['nl', '--help']\n"
        "from newsletter_cli.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        f"print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))\n"
    )
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert json.loads(proc.stdout.strip().splitlines()[-1]) == []


def test_init_creates_a_workspace_and_refuses_to_overwrite(run_nl: RunNl, tmp_path: Path) -> None:
    result = run_nl("init", "letters", "--name", "Village Digest", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    folder = tmp_path / "letters"
    assert (folder / "issues").is_dir()
    assert "/out/" in (folder / ".gitignore").read_text(encoding="utf-8")
    workspace = load_workspace(folder)
    assert workspace.settings.name == "Village Digest"
    before = (folder / "newsletter.toml").read_bytes()

    again = run_nl("init", "letters", cwd=tmp_path)
    assert again.exit_code == 1
    assert "letters/newsletter.toml: already exists" in again.stderr
    assert (folder / "newsletter.toml").read_bytes() == before


def test_a_bug_reaches_the_person_as_one_line_not_a_traceback(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import typer

    from newsletter_cli.cli import handle_errors

    @handle_errors
    def broken() -> None:
        raise ZeroDivisionError("division by zero")

    monkeypatch.delenv("NL_DEBUG", raising=False)
    with pytest.raises(typer.Exit) as caught:
        broken()
    assert caught.value.exit_code == 70
    err = capsys.readouterr().err
    assert "internal error: ZeroDivisionError: division by zero" in err
    assert "Traceback" not in err

    monkeypatch.setenv("NL_DEBUG", "1")
    with pytest.raises(ZeroDivisionError):
        broken()
