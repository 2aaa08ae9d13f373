"""The rule registry against the disk, and every rule's documented examples run for real."""

from __future__ import annotations

import os
import types
from pathlib import Path

import pytest

from newsletter_cli.draft.workspace import load_workspace
from newsletter_cli.lint import ruledocs
from newsletter_cli.lint.engine import lint_paths
from newsletter_cli.lint.findings import Severity
from newsletter_cli.lint.rules import BY_ID, RULES

REPO = Path(__file__).resolve().parent.parent
RULES_DIR = REPO / "newsletter_cli" / "lint" / "rules"
ON_DISK = sorted(p.stem for p in RULES_DIR.glob("*.py") if p.stem != "__init__")


@pytest.mark.parametrize("name", ON_DISK)
def test_every_rule_module_is_registered_documented_and_tested(name: str) -> None:
    registered = {rule.__name__.rsplit(".", 1)[1] for rule in RULES}
    assert name in registered, f"newsletter_cli/lint/rules/{name}.py is not in RULES"
    rule = next(r for r in RULES if r.__name__.endswith("." + name))
    assert name.replace("_", "-") == rule.ID, "the rule id is the module name in kebab-case"
    assert isinstance(rule.SEVERITY, Severity) and rule.SEVERITY is not Severity.OFF
    assert isinstance(rule.FIXABLE, bool)
    doc = ruledocs.parse(rule)
    assert doc.summary and doc.description, (
        f"{name}: the docstring needs a summary and a description"
    )
    assert doc.fails and doc.passes, f"{name}: the docstring needs Fails: and Passes: examples"
    options = {f for f in rule.Options.__dataclass_fields__}
    assert {o for o, _ in doc.options} == options, f"{name}: Options: must document every option"
    assert (REPO / "tests" / "rules" / f"test_{name}.py").is_file(), f"{name} has no test file"


def test_registry_has_no_ghosts_or_twins() -> None:
    assert len(BY_ID) == len(RULES)
    assert sorted(rule.__name__.rsplit(".", 1)[1] for rule in RULES) == ON_DISK


def _group(blocks: tuple[str, ...]) -> list[tuple[str, ...]]:
    """Examples in order: a draft block, then the archive blocks that follow it."""
    groups: list[list[str]] = []
    for block in blocks:
        if block.lstrip().startswith("# archive") and groups:
            groups[-1].append(block)
        else:
            groups.append([block])
    return [tuple(g) for g in groups]


def _cases() -> list[object]:
    cases: list[object] = []
    for rule in RULES:
        doc = ruledocs.parse(rule)
        for kind, blocks in (("fails", doc.fails), ("passes", doc.passes)):
            for n, group in enumerate(_group(blocks)):
                cases.append(pytest.param(rule, group, kind == "fails", id=f"{rule.ID}-{kind}-{n}"))
    return cases


@pytest.mark.parametrize(("rule", "blocks", "fails"), _cases())
def test_documented_examples(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    rule: types.ModuleType,
    blocks: tuple[str, ...],
    fails: bool,
) -> None:
    draft, archive = ruledocs.split_example(blocks)
    (tmp_path / "newsletter.toml").write_text('name = "Examples"\n', encoding="utf-8")
    issues = tmp_path / "issues"
    issues.mkdir()
    (issues / "example.toml").write_text(draft + "\n", encoding="utf-8")
    for n, text in enumerate(archive):
        (issues / f"archive-{n}.toml").write_text(text + "\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    report = lint_paths([Path("issues/example.toml")], load_workspace(tmp_path), select=[rule.ID])
    assert report.problems == []
    found = [
        f for f in report.findings if f.location.path == os.path.join("issues", "example.toml")
    ]
    if fails:
        assert found, f"the Fails example of {rule.ID} finds nothing"
        assert {f.rule for f in found} == {rule.ID}
    else:
        assert found == [], f"the Passes example of {rule.ID} finds {found}"
