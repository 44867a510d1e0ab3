"""The core runs without Qt and without heavy libraries at import time."""

from __future__ import annotations

import os
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


def test_the_domain_is_told_the_profile_in_force_by_the_policy_package():
    """relgui.domain never imports relgui.policy (the policy loader sits on top of the domain's
    profile types, relgui.domain.profile). The message catalogue still names a refusal's roles
    without a profile: the policy package provides the profile in force at its import. Before
    that, such a message is a loud programming error, not a role key shown to the user; every
    entry point (relgui-admin, the GUI, the services) imports the policy package."""
    code = (
        "import sys\n"
        "from relgui.domain import messages, profile\n"
        "from relgui.domain.errors import Refusal\n"
        "assert 'relgui.policy' not in sys.modules, 'the domain imported the policy package'\n"
        "r = Refusal('wrong_role', params={'roles': ['manager'], 'action': 'accept'})\n"
        "assert messages.render(Refusal('no_change_linked')) == '发布请求须关联至少一个经批准的变更请求'\n"  # no profile needed
        "try:\n"
        "    messages.render(r)\n"
        "except RuntimeError as e:\n"
        "    assert 'relgui.policy' in str(e), e\n"
        "else:\n"
        "    raise AssertionError('a role rendered without any profile')\n"
        "import relgui.policy\n"
        "assert messages.render(r) == '受理发布请求须由运维管理部经理执行', messages.render(r)\n"
        "assert messages.render(r, 'en') == 'Only Operations manager may accept the request'\n"
        "for entry in ('relgui.cli.main', 'relgui.gui.startup', 'relgui.services.releases'):\n"
        "    for m in [m for m in sys.modules if m.startswith('relgui')]:\n"
        "        del sys.modules[m]\n"
        "    __import__(entry)\n"
        "    assert sys.modules['relgui.domain.profile']._in_force is not None, entry\n")
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120,
                   env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})

