"""The five dashboard charts, each drawn into a matplotlib Axes from KPI data (R-4.6-KPI).

Only data in, artists out: no database, no Qt. Every bar and point is remembered with its
FigureKey (relgui.charts.picking) so a click can open the register at the releases behind it.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from matplotlib.collections import PolyCollection
from matplotlib.ticker import MaxNLocator, PercentFormatter

from relgui.charts import style
from relgui.charts.labels import text
from relgui.charts.picking import remember
from relgui.domain.kpi import CmdbQuarter, DecisionBin, FigureKey, Overdue, Rate, StatusCounts, percent
from relgui.domain.states import TERMINAL
from relgui.policy import current_profile


def _pct(rate: Rate) -> float:
    return math.nan if rate.rate is None else rate.rate * 100


def _few_ticks(axis, n: int = 4) -> None:
    # Every tick is a few artists to lay out and draw; four say enough on a dashboard.
    axis.set_major_locator(MaxNLocator(n, integer=True))


def _title(ax, label: str) -> None:
    # A fixed place: left automatic, matplotlib measures every tick label to find one.
    ax.set_title(label, y=1.01)


def _empty(ax, lang: str) -> None:
    ax.text(0.5, 0.5, text("empty", lang), ha="center", va="center", transform=ax.transAxes, color="grey")


def draw_success(ax, quarters: Sequence[str], overall: Sequence[Rate], by_type: Mapping[str, Sequence[Rate]],
                 target: float, lang: str = "zh_CN", pickable: bool = True) -> None:
    """发布成功率 per quarter: one line per release type, all releases in bold, and the
    target as a dashed line. An empty quarter is a gap, not 0 % (nothing was released)."""
    profile = current_profile()
    x = range(len(quarters))
    for key, rates in by_type.items():
        t = profile.release_types[key]
        (line,) = ax.plot(x, [_pct(r) for r in rates], marker="o", color=t.color, label=t.label(lang), lw=1.2)
        if pickable:
            remember(line, [FigureKey("success", q, q, key, "counted") for q in quarters])
    values = [_pct(r) for r in overall]
    (line,) = ax.plot(x, values, marker="s", color=style.OVERALL, lw=2.4, label=text("overall", lang))
    if pickable:
        remember(line, [FigureKey("success", q, q, "", "counted") for q in quarters])
    for i, (v, r) in enumerate(zip(values, overall)):
        if not math.isnan(v):
            # over the lines, on white: the types' lines and markers cross the overall rate's label
            ax.annotate(percent(r), (i, v), textcoords="offset points", xytext=(0, 7), ha="center", fontsize=8,
                        zorder=5, bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.85})
    ax.axhline(target * 100, color=style.TARGET, ls="--", lw=1.2, label=text("target", lang, target=f"{target:.0%}"))
    shown = [v for vs in ([_pct(r) for r in rs] for rs in by_type.values()) for v in vs if not math.isnan(v)]
    low = min([*shown, *[v for v in values if not math.isnan(v)], target * 100])
    ax.set_ylim(max(0, math.floor(low / 5) * 5 - 5), 101)  # a line chart: the zoom hides nothing
    ax.yaxis.set_major_formatter(PercentFormatter(decimals=0))
    _few_ticks(ax.yaxis, 5)
    ax.set_xticks(list(x), list(quarters))
    _title(ax, text("success_title", lang))
    ax.grid(axis="y", alpha=0.3)
    ax.legend(fontsize=8, loc="lower left", ncol=2)


def _bars(ax, positions, lengths, *, base=None, width: float = 0.8, align: str = "center", color,
          keys: Sequence[FigureKey], label: str | None = None, horizontal: bool = False) -> PolyCollection:
    """Bars as one PolyCollection: a single artist, where ax.bar makes one Rectangle per bar
    with its own transforms (a dashboard of ~60 bars drew a third faster this way). A pick
    reports the bar's index, which ``remember`` maps to its FigureKey."""
    base = base or [0] * len(lengths)
    shift = -width / 2 if align == "center" else 0.0
    boxes = []
    for p, n, b in zip(positions, lengths, base):
        a, z = p + shift, p + shift + width
        corners = [(a, b), (z, b), (z, b + n), (a, b + n)]
        boxes.append([(y, x) for x, y in corners] if horizontal else corners)
    bars = PolyCollection(boxes, facecolors=color, edgecolors="white", linewidths=0.5, label=label)
    ax.add_collection(bars)
    remember(bars, keys)
    return bars


def draw_status(ax, counts: StatusCounts, lang: str = "zh_CN") -> None:
    """Releases in progress by status, coloured by the stage of 表4-2 they are in; the ended
    ones (closed, rejected, cancelled) as clickable totals below, since closed releases
    outnumber the work in progress a hundredfold and would flatten every other bar."""
    profile = current_profile()
    stage_index = {s.key: i for i, s in enumerate(profile.stages)}
    ended = [k for k in counts.by_status if k in TERMINAL]
    active = [k for k in counts.by_status if k not in TERMINAL]
    colors = [style.STAGE_COLORS[stage_index.get(profile.statuses[k].stage, 0) % len(style.STAGE_COLORS)]
              for k in active]
    values = [counts.by_status[k] for k in active]
    _bars(ax, range(len(active)), values, color=colors, horizontal=True,
          keys=[FigureKey("status", part=k) for k in active])
    top = max(values + [1])
    for i, n in enumerate(values):
        ax.text(n + top * 0.01, i, str(n), va="center", fontsize=7)
    ax.set_yticks(range(len(active)), [profile.statuses[k].label(lang) for k in active], fontsize=8)
    ax.set_ylim(len(active) - 0.5, -0.5)  # the lifecycle reads top to bottom
    ax.set_xlim(0, top * 1.5)  # the stage names sit at the right
    ax.xaxis.set_visible(False)  # every bar carries its number
    for i, key in enumerate(ended):
        label = ax.text(i / max(1, len(ended)), -0.16, f"{profile.statuses[key].label(lang)} {counts.by_status[key]}",
                        transform=ax.transAxes, fontsize=8, color=style.OVERALL)
        remember(label, [FigureKey("status", part=key)])
    _stage_names(ax, profile, active, top * 1.48, lang)
    _title(ax, text("status_title", lang))


def _stage_names(ax, profile, statuses: list[str], x: float, lang: str) -> None:
    """Each stage's name at the right, level with its statuses, in its colour (cheaper to
    draw than a legend box, and read where the bars are)."""
    for i, stage in enumerate(profile.stages):
        rows = [n for n, k in enumerate(statuses) if profile.statuses[k].stage == stage.key]
        if rows:
            ax.text(x, sum(rows) / len(rows), stage.label(lang), ha="right", va="center", fontsize=7,
                    color=style.STAGE_COLORS[i % len(style.STAGE_COLORS)], fontweight="bold")


CMDB_PARTS = (("in_time", style.GOOD), ("late", style.WARN), ("overdue", style.BAD), ("open", style.IDLE))


def draw_cmdb(ax, rows: Sequence[CmdbQuarter], lang: str = "zh_CN") -> None:
    """R-4.4.2-CMDB24H: deadlines of each quarter met, met late, missed and still open."""
    labels = [str(r.quarter) for r in rows]
    bottom = [0] * len(rows)
    for part, color in CMDB_PARTS:
        heights = [getattr(r, part) for r in rows]
        _bars(ax, range(len(rows)), heights, base=bottom, color=color, label=text(part, lang),
              keys=[FigureKey("cmdb", q, q, "", part) for q in labels])
        bottom = [b + h for b, h in zip(bottom, heights)]
    for i, r in enumerate(rows):
        if r.rate is not None:
            ax.annotate(f"{r.rate:.1%}", (i, bottom[i]), textcoords="offset points", xytext=(0, 3),
                        ha="center", fontsize=8)
    if not any(bottom):
        _empty(ax, lang)
    ax.set_xlim(-0.6, len(rows) - 0.4)
    ax.set_ylim(0, max(bottom + [1]) * 1.3)  # room for the percentages and the legend
    _few_ticks(ax.yaxis)
    ax.set_xticks(range(len(rows)), labels, fontsize=8)
    _title(ax, text("cmdb_title", lang))
    ax.legend(fontsize=7, loc="upper center", ncol=4)  # a fixed place: "best" tries them all


def draw_decisions(ax, bins: Sequence[DecisionBin], limit: int, first: str, last: str,
                   lang: str = "zh_CN") -> None:
    """R-4.5.2-DECIDE30: how long rollback decisions took, against the limit."""
    width = bins[1].low - bins[0].low  # equal bins; the open-ended last one drawn as wide
    colors = [style.GOOD if b.high is not None and b.high <= limit else style.BAD for b in bins]
    counts = [b.count for b in bins]
    _bars(ax, [b.low for b in bins], counts, width=width, align="edge", color=colors,
          keys=[FigureKey("decision_bin", first, last, "", str(b.low)) for b in bins])
    ax.axvline(limit, color=style.TARGET, ls="--", lw=1.2)
    ax.text(limit, 0.97, " " + text("decision_limit", lang, minutes=limit), transform=ax.get_xaxis_transform(),
            color=style.TARGET, fontsize=7, va="top")
    if not any(counts):
        _empty(ax, lang)
    edges = [b.low for b in bins]
    ax.set_xlim(edges[0] - width / 2, edges[-1] + width * 1.5)
    ax.set_ylim(0, max(counts + [1]) * 1.1)
    ax.set_xticks(edges[::2], [str(e) if e != edges[-1] else f"≥{e}" for e in edges[::2]], fontsize=7)
    _few_ticks(ax.yaxis)
    _title(ax, text("decision_title", lang))


def draw_overdue(ax, overdue: Overdue, lang: str = "zh_CN") -> None:
    """Deadlines missed and still open now, stacked by release type."""
    profile = current_profile()
    kinds = (("cmdb", overdue.cmdb), ("decision", overdue.decision))
    bottom = [0, 0]
    for key, t in profile.release_types.items():
        heights = [counts.get(key, 0) for _, counts in kinds]
        _bars(ax, [0, 1], heights, base=bottom, width=0.6, color=t.color, label=t.label(lang),
              keys=[FigureKey("overdue", type=key, part=kind) for kind, _ in kinds])
        bottom = [b + h for b, h in zip(bottom, heights)]
    for i, total in enumerate(bottom):
        ax.annotate(str(total), (i, total), textcoords="offset points", xytext=(0, 3), ha="center", fontsize=9)
    ax.set_xticks([0, 1], [text("overdue_cmdb", lang), text("overdue_decision", lang)], fontsize=8)
    ax.set_xlim(-0.6, 1.6)
    ax.set_ylim(0, max(bottom + [1]) * 1.2)
    ax.yaxis.set_visible(False)  # the totals are written on the bars
    _title(ax, text("overdue_title", lang))
    ax.legend(fontsize=7, loc="upper left")
