"""Packaging: every package is declared; resources reach the installed package."""

from __future__ import annotations

import importlib.resources
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent


def test_every_package_directory_is_declared_in_pyproject():
    declared = set(tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "relgui").rglob("__init__.py")}
    assert found <= declared, found - declared
    assert {"relgui.resources", "relgui.i18n"} <= declared


def test_policy_profiles_are_read_through_importlib_resources():
    files = [f.name for f in importlib.resources.files("relgui.resources").joinpath("policy").iterdir()]
    assert "XDYJ-06-01_v1.0.toml" in files


def test_migrations_are_package_data():
    versions = importlib.resources.files("relgui.store").joinpath("migrations", "versions")
    assert any(f.name.startswith("v0001") for f in versions.iterdir())
    assert importlib.resources.files("relgui.store").joinpath("migrations", "script.py.mako").is_file()


# ------------------------------------------------------------------ the bundle (issue 18 item 6)
# The spec's pruning is proven by the frozen smoke test (make dist); these check, without a
# build, the parts that decide what is pruned, stripped and counted.

def _packaging(name: str):
    import importlib.util

    spec = importlib.util.spec_from_file_location(f"_relgui_packaging_{name}", ROOT / "packaging" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _spec_names() -> dict:
    import ast
    import re

    tree = ast.parse((ROOT / "packaging" / "relgui.spec").read_text(encoding="utf-8"))
    names: dict = {"re": re, "sys": __import__("sys")}
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id in ("PRUNE", "GTK", "EXCLUDES")
                                                for t in node.targets):
            exec(compile(ast.Module([node], []), "relgui.spec", "exec"), names)  # noqa: S102 - our own spec
    return names



@pytest.mark.parametrize("path, pruned", [
    ("matplotlib/mpl-data/fonts/ttf/DejaVuSans-Oblique.ttf", True),
    ("matplotlib\\mpl-data\\fonts\\ttf\\DejaVuSans-BoldOblique.ttf", True),
    ("matplotlib/mpl-data/fonts/ttf/DejaVuSans.ttf", False),
    ("matplotlib/mpl-data/fonts/ttf/DejaVuSans-Bold.ttf", False),  # kpi_charts draws bold labels
    ("matplotlib/mpl-data/fonts/ttf/LastResortHE-Regular.ttf", False),  # opened behind every font
    ("matplotlib/mpl-data/fonts/ttf/STIXGeneral.ttf", False),  # mathtext, should a label hold $…$
    ("docx/templates/default-docx-template/word/styles.xml", True),
    ("docx/templates/default.docx", False), ("docx/templates/default-styles.xml", False),
    ("relgui/i18n/relgui_en.ts", True), ("relgui\\i18n\\relgui_zh_CN.ts", True),
    ("relgui/i18n/relgui_en.qm", False), ("lxml/includes/tree.h", True),
])
def test_the_spec_prunes_unused_data_and_keeps_what_the_app_loads(path, pruned):
    assert bool(_spec_names()["PRUNE"].search(path)) is pruned


@pytest.mark.parametrize("name, pruned", [
    ("libQt6OpenGL.so.6", True), ("libQt6EglFsKmsSupport.so.6", True),
    ("libQt6Gui.so.6", False), ("libQt6XcbQpa.so.6", False), ("libQt6DBus.so.6", False),
])
def test_the_spec_prunes_linux_qt_libraries_only_the_pruned_plugins_need(name, pruned):
    assert bool(_spec_names()["GTK"].match(name)) is pruned


def test_excluded_modules_are_none_that_relgui_imports():
    """No excluded module is imported by relgui's own code (a name relgui imports would be
    missing from the bundle)."""
    import re

    excluded = set(_spec_names()["EXCLUDES"])
    imported = set()
    for f in (ROOT / "relgui").rglob("*.py"):
        for m in re.finditer(r"^\s*(?:from|import)\s+([\w.]+)", f.read_text(encoding="utf-8"), re.M):
            imported.add(m.group(1))
    clash = {name for name in imported for ex in excluded if name == ex or name.startswith(ex + ".")}
    assert not clash, clash
    assert {"numpy.random", "sqlalchemy.dialects.mysql", "PIL.EpsImagePlugin"} <= excluded
    # what the app does use stays
    assert not excluded & {"PIL.PngImagePlugin", "PIL.JpegImagePlugin", "PIL.MpoImagePlugin", "numpy.linalg",
                           "numpy.ma", "sqlalchemy.dialects.postgresql", "sqlalchemy.dialects.sqlite", "lxml.etree"}


def _elf_library() -> Path:
    import _ctypes

    return Path(_ctypes.__file__)


def test_build_strips_libraries_but_not_auditwheel_grafts(tmp_path):
    """A stripped auditwheel-repaired library no longer loads (pyinstaller #9463): build.strip
    leaves <name>.libs alone and strips the other ELF files of _internal, not the programs."""
    import shutil

    if shutil.which("strip") is None or not _elf_library().read_bytes().startswith(b"\x7fELF"):
        pytest.skip("needs an ELF build machine with binutils' strip")
    build = _packaging("build")
    folder = tmp_path / "relgui"
    lib = folder / "_internal" / "pkg" / "_ext.so"
    graft = folder / "_internal" / "numpy.libs" / "libopenblas-1234abcd.so"
    program = folder / "relgui"
    for f in (lib, graft, program):
        f.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(_elf_library(), f)
    text = folder / "_internal" / "base_library.txt"
    text.write_text("not ELF", encoding="utf-8")
    size = _elf_library().stat().st_size
    saved = build.strip(folder)
    assert lib.stat().st_size < size and saved == size - lib.stat().st_size
    assert graft.read_bytes() == _elf_library().read_bytes()
    assert program.read_bytes() == _elf_library().read_bytes()
    assert text.read_text(encoding="utf-8") == "not ELF"


def test_bundle_size_counts_linux_only_parts_apart(tmp_path):
    bundle_size = _packaging("bundle_size")
    inner = tmp_path / "relgui" / "_internal"
    files = {
        "PySide6/Qt/lib/libicudata.so.73": 3_000_000,  # Linux-only: Qt's ICU
        "PySide6/Qt/lib/libQt6XcbQpa.so.6": 500_000,  # Linux-only: xcb
        "libX11.so.6": 1_000_000,  # Linux-only: from /usr/lib
        "pillow.libs/libxcb-9065bb12.so.1.1.0": 200_000,  # Linux-only: X11 of a wheel
        "pillow.libs/libjpeg-6dc8d115.so.62.4.0": 800_000,  # Windows has its JPEG inside _imaging
        "PySide6/Qt/lib/libQt6Gui.so.6": 10_000_000,
        "libpython3.11.so.1.0": 5_000_000,  # python311.dll on Windows
    }
    for rel, size in files.items():
        (inner / rel).parent.mkdir(parents=True, exist_ok=True)
        (inner / rel).write_bytes(b"\0" * size)
    t = bundle_size.table(tmp_path / "relgui")
    assert t["total"] == pytest.approx(20.5)
    assert t["icu"] == pytest.approx(3.0) and t["linux_qt_other"] == pytest.approx(0.5)
    assert t["system_libs"] == pytest.approx(1.0) and t["wheel_x11"] == pytest.approx(0.2)
    assert t["windows_relevant"] == pytest.approx(15.8)


def test_self_check_fails_on_what_it_cannot_read(tmp_path, capsys):
    """The in-program checks report each failure (a pruned part the app needs would fail the
    same way): a folder without the smoke test's files fails Excel and PDF reading."""
    self_check = _packaging("self_check")
    (tmp_path / "plan.pdf").write_bytes(b"%PDF-1.7 not really")
    assert self_check.main(str(tmp_path)) == 1
    out = capsys.readouterr().out
    assert "FAILED Excel read" in out and "FAILED PDF read" in out
    assert "ok  PostgreSQL driver" in out


def test_self_check_passes_on_what_relgui_admin_writes(tmp_path, capsys):
    """The checks pass on the plan PDF and KPI workbook the real commands write (what the
    smoke test hands the frozen program)."""
    import datetime
    import os
    import subprocess
    import sys

    env = {**os.environ, "RELGUI_HOME": str(tmp_path), "QT_QPA_PLATFORM": "offscreen", "PYTHONUTF8": "1"}
    cli = [sys.executable, "-c", "import sys; from relgui.cli.main import main; sys.exit(main())"]

    def admin(*args: str, stdin: str = "") -> str:
        done = subprocess.run([*cli, *args], input=stdin, env=env, capture_output=True, text=True,
                              encoding="utf-8", timeout=300)
        assert done.returncode == 0, done.stderr
        return done.stdout

    password = "self-check-pw-2026\n"
    admin("init", "--admin", "boss", "--name", "管理员", "--password-stdin", stdin=password)
    admin("--user", "boss", "--password-stdin", "demo", "--releases", "60", "--seed", "1", stdin=password)
    import json

    number = json.loads(admin("release", "list", "--status", "closed", "--json"))[0]["number"]
    admin("doc", "plan", number, "-o", str(tmp_path / "plan.pdf"))
    today = datetime.date.today()
    admin("kpi", "--quarter", f"{today.year}Q{(today.month - 1) // 3 + 1}", "--xlsx", str(tmp_path / "kpi.xlsx"))
    assert _packaging("self_check").main(str(tmp_path)) == 0, capsys.readouterr().out
    out = capsys.readouterr().out
    assert out.count("ok  ") == 4 and "page 1 reads 发布计划" in out
