"""Issue 17 (9): the statements relgui sends to a PostgreSQL server, per user action — each one a
network round trip (20 ms each at a branch office). Start-up to the first page: target ≤ 20.

A private PostgreSQL server (tests/pgserver.py) logs every statement it receives
(log_statement=all: BEGIN, ROLLBACK, pool pings and all); the real GUI runs in this process
(offscreen) as a workstation login. Printed per action: the server's count, and the client's
count (SQLAlchemy before_cursor_execute, which does not see psycopg's own BEGIN/ROLLBACK or the
pool's pings) with the statements by kind. The floor: one statement per read the action needs
(start-up: log in, count, first page) — the ratio says how far the round trips are from it.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_roundtrips.py [-v]
"""

from __future__ import annotations

import argparse
import io
import os
import re
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(Path(__file__).parent))

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pgserver import PgServer  # noqa: E402

LOGIN, PASSWORD = "relgui_ws", "bench-roundtrips-2026"
STATEMENT = re.compile(r"LOG:\s+(?:statement|execute [^:]*):\s*(.*)")


def server_statements(log: Path, start: int, end: int | None = None) -> list[str]:
    """The statements the server logged after byte ``start`` (it writes them as it receives them;
    read until the log has stopped growing)."""
    size = -1
    for _ in range(50):
        now = log.stat().st_size
        if now == size:
            break
        size = now
        time.sleep(0.02)
    with open(log, "rb") as fh:
        fh.seek(start)
        text = fh.read(-1 if end is None else end - start).decode("utf-8", "replace")
    return [m.group(1).strip() for m in STATEMENT.finditer(text)]


def kind(statement: str) -> str:
    s = statement.upper()
    for word in ("BEGIN", "ROLLBACK", "COMMIT", "SELECT 1", "SELECT CURRENT_TIMESTAMP", "SELECT PG_", "SHOW", "SET"):
        if s.startswith(word):
            return word
    return s.split()[0] if s else "?"


def prepare(server: PgServer) -> str:
    from sqlalchemy import create_engine, text

    admin = create_engine(server.url(), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text("CREATE DATABASE relgui_rt"))
    admin.dispose()
    cli = [sys.executable, "-m", "relgui.cli.main", "--db", server.url("relgui_rt")]
    subprocess.run([*cli, "init", "--admin", "admin", "--name", "管理员", "--password-stdin",
                    "--workstation-login", LOGIN], input=PASSWORD + "\n", text=True, check=True, capture_output=True)
    subprocess.run([*cli, "--user", "admin", "--password-stdin", "demo", "--releases", "300", "--seed", "3"],
                   input=PASSWORD + "\n", text=True, check=True, capture_output=True)
    from relgui.services import users
    from relgui.services.context import AppContext, system_actor
    from relgui.services.database import open_database

    ctx = AppContext(db=open_database(server.url("relgui_rt")), actor=system_actor("benchmarks"))
    users.set_password(ctx, "lina", PASSWORD, expected_version=users.get(ctx, "lina").row_version)
    ctx.db.dispose()
    eng = create_engine(server.url(), isolation_level="AUTOCOMMIT")
    with eng.connect() as conn:  # every statement the server receives, in its log
        conn.execute(text("ALTER SYSTEM SET log_statement = 'all'"))
        conn.execute(text("SELECT pg_reload_conf()"))
    eng.dispose()
    return server.url("relgui_rt", user=LOGIN)


class Client:
    """Statements as SQLAlchemy sends them (for the breakdown)."""

    def __init__(self):
        from sqlalchemy import event
        from sqlalchemy.engine import Engine

        self.seen: list[str] = []
        event.listen(Engine, "before_cursor_execute", lambda *a: self.seen.append(" ".join(a[2].split())))

    def take(self) -> list[str]:
        out, self.seen = self.seen, []
        return out


def measure(url: str, log: Path, verbose: bool) -> list[tuple[str, int, int, int]]:
    from PySide6.QtWidgets import QApplication

    from relgui.gui import ops
    from relgui.gui.main import parse_args
    from relgui.gui.startup import Startup

    client = Client()
    app = QApplication.instance() or QApplication([])
    results = []

    def record(action: str, start: int, floor: int, end: int | None = None) -> None:
        ops.wait_all(30)
        got = server_statements(log, start, end)
        mine = client.take()
        results.append((action, len(got), len(mine), floor))
        print(f"{action}: {len(got)} statements at the server ({len(mine)} from SQLAlchemy), floor {floor}, "
              f"ratio {len(got) / floor:.1f}")
        print("    " + ", ".join(f"{k} ×{n}" for k, n in Counter(kind(s) for s in got).most_common()))
        if verbose:
            for s in got:
                print("      ", s[:150])

    with __import__("tempfile").TemporaryDirectory() as tmp:
        args = parse_args(["--db", url, "--user", "lina", "--password-stdin", "--exit-when-ready",
                           "--settings", f"{tmp}/s.ini", "--lang", "zh_CN"])
        sys.stdin = io.StringIO(PASSWORD + "\n")
        start = log.stat().st_size
        client.take()
        startup = Startup(app, args)
        windows = []
        original = startup.show_main

        def keep(gctx):
            code = original(gctx)
            windows.append(startup.window)
            return code

        startup.show_main = keep
        from relgui.gui.main_window import MainWindow

        painted: list[int] = []
        original_start = MainWindow.start

        def start_and_watch(self):
            # Where the log stood when the first page was on screen (what the user waited for);
            # reads started after it (the alert round, the owner list) are not start-up.
            self.first_page_painted.connect(lambda: painted.append(log.stat().st_size) if not painted else None)
            original_start(self)

        MainWindow.start = start_and_watch
        assert startup.run() == 0
        MainWindow.start = original_start
        time.sleep(0.3)  # the server has written its log lines for what it received before
        record("start-up to the first page", start, 3, painted[0])
        win = windows[0]
        win.poller.timer.stop()
        win.clock_timer.stop()
        model = win.register.model

        start = log.stat().st_size
        win.poller.poll()
        record("poll for other workstations' changes", start, 1)

        row = next(r for r in range(model.rowCount()) if model.row_at(r) and model.row_at(r).status == "requested")
        start = log.stat().st_size
        win.register.table.setCurrentIndex(model.index(row, 0))
        record("select a release (its detail)", start, 2)

        from relgui.gui import ops as gops

        gops.ask = lambda *a, **k: True
        start = log.stat().st_size
        win.detail.buttons["accept"].click()
        record("受理 (the use case, then one refresh)", start, 6)

        start = log.stat().st_size
        win.register.type_filter.setCurrentIndex(1)
        record("filter by type (count + first page)", start, 2)
        win.close()
        win.gctx.app.db.dispose()
    return results


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("-v", "--verbose", action="store_true")
    args = p.parse_args()
    server = PgServer()
    server.start()
    try:
        url = prepare(server)
        results = measure(url, server.log, args.verbose)
    finally:
        server.stop()
    first = results[0][1]
    print(f"start-up: {first} statements (target ≤ 20): {'met' if first <= 20 else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
