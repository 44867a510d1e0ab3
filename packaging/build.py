"""Build the one-folder distribution from a clean virtual environment, then smoke-test it.

    python packaging/build.py            # build/venv-dist → dist/relgui/, then smoke test
    python packaging/build.py --fresh    # recreate the build environment first
    python packaging/build.py --reuse-env  # only re-run PyInstaller and the smoke test

On Linux this proves the spec (hidden imports, data files, migrations, translations, Qt
plugins); only a Windows build proves the Windows parts (DLLs, version resource, windowed
stdio, the installer) — see docs/install-windows.md.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "build"
VENV = BUILD / "venv-dist"
DIST = ROOT / "dist"


def _bin(name: str) -> Path:
    scripts = VENV / ("Scripts" if os.name == "nt" else "bin")
    return scripts / (f"{name}.exe" if os.name == "nt" else name)


def version() -> str:
    return re.search(r'__version__ = "([^"]+)"', (ROOT / "relgui" / "__init__.py").read_text(encoding="utf-8")).group(1)


def environment(fresh: bool) -> None:
    if fresh and VENV.exists():
        shutil.rmtree(VENV)
    if not _bin("python").exists():
        venv.create(VENV, with_pip=True)
    py = str(_bin("python"))
    subprocess.run([py, "-m", "pip", "install", "--quiet", "--upgrade", "pip"], check=True)
    # A regular (not editable) install: what the spec collects is what a user would get.
    subprocess.run([py, "-m", "pip", "install", "--quiet", "--force-reinstall", "--no-deps", str(ROOT)], check=True)
    subprocess.run([py, "-m", "pip", "install", "--quiet", str(ROOT), "pyinstaller>=6.5"], check=True)


def icon() -> None:
    code = (
        "import sys\n"
        "from PySide6.QtGui import QGuiApplication, QImage, QPainter\n"
        "from PySide6.QtSvg import QSvgRenderer\n"
        "app = QGuiApplication(['x'])\n"
        f"r = QSvgRenderer(r'{ROOT / 'resources' / 'icons' / 'relgui.svg'}')\n"
        "img = QImage(256, 256, QImage.Format.Format_ARGB32)\n"
        "img.fill(0)\n"
        "p = QPainter(img); r.render(p); p.end()\n"
        f"img.save(r'{BUILD / 'relgui.png'}')\n"
        f"img.save(r'{BUILD / 'relgui.ico'}')\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    subprocess.run([str(_bin("python")), "-c", code], check=True, env=env)


def version_resource() -> None:
    """The Windows version resource, from the one version number in relgui/__init__.py."""
    parts = [int(p) for p in re.findall(r"\d+", version())[:3]] + [0]
    v = tuple((parts + [0, 0, 0, 0])[:4])
    text = f"""VSVersionInfo(
  ffi=FixedFileInfo(filevers={v}, prodvers={v}, mask=0x3f, flags=0x0, OS=0x40004, fileType=0x1, subtype=0x0),
  kids=[StringFileInfo([StringTable('080404b0', [
    StringStruct('CompanyName', 'relgui'),
    StringStruct('FileDescription', 'relgui 发布管理'),
    StringStruct('FileVersion', '{version()}'),
    StringStruct('ProductName', 'relgui 发布管理'),
    StringStruct('ProductVersion', '{version()}')])]),
    VarFileInfo([VarStruct('Translation', [2052, 1200])])])
"""
    (BUILD / "file_version_info.txt").write_text(text, encoding="utf-8")


def pyinstaller() -> Path:
    subprocess.run([str(_bin("pyinstaller")), "--noconfirm", "--clean", "--log-level", "WARN",
                    "--distpath", str(DIST), "--workpath", str(BUILD / "pyinstaller"),
                    str(ROOT / "packaging" / "relgui.spec")], check=True, cwd=BUILD)
    return DIST / "relgui"


def main(argv: list[str]) -> int:
    BUILD.mkdir(exist_ok=True)
    if "--reuse-env" not in argv:  # --reuse-env: iterate on the spec without reinstalling
        environment("--fresh" in argv)
    icon()
    version_resource()
    folder = pyinstaller()
    if "--no-smoke" in argv:
        return 0
    return subprocess.run([sys.executable, str(ROOT / "packaging" / "smoke_test.py"), str(folder)]).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
