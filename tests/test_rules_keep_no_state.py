"""Rules read the one analysis the engine hands them; none keeps state of its own (issue 14).

Checked on the source of every registered rule module: no cache decorator, no ``global``, no
module-level container that could be filled while drafts are checked (a constant table is
written as a ``Mapping``, a ``frozenset`` or a tuple), and no import of the engine's own
machinery (the engine calls the rules, never the other way round).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from newsletter_cli.lint.rules import RULES

ENGINE_MODULES = ("lint.engine", "lint.checking", "lint.workers", "lint.cache")


def _source(rule: object) -> ast.Module:
    path = Path(getattr(rule, "__file__", ""))
    return ast.parse(path.read_text(encoding="utf-8"))


def _state(tree: ast.Module) -> list[str]:
    """What in a rule module's source could keep state between drafts."""
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Global | ast.Nonlocal):
            found.append(f"line {node.lineno}: {type(node).__name__.lower()} statement")
        if isinstance(node, ast.FunctionDef):
            for decorator in node.decorator_list:
                name = ast.unparse(decorator)
                if "cache" in name:
                    found.append(f"line {node.lineno}: @{name} on {node.name}")
    for node in tree.body:
        value = node.value if isinstance(node, ast.Assign | ast.AnnAssign) else None
        if value is None:
            continue
        annotation = ast.unparse(node.annotation) if isinstance(node, ast.AnnAssign) else ""
        mutable = isinstance(value, ast.List | ast.Dict | ast.Set | ast.ListComp | ast.DictComp)
        mutable = mutable or (
            isinstance(value, ast.Call) and ast.unparse(value.func) in ("dict", "list", "set")
        )
        if mutable and not annotation.startswith("Mapping"):
            found.append(f"line {node.lineno}: module-level {ast.unparse(node)[:60]}")
    return found


@pytest.mark.parametrize("rule", RULES, ids=[rule.ID for rule in RULES])
def test_a_rule_keeps_no_state(rule: object) -> None:
    assert _state(_source(rule)) == []


@pytest.mark.parametrize("rule", RULES, ids=[rule.ID for rule in RULES])
def test_a_rule_does_not_import_the_engine(rule: object) -> None:
    imported = {
        node.module or "" for node in ast.walk(_source(rule)) if isinstance(node, ast.ImportFrom)
    }
    assert not {m for m in imported if m.removeprefix("newsletter_cli.") in ENGINE_MODULES}


def test_the_checks_see_state() -> None:
    """The control: each kind of state the test looks for is found."""
    tree = ast.parse(
        "import functools\n_SEEN = {}\n_LIST: list[int] = []\nOK: Mapping[str, int] = {}\n"
        "@functools.lru_cache(maxsize=8)\ndef f(x): return x\n"
        "def g():\n    global _SEEN\n"
    )
    found = _state(tree)
    assert len(found) == 4, found
    assert any("lru_cache" in f for f in found) and any("global" in f for f in found)
