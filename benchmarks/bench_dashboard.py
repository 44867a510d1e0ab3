"""The dashboard window on 100 000 demo releases (issue 7, R-4.6-KPI): computed and drawn in
≤ 500 ms, against a floor measured in the same run: the same aggregates in raw sqlite3 plus
drawing an empty figure of the same size the same way. The window draws its charts on a worker
with Agg at the size it shows them (relgui.charts.render.rgba, 1400 × 669 here) and shows the
pixels, so that is what is measured; the GUI thread's part is bench_stall.py's.

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_dashboard.py   (RELGUI_BENCH_DB: another file)

Also shown: the parts (service, drawing) and the whole window's refresh (table and paint too).
"""

from __future__ import annotations

import os
import sqlite3
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).parent))
from bench_kpi import raw_dashboard  # noqa: E402 - the same aggregates in raw sqlite3
from common import big_database, median_ms, report  # noqa: E402

REPEAT = 11
TARGET_MS = 500


SIZE = (1400, 669)  # the chart area of a 1400 × 900 dashboard window


def _draw(d) -> None:
    """What the window's worker does: the figure, then its pixels at the chart area's size."""
    from relgui.gui.insight import dashboard

    dashboard.draw(d, "zh_CN", tuple(r for r in d.rates[0].by_type), SIZE, 1.0)


def _empty_figure() -> None:
    from matplotlib.figure import Figure

    from relgui.charts.render import rgba

    rgba(Figure(), *SIZE)


def _window(path: Path, tmp: str):
    from relgui.gui.context import GuiContext
    from relgui.gui.i18n import Translations
    from relgui.gui.insight.dashboard import DashboardWindow
    from relgui.gui.settings import Settings
    from relgui.services.context import AppContext
    from relgui.services.database import open_database

    translations = Translations(_app())
    translations.use("zh_CN")
    gctx = GuiContext(AppContext(db=open_database(str(path))), Settings(f"{tmp}/bench.ini"), translations)
    w = DashboardWindow(gctx, lambda ids, title: None)
    w.resize(1400, 900)
    w.show()
    return w


def _app():
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication([])


def main() -> list[dict]:
    from relgui.services import kpi
    from relgui.services.context import AppContext
    from relgui.services.database import open_database

    path = big_database()
    app = _app()
    ctx = AppContext(db=open_database(str(path)))
    conn = sqlite3.connect(path)
    d = kpi.dashboard(ctx)
    print(f"{d.period.label()}: {sum(d.statuses.by_status.values())} releases")

    def floor() -> None:
        raw_dashboard(conn, d.period, d.now)
        _empty_figure()

    floor_ms = median_ms(floor, repeat=REPEAT)
    results = [
        report("service: kpi.dashboard (SQL)", median_ms(lambda: kpi.dashboard(ctx), repeat=REPEAT),
               median_ms(lambda: raw_dashboard(conn, d.period, d.now), repeat=REPEAT)),
        report("drawing: 5 charts to pixels (Agg) vs an empty figure", median_ms(lambda: _draw(d), repeat=REPEAT),
               median_ms(_empty_figure, repeat=REPEAT)),
        report("dashboard computed and drawn", median_ms(lambda: _draw(kpi.dashboard(ctx)), repeat=REPEAT),
               floor_ms, target_ms=TARGET_MS),
    ]
    with tempfile.TemporaryDirectory() as tmp:
        w = _window(path, tmp)

        def refresh() -> None:
            w.refresh()  # counted and drawn on workers (waited for), then shown
            app.processEvents()  # laid out, then the table and the image painted
            app.processEvents()

        results.append(report("the window's refresh (service, charts, table, paint)",
                              median_ms(refresh, repeat=REPEAT), floor_ms, target_ms=TARGET_MS))
        w.close()
        w.gctx.app.db.dispose()
    ctx.db.dispose()
    return results


if __name__ == "__main__":
    sys.exit(0 if all(r["ok"] for r in main() if "ms" in r) else 1)
