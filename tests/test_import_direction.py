"""Dependencies point one way: ui/app -> services -> storage/forms/documents -> domain -> stdlib.

Two independent checks. import-linter runs the contracts in pyproject.toml over the import
graph; a plain walk over every module's syntax tree then checks the same rules by hand, so a
misconfigured contract cannot pass silently. The walk counts every import: at module level,
inside functions, under ``if TYPE_CHECKING``, and ``importlib.import_module("...")`` with a
literal name.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE_DIR = ROOT / "src" / "incident_desk"
GUI_MODULES = frozenset({"PySide6", "shiboken6"})
DATABASE_MODULES = frozenset({"sqlalchemy", "alembic", "sqlcipher3"})


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE_DIR.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(tree: ast.AST, package: str) -> Iterator[tuple[int, str]]:
    """(line, absolute module name) for every import in ``tree``, a module of ``package``."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if not node.level:
                assert node.module is not None
                yield node.lineno, node.module
                continue
            parts = package.split(".")
            base = ".".join(parts[: len(parts) - (node.level - 1)])
            if node.module is not None:
                yield node.lineno, f"{base}.{node.module}"
            else:
                # "from . import x" imports the submodules (or names) x of the package.
                for alias in node.names:
                    yield node.lineno, f"{base}.{alias.name}"
        elif _is_literal_import_call(node):
            assert isinstance(node, ast.Call)
            first = node.args[0]
            assert isinstance(first, ast.Constant)
            yield node.lineno, str(first.value)


def _is_literal_import_call(node: ast.AST) -> bool:
    if not isinstance(node, ast.Call) or not node.args:
        return False
    first = node.args[0]
    if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
        return False
    function = node.func
    name = function.attr if isinstance(function, ast.Attribute) else getattr(function, "id", "")
    return name in {"import_module", "__import__"}


def _rule_breaches(area: str, imports: Iterable[tuple[int, str]], where: str) -> list[str]:
    """What is wrong with a module in ``area`` ('domain', 'ui', 'app.py', ...) importing these."""
    found = []
    for line, module in imports:
        top = module.split(".")[0]
        if top in GUI_MODULES and area not in {"ui", "app.py"}:
            found.append(f"{where}:{line} imports {module} (only ui/ and app.py may)")
        if top in DATABASE_MODULES and area != "storage":
            found.append(f"{where}:{line} imports {module} (only storage/ may)")
        if area == "domain" and not (
            top == "__future__"
            or top in sys.stdlib_module_names
            or module == "incident_desk.domain"
            or module.startswith("incident_desk.domain.")
        ):
            found.append(f"{where}:{line} imports {module} (domain/ is stdlib only)")
        if area == "services" and module.split(".")[:2] in (
            ["incident_desk", "ui"],
            ["incident_desk", "app"],
        ):
            found.append(f"{where}:{line} imports {module} (services never import the UI)")
    return found


def test_every_module_imports_only_in_the_allowed_direction() -> None:
    sources = sorted(PACKAGE_DIR.rglob("*.py"))
    assert len(sources) > 20, "the source tree was not found"
    found = []
    for path in sources:
        module = _module_name(path)
        package = module if path.name == "__init__.py" else module.rpartition(".")[0]
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        area = path.relative_to(PACKAGE_DIR).parts[0]
        where = path.relative_to(PACKAGE_DIR.parent).as_posix()
        found += _rule_breaches(area, _imports(tree, package), where)
    assert found == []


def test_the_hand_check_catches_each_kind_of_breach() -> None:
    # The hand check must be able to fail: one bad module of each kind, imports hidden as well.
    probe = ast.parse(
        "from typing import TYPE_CHECKING\n"
        "from . import deadlines\n"
        "from ..storage import rows\n"
        "if TYPE_CHECKING:\n"
        "    from PySide6.QtCore import QObject\n"
        "def later():\n"
        "    import sqlalchemy.orm\n"
        "    importlib.import_module('incident_desk.ui.shell')\n"
    )
    imports = list(_imports(probe, "incident_desk.domain"))
    assert [name for _, name in imports] == [
        "typing",
        "incident_desk.domain.deadlines",
        "incident_desk.storage",
        "PySide6.QtCore",
        "sqlalchemy.orm",
        "incident_desk.ui.shell",
    ]
    in_domain = _rule_breaches("domain", imports, "probe")
    assert len(in_domain) == 6  # storage, PySide6 (twice over), sqlalchemy (twice over), ui
    in_services = _rule_breaches("services", imports, "probe")
    assert [breach.split(" (")[1] for breach in in_services] == [
        "only ui/ and app.py may)",
        "only storage/ may)",
        "services never import the UI)",
    ]


def _lint_imports_command() -> list[str]:
    executable = Path(sys.executable).with_name(
        "lint-imports.exe" if sys.platform == "win32" else "lint-imports"
    )
    if executable.exists():
        return [str(executable)]
    pytest.importorskip("importlinter")
    return [
        sys.executable,
        "-c",
        "import sys; from importlinter.cli import lint_imports_command; "
        "sys.exit(lint_imports_command())",
    ]


def test_the_import_linter_contracts_are_kept() -> None:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), env.get("PYTHONPATH")]))
    result = subprocess.run(
        [*_lint_imports_command(), "--config", str(ROOT / "pyproject.toml"), "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout
