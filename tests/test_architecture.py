"""The shape of the code that a linter does not check by itself (docs/architecture.md, "Checks").

- An import inside a function (ruff's PLC0415) says why on its line, with a reason from ``REASONS``,
  as pretalx does: ``# noqa: PLC0415 - circular import: core.audit imports this``.
- The imports a module runs when it is loaded form no cycle.
- ``core`` and ``lib`` build on no feature app; the few places that still reach into one are listed
  in ``REVERSE_DEPENDENCIES`` and the list only shrinks.
"""

import ast
import fnmatch
import re
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src"
PACKAGE = SRC / "samverka"

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
    # core reaching into a feature app: a debt, limited to REVERSE_DEPENDENCIES.
    "reverse dependency": ("samverka/core/*",),
}

# Modules of core and lib that still import a feature app (inside a function, or listed in
# pyproject.toml's per-file-ignores). Remove a line when its import goes; never add one.
REVERSE_DEPENDENCIES = {
    "samverka/core/admin.py",  # the membership admin records changes through access.domain
    "samverka/core/context_processors.py",  # the menu names every app's models
    "samverka/core/views.py",  # a list's "Import" link asks imports.domain
}

NOQA = re.compile(r"#\s*noqa:\s*(?P<codes>[A-Z]+[0-9]+(?:\s*,\s*[A-Z]+[0-9]+)*)(?P<rest>.*)$")
REASON = re.compile(r"\s+--?\s+(?P<reason>[^:]+?)\s*(?::\s*\S.*)?$")


def source_files() -> list[Path]:
    return sorted(path for path in PACKAGE.rglob("*.py") if "migrations" not in path.parts)


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
        ("samverka/x/views.py", "import b  # noqa: PLC0415 - reverse dependency", "only allowed in"),
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
        name = path.relative_to(SRC).as_posix()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if problem := reason_problem(name, line):
                problems.append(f"{name}:{number}: {problem}")
    assert problems == []


def loaded_imports(tree: ast.Module) -> list[str]:
    """The modules a module imports when it is loaded: not inside functions or ``if TYPE_CHECKING``."""
    found: list[str] = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            return
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append(node.module)
            found.extend(f"{node.module}.{alias.name}" for alias in node.names)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def import_graph() -> dict[str, set[str]]:
    """Module → the project's modules it imports when it is loaded."""
    files = {}
    for path in source_files():
        parts = path.relative_to(SRC).with_suffix("").parts
        files[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return {
        module: {
            name for name in loaded_imports(ast.parse(path.read_text(encoding="utf-8"))) if name in files
        }
        - {module}
        for module, path in files.items()
    }


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def connect(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        for imported in sorted(graph[module]):
            if imported not in index:
                connect(imported)
                low[module] = min(low[module], low[imported])
            elif imported in stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == module:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for module in sorted(graph):
        if module not in index:
            connect(module)
    return found


def test_cycles_finds_a_cycle():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c"]]


def test_the_modules_import_each_other_without_a_cycle():
    assert cycles(import_graph()) == []


FEATURE_APPS = sorted(
    path.name for path in PACKAGE.iterdir() if (path / "apps.py").exists() and path.name != "core"
)


def imports_of_feature_apps(path: Path) -> list[str]:
    """Every import (also inside functions) of ``path`` that names a feature app."""
    pattern = re.compile(rf"^samverka\.({'|'.join(FEATURE_APPS)})(\.|$)")
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
    return [name for name in names if pattern.match(name)]


def test_core_and_lib_build_on_no_feature_app_but_the_listed_ones():
    reaching = {
        path.relative_to(SRC).as_posix()
        for folder in ("core", "lib")
        for path in (PACKAGE / folder).rglob("*.py")
        if "migrations" not in path.parts and imports_of_feature_apps(path)
    }
    assert "access" in FEATURE_APPS and "governance" in FEATURE_APPS
    assert reaching <= REVERSE_DEPENDENCIES, sorted(reaching - REVERSE_DEPENDENCIES)


def test_lib_builds_on_nothing_of_the_project():
    lib_imports = {
        path.relative_to(SRC).as_posix(): name
        for path in (PACKAGE / "lib").rglob("*.py")
        for name in loaded_imports(ast.parse(path.read_text(encoding="utf-8")))
        if name.startswith("samverka.") and not name.startswith("samverka.lib")
    }
    assert lib_imports == {}
