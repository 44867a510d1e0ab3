"""The 发布计划: draft sections, frozen revisions, submission and signed approval.

R-4.2.2-SECTIONS / R-3.2-PLAN / R-1.3-RELIABLE (gaps block submission), R-4.1-APPROVER and
R-4.1-FOUR-EYES (who may approve), R-DOC-SIGN (what an approval is), R-3.3-DSL (baseline
versions come from the definitive software library).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, or_, select

from relgui.domain import lifecycle, text, timeutil, versions
from relgui.domain import plan as plandom
from relgui.domain.errors import InvalidInput, NotFound, PolicyViolation, Refusal
from relgui.domain.states import TERMINAL, Action, Status
from relgui.domain.versions import NEW
from relgui.policy import Profile, profile_for
from relgui.services import alerts, documents, signing
from relgui.services.context import AppContext, Work, company_zone, conflict_for, reading, unit_of_work
from relgui.services.facts import PLAN_BEING_WRITTEN, approval_of, gather, latest_revision, load_release, plan_gaps
from relgui.services.releases import transition
from relgui.store.models import (
    ConfigItem,
    FreezePeriod,
    Plan,
    PlanRevision,
    Release,
    ReleaseItem,
    Signature,
    SoftwareVersion,
    User,
)

VOIDING = {Status.PLAN_SUBMITTED.value, Status.PLAN_APPROVED.value, Status.PRECHECKED.value}


@dataclass(frozen=True)
class RevisionView:
    id: int
    number: int
    content_hash: str
    reason: str
    created_by: str
    created_at: dt.datetime
    content: dict[str, Any]


@dataclass(frozen=True)
class SignatureView:
    id: int
    subject: str
    subject_id: int
    meaning: str
    signer_name: str
    signer_role: str
    signed_at: dt.datetime
    content_hash: str
    signature_hash: str
    reason: str
    voided_at: dt.datetime | None
    voided_reason: str
    intact: bool

    @property
    def code(self) -> str:
        return signing.verification_code(self.signature_hash)


@dataclass(frozen=True)
class PlanWarning:
    kind: str  # conflict | freeze
    detail: str


@dataclass(frozen=True)
class PlanView:
    release_id: int
    number: str
    status: str
    content: dict[str, Any]
    section_versions: dict[str, int]
    last_page: str
    gaps: tuple[plandom.Gap, ...]
    revisions: tuple[RevisionView, ...] = ()
    signatures: tuple[SignatureView, ...] = ()
    approved_revision: int | None = None
    warnings: tuple[PlanWarning, ...] = field(default=())
    release_version: int = 0  # the release's row_version as read (what a submit carries)


def _sig_view(s: Signature) -> SignatureView:
    return SignatureView(s.id, s.subject, s.subject_id, s.meaning, s.signer_name, s.signer_role,
                         s.signed_at, s.content_hash, s.signature_hash, s.reason, s.voided_at,
                         s.voided_reason, signing.is_intact(s))


def _names(s, ids: set[int | None]) -> dict[int | None, str]:
    ids = {i for i in ids if i is not None}
    if not ids:
        return {}
    return dict(s.execute(select(User.id, User.display_name).where(User.id.in_(ids))).all())


@dataclass(frozen=True)
class ApprovedPlan:
    """What the execution windows read of the plan being carried out (R-4.3.2-MONITOR,
    R-4.3.2-ROLLBACK): the latest revision — the approved one while a release is executed, as a
    later edit would have voided the approval and stopped execution (R-DOC-SIGN). ``content`` is
    the plan's sections as the policy profile defines them; the 发布窗口's start is read once,
    here, as an aware UTC instant (the one date parser, timeutil.parse)."""

    content: dict[str, Any]
    window_start: dt.datetime | None

    def rows(self, section: str, table_key: str = "steps") -> list[dict[str, Any]]:
        """The rows of a section's table (实施步骤, 回退措施), [] when it has none."""
        return list((self.content.get(section) or {}).get(table_key) or [])

    def value(self, path: str) -> str:
        """One field as text, by 'section.key' (a rollback trigger's threshold), '' when empty."""
        section, _, key = path.partition(".")
        return str((self.content.get(section) or {}).get(key) or "")


def approved(ctx: AppContext, key: int | str) -> ApprovedPlan:
    """The plan an execution window follows (one read, on a worker): see ApprovedPlan. A release
    without a revision has an empty plan; an unreadable database raises, it is never shown as an
    empty plan."""
    with reading(ctx) as s:
        release = load_release(s, key)
        latest = latest_revision(s, release.id)
        content = dict(latest.content) if latest is not None else {}
    start = (content.get("schedule") or {}).get("window_start")
    return ApprovedPlan(content, timeutil.parse(start, "window_start") if start else None)


def get(ctx: AppContext, key: int | str) -> PlanView:
    with reading(ctx) as s:
        release = load_release(s, key)
        profile = profile_for(release.profile_ref)
        plan = s.get(Plan, release.id)
        content = plan.content if plan else plandom.empty_content(profile)
        revs = s.execute(select(PlanRevision).where(PlanRevision.release_id == release.id)
                         .order_by(PlanRevision.number)).scalars().all()
        names = _names(s, {r.created_by_id for r in revs})
        sigs = s.execute(select(Signature).where(Signature.release_id == release.id)
                         .order_by(Signature.id)).scalars().all()
        latest = revs[-1] if revs else None
        approved = approval_of(s, latest)
        return PlanView(
            release.id, release.number, release.status, content,
            dict(plan.section_versions) if plan else {}, plan.last_page if plan else "",
            tuple(plan_gaps(s, profile, content, current=Status(release.status) in PLAN_BEING_WRITTEN)),
            tuple(RevisionView(r.id, r.number, r.content_hash, r.reason, names.get(r.created_by_id, ""),
                               r.created_at, r.content) for r in revs),
            tuple(_sig_view(x) for x in sigs),
            latest.number if approved is not None and latest is not None else None,
            tuple(warnings_for(s, release)),
            release.row_version,
        )


def _resolve_baseline(s, rows: list[dict[str, Any]], old_rows: list[dict[str, Any]] | None = None,
                      refresh: bool = False) -> list[dict[str, Any]]:
    """Fill ci_ref / after_ref from the names and versions typed or pasted (R-3.3-DSL).

    The 发布前版本 is the CMDB's current version of the item (R-1.3-COOP: the rollback target):
    filled in when a row names an item it did not name before (a new row, a row whose item was
    changed) or leaves it empty, and for every row when the section comes from a copy of
    another plan or a template (``refresh``). A "before" the user typed for an item the row
    already named is kept as typed; if it differs from the CMDB it is a plan gap (stale_before)."""
    before_of = {r.get("ci"): r.get("before", "") for r in (old_rows or []) if r.get("ci")}
    out = []
    for row in rows:
        row = dict(row)
        ci = None
        if row.get("ci"):
            ci = s.execute(select(ConfigItem).where(ConfigItem.name == row["ci"])).scalar_one_or_none()
        row["ci_ref"] = ci.id if ci else ""
        if ci is not None and ci.current_version and (
                refresh or not row.get("before") or row["ci"] not in before_of):
            row["before"] = ci.current_version
        sv = None
        if row.get("after"):
            stmt = select(SoftwareVersion).where(SoftwareVersion.version == row["after"])
            if ci is not None and ci.artifact:
                stmt = stmt.where(SoftwareVersion.artifact == ci.artifact)
            found = s.execute(stmt.limit(2)).scalars().all()
            sv = found[0] if len(found) == 1 else None
        row["after_ref"] = sv.id if sv else ""
        out.append(row)
    return out


def _sync_items(s, release: Release, rows: list[dict[str, Any]]) -> None:
    """release_items mirrors the baseline: it drives conflict checks and the CMDB update."""
    s.execute(delete(ReleaseItem).where(ReleaseItem.release_id == release.id))
    seen = set()
    for row in rows:
        ci_id = row.get("ci_ref")
        if ci_id and ci_id not in seen:
            seen.add(ci_id)
            s.add(ReleaseItem(release_id=release.id, ci_id=ci_id, version_before=str(row.get("before", "")),
                              version_after=str(row.get("after", "")),
                              software_version_id=row.get("after_ref") or None))


def _sync_window(release: Release, data: dict[str, Any]) -> None:
    start, end = data.get("window_start"), data.get("window_end")
    release.planned_start = timeutil.parse(start, "window_start") if start else release.planned_start
    release.planned_end = timeutil.parse(end, "window_end") if end else release.planned_end


def _void_if_needed(w: Work, release: Release) -> dict[str, Any]:
    """An edit after submission or approval voids it visibly (R-DOC-SIGN)."""
    if release.status not in VOIDING:
        return {}
    voided = signing.void_all(w, release, "plan_revision", "plan_edited")  # messages.VOID_REASONS
    return {"voided_signatures": voided}


def save_section(ctx: AppContext, key: int | str, section_key: str, data: Any, *,
                 base_version: object, page: str | None = None) -> int:
    """Save one section as draft; returns its new version. Unchanged data writes nothing.

    ``base_version`` is the section version the caller started from (0, or NEW: the section
    was never saved): if someone saved the same section since, this raises Conflict naming
    them; other sections merge freely.
    """
    page = None if page is None else text.line(page, "page", required=False, limit=40)
    with unit_of_work(ctx) as w:
        release = load_release(w.s, key, lock=True)
        return _save_in(w, release, section_key, data, base_version, page)


def save_sections(ctx: AppContext, key: int | str, contents: dict[str, Any], *,
                  base_versions: dict[str, int], origin: str) -> dict[str, int]:
    """Save several sections at once, all or none (a template, a copy of another plan); each
    section's audit event names ``origin`` (e.g. "template:major", "copy:FB-2026-00012").
    ``base_versions`` holds the version the user saw of each section (missing: never saved)."""
    if not isinstance(base_versions, dict) or not isinstance(contents, dict):
        raise InvalidInput.of("sections", "not_a_section")
    with unit_of_work(ctx) as w:
        release = load_release(w.s, key, lock=True)
        return {k: _save_in(w, release, k, data, base_versions.get(k, 0), None, origin)
                for k, data in contents.items()}


def _save_in(w: Work, release: Release, section_key: str, data: Any, base_version: object,
             page: str | None, origin: str = "") -> int:
    profile = profile_for(release.profile_ref)
    try:
        section = profile.section(section_key)
    except KeyError:
        raise InvalidInput.of(section_key, "unknown_section") from None
    cleaned = plandom.clean_section(section, data)
    plan = w.s.get(Plan, release.id)
    if plan is None:
        plan = Plan(release_id=release.id, content=plandom.empty_content(profile),
                    section_versions={}, last_page="", updated_at=w.now)
        w.s.add(plan)
    current = int(plan.section_versions.get(section_key, 0))
    w.guard = ("plan", f"{release.number}#{section_key}")
    seen = versions.check(base_version)
    if (0 if seen is NEW else seen) != current:
        raise conflict_for(w.s, "plan", f"{release.number}#{section_key}")
    if section_key == "baseline":
        cleaned["items"] = _resolve_baseline(w.s, cleaned["items"],
                                             (plan.content.get("baseline") or {}).get("items") or [],
                                             refresh=bool(origin))
    if section_key == plandom.DOWNTIME[0] and not origin:
        _check_downtime({**plan.content, section_key: cleaned})
    old = plan.content.get(section_key)
    if old == cleaned:
        if page is not None and page != plan.last_page:
            plan.last_page = page
        return current
    facts = gather(w.s, release)
    target = lifecycle.require(Action.EDIT_PLAN, facts, w.actor)
    extra = _void_if_needed(w, release)
    if release.status != target.value:
        extra["status"] = [release.status, target.value]
        release.status = target.value
    plan.content = {**plan.content, section_key: cleaned}
    plan.section_versions = {**plan.section_versions, section_key: current + 1}
    plan.updated_at, plan.updated_by_id = w.now, w.actor.user_id
    if page is not None:
        plan.last_page = page
    if section_key == "baseline":
        _sync_items(w.s, release, cleaned["items"])
    if section_key == "schedule":
        _sync_window(release, cleaned)
    w.touch(release)
    changed = {f"{section_key}.{k}": ((old or {}).get(k), v) for k, v in cleaned.items()
               if (old or {}).get(k) != v}
    if origin:
        extra["origin"] = origin
    w.audit("plan.save_section", "plan", f"{release.number}#{section_key}", release_id=release.id,
            changes=changed, **extra)
    return current + 1


def _check_downtime(content: dict[str, Any]) -> None:
    """R-3.2-PLAN: 预计停机时间 typed longer than the scheduled window is refused when saved (and
    a gap, plan.downtime_gaps, if the window is shortened later)."""
    if plandom.downtime_gaps(content):
        raise InvalidInput(Refusal("downtime_exceeds_window", "R-3.2-PLAN", {
            "minutes": content[plandom.DOWNTIME[0]][plandom.DOWNTIME[1]],
            "window": plandom.window_minutes(content)}))


def set_last_page(ctx: AppContext, key: int | str, page: str) -> None:
    """Where the wizard was, so reopening resumes there (not audited: not a record change)."""
    with unit_of_work(ctx) as w:
        release = load_release(w.s, key)
        plan = w.s.get(Plan, release.id)
        if plan is not None and plan.last_page != page:
            plan.last_page = text.line(page, "page", required=False, limit=40)


def submit(ctx: AppContext, key: int | str, reason: str = "", *, expected_version: object) -> int:
    """Freeze a revision V(n+1) and submit it for approval. Refused with every gap listed."""
    why = text.block(reason, "reason", limit=2000)
    with unit_of_work(ctx) as w:
        release = load_release(w.s, key, lock=True)
        plan = w.s.get(Plan, release.id)
        transition(w, release, Action.SUBMIT_PLAN, expected_version, why)
        latest = latest_revision(w.s, release.id)
        number = (latest.number if latest else 0) + 1
        if plan is None:  # not reached: a release without a plan has every section missing (refused above)
            raise NotFound.of("plan", release.number)
        content = plan.content
        rev = PlanRevision(release_id=release.id, number=number, content=content,
                           content_hash=plandom.digest(content), reason=why or ("初次提交" if number == 1 else ""),
                           created_by_id=w.actor.user_id, created_at=w.now)
        w.s.add(rev)
        w.s.flush()
        w.audit("plan.freeze", "plan", f"{release.number}#V{number}", release_id=release.id,
                content_hash=rev.content_hash)
        alerts.plan_submitted(w, release, number)  # issue 16: the approvers are told
        return number


def withdraw(ctx: AppContext, key: int | str, *, expected_version: object) -> None:
    with unit_of_work(ctx) as w:
        release = load_release(w.s, key, lock=True)
        transition(w, release, Action.WITHDRAW_PLAN, expected_version)


def warnings_for(s, release: Release) -> list[PlanWarning]:
    """R-4.2.2 checks at submit and approval: overlapping work on the same configuration
    items, and windows inside a freeze period (company setting)."""
    if release.planned_start is None or release.planned_end is None:
        return []
    out = []
    mine = select(ReleaseItem.ci_id).where(ReleaseItem.release_id == release.id)
    others = s.execute(
        select(Release.number, Release.title, ConfigItem.name)
        .join(ReleaseItem, ReleaseItem.release_id == Release.id)
        .join(ConfigItem, ConfigItem.id == ReleaseItem.ci_id)
        .where(ReleaseItem.ci_id.in_(mine), Release.id != release.id,
               Release.status.not_in([s_.value for s_ in TERMINAL]),
               Release.planned_start < release.planned_end, Release.planned_end > release.planned_start)
        .order_by(Release.number)
    ).all()
    for number, title, ci in others:
        out.append(PlanWarning("conflict", f"{number} {title}: {ci}"))
    freezes = s.execute(select(FreezePeriod).where(
        FreezePeriod.start < release.planned_end, FreezePeriod.end > release.planned_start)).scalars()
    tz = company_zone(s)  # the company's wall-clock time, as the calendar shows the freeze
    for f in freezes:
        out.append(PlanWarning("freeze", f"{timeutil.shown(f.start, tz)} – {timeutil.shown(f.end, tz)} {f.reason}"))
    return out


def _signer_role(profile: Profile, release: Release, actor) -> str:
    """The approving role the signer holds now (lifecycle.require has checked one of them)."""
    roles = lifecycle.allowed_roles(profile, Action.APPROVE_PLAN, release.type)
    return next((r for r in roles if actor.has(r)), roles[0])


def _decide(ctx: AppContext, key: int | str, revision_number: int, password: str, *, approve: bool,
            reason: str, acknowledge: bool, expected_version: object) -> SignatureView:
    action = Action.APPROVE_PLAN if approve else Action.REJECT_PLAN
    why = text.block(reason, "reason", required=not approve, limit=2000)
    with signing.signing(ctx, action.value, key, password) as w:
        release = load_release(w.s, key, lock=True)
        profile = profile_for(release.profile_ref)
        revision = latest_revision(w.s, release.id)
        if revision is None or revision.number != revision_number:
            raise PolicyViolation(Refusal("revision_changed", "R-DOC-SIGN"))
        if approve:
            found = warnings_for(w.s, release)
            if found and not acknowledge:
                raise PolicyViolation(Refusal("warnings_unacknowledged", "R-4.2.2-SECTIONS",
                                              {"detail": "; ".join(x.detail for x in found)}))
        transition(w, release, action, expected_version, why, revision=revision_number)
        sig = signing.sign(w, release, subject="plan_revision", subject_id=revision.id,
                           meaning="approve" if approve else "reject", role=_signer_role(profile, release, w.actor),
                           content_hash=revision.content_hash, reason=why)
        if approve:
            release.plan_approved_at = w.now
            _sync_items(w.s, release, (revision.content.get("baseline") or {}).get("items") or [])
        w.audit(f"signature.{sig.meaning}", "signature", sig.id, release_id=release.id,
                signer=sig.signer_name, role=sig.signer_role, content_hash=sig.content_hash,
                signature_hash=sig.signature_hash, revision=revision_number)
        view, number = _sig_view(sig), release.number
    if approve:  # the approved plan's final document, kept with the release (R-4.4.2-ARCHIVE)

        documents.archive_quietly(ctx, number, "plan")
    return view


def approve(ctx: AppContext, key: int | str, revision_number: int, password: str, *,
            acknowledge_warnings: bool = False, expected_version: object, comment: str = "") -> SignatureView:
    """批准 (R-4.1-APPROVER, R-4.1-FOUR-EYES, R-DOC-SIGN); ``comment``: the approver's note
    (the sign dialog's 备注), kept with the signature as a rejection's reason is."""
    return _decide(ctx, key, revision_number, password, approve=True, reason=comment,
                   acknowledge=acknowledge_warnings, expected_version=expected_version)


def reject(ctx: AppContext, key: int | str, revision_number: int, password: str, reason: str, *,
           expected_version: object) -> SignatureView:
    """驳回 with a reason; the plan returns to planning."""
    return _decide(ctx, key, revision_number, password, approve=False, reason=reason,
                   acknowledge=True, expected_version=expected_version)


def compare(ctx: AppContext, key: int | str, a: int, b: int) -> list[tuple[str, Any, Any]]:
    """What differs between revisions a and b: (section.key, value in a, value in b)."""
    a, b = text.integer(a, "revision"), text.integer(b, "revision")
    with reading(ctx) as s:
        release = load_release(s, key)
        revs = {r.number: r for r in s.execute(select(PlanRevision).where(
            PlanRevision.release_id == release.id, PlanRevision.number.in_((a, b)))).scalars()}
        for n in (a, b):
            if n not in revs:
                raise NotFound.of("revision", f"{release.number} V{n}")
        out = []
        ca, cb = revs[a].content, revs[b].content
        for sec in sorted(set(ca) | set(cb)):
            da, db = ca.get(sec) or {}, cb.get(sec) or {}
            for k in sorted(set(da) | set(db)):
                if da.get(k) != db.get(k):
                    out.append((f"{sec}.{k}", da.get(k), db.get(k)))
        return out


def find_plans_touching(ctx: AppContext, ci_names: list[str]) -> list[str]:
    """Release numbers whose baseline names any of these configuration items."""
    ci_names = text.keys(ci_names, "name", limit=200)
    with reading(ctx) as s:
        rows = s.execute(select(Release.number).join(ReleaseItem, ReleaseItem.release_id == Release.id)
                         .join(ConfigItem, ConfigItem.id == ReleaseItem.ci_id)
                         .where(or_(*[ConfigItem.name == n for n in ci_names]))).scalars()
        return sorted(set(rows))
