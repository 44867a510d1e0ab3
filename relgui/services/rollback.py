"""发布回退管理 (R-4.5): a severe problem starts the 30-minute decision clock; a decision to
roll back runs the plan's rollback steps in order until the pre-release state is confirmed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from relgui.domain import closure, deadlines, lifecycle, text, versions
from relgui.domain.errors import InvalidInput, NotFound, PolicyViolation, Refusal
from relgui.domain.states import Action, Status
from relgui.domain.versions import NEW
from relgui.policy import profile_for
from relgui.services import alerts
from relgui.services.context import AppContext, conflict_for, unit_of_work
from relgui.services.facts import gather, load_release
from relgui.services.releases import transition
from relgui.store.models import Problem, Rollback

DECISIONS = ("rollback", "continue")


@dataclass(frozen=True)
class Decision:
    decision: str
    decided_at: dt.datetime
    due: dt.datetime
    late: bool


def report_problem(ctx: AppContext, key: int | str, triggers: list[str], description: str, *,
                   expected_problem: object) -> int:
    """严重问题: pick the triggers that apply (R-4.5.1-TRIGGERS); the decision clock starts now.

    ``expected_problem`` is the latest problem of this release the reporter saw (its id), or
    ``NEW`` when they saw none: a problem reported meanwhile by somebody else is a conflict
    naming them, not a second clock for the same trouble.
    """
    body = text.block(description, "description", required=True, limit=8000)
    with unit_of_work(ctx) as w:
        release = load_release(w.s, key, lock=True)
        profile = profile_for(release.profile_ref)
        known = [t.key for t in profile.triggers]
        chosen = list(dict.fromkeys(text.keys(triggers, "triggers", limit=40)))
        if not chosen:
            raise InvalidInput(Refusal("no_triggers", "R-4.5.1-TRIGGERS"))
        bad = [t for t in chosen if t not in known]
        if bad:
            raise InvalidInput.of("triggers", "not_a_choice", value=str(bad[0])[:40], choices="/".join(known))
        latest = w.s.execute(select(Problem).where(Problem.release_id == release.id)
                             .order_by(Problem.id.desc()).limit(1)).scalar_one_or_none()
        _expect_problem(w, release, latest, expected_problem)
        lifecycle.require(Action.REPORT_PROBLEM, gather(w.s, release), w.actor)
        problem = Problem(release_id=release.id, detected_at=w.now, reported_by_id=w.actor.user_id,
                          description=body, triggers=chosen)
        w.s.add(problem)
        release.decision_due_at = deadlines.decision_due(profile.deadlines, w.now)
        w.touch(release)
        w.s.flush()
        w.audit("rollback.problem", "problem", problem.id, release_id=release.id, triggers=chosen,
                number=release.number,
                description=body[:500], decision_due=release.decision_due_at)
        alerts.problem_reported(w, release, problem, profile)  # issue 16: in this transaction
        return problem.id


def _expect_problem(w, release, latest: Problem | None, seen: object) -> None:
    """The problem the user saw is still the latest one (by id: problems are only appended)."""
    key = f"{release.number}#problem"
    w.guard = ("problem", key)
    if versions.check(seen) is NEW:
        if latest is not None:
            raise conflict_for(w.s, "problem", latest.id)
    elif latest is None or latest.id != seen:
        raise conflict_for(w.s, "problem", latest.id if latest else "?")


def decide(ctx: AppContext, key: int | str, decision: str, reason: str, *,
           expected_problem: object, expected_version: object) -> Decision:
    """回退决策 within 30 minutes of detection (R-4.5.2-DECIDE30); a later one is recorded as late.

    The manager decides on the problem they saw: ``expected_problem`` is its id and
    ``expected_version`` its version (details.seen_problem / seen_problem_version). Steps
    recorded meanwhile do not stand in the way; a decision already taken by somebody else, or a
    newer problem reported since, does — a decision never lands on a problem nobody showed.
    """
    if decision not in DECISIONS:
        raise InvalidInput.of("decision", "not_a_choice", value=str(decision)[:20], choices="/".join(DECISIONS))
    why = text.block(reason, "reason", required=False, limit=4000)
    with unit_of_work(ctx) as w:
        release = load_release(w.s, key, lock=True)
        problem = w.s.execute(select(Problem).where(Problem.release_id == release.id)
                              .order_by(Problem.id.desc()).limit(1)).scalar_one_or_none()
        _expect_problem(w, release, problem, expected_problem)
        w.expect_version(problem, expected_version, "problem", problem.id if problem else "?")
        lifecycle.require(Action.DECIDE_ROLLBACK, gather(w.s, release), w.actor)
        if problem is None:  # not reached: only a reported problem opens the decision (the rule above)
            raise NotFound.of("problem", release.number)
        # R-4.5.1-TRIGGERS: continuing after data inconsistency or loss is said in its own words.
        found = list(closure.decision_refusals(problem.triggers or (), decision, why))
        if found:
            raise PolicyViolation(*found)
        text.block(why, "reason", required=True)  # R-4.5.2-DECIDE30: every decision records its reason
        profile = profile_for(release.profile_ref)
        due = deadlines.decision_due(profile.deadlines, problem.detected_at)
        late = deadlines.is_late(due, w.now)
        problem.decision, problem.decided_at, problem.decided_by_id = decision, w.now, w.actor.user_id
        problem.decision_reason, problem.decision_late = why, late
        release.decision_due_at = None
        w.touch(release)
        changes = {}
        if decision == "rollback":
            old = release.status
            release.status = Status.ROLLING_BACK.value
            changes["status"] = (old, release.status)
            w.s.add(Rollback(release_id=release.id, problem_id=problem.id, started_at=w.now))
        w.audit("rollback.decide", "problem", problem.id, release_id=release.id, changes=changes,
                reason=why, decision=decision, problem=problem.id, due=due, late=late,
                minutes=round((w.now - problem.detected_at).total_seconds() / 60, 1))
        return Decision(decision, w.now, due, late)


def confirm_restored(ctx: AppContext, key: int | str, cause: str, *, expected_version: object) -> None:
    """状态恢复 and 问题记录: the system is back in its pre-release state; the cause is recorded.
    ``expected_version`` is the rollback record's version the user saw."""
    why = text.block(cause, "cause", required=True, limit=8000)
    with unit_of_work(ctx) as w:
        release = load_release(w.s, key, lock=True)
        facts = gather(w.s, release)
        lifecycle.require(Action.RECORD_ROLLBACK_STEP, facts, w.actor)
        if facts.rollback_steps_done < facts.rollback_steps_total:
            raise PolicyViolation(Refusal("rollback_steps_open", "R-4.5.2-EXEC",
                                          {"open": facts.rollback_steps_total - facts.rollback_steps_done}))
        rb = w.s.get(Rollback, release.id)
        w.expect_version(rb, expected_version, "rollback", release.number)
        if rb is None:  # not reached: deciding to roll back made the record (the rule above allowed the step)
            raise NotFound.of("rollback", release.number)
        rb.restored_at, rb.restored_by_id, rb.cause = w.now, w.actor.user_id, why
        w.touch(release)
        w.audit("rollback.restored", "rollback", release.number, release_id=release.id, cause=why[:500])


def complete(ctx: AppContext, key: int | str, *, expected_version: object) -> Status:
    with unit_of_work(ctx) as w:
        release = load_release(w.s, key, lock=True)
        target = transition(w, release, Action.COMPLETE_ROLLBACK, expected_version)
        rb = w.s.get(Rollback, release.id)
        if rb is None:  # not reached: deciding to roll back made the record
            raise NotFound.of("rollback", release.number)
        rb.completed_at = w.now
        return target
