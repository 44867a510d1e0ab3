"""发布成功率 (R-4.6-KPI): quarters and the rate against the target, without I/O.

Definition (policy profile [kpi]): a release counts in the quarter of its closing date
(closed_at, in the company's local time zone, which the caller passes); it counts when its
outcome is one of ``counted_outcomes`` and its status is not excluded (rejected and cancelled
requests never count); it is a success when its outcome is in ``success_outcomes`` (a
rolled-back or failed release is not).

A closure counts only while its signature verifies (R-4.2.2-CLOSE, R-DOC-SIGN): a release whose
closure record or closing signature is missing, altered or voided, or whose closure no longer
reads as signed, counts neither as released nor as a success; the KPI lists it apart as
关闭签署已失效 / closure signature broken (relgui.services.kpi, relgui.services.facts.closure_verifies).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from relgui.domain.errors import InvalidInput
from relgui.domain.text import clean
from relgui.domain.timeutil import MAX_YEAR, MIN_YEAR

_QUARTER = re.compile(r"^\s*(\d{4})\s*-?\s*[Qq]\s*([1-4])\s*$")


@dataclass(frozen=True, order=True)
class Quarter:
    year: int
    q: int

    @classmethod
    def parse(cls, text: str) -> Quarter:
        """'2026Q3' (or '2026-Q3', '2026 q3'), of a year a release can have (1990–2200)."""
        m = _QUARTER.match(text) if isinstance(text, str) else None
        if not m or not MIN_YEAR <= int(m.group(1)) <= MAX_YEAR:
            raise InvalidInput.of("quarter", "bad_quarter", value=clean(str(text))[:20])
        return cls(int(m.group(1)), int(m.group(2)))

    def checked(self) -> Quarter:
        """This quarter, or the refusal parse would give (a Quarter made in code, e.g. year 0)."""
        if not (isinstance(self.year, int) and isinstance(self.q, int) and MIN_YEAR <= self.year <= MAX_YEAR
                and 1 <= self.q <= 4):
            raise InvalidInput.of("quarter", "bad_quarter", value=clean(f"{self.year}Q{self.q}")[:20])
        return self

    @classmethod
    def of(cls, when: dt.date | dt.datetime) -> Quarter:
        return cls(when.year, (when.month - 1) // 3 + 1)

    def start(self, tz: dt.tzinfo = dt.UTC) -> dt.datetime:
        return dt.datetime(self.year, 3 * (self.q - 1) + 1, 1, tzinfo=tz)

    def end(self, tz: dt.tzinfo = dt.UTC) -> dt.datetime:
        """Exclusive end: the first instant of the next quarter."""
        return self.next().start(tz)

    def next(self) -> Quarter:
        return Quarter(self.year + (self.q == 4), self.q % 4 + 1)

    def __str__(self) -> str:
        return f"{self.year}Q{self.q}"


@dataclass(frozen=True)
class Rate:
    total: int
    successful: int
    target: float

    @property
    def rate(self) -> float | None:
        """None when nothing was released: an empty quarter neither meets nor misses."""
        return None if self.total == 0 else self.successful / self.total

    @property
    def met(self) -> bool | None:
        r = self.rate
        # Compare in whole releases, not floats: 19/20 is exactly 95 %.
        return None if r is None else self.successful * 1000 >= round(self.target * 1000) * self.total

    @property
    def percent(self) -> str:
        """Rounded down to 0.1 %: 851/896 (94.98 %) reads 94.9 %, never a 95.0 % that missed."""
        if self.total == 0:
            return "—"
        tenths = self.successful * 1000 // self.total
        return f"{tenths // 10}.{tenths % 10}%"


def percent(rate: Rate) -> str:
    """The rate to one decimal, rounded down: 94.98 % shows as 94.9 %, never as a 95.0 % that
    missed the 95 % target (Rate.percent)."""
    return rate.percent


def back(q: Quarter, n: int) -> Quarter:
    """The quarter n quarters before q."""
    index = q.year * 4 + q.q - 1 - n
    return Quarter(index // 4, index % 4 + 1)


# ------------------------------------------------------------------ the dashboard's value types
# What relgui.services.kpi counts and relgui.charts draws: plain frozen data, so the charts
# depend on the domain only (issue 17: no package cycle between charts and services).

# Rollback decision minutes are counted in equal 5-minute bins (R-4.5.2-DECIDE30: the
# 30-minute limit falls on a bin edge); the last bin is open-ended.
DECISION_BINS = tuple(range(0, 65, 5))
# R-4.4.2-CMDB24H: a CMDB deadline is met, met late, missed and still open, or still open.
CMDB_PARTS = ("in_time", "late", "overdue", "open")


@dataclass(frozen=True)
class Period:
    """Quarters first..last (inclusive) in the company's time zone."""

    first: Quarter
    last: Quarter
    tz: dt.tzinfo

    def quarters(self) -> list[Quarter]:
        out, q = [], self.first
        while q <= self.last:
            out.append(q)
            q = q.next()
        return out

    def bounds(self, q: Quarter) -> tuple[dt.datetime, dt.datetime]:
        """[start, end) of the quarter as aware instants (local midnight of its first day)."""
        return q.start(self.tz), q.end(self.tz)

    @property
    def start(self) -> dt.datetime:
        return self.first.start(self.tz)

    @property
    def end(self) -> dt.datetime:
        return self.last.end(self.tz)

    def label(self) -> str:
        return str(self.first) if self.first == self.last else f"{self.first}–{self.last}"


@dataclass(frozen=True)
class FigureKey:
    """Names one bar or point of the dashboard, so the releases behind it can be listed
    (relgui.services.kpi.releases_behind).

    chart: success | status | stage | cmdb | decision | decision_bin | overdue.
    first/last: the quarters it covers ('' for figures of the present state).
    type: a release type key, '' for all types. part: which share of the figure
    (success: counted | successful | unsuccessful | closure_broken; status/stage: its key; cmdb:
    in_time | late | overdue | open; decision: in_time | late; decision_bin: the bin's lower
    edge; overdue: cmdb | decision).
    """

    chart: str
    first: str = ""
    last: str = ""
    type: str = ""
    part: str = ""


@dataclass(frozen=True)
class BrokenClosure:
    """A release the KPI would count but does not: its closure signature no longer verifies
    (关闭签署已失效 — the signature, or the closure it covers, altered behind relgui)."""

    id: int
    number: str
    title: str
    type: str
    outcome: str | None
    closed_at: dt.datetime


@dataclass(frozen=True)
class QuarterRate:
    quarter: Quarter
    overall: Rate
    by_type: dict[str, Rate]
    # Counted neither as a release nor as a success, and listed here (R-4.2.2-CLOSE, R-DOC-SIGN).
    closure_broken: tuple[BrokenClosure, ...] = ()


@dataclass(frozen=True)
class StatusCounts:
    by_status: dict[str, int]
    by_stage: dict[str, int]


@dataclass(frozen=True)
class CmdbQuarter:
    """R-4.4.2-CMDB24H for deadlines falling in the quarter."""

    quarter: Quarter
    in_time: int = 0
    late: int = 0
    overdue: int = 0
    open: int = 0

    @property
    def decided(self) -> int:
        return self.in_time + self.late + self.overdue

    @property
    def rate(self) -> float | None:
        return None if self.decided == 0 else self.in_time / self.decided


@dataclass(frozen=True)
class DecisionQuarter:
    """R-4.5.2-DECIDE30: rollback decisions taken on problems detected in the quarter."""

    quarter: Quarter
    in_time: int = 0
    late: int = 0
    avg_minutes: float | None = None
    max_minutes: float | None = None

    @property
    def rate(self) -> float | None:
        n = self.in_time + self.late
        return None if n == 0 else self.in_time / n


@dataclass(frozen=True)
class DecisionBin:
    low: int
    high: int | None  # None: open-ended
    count: int


@dataclass(frozen=True)
class Overdue:
    """Open deadlines already missed, now, per release type."""

    cmdb: dict[str, int]
    decision: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.cmdb.values()) + sum(self.decision.values())


@dataclass(frozen=True)
class Dashboard:
    period: Period
    target: float
    rates: list[QuarterRate]
    statuses: StatusCounts
    cmdb: list[CmdbQuarter]
    decisions: list[DecisionQuarter]
    decision_bins: list[DecisionBin]
    decision_limit: int
    overdue: Overdue
    now: dt.datetime
