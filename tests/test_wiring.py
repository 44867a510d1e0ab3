"""Explicit wiring (issue 17): every command the GUI can show resolves to a real handler, every
import placed inside a function (kept there for start-up cost) names something that exists,
and nothing in the GUI looks a handler up from a string. A broken handler fails here, not as a
quietly disabled button in front of a user."""

from __future__ import annotations

import ast
import importlib
import inspect
from pathlib import Path

import pytest

from relgui.domain import lifecycle
from relgui.gui import actions
from relgui.gui.insight import menu as insight_menu

ROOT = Path(__file__).resolve().parent.parent / "relgui"


def _function_level_imports() -> list[tuple[str, int, str, str | None]]:
    """(file, line, module, name) of every relgui import inside a function, anywhere in relgui."""
    found = []
    for path in sorted(ROOT.rglob("*.py")):
        tree = ast.parse(path.read_text("utf-8"))
        package = ".".join(path.relative_to(ROOT.parent).with_suffix("").parts)
        if path.name != "__init__.py":
            package = package.rpartition(".")[0]
        for fn in ast.walk(tree):
            if not isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            for node in ast.walk(fn):
                rel = str(path.relative_to(ROOT.parent))
                if isinstance(node, ast.Import):
                    found += [(rel, node.lineno, a.name, None) for a in node.names if a.name.startswith("relgui")]
                elif isinstance(node, ast.ImportFrom):
                    module = node.module or ""
                    if node.level:
                        base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                        module = f"{base}.{module}" if module else base
                    if module.startswith("relgui"):
                        found += [(rel, node.lineno, module, a.name) for a in node.names]
    return found


@pytest.mark.parametrize("cmd", actions.COMMANDS, ids=lambda c: c.key)
def test_every_command_resolves_to_a_handler_taking_parent_context_and_release(cmd):
    handler = actions.handler(cmd)  # imports its module: ImportError/AttributeError fail the test
    assert callable(handler)
    inspect.signature(handler).bind(None, None, {})  # called as handler(parent, gctx, release)
    assert cmd.action in lifecycle.RULES  # and the domain decides whether it is allowed


def test_command_keys_are_unique_and_the_detail_has_no_placeholder_for_missing_handlers():
    keys = [c.key for c in actions.COMMANDS]
    assert len(keys) == len(set(keys))
    for path in (ROOT / "gui").rglob("*.py"):
        src = path.read_text("utf-8")
        assert "尚未在本版本中提供" not in src, path


def test_every_function_level_import_names_something_that_exists():
    imports = _function_level_imports()
    assert len(imports) > 10  # the walk finds them (there are many, kept for start-up cost)
    broken = []
    for file, line, module, name in imports:
        try:
            mod = importlib.import_module(module)
            if name is not None and name != "*" and not hasattr(mod, name):
                importlib.import_module(f"{module}.{name}")  # a submodule
        except (ImportError, AttributeError) as exc:
            broken.append(f"{file}:{line}: {module} {name or ''}: {exc}")
    assert not broken, "\n".join(broken)


def test_the_gui_resolves_no_handler_from_a_string():
    """No importlib.import_module / __import__ / getattr-on-a-module-path in relgui/gui: handlers
    are named by import statements a reader and a type checker can follow."""
    for path in (ROOT / "gui").rglob("*.py"):
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                f = node.func
                name = f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else ""
                assert name not in ("import_module", "__import__"), f"{path}:{node.lineno}"


def test_every_entry_of_the_analysis_menu_has_an_opener():
    for what, opener in insight_menu.OPENERS.items():
        assert callable(opener), what
        inspect.signature(opener).bind(None, None, None, None)  # opener(w, gctx, show_releases, open_release)
    assert set(insight_menu.OPENERS) == {what for _, what in insight_menu.ENTRIES if what}
