"""Build the one-folder distribution from a clean virtual environment, then smoke-test it.

    python packaging/build.py            # build/venv-dist → dist/relgui/, then smoke test
    python packaging/build.py --fresh    # recreate the build environment first
    python packaging/build.py --reuse-env  # only re-run PyInstaller and the smoke test
    python packaging/build.py --sign FILE…  # sign files (the installer) when a certificate is configured
    python packaging/build.py --print-version

The build environment takes the locked versions (packaging/constraints.txt, `make lock`).
Signing (signtool, Windows SDK): with RELGUI_SIGN_PFX (a .pfx file) and RELGUI_SIGN_PASSWORD,
or RELGUI_SIGN_THUMBPRINT (a certificate in the user's store), both executables are signed
(SHA-256, RFC 3161 timestamp from RELGUI_SIGN_TIMESTAMP or DigiCert's) before the smoke test;
without them the step is skipped with a notice (an unsigned build is what the smoke test and
the installer test need; only a release is signed).

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
CONSTRAINTS = ROOT / "packaging" / "constraints.txt"
ICON_SIZES = (16, 20, 24, 32, 40, 48, 64, 96, 128, 256)  # Explorer, Start menu, taskbar at 100–200 %


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
    locked = ["-c", str(CONSTRAINTS)]  # the versions of packaging/constraints.txt, none newer
    subprocess.run([py, "-m", "pip", "install", "--quiet", "--upgrade", "pip"], check=True)
    # A regular (not editable) install: what the spec collects is what a user would get.
    subprocess.run([py, "-m", "pip", "install", "--quiet", "--force-reinstall", "--no-deps", str(ROOT)], check=True)
    subprocess.run([py, "-m", "pip", "install", "--quiet", *locked, str(ROOT), "pyinstaller>=6.5"], check=True)


def icon(python: str | None = None, out: Path | None = None) -> Path:
    """relgui.ico with one image per size (16…256), each rendered from the SVG at that size by
    Qt (small sizes drawn for their pixels, not shrunk by Explorer from one 256 px image) and
    written by Pillow; relgui.png (256 px) beside it."""
    out = out or BUILD
    out.mkdir(parents=True, exist_ok=True)
    code = (
        "import io, sys\n"
        "from PIL import Image\n"
        "from PySide6.QtCore import QBuffer, QIODevice\n"
        "from PySide6.QtGui import QGuiApplication, QImage, QPainter\n"
        "from PySide6.QtSvg import QSvgRenderer\n"
        "app = QGuiApplication(['x'])\n"
        "svg, out, sizes = sys.argv[1], sys.argv[2], [int(s) for s in sys.argv[3:]]\n"
        "r = QSvgRenderer(svg)\n"
        "images = []\n"
        "for n in sizes:\n"
        "    img = QImage(n, n, QImage.Format.Format_ARGB32)\n"
        "    img.fill(0)\n"
        "    p = QPainter(img); p.setRenderHint(QPainter.RenderHint.Antialiasing); r.render(p); p.end()\n"
        "    buf = QBuffer(); buf.open(QIODevice.OpenModeFlag.WriteOnly); img.save(buf, 'PNG')\n"
        "    images.append(Image.open(io.BytesIO(bytes(buf.data()))).convert('RGBA'))\n"
        "big = images[-1]\n"
        "big.save(out + '/relgui.png')\n"
        "big.save(out + '/relgui.ico', format='ICO', sizes=[(n, n) for n in sizes], append_images=images[:-1])\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    subprocess.run([python or str(_bin("python")), "-c", code, str(ROOT / "resources" / "icons" / "relgui.svg"),
                    str(out), *map(str, ICON_SIZES)], check=True, env=env)
    return out / "relgui.ico"


def sign(paths: list[Path]) -> bool:
    """Sign ``paths`` with signtool when a certificate is configured; else say so and go on."""
    pfx, thumbprint = os.environ.get("RELGUI_SIGN_PFX"), os.environ.get("RELGUI_SIGN_THUMBPRINT")
    if not (pfx or thumbprint):
        print("notice: not signed (no certificate configured: set RELGUI_SIGN_PFX and RELGUI_SIGN_PASSWORD, "
              "or RELGUI_SIGN_THUMBPRINT)")
        return False
    signtool = shutil.which("signtool") or shutil.which("signtool.exe")
    if os.name != "nt" or signtool is None:
        print("notice: not signed (signtool from the Windows SDK is needed, on Windows)")
        return False
    who = ["/f", pfx, "/p", os.environ.get("RELGUI_SIGN_PASSWORD", "")] if pfx else ["/sha1", thumbprint]
    stamp = os.environ.get("RELGUI_SIGN_TIMESTAMP", "http://timestamp.digicert.com")
    subprocess.run([signtool, "sign", "/fd", "SHA256", "/tr", stamp, "/td", "SHA256", *who,
                    *map(str, paths)], check=True)
    subprocess.run([signtool, "verify", "/pa", *map(str, paths)], check=True)
    return True


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


def strip(folder: Path) -> int:
    """Strip the symbols of the Linux build's shared libraries in _internal (what PyInstaller's
    strip=True did, 23 MB of symbols), except the libraries auditwheel grafted into a wheel's
    ``<name>.libs`` folder: patchelf rewrote their program headers and strip then leaves them
    unloadable (numpy's OpenBLAS: "ELF load command address/offset not page-aligned",
    pyinstaller/pyinstaller #9463). The executables are not touched (their archive is appended).
    Returns the bytes saved."""
    tool = shutil.which("strip")
    if os.name == "nt" or sys.platform == "darwin" or tool is None:
        return 0
    saved = 0
    for f in sorted((folder / "_internal").rglob("*")):
        if f.is_symlink() or not f.is_file() or any(p.endswith(".libs") for p in f.parts):
            continue
        with f.open("rb") as fh:
            if fh.read(4) != b"\x7fELF":
                continue
        before = f.stat().st_size
        subprocess.run([tool, str(f)], check=True)
        saved += before - f.stat().st_size
    return saved


def main(argv: list[str]) -> int:
    if "--print-version" in argv:
        print(version())
        return 0
    if "--sign" in argv:
        sign([Path(p) for p in argv[argv.index("--sign") + 1:]])
        return 0
    BUILD.mkdir(exist_ok=True)
    if "--reuse-env" not in argv:  # --reuse-env: iterate on the spec without reinstalling
        environment("--fresh" in argv)
    icon()
    version_resource()
    folder = pyinstaller()
    print(f"stripped: {strip(folder) / 1e6:.1f} MB of symbols")
    suffix = ".exe" if os.name == "nt" else ""
    sign([folder / f"relgui{suffix}", folder / f"relgui-admin{suffix}"])
    if "--no-smoke" in argv:
        return 0
    return subprocess.run([sys.executable, str(ROOT / "packaging" / "smoke_test.py"), str(folder)]).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
