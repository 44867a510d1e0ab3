"""Make the PNGs in docs/screenshots/ from demo data, offscreen, in Chinese and English.

    QT_QPA_PLATFORM=offscreen python scripts/screenshots.py [OUT_DIR]
    QT_SCALE_FACTOR=1.5 SHOT_SUFFIX=@150 python scripts/screenshots.py   # high-DPI check

Needs a CJK font (fonts-noto-cjk) or the Chinese renders as boxes.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
OUT = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"


def main() -> int:
    from PySide6.QtWidgets import QApplication

    from relgui import demo
    from relgui.domain.timeutil import FixedClock
    from relgui.gui.context import GuiContext
    from relgui.gui.i18n import Translations
    from relgui.gui.main_window import MainWindow
    from relgui.gui.settings import Settings
    from relgui.services import users
    from relgui.services.context import AppContext
    from relgui.services.database import open_database

    app = QApplication.instance() or QApplication([])
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        ctx = AppContext(db=open_database(f"{tmp}/shots.db"),
                         clock=FixedClock(dt.datetime(2026, 11, 27, 2, 0, tzinfo=dt.UTC)))
        report = demo.generate(ctx, releases=600, seed=3)
        actor = users.login(ctx, "lina", demo.password_of(report, "lina"))
        for lang in ("zh_CN", "en"):
            translations = Translations(app)
            translations.use(lang)
            gctx = GuiContext(ctx, Settings(f"{tmp}/{lang}.ini"), translations)
            gctx.use_actor(actor)
            win = MainWindow(gctx)
            win.resize(1500, 900)
            win.show()
            win.start()
            app.processEvents()
            table = win.register.table
            for row in range(win.register.model.rowCount()):
                r = win.register.model.row_at(row)
                if r.status == "plan_submitted":
                    table.setCurrentIndex(win.register.model.index(row, 0))
                    break
            app.processEvents()
            suffix = os.environ.get("SHOT_SUFFIX", "")
            win.grab().save(str(OUT / f"main-window-{lang}{suffix}.png"))
            if not suffix:
                win.register.mine.setChecked(True)
                app.processEvents()
                win.grab().save(str(OUT / f"my-work-{lang}.png"))
            win.close()
        ctx.db.dispose()
    print(f"screenshots in {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
