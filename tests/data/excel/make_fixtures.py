"""Make the spreadsheet fixtures of tests/test_excel_office.py once: an old release register
with Chinese headers and a date in each form an office writes, as register.xlsx (openpyxl),
then register.xls and register.ods converted from it by LibreOffice Calc (headless, a private
profile). The three files are committed; CI needs no LibreOffice Calc to read them.

    python tests/data/excel/make_fixtures.py      # needs soffice with Calc (libreoffice-calc)

The rows are ``ROWS`` below; the test holds each closing date against ``EXPECTED``.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
HEADERS = ["登记编号", "发布名称", "发布类型", "状态", "结果", "涉及系统", "关闭时间"]
# (old number, title, closing time as the cell holds it, the Beijing wall-clock time it means)
DATES = [
    ("OLD-101", "Excel 日期时间单元格", dt.datetime(2026, 9, 30, 18, 0), (2026, 9, 30, 18, 0)),
    ("OLD-102", "Excel 日期单元格", dt.date(2026, 9, 29), (2026, 9, 29, 0, 0)),
    ("OLD-103", "未设日期格式的序列号", 46293.75, (2026, 9, 28, 18, 0)),
    ("OLD-104", "斜杠日期时间", "2026/9/30 18:00", (2026, 9, 30, 18, 0)),
    ("OLD-105", "ISO 日期", "2026-09-30", (2026, 9, 30, 0, 0)),
    ("OLD-106", "ISO 日期时间", "2026-09-30T18:00", (2026, 9, 30, 18, 0)),
    ("OLD-107", "中文日期时间", "2026年9月30日 18:00", (2026, 9, 30, 18, 0)),
    ("OLD-108", "点分日期", "2026.9.30", (2026, 9, 30, 0, 0)),
]
ROWS = [[n, t, "一般发布", "已关闭", "发布成功", "核心交易系统", when] for n, t, when, _ in DATES]
EXPECTED = {n: wall for n, _, _, wall in DATES}


def write_xlsx(path: Path) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "发布登记"
    ws.append(HEADERS)
    for row in ROWS:
        ws.append(row)
    for r in range(2, len(ROWS) + 2):
        cell = ws.cell(r, len(HEADERS))
        if isinstance(cell.value, dt.datetime):
            cell.number_format = "yyyy-mm-dd hh:mm"
        elif isinstance(cell.value, dt.date):
            cell.number_format = "yyyy-mm-dd"
        elif isinstance(cell.value, float):
            cell.number_format = "General"  # a date whose format was lost: a bare serial
    wb.save(path)
    return path


def convert(source: Path, suffix: str, out_dir: Path) -> Path:
    """``source`` converted by LibreOffice Calc to ``suffix`` (xls: "MS Excel 97")."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        raise SystemExit("soffice not found: apt-get install libreoffice-calc")
    filters = {"xls": "xls:MS Excel 97", "ods": "ods"}
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
                        filters[suffix], "--outdir", str(out_dir), str(source)], check=True, capture_output=True,
                       timeout=180)
    out = out_dir / f"{source.stem}.{suffix}"
    if not out.exists():  # soffice can exit 0 without writing (no Calc installed)
        raise SystemExit(f"LibreOffice wrote no {out.name}: is libreoffice-calc installed?")
    return out


def main(out_dir: Path = HERE) -> None:
    xlsx = write_xlsx(out_dir / "register.xlsx")
    for suffix in ("xls", "ods"):
        print(convert(xlsx, suffix, out_dir))


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE)
