"""Make docs/screenshots/insight-*.png: the dashboard, the register after a click on a missed
quarter, the release calendar (month and week, with a conflict and freezes), the knowledge base,
the lessons shown for a plan, the Excel import's mapping and dry run — Chinese and English —
and two pages of the quarterly KPI report (through LibreOffice, when installed). Offscreen, on
demo data, with the world's clock (2026-11-27 02:00 UTC).

    QT_QPA_PLATFORM=offscreen python scripts/insight_screenshots.py [OUT_DIR]

Needs a CJK font (fonts-noto-cjk). English needs the .qm built from i18n/en/*.tsv
(scripts/build_assets.py --lupdate).
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
NOW = dt.datetime(2026, 11, 27, 2, 0, tzinfo=dt.UTC)
DECEMBER = dt.date(2026, 12, 8)


def prepare(ctx) -> str:
    """Freezes; a conflict (two releases under way on one configuration item in overlapping
    December windows); and a plan being written on an item past lessons speak of. The windows
    and items are set in the throwaway database as two plans would have set them. Returns the plan."""
    from sqlalchemy import insert, select, update

    from relgui.services import company
    from relgui.services.calendar import ONGOING
    from relgui.services.context import reading
    from relgui.store.models import KnowledgeEntry, Release, ReleaseItem

    tz = company.get(ctx).tz
    company.add_freeze(ctx, dt.datetime(2026, 12, 24, tzinfo=tz), dt.datetime(2026, 12, 27, tzinfo=tz), "年终封网")
    company.add_freeze(ctx, dt.datetime(2026, 12, 10, tzinfo=tz), dt.datetime(2026, 12, 11, tzinfo=tz), "核心系统重保期")
    with reading(ctx) as s:
        a, b = s.execute(select(Release.id).where(Release.status.in_(ONGOING), Release.planned_start.is_not(None))
                         .order_by(Release.planned_start.desc()).limit(2)).scalars()
        ci = s.execute(select(ReleaseItem.ci_id).join(KnowledgeEntry, KnowledgeEntry.release_id == ReleaseItem.release_id)
                       .group_by(ReleaseItem.ci_id).order_by(ReleaseItem.ci_id).limit(1)).scalar_one()
        plan_id, plan = s.execute(select(Release.id, Release.number).where(Release.status == "planning")
                                  .order_by(Release.id).limit(1)).one()
    start = dt.datetime(2026, 12, 8, 22, 0, tzinfo=tz)
    with ctx.db.engine.begin() as conn:
        for rid, hours in ((a, 0), (b, 1)):
            conn.execute(update(Release.__table__).where(Release.__table__.c.id == rid).values(
                planned_start=start + dt.timedelta(hours=hours), planned_end=start + dt.timedelta(hours=hours + 3)))
        for rid in (a, b, plan_id):
            conn.execute(insert(ReleaseItem.__table__).prefix_with("OR IGNORE"),
                         dict(release_id=rid, ci_id=ci, version_before="1.0", version_after="1.1"))
    return plan


def show(app, widget, path: Path, size: tuple[int, int] | None = None) -> None:
    if size:
        widget.resize(*size)
    widget.show()
    app.processEvents()
    app.processEvents()  # the canvas draws itself on the second pass (an idle draw)
    widget.grab().save(str(path))


def dashboard_shots(app, gctx, suffix: str) -> None:
    from relgui.gui.insight.dashboard import DashboardWindow

    w = DashboardWindow(gctx, lambda ids, title: None)
    w.resize(1440, 920)
    w.refresh()
    show(app, w, OUT / f"insight-dashboard{suffix}.png")
    w.close()


def drill_shot(app, gctx, suffix: str) -> None:
    """The manager's click on the missed quarter's point: the register lists its failures."""
    from relgui.gui.insight import dashboard
    from relgui.gui.insight.menu import add_menu
    from relgui.gui.main_window import MainWindow

    win = MainWindow(gctx)
    add_menu(win)
    win.resize(1400, 820)
    win.show()
    win.start()
    w = dashboard.DashboardWindow(gctx, win.register.show_releases)
    w.resize(1440, 920)
    w.refresh()
    w.show()
    i, r = next((i, r) for i, r in enumerate(w.data.rates) if r.overall.met is False)
    ax = w.view.figure.axes[0]
    original = dashboard.DrillMenu.choose
    # Of what the click offers (all releases or a type whose point lies close by; failures or
    # all counted), the manager takes all releases' failures.
    dashboard.DrillMenu.choose = classmethod(lambda cls, parent, gctx, options, where: next(
        k for k, _ in options if not k.type and k.part == "unsuccessful"))
    try:
        w.view.click(i, r.overall.rate * 100, ax)
    finally:
        dashboard.DrillMenu.choose = original
    win.register.table.setCurrentIndex(win.register.model.index(0, 0))
    show(app, win, OUT / f"insight-register-drill{suffix}.png")
    w.close()
    win.close()


def calendar_shots(app, gctx, suffix: str) -> None:
    from relgui.gui.insight.calendar_view import CalendarWindow

    w = CalendarWindow(gctx, lambda rid: None)
    w.resize(1400, 900)
    w.day = DECEMBER
    w.set_mode("month")
    show(app, w, OUT / f"insight-calendar-month{suffix}.png")
    w.set_mode("week")
    show(app, w, OUT / f"insight-calendar-week{suffix}.png")
    w.close()


def knowledge_shots(app, gctx, plan: str, suffix: str) -> None:
    from relgui.gui.insight.knowledge import KnowledgeWindow
    from relgui.gui.insight.lessons import RelatedLessons

    w = KnowledgeWindow(gctx, lambda rid: None)
    w.query.setText("回退")
    w.search()
    show(app, w, OUT / f"insight-knowledge{suffix}.png", (1200, 720))
    w.close()
    panel = RelatedLessons(gctx)
    panel.show_for_plan(plan)
    show(app, panel, OUT / f"insight-related-lessons{suffix}.png", (420, 560))
    panel.close()


def excel_shots(app, gctx, tmp: str, suffix: str) -> None:
    from openpyxl import Workbook

    from relgui.gui.insight.excel_mapping import MappingDialog
    from relgui.gui.insight.excel_preview import PreviewDialog
    from relgui.services import register_import

    wb = Workbook()
    ws = wb.active
    ws.title = "2025年发布登记"
    ws.append(["登记编号", "发布名称", "发布类型", "状态", "结果", "涉及系统", "计划开始时间", "关闭时间"])
    at = dt.datetime(2025, 8, 3, 18, 0)
    ws.append(["OLD-001", "核心交易系统升级", "一般发布", "已关闭", "成功", "核心交易系统", at, at])
    ws.append(["OLD-002", "网银证书更换", "重大发布", "已关闭", "发布成功", "网上银行系统", "2025-07-05 22:00", "30/07/2025"])
    ws.append(["OLD-003", "短信平台补丁", "一般发布", "已关闭", "成功", "短信平台", None, "2025/9/30 23:30"])
    ws.append(["OLD-004", "数据仓库扩容", "特急发布", "已关闭", "发布成功", "数据仓库", None, "2025年9月1日"])
    ws.append(["OLD-005", "支付平台改造", "重大发布", "发布实施中", None, "统一支付平台", None, None])
    ws.append(["OLD-006", "门户网站改版", "一般发布", "已关闭", "已回退", "门户网站", None, "2025-08-21"])
    ws.append(["OLD-007", "门户网站补丁", "一般发布", "已关闭", "成功", "门户网站", None, "2025-08-22"])
    ws.merge_cells("F7:F8")
    path = Path(tmp) / "old.xlsx"
    wb.save(path)
    book = register_import.load(path)
    info = register_import.inspect(book)
    mapping = MappingDialog(None, gctx, book, info, info.mapping)
    show(app, mapping, OUT / f"insight-import-mapping{suffix}.png")
    mapping.close()
    preview = PreviewDialog(None, gctx, register_import.preview(gctx.app, book, info.mapping))
    show(app, preview, OUT / f"insight-import-preview{suffix}.png")
    preview.close()


def report_shots(ctx, tmp: str) -> None:
    """The quarterly KPI report as Word would print it, when LibreOffice is installed: the
    pages with the figures and the chart (the report is Chinese in any UI language)."""
    import shutil
    import subprocess

    from relgui.gui.insight.exports import report_bytes

    soffice, pdftoppm = shutil.which("soffice"), shutil.which("pdftoppm")
    if not (soffice and pdftoppm):
        print("no LibreOffice/pdftoppm: the report pages are not rendered")
        return
    docx = Path(tmp) / "report.docx"
    docx.write_bytes(report_bytes(ctx, "2026Q3"))
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp}/lo", "--headless", "--convert-to", "pdf",
                    "--outdir", tmp, str(docx)], check=True, capture_output=True, timeout=180)
    for page in (2, 3):
        subprocess.run([pdftoppm, "-r", "60", "-png", "-f", str(page), "-l", str(page), "-singlefile",
                        str(Path(tmp) / "report.pdf"), str(OUT / f"insight-report-page{page}")], check=True)


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
        ctx = AppContext(db=open_database(f"{tmp}/shots.db"), clock=FixedClock(NOW))
        report = demo.generate(ctx, releases=1500, seed=5)
        plan = prepare(ctx)
        manager = ctx.as_user(users.login(ctx, "lina", demo.password_of(report, "lina")))
        translations = Translations(app)
        for lang in ("zh_CN", "en"):
            translations.use(lang)
            gctx = GuiContext(manager, Settings(f"{tmp}/{lang}.ini"), translations)
            gctx.app.lang = lang
            suffix = "" if lang == "zh_CN" else "-en"
            dashboard_shots(app, gctx, suffix)
            drill_shot(app, gctx, suffix)
            calendar_shots(app, gctx, suffix)
            knowledge_shots(app, gctx, plan, suffix)
            excel_shots(app, gctx, tmp, suffix)
        report_shots(manager, tmp)
        ctx.db.dispose()
    print(f"screenshots in {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
