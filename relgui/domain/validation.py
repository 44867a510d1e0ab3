"""Rules that keep a release's record from accepting nonsense (issue 15), without I/O.

Each predicate takes plain facts and returns refusals; the services call them where the value
is written. User text names the policy clause in words where it helps ("制度 4.3.2"); the
requirement IDs stay here, in ``Refusal.requirement``.

- Step times (R-4.3.2-MONITOR: progress per step is recorded as it happened): 实际完成 not before
  实际开始, a step not begun before the previous step's end, none before deployment began nor
  in the future; a time outside the approved execution window stands only with a recorded
  reason (R-1.3-PLAN).
- Deployment outside the approved window or inside a freeze period needs a recorded reason
  (R-1.3-PLAN: 禁止未经计划的部署), which the 发布变更报告 flags.
- A change already delivered by a closed release is linked again only when confirmed
  (R-4.2.1-CHANGE).
- Titles have a visible limit (TITLE_LIMIT), refused with the limit in words, never cut.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from relgui.domain.errors import Refusal
from relgui.domain.text import MAX_LINE

TITLE_LIMIT = MAX_LINE  # the column's length (500): shown beside the field, refused beyond it
# A recorded time may run ahead of the server's clock by this much (workstation clocks drift).
CLOCK_SLACK = dt.timedelta(minutes=5)
# Outcomes after which closing needs a lesson in the knowledge base (R-4.4.2-KNOWLEDGE).
LESSON_OUTCOMES = frozenset({"failed", "rolled_back"})


def _at(value: dt.datetime | None, tz: dt.tzinfo | None) -> str:
    if value is None:
        return ""
    return value.astimezone(tz).strftime("%Y-%m-%d %H:%M") if tz else value.strftime("%Y-%m-%d %H:%M")


# ------------------------------------------------------------------ step times

@dataclass(frozen=True)
class StepTimes:
    """What the times of one recorded step are judged against."""

    started: dt.datetime | None
    finished: dt.datetime | None
    now: dt.datetime
    previous_end: dt.datetime | None = None       # the previous step's 实际完成 (deploy steps)
    deployment_started: dt.datetime | None = None  # release.deployment_started_at
    window_start: dt.datetime | None = None        # the approved plan's 发布窗口
    window_end: dt.datetime | None = None


def step_order_refusals(t: StepTimes, tz: dt.tzinfo | None = None) -> list[Refusal]:
    """Times that cannot be true, whatever the reason: refused (R-4.3.2-MONITOR)."""
    out = []
    if t.started and t.finished and t.finished < t.started:
        out.append(Refusal("step_finished_before_start", "R-4.3.2-MONITOR",
                           {"started": _at(t.started, tz), "finished": _at(t.finished, tz)}))
    if t.started and t.previous_end and t.started < t.previous_end:
        out.append(Refusal("step_before_previous", "R-4.3.2-MONITOR",
                           {"started": _at(t.started, tz), "previous": _at(t.previous_end, tz)}))
    first = t.started or t.finished
    if first and t.deployment_started and first < t.deployment_started:
        out.append(Refusal("step_before_deployment", "R-4.3.2-MONITOR",
                           {"at": _at(first, tz), "deployment": _at(t.deployment_started, tz)}))
    for when in (t.started, t.finished):
        if when and when > t.now + CLOCK_SLACK:
            out.append(Refusal("step_in_future", "R-4.3.2-MONITOR", {"at": _at(when, tz)}))
            break
    return out


def step_window_refusals(t: StepTimes, reason: str, tz: dt.tzinfo | None = None) -> list[Refusal]:
    """A time outside the approved execution window stands only with a recorded reason
    (R-1.3-PLAN)."""
    if (reason or "").strip() or not (t.window_start and t.window_end):
        return []
    outside = [w for w in (t.started, t.finished) if w and not (t.window_start <= w <= t.window_end)]
    if not outside:
        return []
    return [Refusal("step_outside_window", "R-1.3-PLAN", {
        "at": _at(outside[0], tz), "window_start": _at(t.window_start, tz), "window_end": _at(t.window_end, tz)})]


def step_outside_window(t: StepTimes) -> bool:
    if not (t.window_start and t.window_end):
        return False
    return any(w and not (t.window_start <= w <= t.window_end) for w in (t.started, t.finished))


# ------------------------------------------------------------------ deployment start

@dataclass(frozen=True)
class Freeze:
    start: dt.datetime
    end: dt.datetime
    reason: str = ""


def deployment_deviations(now: dt.datetime, window_start: dt.datetime | None, window_end: dt.datetime | None,
                          freezes: Sequence[Freeze], tz: dt.tzinfo | None = None) -> list[Refusal]:
    """What is wrong with starting deployment ``now``: outside the approved window, inside a
    freeze period (R-1.3-PLAN). Each needs a recorded reason; the report flags it."""
    out = []
    if window_start and window_end and not (window_start <= now <= window_end):
        early = now < window_start
        hours = round(abs(((window_start if early else window_end) - now).total_seconds()) / 3600, 1)
        out.append(Refusal("deploy_outside_window", "R-1.3-PLAN", {
            "now": _at(now, tz), "window_start": _at(window_start, tz), "window_end": _at(window_end, tz),
            "hours": hours, "side": "early" if early else "late"}))
    for f in freezes:
        if f.start <= now < f.end:
            out.append(Refusal("deploy_in_freeze", "R-1.3-PLAN", {
                "start": _at(f.start, tz), "end": _at(f.end, tz), "why": f.reason[:200]}))
    return out


def deployment_refusals(deviations: Iterable[Refusal], reason: str) -> list[Refusal]:
    """Each deviation refused unless a reason is recorded (then it is flagged, not refused)."""
    found = list(deviations)
    if not found or (reason or "").strip():
        return []
    return [*found, Refusal("deviation_needs_reason", "R-1.3-PLAN")]


# ------------------------------------------------------------------ changes

def delivered_refusals(delivered: dict[str, str], confirmed: bool) -> list[Refusal]:
    """R-4.2.1-CHANGE: a change request another release already delivered (closed with success)
    is linked again only when the user confirms it (a follow-up, a re-deployment)."""
    if confirmed or not delivered:
        return []
    return [Refusal("change_already_delivered", "R-4.2.1-CHANGE", {"change": change, "release": release})
            for change, release in sorted(delivered.items())]


# ------------------------------------------------------------------ closure

def analysis_refusals(analysis: str) -> list[Refusal]:
    """R-4.2.2-CLOSE: the manager's 成败分析 is what the closing signature signs: never empty.
    Checked before the password is asked (closing_checks.check) and again when closing."""
    if not (analysis or "").strip():
        return [Refusal("closure_analysis_empty", "R-4.2.2-CLOSE")]
    return []


def lesson_refusals(outcome: str | None, lessons: int) -> list[Refusal]:
    """R-4.4.2-KNOWLEDGE: a failed or rolled-back release is closed only with its 经验总结 in the
    knowledge base."""
    if outcome in LESSON_OUTCOMES and lessons <= 0:
        return [Refusal("lesson_required", "R-4.4.2-KNOWLEDGE", {"outcome": outcome})]
    return []


# ------------------------------------------------------------------ titles

def title_refusals(title: str, limit: int = TITLE_LIMIT) -> list[Refusal]:
    """A title over its limit is refused with the limit, never cut (what was typed is kept)."""
    if len(title or "") > limit:
        return [Refusal("title_too_long", "R-1.3-TRACE", {"length": len(title), "limit": limit})]
    return []
