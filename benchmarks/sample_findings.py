"""Draw a fixed random sample of `nl lint` findings per rule, to be judged by reading.

A finding is a claim that a reader would stumble; whether it is right can only be told by
reading it in its text. This script runs the installed ``nl lint --format json`` in a
workspace (as a person would), groups the findings by rule, draws up to ``--size`` of them
per rule with a fixed seed, and prints each one with its place, its message and the lines
of the draft around it, so that a person can count how many are worth an editor's change.

    python benchmarks/sample_findings.py WS                 # every rule, 20 each, seed 15
    python benchmarks/sample_findings.py WS --rule relative-date --rule bad-link
    python benchmarks/sample_findings.py WS --size 10 --seed 3 --context 5
    python benchmarks/sample_findings.py WS --no-archive    # leave the archive rules out
    python benchmarks/sample_findings.py WS --counts        # only the total per rule
    python benchmarks/sample_findings.py WS --from-json old.json --counts   # a saved run
    python benchmarks/sample_findings.py WS --save-json run.json            # keep the findings

WS is a workspace folder. ``nl lint`` writes its cache into it: lint a copy of an archive,
not the original.
The sample of a rule depends only on the seed, the rule id and that rule's findings, so the
same command on the same text always shows the same findings, whichever other rules are
selected. ``--from-json`` reads the findings from a file written by
``nl lint --format json`` (or by ``--save-json``) instead of running ``nl``; paths in it are
read relative to WORKSPACE. The output is for reading, not for committing.

Exit status: 0 when the findings could be read, 2 when ``nl`` failed or its output was not JSON.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

Finding = dict[str, Any]


def _nl_command() -> list[str]:
    """The installed `nl`: the one beside this Python first, then the one on PATH."""
    beside = Path(sys.executable).parent / "nl"
    if beside.exists():
        return [str(beside)]
    found = shutil.which("nl")
    if found:
        return [found]
    return [sys.executable, "-m", "newsletter_cli"]


def run_lint(workspace: Path, *, archive: bool, rules: Sequence[str]) -> dict[str, Any]:
    """Run `nl lint --format json` in the workspace and return its parsed report."""
    command = [*_nl_command(), "lint", "--format", "json"]
    if not archive:
        command.append("--no-archive")
    if rules:
        command += ["--select", ",".join(rules)]
    done = subprocess.run(command, cwd=workspace, capture_output=True, text=True, check=False)
    try:
        report: dict[str, Any] = json.loads(done.stdout)
    except json.JSONDecodeError as error:
        raise SystemExit(
            f"nl lint exited {done.returncode} without a JSON report ({error}):\n{done.stderr}"
        ) from error
    return report


def by_rule(findings: Sequence[Finding], rules: Sequence[str]) -> dict[str, list[Finding]]:
    """Findings grouped by rule id, each group in a stable order (file, line, column, message)."""
    groups: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        if not rules or finding["rule"] in rules:
            groups[finding["rule"]].append(finding)
    for group in groups.values():
        group.sort(key=lambda f: (f["path"], f["line"], f["column"], f["message"]))
    return dict(sorted(groups.items()))


def sample(findings: Sequence[Finding], rule: str, size: int, seed: int) -> list[Finding]:
    """Up to `size` findings of one rule, the same ones for the same seed, rule and findings."""
    if len(findings) <= size:
        return list(findings)
    chosen = random.Random(f"{seed}:{rule}").sample(range(len(findings)), size)
    return [findings[i] for i in sorted(chosen)]


def context_lines(workspace: Path, finding: Finding, around: int) -> list[str]:
    """The draft's lines around the finding, numbered, its own line marked with '>'."""
    path = workspace / finding["path"]
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError as error:
        return [f"    (cannot read {finding['path']}: {error.strerror})"]
    line = int(finding["line"])
    first, last = max(1, line - around), min(len(lines), line + around)
    shown = []
    for number in range(first, last + 1):
        mark = ">" if number == line else " "
        shown.append(f"  {mark}{number:5d} | {lines[number - 1]}")
    return shown


def print_counts(groups: dict[str, list[Finding]]) -> None:
    width = max((len(rule) for rule in groups), default=4)
    for rule, findings in groups.items():
        print(f"{rule:<{width}}  {len(findings):6d}")
    print(f"{'total':<{width}}  {sum(len(f) for f in groups.values()):6d}")


def print_sample(
    workspace: Path, groups: dict[str, list[Finding]], size: int, seed: int, around: int
) -> None:
    for rule, findings in groups.items():
        chosen = sample(findings, rule, size, seed)
        print(f"=== {rule}: {len(chosen)} of {len(findings)} findings (seed {seed}) ===")
        for number, finding in enumerate(chosen, 1):
            place = f"{finding['path']}:{finding['line']}:{finding['column']}"
            print(f"\n[{rule} {number}/{len(chosen)}] {place} ({finding['severity']})")
            print(f"  {finding['message']}")
            print("\n".join(context_lines(workspace, finding, around)))
        print()
    print("Totals per rule:")
    print_counts(groups)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("workspace", type=Path, help="a workspace folder (a copy: lint caches)")
    parser.add_argument(
        "--rule",
        action="append",
        default=[],
        help="a rule id (repeatable, or comma-separated); default: every rule with findings",
    )
    parser.add_argument("--size", type=int, default=20, help="findings per rule (default 20)")
    parser.add_argument("--seed", type=int, default=15, help="random seed (default 15)")
    parser.add_argument("--context", type=int, default=3, help="lines shown before and after")
    parser.add_argument("--no-archive", action="store_true", help="pass --no-archive to nl lint")
    parser.add_argument("--counts", action="store_true", help="print only the totals per rule")
    parser.add_argument("--from-json", type=Path, help="read findings from this report file")
    parser.add_argument("--save-json", type=Path, help="also write the report to this file")
    args = parser.parse_args(argv)

    rules = [rule.strip() for item in args.rule for rule in item.split(",") if rule.strip()]
    workspace = args.workspace.resolve()
    if args.from_json:
        report = json.loads(args.from_json.read_text(encoding="utf-8"))
    else:
        report = run_lint(workspace, archive=not args.no_archive, rules=rules)
    if args.save_json:
        args.save_json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    groups = by_rule(report.get("findings", []), rules)
    if args.counts:
        print_counts(groups)
    else:
        print_sample(workspace, groups, args.size, args.seed, args.context)
    return 0


if __name__ == "__main__":
    sys.exit(main())
