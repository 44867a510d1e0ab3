"""The two clocks of the policy: CMDB update within 24 h (R-4.4.2-CMDB24H) and the rollback
decision within 30 min of detecting a severe problem (R-4.5.2-DECIDE30)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from relgui.domain.profile import Deadlines


class DeadlineState(StrEnum):
    OK = "ok"
    WARN = "warn"        # due soon: inside the profile's warning window
    OVERDUE = "overdue"  # still open and past due
    MET = "met"          # done in time
    MISSED = "missed"    # done, but late


@dataclass(frozen=True)
class Deadline:
    kind: str  # cmdb | rollback_decision
    due: dt.datetime
    done_at: dt.datetime | None
    state: DeadlineState
    requirement: str

    def remaining(self, now: dt.datetime) -> dt.timedelta:
        return self.due - now


def _state(due: dt.datetime, warn: dt.timedelta, done_at: dt.datetime | None,
           now: dt.datetime) -> DeadlineState:
    if done_at is not None:
        return DeadlineState.MET if done_at <= due else DeadlineState.MISSED
    if now > due:
        return DeadlineState.OVERDUE
    if now >= due - warn:
        return DeadlineState.WARN
    return DeadlineState.OK


def cmdb_due(rules: Deadlines, deployment_finished: dt.datetime) -> dt.datetime:
    """R-4.4.2-CMDB24H: 24 h from the successful end of deployment."""
    return deployment_finished + rules.cmdb_update


def decision_due(rules: Deadlines, detected: dt.datetime) -> dt.datetime:
    """R-4.5.2-DECIDE30: 30 min from detecting the severe problem."""
    return detected + rules.rollback_decision


def cmdb(rules: Deadlines, deployment_finished: dt.datetime, done_at: dt.datetime | None,
         now: dt.datetime) -> Deadline:
    due = cmdb_due(rules, deployment_finished)
    return Deadline("cmdb", due, done_at, _state(due, rules.cmdb_warn, done_at, now), "R-4.4.2-CMDB24H")


def rollback_decision(rules: Deadlines, detected: dt.datetime, decided_at: dt.datetime | None,
                      now: dt.datetime) -> Deadline:
    due = decision_due(rules, detected)
    state = _state(due, rules.rollback_warn, decided_at, now)
    return Deadline("rollback_decision", due, decided_at, state, "R-4.5.2-DECIDE30")


def is_late(due: dt.datetime, done_at: dt.datetime) -> bool:
    return done_at > due
