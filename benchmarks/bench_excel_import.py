"""Import of a 20 000-row release register from .xlsx and from .xls (issue 18), against a bare
python-calamine read of the same file in the same run (the floor: open, every cell of the
sheet as Python values, close). Target ≤ 3× for both:

- the dry run: load + inspect + preview (what the user waits for before deciding);
- the whole import: load + inspect + apply — the checks again inside the transaction, the
  numbers reserved in one step, 20 000 releases inserted in bulk, one audit event and the
  rows' evidence, committed to a fresh SQLite database (copied from an empty one before each
  run, not timed).

Beside the import, each round also times SQLite alone storing the rows the import wrote (read
back from it; values as stored, same schema, indexes and pragmas, the columns the import binds;
no checks, no evidence, no audit) — printed for reference, since that alone can exceed three bare reads of a small file;
the verdicts stay against the floor.

Each round measures the floor, the dry run and the import one after another (this machine is
shared: interleaving keeps the load alike for the three); the medians of the rounds are
reported with their ratio to the floor's median, and the CPU seconds beside (less disturbed
by other processes than the wall clock).

    python benchmarks/bench_excel_import.py [--rows 20000] [--rounds 3] [--no-apply]

The .xls is converted from the .xlsx by LibreOffice Calc (tests/data/excel/make_fixtures.py);
without Calc only the .xlsx is measured. (benchmarks/bench_import.py is another thing: the
time to import relgui.services as Python modules.)
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests" / "data" / "excel"))
from common import report  # noqa: E402

HEADERS = ["登记编号", "发布名称", "发布类型", "状态", "结果", "涉及系统", "计划开始时间", "关闭时间", "备注"]
TYPES = ("一般发布", "重大发布", "紧急发布")
OUTCOMES = ("发布成功", "发布成功", "发布成功", "发布失败", "已回退")


def make_xlsx(path: Path, rows: int) -> Path:
    """An old register: Excel dates and dates as text in the forms offices type."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("发布登记")
    ws.append(HEADERS)
    start = dt.datetime(2021, 1, 4, 22, 0)
    for i in range(rows):
        at = start + dt.timedelta(hours=2 * i)
        closed = at + dt.timedelta(hours=3)
        forms = (closed, f"{closed:%Y/%m/%d %H:%M}", f"{closed.year}年{closed.month}月{closed.day}日 {closed:%H:%M}",
                 f"{closed:%Y-%m-%d}")
        ws.append([f"OLD-{i:06d}", f"历史发布 {i}：核心交易系统第 {i % 97} 号补丁", TYPES[i % 3], "已关闭",
                   OUTCOMES[i % 5], "核心交易系统", at, forms[i % 4], "从旧登记簿导入"])
    wb.save(path)
    return path


def bare_read(path: Path) -> int:
    from python_calamine import CalamineWorkbook

    with CalamineWorkbook.from_path(str(path)) as wb:
        return len(wb.get_sheet_by_index(0).to_python())


def _context(path: Path):
    from relgui.services.context import AppContext, system_actor
    from relgui.services.database import open_database

    return AppContext(db=open_database(f"sqlite:///{path}"), actor=system_actor("benchmarks"))


def dry_run(ctx, path: Path) -> int:
    from relgui.services import register_import

    book = register_import.load(path)
    info = register_import.inspect(book)
    preview = register_import.preview(ctx, book, info.mapping)
    assert preview.ok, preview.messages()[:3]
    return len(preview.candidates)


def whole_import(ctx, path: Path) -> int:
    from relgui.services import register_import

    book = register_import.load(path)
    info = register_import.inspect(book)
    return register_import.apply(ctx, book, info.mapping).count


def stored_rows(path: Path) -> tuple[list[str], list[tuple]]:
    """The releases an import wrote, as SQLite holds them (columns, rows)."""
    import sqlite3

    with contextlib.closing(sqlite3.connect(path)) as con:
        cur = con.execute("SELECT * FROM releases ORDER BY id")
        return [d[0] for d in cur.description], cur.fetchall()


def bare_insert(target: Path, columns: list[str], rows: list[tuple]) -> None:
    """What SQLite alone takes to store the rows an import writes (values already as stored,
    the schema's indexes and relgui's pragmas; no checks, no evidence, no audit): a second
    reference, printed beside the floor — the import's verdict stays against the floor. As the
    import's insert does, a column null in every row is left out of the statement."""
    import sqlite3

    kept = [i for i, _ in enumerate(columns) if any(row[i] is not None for row in rows)]
    columns = [columns[i] for i in kept]
    rows = [tuple(row[i] for i in kept) for row in rows]
    with contextlib.closing(sqlite3.connect(target, isolation_level=None)) as con:
        for pragma in ("foreign_keys=ON", "journal_mode=WAL", "synchronous=FULL"):
            con.execute(f"PRAGMA {pragma}")
        con.execute("BEGIN IMMEDIATE")
        con.executemany(f"INSERT INTO releases ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})", rows)
        con.execute("COMMIT")


def _timed(fn) -> tuple[float, float]:
    """(wall ms, CPU ms) of one call."""
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000


def measure(path: Path, rows: int, apply: bool, folder: Path, rounds: int) -> list[dict]:
    kind = path.suffix[1:]
    empty = folder / f"empty-{kind}.db"
    _context(empty).db.dispose()  # made and migrated once
    assert bare_read(path) == rows + 1
    ctx = _context(folder / f"dry-{kind}.db")
    samples: dict[str, list[tuple[float, float]]] = {"floor": [], "dry": [], "import": [], "insert": []}
    try:
        assert dry_run(ctx, path) == rows  # warm: modules imported, the profile loaded
        bare_read(path)
        for n in range(rounds):
            samples["floor"].append(_timed(lambda: bare_read(path)))
            samples["dry"].append(_timed(lambda: dry_run(ctx, path)))
            if apply:
                target = folder / f"import-{kind}-{n}.db"
                shutil.copy(empty, target)
                into = _context(target)
                try:
                    samples["import"].append(_timed(lambda: whole_import(into, path) == rows or sys.exit("rows")))
                finally:
                    into.db.dispose()
                columns, stored = stored_rows(target)
                target.unlink()
                shutil.copy(empty, target)
                samples["insert"].append(_timed(lambda: bare_insert(target, columns, stored)))
                target.unlink()
    finally:
        ctx.db.dispose()
    floor = statistics.median(w for w, _ in samples["floor"])
    floor_cpu = statistics.median(c for _, c in samples["floor"])
    out = []
    for key, label in (("dry", "load+inspect+preview"), ("import", "load+inspect+apply (SQLite)")):
        if not samples[key]:
            continue
        wall = statistics.median(w for w, _ in samples[key])
        cpu = statistics.median(c for _, c in samples[key])
        out.append(report(f"{rows} rows .{kind}: {label}", wall, floor, 3.0))
        print(f"{'':58s} CPU {cpu:9.2f} ms  floor {floor_cpu:8.2f} ms  ratio {cpu / floor_cpu:5.2f}")
    if samples["insert"]:
        wall = statistics.median(w for w, _ in samples["insert"])
        cpu = statistics.median(c for _, c in samples["insert"])
        imp = statistics.median(w for w, _ in samples["import"])
        imp_cpu = statistics.median(c for _, c in samples["import"])
        print(f"  for reference, SQLite alone storing the {rows} rows (no checks, no evidence): {wall:.0f} ms "
              f"(CPU {cpu:.0f} ms) = {wall / floor:.2f}x the floor (CPU {cpu / floor_cpu:.2f}x); "
              f"the import is {imp / (floor + wall):.2f}x floor + that (CPU {imp_cpu / (floor_cpu + cpu):.2f}x)")
    return out


def main(argv: list[str] | None = None) -> list[dict]:
    args = argparse.ArgumentParser()
    args.add_argument("--rows", type=int, default=20_000)
    args.add_argument("--rounds", type=int, default=3)
    args.add_argument("--no-apply", action="store_true")
    opts = args.parse_args(argv)
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        xlsx = make_xlsx(folder / "register.xlsx", opts.rows)
        results += measure(xlsx, opts.rows, not opts.no_apply, folder, opts.rounds)
        try:
            from make_fixtures import convert

            xls = convert(xlsx, "xls", folder)
        except (SystemExit, OSError) as exc:
            print(f".xls not measured: {exc}")
        else:
            results += measure(xls, opts.rows, not opts.no_apply, folder, opts.rounds)
    return results


if __name__ == "__main__":
    main()
