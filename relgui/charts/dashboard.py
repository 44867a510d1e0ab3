"""Figures for the KPI dashboard, single-chart export and the quarterly report.

A plain ``matplotlib.figure.Figure`` with the Agg canvas: no pyplot (no global state, no
backend choice) and no Qt. The GUI draws the same Figure to pixels on a worker
(relgui.charts.render) and shows them; PNG export here uses FigureCanvasAgg. Figures are built and
drawn holding render.LOCK (matplotlib is not thread-safe).
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any, Literal

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from relgui.charts import kpi_charts, style
from relgui.charts.labels import text
from relgui.charts.render import LOCK
from relgui.domain.kpi import Dashboard, Rate
from relgui.fsutil import write_private

CHARTS = ("success", "status", "cmdb", "decision", "overdue")


def _figure(width: float, height: float, layout: Literal["constrained"] | None = "constrained") -> Figure:
    style.configure()
    fig = Figure(figsize=(width, height), layout=layout)
    FigureCanvasAgg(fig)
    return fig


def _draw(name: str, ax, d: Dashboard, lang: str) -> None:
    quarters = [str(r.quarter) for r in d.rates]
    first, last = str(d.period.first), str(d.period.last)
    if name == "success":
        by_type = {t: [r.by_type[t] for r in d.rates] for t in d.rates[0].by_type}
        kpi_charts.draw_success(ax, quarters, [r.overall for r in d.rates], by_type, d.target, lang)
    elif name == "status":
        kpi_charts.draw_status(ax, d.statuses, lang)
    elif name == "cmdb":
        kpi_charts.draw_cmdb(ax, d.cmdb, lang)
    elif name == "decision":
        kpi_charts.draw_decisions(ax, d.decision_bins, d.decision_limit, first, last, lang)
    elif name == "overdue":
        kpi_charts.draw_overdue(ax, d.overdue, lang)
    else:
        raise ValueError(f"unknown chart {name!r}; known: {', '.join(CHARTS)}")


def dashboard_figure(d: Dashboard, lang: str = "zh_CN") -> Figure:
    """All five charts on one figure: the success rate across the top."""
    with LOCK:
        return _dashboard_figure(d, lang)


def _dashboard_figure(d: Dashboard, lang: str) -> Figure:
    # Fixed margins, not constrained layout: measuring every label to place the axes took
    # more time than drawing them (the dashboard has 500 ms for data and drawing).
    fig = _figure(15, 9, layout=None)
    grid = fig.add_gridspec(2, 6, left=0.05, right=0.98, top=0.91, bottom=0.08, hspace=0.38, wspace=0.9)
    places = {"success": grid[0, :4], "status": grid[0, 4:], "cmdb": grid[1, :2], "decision": grid[1, 2:4],
              "overdue": grid[1, 4:]}
    for name, place in places.items():
        _draw(name, fig.add_subplot(place), d, lang)
    fig.suptitle(text("dashboard_title", lang, period=d.period.label()), fontsize=13)
    return fig


def chart_figure(name: str, d: Dashboard, lang: str = "zh_CN") -> Figure:
    """One chart on its own figure (for 'export as PNG')."""
    with LOCK:
        fig = _figure(9, 5)
        _draw(name, fig.add_subplot(), d, lang)
        return fig


def report_figure(report: dict[str, Any], lang: str = "zh_CN") -> Figure:
    """The success-rate trend of relgui.services.kpi.report_data, for the KPI report."""
    with LOCK:
        return _report_figure(report, lang)


def _report_figure(report: dict[str, Any], lang: str) -> Figure:
    fig = _figure(7, 3.6)
    trend = report["trend"]
    target = report["definition"]["target"]

    def rate(d: dict[str, Any]) -> Rate:
        return Rate(d["total"], d["successful"], target)

    by_type = {t: [rate(q["by_type"][t]) for q in trend] for t in trend[0]["by_type"]}
    kpi_charts.draw_success(fig.add_subplot(), [q["quarter"] for q in trend], [rate(q) for q in trend],
                            by_type, target, lang, pickable=False)
    return fig


def png_bytes(fig: Figure, dpi: int = 150) -> bytes:
    buf = io.BytesIO()
    with LOCK:
        fig.savefig(buf, format="png", dpi=dpi)  # Agg renders PNG whatever canvas (Qt) holds the figure
    return buf.getvalue()


def save_png(fig: Figure, path: str | Path, dpi: int = 150) -> Path:
    """Write the figure as PNG (0600, relgui.fsutil); a partly written file never replaces a good one."""
    return write_private(path, png_bytes(fig, dpi))
