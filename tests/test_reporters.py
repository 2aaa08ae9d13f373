"""The four report formats, on a real lint report of real files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsletter_cli.draft.workspace import load_workspace
from newsletter_cli.lint import reporters
from newsletter_cli.lint.engine import LintReport, lint_paths
from newsletter_cli.lint.rules import RULES

A = "The autumn assembly takes place in Marlow on 14 November, and all members are welcome."
B = "Volunteers removed more than two tonnes of waste from the banks of the Wend this summer."
OURS = ["duplicate-paragraph", "near-duplicate-paragraph", "archive-duplicate"]


@pytest.fixture
def report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> LintReport:
    """Two drafts with findings (one error, one warning with a 100% sign) and one broken."""
    (tmp_path / "newsletter.toml").write_text('name = "T"\n', encoding="utf-8")
    issues = tmp_path / "issues"
    issues.mkdir()
    (issues / "a.toml").write_text(
        f'title = "T"\nintro = """\n{A}\n\n{B}\n\n{A}\n"""\n', encoding="utf-8"
    )
    edited = B.replace("two", "three")
    (issues / "b, c.toml").write_text(
        f'title = "T"\nintro = """\n{B}\n\n{edited}\n"""\n', encoding="utf-8"
    )
    (issues / "broken.toml").write_text("title = \n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return lint_paths([Path("issues")], load_workspace(tmp_path), select=OURS, archive=False)


def test_text(report: LintReport, capsys: pytest.CaptureFixture[str]) -> None:
    reporters.report(report, "text")
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        "issues/a.toml:7:1: error duplicate-paragraph paragraph 3 repeats paragraph 1 (line 3)",
        "    | The autumn assembly takes place in Marlow on 14 November, and all members are w…",
        "",
        # 16 words, 14 3-grams, one word changed: 11 shared of 17 = 65%
        "issues/b, c.toml:5:1: warning near-duplicate-paragraph paragraph 2 is 65% the same as "
        "paragraph 1 (line 3)",
        "    | Volunteers removed more than three tonnes of waste from the banks of the Wend t…",
        "",
        "2 files checked: 1 error, 1 warning; 1 file could not be checked (1 fixable with --fix).",
    ]
    assert err.startswith("error: issues/broken.toml:1:")


def test_json_shape(report: LintReport, capsys: pytest.CaptureFixture[str]) -> None:
    reporters.report(report, "json")
    out, err = capsys.readouterr()
    payload = json.loads(out)
    assert set(payload) == {"findings", "summary"}
    assert payload["summary"] == {"files": 2, "errors": 1, "warnings": 1}
    first, second = payload["findings"]
    assert {k: first[k] for k in ("path", "line", "column", "rule", "severity", "message")} == {
        "path": "issues/a.toml",
        "line": 7,
        "column": 1,
        "rule": "duplicate-paragraph",
        "severity": "error",
        "message": "paragraph 3 repeats paragraph 1 (line 3)",
    }
    assert first["fixable"] is True
    assert first["data"]["pairs"] == [[3, 1]]
    assert (second["rule"], second["severity"], second["fixable"]) == (
        "near-duplicate-paragraph",
        "warning",
        False,
    )
    assert "issues/broken.toml" in err


def test_github_annotations_are_escaped(
    report: LintReport, capsys: pytest.CaptureFixture[str]
) -> None:
    reporters.report(report, "github")
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("::error file=issues/broken.toml,line=1,col=")
    assert lines[1:] == [
        "::error file=issues/a.toml,line=7,col=1,title=duplicate-paragraph::"
        "paragraph 3 repeats paragraph 1 (line 3)",
        # a comma in a property would end it: escaped; a % in the message too
        "::warning file=issues/b%2C c.toml,line=5,col=1,title=near-duplicate-paragraph::"
        "paragraph 2 is 65%25 the same as paragraph 1 (line 3)",
        "2 files checked: 1 error, 1 warning; 1 file could not be checked (1 fixable with --fix).",
    ]


def test_sarif(report: LintReport, capsys: pytest.CaptureFixture[str]) -> None:
    reporters.report(report, "sarif")
    log = json.loads(capsys.readouterr().out)
    assert log["version"] == "2.1.0"
    assert log["$schema"].endswith("sarif-2.1.0.json")
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "nl"
    assert [r["id"] for r in driver["rules"]] == [rule.ID for rule in RULES]
    for rule, described in zip(RULES, driver["rules"], strict=True):
        assert described["defaultConfiguration"]["level"] == rule.SEVERITY.value
        assert described["shortDescription"]["text"]
    duplicate, near = run["results"]
    assert duplicate["ruleId"] == "duplicate-paragraph"
    assert driver["rules"][duplicate["ruleIndex"]]["id"] == "duplicate-paragraph"
    assert duplicate["level"] == "error"
    assert duplicate["message"]["text"] == "paragraph 3 repeats paragraph 1 (line 3)"
    location = duplicate["locations"][0]["physicalLocation"]
    assert location == {
        "artifactLocation": {"uri": "issues/a.toml"},
        "region": {"startLine": 7, "startColumn": 1},
    }
    related = duplicate["relatedLocations"][0]
    assert related["physicalLocation"]["region"] == {"startLine": 3, "startColumn": 1}
    assert near["level"] == "warning"
    uri = near["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "issues/b%2C%20c.toml"
    assert run["columnKind"] == "unicodeCodePoints"
    (invocation,) = run["invocations"]
    assert invocation["executionSuccessful"] is False
    (note,) = invocation["toolExecutionNotifications"]
    assert (
        note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "issues/broken.toml"
    )


def test_sarif_is_valid_by_an_independent_model_of_the_standard(
    report: LintReport, capsys: pytest.CaptureFixture[str]
) -> None:
    from sarif_pydantic import Sarif

    reporters.report(report, "sarif")
    log = Sarif.model_validate(json.loads(capsys.readouterr().out))
    assert log.version == "2.1.0"
    assert [r.rule_id for r in log.runs[0].results or []] == [
        "duplicate-paragraph",
        "near-duplicate-paragraph",
    ]


def test_summary_of_a_clean_run() -> None:
    assert reporters.summary(LintReport(files=1)) == "1 file checked: 0 errors, 0 warnings."
