"""relgui — the desktop application's entry point."""

from __future__ import annotations

import argparse
import sys

from relgui import __version__


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="relgui", description="relgui 发布管理")
    p.add_argument("--db", help="数据库 URL 或 SQLite 文件路径")
    p.add_argument("--lang", choices=["zh_CN", "en"], default=None)
    p.add_argument("--exit-when-ready", action="store_true", help="exit once the register is painted")
    p.add_argument("--version", action="version", version=f"relgui {__version__}")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox, QTableWidget, QTableWidgetItem

    from relgui.domain.errors import RelguiError
    from relgui.policy import current_profile
    from relgui.services import register
    from relgui.services.context import AppContext
    from relgui.services.database import open_database

    app = QApplication(sys.argv[:1])
    app.setApplicationName("relgui")
    try:
        ctx = AppContext(db=open_database(args.db))
        page = register.page(ctx, register.RegisterQuery(limit=200))
    except RelguiError as exc:
        QMessageBox.critical(None, "relgui", exc.message(args.lang or "zh_CN"))
        return 1
    profile = current_profile()
    win = QMainWindow()
    win.setWindowTitle(f"relgui 发布登记簿 — {ctx.db.describe()}")
    table = QTableWidget(len(page.rows), 4)
    table.setHorizontalHeaderLabels(["发布编号", "发布类型", "状态", "标题"])
    for i, r in enumerate(page.rows):
        for j, text in enumerate((r.number, profile.release_types[r.type].name, profile.statuses[r.status].name, r.title)):
            table.setItem(i, j, QTableWidgetItem(text))
    win.setCentralWidget(table)
    win.resize(900, 600)
    win.show()
    if args.exit_when_ready:
        QTimer.singleShot(0, app.quit)
    return app.exec()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
