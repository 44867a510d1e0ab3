"""The KPI alert (issue 16, R-4.6-KPI): the current quarter's 发布成功率 falling below its target.

Every sender (a running relgui, ``relgui-admin notify --run-once`` / ``--daemon``) runs ``check``
at most every CHECK_EVERY (``KpiWatch``). It reads the current quarter — in the company's time
zone — with the dashboard's own use case (``kpi.success_rate``: the profile's definition, a
release counted only while its closure signature verifies), then in one unit of work decides
and writes:

- **below** means the quarter's rate misses the target (``Rate.met is False``: compared in whole
  releases, so 19 of 20 is exactly 95 % and met). A quarter with nothing counted yet neither meets
  nor misses and changes nothing.
- The quarter **crosses below** when it is below now and was not below at the last check that
  saw it (never checked, or at/above the target then). A crossing writes the ``kpi_below``
  rule's alerts into the outbox (subject ``kpi-<quarter>-<n>``, n = this quarter's crossings so
  far: the outbox's unique key makes it once) and the audit event ``alert.kpi_below``.
- While it stays below, later rounds write nothing.
- Back at or above the target: the audit event ``alert.kpi_met`` (no alert). Falling below again
  is crossing n + 1: a new alert.
- A new quarter starts afresh (its own crossings); only the current quarter is watched.

The state is the audit trail itself (append-only, hash-chained): the last ``alert.kpi_below`` /
``alert.kpi_met`` event of the quarter says whether it was below, their count which crossing
this is. Two senders deciding at once are serialised — PostgreSQL by a transaction-scoped
advisory lock taken before the state is read, SQLite by the one writer (BEGIN IMMEDIATE) — so a
crossing is decided, audited and alerted exactly once.
"""

from __future__ import annotations

import datetime as dt
import logging
import weakref
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, text

from relgui.domain.errors import RelguiError
from relgui.domain.kpi import Quarter, QuarterRate
from relgui.services import alerts, kpi
from relgui.services.context import AppContext, reading, system_actor, unit_of_work
from relgui.store.models import AuditEvent

log = logging.getLogger(__name__)

EVENT = "kpi_below"
BELOW, MET = "alert.kpi_below", "alert.kpi_met"
ENTITY = "kpi"
ADVISORY_KEY = 0x6B706977  # PostgreSQL: one KPI watch deciding at a time ('kpiw')
CHECK_EVERY = dt.timedelta(minutes=5)


@dataclass(frozen=True)
class Outcome:
    """What one check saw and did."""

    quarter: Quarter
    rate: QuarterRate | None  # None: the kpi_below rule is switched off (nothing was read)
    below: bool | None  # None: nothing counted in the quarter yet
    crossing: int  # this quarter's crossings below the target so far (after this check)
    alerts: int  # outbox rows written by this check
    changed: str = ""  # "below" | "met" | "": what this check recorded


def _target(target: float) -> str:
    return f"{target * 100:g}%"


def _state(s, quarter: Quarter) -> tuple[bool, int]:
    """(below at the last check that recorded a change, crossings so far) from the audit trail."""
    actions = s.execute(select(AuditEvent.action).where(
        AuditEvent.entity == ENTITY, AuditEvent.entity_key == str(quarter),
        AuditEvent.action.in_((BELOW, MET))).order_by(AuditEvent.seq)).scalars().all()
    return (bool(actions) and actions[-1] == BELOW), sum(1 for a in actions if a == BELOW)


def check(ctx: AppContext, *, tool: str = "relgui") -> Outcome:
    """One look at the current quarter's success rate (R-4.6-KPI); a crossing below the target
    writes the kpi_below alerts and its audit event in one unit of work. ``tool`` names the
    sender in the audit trail (the check acts as the system, not as the logged-in user)."""
    me = AppContext(db=ctx.db, actor=system_actor(tool), clock=ctx.clock, lang=ctx.lang)
    quarter = kpi.current_quarter(me)
    with reading(me) as s:
        wanted = bool(alerts.rules_in_force(s).for_event(EVENT))
        was_below, crossings = _state(s, quarter)
    if not wanted:
        return Outcome(quarter, None, None, crossings, 0)
    rate = kpi.success_rate(me, quarter)  # the dashboard's figure, read before the write
    overall = rate.overall
    below = None if overall.met is None else not overall.met
    if below is None or below == was_below:
        return Outcome(quarter, rate, below, crossings, 0)  # nothing to record: no write transaction
    with unit_of_work(me) as w:  # decided again under the lock: another sender may have been first
        if w.s.get_bind().dialect.name == "postgresql":
            w.s.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": ADVISORY_KEY})
        was_below, crossings = _state(w.s, quarter)
        figures: dict[str, Any] = {"quarter": str(quarter), "rate": overall.percent, "target": _target(overall.target),
                   "counted": overall.total, "succeeded": overall.successful,
                   "unsuccessful": overall.total - overall.successful, "broken": len(rate.closure_broken)}
        if below and not was_below:
            crossings += 1
            written = alerts.raise_event(w, EVENT, None, f"kpi-{quarter}-{crossings}",
                                         {**figures, "crossing": crossings})
            w.audit(BELOW, ENTITY, quarter, crossing=crossings, alerts=written, **figures)
            return Outcome(quarter, rate, True, crossings, written, "below")
        if below is False and was_below:
            w.audit(MET, ENTITY, quarter, crossing=crossings, **figures)
            return Outcome(quarter, rate, False, crossings, 0, "met")
        return Outcome(quarter, rate, below, crossings, 0)


class KpiWatch:
    """A sender's KPI check, run at most every ``every`` (by the context's clock). A check that
    is refused (the database unreachable, a profile that cannot be read) is logged and tried
    again at the next round; a bug is raised."""

    def __init__(self, *, every: dt.timedelta = CHECK_EVERY, tool: str = "relgui"):
        self.every = every
        self.tool = tool
        self.last: dt.datetime | None = None
        self.outcome: Outcome | None = None

    def __call__(self, ctx: AppContext) -> Outcome | None:
        now = ctx.clock.now()
        if self.last is not None and now - self.last < self.every:
            return None
        try:
            self.outcome = check(ctx, tool=self.tool)
        except RelguiError as exc:
            log.warning("KPI alert check failed (tried again in the next round): %s", exc.message("en"))
            return None
        self.last = now
        return self.outcome


_WATCHES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def watch_for(ctx: AppContext, *, tool: str = "relgui") -> KpiWatch:
    """The process's watch for this database: a workstation's rounds run on short-lived
    workers, so the time of the last check lives with the Database object."""
    found = _WATCHES.get(ctx.db)
    if found is None:
        found = _WATCHES[ctx.db] = KpiWatch(tool=tool)
    return found
