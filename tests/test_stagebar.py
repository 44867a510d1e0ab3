"""The stage bar (R-4.2.2-STAGES): every stage's name shown whole where it fits — the English
names are longer than the Chinese ones and were elided ("✓ Implement…") in equal segments."""

from __future__ import annotations

from PySide6.QtCore import Qt

from relgui.gui.stagebar import StageBar

ENGLISH = ["Acceptance", "Planning", "Implementation", "CMDB update", "Closure"]
CHINESE = ["发布受理", "制定发布计划", "组织实施发布", "更新配置信息", "发布关闭"]


def _elided(bar: StageBar) -> list[str]:
    fm = bar.fontMetrics()
    out = []
    for i, (_left, width) in enumerate(bar.segments()):
        label = bar._label(i)
        if fm.elidedText(label, Qt.TextElideMode.ElideRight, int(width - 2 * bar.TIP)) != label:
            out.append(label)
    return out


def test_every_name_is_whole_at_the_detail_views_width(qtbot):
    for names in (ENGLISH, CHINESE):
        for current in range(len(names) + 1):
            bar = StageBar()
            qtbot.addWidget(bar)
            bar.set_stages(names, current)
            bar.resize(max(560, bar.sizeHint().width()), 34)
            assert bar.width() <= 600, bar.sizeHint()  # the names fit the bar's usual width
            assert _elided(bar) == [], (names, current)


def test_segments_tile_the_bar_and_shrink_alike_when_too_narrow(qtbot):
    bar = StageBar()
    qtbot.addWidget(bar)
    bar.set_stages(ENGLISH, 3)
    for width in (300, 560, 900):
        bar.resize(width, 34)
        segs = bar.segments()
        assert abs(segs[-1][0] + segs[-1][1] - width) < 1e-6 and segs[0][0] == 0
        assert all(abs(a[0] + a[1] - b[0]) < 1e-6 for a, b in zip(segs, segs[1:], strict=False))
    bar.resize(300, 34)
    assert _elided(bar)  # too narrow: elided, the whole name in the tooltip


def test_a_narrow_bar_drops_the_ticks_before_it_elides_a_name(qtbot):
    """The detail pane's bar (~480 px) of a closed release: five ✓ did not fit with the English
    names; the colour says done, so the ticks go and every name stays whole."""
    bar = StageBar()
    qtbot.addWidget(bar)
    bar.set_stages(ENGLISH, 0, closed=True)
    bar.resize(bar.sizeHint().width(), 34)
    assert bar._ticked() and _elided(bar) == []
    bar.resize(480, 34)
    assert not bar._ticked() and _elided(bar) == []
    assert bar._label(2) == "Implementation"
