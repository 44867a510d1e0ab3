"""Smoke test of the frozen one-folder build: the programs start, find their data and work.

    python packaging/smoke_test.py dist/relgui

Runs, on a fresh SQLite database in a temporary RELGUI_HOME: relgui --exit-when-ready
(offscreen), relgui-admin init with a first administrator, a write without a login (refused,
exit 3), demo and audit verify logged in as that administrator, doc plan; then relgui
--exit-when-ready again logged in as the administrator and as a demo user. Prints the bundle
size and its largest parts.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path


ADMIN, ADMIN_PASSWORD = "boss", "smoke-admin-pw-2026"  # the first administrator made by init
AS_ADMIN = ("--user", ADMIN, "--password-stdin")  # relgui-admin logs in; the password on stdin


def run(exe: Path, *args: str, home: Path, stdin: str = "", out: list[str] | None = None, expect: int = 0) -> float:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "RELGUI_HOME": str(home)}
    t = time.perf_counter()
    result = subprocess.run([str(exe), *args], input=stdin, capture_output=True, text=True, env=env, timeout=300)
    took = (time.perf_counter() - t) * 1000
    if result.returncode != expect:
        raise SystemExit(f"FAILED: {exe.name} {' '.join(args)} → {result.returncode} (expected {expect})\n"
                         f"{result.stdout}\n{result.stderr}")
    print(f"ok  {exe.name} {' '.join(args)}  ({took:.0f} ms)")
    if out is not None:
        out.append(result.stdout)
    return took


def demo_password(printed: str, username: str) -> str:
    """The random password `relgui-admin demo` printed once for a sample account."""
    for line in printed.splitlines():
        parts = line.strip().split("\t")
        if len(parts) >= 4 and parts[0] == username:
            return parts[-1]
    raise SystemExit(f"FAILED: demo printed no password for {username}")


def size_report(folder: Path) -> None:
    total = sum(f.lstat().st_size for f in folder.rglob("*") if f.is_file() and not f.is_symlink())
    print(f"bundle: {total / 1e6:.0f} MB")
    parts: dict[str, int] = {}
    inner = folder / "_internal"
    for f in inner.rglob("*"):
        if f.is_file() and not f.is_symlink():
            rel = f.relative_to(inner).parts
            key = "/".join(rel[:2]) if rel[0] in ("PySide6", "matplotlib", "numpy") and len(rel) > 2 else rel[0]
            parts[key] = parts.get(key, 0) + f.stat().st_size
    for key, size in sorted(parts.items(), key=lambda kv: -kv[1])[:12]:
        print(f"  {size / 1e6:7.1f} MB  {key}")


def main(folder: str) -> int:
    root = Path(folder)
    suffix = ".exe" if os.name == "nt" else ""
    gui, admin = root / f"relgui{suffix}", root / f"relgui-admin{suffix}"
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        run(gui, "--version", home=home)
        run(gui, "--exit-when-ready", home=home)
        login = ADMIN_PASSWORD + "\n"
        run(admin, "init", "--admin", ADMIN, "--name", "系统管理员", "--password-stdin", home=home, stdin=login)
        run(admin, "user", "add", "evil", "--role", "admin", "--name", "evil", "--password-stdin", home=home,
            stdin="evil-password-2026\n", expect=3)  # no login: refused
        printed: list[str] = []
        run(admin, *AS_ADMIN, "demo", "--releases", "60", "--seed", "1", home=home, out=printed, stdin=login)
        numbers = subprocess.run([str(admin), "release", "list", "--status", "closed", "--json"], capture_output=True,
                                 text=True, env={**os.environ, "RELGUI_HOME": str(home)}, check=True).stdout
        import json

        number = json.loads(numbers)[0]["number"]
        out = home / "plan.docx"
        run(admin, "doc", "plan", number, "-o", str(out), home=home)
        if not out.exists() or out.stat().st_size < 5000:
            raise SystemExit("FAILED: doc plan wrote no document")
        print(f"ok  {out.name}: {out.stat().st_size} bytes")
        run(admin, *AS_ADMIN, "audit", "verify", home=home, stdin=login)
        run(gui, "--user", ADMIN, "--password-stdin", "--exit-when-ready", home=home, stdin=login)
        run(gui, "--user", "lina", "--password-stdin", "--exit-when-ready", home=home,
            stdin=demo_password(printed[0], "lina") + "\n")
    size_report(root)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "dist/relgui"))
