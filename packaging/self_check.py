"""What the frozen smoke test cannot reach through relgui-admin's own commands, checked inside
the frozen program itself: `relgui-admin --frozen-self-check FOLDER` (packaging/launch_admin.py
hands the flag here before the CLI sees it; the unfrozen relgui-admin has no such option).

FOLDER holds what the smoke test made with the real commands before: kpi.xlsx
(`kpi --xlsx`, openpyxl) and plan.pdf (`doc plan -o plan.pdf`, relgui's PDF engine). Each check
uses the bundled library the app uses for it, so a part pruned from the bundle (packaging/relgui.spec)
that the app needs fails here:

- Excel read: kpi.xlsx through relgui's one reader (python-calamine), its Chinese headings back.
- PDF read: plan.pdf opened by PDFium (pypdfium2, what `doc verify` reads a PDF face with), its
  first page's text holds the document's title.
- PostgreSQL driver: psycopg with its binary implementation and the bundled libpq loaded.
- Charts on screen: a FigureCanvasQTAgg (the dashboard's canvas) with a Chinese title drawn
  offscreen, its pixels not all one colour; the axes' ticks and text need the fonts kept.

Prints one line per check; exit status 0 when all pass, 1 with the failures listed.
"""

from __future__ import annotations

import sys
import traceback
from pathlib import Path


def _excel(folder: Path) -> str:
    from relgui.adapters import excel

    path = folder / "kpi.xlsx"
    book = excel.read(path.read_bytes(), path.name)
    cells = [str(v) for s in book.sheets for row in s.rows for v in row if v is not None]
    if not any(any("\u4e00" <= ch <= "\u9fff" for ch in c) for c in cells):
        raise AssertionError(f"no Chinese text among {len(cells)} cells of {path.name}")
    return f"{book.kind}, {len(book.sheets)} sheets, {len(cells)} cells"


def _pdf(folder: Path) -> str:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument((folder / "plan.pdf").read_bytes())
    try:
        pages = len(pdf)
        page = pdf[0]
        text = page.get_textpage().get_text_range()
        if "发布计划" not in text:
            raise AssertionError(f"page 1 of plan.pdf does not read 发布计划: {text[:80]!r}")
    finally:
        pdf.close()
    return f"{pages} pages, page 1 reads 发布计划"


def _postgresql(_folder: Path) -> str:
    import psycopg
    from sqlalchemy.dialects.postgresql import psycopg as _dialect  # noqa: F401 - the dialect relgui uses

    if psycopg.pq.__impl__ != "binary":
        raise AssertionError(f"psycopg implementation {psycopg.pq.__impl__}, not the bundled binary one")
    version = psycopg.pq.version()
    if version < 120000:
        raise AssertionError(f"libpq {version}")
    return f"psycopg {psycopg.__version__} ({psycopg.pq.__impl__}), libpq {version}"


def _chart(_folder: Path) -> str:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(["relgui-admin"])
    from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
    from matplotlib.figure import Figure

    from relgui.charts import style

    font = style.configure()
    figure = Figure(figsize=(4, 3), dpi=100)
    axes = figure.add_subplot()
    axes.bar(["一季度", "二季度"], [0.9, 0.75], color=style.GOOD)
    axes.set_title("发布成功率", fontweight="bold")
    canvas = FigureCanvasQTAgg(figure)
    canvas.resize(400, 300)
    canvas.draw()
    image = canvas.grab().toImage()
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
    canvas.deleteLater()
    app.processEvents()
    if len(colours) < 3:
        raise AssertionError(f"the canvas drew {len(colours)} colours")
    return f"QtAgg canvas {image.width()}×{image.height()}, {len(colours)} colours, font {font or 'DejaVu Sans'}"


CHECKS = (("Excel read", _excel), ("PDF read", _pdf), ("PostgreSQL driver", _postgresql), ("chart", _chart))


def main(folder: str) -> int:
    failed = []
    for name, check in CHECKS:
        try:
            print(f"ok  {name}: {check(Path(folder))}")
        except Exception:  # noqa: BLE001 - every check runs and reports
            failed.append(name)
            print(f"FAILED {name}:\n{traceback.format_exc()}")
    sys.stdout.flush()
    return 1 if failed else 0
