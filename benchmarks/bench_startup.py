"""Issue 3: start to first page painted with 100 000 releases, against a floor in the same run
(a bare PySide6 window with a 50-row table plus `import sqlalchemy.orm`): target ≤ 1.5×. Each
process prints the wall-clock time at which its first page was painted; the process's whole
run (its exit too) is shown beside it.
Also: a filter change repaints in ≤ 100 ms; peak RSS ≤ 300 MB; scrolling to the end reads
only the pages it shows."""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from common import big_database, login_password, median_ms, report  # noqa: E402

FLOOR = r"""
import sys, time
import sqlalchemy.orm
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QTableWidget, QTableWidgetItem


class Table(QTableWidget):
    painted = False

    def paintEvent(self, event):
        super().paintEvent(event)
        if not Table.painted:
            Table.painted = True
            print(f"first page painted at {time.time():.6f}", flush=True)
            QTimer.singleShot(0, app.quit)


app = QApplication([])
t = Table(50, 6)
for r in range(50):
    for c in range(6):
        t.setItem(r, c, QTableWidgetItem(f"{r}-{c}"))
t.resize(1200, 800)
t.show()
app.exec()
"""


def _time(cmd: list[str], stdin: str = "") -> tuple[float, float]:
    """(start → first page painted, start → process ended) in ms: the first from the line the
    process prints when it has painted (relgui's --exit-when-ready, the floor's table), so the
    exit that follows (closing the database, waiting for the alert round) is not counted in it."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    started = time.time()
    t = time.perf_counter()
    done = subprocess.run(cmd, input=stdin, text=True, env=env, check=True, capture_output=True)
    wall = (time.perf_counter() - t) * 1000
    stamp = next(float(line.rsplit(" ", 1)[1]) for line in done.stdout.splitlines()
                 if line.startswith("first page painted at "))
    return (stamp - started) * 1000, wall


def startup(db: Path) -> list[dict]:
    # A real installation has bytecode (pip, the frozen app); this machine may not write it
    # (PYTHONDONTWRITEBYTECODE), and compiling 60 modules per start would be measured.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(Path(__file__).parent.parent / "relgui")],
                   check=True, capture_output=True)
    password = login_password(db)
    with tempfile.TemporaryDirectory() as tmp:
        relgui = [sys.executable, "-m", "relgui.gui.main", "--db", str(db), "--user", "lina", "--password-stdin",
                  "--exit-when-ready", "--settings", f"{tmp}/s.ini"]
        floor_cmd = [sys.executable, "-c", FLOOR]
        _time(relgui, password + "\n")  # warm the OS file cache for both
        _time(floor_cmd)
        floors, apps = [], []
        for _ in range(5):
            floors.append(_time(floor_cmd))
            apps.append(_time(relgui, password + "\n"))
    rss_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak RSS of a child process: {rss_mb:.0f} MB (target ≤ 300 MB, includes the floor runs)")
    return [report("start → first register page painted (100 000 releases)", statistics.median(a for a, _ in apps),
                   statistics.median(f for f, _ in floors), 1.5),
            report("start → process ended, for comparison", statistics.median(w for _, w in apps),
                   statistics.median(w for _, w in floors))]


def in_process(db: Path) -> list[dict]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from relgui.gui import ops
    from relgui.gui.context import GuiContext
    from relgui.gui.i18n import Translations
    from relgui.gui.main_window import MainWindow
    from relgui.gui.settings import Settings
    from relgui.services import users
    from relgui.services.context import AppContext
    from relgui.services.database import open_database

    app = QApplication.instance() or QApplication([])
    ctx = AppContext(db=open_database(str(db)))
    with tempfile.TemporaryDirectory() as tmp:
        tr = Translations(app)
        tr.use("zh_CN")
        gctx = GuiContext(ctx, Settings(f"{tmp}/s.ini"), tr)
        gctx.use_actor(users.login(ctx, "lina", login_password(db)))
        win = MainWindow(gctx)
        win.resize(1400, 900)
        win.show()
        win.start()
        app.processEvents()
        ops.wait_all()
        view = win.register
        types = [view.type_filter.itemData(i) for i in range(1, view.type_filter.count())]
        state = {"i": 0}

        def change_filter():  # the count and the first page are read on workers: waited for, then painted
            state["i"] += 1
            view.type_filter.setCurrentIndex(1 + state["i"] % len(types))  # applies the filter
            view.table.viewport().repaint()
            ops.wait_all()
            view.table.viewport().repaint()

        filter_ms = median_ms(change_filter, repeat=15)

        def floor_repaint():
            view.table.viewport().repaint()

        paint_ms = median_ms(floor_repaint, repeat=15)
        view.clear_filters()
        ops.wait_all()
        before = view.model.fetches
        t = time.perf_counter()
        view.table.scrollToBottom()
        view.table.viewport().repaint()  # asks for the last page
        ops.wait_all()
        view.table.viewport().repaint()  # paints it
        scroll_ms = (time.perf_counter() - t) * 1000
        pages = view.model.fetches - before
        print(f"scroll to the end of {view.model.rowCount():,} rows: {scroll_ms:.1f} ms, {pages} page(s) read "
              f"of {view.model.rowCount() // 200 + 1}")
        results = [report("filter change → repainted register", filter_ms, paint_ms, None, 100)]
        win.close()
    ctx.db.dispose()
    return results


def main() -> list[dict]:
    db = big_database()
    if "--startup-only" in sys.argv:
        return startup(db)
    return startup(db) + in_process(db)


if __name__ == "__main__":
    main()
