"""The core runs without Qt and without heavy libraries at import time."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

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


# ---------------------------------------------------------------------------------------------
# The directions between packages (issue 17), read from the real import graph: every import
# statement of relgui/**/*.py, at module level and inside functions (also under TYPE_CHECKING),
# relative imports resolved, and importlib.import_module("relgui.…") with a literal name.

ROOT = Path(__file__).resolve().parent.parent / "relgui"

# What each part of relgui may import of the others ("relgui" itself — its __init__, the
# version — anyone may). Read bottom-up; the test below proves this table has no cycle, so the
# real graph has no package cycle either.
LAYERS: dict[str, frozenset[str]] = {
    # Rules without I/O: imports nothing else of relgui. Its profile types (domain/profile.py)
    # are what the policy loader builds; the profile in force reaches the message catalogue
    # through a hook the policy package sets (relgui.domain.profile.provide_in_force).
    "domain": frozenset(),
    # The TOML loader on top of the domain's profile types.
    "policy": frozenset({"domain"}),
    # Private files (0600, written beside and renamed), the filename sanitizer; the domain's errors.
    "fsutil": frozenset({"domain"}),
    # SQLAlchemy models, engine, connection, migrations, the audit chain: judged by nothing above.
    "store": frozenset({"domain", "fsutil"}),
    # File formats (Excel/CSV) below the services, no database.
    "adapters": frozenset({"domain", "fsutil"}),
    # The document model, .docx and page layout; charts: matplotlib figures of the domain's KPI
    # types. Both name things by the policy's words, neither reads the database.
    "documents": frozenset({"domain", "policy", "fsutil"}),
    "charts": frozenset({"domain", "policy", "fsutil"}),
    # Qt without widgets painting the documents' display list.
    "render": frozenset({"documents", "domain", "fsutil"}),
    # Alert channels (SMTP, robots), their secrets and texts, and the outbox's sender.
    "alerts": frozenset({"domain", "policy", "store", "fsutil"}),
    # The use cases: everything below, nothing above.
    "services": frozenset({"domain", "policy", "fsutil", "store", "adapters", "documents", "charts",
                           "render", "alerts"}),
    # The log file lives in the per-user data folder (store.engine.data_dir).
    "applog": frozenset({"fsutil", "store"}),
    # The demo generator: calls company, signing and users use cases and writes its bulk rows
    # itself (SQL Core, one transaction, audited) for speed.
    "demo": frozenset({"domain", "policy", "fsutil", "store", "services"}),
    # relgui-admin and the GUI sit on top; never each other.
    "cli": frozenset({"domain", "policy", "fsutil", "store", "adapters", "documents", "charts",
                      "render", "alerts", "services", "applog", "demo"}),
    "gui": frozenset({"domain", "policy", "fsutil", "store", "adapters", "documents", "charts",
                      "render", "alerts", "services", "applog", "demo"}),
}

# The directions issue 17 asks for, checked against the real graph on their own too, so that
# loosening LAYERS above cannot quietly allow them.
NEVER: list[tuple[str, str]] = [
    *[("domain", p) for p in LAYERS if p != "domain"],
    ("domain", "policy"),
    *[("store", p) for p in ("services", "gui", "cli", "demo", "policy")],
    *[("services", p) for p in ("gui", "cli", "demo")],
    *[(p, "gui") for p in ("charts", "documents", "render", "adapters", "alerts", "demo")],
    ("charts", "services"), ("documents", "services"), ("render", "services"),
    *[("adapters", p) for p in ("services", "store", "gui", "cli")],
    ("alerts", "services"),
    ("gui", "cli"), ("cli", "gui"),
]

# Known exceptions, each with its reason: (importing module, imported module) -> why.
_SENDER = ("The outbox's sender is a use-case runner (claims due alerts with a lease, commits each "
           "attempt) kept beside the channels; it asks the alert use cases whether an alert is still "
           "relevant and the company's zone, while services.alerts starts it for a workstation's "
           "round: a package cycle alerts <-> services. Its place is relgui/services/ (the channels, "
           "secrets and texts stay below); not moved yet because issue 16's alert work was being "
           "edited in this checkout at the time. Move it and drop these entries.")
EXCEPTIONS: dict[tuple[str, str], str] = {
    ("relgui.alerts.sender", "relgui.services.alerts"): _SENDER,
    ("relgui.alerts.sender", "relgui.services.company"): _SENDER,
}


class Import:
    def __init__(self, module: str, path: Path, line: int, text: str, target: str):
        self.module, self.path, self.line, self.text, self.target = module, path, line, text, target

    def __str__(self) -> str:
        return f"{self.path.relative_to(ROOT.parent)}:{self.line}: {self.text}"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _targets(node, module: str, is_package: bool, known: set[str]) -> list[str]:
    """The relgui modules an import node names (a name imported from a package counts as its
    submodule when one exists: ``from relgui import policy`` is relgui.policy)."""
    if isinstance(node, ast.Import):
        return [a.name for a in node.names]
    if isinstance(node, ast.ImportFrom):
        if node.level:
            base = module.split(".") if is_package else module.split(".")[:-1]
            base = base[:len(base) - (node.level - 1)]
            if not base:
                raise AssertionError(f"{module}: relative import beyond relgui")
            head = ".".join(base + ([node.module] if node.module else []))
        else:
            head = node.module or ""
        return [f"{head}.{a.name}" if f"{head}.{a.name}" in known else head for a in node.names]
    if (isinstance(node, ast.Call) and node.args
            and (getattr(node.func, "attr", None) == "import_module"
                 or getattr(node.func, "id", None) in ("import_module", "__import__"))):
        arg = node.args[0]
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
            return [arg.value]
        if isinstance(arg, ast.JoinedStr) and arg.values and isinstance(arg.values[0], ast.Constant):
            return [str(arg.values[0].value).rpartition(".")[0]]  # f"relgui.cli.{name}" -> relgui.cli
    return []


def read_imports(sources: dict[str, tuple[Path, str]]) -> list[Import]:
    """Every relgui import of the given modules (name -> (path, source))."""
    known = set(sources)
    found = []
    for module, (path, source) in sorted(sources.items()):
        lines = source.splitlines()
        for node in ast.walk(ast.parse(source, str(path))):
            for target in _targets(node, module, path.name == "__init__.py", known):
                if target == "relgui" or target.startswith("relgui."):
                    text = " ".join(line.strip() for line in lines[node.lineno - 1:node.end_lineno])
                    found.append(Import(module, path, node.lineno, text, target))
    return found


def part(module: str) -> str:
    """The layer a module belongs to: relgui.services.kpi -> services, relgui.fsutil -> fsutil."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "relgui"


def _real_graph() -> list[Import]:
    sources = {_module_name(p): (p, p.read_text("utf-8")) for p in sorted(ROOT.rglob("*.py"))}
    return read_imports(sources)


GRAPH = _real_graph()


def test_the_graph_reader_sees_every_kind_of_import(tmp_path):
    """The reader finds module-level, function-level, relative and string imports (a rule over
    an empty graph would pass whatever the code did)."""
    pkg = tmp_path / "relgui" / "services"
    pkg.mkdir(parents=True)
    src = ("import relgui.store.engine\n"
           "from relgui import policy\n"
           "from . import sibling\n"
           "from ..gui import window\n"
           "from .. import cli\n"
           "def f():\n"
           "    from relgui.demo import generate\n"
           "    import importlib\n"
           "    importlib.import_module('relgui.adapters.excel')\n"
           "    importlib.import_module(f'relgui.charts.{f}')\n")
    found = read_imports({
        "relgui.services.x": (pkg / "x.py", src), "relgui.policy": (pkg / "p.py", ""),
        "relgui.services.sibling": (pkg / "sibling.py", ""), "relgui.cli": (pkg / "c.py", "")})
    assert [(i.line, i.target) for i in found] == [
        (1, "relgui.store.engine"), (2, "relgui.policy"), (3, "relgui.services.sibling"),
        (4, "relgui.gui"), (5, "relgui.cli"), (7, "relgui.demo"), (9, "relgui.adapters.excel"),
        (10, "relgui.charts")], [(i.line, i.target) for i in found]
    assert found[5].text == "from relgui.demo import generate"
    # and the real graph is read: a few hundred edges, among them services -> store
    assert len(GRAPH) > 500, len(GRAPH)
    assert any(part(i.module) == "services" and part(i.target) == "store" for i in GRAPH)


def test_every_part_of_relgui_has_its_place_in_the_layers():
    parts = {part(_module_name(p)) for p in ROOT.rglob("*.py")} - {"relgui"}
    assert parts == set(LAYERS), ("place every package of relgui in LAYERS (tests/test_layering.py): "
                                  f"missing {sorted(parts - set(LAYERS))}, gone {sorted(set(LAYERS) - parts)}")
    root = [i for i in GRAPH if i.module == "relgui"]
    assert not root, f"relgui/__init__.py imports nothing of relgui: {[str(i) for i in root]}"


def test_the_layers_have_no_cycle():
    done: list[str] = []
    todo = dict(LAYERS)
    while todo:
        ready = sorted(p for p, below in todo.items() if below <= set(done))
        assert ready, f"the layers have a cycle among {sorted(todo)}"
        done += ready
        for p in ready:
            del todo[p]
    assert not [(a, b) for a, b in NEVER if b in LAYERS[a]], "LAYERS allows what NEVER forbids"


def _violations(allowed) -> list[str]:
    bad = []
    for i in GRAPH:
        a, b = part(i.module), part(i.target)
        if a == b or b == "relgui" or (i.module, i.target) in EXCEPTIONS:
            continue
        why = allowed(a, b)
        if why:
            bad.append(f"{i}  — {why}")
    return bad


@pytest.mark.parametrize("layer", sorted(LAYERS))
def test_imports_point_down_the_layers(layer):
    allowed = LAYERS[layer]
    why = (f"{layer} may import only {', '.join(sorted(allowed))} of relgui" if allowed
           else f"{layer} imports nothing else of relgui")
    bad = _violations(lambda a, b: a == layer and b not in allowed and why)
    assert not bad, "\n" + "\n".join(bad)


def test_the_directions_of_issue_17_hold():
    never = set(NEVER)
    bad = _violations(lambda a, b: (a, b) in never and f"{a} never imports {b}")
    assert not bad, "\n" + "\n".join(bad)


def test_the_gui_and_relgui_admin_touch_rows_only_through_the_services():
    """gui and cli may open the database (store.engine, store.connection, store.schema,
    store.pgroles) but read and write rows only through the use cases: never relgui.store.models
    or a migration."""
    bad = [f"{i}" for i in GRAPH if part(i.module) in ("gui", "cli")
           and (i.target.startswith("relgui.store.models") or i.target.startswith("relgui.store.migrations"))]
    assert not bad, "\n" + "\n".join(bad)


def test_every_exception_is_still_needed():
    edges = {(i.module, i.target) for i in GRAPH}
    stale = [k for k in EXCEPTIONS if k not in edges]
    assert not stale, f"remove from EXCEPTIONS, the import is gone: {stale}"
