"""One release, whole: what the detail view, the execution windows, `release show --json` and the
documents read, as the typed read model of relgui.domain.release_detail: ``show`` for the GUI
(and ``seen_*``, the versions a write carries, read from it), ``show_json`` (``to_json``) for
the CLI's JSON and the documents."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import case, func, select

from relgui.domain import deadlines, text
from relgui.domain import release_detail as rd
from relgui.domain.release_detail import ReleaseDetail, moment, to_json
from relgui.domain.versions import NEW
from relgui.policy import profile_for
from relgui.services import company, signing
from relgui.services.context import AppContext, reading
from relgui.services.facts import closure_state, gather, load_release
from relgui.store.models import (
    Attachment,
    AuditEvent,
    ChangeRequest,
    ChecklistEntry,
    Closure,
    ConfigItem,
    ConfigItemHistory,
    Deviation,
    Document,
    KnowledgeEntry,
    Observation,
    Plan,
    PlanRevision,
    Problem,
    Release,
    ReleaseChange,
    ReleaseItem,
    Rollback,
    Signature,
    SoftwareVersion,
    StepRecord,
    User,
)


def show(ctx: AppContext, key: int | str, *, audit_limit: int = 500) -> ReleaseDetail:
    """The whole release (relgui.domain.release_detail): header, links, plan, records, audit."""
    audit_limit = text.clamp(audit_limit, "limit", 0, text.DB_INT_MAX)
    with reading(ctx) as s:
        return read(s, ctx, key, audit_limit=audit_limit)


def show_json(ctx: AppContext, key: int | str, *, audit_limit: int = 500) -> dict[str, Any]:
    """``show`` as JSON-ready data (``relgui-admin release show --json``): times as ISO text."""
    data: dict[str, Any] = to_json(show(ctx, key, audit_limit=audit_limit))
    return data


def signature_view(g: Signature) -> rd.SignatureView:
    """A signature as ``read`` lists it (and the documents print it)."""
    return rd.SignatureView(
        id=g.id, subject=g.subject, meaning=g.meaning, meaning_name=signing.MEANINGS[g.meaning][0],
        signer=g.signer_name, role=g.signer_role, signed_at=moment(g.signed_at), content_hash=g.content_hash,
        signature_hash=g.signature_hash, code=signing.verification_code(g.signature_hash), reason=g.reason,
        voided_at=moment(g.voided_at), voided_reason=g.voided_reason, intact=signing.is_intact(g))


def read(s, ctx: AppContext, key: int | str, *, audit_limit: int = 500) -> ReleaseDetail:
    """``show`` within a session the caller holds: a unit of work reads what it has written so
    far (the 发布变更报告 rendered and archived in the closing transaction)."""
    r = load_release(s, key)
    profile = profile_for(r.profile_ref)
    names = dict(s.execute(select(User.id, User.display_name)).all())
    now = ctx.clock.now()
    changes = tuple(
        rd.Change(number=c.number, title=c.title, status=c.status)
        for c in s.execute(select(ChangeRequest).join(ReleaseChange, ReleaseChange.change_id == ChangeRequest.id)
                           .where(ReleaseChange.release_id == r.id).order_by(ChangeRequest.number)).scalars())
    plan = s.get(Plan, r.id)
    plan_content = plan.content if plan else None
    revisions = tuple(
        rd.Revision(number=v.number, content_hash=v.content_hash, reason=v.reason,
                    created_by=names.get(v.created_by_id), created_at=moment(v.created_at))
        for v in s.execute(select(PlanRevision).where(PlanRevision.release_id == r.id)
                           .order_by(PlanRevision.number)).scalars())
    signatures = tuple(signature_view(g) for g in s.execute(select(Signature).where(Signature.release_id == r.id)
                                                              .order_by(Signature.id)).scalars())
    checklists: dict[str, list[rd.ChecklistEntry]] = {}
    for e in s.execute(select(ChecklistEntry).where(ChecklistEntry.release_id == r.id)
                       .order_by(ChecklistEntry.id)).scalars():
        checklists.setdefault(e.checklist, []).append(rd.ChecklistEntry(
            item=e.item, name=profile.checklists[e.checklist].item(e.item).name, result=e.result,
            reason=e.reason, evidence=e.evidence, confirmed_by=e.confirmed_by,
            confirmed_dept=e.confirmed_dept, confirmed_at=moment(e.confirmed_at),
            attachment_id=e.attachment_id, row_version=e.row_version,
            recorded_by=names.get(e.recorded_by_id), recorded_at=moment(e.recorded_at)))
    steps = tuple(
        rd.Step(kind=t.kind, step=t.step_no, status=t.status, started_at=moment(t.started_at),
                finished_at=moment(t.finished_at), note=t.note, recorded_by=names.get(t.recorded_by_id),
                row_version=t.row_version)
        for t in s.execute(select(StepRecord).where(StepRecord.release_id == r.id)
                           .order_by(StepRecord.kind, StepRecord.step_no)).scalars())
    # Reasons recorded for leaving the approved window or deploying in a freeze (R-1.3-PLAN):
    # the 发布变更报告 flags each (documents.report_parts.deviations).
    deviations = tuple(
        rd.DeviationView(kind=d.kind, subject=d.subject, reason=d.reason, detail=d.detail,
                         recorded_at=moment(d.recorded_at), recorded_by=names.get(d.recorded_by_id))
        for d in s.execute(select(Deviation).where(Deviation.release_id == r.id).order_by(Deviation.id)).scalars())
    observations = tuple(
        rd.ObservationView(kind=o.kind, at=moment(o.at), text=o.text, recorded_by=names.get(o.recorded_by_id))
        for o in s.execute(select(Observation).where(Observation.release_id == r.id)
                           .order_by(Observation.at, Observation.id)).scalars())
    problems = tuple(
        rd.ProblemView(id=p.id, detected_at=moment(p.detected_at), reported_by=names.get(p.reported_by_id),
                       description=p.description, triggers=tuple(p.triggers or ()), decision=p.decision,
                       decided_at=moment(p.decided_at), decided_by=names.get(p.decided_by_id),
                       decision_reason=p.decision_reason, decision_late=p.decision_late,
                       decision_due=moment(deadlines.decision_due(profile.deadlines, p.detected_at)),
                       row_version=p.row_version)
        for p in s.execute(select(Problem).where(Problem.release_id == r.id).order_by(Problem.id)).scalars())
    rb = s.get(Rollback, r.id)
    rollback = None if rb is None else rd.RollbackView(
        started_at=moment(rb.started_at), restored_at=moment(rb.restored_at),
        restored_by=names.get(rb.restored_by_id), cause=rb.cause, completed_at=moment(rb.completed_at),
        row_version=rb.row_version)
    config_items = tuple(
        rd.ConfigItemView(name=ci.name, before=it.version_before, after=it.version_after,
                          applied=it.applied_version, applied_at=moment(it.applied_at))
        for it, ci in s.execute(select(ReleaseItem, ConfigItem).join(ConfigItem, ConfigItem.id == ReleaseItem.ci_id)
                                .where(ReleaseItem.release_id == r.id).order_by(ConfigItem.name)).all())
    cl = s.get(Closure, r.id)
    # R-4.2.2-CLOSE, R-DOC-SIGN: a closure counts only while its signature verifies (facts.closure_state)
    broken = closure_state(s, r)[2]
    closure = None if cl is None else rd.ClosureView(
        outcome=cl.outcome, analysis=cl.analysis, closed_by=names.get(cl.closed_by_id),
        closed_at=moment(cl.closed_at), signature_id=cl.signature_id, signature_broken=broken)
    knowledge = tuple(
        rd.KnowledgeView(id=k.id, title=k.title, body=k.body, tags=k.tags, created_at=moment(k.created_at))
        for k in s.execute(select(KnowledgeEntry).where(KnowledgeEntry.release_id == r.id)
                           .order_by(KnowledgeEntry.id)).scalars())
    attachments = tuple(
        rd.AttachmentView(id=a.id, filename=a.filename, sha256=a.sha256, size=a.size, note=a.note,
                          added_by=names.get(a.added_by_id), added_at=moment(a.added_at))
        for a in s.execute(select(Attachment.id, Attachment.filename, Attachment.sha256, Attachment.size,
                                  Attachment.note, Attachment.added_by_id, Attachment.added_at)
                           .where(Attachment.release_id == r.id).order_by(Attachment.id)).all())
    documents = tuple(
        rd.DocumentView(kind=doc.kind, filename=doc.filename, sha256=doc.sha256, revision=doc.revision_no,
                        created_by=names.get(doc.created_by_id), created_at=moment(doc.created_at))
        for doc in s.execute(select(Document.kind, Document.filename, Document.sha256, Document.revision_no,
                                    Document.created_by_id, Document.created_at)
                             .where(Document.release_id == r.id).order_by(Document.id)).all())
    events = s.execute(select(AuditEvent).where(AuditEvent.release_id == r.id)
                       .order_by(AuditEvent.seq.desc()).limit(audit_limit)).scalars().all()[::-1]
    audit = tuple(rd.AuditView(seq=a.seq, at=moment(a.at), actor=a.actor_name, action=a.action, entity=a.entity,
                               key=a.entity_key, detail=a.detail, hash=a.hash) for a in events)
    facts = gather(s, r)
    # The stages come from the whole trail: the one just read when it is whole.
    software, stages, production, kpi = _evidence_context(s, r, profile, plan_content,
                                                          events if len(events) < audit_limit else None)
    return ReleaseDetail(
        id=r.id, number=r.number, title=r.title, type=r.type,
        type_name=profile.release_types[r.type].name, status=r.status,
        status_name=profile.statuses[r.status].name, stage=profile.stage_of(r.status),
        result=r.outcome, profile=r.profile_ref, systems=r.systems, description=r.description,
        planned_start=moment(r.planned_start), planned_end=moment(r.planned_end),
        requested_by=names.get(r.requested_by_id), owner=names.get(r.owner_id),
        created_at=moment(r.created_at), updated_at=moment(r.updated_at), accepted_at=moment(r.accepted_at),
        plan_approved_at=moment(r.plan_approved_at), deployment_started_at=moment(r.deployment_started_at),
        deployment_finished_at=moment(r.deployment_finished_at), closed_at=moment(r.closed_at),
        closed_by=names.get(r.closed_by_id), row_version=r.row_version,
        changes=changes, plan=plan_content, revisions=revisions, signatures=signatures,
        checklists={k: tuple(v) for k, v in checklists.items()}, steps=steps, deviations=deviations,
        observations=observations, problems=problems, rollback=rollback, config_items=config_items,
        deadlines=_deadlines(r, profile, s, now), closure=closure, closure_signature_broken=broken,
        knowledge=knowledge, attachments=attachments, documents=documents,
        # The zone every time of this release is shown in (the company's, never the computer's).
        timezone=company.load(s).timezone or "Asia/Shanghai",
        audit=audit, plan_gaps=len(facts.plan_gaps),
        software=software, stages=stages, production=production, kpi=kpi)


def _evidence_context(s, r, profile, plan_content, trail: list[AuditEvent] | None = None) -> tuple[
        dict[int, rd.SoftwareView], tuple[rd.StageView, ...], tuple[rd.ProductionView, ...], rd.KpiView | None]:
    """What the documents state beyond the records themselves: the 最终软件库 entries the plan's
    baseline names (checksum, location: R-3.3-DSL), the stages as the audit trail shows them
    with who moved the release on (R-4.2.2-STAGES), the production state by the CMDB at
    closure (R-4.4.2-CMDB24H) and the quarter's 发布成功率 up to this release (R-4.6-KPI).
    ``trail``: the release's whole audit trail in order, when the caller has read it already."""
    from relgui.domain import kpi as kpidom  # lazy: ~18-37 ms (its dataclasses), for the documents' evidence only

    refs: set[int] = set()
    contents = [plan_content or {}] + list(s.execute(select(PlanRevision.content).where(
        PlanRevision.release_id == r.id)).scalars())
    for content in contents:
        for row in ((content or {}).get("baseline") or {}).get("items") or []:
            if isinstance(row, dict) and isinstance(row.get("after_ref"), int):
                refs.add(row["after_ref"])
    software: dict[int, rd.SoftwareView] = {}
    if refs:
        for v in s.execute(select(SoftwareVersion).where(SoftwareVersion.id.in_(refs))).scalars():
            software[v.id] = rd.SoftwareView(artifact=v.artifact, version=v.version, sha256=v.sha256,
                                             location=v.location, status=v.status)
    stages = []
    if trail is None:
        trail = list(s.execute(select(AuditEvent).where(AuditEvent.release_id == r.id)
                               .order_by(AuditEvent.seq)).scalars())
    for a in trail:
        change = ((a.detail or {}).get("changes") or {}).get("status")
        if isinstance(change, list) and len(change) == 2 and change[1] in profile.statuses:
            stages.append(rd.StageView(status=change[1], status_name=profile.statuses[change[1]].name,
                                       stage=profile.stage_of(change[1]), at=moment(a.at), actor=a.actor_name,
                                       action=a.action))
    moment_ = r.closed_at
    production = []
    for it, ci in s.execute(select(ReleaseItem, ConfigItem).join(ConfigItem, ConfigItem.id == ReleaseItem.ci_id)
                            .where(ReleaseItem.release_id == r.id).order_by(ConfigItem.name)).all():
        stmt = select(ConfigItemHistory).where(ConfigItemHistory.ci_id == ci.id)
        if moment_ is not None:
            stmt = stmt.where(ConfigItemHistory.at <= moment_)
        last = s.execute(stmt.order_by(ConfigItemHistory.at.desc(), ConfigItemHistory.id.desc()).limit(1)).scalar()
        production.append(rd.ProductionView(
            name=ci.name, version=last.new_version if last else (it.version_before or ci.current_version),
            since=moment(last.at) if last else None, by_release=last.release_id == r.id if last else False))
    kpi = None
    if r.closed_at is not None and r.outcome:
        spec = profile.kpi
        settings = company.load(s)
        tz = company.zone(settings.timezone or "Asia/Shanghai")
        q = kpidom.Quarter.of(r.closed_at.astimezone(tz))
        # Counted by the database (one row; before, every outcome of the quarter so far came back:
        # 12 000 rows per release on 100 000, for each 发布变更报告).
        total, successful = s.execute(select(
            func.count(), func.coalesce(func.sum(case((Release.outcome.in_(spec.success_outcomes), 1), else_=0)), 0)
        ).where(Release.closed_at >= q.start(tz), Release.closed_at <= r.closed_at,
                Release.outcome.in_(spec.counted_outcomes), Release.status.not_in(spec.excluded_statuses))).one()
        kpi = rd.KpiView(quarter=str(q), year=q.year, q=q.q, counted=r.outcome in spec.counted_outcomes,
                         success=r.outcome in spec.success_outcomes, total=int(total),
                         successful=int(successful), target=spec.target)
    return software, tuple(stages), tuple(production), kpi


def _deadlines(r, profile, s, now: dt.datetime) -> tuple[rd.DeadlineView, ...]:
    out = []
    if r.cmdb_due_at is not None and r.deployment_finished_at is not None:
        d = deadlines.cmdb(profile.deadlines, r.deployment_finished_at, r.cmdb_done_at, now)
        out.append(rd.DeadlineView(kind=d.kind, due=moment(d.due), done_at=moment(d.done_at), state=d.state.value,
                                   requirement=d.requirement))
    for p in s.execute(select(Problem).where(Problem.release_id == r.id).order_by(Problem.id)).scalars():
        d = deadlines.rollback_decision(profile.deadlines, p.detected_at, p.decided_at, now)
        out.append(rd.DeadlineView(kind=d.kind, due=moment(d.due), done_at=moment(d.done_at), state=d.state.value,
                                   requirement=d.requirement))
    return tuple(out)


# ------------------------------------------------------------------ versions seen
# What a view of show()'s result implies each write must carry (relgui.domain.versions): the
# version of the record displayed, or NEW when the view showed no record.

def seen_entry(release: ReleaseDetail, checklist: str, item: str) -> object:
    """The version of a checklist item as displayed, NEW when it was shown unrecorded."""
    for e in release.checklists.get(checklist, ()):
        if e.item == item:
            return e.row_version
    return NEW


def seen_step(release: ReleaseDetail, kind: str, step: int) -> object:
    for t in release.steps:
        if t.kind == kind and t.step == step:
            return t.row_version
    return NEW


def seen_problem(release: ReleaseDetail) -> object:
    """The latest severe problem displayed (its id), NEW when none was shown."""
    return release.problems[-1].id if release.problems else NEW


def seen_problem_version(release: ReleaseDetail) -> object:
    """The version of the latest problem displayed (what a rollback decision is taken on)."""
    return release.problems[-1].row_version if release.problems else NEW


def seen_rollback(release: ReleaseDetail) -> object:
    return release.rollback.row_version if release.rollback else NEW
