"""The package's imports point one way, stage by stage (issue 14; docs/architecture.md).

The imports of every module are read with ``ast`` (also those inside functions, which run
later but still tie the modules together; not those under ``if TYPE_CHECKING``). Two tests:
the modules import one another without any cycle, and no module imports one of a later stage
than its own.
"""

from __future__ import annotations

import ast
from pathlib import Path

import newsletter_cli

PACKAGE = Path(newsletter_cli.__file__).parent

#: The stages in the order the data flows; a module may import its own stage and earlier ones.
#: A stage is a package of its own (``lint``, with ``lint.rules.bad_link`` in it) or, for the
#: base and the command line, a few modules at the top of the package. Keep
#: docs/architecture.md's table the same.
STAGES: dict[str, tuple[str, ...]] = {
    "base": ("__init__", "errors", "console", "atomic", "cachefile"),
    "draft": ("draft",),
    "text": ("text",),
    "importer": ("importer",),
    "lint": ("lint",),
    "new": ("new",),
    "output": ("output",),
    "preview": ("preview",),
    "cli": ("cli", "__main__"),
}

#: Import cycles that are allowed: none. Each would be the set of modules of one strongly
#: connected part of the graph.
KNOWN_CYCLES: tuple[frozenset[str], ...] = ()


def _name(path: Path) -> str:
    """The module's name under the package: ``lint.engine``, ``lint.rules.bad_link``, ``cli``."""
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    if parts[-1] == "__init__" and len(parts) > 1:
        parts = parts[:-1]
    return ".".join(parts)


def _type_checking_nodes(tree: ast.Module) -> set[int]:
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skipped.update(id(sub) for sub in ast.walk(node))
    return skipped


def import_graph() -> dict[str, set[str]]:
    """Each module of the package and the modules of the package it imports."""
    files = {_name(path): path for path in PACKAGE.rglob("*.py")}

    def known(dotted: str) -> str | None:
        name = dotted.removeprefix("newsletter_cli").lstrip(".") or "__init__"
        while name and name not in files:
            name = name.rpartition(".")[0]
        return name or ("__init__" if dotted.startswith("newsletter_cli") else None)

    graph: dict[str, set[str]] = {}
    for module, path in files.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skipped = _type_checking_nodes(tree)
        package = module if path.name == "__init__.py" else module.rpartition(".")[0]
        found: set[str | None] = set()
        for node in ast.walk(tree):
            if id(node) in skipped:
                continue
            if isinstance(node, ast.Import):
                found.update(
                    known(a.name) for a in node.names if a.name.startswith("newsletter_cli")
                )
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    here = ["newsletter_cli", *(package.split(".") if package else [])]
                    here = here[: len(here) - (node.level - 1)]
                    base = ".".join([*here, base] if base else here)
                if base.startswith("newsletter_cli"):
                    found.update(known(f"{base}.{a.name}") for a in node.names)
        found.discard(None)
        found.discard(module)
        graph[module] = {name for name in found if name is not None}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[frozenset[str]]:
    """The strongly connected parts of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[frozenset[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for other in sorted(graph[module]):
            if other not in index:
                visit(other)
                low[module] = min(low[module], low[other])
            elif other in on_stack:
                low[module] = min(low[module], index[other])
        if low[module] == index[module]:
            part: set[str] = set()
            while True:
                top = stack.pop()
                on_stack.discard(top)
                part.add(top)
                if top == module:
                    break
            if len(part) > 1:
                found.append(frozenset(part))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return found


def stage_of(module: str) -> str | None:
    first = module.split(".")[0]
    return next((stage for stage, names in STAGES.items() if first in names), None)


def test_the_reader_finds_the_imports() -> None:
    graph = import_graph()
    assert "lint.workers" in graph["lint.engine"]  # an import inside a function counts
    assert "output.formats" in graph["output.export"]
    assert "lint.rules.bad_link" in graph["lint.rules"]
    assert "output.email_edition" in graph["output.formats"]


def test_no_new_import_cycle() -> None:
    new = [
        sorted(part)
        for part in cycles(import_graph())
        if not any(part <= known for known in KNOWN_CYCLES)
    ]
    assert not new, f"import cycles among {new}: make the arrows point one way"


def test_a_cycle_is_found() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [frozenset("abc")]


def test_every_module_has_a_stage() -> None:
    unplaced = sorted(m for m in import_graph() if stage_of(m) is None)
    assert not unplaced, (
        f"{unplaced}: give each a stage in tests/test_architecture.py and docs/architecture.md"
    )


def test_no_stage_imports_a_later_one() -> None:
    order = list(STAGES)
    upward = [
        f"{module} ({stage_of(module)}) imports {other} ({stage_of(other)})"
        for module, imported in sorted(import_graph().items())
        for other in sorted(imported)
        if None not in (stage_of(module), stage_of(other))
        and order.index(stage_of(other) or "") > order.index(stage_of(module) or "")
    ]
    assert not upward, "\n".join(upward)


def test_the_documented_stages_are_the_tested_ones() -> None:
    """docs/architecture.md's table of stages lists the modules of ``STAGES``, in order."""
    import re

    text = (PACKAGE.parent / "docs" / "architecture.md").read_text(encoding="utf-8")
    table = text.split("## Stages and the direction of their imports")[1].split("\n\n")[1]
    documented: dict[str, tuple[str, ...]] = {}
    for line in table.splitlines()[2:]:
        stage, modules = (cell.strip() for cell in line.strip("|").split("|")[:2])
        names = re.findall(r"`([\w.]+)/?`", modules.split("(")[0])
        documented[stage] = tuple(names)
    assert {s: set(n) for s, n in documented.items()} == {s: set(n) for s, n in STAGES.items()}
    assert list(documented) == list(STAGES)


def test_every_module_is_in_the_architecture_page() -> None:
    """docs/architecture.md's tables of modules name every module of the package."""
    text = (PACKAGE.parent / "docs" / "architecture.md").read_text(encoding="utf-8")
    modules = text.split("## The modules")[1]
    missing = sorted(m for m in import_graph() if f"| `{m}` |" not in modules)
    assert not missing, f"{missing}: describe them in docs/architecture.md"
