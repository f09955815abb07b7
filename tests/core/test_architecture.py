"""The shape of the code: first-party modules import one another in one direction only."""

import ast
from pathlib import Path

from django.conf import settings

import pytest

FIRST_PARTY = ("ogp_site", "core", "articles", "comments", "wordpress_import", "demo")
ROOT = Path(settings.BASE_DIR)


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def first_party_modules() -> dict[str, ast.Module]:
    found = {}
    for package in FIRST_PARTY:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" not in path.parts:
                found[module_name(path)] = ast.parse(path.read_text(), str(path))
    return found


def imported_names(node, module: str, is_package: bool) -> list[str]:
    """The first-party modules one import statement names, relative imports resolved."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    base = module if is_package else module.rpartition(".")[0]
    for _ in range(max(node.level - 1, 0)):
        base = base.rpartition(".")[0]
    target = ".".join(filter(None, [base if node.level else "", node.module or ""]))
    return [target] + [f"{target}.{alias.name}" for alias in node.names]


def ancestors(module: str) -> list[str]:
    parts = module.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts))]


def import_graph(modules) -> dict[str, set[str]]:
    graph = {}
    for name, tree in modules.items():
        is_package = any(name + "." in other for other in modules if other != name)
        edges = set()
        own_packages = set(ancestors(name))
        for node in tree.body:  # module level only: what runs when the module is imported
            if isinstance(node, ast.Import | ast.ImportFrom):
                for target in imported_names(node, name, is_package):
                    # Importing a.b.c runs a/__init__ and a/b/__init__ first, unless they are
                    # the importer's own packages, which are already being imported.
                    edges.update(
                        n
                        for n in (target, *ancestors(target))
                        if n in modules and n not in own_packages
                    )
        graph[name] = edges - {name}
    return graph


def cycles(graph) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_first_party_modules_import_each_other_without_cycles():
    assert cycles(import_graph(first_party_modules())) == []


def test_no_first_party_module_is_imported_inside_a_function():
    """Importing inside a function is how a cycle gets hidden; AppConfig.ready() may, to connect signals."""
    offenders = []
    for name, tree in first_party_modules().items():
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            if function.name == "ready" and name.endswith(".apps"):
                continue
            for node in ast.walk(function):
                if isinstance(node, ast.Import | ast.ImportFrom) and (
                    node.level or (node.module or node.names[0].name).startswith(FIRST_PARTY)
                ):
                    offenders.append(f"{name}.{function.name}: line {node.lineno}")
    assert offenders == []


@pytest.mark.parametrize(
    "lower, upper",
    [
        ("core", ("articles", "comments", "wordpress_import", "demo")),
        ("articles", ("comments", "wordpress_import", "demo")),
        ("comments", ("wordpress_import", "demo")),
        ("wordpress_import", ("demo",)),
    ],
)
def test_dependencies_point_one_way(lower, upper):
    """core serves every app; articles knows nothing of comments; nothing needs the importer or the demo."""
    graph = import_graph(first_party_modules())
    wrong = sorted(
        f"{module} -> {target}"
        for module, targets in graph.items()
        if module.split(".")[0] == lower
        for target in targets
        if target.split(".")[0] in upper
    )
    assert wrong == []
