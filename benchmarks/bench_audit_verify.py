"""`audit verify` on the 100 000-release demo: the chain and every record, against a raw scan.

    python benchmarks/bench_audit_verify.py [--db PATH] [--workers N]

The floor is a raw scan of the same data in the same run: every row of every evidence table
and of audit_events read through sqlite3 (no hashing, no JSON). relgui's verify walks the
chain (SHA-256 per event), reads each event's row images, recomputes the image of every live
row and compares; on SQLite worker processes take the row hashes while this process walks the
chain (relgui.store.rowhash; --workers 0: this process alone). Target: ≤ 3× the floor. Prints
the events and rows checked, the findings (0 on the untouched demo), the worker processes and
the cores of the machine.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from common import big_database, report  # noqa: E402


def raw_scan(path: Path) -> tuple[float, int]:
    from relgui.store import evidence

    t = time.perf_counter()
    rows = 0
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        for name in (*evidence.TABLES, "audit_events"):
            for _row in con.execute(f"SELECT * FROM {name}"):
                rows += 1
    finally:
        con.close()
    return (time.perf_counter() - t) * 1000, rows


def relgui_verify(path: Path, workers: int | None = None) -> tuple[float, int, int, int]:
    from relgui.services import auditing
    from relgui.services.context import AppContext
    from relgui.services.database import open_database

    ctx = AppContext(db=open_database(str(path)))
    try:
        t = time.perf_counter()
        chain, rows = auditing.verify_all(ctx, workers=workers)
        took = (time.perf_counter() - t) * 1000
    finally:
        ctx.db.dispose()
    assert chain.ok, chain.describe("en")
    return took, chain.checked, rows.checked, sum(rows.by_table.values())


def main(argv=None) -> list[dict]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--workers", type=int, default=None, help="worker processes (default: cores - 1)")
    args = parser.parse_args(argv)
    path = args.db or big_database()
    from relgui.store import rowhash

    workers = rowhash.default_workers() if args.workers is None else args.workers
    raw_scan(path)  # warm the OS file cache
    floor, scanned = raw_scan(path)
    took, events, rows, findings = relgui_verify(path, workers)
    print(f"rows scanned by the floor: {scanned}; relgui checked {events} events and {rows} records, "
          f"{findings} findings; {workers} worker process(es) beside this one, {os.cpu_count()} cores; "
          f"verify {took / 1000:.1f} s, floor {floor / 1000:.1f} s, ratio {took / floor:.2f}")
    return [report("audit verify (chain + every record), 100 000 releases", took, floor, target_ratio=3.0)]


if __name__ == "__main__":
    main()
