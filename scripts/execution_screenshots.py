"""Make docs/screenshots/execution-*.png: the windows that carry a release from an approved plan
to closure, from demo data moved on through the real services, offscreen, Chinese and English.

    QT_QPA_PLATFORM=offscreen python scripts/execution_screenshots.py [OUT_DIR]

Needs a CJK font (fonts-noto-cjk) or the Chinese renders as boxes. English needs the .qm
catalogue built from i18n/en/*.tsv (scripts/build_assets.py --lupdate).
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
START = dt.datetime(2026, 11, 27, 2, 0, tzinfo=dt.UTC)


def first(ctx, status: str) -> str:
    from relgui.services import register

    rows = register.page(ctx, register.RegisterQuery(statuses=(status,), sort="number", limit=1)).rows
    return rows[0].number


def prepare(ctx, as_user, clock) -> dict[str, str]:
    """Releases in the states worth showing, each with a few records made by the services."""
    from relgui.services import attachments, execution, rollback

    eng = as_user("liuyang")
    n = {s: first(ctx, s) for s in ("plan_approved", "deploying", "rolling_back", "verifying", "config_update",
                                    "awaiting_close")}
    att = attachments.add(eng, n["plan_approved"], "数据库全量备份 2026-11-27 01:30 校验通过\n".encode(), "备份校验日志",
                          filename="备份校验.log")
    execution.record_item(eng, n["plan_approved"], "precheck", "environment", "pass", evidence="生产环境参数已核对")
    execution.record_item(eng, n["plan_approved"], "precheck", "backup", "pass", evidence="见附件", attachment_id=att.id)
    execution.record_item(eng, n["plan_approved"], "precheck", "contingency", "na", reason="沿用已备案的通用应急预案")
    execution.record_step(eng, n["deploying"], 1, "done", note="服务已停止")
    for kind, text in (("progress", "第 1 步完成"), ("performance", "交易响应时间 4.8 秒，超过阈值"),
                       ("feedback", "多个网点反馈查询缓慢")):
        execution.observe(eng, n["deploying"], kind, text)
    rollback.report_problem(eng, n["deploying"], ["performance", "complaints"], "响应时间超过阈值，网点集中投诉")
    clock.advance(minutes=12)
    for item in ("functional", "performance"):
        execution.record_item(eng, n["verifying"], "verification", item, "pass", evidence="验证通过")
    return n


def shots(gctx, manager, n: dict[str, str]) -> list[tuple[str, object]]:
    from relgui.gui.execution.attachments_panel import AttachmentsDialog
    from relgui.gui.execution.checklists import PrecheckDialog, VerificationDialog
    from relgui.gui.execution.closure import CloseDialog
    from relgui.gui.execution.common import ReleaseState
    from relgui.gui.execution.config_update import ConfigUpdateDialog
    from relgui.gui.execution.monitor import MonitorWindow
    from relgui.gui.execution.my_work import MyWorkWindow
    from relgui.gui.execution.rollback_dialogs import DecisionDialog, ProblemDialog
    from relgui.gui.execution.rollback_exec import RollbackDialog
    from relgui.services import details

    def rel(status):
        return details.show(gctx.app, n[status])

    def state(status):
        s = ReleaseState(gctx, rel(status))
        s.reload()
        return s

    close = CloseDialog(None, manager, rel("awaiting_close"))
    close.analysis.setPlainText("回退决策及时，回退步骤完整执行；需在预发布环境补充与生产数据一致的兼容性测试。")
    return [
        ("precheck", PrecheckDialog(None, gctx, rel("plan_approved"))),
        ("attachments", AttachmentsDialog(None, gctx, rel("plan_approved"))),
        ("monitor", MonitorWindow(None, gctx, rel("deploying"))),
        ("problem", ProblemDialog(None, state("verifying"))),
        ("decision", DecisionDialog(None, state("deploying"))),
        ("rollback", RollbackDialog(None, gctx, rel("rolling_back"))),
        ("verification", VerificationDialog(None, gctx, rel("verifying"))),
        ("config-update", ConfigUpdateDialog(None, gctx, rel("config_update"))),
        ("close", close),
        ("my-work", MyWorkWindow(None, gctx)),
    ]


def main_window(app, gctx, number: str):
    """The main window with the release whose decision clock runs: register flag, status bar."""
    from relgui.gui.main_window import MainWindow

    win = MainWindow(gctx)
    win.resize(win.fontMetrics().horizontalAdvance("中") * 110, win.fontMetrics().height() * 46)
    win.show()
    win.start()
    win.register.search.setText(number)
    win.register.apply_filters()
    app.processEvents()
    win.register.table.setCurrentIndex(win.register.model.index(0, 0))
    app.processEvents()
    win.close()
    return win


def main() -> int:
    from PySide6.QtWidgets import QApplication

    from relgui import demo
    from relgui.domain.timeutil import FixedClock
    from relgui.gui.context import GuiContext
    from relgui.gui.i18n import Translations
    from relgui.gui.settings import Settings
    from relgui.services import users
    from relgui.services.context import AppContext
    from relgui.services.database import open_database

    app = QApplication.instance() or QApplication([])
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        clock = FixedClock(START)
        ctx = AppContext(db=open_database(f"{tmp}/shots.db"), clock=clock)
        report = demo.generate(ctx, releases=120, seed=5)

        def as_user(name):
            return ctx.as_user(users.login(ctx, name, demo.password_of(report, name)))

        numbers = prepare(ctx, as_user, clock)
        translations = Translations(app)  # one, switched: a second would leave the first installed
        for lang in ("zh_CN", "en"):
            translations.use(lang)
            gctx = GuiContext(as_user("liuyang"), Settings(f"{tmp}/{lang}.ini"), translations)
            manager = GuiContext(as_user("lina"), Settings(f"{tmp}/{lang}-m.ini"), translations)
            gctx.app.lang = manager.app.lang = lang
            suffix = "" if lang == "zh_CN" else "-en"
            main_window(app, gctx, numbers["deploying"]).grab().save(str(OUT / f"execution-main-window{suffix}.png"))
            for name, widget in shots(gctx, manager, numbers):
                widget.show()
                app.processEvents()
                widget.grab().save(str(OUT / f"execution-{name}{suffix}.png"))
                widget.close()
        ctx.db.dispose()
    print(f"screenshots in {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
