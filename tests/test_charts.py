"""Dashboard charts (R-4.6-KPI): drawn without Qt, Chinese labels in a CJK font, the 95 %
target line, PNG export, and a click on a bar or point leading to exactly its releases."""

from __future__ import annotations

import subprocess
import sys

import pytest
from matplotlib.backend_bases import MouseEvent

from relgui.charts import dashboard as charts
from relgui.charts import picking, style
from relgui.services import kpi


@pytest.fixture
def dash(world, with_demo):
    with_demo(world, 150, 9)
    return world, kpi.dashboard(world.ctx("lina"))


def _click(fig, artist, x, y):
    """A real left click at data point (x, y) of the artist's axes, through matplotlib's
    picking; returns the FigureKey the pick handler received."""
    fig.canvas.draw()
    got = []
    fig.canvas.mpl_connect("pick_event", lambda event: got.append(picking.key_of(event)))
    px, py = artist.axes.transData.transform((x, y))
    event = MouseEvent("button_press_event", fig.canvas, px, py, button=1)
    fig.canvas.callbacks.process("button_press_event", event)  # what the Qt canvas does on a click
    return [k for k in got if k is not None]


def test_a_cjk_font_comes_first():
    font = style.configure()
    import matplotlib

    assert font is not None, "no CJK font installed (apt-get install fonts-noto-cjk)"
    assert matplotlib.rcParams["font.sans-serif"][0] == font


def test_dashboard_draws_all_charts_and_exports_png_r_4_6_kpi(dash, tmp_path):
    world, d = dash
    fig = charts.dashboard_figure(d)
    assert len(fig.axes) == 5
    success = fig.axes[0]
    target = [line for line in success.get_lines() if list(line.get_ydata()) == [95.0, 95.0]]
    assert target, "the 95 % target line"
    assert "发布成功率" in success.get_title()
    path = charts.save_png(fig, tmp_path / "dash.png", dpi=60)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    for name in charts.CHARTS:
        assert charts.png_bytes(charts.chart_figure(name, d, "en"), dpi=40)[:4] == b"\x89PNG"


def test_chinese_labels_render_without_missing_glyphs(dash, recwarn):
    """matplotlib warns 'Glyph … missing from font' when a label falls back to boxes."""
    _, d = dash
    charts.png_bytes(charts.dashboard_figure(d), dpi=40)
    assert not [w for w in recwarn if "missing from" in str(w.message)]


def test_clicking_a_point_opens_exactly_its_releases_r_4_6_kpi(dash):
    world, d = dash
    fig = charts.dashboard_figure(d)
    ax = fig.axes[0]
    overall = next(line for line in ax.get_lines() if picking.keys_of(line) and not picking.keys_of(line)[0].type)
    i, r = next((i, r) for i, r in enumerate(d.rates) if r.overall.total)
    (key,) = _click(fig, overall, i, r.overall.rate * 100)
    assert key == kpi.FigureKey("success", str(r.quarter), str(r.quarter), "", "counted")
    assert len(kpi.releases_behind(world.ctx("lina"), key).ids) == r.overall.total


def _bars(ax):
    """(collection, index, data box) of every bar drawn in ``ax`` that stands for releases."""
    return [(c, i, path.get_extents()) for c in ax.collections if picking.keys_of(c)
            for i, path in enumerate(c.get_paths())]


def test_clicking_a_bar_opens_exactly_its_releases_r_4_6_kpi(dash):
    world, d = dash
    fig = charts.dashboard_figure(d)
    bars, i, box = next(b for b in _bars(fig.axes[2]) if b[2].height > 0)  # the CMDB chart
    keys = _click(fig, bars, box.x0 + box.width / 2, box.y0 + box.height / 2)
    assert keys == [picking.keys_of(bars)[i]]
    assert len(kpi.releases_behind(world.ctx("lina"), keys[0]).ids) == box.height


def test_every_bar_stands_for_as_many_releases_as_it_is_long_r_4_6_kpi(dash):
    world, d = dash
    fig = charts.dashboard_figure(d)
    ctx = world.ctx("lina")
    for ax in fig.axes[1:3] + fig.axes[4:]:  # status, CMDB, overdue: one release per unit
        for bars, i, box in _bars(ax):
            key = picking.keys_of(bars)[i]
            size = box.width if key.chart == "status" else box.height
            assert len(kpi.releases_behind(ctx, key).ids) == size, key


def test_report_figure_from_report_data_r_4_6_kpi(dash):
    world, _ = dash
    data = kpi.report_data(world.ctx("lina"), kpi.current_quarter(world.ctx()))
    assert charts.png_bytes(charts.report_figure(data), dpi=40)[:4] == b"\x89PNG"


def test_charts_import_no_qt():
    code = ("import sys\nimport relgui.charts.dashboard\n"
            "assert not [m for m in sys.modules if m.startswith('PySide6')], 'Qt imported'\n")
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
