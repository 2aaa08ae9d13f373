"""docs/rules.md and `nl rules` are made from the rule modules and cannot drift from them."""

from __future__ import annotations

from pathlib import Path

from conftest import RunNl

from newsletter_cli.lint import ruledocs
from newsletter_cli.lint.rules import RULES

REPO = Path(__file__).resolve().parent.parent
RULES_MD = REPO / "docs" / "rules.md"


def test_rules_page_is_up_to_date() -> None:
    existing = RULES_MD.read_text(encoding="utf-8")
    assert ruledocs.render(existing) == existing, (
        "docs/rules.md is out of date: run python -m newsletter_cli.lint.ruledocs"
    )


def test_rules_page_documents_every_rule_with_its_examples() -> None:
    text = RULES_MD.read_text(encoding="utf-8")
    for rule in RULES:
        doc = ruledocs.parse(rule)
        assert f"\n## {rule.ID}\n" in text
        for block in doc.fails + doc.passes:
            assert block.rstrip("\n") in text


def test_generator_keeps_the_hand_written_part(tmp_path: Path) -> None:
    page = tmp_path / "rules.md"
    page.write_text(
        "# Rules\n\nWritten by hand.\n\n" + ruledocs.MARKER + "\nstale\n", encoding="utf-8"
    )
    assert ruledocs.main(["--output", str(page), "--check"]) == 1
    assert ruledocs.main(["--output", str(page)]) == 0
    text = page.read_text(encoding="utf-8")
    assert text.startswith("# Rules\n\nWritten by hand.\n\n" + ruledocs.MARKER)
    assert "stale" not in text
    assert ruledocs.main(["--output", str(page), "--check"]) == 0


def test_nl_rules_lists_every_rule(run_nl: RunNl) -> None:
    result = run_nl("rules")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["rule", "severity", "fix", "what", "it", "finds"]
    for rule in RULES:
        (line,) = [row for row in lines if row.split()[0] == rule.ID]
        assert line.split()[1] == rule.SEVERITY.value
        assert ruledocs.parse(rule).summary in line
