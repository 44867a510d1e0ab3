"""What the dashboard writes to files: a chart as PNG, the KPI tables as Excel, and the
quarterly KPI report as Word (R-4.6-KPI) — the same report as ``relgui-admin kpi --docx``.

Each asks for a file name, lets the service or renderer do the work through ops.call (so a
refusal is told in the user's language) and says where the file went.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QInputDialog, QMessageBox

from relgui.documents import kpi_report
from relgui.fsutil import write_private
from relgui.gui import files, ops, zone
from relgui.services import documents, exports


def save_name(parent, title: str, suggested: str, kind: str, suffix: str) -> Path | None:
    """A file name from the save dialog, with ``suffix`` added when the user left it out."""
    name, _ = files.get_save_file_name(parent, title, suggested, f"{kind} (*{suffix})")
    if not name:
        return None
    path = Path(name)
    return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)


def written(parent, path: Path) -> None:
    ops.tell(parent, QCoreApplication.translate("exports", "已导出"),
             QCoreApplication.translate("exports", "已保存到：\n{path}").format(path=path), QMessageBox.Icon.Information)


def failed(parent, exc: OSError) -> None:
    ops.tell(parent, QCoreApplication.translate("exports", "无法保存"),
             QCoreApplication.translate("exports", "文件未能写入：{reason}").format(reason=exc.strerror or exc))


def chart_png(window, name: str | None) -> Path | None:
    """One chart (``name`` of relgui.charts.dashboard.CHARTS) or the whole dashboard as PNG."""
    shown = window.shown()
    if shown is None:
        return None
    first, last = window.range()
    stem = name or "dashboard"
    path = save_name(window, QCoreApplication.translate("exports", "导出图表为 PNG"), f"{stem}-{first}-{last}.png",
                     "PNG", ".png")
    if path is None:
        return None
    try:
        ok, _ = ops.call(window, window.gctx, _write_png, shown, name, window.lang, path)
    except OSError as exc:
        failed(window, exc)
        return None
    if not ok:
        return None
    written(window, path)
    return path


def _write_png(shown, name: str | None, lang: str, path: Path) -> Path:
    """On a worker: the chart (or the whole dashboard) drawn and written as PNG (~0.5–1 s)."""
    # lazy: matplotlib + numpy + PIL, ~1.3 s, only when a chart is exported
    from relgui.charts import dashboard as charts

    figure = charts.chart_figure(name, shown, lang) if name else charts.dashboard_figure(shown, lang)
    return charts.save_png(figure, path)


def kpi_excel(window) -> Path | None:
    """The 发布成功率 table of the chosen quarters, with the definition, as .xlsx."""
    first, last = window.range()
    path = save_name(window, QCoreApplication.translate("exports", "导出发布成功率到 Excel"),
                     f"KPI-{first}-{last}.xlsx", "Excel", ".xlsx")
    if path is None:
        return None
    try:
        ok, _ = ops.call(window, window.gctx, exports.export_kpi, window.gctx.app, first, last, path, window.lang)
    except OSError as exc:
        failed(window, exc)
        return None
    if ok:
        written(window, path)
    return path if ok else None


def choose_quarter(parent, quarters: list[str], default: str) -> str | None:
    chosen, ok = QInputDialog.getItem(parent, QCoreApplication.translate("exports", "季度报告"),
                                      QCoreApplication.translate("exports", "报告哪个季度？"), quarters,
                                      quarters.index(default) if default in quarters else 0, False)
    return chosen if ok and chosen else None


def report_bytes(ctx, quarter: str) -> bytes:
    """The KPI report of ``quarter`` (relgui.services.documents.kpi_report)."""
    return documents.kpi_report(ctx, quarter)


def quarterly_report(window) -> Path | None:
    offered = [str(q.quarter) for q in window.data.rates][::-1] if window.data else [window.range()[1]]
    current = str(zone.quarter(window.gctx.app.clock.now()))
    finished = next((q for q in offered if q < current), offered[0])  # the last quarter that ended
    quarter = choose_quarter(window, offered, finished)
    if quarter is None:
        return None
    path = save_name(window, QCoreApplication.translate("exports", "保存季度报告"), kpi_report.filename(quarter),
                     "Word", ".docx")
    if path is None:
        return None
    ok, content = ops.call(window, window.gctx, report_bytes, window.gctx.app, quarter)
    if not ok:
        return None
    try:
        write_private(path, content)  # 0600; a half-written report never replaces a good one
    except OSError as exc:
        failed(window, exc)
        return None
    written(window, path)
    return path
