"""The installed program: version, help, `python -m`, `nl init`, and a fast start."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import RunNl

from newsletter_cli import __version__
from newsletter_cli.draft.workspace import load_workspace

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


# -- issue 13 section 2 points 11 and 13: completion, help, init's next step ------------------


def test_shell_completion_can_be_installed_and_completes(run_nl: RunNl) -> None:
    helped = run_nl("--help")
    assert "--install-completion" in helped.stdout and "--show-completion" in helped.stdout
    script = run_nl("--show-completion", "bash")
    assert script.exit_code == 0, script.output
    assert "_NL_COMPLETE=complete_bash" in script.stdout
    # what the shell asks once the script is installed: `nl ex<TAB>`, `nl export --pa<TAB>`
    asked = run_nl(env={"_NL_COMPLETE": "complete_bash", "COMP_WORDS": "nl ex", "COMP_CWORD": "1"})
    assert asked.exit_code == 0 and asked.stdout.split() == ["export"]
    option = {"_NL_COMPLETE": "complete_bash", "COMP_WORDS": "nl export --pa", "COMP_CWORD": "2"}
    assert run_nl(env=option).stdout.split() == ["--paper"]


def test_help_lists_the_commands_in_the_order_of_the_work(run_nl: RunNl) -> None:
    result = run_nl("--help")
    listed = result.stdout.split("Commands:", 1)[1].splitlines()
    names = [line.split()[0] for line in listed if line.startswith("  ")]
    expected = ["init", "new", "lint", "export", "preview", "import", "list", "rules"]
    assert names == [n for n in expected if n in names] and names[:4] == expected[:4]


@pytest.mark.parametrize(
    ("command", "shown"),
    [
        ("init", ["--name <text>"]),
        ("export", ["--theme <name|folder>", "--bleed <length>", "--pdf-variant <variant>"]),
        ("import", ["Usage: nl import [OPTIONS] [paths]..."]),
        ("new", []),
        ("lint", []),
        ("list", []),
    ],
)
def test_help_placeholders_say_what_to_type(run_nl: RunNl, command: str, shown: list[str]) -> None:
    result = run_nl(command, "--help")
    assert result.exit_code == 0, result.output
    for text in shown:
        assert text in result.stdout
    assert "<str>" not in result.stdout and "{" not in result.stdout.split("\n", 1)[0]


def test_import_with_nothing_named_is_a_usage_error(run_nl: RunNl, tmp_path: Path) -> None:
    result = run_nl("import", cwd=tmp_path)
    assert result.exit_code == 2
    assert result.stderr == "error: name the files or folders of old issues to import\n"


def test_init_says_to_go_into_the_new_folder(run_nl: RunNl, tmp_path: Path) -> None:
    result = run_nl("init", "river letters", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert result.stderr.endswith(
        "Next: cd 'river letters', then nl new to write an issue, nl lint to check it.\n"
    )
    here = tmp_path / "here"
    here.mkdir()
    result = run_nl("init", cwd=here)
    assert result.stderr.endswith("Next: nl new to write an issue, nl lint to check it.\n")
