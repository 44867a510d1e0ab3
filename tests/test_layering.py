"""The core runs without Qt and without heavy libraries at import time."""

from __future__ import annotations

import subprocess
import sys

CORE = ["relgui.domain.lifecycle", "relgui.policy", "relgui.store.models", "relgui.store.engine",
        "relgui.services.releases", "relgui.services.plans", "relgui.services.register",
        "relgui.services.details", "relgui.cli.main"]
HEAVY = ["PySide6", "docx", "matplotlib", "alembic", "openpyxl"]


def test_core_imports_no_qt_and_no_heavy_libraries():
    code = ("import sys\n" + "".join(f"import {m}\n" for m in CORE) +
            f"bad = [m for m in {HEAVY!r} if m in sys.modules]\n"
            "assert not bad, bad\n")
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_core_works_when_qt_cannot_be_imported():
    code = ("import sys\n"
            "class Block:\n"
            "    def find_spec(self, name, path=None, target=None):\n"
            "        if name.split('.')[0] == 'PySide6': raise ImportError('blocked')\n"
            "sys.meta_path.insert(0, Block())\n" + "".join(f"import {m}\n" for m in CORE))
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_no_qt_import_statement_in_core_packages():
    from pathlib import Path

    root = Path(__file__).parent.parent / "relgui"
    for pkg in ("domain", "policy", "store", "services", "adapters", "documents", "charts", "cli"):
        for path in (root / pkg).rglob("*.py"):
            src = path.read_text("utf-8")
            assert "PySide6" not in src, path


def test_charts_never_import_services():
    """relgui.charts draws from the domain's KPI value types (relgui.domain.kpi) and never
    imports relgui.services, at module level or inside a function: services call the charts
    (the KPI report's trend), so the other direction would be a package cycle (issue 17)."""
    import ast
    from pathlib import Path

    root = Path(__file__).parent.parent / "relgui" / "charts"
    found = []
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) and not node.level else [])
            found += [f"{path.name}:{node.lineno} {n}" for n in names
                      if n == "relgui.services" or n.startswith("relgui.services.")]
    assert list(root.glob("*.py")), root  # the rule reads real files
    assert not found, found
