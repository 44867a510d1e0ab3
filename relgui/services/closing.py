"""After the release: CMDB update within 24 h (R-4.2.2-CMDB, R-4.4.2-CMDB24H), lessons learned
(R-4.4.2-KNOWLEDGE) and the manager's signed closure (R-4.2.2-CLOSE)."""

from __future__ import annotations

from sqlalchemy import select

from relgui.domain import lifecycle, text
from relgui.domain.errors import InvalidInput, NotFound, PolicyViolation, Refusal
from relgui.domain.sealing import sealed_digest
from relgui.domain.states import Action, Role
from relgui.domain.timeutil import iso
from relgui.services import documents, knowledge, signing
from relgui.services.context import AppContext, unit_of_work
from relgui.services.facts import approval_of, gather, load_release
from relgui.services.releases import transition
from relgui.store.models import Closure, ConfigItem, ConfigItemHistory, Document, KnowledgeEntry, PlanRevision, ReleaseItem


def apply_cmdb(ctx: AppContext, key: int | str, actual: dict[str, str] | None = None, *,
               expected_version: object) -> int:
    """Update the baseline's configuration items to the versions actually deployed.

    ``actual`` maps a configuration item's name to the version really installed; items not
    named get the plan's 'after' version. Each change goes to the item's history.
    ``expected_version`` is the release's version the user saw.
    """
    if actual is not None and not isinstance(actual, dict):
        raise InvalidInput.of("actual", "not_a_table")
    actual = {text.line(k, "name", limit=200): text.line(v, "new_version", limit=100)
              for k, v in (actual or {}).items()}
    with unit_of_work(ctx) as w:
        release = load_release(w.s, key, lock=True)
        w.expect_version(release, expected_version, "release", release.number)
        lifecycle.require(Action.UPDATE_CMDB, gather(w.s, release), w.actor)
        rows = w.s.execute(select(ReleaseItem, ConfigItem).join(ConfigItem, ConfigItem.id == ReleaseItem.ci_id)
                           .where(ReleaseItem.release_id == release.id)).all()
        unknown = set(actual) - {ci.name for _, ci in rows}
        if unknown:
            raise NotFound.of("config_item", sorted(unknown)[0])
        updated = {}
        for item, ci in rows:
            new = actual.get(ci.name, item.version_after)
            w.s.add(ConfigItemHistory(ci_id=ci.id, at=w.now, old_version=ci.current_version, new_version=new,
                                      release_id=release.id, changed_by_id=w.actor.user_id))
            updated[ci.name] = (ci.current_version, new)
            ci.current_version = new
            item.applied_version, item.applied_at = new, w.now
        release.cmdb_done_at = w.now
        w.touch(release)
        late = release.cmdb_due_at is not None and w.now > release.cmdb_due_at
        w.audit("cmdb.update", "release", release.number, release_id=release.id, changes=updated, late=late)
        return len(rows)


def complete_config_update(ctx: AppContext, key: int | str, *, expected_version: object):
    with unit_of_work(ctx) as w:
        release = load_release(w.s, key, lock=True)
        return transition(w, release, Action.COMPLETE_CONFIG_UPDATE, expected_version)


def add_knowledge(ctx: AppContext, title: str, body: str, *, release: int | str | None = None,
                  tags: str = "") -> int:
    """知识库: a lesson learned, linked to its release (R-4.4.2-KNOWLEDGE). Appended, never
    edited here: it overwrites nothing, so it carries no version."""
    title = text.line(title, "title")
    body = text.block(body, "body", required=True)
    tags = text.line(tags, "tags", required=False)
    with unit_of_work(ctx) as w:
        rid = load_release(w.s, release).id if release is not None else None
        if w.actor.user_id is not None and not (w.actor.has(Role.ENGINEER) or w.actor.has(Role.MANAGER)):
            raise PolicyViolation(Refusal("wrong_role", "R-4.4.2-KNOWLEDGE",
                                          {"action": "update_cmdb", "roles": ("engineer", "manager")}))
        tags = knowledge.lesson_tags(w.s, rid, tags)  # with the release and its items (issue 15)
        entry = KnowledgeEntry(release_id=rid, title=title, body=body, tags=tags,
                               created_by_id=w.actor.user_id, created_at=w.now)
        w.s.add(entry)
        w.s.flush()
        w.audit("knowledge.add", "knowledge", entry.id, release_id=rid, changes={"title": (None, title)})
        return entry.id


def close(ctx: AppContext, key: int | str, analysis: str, password: str, *,
          expected_version: object) -> signing.Signature:
    """发布关闭: the manager's analysis of success or failure, signed (R-4.2.2-CLOSE, R-DOC-SIGN),
    and the final 发布变更报告 rendered, archived and covered by that signature in the same unit
    of work (R-4.4.2-ARCHIVE): all or nothing. Refused while the approved 发布计划 is not
    archived (lifecycle, R-4.4.2-ARCHIVE).

    The signature's content hash is ``sealing.sealed_digest(number, outcome, analysis, report)`` with
    ``report`` the report's ``signed_digest`` (its canonical content without the signature
    blocks: a signature cannot contain its own code). The report is built twice from one reading
    of the release: once before signing (the closing block unsigned) to get that digest, once
    after (the block signed: documents.with_closure_signature) to archive; both give the same
    signed digest, which is checked."""
    text_ = text.block(analysis, "analysis", required=True)
    with signing.signing(ctx, Action.CLOSE.value, key, password) as w:
        release = load_release(w.s, key, lock=True)
        transition(w, release, Action.CLOSE, expected_version)
        _require_plan_archived(w.s, release)
        release.closed_at, release.closed_by_id = w.now, w.actor.user_id
        closure = Closure(release_id=release.id, outcome=release.outcome, analysis=text_,
                          closed_by_id=w.actor.user_id, closed_at=w.now, signature_id=None)
        w.s.add(closure)
        w.s.flush()
        sig = seal(w, release, closure)
    return sig


def seal(w, release, closure: Closure, *, pdf_face: bool = True) -> signing.Signature:
    """The closing manager (``w.actor``, at ``w.now``) signs the closure with the final
    发布变更报告 and the report is archived (R-4.2.2-CLOSE, R-DOC-SIGN, R-4.4.2-ARCHIVE), in the
    caller's unit of work, after the closure row is written: what ``close`` does once the
    transition is allowed, and what the demo generator does for each sample closure (its
    releases are written in bulk; their closures are sealed here, one by one, as a real
    closure seals them). ``pdf_face``: False archives the .docx alone (its PDF face follows
    from the archived .docx's own model, documents.archive_report)."""
    src = documents.source(w.ctx, release.number, "report", session=w.s, work=w)
    signed = documents.build(src, "report").signed_digest()
    sig = signing.sign(w, release, subject="closure", subject_id=release.id, meaning="close",
                       role=Role.MANAGER.value,
                       content_hash=sealed_digest(release.number, closure.outcome, closure.analysis, signed), reason="")
    closure.signature_id = sig.id
    w.s.flush()
    final = documents.build(documents.with_closure_signature(src, w.s, release, sig), "report")
    _same_signed(final, signed)
    stored = documents.freeze_report(w, release, final, 1, pdf_face=pdf_face)
    w.audit("signature.close", "signature", sig.id, release_id=release.id, signer=sig.signer_name,
            content_hash=sig.content_hash, signature_hash=sig.signature_hash, report=stored.id,
            report_sha256=signed)
    return sig


def _require_plan_archived(s, release) -> None:
    """R-4.4.2-ARCHIVE, R-4.2.2-CLOSE: the manager closes a release once its process documents
    are archived; the approved 发布计划 (the revision the approval holds for) must be."""
    revisions = s.execute(select(PlanRevision).where(PlanRevision.release_id == release.id)
                          .order_by(PlanRevision.number.desc())).scalars().all()
    approved = next((r for r in revisions if approval_of(s, r) is not None), None)
    number = approved.number if approved is not None else (revisions[0].number if revisions else 1)
    found = s.execute(select(Document.id).where(Document.release_id == release.id, Document.kind == "plan",
                                                Document.revision_no == number).limit(1)).scalar_one_or_none()
    if found is None:
        raise PolicyViolation(Refusal("close_plan_not_archived", "R-4.4.2-ARCHIVE", {"revision": number}))


def _same_signed(doc, signed: str) -> None:
    if doc.signed_digest() != signed:  # a renderer that depends on the signature itself: a bug
        raise RuntimeError(f"{doc.number}: the report signed and the report archived differ")


def reissue_report(ctx: AppContext, key: int | str, reason: str, password: str, *,
                   expected_version: object):
    """A new version (V2 …) of a closed release's 发布变更报告 (R-4.4.2-ARCHIVE, R-4.2.2-CLOSE,
    R-DOC-SIGN): when something the report shows changed after closure (a lesson added later),
    the closing manager's role signs the report as it now reads, with the reason; the revision
    record (version, date, signer, reason) is printed in its 修订记录. The archived versions
    stay; `doc report` gives the newest. Nothing changed: refused, no version is made."""
    why = text.block(reason, "reason", required=True)
    with signing.signing(ctx, "reissue_report", key, password) as w:
        release = load_release(w.s, key, lock=True)
        w.expect_version(release, expected_version, "release", release.number)
        if release.status != "closed":
            raise PolicyViolation(Refusal("reissue_not_closed", "R-4.4.2-ARCHIVE"))
        if w.actor.user_id is not None and not w.actor.has(Role.MANAGER):
            raise PolicyViolation(Refusal("wrong_role", "R-4.2.2-CLOSE",
                                          {"action": "close", "roles": ("manager",)}))
        closure = w.s.get(Closure, release.id)
        current = documents.latest_report(w.s, release.id)
        if closure is None or current is None:
            raise PolicyViolation(Refusal("reissue_nothing_archived", "R-4.4.2-ARCHIVE",
                                          {"number": release.number}))
        pending = {"at": iso(w.now), "by": w.actor.display_name, "reason": why}
        draft = documents.build(documents.source(ctx, release.number, "report", session=w.s, work=w, pending=pending),
                                "report")
        signed = draft.signed_digest()
        before = documents.model_of(current)
        if before is not None and documents.body_units(before) == documents.body_units(draft):
            raise PolicyViolation(Refusal("reissue_unchanged", "R-4.4.2-ARCHIVE",
                                          {"number": release.number, "version": before.version}))
        version = int(draft.version[1:])
        sig = signing.sign(w, release, subject="report", subject_id=release.id, meaning="reissue",
                           role=Role.MANAGER.value,
                           content_hash=sealed_digest(release.number, closure.outcome, closure.analysis, signed),
                           reason=why)
        final = documents.build(documents.source(ctx, release.number, "report", session=w.s, work=w), "report")
        _same_signed(final, signed)
        stored = documents.freeze_report(w, release, final, version)
        w.touch(release)
        w.audit("signature.reissue", "signature", sig.id, release_id=release.id, signer=sig.signer_name,
                content_hash=sig.content_hash, signature_hash=sig.signature_hash, report=stored.id,
                version=f"V{version}", reason=why, report_sha256=signed)
        return stored
