"""发布成功率 (R-4.6-KPI): quarters and the rate against the target, without I/O.

Definition (policy profile [kpi]): a release counts in the quarter of its closing date
(closed_at, in the company's local time zone, which the caller passes); it counts when its outcome is one of ``counted_outcomes`` and its status
is not excluded (rejected and cancelled requests never count); it is a success when its
outcome is in ``success_outcomes`` (a rolled-back or failed release is not).

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

    def start(self, tz: dt.tzinfo = dt.timezone.utc) -> dt.datetime:
        return dt.datetime(self.year, 3 * (self.q - 1) + 1, 1, tzinfo=tz)

    def end(self, tz: dt.tzinfo = dt.timezone.utc) -> dt.datetime:
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
