"""The Windows build's files, checked where they cannot run: the workflow against GitHub's
schema, the installer script against the files it names and the pinned Inno Setup, the icon's
sizes, the lock file, and the spec's pruning of what Windows does not need."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
PACKAGING = ROOT / "packaging"
WORKFLOW = ROOT / ".github" / "workflows" / "windows.yml"
ISS = PACKAGING / "relgui.iss"


def _workflow_env() -> dict[str, str]:
    return dict(re.findall(r'^\s+([A-Z_]+): "([^"]*)"', WORKFLOW.read_text(encoding="utf-8"), re.M))


def test_the_workflow_is_valid_for_github():
    tool = shutil.which("check-jsonschema") or str(Path(sys.executable).with_name("check-jsonschema"))
    result = subprocess.run([tool, "--builtin-schema", "vendor.github-workflows", str(WORKFLOW)],
                            capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_workflow_pins_what_it_installs_and_runs_the_proofs():
    text = WORKFLOW.read_text(encoding="utf-8")
    env = _workflow_env()
    version = env["INNO_SETUP_VERSION"]
    assert re.fullmatch(r"6\.\d+\.\d+", version)
    assert env["INNO_SETUP_TAG"] == "is-" + version.replace(".", "_")  # the compiler's own tag
    assert '--version="$env:INNO_SETUP_VERSION"' in text and "--allow-downgrade" in text
    assert "-c packaging/constraints.txt" in text  # the locked versions
    assert 'PYTHONUTF8: "1"' in text and 'PYTHONUTF8: "0"' in text  # UTF-8 mode, and a run without it
    assert "python -m pytest -p no:cacheprovider\n" in text  # the whole suite
    assert "packaging/build.py --fresh" in text  # the build and its frozen smoke test
    assert "runs-on: windows-latest" in text


def _iss_entries(section: str) -> list[dict[str, str]]:
    text = ISS.read_text(encoding="utf-8-sig")
    body = re.search(rf"^\[{section}\]\s*$(.*?)(?=^\[|\Z)", text, re.M | re.S).group(1)
    entries = []
    for line in body.splitlines():
        if not line.strip() or line.lstrip().startswith(";"):
            continue
        entries.append({k: v for k, v in re.findall(r'(\w+):\s*"((?:[^"]|"")*)"', line)})
    return entries


def test_the_installer_script_names_files_that_exist_for_the_pinned_compiler():
    raw = ISS.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Inno Setup 6 reads a script as UTF-8 only with a BOM
    text = raw.decode("utf-8-sig")
    version = _workflow_env()["INNO_SETUP_VERSION"]
    assert f"Inno Setup {version}" in text  # the script says which compiler it is written for
    built = {"..\\dist\\relgui\\*", "..\\build\\relgui.ico"}  # made by packaging/build.py
    fetched = {"..\\build\\ChineseSimplified.isl"}  # fetched by the workflow, below
    for entry in _iss_entries("Files"):
        source = entry["Source"]
        assert source in built or (PACKAGING / source).is_file(), source
    languages = {e["Name"]: e["MessagesFile"] for e in _iss_entries("Languages")}
    assert set(languages) == {"chinesesimplified", "english"}
    assert languages["english"] == "compiler:Default.isl"  # in every version
    chinese = languages["chinesesimplified"]
    # 6.x does not install ChineseSimplified.isl (official only from 7.0.2): not compiler:…
    assert not chinese.startswith("compiler:") and chinese in fetched
    workflow = WORKFLOW.read_text(encoding="utf-8")
    assert "Files/Languages/Unofficial/ChineseSimplified.isl" in workflow  # where 6.x keeps it
    assert '-OutFile "build\\ChineseSimplified.isl"' in workflow  # where the script looks
    assert re.search(r"^SetupIconFile=\.\.\\build\\relgui\.ico\r?$", text, re.M)


def test_shortcuts_start_in_documents_and_the_console_has_relgui_admin_on_path():
    icons = _iss_entries("Icons")
    programs = [i for i in icons if i.get("Filename") != "{uninstallexe}"]
    assert programs and all(i.get("WorkingDir") == "{userdocs}" for i in programs)
    console = next(i for i in icons if i.get("Filename") == "{cmd}")
    assert "relgui-admin-console.cmd" in console["Parameters"]
    cmd = (PACKAGING / "relgui-admin-console.cmd").read_bytes()
    assert b"\r\n" in cmd and cmd.isascii()  # cmd.exe: CRLF, and the console's code page
    assert b'set "PATH=%~dp0;%PATH%"' in cmd


def test_app_mutex_is_the_one_the_programs_hold():
    text = ISS.read_text(encoding="utf-8-sig")
    names = re.search(r"^AppMutex=(.*?)\r?$", text, re.M).group(1).split(",")
    source = (ROOT / "relgui" / "applog.py").read_text(encoding="utf-8")
    for name in names:
        assert f'"{name}"' in source.replace("\\\\", "\\"), name
    for program in ("relgui/gui/main.py", "relgui/cli/main.py"):
        assert "applog.app_mutex()" in (ROOT / program).read_text(encoding="utf-8")


def test_the_icon_has_every_size_from_16_to_256(tmp_path):
    pytest.importorskip("PIL")
    sys.path.insert(0, str(PACKAGING))
    try:
        import build
    finally:
        sys.path.remove(str(PACKAGING))
    from PIL import Image

    ico = build.icon(sys.executable, tmp_path)
    with Image.open(ico) as image:
        sizes = sorted(image.info["sizes"])
    assert sizes == [(n, n) for n in build.ICON_SIZES] and sizes[0] == (16, 16) and sizes[-1] == (256, 256)
    with Image.open(ico) as image:
        image.size = (16, 16)
        small = image.convert("RGBA")
    assert small.getbbox() is not None  # drawn, not empty


def test_the_lock_pins_every_dependency_with_platform_markers():
    from packaging.requirements import Requirement

    lines = [line for line in (PACKAGING / "constraints.txt").read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    pinned: dict[str, list[Requirement]] = {}
    for line in lines:
        req = Requirement(line)
        assert len(req.specifier) == 1 and next(iter(req.specifier)).operator == "==", line
        pinned.setdefault(req.name.lower().replace("_", "-"), []).append(req)
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    for dep in project["dependencies"] + project["optional-dependencies"]["test"] + ["pyinstaller"]:
        name = Requirement(dep).name.lower().replace("_", "-")
        assert name in pinned, f"{name} is not locked: run make lock"
    for name in ("pywin32-ctypes",):  # keyring's Windows backend: Windows only
        assert all(r.marker is not None and "win32" in str(r.marker) for r in pinned[name]), name
    for reqs in pinned.values():  # one version per platform
        assert len(reqs) == 1 or all(r.marker is not None for r in reqs)
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "lock:" in makefile and "packaging/lock.py" in makefile
    assert "LOCK := packaging/constraints.txt" in makefile and "-c $(LOCK)" in makefile


def _spec_patterns() -> dict[str, re.Pattern]:
    tree = ast.parse((PACKAGING / "relgui.spec").read_text(encoding="utf-8"))
    names: dict = {"re": re}
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id in ("PRUNE", "GTK")
                                                for t in node.targets):
            exec(compile(ast.Module([node], []), "relgui.spec", "exec"), names)  # noqa: S102 - our own spec
    return {"PRUNE": names["PRUNE"], "GTK": names["GTK"]}


@pytest.mark.parametrize("path, pruned", [
    ("opengl32sw.dll", True), ("PySide6\\opengl32sw.dll", True), ("PySide6\\d3dcompiler_47.dll", True),
    ("PySide6\\Qt\\translations\\qtbase_de.qm", True), ("PySide6/Qt/translations/qtbase_zh_CN.qm", False),
    ("PySide6\\plugins\\tls\\qschannelbackend.dll", True), ("PySide6\\translations\\qt_de.qm", True),
    ("PySide6\\translations\\qtbase_zh_CN.qm", False),  # the Windows wheel's layout
    ("PySide6\\Qt\\plugins\\tls\\qschannelbackend.dll", True),
    ("PySide6/Qt/plugins/platforms/libqwayland-egl.so", True), ("PySide6\\Qt\\plugins\\platforms\\qdirect2d.dll", True),
    ("PySide6\\Qt\\plugins\\platforms\\qwindows.dll", False), ("PySide6/Qt/plugins/platforms/libqoffscreen.so", False),
    ("PySide6\\Qt\\plugins\\platforms\\qminimal.dll", True), ("PySide6/Qt/plugins/imageformats/libqsvg.so", False),
    ("PySide6\\Qt\\plugins\\imageformats\\qwebp.dll", True), ("PySide6\\Qt6Widgets.dll", False),
])
def test_the_spec_prunes_what_windows_does_not_need(path, pruned):
    assert bool(_spec_patterns()["PRUNE"].search(path)) is pruned
