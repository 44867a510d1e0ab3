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
