"""The layers of the code, read from its imports (every module under src/samverka, parsed with ``ast``).

- ``core`` knows no feature app: it imports only itself, ``lib`` and third-party code, at module
  level or inside a function. The apps tell it what it needs in their ``records.py``
  (``core.registry``).
- ``lib`` (small rules shared by several records: organisation numbers, dates) imports no app,
  not even ``core``; ``core`` may use it.
- No two modules import each other, directly or round a longer loop, when the module is loaded
  (imports at module level; an import inside a function runs later, and ``if TYPE_CHECKING:``
  never).
- An import inside a function (ruff's PLC0415) says why on its line, with a reason from ``REASONS``,
  as pretalx does: ``# noqa: PLC0415 - circular import: core.audit imports this``.
"""

import ast
import fnmatch
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

import samverka

ROOT = Path(samverka.__file__).parent
# What core may import of the project besides itself.
CORE_MAY_USE = ("samverka.core", "samverka.lib")


@dataclass(frozen=True)
class Import:
    target: str  # the module imported
    line: int
    at_load: bool  # run when the importing module is loaded (not inside a function)


def module_name(path: Path) -> str:
    parts = ["samverka", *path.relative_to(ROOT).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(ROOT.rglob("*.py"))}


def _resolve(module: str, is_package: bool, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".") if is_package else module.split(".")[:-1]
    base = base[: len(base) - node.level + 1]
    return ".".join([*base, *([node.module] if node.module else [])])


def _is_type_checking(node: ast.AST) -> bool:
    test = getattr(node, "test", None)
    return isinstance(node, ast.If) and (
        (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING")
        or (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")
    )


def imports_of(module: str) -> list[Import]:
    """The project modules ``module`` imports; a name imported from a package is its submodule
    when there is one (``from samverka.core import registry``)."""
    path = MODULES[module]
    found: list[Import] = []

    def visit(node: ast.AST, at_load: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
                visit(child, False)
            elif _is_type_checking(child):
                for part in child.orelse:
                    visit(part, at_load)
            elif isinstance(child, ast.Import):
                found.extend(Import(alias.name, child.lineno, at_load) for alias in child.names)
            elif isinstance(child, ast.ImportFrom):
                base = _resolve(module, path.name == "__init__.py", child)
                for alias in child.names:
                    sub = f"{base}.{alias.name}"
                    found.append(Import(sub if sub in MODULES else base, child.lineno, at_load))
            else:
                visit(child, at_load)

    visit(ast.parse(path.read_text(encoding="utf-8"), str(path)), True)
    return [i for i in found if i.target == "samverka" or i.target.startswith("samverka.")]


GRAPH = {module: imports_of(module) for module in MODULES}


def _within(module: str, prefixes: tuple[str, ...]) -> bool:
    return any(module == prefix or module.startswith(f"{prefix}.") for prefix in prefixes)


def test_the_graph_is_read():
    """The parser finds what it must: a module-level import and one inside a function."""
    source = (ROOT / "core" / "context_processors.py").read_text().splitlines()
    line = next(n for n, text in enumerate(source, 1) if text == "from samverka.core import registry")
    assert Import("samverka.core.registry", line, True) in GRAPH["samverka.core.context_processors"]
    assert any(i.target == "samverka.core.audit" and not i.at_load for i in GRAPH["samverka.core.models"])
    assert "samverka.partnerships.records" in MODULES


def test_core_imports_no_feature_app():
    wrong = [
        f"{module}:{i.line} imports {i.target}"
        for module, found in GRAPH.items()
        if _within(module, ("samverka.core",))
        for i in found
        if not _within(i.target, CORE_MAY_USE)
    ]
    assert wrong == []


def test_lib_imports_no_app():
    wrong = [
        f"{module}:{i.line} imports {i.target}"
        for module, found in GRAPH.items()
        if _within(module, ("samverka.lib",))
        for i in found
        if not _within(i.target, ("samverka.lib",))
    ]
    assert wrong == []


def import_cycles(graph: dict[str, list[Import]]) -> list[list[str]]:
    """One loop (its modules in order, the first again at the end) of each group of modules that
    import each other when loaded (Tarjan's strongly connected components)."""
    edges = {
        module: sorted({i.target for i in found if i.at_load and i.target in graph})
        for module, found in graph.items()
    }
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def connect(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in edges[node]:
            if nxt not in index:
                connect(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1 or node in edges[node]:
                groups.append(sorted(group))

    for node in sorted(edges):
        if node not in index:
            connect(node)
    return [_loop_through(sorted(group)[0], set(group), edges) for group in groups]


def _loop_through(start: str, group: set[str], edges: dict[str, list[str]]) -> list[str]:
    """The shortest path from ``start`` back to itself inside its group."""
    paths = {start: [start]}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for nxt in edges[node]:
            if nxt == start:
                return [*paths[node], start]
            if nxt in group and nxt not in paths:
                paths[nxt] = [*paths[node], nxt]
                queue.append(nxt)
    return [start]


def test_no_import_cycles():
    assert [" → ".join(loop) for loop in import_cycles(GRAPH)] == []


def test_a_cycle_is_reported_with_its_path():
    graph = {
        "a": [Import("b", 1, True)],
        "b": [Import("c", 1, True)],
        "c": [Import("a", 1, True), Import("d", 2, True)],
        "d": [Import("a", 1, False)],  # inside a function: no loop at load
    }
    assert import_cycles(graph) == [["a", "b", "c", "a"]]


# --- imports inside functions (ruff PLC0415), each with its reason, as pretalx does ------------

# Why an import may stay inside a function, and in which files (paths under src/).
REASONS = {
    # AppConfig.ready(): modules that need every model loaded, e.g. signal receivers.
    "app ready": ("samverka/*/apps.py",),
    # The imported module imports this one when it is loaded.
    "circular import": ("*",),
    # A module that costs noticeable time to load, needed by few requests.
    "slow import": ("*",),
    # A package that need not be installed.
    "optional dependency": ("*",),
}

NOQA = re.compile(r"#\s*noqa:\s*(?P<codes>[A-Z]+[0-9]+(?:\s*,\s*[A-Z]+[0-9]+)*)(?P<rest>.*)$")
REASON = re.compile(r"\s+--?\s+(?P<reason>[^:]+?)\s*(?::\s*\S.*)?$")


def source_files() -> list[Path]:
    return sorted(path for path in ROOT.rglob("*.py") if "migrations" not in path.parts)


def reason_problem(path: str, line: str) -> str | None:
    """What is wrong with a line's ``noqa: PLC0415`` (None when it is right or absent)."""
    noqa = NOQA.search(line)
    if not noqa or "PLC0415" not in re.split(r"\s*,\s*", noqa.group("codes")):
        return None
    stated = REASON.match(noqa.group("rest"))
    if not stated:
        return "no reason: write `# noqa: PLC0415 - <reason>[: detail]`"
    reason = stated.group("reason")
    if reason not in REASONS:
        return f"reason {reason!r} is not one of {sorted(REASONS)}"
    if not any(fnmatch.fnmatchcase(path, pattern) for pattern in REASONS[reason]):
        return f"reason {reason!r} is only allowed in {REASONS[reason]}"
    return None


@pytest.mark.parametrize(
    ("path", "line", "problem"),
    [
        ("samverka/x/models.py", "import b  # noqa: PLC0415", "no reason"),
        ("samverka/x/models.py", "import b  # noqa: PLC0415 -", "no reason"),
        ("samverka/x/models.py", "import b  # noqa: PLC0415 - because", "not one of"),
        ("samverka/x/models.py", "import b  # noqa: PLC0415 - circular import: a imports this", None),
        ("samverka/x/models.py", "import b  # noqa: PLC0415 -- circular import", None),
        ("samverka/x/apps.py", "import b  # noqa: F401, PLC0415 - app ready: receivers", None),
        ("samverka/x/views.py", "import b  # noqa: PLC0415 - app ready: receivers", "only allowed in"),
        ("samverka/x/views.py", "import b  # noqa: PLC0415 - reverse dependency", "not one of"),
        ("samverka/x/views.py", "x = 1  # noqa: S105 - not a password", None),
    ],
)
def test_a_function_level_import_is_judged_by_its_reason(path, line, problem):
    found = reason_problem(path, line)
    if problem is None:
        assert found is None
    else:
        assert found is not None and problem in found


def test_every_function_level_import_states_its_reason():
    problems = []
    for path in source_files():
        name = path.relative_to(ROOT.parent).as_posix()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if problem := reason_problem(name, line):
                problems.append(f"{name}:{number}: {problem}")
    assert problems == []
