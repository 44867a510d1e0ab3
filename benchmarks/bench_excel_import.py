"""Import of a 20 000-row release register from .xlsx and from .xls (issue 18), against a bare
python-calamine read of the same file in the same run (the floor: open, every cell of the
sheet as Python values, close). Target: the dry run (load + inspect + preview, what the user
waits for before deciding) ≤ 3× the floor. The import itself (apply: the same checks again,
then 20 000 releases and their audit events written to SQLite in one unit of work) is printed
too, with its ratio, for what it is: mostly database work.

    python benchmarks/bench_excel_import.py [--rows 20000] [--no-apply]

The .xls is converted from the .xlsx by LibreOffice Calc (tests/data/excel/make_fixtures.py);
without Calc only the .xlsx is measured. (benchmarks/bench_import.py is another thing: the
time to import relgui.services as Python modules.)
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests" / "data" / "excel"))
from common import median_ms, report  # noqa: E402

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


def _context(folder: Path):
    from relgui.services.context import AppContext, system_actor
    from relgui.services.database import open_database

    return AppContext(db=open_database(f"sqlite:///{folder / 'bench.db'}"), actor=system_actor("benchmarks"))


def dry_run(ctx, path: Path) -> int:
    from relgui.services import register_import

    book = register_import.load(path)
    info = register_import.inspect(book)
    preview = register_import.preview(ctx, book, info.mapping)
    assert preview.ok, preview.messages()[:3]
    return len(preview.candidates)


def measure(path: Path, rows: int, apply: bool, folder: Path) -> list[dict]:
    from relgui.services import register_import

    kind = path.suffix[1:]
    assert bare_read(path) == rows + 1
    floor = median_ms(lambda: bare_read(path), repeat=5, warmup=1)
    ctx = _context(folder / kind)
    try:
        assert dry_run(ctx, path) == rows
        value = median_ms(lambda: dry_run(ctx, path), repeat=5, warmup=1)
        out = [report(f"{rows} rows .{kind}: load+inspect+preview (vs bare calamine read)", value, floor, 3.0)]
        if apply:
            t = time.perf_counter()
            book = register_import.load(path)
            done = register_import.apply(ctx, book, register_import.inspect(book).mapping)
            ms = (time.perf_counter() - t) * 1000
            assert done.count == rows
            out.append(report(f"{rows} rows .{kind}: load+apply, written to SQLite (vs bare read)", ms, floor))
    finally:
        ctx.db.dispose()
    return out


def main(argv: list[str] | None = None) -> list[dict]:
    args = argparse.ArgumentParser()
    args.add_argument("--rows", type=int, default=20_000)
    args.add_argument("--no-apply", action="store_true")
    opts = args.parse_args(argv)
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for kind in ("xlsx", "xls"):
            (folder / kind).mkdir()
        xlsx = make_xlsx(folder / "register.xlsx", opts.rows)
        results += measure(xlsx, opts.rows, not opts.no_apply, folder)
        try:
            from make_fixtures import convert

            xls = convert(xlsx, "xls", folder)
        except (SystemExit, OSError) as exc:
            print(f".xls not measured: {exc}")
        else:
            results += measure(xls, opts.rows, not opts.no_apply, folder)
    return results


if __name__ == "__main__":
    main()
