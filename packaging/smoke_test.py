"""Smoke test of the frozen one-folder build: the programs start, find their data and work.

    python packaging/smoke_test.py dist/relgui

Runs, on a fresh SQLite database in a temporary RELGUI_HOME: relgui --exit-when-ready
(offscreen), relgui-admin init with a first administrator, a write without a login (refused,
exit 3), demo and audit verify logged in as that administrator, doc plan as .docx and .pdf,
the KPI report (.docx with its chart) and table (.xlsx), the in-program checks of
packaging/self_check.py (Excel and PDF read back, the PostgreSQL driver, a chart on a Qt
canvas); then relgui --exit-when-ready again logged in as the administrator and as a demo
user; then, when PostgreSQL's server programs are here, init, demo and a read on a throw-away
server. Prints the bundle size and its largest parts. Whatever the spec prunes must leave all
of this working (packaging/relgui.spec).
"""

from __future__ import annotations

import datetime
import json
import locale
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ADMIN, ADMIN_PASSWORD = "boss", "smoke-admin-pw-2026"  # the first administrator made by init
AS_ADMIN = ("--user", ADMIN, "--password-stdin")  # relgui-admin logs in; the password on stdin


def console_encoding(env: dict[str, str]) -> str:
    """The encoding a frozen program writes to a pipe in. A PyInstaller program ignores
    PYTHONIOENCODING (its bootloader sets Py_IgnoreEnvironmentFlag) but honours PYTHONUTF8;
    otherwise it is the locale's: the ANSI code page on Windows (cp936, cp1252), LC_ALL's
    character set on Linux."""
    if env.get("PYTHONUTF8") == "1":
        return "utf-8"
    if env.get("RELGUI_SMOKE_ENCODING"):
        return env["RELGUI_SMOKE_ENCODING"]
    if env.get("PYTHONUTF8") == "0":  # the locale's own, whatever mode this (parent) Python is in
        return locale.getencoding()
    return locale.getpreferredencoding(False)


def code_page_consoles(scratch: Path) -> list[tuple[str, dict[str, str]]]:
    """The consoles to try: on Windows the runner's own ANSI code page with UTF-8 mode off;
    on Linux real GBK and CP1252 locales made with localedef (the frozen program then writes
    exactly as on a Chinese or Western Windows console with its output piped)."""
    if os.name == "nt":
        return [(locale.getencoding(), {"PYTHONUTF8": "0"})]  # the runner's ANSI code page
    consoles = []
    for name, source, charmap, encoding in (("zh_CN.GBK", "zh_CN", "GBK", "gbk"),
                                            ("en_US.CP1252", "en_US", "CP1252", "cp1252")):
        made = subprocess.run(["localedef", "-i", source, "-f", charmap, str(scratch / name)], capture_output=True)
        if made.returncode not in (0, 1) or not (scratch / name).exists():  # 1: made, with warnings
            print(f"note: no {name} locale here (localedef: {made.stderr.decode(errors='replace')[:200]}); skipped")
            continue
        consoles.append((encoding, {"LOCPATH": str(scratch), "LC_ALL": name, "PYTHONUTF8": "0",
                                    "RELGUI_SMOKE_ENCODING": encoding}))
    return consoles


def run(exe: Path, *args: str, home: Path, stdin: str = "", out: list[str] | None = None, expect: int = 0,
        env: dict[str, str] | None = None) -> float:
    """Run one program; its output decoded strictly in the encoding it writes (a byte that does
    not decode fails the smoke test: that is the console a user would see garbled)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "RELGUI_HOME": str(home), **(env or {})}
    encoding = console_encoding(env)
    t = time.perf_counter()
    result = subprocess.run([str(exe), *args], input=stdin.encode(encoding), capture_output=True, env=env,
                            timeout=300)
    took = (time.perf_counter() - t) * 1000
    try:
        stdout, stderr = result.stdout.decode(encoding), result.stderr.decode(encoding)
    except UnicodeDecodeError as exc:
        raise SystemExit(f"FAILED: {exe.name} {' '.join(args)}: output is not {encoding}: {exc}") from None
    if result.returncode != expect:
        raise SystemExit(f"FAILED: {exe.name} {' '.join(args)} → {result.returncode} (expected {expect})\n"
                         f"{stdout}\n{stderr}")
    print(f"ok  {exe.name} {' '.join(args)}  ({took:.0f} ms, {encoding})")
    if out is not None:
        out.append(stdout)
    return took


def run_json(exe: Path, *args: str, home: Path, env: dict[str, str] | None = None):
    """A --json command: its output is UTF-8 whatever the console's encoding."""
    env = {**os.environ, "RELGUI_HOME": str(home), **(env or {})}
    result = subprocess.run([str(exe), *args], capture_output=True, env=env, timeout=300, check=True)
    return json.loads(result.stdout.decode("utf-8"))


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


def documents(admin: Path, number: str, home: Path) -> None:
    """What the pruned bundle must still do (packaging/relgui.spec's pruning list): the plan as
    PDF (relgui's page engine, Qt's PDF writer and the QR code), the KPI report as .docx with its
    matplotlib chart, the KPI table as .xlsx (openpyxl); then, inside the frozen program
    (packaging/self_check.py), that .xlsx read back by python-calamine, the PDF read by PDFium,
    the PostgreSQL driver with its libpq, and a chart drawn on a Qt canvas."""
    pdf = home / "plan.pdf"
    run(admin, "doc", "plan", number, "-o", str(pdf), home=home)
    if not pdf.read_bytes().startswith(b"%PDF-") or pdf.stat().st_size < 5000:
        raise SystemExit("FAILED: doc plan -o plan.pdf wrote no PDF")
    today = datetime.date.today()
    quarter = f"{today.year}Q{(today.month - 1) // 3 + 1}"  # the demo's releases are around today
    report = home / "kpi.docx"
    run(admin, "kpi", "--quarter", quarter, "--docx", str(report), home=home)
    with zipfile.ZipFile(report) as docx:
        charts = [n for n in docx.namelist() if n.startswith("word/media/") and n.endswith(".png")]
        if not charts or docx.getinfo(charts[0]).file_size < 5000:
            raise SystemExit(f"FAILED: the KPI report has no chart ({docx.namelist()})")
        print(f"ok  {report.name}: chart {charts[0]} {docx.getinfo(charts[0]).file_size} bytes")
    run(admin, "kpi", "--quarter", quarter, "--xlsx", str(home / "kpi.xlsx"), home=home)
    checked: list[str] = []
    run(admin, "--frozen-self-check", str(home), home=home, out=checked)
    print("\n".join("    " + line for line in checked[0].splitlines()))


def postgresql(admin: Path) -> None:
    """init, demo and a read against a real PostgreSQL server when its binaries are here (the
    test suite's throw-away server, tests/pgserver.py); else a note (the self-check still loaded
    the driver and libpq)."""
    if os.name == "nt":  # tests/pgserver.py is POSIX (runuser, a Unix socket)
        print("note: PostgreSQL server not started on Windows; the driver was checked by the self-check only")
        return
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
    try:
        from pgserver import PgServer
        server = PgServer()
    except (ImportError, RuntimeError) as exc:
        print(f"note: no PostgreSQL server here ({exc}); the driver was checked by the self-check only")
        return
    server.start()
    try:
        db = {"RELGUI_DB": server.url()}
        with tempfile.TemporaryDirectory() as tmp:
            home = Path(tmp)
            login = ADMIN_PASSWORD + "\n"
            run(admin, "--sslmode", "disable", "init", "--admin", ADMIN, "--name", "系统管理员", "--password-stdin",
                home=home, stdin=login, env=db)
            run(admin, "--sslmode", "disable", *AS_ADMIN, "demo", "--releases", "10", "--seed", "1", home=home,
                stdin=login, env=db)
            rows = run_json(admin, "--sslmode", "disable", "release", "list", "--json", home=home, env=db)
            if len(rows) < 10:
                raise SystemExit(f"FAILED: PostgreSQL holds {len(rows)} releases after demo --releases 10")
            print(f"ok  PostgreSQL: {len(rows)} releases")
    finally:
        server.stop()


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
        number = run_json(admin, "release", "list", "--status", "closed", "--json", home=home)[0]["number"]
        # Chinese Windows consoles (GBK) and Western ones (cp1252), UTF-8 mode off, output piped:
        # text in the console's code page (never a UnicodeEncodeError), --json in UTF-8.
        for encoding, env in code_page_consoles(home):
            said: list[str] = []
            run(admin, "init", home=home, env=env, out=said)
            if encoding == "gbk" and "数据库就绪" not in said[0]:
                raise SystemExit(f"FAILED: init under {encoding} printed {said[0]!r}")
            run(admin, "release", "show", number, home=home, env=env)
            rows = run_json(admin, "release", "list", "--json", home=home, env=env)
            if not any(any("\u4e00" <= ch <= "\u9fff" for ch in row["title"]) for row in rows):
                raise SystemExit(f"FAILED: release list --json under {encoding} lost the Chinese titles")
        out = home / "plan.docx"
        run(admin, "doc", "plan", number, "-o", str(out), home=home)
        if not out.exists() or out.stat().st_size < 5000:
            raise SystemExit("FAILED: doc plan wrote no document")
        print(f"ok  {out.name}: {out.stat().st_size} bytes")
        documents(admin, number, home)
        run(admin, *AS_ADMIN, "audit", "verify", home=home, stdin=login)
        run(gui, "--user", ADMIN, "--password-stdin", "--exit-when-ready", home=home, stdin=login)
        run(gui, "--user", "lina", "--password-stdin", "--exit-when-ready", home=home,
            stdin=demo_password(printed[0], "lina") + "\n")
    postgresql(admin)
    size_report(root)
    sys.path.insert(0, str(Path(__file__).parent))
    import bundle_size  # the table of docs/install-windows.md, for this platform's build

    bundle_size.main([str(root)])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "dist/relgui"))
