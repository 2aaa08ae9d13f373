"""A rule failing on one draft is one line naming the draft, never a traceback (issue 17 point 9).

The failure is real: the duplicate-paragraph rule run with options it can never be configured
with (None) raises AttributeError from its own code on every draft that has a repeat, and on
no other draft. Worker processes and the single-process path must both turn that into one
line per draft, exit 70 (a bug in nl), and check the other drafts.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newsletter_cli.draft.workspace import load_workspace
from newsletter_cli.errors import ExitCode
from newsletter_cli.lint import workers
from newsletter_cli.lint.config import ActiveRule
from newsletter_cli.lint.engine import Job, LintReport, Outcome, Task, _check_here
from newsletter_cli.lint.findings import Severity
from newsletter_cli.lint.rules import duplicate_paragraph

A = "The autumn assembly takes place in Marlow on 14 November, and all members are welcome."
B = "Volunteers removed more than two tonnes of waste from the banks of the Wend this summer."
BROKEN = ActiveRule(duplicate_paragraph, None)  # options the settings can never give
WORKING = ActiveRule(duplicate_paragraph, duplicate_paragraph.Options(), Severity.ERROR)


@pytest.fixture
def drafts_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[Task]:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "newsletter.toml").write_text('name = "T"\n', encoding="utf-8")
    (tmp_path / "issues").mkdir()
    tasks = []
    for n in range(40):
        body = f"{A}\n\n{A}" if n % 10 == 3 else f"{A}\n\n{B}"
        path = tmp_path / "issues" / f"{n:02}.toml"
        path.write_text(f'title = "T"\nintro = """\n{body}\n"""\n', encoding="utf-8")
        tasks.append(Task(Path("issues") / path.name, f"l{n}", f"a{n}", True, False))
    return tasks


def check(outcomes: list[Outcome] | None) -> None:
    assert outcomes is not None, "the workers gave up"
    crashed = {o.task.path.name: o.crashed for o in outcomes if o.crashed}
    assert sorted(crashed) == ["03.toml", "13.toml", "23.toml", "33.toml"]
    for name, problems in crashed.items():
        (problem,) = problems
        assert problem.path == f"issues/{name}"
        assert problem.message.startswith(
            "internal error: rule duplicate-paragraph failed (AttributeError: "
        )
        assert "\n" not in problem.message
    checked = [o for o in outcomes if not o.crashed]
    assert len(checked) == 36
    assert all(o.local == ([], []) for o in checked)  # the other drafts were checked


def test_a_rule_failing_in_a_worker(
    drafts_dir: list[Task], capfd: pytest.CaptureFixture[str]
) -> None:
    workspace = load_workspace(Path.cwd())
    outcomes = workers.check_in_workers(drafts_dir, Job(workspace, [BROKEN], [], (), {}), 2)
    err = capfd.readouterr().err
    assert "Traceback" not in err and err == ""
    check(outcomes)


def test_a_rule_failing_in_one_process(
    drafts_dir: list[Task], capfd: pytest.CaptureFixture[str]
) -> None:
    workspace = load_workspace(Path.cwd())
    check(_check_here(drafts_dir, Job(workspace, [BROKEN], [], (), {})))
    assert capfd.readouterr().err == ""


def test_the_working_rule_gives_the_same_drafts_findings(drafts_dir: list[Task]) -> None:
    """The control: configured properly, the rule reports the four repeats."""
    workspace = load_workspace(Path.cwd())
    outcomes = workers.check_in_workers(drafts_dir, Job(workspace, [WORKING], [], (), {}), 2)
    assert outcomes is not None
    found = sorted(o.task.path.name for o in outcomes if o.local and o.local[0])
    assert found == ["03.toml", "13.toml", "23.toml", "33.toml"]


def test_a_crash_is_exit_70() -> None:
    from newsletter_cli.errors import Problem

    crash = Problem("issues/a.toml", 1, 1, "internal error: ...")
    report = LintReport(problems=[crash], crashes=[crash])
    assert report.exit_code() == ExitCode.INTERNAL == 70
