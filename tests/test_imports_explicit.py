"""Issue 17 item 4: explicit wiring. relgui's modules import each other at module level; an
import of a relgui module inside a function is allowed only with its reason written beside it:

    from relgui import documents  # lazy: python-docx + lxml, ~120 ms on first use
    # cycle: services.company imports this module
    from relgui.services import company

The comment is on the import's own line, or on the line right above the import (or right above
the run of consecutive import statements it belongs to), and starts with one of TAGS:
``lazy:`` (a measured start-up cost the import keeps off the path that does not need it) or
``cycle:`` (the modules that import each other). ``importlib.import_module("relgui…")`` inside a
function is held to the same rule, and so is ``import_module(name)`` of a name computed at run time
(a "module:function" string resolved late: a broken handler would only fail when clicked). A bare
one fails the test, named file:line."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).parent.parent / "relgui"
TAGS = ("lazy:", "cycle:")



def _is_relgui_import(node: ast.AST) -> bool:
    if isinstance(node, ast.Import):
        return any(a.name == "relgui" or a.name.startswith("relgui.") for a in node.names)
    if isinstance(node, ast.ImportFrom):
        return bool(node.level) or node.module == "relgui" or (node.module or "").startswith("relgui.")
    if isinstance(node, ast.Call):  # importlib.import_module("relgui.…") / (f"relgui.…")
        f = node.func
        name = f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else ""
        if name != "import_module" or not node.args:
            return False
        arg = node.args[0]
        if isinstance(arg, ast.JoinedStr) and arg.values:
            arg = arg.values[0]
        if not isinstance(arg, ast.Constant):  # a module named by data ("module:function" strings): hidden wiring
            return True
        return isinstance(arg.value, str) and arg.value.startswith("relgui")
    return False


def _nested_imports(tree: ast.Module) -> list[ast.AST]:
    """The relgui imports that run inside a function (at any depth), not at module load."""
    found: list[ast.AST] = []

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            inner = in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            if inner and _is_relgui_import(child):
                found.append(child)
            visit(child, inner)

    visit(tree, False)
    return found


def _tagged(comment: str) -> bool:
    return any(part.strip().startswith(TAGS) for part in comment.split("#")[1:])


def _import_lines(tree: ast.Module) -> set[int]:
    """Every line that is the start of an import statement (to find a run of imports)."""
    return {n.lineno for n in ast.walk(tree) if isinstance(n, (ast.Import, ast.ImportFrom))}


def _reasoned(node: ast.AST, lines: list[str], starts: set[int], ends: dict[int, int]) -> bool:
    line = lines[node.lineno - 1]
    if "#" in line and _tagged(line[line.index("#"):]):
        return True
    above = node.lineno - 1
    while above >= 1:  # up the run of consecutive import statements to the comment above it
        text = lines[above - 1].strip()
        if text.startswith("#"):
            return _tagged(text)
        first = next((s for s, e in ends.items() if e == above and s in starts), None)
        if first is None:
            return False
        above = first - 1
    return False


def bare_imports(path: Path) -> list[str]:
    src = path.read_text("utf-8")
    tree = ast.parse(src, str(path))
    lines = src.splitlines()
    starts = _import_lines(tree)
    ends = {n.lineno: n.end_lineno or n.lineno for n in ast.walk(tree) if isinstance(n, (ast.Import, ast.ImportFrom))}
    rel = path.relative_to(ROOT).as_posix()
    return [f"relgui/{rel}:{n.lineno}: {lines[n.lineno - 1].strip()}"
            for n in _nested_imports(tree) if not _reasoned(n, lines, starts, ends)]


def test_every_function_level_relgui_import_says_why():
    files = sorted(p for p in ROOT.rglob("*.py") if "migrations" not in p.parts)
    assert len(files) > 100, files  # the rule reads the real package
    bare = [b for p in files for b in bare_imports(p)]
    assert not bare, f"{len(bare)} function-level relgui imports without a '# lazy:' or '# cycle:' reason " \
                     "(hoist them to module level, or say why they wait):\n" + "\n".join(bare)


def test_the_rule_sees_a_bare_import_and_accepts_a_reasoned_one(tmp_path):
    """The checker itself, on a file written here: it must be able to fail."""
    pkg = tmp_path / "relgui"
    pkg.mkdir()
    sample = pkg / "sample.py"
    sample.write_text(
        "import importlib\n"
        "from relgui.domain import text\n"          # module level: fine
        "def a():\n"
        "    from relgui.domain import errors\n"    # bare
        "    return errors\n"
        "def b():\n"
        "    from relgui import documents  # lazy: python-docx, ~100 ms\n"
        "    # cycle: x imports this module\n"
        "    from relgui.services import company\n"
        "    from relgui.services import users\n"   # same run as the one above
        "    return documents, company, users\n"
        "def c():\n"
        "    # a note that gives no reason\n"
        "    from . import sibling\n"               # bare (relative)
        "    return importlib.import_module(f'relgui.cli.{sibling}')\n"  # bare
        "def d():\n"
        "    return lambda: __import__('json')\n"
        "def e(spec):\n"
        "    return importlib.import_module(spec.split(':')[0])\n"  # bare: a module named by data
        "def f():\n"
        "    return importlib.import_module('json')\n", "utf-8")
    global ROOT
    saved, ROOT = ROOT, pkg
    try:
        found = bare_imports(sample)
    finally:
        ROOT = saved
    assert [f.split(":")[1] for f in found] == ["4", "14", "15", "19"], found
    assert re.match(r"relgui/sample\.py:4: from relgui\.domain import errors", found[0])


def test_the_message_catalogue_lists_every_area_by_import():
    """relgui.domain.messages merges the areas' catalogues from AREAS, modules it imports by name
    (no discovery at run time): a messages_*.py left out of it, or a name in it that is no
    area, fails here."""
    from relgui.domain import messages

    files = {p.stem for p in (ROOT / "domain").glob("messages_*.py")}
    listed = {m.__name__.rpartition(".")[2] for m in messages.AREAS}
    assert len(files) > 10 and listed == files, (sorted(files - listed), sorted(listed - files))
    for area in messages.AREAS:
        assert set(area.CATALOG) <= set(messages.CATALOG), area.__name__


def test_relgui_admin_lists_every_command_module_by_import():
    """relgui-admin's command modules (relgui/cli/cmd_*.py) are imported by name in
    relgui.cli.main.PLUGINS, not found on disk at run time: one left out, or a name there
    that is no command module, fails here; each registers a handler that exists."""
    import argparse

    from relgui.cli import main

    files = {p.stem for p in (ROOT / "cli").glob("cmd_*.py")}
    listed = {m.__name__.rpartition(".")[2] for m in main.PLUGINS}
    assert len(files) >= 4 and listed == files, (sorted(files - listed), sorted(listed - files))

    def handlers(parser: argparse.ArgumentParser):
        yield parser.get_default("handler")
        for act in parser._actions:
            if isinstance(act, argparse._SubParsersAction):
                for child in act.choices.values():
                    yield from handlers(child)

    for module in main.PLUGINS:
        root = argparse.ArgumentParser()
        module.register(root.add_subparsers())
        found = [h for h in handlers(root) if h is not None]
        assert found and all(callable(h) for h in found), module.__name__
