"""The rules' documentation, made from their docstrings: `nl rules` and docs/rules.md.

A rule's docstring is its documentation: a first line (what it finds), a
description, an ``Options:`` block, and ``Fails:``/``Passes:`` blocks with
fenced TOML examples. docs/rules.md keeps everything above ``MARKER`` as
written by hand and regenerates everything below it;
``python -m newsletter_cli.lint.ruledocs`` rewrites it and a test checks it is
up to date.
"""

from __future__ import annotations

import dataclasses
import inspect
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from newsletter_cli.atomic import write_atomic
from newsletter_cli.lint.rule import Rule
from newsletter_cli.lint.rules import RULES

MARKER = (
    "<!-- Everything below is generated from the rule modules"
    " by `python -m newsletter_cli.lint.ruledocs`. -->"
)
_HEADINGS = ("Options:", "Fails:", "Passes:")
_FENCE = re.compile(r"^```(\w*)\n(.*?)^```$", re.MULTILINE | re.DOTALL)


@dataclass(frozen=True)
class RuleDoc:
    """A rule's docstring, taken apart."""

    id: str
    severity: str
    fixable: bool
    summary: str
    description: str
    options: tuple[tuple[str, str], ...]
    fails: tuple[str, ...]
    passes: tuple[str, ...]


def parse(rule: Rule) -> RuleDoc:
    """The documentation of a rule module; ``ValueError`` if its docstring lacks a part."""
    doc = inspect.cleandoc(rule.__doc__ or "")
    summary, _, rest = doc.partition("\n")
    parts: dict[str, str] = {"": ""}
    current = ""
    for line in rest.splitlines():
        if line in _HEADINGS:
            current = line[:-1]
            parts[current] = ""
            continue
        parts[current] = parts.get(current, "") + line + "\n"
    for heading in ("Fails", "Passes"):
        if heading not in parts:
            raise ValueError(f"{rule.__name__}: the docstring has no {heading}: block")
    options: list[tuple[str, str]] = []
    for line in inspect.cleandoc(parts.get("Options", "")).splitlines():
        name, sep, text = line.partition(":")
        if sep and name.strip().isidentifier():
            options.append((name.strip(), text.strip()))
        elif options and line.strip():
            options[-1] = (options[-1][0], options[-1][1] + " " + line.strip())
    return RuleDoc(
        id=rule.ID,
        severity=rule.SEVERITY.value,
        fixable=bool(rule.FIXABLE),
        summary=summary.strip(),
        description=parts[""].strip(),
        options=tuple(options),
        fails=_examples(parts["Fails"]),
        passes=_examples(parts["Passes"]),
    )


def _examples(block: str) -> tuple[str, ...]:
    return tuple(m.group(2) for m in _FENCE.finditer(inspect.cleandoc(block)))


def split_example(blocks: tuple[str, ...]) -> tuple[str, list[str]]:
    """(the draft, the archive drafts): blocks starting with ``# archive`` are archive issues."""
    drafts = [b for b in blocks if not b.lstrip().startswith("# archive")]
    archive = [b for b in blocks if b.lstrip().startswith("# archive")]
    if len(drafts) != 1:
        raise ValueError("an example needs exactly one draft besides its archive drafts")
    return drafts[0], archive


def rule_listing() -> str:
    """`nl rules`: one line per rule."""
    docs = [parse(rule) for rule in RULES]
    width = max(len(d.id) for d in docs)
    lines = [f"{'rule':<{width}}  severity  fix  what it finds"]
    for d in docs:
        fix = "yes" if d.fixable else "-"
        lines.append(f"{d.id:<{width}}  {d.severity:<8}  {fix:<3}  {d.summary}")
    return "\n".join(lines)


def render_reference() -> str:
    """The generated part of docs/rules.md."""
    docs = [parse(rule) for rule in RULES]
    out = [MARKER, "", "## Rules at a glance", ""]
    out += ["| Rule | Severity | Fix | What it finds |", "|---|---|---|---|"]
    for d in docs:
        fix = "yes" if d.fixable else ""
        out.append(f"| [`{d.id}`](#{d.id}) | {d.severity} | {fix} | {d.summary} |")
    for d, rule in zip(docs, RULES, strict=True):
        out += ["", f"## {d.id}", "", f"{d.summary}", ""]
        out.append(
            f"Default severity: **{d.severity}**."
            + (" `nl lint --fix` fixes it." if d.fixable else "")
        )
        out += ["", d.description, ""]
        if d.options:
            defaults = rule.Options()
            out += [
                f"Options, in `[lint.rules.{d.id}]` of newsletter.toml:",
                "",
                "| Option | Default | Meaning |",
                "|---|---|---|",
            ]
            for field in dataclasses.fields(defaults):
                text = dict(d.options).get(field.name, "")
                text = re.sub(r"\s*\(default [^)]*\)\.?$", "", text)
                out.append(f"| `{field.name}` | `{getattr(defaults, field.name)!r}` | {text} |")
            out.append("")
        for title, blocks in (("Reported", d.fails), ("Not reported", d.passes)):
            out += [f"{title}:", ""]
            for block in blocks:
                out += ["```toml", block.rstrip("\n"), "```", ""]
    return "\n".join(out).rstrip("\n") + "\n"


def render(existing: str) -> str:
    """docs/rules.md: the hand-written part of ``existing`` kept, the reference regenerated."""
    head = existing.split(MARKER)[0].rstrip("\n") if MARKER in existing else existing.rstrip("\n")
    return (head + "\n\n" if head else "") + render_reference()


def main(argv: list[str]) -> int:
    """Rewrite docs/rules.md (``--check``: only say whether it is up to date)."""
    path = Path(argv[argv.index("--output") + 1]) if "--output" in argv else Path("docs/rules.md")
    existing = path.read_text(encoding="utf-8") if path.exists() else ""
    wanted = render(existing)
    if "--check" in argv:
        if wanted != existing:
            print(
                f"{path} is out of date; run python -m newsletter_cli.lint.ruledocs",
                file=sys.stderr,
            )
            return 1
        return 0
    write_atomic(path, wanted)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
