"""Demo data generation rate on SQLite and on PostgreSQL (releases per second), against a
floor measured in the same run: raw executemany of the same number of release rows only."""

from __future__ import annotations

import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parent.parent / "tests"))

from relgui import demo  # noqa: E402
from relgui.services.context import AppContext  # noqa: E402
from relgui.services.database import open_database  # noqa: E402

N_SQLITE = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
N_PG = int(sys.argv[2]) if len(sys.argv) > 2 else 5_000


def _rate(url: str, n: int) -> float:
    ctx = AppContext(db=open_database(url))
    t = time.perf_counter()
    report = demo.generate(ctx, releases=n, seed=1)
    took = time.perf_counter() - t
    ctx.db.dispose()
    print(f"  {n} releases, {report.rows} rows in {took:.1f} s → {n / took:,.0f} releases/s, "
          f"{report.rows / took:,.0f} rows/s; 100 000 releases ≈ {100_000 / (n / took):.0f} s")
    return n / took


def _floor(n_rows: int) -> float:
    with tempfile.TemporaryDirectory() as d:
        conn = sqlite3.connect(Path(d) / "f.db")
        conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT, b TEXT, c TEXT, d TEXT, e TEXT, f INT)")
        rows = [(i, f"FB-{i}", "标题" * 5, "normal", "closed", "2026-01-01 00:00:00.000000", 1) for i in range(n_rows)]
        t = time.perf_counter()
        conn.executemany("INSERT INTO t VALUES (?,?,?,?,?,?,?)", rows)
        conn.commit()
        return n_rows / (time.perf_counter() - t)


def main() -> None:
    with tempfile.TemporaryDirectory() as d:
        print(f"SQLite, {N_SQLITE} releases:")
        _rate(f"sqlite:///{d}/demo.db", N_SQLITE)
    print(f"floor: raw sqlite3 executemany of narrow rows: {_floor(200_000):,.0f} rows/s")
    from pgserver import PgServer

    server = PgServer()
    try:
        server.start()
        print(f"PostgreSQL, {N_PG} releases:")
        _rate(server.url(), N_PG)
    except RuntimeError as exc:
        print(f"PostgreSQL not measured: {exc}")
    finally:
        server.stop()


if __name__ == "__main__":
    main()
