"""The size table of a one-folder build (docs/install-windows.md, "安装包大小 / Bundle size").

    python packaging/bundle_size.py dist/relgui          # the table
    python packaging/bundle_size.py dist/relgui --xz     # and the folder as tar | xz -9 (slow)

On a Linux build it separates what only Linux ships: Qt's own ICU (on Windows Qt uses the
system's ICU), the system libraries PyInstaller copied from /usr/lib (X11/xcb, fontconfig,
freetype, glib, D-Bus, GnuTLS, Kerberos …; Windows has these in the OS or not at all), and
Qt's Linux-only modules and plugins (XcbQpa, DBus, EglFsKmsSupport, the xcb platform), and
the X11 client libraries Linux wheels carry (Pillow's libxcb and libXau). What
is left has a Windows counterpart of about the same size (Qt DLLs, numpy's OpenBLAS, libpq,
Python modules, python311.dll for libpython): the Windows-relevant estimate. The Windows
workflow's smoke test prints the real Windows figures.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

LINUX_QT = re.compile(r"PySide6/Qt/(lib/lib(icu\w+|Qt6XcbQpa|Qt6DBus|Qt6EglFsKmsSupport)\.so"
                      r"|plugins/(platforms/libqxcb|xcbglintegrations|platformthemes|wayland))")
# X11 client libraries a Linux wheel carries beside its extension: Pillow's ImageGrab links
# libxcb (and libXau behind it); the Windows Pillow has no X11 and grabs with GDI.
LINUX_WHEEL_LIBS = re.compile(r"^pillow\.libs/lib(xcb|Xau)-[0-9a-f]+\.so")


def _files(folder: Path):
    for f in folder.rglob("*"):
        if f.is_file() and not f.is_symlink():
            yield f, f.stat().st_size


def table(folder: Path) -> dict[str, float]:
    inner = folder / "_internal"
    total = linux_qt = icu = system = pyc = x11 = 0
    for f, size in _files(folder):
        total += size
        rel = f.relative_to(inner).as_posix() if f.is_relative_to(inner) else f.name
        if f.suffix == ".pyc":
            pyc += size
        if LINUX_QT.search(rel):
            linux_qt += size
            if "libicu" in rel:
                icu += size
        elif LINUX_WHEEL_LIBS.search(rel):
            x11 += size
        elif f.parent == inner and re.match(r"lib.+\.so(\.\d+)*$", f.name) and not f.name.startswith("libpython"):
            system += size  # copied from the build machine's /usr/lib
    exes = sum((folder / n).stat().st_size for n in ("relgui", "relgui-admin", "relgui.exe", "relgui-admin.exe")
               if (folder / n).exists())
    mb = 1e6
    return {"total": total / mb, "linux_only": (linux_qt + system + x11) / mb, "icu": icu / mb,
            "linux_qt_other": (linux_qt - icu) / mb, "system_libs": system / mb, "wheel_x11": x11 / mb,
            "windows_relevant": (total - linux_qt - system - x11) / mb, "executables": exes / mb, "pyc": pyc / mb}


def xz_size(folder: Path) -> float:
    tar = subprocess.Popen(["tar", "cf", "-", "-C", str(folder.parent), folder.name], stdout=subprocess.PIPE)
    xz = subprocess.run(["xz", "-9", "-T2", "-c"], stdin=tar.stdout, capture_output=True, check=True)
    tar.wait()
    return len(xz.stdout) / 1e6


def main(argv: list[str]) -> int:
    folder = Path(argv[0] if argv else "dist/relgui")
    t = table(folder)
    print(f"| total (this build) | {t['total']:.1f} MB |")
    print(f"| Linux-only: Qt's ICU | {t['icu']:.1f} MB |")
    print(f"| Linux-only: Qt's xcb/D-Bus/EGL parts | {t['linux_qt_other']:.1f} MB |")
    print(f"| Linux-only: system libraries from /usr/lib | {t['system_libs']:.1f} MB |")
    print(f"| Linux-only: X11 libraries of Linux wheels (Pillow's libxcb, libXau) | {t['wheel_x11']:.1f} MB |")
    print(f"| Windows-relevant (total − Linux-only) | {t['windows_relevant']:.1f} MB |")
    print(f"| both executables | {t['executables']:.2f} MB |")
    print(f"| Python modules (.pyc, stored once) | {t['pyc']:.1f} MB |")
    if "--xz" in argv:
        print(f"| tar + xz -9 of the folder | {xz_size(folder):.1f} MB |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
