"""Checklists and execution: 预发布验证 (R-4.3.1-PRECHECK), deployment and 发布执行监控
(R-4.3.2-MONITOR), 效果验证 (R-4.4.1-VERIFY)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from relgui.domain import closure, deadlines, lifecycle, text, timeutil, validation
from relgui.domain import plan as plandom
from relgui.domain.errors import InvalidInput, PolicyViolation, Refusal
from relgui.domain.states import Action, Status
from relgui.policy import profile_for
from relgui.services import alerts, company
from relgui.services.context import AppContext, Work, reading, unit_of_work
from relgui.services.facts import closure_facts, gather, latest_revision, load_release
from relgui.services.releases import transition
from relgui.store.models import ChecklistEntry, Deviation, FreezePeriod, Observation, Release, StepRecord

RESULTS = ("pass", "fail", "na")
RECORD_ACTION = {"precheck": Action.RECORD_PRECHECK, "verification": Action.RECORD_VERIFICATION,
                 "config_update": Action.UPDATE_CMDB}
STEP_STATUSES = ("done", "skipped", "failed")


@dataclass(frozen=True)
class Confirmation:
    """用户验收: who in the business department confirmed, and when (R-4.4.1-VERIFY)."""

    by: str
    department: str
    at: object


def record_item(ctx: AppContext, key: int | str, checklist: str, item: str, result: str, *,
                reason: str = "", evidence: str = "", confirmation: Confirmation | None = None,
                attachment_id: int | None = None, expected_version: object) -> int:
    """Record one checklist item: pass / fail / na (na needs a reason). Returns its new version.

    ``expected_version`` is the entry's version the user saw, or ``NEW`` when they saw the item
    unrecorded: a result somebody else recorded meanwhile is a conflict, never overwritten.
    """
    checklist, item = text.key(checklist, "checklist", limit=40), text.key(item, "item", limit=40)
    if checklist not in RECORD_ACTION:
        raise InvalidInput.of("checklist", "not_a_choice", value=checklist[:20], choices="/".join(RECORD_ACTION))
    if result not in RESULTS:
        raise InvalidInput.of("result", "not_a_choice", value=str(result)[:20], choices="/".join(RESULTS))
    reason = text.block(reason, "reason", limit=4000)
    evidence = text.block(evidence, "evidence", limit=8000)
    with unit_of_work(ctx) as w:
        release = load_release(w.s, key, lock=True)
        profile = profile_for(release.profile_ref)
        spec = profile.checklists[checklist]
        try:
            spec_item = spec.item(item)
        except KeyError:
            raise InvalidInput.of("item", "not_a_choice", value=item[:40],
                                  choices="/".join(i.key for i in spec.items)) from None
        if result == "na" and not spec_item.allow_na:
            raise InvalidInput(Refusal("na_not_allowed", spec.requirement, {"checklist": checklist, "item": item}))
        if result == "na" and not reason:
            raise InvalidInput(Refusal("na_needs_reason", spec.requirement, {"checklist": checklist, "item": item}))
        conf = _confirmation(spec_item, result, confirmation, spec.requirement, checklist, item)
        lifecycle.require(RECORD_ACTION[checklist], gather(w.s, release), w.actor)
        if checklist == "config_update" and item in ("knowledge", "archive"):
            _consistent(w, release.id, item, result)
        entry = w.s.execute(select(ChecklistEntry).where(
            ChecklistEntry.release_id == release.id, ChecklistEntry.checklist == checklist,
            ChecklistEntry.item == item)).scalar_one_or_none()
        w.expect_version(entry, expected_version, "checklist", f"{release.number}#{checklist}.{item}")
        old = None
        if entry is None:
            entry = ChecklistEntry(release_id=release.id, checklist=checklist, item=item, result=result,
                                   recorded_at=w.now)
            w.s.add(entry)
        else:
            old = entry.result
        entry.result, entry.reason, entry.evidence = result, reason, evidence
        entry.attachment_id = attachment_id
        entry.confirmed_by, entry.confirmed_dept, entry.confirmed_at = conf
        entry.recorded_by_id, entry.recorded_at = w.actor.user_id, w.now
        extra = {}
        # A failure recorded after pre-release verification was completed re-opens it.
        if checklist == "precheck" and result == "fail" and release.status == Status.PRECHECKED:
            extra["status"] = [release.status, Status.PLAN_APPROVED.value]
            release.status = Status.PLAN_APPROVED.value
        w.touch(release)
        w.audit(f"checklist.{checklist}", "checklist", f"{release.number}#{checklist}.{item}",
                release_id=release.id, changes={"result": (old, result)}, reason=reason,
                evidence=evidence[:200], **extra)
        w.s.flush()
        return entry.row_version


def _consistent(w: Work, rid: int, item: str, result: str) -> None:
    """知识更新 通过 needs a lesson of this release (R-4.4.2-KNOWLEDGE); 文档归档 通过 needs the
    approved plan in the archive (R-4.4.2-ARCHIVE): relgui.domain.closure."""
    f = closure_facts(w.s, rid)
    found = (list(closure.knowledge_refusals(result, f.lessons)) if item == "knowledge"
             else list(closure.archive_refusals(result, f.archived)))
    if found:
        raise PolicyViolation(*found)


def _confirmation(spec_item, result: str, conf: Confirmation | None, requirement: str,
                  checklist: str, item: str) -> tuple[str, str, dt.datetime | None]:
    if not spec_item.confirmation or result != "pass":
        return "", "", None
    if conf is None:
        raise InvalidInput(Refusal("confirmation_needed", requirement, {"checklist": checklist, "item": item}))
    by = text.line(conf.by, "confirmed_by", limit=100)
    dept = text.line(conf.department, "confirmed_dept", limit=100)
    at = timeutil.parse(conf.at, "confirmed_at")
    return by, dept, at


def _run(ctx: AppContext, key: int | str, action: Action, expected_version: object,
         reason: str = "", after=None) -> Status:
    with unit_of_work(ctx) as w:
        release = load_release(w.s, key, lock=True)
        target = transition(w, release, action, expected_version, reason)
        if after is not None:
            after(w, release)
        return target


def complete_precheck(ctx: AppContext, key: int | str, *, expected_version: object) -> Status:
    return _run(ctx, key, Action.COMPLETE_PRECHECK, expected_version)


def _approved_window(s, release: Release) -> tuple[dt.datetime | None, dt.datetime | None]:
    """The 发布窗口 of the plan revision in force (the approved one once approved)."""
    rev = latest_revision(s, release.id)
    start, end = plandom.window(rev.content if rev else {})
    try:
        return (timeutil.parse(start, "window_start") if start else release.planned_start,
                timeutil.parse(end, "window_end") if end else release.planned_end)
    except InvalidInput:
        return release.planned_start, release.planned_end


def deployment_deviations(ctx: AppContext, key: int | str) -> list[Refusal]:
    """What starting deployment now would deviate from (outside the approved window, inside a
    freeze: R-1.3-PLAN), for the GUI to ask for the reason before it calls start_deployment."""
    with reading(ctx) as s:
        return _deviations(s, load_release(s, key), ctx.clock.now())


def _deviations(s, release: Release, now: dt.datetime) -> list[Refusal]:
    start, end = _approved_window(s, release)
    freezes = [validation.Freeze(timeutil.from_db(f.start), timeutil.from_db(f.end), f.reason)
               for f in s.execute(select(FreezePeriod).where(FreezePeriod.end > now,
                                                              FreezePeriod.start <= now)).scalars()]
    return validation.deployment_deviations(now, timeutil.from_db(start), timeutil.from_db(end), freezes,
                                            company.zone(company.load(s).timezone))


def start_deployment(ctx: AppContext, key: int | str, *, reason: str = "", expected_version: object) -> Status:
    """R-1.3-PLAN: only with a valid approval and a passed 预发布验证; outside the approved window
    or inside a freeze only with a recorded ``reason`` (a Deviation the report flags)."""
    why = text.block(reason, "reason", limit=4000)

    def stamp(w: Work, release: Release) -> None:
        found = _deviations(w.s, release, w.now)
        refused = validation.deployment_refusals(found, why)
        if refused:
            raise PolicyViolation(*refused)
        release.deployment_started_at = w.now
        for r in found:
            _deviate(w, release, r.code, "deployment", why, r.params)
        alerts.deployment_started(w, release)  # issue 16: outside its window → alert
    return _run(ctx, key, Action.START_DEPLOYMENT, expected_version, why, after=stamp)


def _deviate(w: Work, release: Release, kind: str, subject: str, reason: str, detail: dict) -> None:
    """Record why the release left its approved window (R-1.3-PLAN); audited with the action."""
    w.s.add(Deviation(release_id=release.id, kind=kind, subject=subject[:60], reason=reason,
                      detail={k: v for k, v in detail.items()}, recorded_at=w.now,
                      recorded_by_id=w.actor.user_id))
    w.s.flush()
    w.audit("release.deviation", "release", release.number, release_id=release.id, reason=reason,
            kind=kind, subject=subject)


def _step_count(w: Work, release: Release, kind: str) -> int:
    rev = latest_revision(w.s, release.id)
    section, table = ("steps", "steps") if kind == "deploy" else ("rollback", "steps")
    return len(((rev.content if rev else {}).get(section) or {}).get(table) or [])


def _step_times(w: Work, release: Release, kind: str, step_no: int, start, end) -> validation.StepTimes:
    """What one step's times are judged against: the previous step's end (same kind), the
    deployment's start and the approved window (rollback steps run after a decision, often
    past the window: only their order and plausibility are judged)."""
    prev = w.s.execute(select(StepRecord.finished_at).where(
        StepRecord.release_id == release.id, StepRecord.kind == kind, StepRecord.step_no < step_no,
        StepRecord.finished_at.is_not(None)).order_by(StepRecord.step_no.desc()).limit(1)).scalar()
    window = _approved_window(w.s, release) if kind == "deploy" else (None, None)
    return validation.StepTimes(start, end, w.now, timeutil.from_db(prev),
                                timeutil.from_db(release.deployment_started_at),
                                timeutil.from_db(window[0]), timeutil.from_db(window[1]))


def step_outside_window(ctx: AppContext, key: int | str, started_at: object, finished_at: object) -> list[Refusal]:
    """Whether a deploy step with these times would leave the approved window (R-1.3-PLAN): the
    refusal to show, for the GUI to ask the reason before it records the step (empty: inside)."""
    start = timeutil.parse(started_at, "started_at") if started_at else None
    end = timeutil.parse(finished_at, "finished_at") if finished_at else None
    with reading(ctx) as s:
        release = load_release(s, key)
        window = _approved_window(s, release)
        times = validation.StepTimes(start, end, ctx.clock.now(), window_start=timeutil.from_db(window[0]),
                                     window_end=timeutil.from_db(window[1]))
        return validation.step_window_refusals(times, "", company.zone(company.load(s).timezone))


def record_step(ctx: AppContext, key: int | str, step_no: int, status: str, *, kind: str = "deploy",
                started_at: object = None, finished_at: object = None, note: str = "",
                reason: str = "", expected_version: object) -> int:
    """Progress of one step of the approved plan (deploy) or of its rollback plan (rollback).

    Rollback steps run strictly in order (R-4.5.2-EXEC) and only succeed as 'done'.
    Times are ordered (实际完成 not before 实际开始, not before the previous step's end, not
    before deployment began, not in the future: R-4.3.2-MONITOR); a deploy step's time outside
    the approved window needs ``reason`` (R-1.3-PLAN), recorded as a Deviation.
    ``expected_version`` is the step record's version the user saw, or ``NEW`` for a step they
    saw unrecorded. Returns the record's new version.
    """
    reason = text.block(reason, "reason", limit=4000)
    if isinstance(step_no, bool) or not isinstance(step_no, int):
        raise InvalidInput.of("step", "not_a_number", value=str(step_no)[:20])
    if kind not in ("deploy", "rollback"):
        raise InvalidInput.of("kind", "not_a_choice", value=text.clean(str(kind))[:20], choices="deploy/rollback")
    if status not in STEP_STATUSES:
        raise InvalidInput.of("status", "not_a_choice", value=str(status)[:20], choices="/".join(STEP_STATUSES))
    note = text.block(note, "note", limit=4000)
    with unit_of_work(ctx) as w:
        release = load_release(w.s, key, lock=True)
        action = Action.RECORD_STEP if kind == "deploy" else Action.RECORD_ROLLBACK_STEP
        facts = gather(w.s, release)
        lifecycle.require(action, facts, w.actor)
        total = _step_count(w, release, kind)
        if not 1 <= step_no <= total:
            raise InvalidInput.of("step", "above_maximum", maximum=total)
        row = w.s.execute(select(StepRecord).where(StepRecord.release_id == release.id, StepRecord.kind == kind,
                                                   StepRecord.step_no == step_no)).scalar_one_or_none()
        w.expect_version(row, expected_version, "step", f"{release.number}#{kind}.{step_no}")
        if kind == "rollback":
            if status == "skipped":
                raise InvalidInput.of("status", "not_a_choice", value=status, choices="done/failed")
            if facts.rollback_steps_done + 1 != step_no:
                raise PolicyViolation(Refusal("step_order", "R-4.5.2-EXEC",
                                              {"expected": facts.rollback_steps_done + 1}))
        start = timeutil.parse(started_at, "started_at") if started_at else None
        end = timeutil.parse(finished_at, "finished_at") if finished_at else w.now
        times = _step_times(w, release, kind, step_no, start, end)
        tz = company.zone(company.load(w.s).timezone)
        # Times that cannot be true are said alone (R-4.3.2-MONITOR); then the window (R-1.3-PLAN).
        refused = validation.step_order_refusals(times, tz) or validation.step_window_refusals(times, reason, tz)
        if refused:
            raise InvalidInput(*refused)
        if validation.step_outside_window(times):
            _deviate(w, release, "step_outside_window", f"{kind}.{step_no}", reason,
                     {"started": timeutil.iso(start), "finished": timeutil.iso(end)})
        old = row.status if row else None
        if row is None:
            row = StepRecord(release_id=release.id, kind=kind, step_no=step_no, status=status)
            w.s.add(row)
        row.status, row.started_at, row.finished_at, row.note = status, start, end, note
        row.recorded_by_id = w.actor.user_id
        w.touch(release)
        w.audit(f"step.{kind}", "step", f"{release.number}#{kind}.{step_no}", release_id=release.id,
                changes={"status": (old, status)}, note=note[:200])
        return row.row_version


def observe(ctx: AppContext, key: int | str, kind: str, observation: str, at: object = None) -> int:
    """A time-stamped observation: progress, performance, logs or user feedback (R-4.3.2-MONITOR).

    An observation is appended, never edited: it overwrites nothing, so it carries no version;
    whether the release still takes observations is checked when it is written."""
    body = text.block(observation, "text", required=True, limit=8000)
    with unit_of_work(ctx) as w:
        release = load_release(w.s, key, lock=True)
        profile = profile_for(release.profile_ref)
        kinds = [i.key for i in profile.checklists["monitoring"].items]
        if kind not in kinds:
            raise InvalidInput.of("kind", "not_a_choice", value=text.clean(str(kind))[:20], choices="/".join(kinds))
        lifecycle.require(Action.RECORD_MONITORING, gather(w.s, release), w.actor)
        when = timeutil.parse(at, "at") if at else w.now
        obs = Observation(release_id=release.id, kind=kind, at=when, text=body, recorded_by_id=w.actor.user_id)
        w.s.add(obs)
        w.s.flush()
        w.audit("monitor.observe", "release", release.number, release_id=release.id, kind=kind,
                text=body[:500])
        return obs.id


def finish_deployment(ctx: AppContext, key: int | str, *, expected_version: object) -> Status:
    def stamp(w: Work, release: Release) -> None:
        release.deployment_finished_at = w.now
    return _run(ctx, key, Action.FINISH_DEPLOYMENT, expected_version, after=stamp)


def complete_verification(ctx: AppContext, key: int | str, *, expected_version: object) -> Status:
    """效果验证 passed: the release succeeded; the 24 h CMDB clock runs (R-4.4.2-CMDB24H)."""
    def start_cmdb_clock(w: Work, release: Release) -> None:
        rules = profile_for(release.profile_ref).deadlines
        release.cmdb_due_at = deadlines.cmdb_due(rules, release.deployment_finished_at or w.now)
        alerts.cmdb_clock_started(w, release, profile_for(release.profile_ref))  # issue 16
    return _run(ctx, key, Action.COMPLETE_VERIFICATION, expected_version, after=start_cmdb_clock)


def declare_failed(ctx: AppContext, key: int | str, reason: str, *, expected_version: object) -> Status:
    why = text.block(reason, "reason", required=True, limit=4000)
    return _run(ctx, key, Action.DECLARE_FAILED, expected_version, why)
