"""Documents of a release: generate, archive and verify the 发布计划 and the 发布变更报告.

R-DOC-PLAN / R-DOC-REPORT (generate), R-DOC-FORM (the company's template), R-4.4.2-ARCHIVE
(the final document's bytes and SHA-256 kept with the release, what "open" and "print" use
later), R-DOC-SIGN (verification codes; ``verify`` compares a file with the database).
python-docx is imported only inside the functions that render: the services stay light.
"""

from __future__ import annotations

import hashlib
import re
import zipfile
import zlib
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from relgui.documents import fmt, package, plan, report
from relgui.documents import kpi_report as builder
from relgui.documents import verify as checking
from relgui.documents.compare import Content
from relgui.documents.form import Source
from relgui.documents.model import DocModel
from relgui.documents.verify import Reference
from relgui.domain import messages, numbering, sealing
from relgui.domain.errors import InvalidInput, NotFound, PolicyViolation, Refusal, RelguiError
from relgui.domain.release_detail import to_json
from relgui.domain.states import Role
from relgui.domain.text import clean, starts_with
from relgui.domain.timeutil import iso
from relgui.policy import profile_for
from relgui.services import company, details, facts, kpi, signing
from relgui.services.context import AppContext, reading, unit_of_work
from relgui.services.facts import approval_of, load_release
from relgui.store import audit
from relgui.store.models import AuditEvent, Closure, Document, PlanRevision, Release, Signature, User

KINDS = {"plan": "发布计划", "report": "发布变更报告"}


@dataclass(frozen=True)
class Generated:
    """A rendered document: the bytes to write or archive, and the model they show."""

    kind: str
    number: str
    filename: str
    content: bytes
    sha256: str
    model: DocModel


@dataclass(frozen=True)
class Archived:
    id: int
    kind: str
    number: str
    filename: str
    sha256: str
    revision_no: int | None
    created_at: Any
    created_by: str
    content: bytes


def check_kind(kind: str) -> str:
    if not isinstance(kind, str) or kind not in KINDS:
        raise InvalidInput(Refusal("doc_unknown_kind", params={"value": clean(str(kind))[:20]}))
    return kind


def _revisions(s, release_id: int, sigs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every frozen revision with the signatures given on it (details has no subject ids)."""
    subject = dict(s.execute(select(Signature.id, Signature.subject_id).where(
        Signature.release_id == release_id, Signature.subject == "plan_revision")).all())
    names = dict(s.execute(select(User.id, User.display_name)).all())
    out = []
    for rev in s.execute(select(PlanRevision).where(PlanRevision.release_id == release_id)
                         .order_by(PlanRevision.number)).scalars():
        out.append({"id": rev.id, "number": rev.number, "content": rev.content, "content_hash": rev.content_hash,
                    "reason": rev.reason, "created_at": iso(rev.created_at), "created_by": names.get(rev.created_by_id),
                    "signatures": [g for g in sigs if subject.get(g["id"]) == rev.id],
                    "approved": approval_of(s, rev) is not None})
    return out


def source(ctx: AppContext, number: str, kind: str, *, revision: int | None = None,
           as_of: str | None = None, session=None, work=None, pending: dict[str, Any] | None = None,
           report_version: int | None = None) -> Source:
    """Everything a document of ``kind`` is built from, read in one go. ``session``: read within
    the caller's unit of work (what it has written so far: the closing transaction renders the
    report it archives; ``work``: that unit of work, whose status changes are not yet in the
    audit trail but belong on the report's stage timeline). ``pending``: a reissue being
    signed, printed as the newest version.
    ``report_version``: a report as it was at that version (its reissues up to it)."""
    if session is None:
        with reading(ctx) as s:
            return source(ctx, number, kind, revision=revision, as_of=as_of, session=s, pending=pending,
                          report_version=report_version)
    s = session
    # The documents are built from the read model's JSON form (relgui.domain.release_detail.to_json):
    # what the archived documents were built from, byte for byte (they are sealed by hash).
    data = to_json(details.read(s, ctx, number, audit_limit=0))
    if work is not None:
        _with_pending_stages(data, work)
    settings = company.load(s)
    revs = _revisions(s, data["id"], data["signatures"])
    seq, head = audit.head(s)  # the chain as it stood when the document was made (its QR code)
    if revision is not None:
        chosen = next((r for r in revs if r["number"] == revision), None)
        if chosen is None:
            raise NotFound.of("revision", f"{data['number']} V{revision}")
    elif kind == "report":  # the report compares with the plan that was approved
        chosen = next((r for r in reversed(revs) if r["approved"]), revs[-1] if revs else None)
    else:
        chosen = revs[-1] if revs else None
    listed = tuple(r for r in revs if chosen and r["number"] <= chosen["number"])
    doc = _identity(s, data, kind, chosen, settings, pending, report_version)
    return Source(data, profile_for(data["profile"]), settings.company_name, settings.department,
                  company.zone(settings.timezone or "Asia/Shanghai"), chosen, listed,
                  as_of or iso(ctx.clock.now()), basis={"chain": {"seq": seq, "hash": head}}, doc=doc)


def with_closure_signature(src: Source, s, release, sig: Signature) -> Source:
    """``src`` as ``source`` reads it once the closing signature ``sig`` is written (closing.seal):
    what a report read before signing lacks is that signature and the closure's reference to
    it; the rest of the release's record is unchanged by signing. Spares re-reading the whole
    release (half of what sealing a closure costs); closing.seal checks that the text signed is
    the text archived, and tests hold the archived report equal to a fresh reading."""
    from dataclasses import replace

    data = dict(src.release)
    data["signatures"] = [g for g in data.get("signatures") or [] if g["id"] != sig.id] + [to_json(details.signature_view(sig))]
    data["closure_signature_broken"] = facts.closure_state(s, release)[2]
    if data.get("closure") is not None:
        data["closure"] = {**data["closure"], "signature_id": sig.id,
                           "signature_broken": data["closure_signature_broken"]}
    return replace(src, release=data)


def _with_pending_stages(data: dict[str, Any], work) -> None:
    """The stage timeline as it will read once the unit of work's events are appended (the
    closure itself: 已关闭, by the closing manager, at the unit of work's time), so the report
    archived at closure says what a rendering after it says."""
    profile = profile_for(data["profile"])
    speaker = getattr(work, "audit_actor", None) or work.actor
    for event in getattr(work, "_pending", ()):  # appended to the chain at Work.finish
        change = ((event.get("detail") or {}).get("changes") or {}).get("status")
        if event.get("release_id") == data["id"] and isinstance(change, list) and len(change) == 2 \
                and change[1] in profile.statuses and isinstance(data.get("stages"), list):
            data["stages"].append({"status": change[1], "status_name": profile.statuses[change[1]].name,
                                   "stage": profile.stage_of(change[1]), "at": iso(work.now),
                                   "actor": speaker.display_name, "action": event["action"]})


_CLOSING_STEPS = ("release.complete_config_update", "release.complete_rollback", "release.declare_failed")


def _identity(s, data: dict[str, Any], kind: str, chosen: dict[str, Any] | None, settings,
              pending: dict[str, Any] | None, report_version: int | None) -> dict[str, Any]:
    """The form's identity of a document (R-DOC-FORM): its own 文件编号 (the company's pattern for
    the kind), 编制人 and 审核 from the audit trail, and for a report its version and reissues."""
    out: dict[str, Any] = {"number": numbering.doc_number(company.doc_patterns(s).get(kind), kind,
                                                          data["number"])}
    events = s.execute(select(AuditEvent.seq, AuditEvent.action, AuditEvent.entity_key, AuditEvent.actor_name)
                       .where(AuditEvent.release_id == data["id"], AuditEvent.action.in_(
                           ("plan.save_section", "plan.freeze", *_CLOSING_STEPS)))
                       .order_by(AuditEvent.seq)).all()
    if kind == "plan":
        # 编制人: whoever wrote the printed revision's sections; 审核: whoever checked it complete
        # and submitted it for approval (the revision's freeze). The approver signs as 批准人.
        freeze = next((e for e in events if e.action == "plan.freeze" and chosen
                       and e.entity_key == f"{data['number']}#V{chosen['number']}"), None)
        writers = [e.actor_name for e in events if e.action == "plan.save_section"
                   and (freeze is None or e.seq < freeze.seq)]
        # a plan whose writing left no events (imported, demo data): the revision's own author
        frozen_by = (chosen or {}).get("created_by") or ""
        out["writers"] = "、".join(dict.fromkeys(n for n in writers if n)) or frozen_by
        out["reviewer"] = freeze.actor_name if freeze is not None else frozen_by
        return out
    # 编制人: the release's 负责人, who kept its records; 审核: whoever confirmed the records
    # complete and handed the release to closing; 批准人: the closing manager (the form's header).
    out["writers"] = data.get("owner") or ""
    done = [e.actor_name for e in events if e.action in _CLOSING_STEPS]
    handed = [x.get("actor") for x in data.get("stages") or [] if x.get("status") == "awaiting_close"]
    out["reviewer"] = (done or handed or [""])[-1] or ""
    names = {g["id"]: g for g in data["signatures"]}
    reissues = [{"version": i + 2, "at": g["signed_at"], "by": g["signer"], "reason": g["reason"],
                 "signature_id": g["id"]}
                for i, g in enumerate(g for g in names.values() if g["subject"] == "report" and g["meaning"] == "reissue")]
    if pending is not None:
        reissues.append({**pending, "version": len(reissues) + 2, "signature_id": None})
    if report_version is not None:
        reissues = [x for x in reissues if x["version"] <= report_version]
    out["reissues"] = tuple(reissues)
    out["version"] = 1 + len(reissues)
    return out


def build(src: Source, kind: str) -> DocModel:
    return (plan if check_kind(kind) == "plan" else report).build(src)


def model(ctx: AppContext, number: str, kind: str, *, revision: int | None = None,
          as_of: str | None = None) -> DocModel:
    return build(source(ctx, number, check_kind(kind), revision=revision, as_of=as_of), kind)


def render(ctx: AppContext, doc: DocModel) -> Generated:
    """The model as .docx in the company's template (R-DOC-FORM)."""
    return _render(doc, company.template(ctx))


def render_in(w, doc: DocModel) -> Generated:
    """The same inside the caller's unit of work ``w`` (the template as that unit reads it)."""
    return _render(doc, company.load(w.s).doc_template)


def _render(doc: DocModel, template) -> Generated:
    # lazy: python-docx + lxml, ~130 ms, only when a .docx is written
    from relgui.documents import docx_writer

    try:
        content = docx_writer.render(doc, template)
    except ValueError as exc:  # the template is no readable Word document
        raise InvalidInput(Refusal("doc_template_invalid", "R-DOC-FORM", {"detail": str(exc)[:200]})) from None
    return Generated(doc.kind, doc.number, fmt.safe_filename(doc.number, doc.title, KINDS[doc.kind]),
                     content, hashlib.sha256(content).hexdigest(), doc)


def generate(ctx: AppContext, number: str, kind: str, *, revision: int | None = None) -> Generated:
    """A fresh document from the current data (a draft until approval or closure)."""
    return render(ctx, model(ctx, number, kind, revision=revision))


def check_template(content: bytes) -> None:
    """Refuse a company template that cannot produce a document (call before company.set_template)."""
    # lazy: python-docx + lxml, ~130-160 ms, only when a template is checked
    from relgui.documents import docx_form

    try:
        docx_form.ensure_styles(docx_form.open_template(content))
    except Exception as exc:  # noqa: BLE001 - whatever breaks, the template is unusable
        raise InvalidInput(Refusal("doc_template_invalid", "R-DOC-FORM", {"detail": str(exc)[:200]})) from None


def _may_archive(ctx: AppContext) -> None:
    a = ctx.actor
    if a.user_id is not None and not (a.has(Role.ENGINEER) or a.has(Role.MANAGER)):
        raise PolicyViolation(Refusal("doc_archive_role", "R-4.4.2-ARCHIVE"))


def _view(d: Document, number: str, names: dict[int, str]) -> Archived:
    return Archived(d.id, d.kind, number, d.filename, d.sha256, d.revision_no, d.created_at,
                    names.get(d.created_by_id, "") if d.created_by_id is not None else "", d.content)


FACES = ("docx", "pdf")


def stored_kind(kind: str, face: str = "docx") -> str:
    """The ``documents.kind`` of a face: plan / report for the Word face (as always), plan.pdf /
    report.pdf for the PDF face archived beside it from the same model."""
    if face not in FACES:
        raise InvalidInput(Refusal("doc_unknown_face", params={"value": clean(str(face))[:20]}))
    return kind if face == "docx" else f"{kind}.pdf"


def _find(s, release_id: int, kind: str, revision_no: int | None) -> Document | None:
    stmt = select(Document).where(Document.release_id == release_id, Document.kind == kind)
    if kind.startswith("plan"):
        stmt = stmt.where(Document.revision_no == revision_no)
    return s.execute(stmt.order_by(Document.id.desc()).limit(1)).scalar_one_or_none()


def render_pdf(doc: DocModel) -> Generated:
    """The model's PDF face (relgui.render.qtpages: the fixed pages that are archived, printed
    and previewed alike). Needs Qt (a GUI application, or one made for it offscreen)."""
    try:
        # lazy: relgui.render pulls Qt (QtGui), ~300 ms; the services and relgui-admin import no Qt
        from relgui.render import qtpages

        content, _pages = qtpages.render_pdf(doc)
    except (ImportError, RuntimeError) as exc:  # no Qt here, or no application that has fonts
        raise InvalidInput(Refusal("doc_pdf_unavailable", params={"detail": str(exc)[:200]})) from None
    return Generated(doc.kind, doc.number, fmt.safe_filename(doc.number, doc.title, KINDS[doc.kind], ".pdf"),
                     content, hashlib.sha256(content).hexdigest(), doc)


def _pdf_quietly(doc: DocModel | None) -> Generated | None:
    """The PDF face to archive beside the .docx, or None where it cannot be made here (no Qt):
    the .docx is the record and is archived anyway; archiving again adds the PDF face later,
    from the archived .docx's own model."""
    import logging

    if doc is None:
        return None
    try:
        return render_pdf(doc)
    except RelguiError as exc:  # no Qt here: said, and archived later
        logging.getLogger(__name__).warning("no PDF face archived for %s %s: %s", doc.number, doc.kind, exc)
    except Exception:  # noqa: BLE001 - the .docx must be archived whatever the PDF renderer does
        logging.getLogger(__name__).exception("could not render the PDF face of %s %s", doc.number, doc.kind)
    return None


def _archived_model(d: Document | None) -> DocModel | None:
    return None if d is None else _archived_model_bytes(d.content)


def _archive(ctx: AppContext, number: str, kind: str, revision_no: int | None, make) -> Archived:
    """Store the final document once (R-4.4.2-ARCHIVE): the .docx and, from the same model, its
    PDF face (``kind.pdf``). Calling again returns the stored .docx, adding the PDF face if it
    is missing (archived before there was one, or where Qt was not available)."""
    _may_archive(ctx)
    pdf_kind = stored_kind(kind, "pdf")
    with reading(ctx) as s:
        release = load_release(s, number)
        found = _find(s, release.id, kind, revision_no)
        if found is not None and _find(s, release.id, pdf_kind, revision_no) is not None:
            return _view(found, release.number, dict(s.execute(select(User.id, User.display_name)).all()))
        base = _archived_model(found)
        if found is not None and base is None:  # an old file without its model: no PDF face from it
            return _view(found, release.number, dict(s.execute(select(User.id, User.display_name)).all()))
    made: Generated | None = make() if found is None else None  # rendered outside the write transaction
    pdf = _pdf_quietly(made.model if made is not None else base)
    with unit_of_work(ctx) as w:
        _may_archive(ctx)  # the rights as the unit of work read them
        release = load_release(w.s, number, lock=True)
        names = dict(w.s.execute(select(User.id, User.display_name)).all())
        doc = _find(w.s, release.id, kind, revision_no)
        if doc is not None and made is not None:
            made = None  # archived meanwhile by another workstation: keep theirs
            if pdf is not None and _archived_model(doc) != pdf.model:
                pdf = None  # their .docx came from another model; its PDF face is made next time
        if made is not None:
            doc = Document(release_id=release.id, kind=kind, filename=made.filename, sha256=made.sha256,
                           content=made.content, revision_no=revision_no, created_by_id=ctx.actor.user_id,
                           created_at=w.now)
            w.s.add(doc)
        if doc is None:  # cannot happen: the .docx found above is insert-only
            raise NotFound.of("document", f"{number} {kind}")
        face = None
        if pdf is not None and _find(w.s, release.id, pdf_kind, revision_no) is None:
            face = Document(release_id=release.id, kind=pdf_kind, filename=pdf.filename, sha256=pdf.sha256,
                            content=pdf.content, revision_no=revision_no, created_by_id=ctx.actor.user_id,
                            created_at=w.now)
            w.s.add(face)
        if made is None and face is None:
            return _view(doc, release.number, names)
        w.s.flush()
        pdf_note = {"id": face.id, "filename": face.filename, "sha256": face.sha256, "size": len(face.content)} \
            if face is not None else None
        if made is not None:
            w.audit("document.archive", "document", doc.id, release_id=release.id, kind=kind,
                    filename=made.filename, sha256=made.sha256, revision=revision_no, size=len(made.content),
                    pdf=pdf_note)
        elif face is not None:  # the PDF face of a .docx archived earlier, from that .docx's own model
            w.audit("document.archive", "document", face.id, release_id=release.id, kind=pdf_kind,
                    filename=face.filename, sha256=face.sha256, revision=revision_no, size=len(face.content),
                    docx=doc.id)
        return _view(doc, release.number, names)


def archive_plan(ctx: AppContext, number: str) -> Archived:
    """Archive the approved 发布计划 (call after plans.approve). Idempotent per revision."""
    with reading(ctx) as s:
        release = load_release(s, number)
        rev = s.execute(select(PlanRevision).where(PlanRevision.release_id == release.id)
                        .order_by(PlanRevision.number.desc()).limit(1)).scalar_one_or_none()
        if rev is None or approval_of(s, rev) is None:
            raise PolicyViolation(Refusal("doc_plan_not_approved", "R-4.4.2-ARCHIVE"))
        rev_no = rev.number
    return _archive(ctx, number, "plan", rev_no, lambda: generate(ctx, number, "plan", revision=rev_no))


def freeze_report(w, release, doc: DocModel, version: int, *, pdf_face: bool = True) -> Archived:
    """Archive the final 发布变更报告 in the caller's unit of work (R-4.4.2-ARCHIVE): the closure
    (or a reissue) and its report are committed together or not at all. Both faces come from
    the one model; where this process has no Qt the .docx is archived alone and its PDF face is
    added later from the archived .docx's own model (the same content, so the same hash the
    signature covers). Any other failure to render refuses the act, in words. ``pdf_face``
    False: the .docx alone, its PDF face added the same way later (bulk sample closures)."""
    import logging

    log = logging.getLogger(__name__)
    try:
        made = render_in(w, doc)
    except RelguiError:
        raise
    except Exception as exc:  # noqa: BLE001 - said in words; the closure is not committed
        log.exception("could not render the report of %s", doc.number)
        raise PolicyViolation(Refusal("close_report_failed", "R-4.4.2-ARCHIVE",
                                      {"detail": f"{type(exc).__name__}: {exc}"[:200]})) from None
    pdf: Generated | None = None
    try:
        if pdf_face:
            pdf = render_pdf(doc)
    except InvalidInput as exc:  # no Qt in this process: the PDF face follows from the archived .docx
        log.warning("no PDF face archived for %s report V%s: %s", doc.number, version, exc)
        pdf = None
    except Exception as exc:  # noqa: BLE001
        log.exception("could not render the PDF face of the report of %s", doc.number)
        raise PolicyViolation(Refusal("close_report_failed", "R-4.4.2-ARCHIVE",
                                      {"detail": f"{type(exc).__name__}: {exc}"[:200]})) from None
    row = Document(release_id=release.id, kind="report", filename=made.filename, sha256=made.sha256,
                   content=made.content, revision_no=version, created_by_id=w.actor.user_id, created_at=w.now)
    w.s.add(row)
    face = None
    if pdf is not None:
        face = Document(release_id=release.id, kind="report.pdf", filename=pdf.filename, sha256=pdf.sha256,
                        content=pdf.content, revision_no=version, created_by_id=w.actor.user_id, created_at=w.now)
        w.s.add(face)
    w.s.flush()
    pdf_note = {"id": face.id, "filename": face.filename, "sha256": face.sha256, "size": len(face.content)} \
        if face is not None else None
    w.audit("document.archive", "document", row.id, release_id=release.id, kind="report", filename=made.filename,
            sha256=made.sha256, revision=version, size=len(made.content), pdf=pdf_note,
            content_sha256=doc.digest(), signed_sha256=doc.signed_digest())
    names = dict(w.s.execute(select(User.id, User.display_name)).all())
    return _view(row, release.number, names)


def archive_report(ctx: AppContext, number: str) -> Archived:
    """Archive the 发布变更报告 of a closed release (call after closing.close). Idempotent."""
    with reading(ctx) as s:
        release = load_release(s, number)
        if s.get(Closure, release.id) is None:
            raise PolicyViolation(Refusal("doc_not_closed", "R-4.4.2-ARCHIVE"))
    return _archive(ctx, number, "report", 1, lambda: generate(ctx, number, "report"))


def latest_report(s, release_id: int) -> Document | None:
    """The newest archived 发布变更报告 (.docx) of a release, within the caller's session."""
    return s.execute(select(Document).where(Document.release_id == release_id, Document.kind == "report")
                     .order_by(Document.id.desc()).limit(1)).scalar_one_or_none()


def model_of(d: Document | Archived | None) -> DocModel | None:
    """An archived .docx's own embedded model (None: none, or unreadable)."""
    return None if d is None else _archived_model_bytes(d.content)


def body_units(doc: DocModel) -> list[tuple[str, str]]:
    """What a document says about its release: every line but its form's head, revision record
    and signatures (a new version changes those by itself)."""
    return [(k, t) for k, t in doc.units() if k not in ("header", "revisions", "signatures")]


@dataclass(frozen=True)
class ReportState:
    """Which 发布变更报告 `doc report` and the documents panel give (R-4.4.2-ARCHIVE): the archived
    version (never silently regenerated) and whether the records have changed since, so that a
    reissue would make a new version."""

    number: str
    archived: Archived | None
    version: str          # V1, V2 … of the archived report; '' when none is archived
    stale: bool           # the current data would print another report (a reissue is due)
    archived_at: str = ""  # in the company's time zone

    def describe(self, lang: str = "zh_CN") -> str:
        if self.archived is None:
            return messages.render(Refusal("report_not_archived", params={"number": self.number}), lang)
        return messages.render(Refusal("report_stale" if self.stale else "report_current", params={
            "version": self.version, "at": self.archived_at,
            "by": self.archived.created_by}), lang)


def report_state(ctx: AppContext, number: str) -> ReportState:
    stored = archived(ctx, number, "report")
    if stored is None:
        return ReportState(number, None, "", False)
    before = model_of(stored)
    version = (before.version if before is not None and before.version.startswith("V")
               else f"V{stored.revision_no or 1}")
    stale = before is not None and body_units(before) != body_units(model(ctx, number, "report"))
    with reading(ctx) as s:
        tz = company.zone(company.load(s).timezone or "Asia/Shanghai")
    return ReportState(stored.number, stored, version, stale, fmt.when(stored.created_at, tz))


@dataclass(frozen=True)
class ClosureState:
    """Whether a release's closure still holds with the report sealed in it (R-4.2.2-CLOSE,
    R-DOC-SIGN, R-4.4.2-ARCHIVE). ``code``: closure_sealed (the closing signature and each
    reissue's cover the archived report versions, whose files are as archived), closure_legacy
    (a closure signed before the report was sealed with it: outcome and analysis only),
    closure_open (not closed), or a failure: closure_sig_broken, closure_report_missing,
    closure_report_changed. ``refusal`` says it in words (messages_closing)."""

    code: str
    refusal: Refusal

    @property
    def ok(self) -> bool:
        return self.code in ("closure_sealed", "closure_legacy")


def closure_state(ctx: AppContext, number: str) -> ClosureState:
    with reading(ctx) as s:
        return closure_state_in(s, load_release(s, number))


def closure_state_in(s, release) -> ClosureState:
    """``closure_state`` within the caller's session (the KPI and the lifecycle may count on it)."""
    def state(code: str, **params: Any) -> ClosureState:
        return ClosureState(code, Refusal(code, "R-4.4.2-ARCHIVE" if "report" in code else "R-DOC-SIGN",
                                          {"number": release.number, **params}))

    closure = s.get(Closure, release.id)
    if closure is None:
        return state("closure_open")
    sigs = s.execute(select(Signature).where(Signature.release_id == release.id,
                                             Signature.meaning.in_(sealing.SEALING_MEANINGS))
                     .order_by(Signature.id)).scalars().all()
    sig = next((g for g in sigs if g.id == closure.signature_id), None)
    if sig is None or not signing.is_intact(sig) or sig.voided_at is not None:
        return state("closure_sig_broken")
    if sig.content_hash == sealing.legacy_digest(release.number, closure.outcome, closure.analysis):
        return state("closure_legacy")
    rows = s.execute(select(Document).where(Document.release_id == release.id, Document.kind == "report")
                     .order_by(Document.id)).scalars().all()
    if not rows:
        return state("closure_report_missing")
    recorded: dict[str, str] = {}
    for key, detail in s.execute(select(AuditEvent.entity_key, AuditEvent.detail).where(
            AuditEvent.release_id == release.id, AuditEvent.entity == "document",
            AuditEvent.action == "document.archive")):
        if isinstance(detail, dict) and isinstance(detail.get("sha256"), str):
            recorded.setdefault(str(key), detail["sha256"])
    live = [{"meaning": g.meaning, "content_hash": g.content_hash, "id": g.id} for g in sigs
            if signing.is_intact(g) and g.voided_at is None]
    for i, row in enumerate(rows):
        version = f"V{row.revision_no or i + 1}"
        sha = hashlib.sha256(row.content).hexdigest()
        if sha != row.sha256 or recorded.get(str(row.id), sha) != sha:
            return state("closure_report_changed", version=version)
        model = _archived_model_bytes(row.content)
        if model is None:
            return state("closure_report_changed", version=version)
        covering = sealing.covering(live if i else [x for x in live if x["id"] == sig.id], release.number,
                                    closure.outcome, closure.analysis, model.signed_digest())
        if covering is None:
            return state("closure_report_changed", version=version)
    return state("closure_sealed", version=f"V{rows[-1].revision_no or len(rows)}")


def archived(ctx: AppContext, number: str, kind: str, face: str = "docx") -> Archived | None:
    """The latest archived document of ``kind``: what "open" and "print" use (byte-identical).
    ``face``: docx (the Word file) or pdf (its PDF face, archived beside it)."""
    stored = stored_kind(check_kind(kind), face)
    with reading(ctx) as s:
        release = load_release(s, number)
        d = s.execute(select(Document).where(Document.release_id == release.id, Document.kind == stored)
                      .order_by(Document.id.desc()).limit(1)).scalar_one_or_none()
        if d is None:
            return None
        return _view(d, release.number, dict(s.execute(select(User.id, User.display_name)).all()))


@dataclass(frozen=True)
class PanelState:
    """What the documents panel shows for one release, in one read: per kind the latest archived
    document (None: not archived yet) and, for an archived report, whether it is current."""

    number: str
    plan: Archived | None
    report: Archived | None
    report_state: ReportState | None


def panel(ctx: AppContext, number: str) -> PanelState:
    """The documents panel's read (one op off the GUI thread, R-4.4.2-ARCHIVE)."""
    plan = archived(ctx, number, "plan")
    state = report_state(ctx, number)
    return PanelState(number, plan, state.archived, state if state.archived is not None else None)


@dataclass(frozen=True)
class PdfFace:
    """A document's PDF face and where it came from: ``archived`` (the stored bytes),
    ``archived_model`` (rendered from the archived .docx's own model: no PDF was archived with
    it) or ``generated`` (from the current data: a draft until approval or closure)."""

    kind: str
    number: str
    filename: str
    content: bytes
    sha256: str
    origin: str


def pdf(ctx: AppContext, number: str, kind: str, *, revision: int | None = None, fresh: bool = False) -> PdfFace:
    """The PDF face to print, preview or save: the archived one when there is one (byte for
    byte), else the archived .docx's model rendered, else the current data (``fresh``: always)."""
    check_kind(kind)
    if not fresh and revision is None:
        stored = archived(ctx, number, kind, "pdf")
        if stored is not None:
            return PdfFace(kind, stored.number, stored.filename, stored.content, stored.sha256, "archived")
        base = archived(ctx, number, kind)
        doc = _archived_model_bytes(base.content) if base is not None else None
        if doc is not None:
            made = render_pdf(doc)
            return PdfFace(kind, made.number, made.filename, made.content, made.sha256, "archived_model")
    made = render_pdf(model(ctx, number, kind, revision=revision))
    return PdfFace(kind, made.number, made.filename, made.content, made.sha256, "generated")


def _archived_model_bytes(content: bytes) -> DocModel | None:
    try:
        text = package.embedded_model(content)
        return DocModel.from_json(text) if text else None
    except (ValueError, KeyError, TypeError, EOFError, zlib.error, zipfile.BadZipFile):  # damaged: no model
        return None


def open_model(ctx: AppContext, number: str, kind: str) -> DocModel:
    """What to preview or print through Qt: the archived document's own model when there is
    one (its text exactly), else a fresh model from the current data."""
    stored = archived(ctx, number, kind)
    if stored is not None:
        text = package.embedded_model(stored.content)
        if text:
            return DocModel.from_json(text)
    return model(ctx, number, kind)


# ------------------------------------------------------------------ verification (R-DOC-SIGN, R-4.4.2-ARCHIVE)


def page_code(doc: Any) -> str:
    """The code printed on every page of a document (XXXX-XXXX-XXXX: the first 12 hex digits
    of its content hash, ``DocModel.digest``); ``doc``: a DocModel, a Generated, an Archived,
    a file's bytes or the hex content hash. ``check_code`` finds the archived document by it."""
    return checking.page_code(doc)


def _references(ctx: AppContext, s, release_id: int, number: str, kind: str) -> list:
    """Every archived document of a release and kind, with what the audit trail recorded."""
    rows = s.execute(select(Document).where(Document.release_id == release_id,
                                            Document.kind.in_([kind, f"{kind}.pdf"]))  # every face
                     .order_by(Document.id)).scalars().all()
    if not rows:
        return []
    names = dict(s.execute(select(User.id, User.display_name)).all())
    recorded: dict[str, str] = {}
    for key, detail in s.execute(select(AuditEvent.entity_key, AuditEvent.detail).where(
            AuditEvent.entity == "document", AuditEvent.release_id == release_id)):
        if not isinstance(detail, dict):
            continue
        if isinstance(detail.get("sha256"), str):
            recorded.setdefault(key, detail["sha256"])
        face = detail.get("pdf")  # a PDF face archived in the same act as its .docx
        if isinstance(face, dict) and isinstance(face.get("sha256"), str):
            recorded.setdefault(str(face.get("id")), face["sha256"])
    tz = company.zone(company.load(s).timezone or "Asia/Shanghai")
    return [Reference(d.id, number, kind, d.sha256, d.content, fmt.when(d.created_at, tz),
                      names.get(d.created_by_id, ""), d.revision_no, recorded.get(str(d.id))) for d in rows]


def _state(ctx: AppContext, ref) -> list[Refusal]:
    """An archived document's signatures and signed content as the database holds them now."""
    model = ref.model()
    if model is None:
        return []
    revision = model.basis.get("revision") if ref.kind == "plan" else None
    with reading(ctx) as s:
        src = _signed_record(s, ref.number, ref.kind, revision if isinstance(revision, int) else None)
    if src is None:
        return []
    return _hash_notes(model, src) + checking.signature_notes(model, src)


def _signed_record(s, number: str, kind: str, revision: int | None) -> Source | None:
    """What ``_state`` holds an archived document against, read alone: the release's signatures
    (as ``details.read`` lists them), its closure and, for a plan, the revision it prints —
    not the whole record ``source`` gathers to build a document (a dozen reads fewer: a fifth
    of what `doc verify` costs). None: no such release or revision."""
    import datetime as dt

    release = s.execute(select(Release).where(Release.number == number)).scalar_one_or_none()
    if release is None:
        return None
    sigs = [to_json(details.signature_view(g)) for g in s.execute(select(Signature).where(Signature.release_id == release.id)
                                                         .order_by(Signature.id)).scalars()]
    cl = s.get(Closure, release.id)
    closure = None if cl is None else {"outcome": cl.outcome, "analysis": cl.analysis,
                                       "signature_id": cl.signature_id}
    rev = None
    if kind == "plan":
        stmt = select(PlanRevision).where(PlanRevision.release_id == release.id)
        stmt = (stmt.where(PlanRevision.number == revision) if revision is not None
                else stmt.order_by(PlanRevision.number.desc()).limit(1))
        found = s.execute(stmt).scalar_one_or_none()
        if found is None and revision is not None:
            return None
        rev = None if found is None else {"number": found.number, "content": found.content,
                                          "content_hash": found.content_hash}
    return Source({"id": release.id, "number": release.number, "signatures": sigs, "closure": closure},
                  profile_for(release.profile_ref), "", "", dt.UTC, rev)


def _hash_notes(model: DocModel, src: Source) -> list[Refusal]:
    """What was signed must still hash as signed (R-DOC-SIGN): the plan revision; for a report,
    the closing (or reissue) signature must cover this report's signed content (sealed at
    closure, relgui.domain.sealing), or — a closure signed before reports were sealed — the
    outcome and analysis as the database holds them."""
    closure = src.release.get("closure")
    if model.kind != "report" or not closure:
        return checking.hash_notes(model, src)
    sigs = src.release.get("signatures") or []
    number, outcome, analysis = src.release["number"], closure["outcome"], closure["analysis"]
    if sealing.covering(sigs, number, outcome, analysis, model.signed_digest()) is not None:
        return []
    sig = next((g for g in sigs if g["id"] == closure.get("signature_id")), None)
    if sig is not None and sig["content_hash"] == sealing.legacy_digest(number, outcome, analysis):
        return []
    return [Refusal("doc_hash_mismatch", "R-DOC-SIGN", {"part": f"发布变更报告 {model.version}".strip()})]


def _release_id(s, number: Any) -> int | None:
    if not isinstance(number, str) or not number.strip() or len(number) > 200:
        return None
    return s.execute(select(Release.id).where(Release.number == clean(number).strip())).scalar_one_or_none()


def verify(ctx: AppContext, data: bytes):
    """Hold a document file (.docx; PDF when its reader is installed) against the archived
    document of its number, kind and version: one verdict (``documents.verify.VERDICTS``) with
    each change named, and the archived document's signatures as they hold now."""
    if not isinstance(data, (bytes, bytearray)) or not data:
        raise InvalidInput(Refusal("doc_unreadable", params={"detail": "empty" if not data else type(data).__name__}))

    data = bytes(data)
    fmt_ = checking.sniff(data)
    if not fmt_:
        raise InvalidInput(Refusal("doc_unreadable", params={"detail": "neither .docx nor PDF"}))
    sha = hashlib.sha256(data).hexdigest()
    with reading(ctx) as s:
        hit = s.execute(select(Document.release_id, Document.kind).where(Document.sha256 == sha).limit(1)).first()
    read = checking.reader(fmt_)
    if read is None and hit is None:  # an archived file itself needs no reader: its hash says which it is
        raise InvalidInput(Refusal("doc_format_unsupported", params={"format": fmt_.upper()}))
    def read_face() -> Content:
        assert read is not None
        try:
            return read(data)
        except (ValueError, KeyError, IndexError, TypeError, RecursionError) as exc:
            raise InvalidInput(Refusal("doc_unreadable",
                                       params={"detail": str(exc)[:200] or type(exc).__name__})) from None

    # The archived bytes themselves need no reading: their hash says which document they are.
    # Nor does a relgui PDF before it is known whether it is the PDF face rendered from an
    # archived .docx (_derived_faces): its embedded identity says which to render; read only
    # when it is not that face byte for byte.
    face = Content(fmt_, (), checking.identity(data)) if hit is not None else None
    if face is None and fmt_ == "pdf":
        claimed = checking.pdf_identity(data)
        if claimed.get("number") and claimed.get("kind"):  # else no embedded data: what is drawn says
            face = Content(fmt_, (), claimed)
    unread = face is not None and hit is None
    if face is None:
        face = read_face()
    with reading(ctx) as s:
        release_id: int | None
        if hit is not None:
            release_id, kind = hit
        else:
            release_id, kind = _release_id(s, face.identity.get("number")), face.identity.get("kind", "")
            query = checking.parse_code(face.identity.get("code", ""))
            if release_id is None and query is not None:  # a PDF without relgui's data: the code it prints
                hits = _by_content(s, query, None)
                if hits:
                    release_id, kind = hits[0][1], hits[0][2]
        kind = str(kind).split(".")[0]  # plan.pdf: the PDF face of the plan
        number = load_release(s, release_id).number if release_id is not None else face.identity.get("number", "")
        refs = _references(ctx, s, release_id, number, kind) if release_id is not None and kind in KINDS else []
    if fmt_ == "pdf" and hit is None:
        derived = _derived_faces(refs, face.identity)
        refs = refs + derived
        if unread and not any(d.sha256 == sha for d in derived):
            face = read_face()  # held against the archive: what it draws
    try:
        result = checking.judge(face, sha, refs, lambda ref: _state(ctx, ref))
    except ValueError as exc:  # an archived file that cannot be read
        raise InvalidInput(Refusal("doc_unreadable", params={"detail": str(exc)[:200]})) from None
    source = result.archived.derived_from if result.archived is not None else None
    if source is not None:  # said, so no one takes the rendering for an archived PDF
        import dataclasses

        note = Refusal("doc_pdf_derived", "R-4.4.2-ARCHIVE", {
            "version": source.version, "sha": source.sha256[:16], "at": source.created_at, "by": source.created_by})
        result = dataclasses.replace(result, notes=(note, *result.notes))
    return result


def _derived_faces(refs: list, ident: dict[str, str]) -> list:
    """The PDF face of an archived .docx that was archived without one (the demo's documents,
    a legacy archive, one archived where Qt was missing), rendered from that .docx's own
    embedded model — the face ``pdf`` exports, prints and previews for it and ``doc archive``
    would add, byte for byte the same on every rendering (R-4.4.2-ARCHIVE). A PDF is held
    against a PDF face, glyph by glyph at its place; held against the .docx it could only be
    compared as running text, where a table read line by line across its columns is not the
    .docx's cell order. One version is rendered: the one the file claims (or whose content
    hash its printed page code starts with). Only an intact .docx (its SHA-256 as archived and
    as the audit trail recorded it) stands for a face; a damaged one is judged as it is."""
    faced = {(r.revision_no, r.version) for r in refs if r.format == "pdf"}
    bare = [r for r in refs if r.format == "docx" and (r.revision_no, r.version) not in faced]
    if not bare:
        return []
    code = re.sub(r"[^0-9a-f]", "", str(ident.get("code", "")).lower())
    claimed = str(ident.get("version", ""))
    chosen = ([r for r in bare if claimed and r.version == claimed]
              or [r for r in bare if len(code) == 12 and r.content_sha.startswith(code)])
    if not chosen or not chosen[-1].intact:
        return []
    source = chosen[-1]
    model = source.model()
    if model is None:  # an old .docx without its model: nothing to render the face from
        return []
    try:
        made = render_pdf(model)
    except InvalidInput as exc:  # no Qt here: a PDF cannot be held against its face
        raise InvalidInput(Refusal("doc_pdf_derive_unavailable", "R-4.4.2-ARCHIVE",
                                   {"detail": exc.refusals[0].params.get("detail", "")})) from None
    return [checking.Reference(source.id, source.number, source.kind, made.sha256, made.content,
                               source.created_at, source.created_by, source.revision_no, None,
                               derived_from=source)]


_CONTENT_SHA: dict[str, str] = {}  # a file's SHA-256 → its content hash (a function of the bytes alone)


def _by_content(s, query, release_id: int | None) -> list[tuple[int, int, str]]:
    """(document id, release id, kind) of the archived documents whose content hash starts with
    the code (equals the full hash when the QR gave it)."""
    stmt = select(Document.id, Document.sha256, Document.release_id, Document.kind)
    if release_id is not None:
        stmt = stmt.where(Document.release_id == release_id)
    every = s.execute(stmt.order_by(Document.id)).all()
    # A document's faces share its content hash: the .docx files first (their hash is in the
    # custom properties), the PDF faces only when no .docx has it.
    for rows in ([r for r in every if "." not in r.kind], [r for r in every if "." in r.kind]):
        hits = _content_hits(s, rows, query.sha256 or query.code)
        if hits:
            return hits
    return []


def _content_hits(s, rows, want: str) -> list[tuple[int, int, str]]:
    missing = [r.id for r in rows if r.sha256 not in _CONTENT_SHA]
    if len(_CONTENT_SHA) + len(missing) > 200_000:
        _CONTENT_SHA.clear()
    found: dict[int, str] = {}
    for i in range(0, len(missing), 50):  # the files themselves, a few at a time, once per process
        for doc_id, stored, content in s.execute(select(Document.id, Document.sha256, Document.content)
                                                 .where(Document.id.in_(missing[i:i + 50]))):
            found[doc_id] = checking.content_hash_of(content)
            if hashlib.sha256(content).hexdigest() == stored:  # an intact row: cached by its hash
                _CONTENT_SHA[stored] = found[doc_id]
    return [(r.id, r.release_id, r.kind) for r in rows
            if found.get(r.id, _CONTENT_SHA.get(r.sha256, "")).startswith(want)]


def check_code(ctx: AppContext, code: str):
    """What a code read off paper stands for (R-DOC-SIGN, R-4.4.2-ARCHIVE): the page code (or a
    page's QR text) names an archived document and says whether it is current, superseded or
    voided; a signature's code names the signature and whether it still holds. A paper copy is
    checked without its file. Returns ``documents.verify.CodeCheck``."""
    query = checking.parse_code(code)
    if query is None:
        raise InvalidInput(Refusal("doc_bad_code", params={"value": clean(str(code))[:40]}))
    with reading(ctx) as s:
        release_id = _release_id(s, query.number) if query.number else None
        found = _by_content(s, query, release_id)
        if not found and release_id is None and not query.sha256:  # the archived file's own SHA-256 typed
            found = [(d.id, d.release_id, d.kind) for d in s.execute(
                select(Document.id, Document.release_id, Document.kind)
                .where(Document.sha256.like(*starts_with(query.code)))).all()]
        if found:
            doc_id, rel_id, kind = found[0]  # a document's faces share the content hash: the first archived
            number = load_release(s, rel_id).number
            refs = _references(ctx, s, rel_id, number, kind.split(".")[0])
            match = next(r for r in refs if r.id == doc_id)
        else:
            match, refs = None, []
            sigs = [] if query.sha256 else s.execute(
                select(Signature).where(Signature.signature_hash.like(*starts_with(query.code)))).scalars().all()
            if len(sigs) == 1:
                g = sigs[0]
                tz = company.zone(company.load(s).timezone or "Asia/Shanghai")
                params = {"code": signing.verification_code(g.signature_hash), "signer": g.signer_name,
                          "meaning": signing.MEANINGS.get(g.meaning, (g.meaning,))[0],
                          "at": fmt.when(g.signed_at, tz), "reason": g.voided_reason or ""}
                state = ("doc_sig_broken" if not signing.is_intact(g) else
                         "doc_sig_voided" if g.voided_at is not None else "doc_sig_valid")
                return checking.CodeCheck("current" if state == "doc_sig_valid" else "voided", query, "signature",
                                          load_release(s, g.release_id).number,
                                          signature=Refusal(state, "R-DOC-SIGN", params))
    return checking.judge_code(query, match, refs, lambda ref: _state(ctx, ref))


def archive_quietly(ctx: AppContext, number: str, kind: str) -> Archived | None:
    """Archive the final document right after the approval or closure it records
    (R-4.4.2-ARCHIVE). That act is already committed: a failure here must not look like its
    failure, so it is logged and the document stays archivable with `doc archive`."""
    import logging

    try:
        return archive_plan(ctx, number) if kind == "plan" else archive_report(ctx, number)
    except RelguiError as exc:
        logging.getLogger(__name__).warning("could not archive the %s of %s: %s", kind, number, exc)
        return None


def kpi_report(ctx: AppContext, quarter: str) -> bytes:
    """The quarterly 发布成功率 report (R-4.6-KPI) as .docx in the company's template, with its
    chart; the company's Chinese record whatever the UI language, as plans and reports are."""
    # lazy: matplotlib + numpy + PIL, ~650 ms, only for the KPI report
    from relgui.charts import dashboard as charts

    data = kpi.report_data(ctx, quarter)
    with reading(ctx) as s:  # the head the figures stand on, carried by the report (an anchor)
        seq, head = audit.head(s)
    data = {**data, "chain": {"seq": seq, "hash": head}}
    png = charts.png_bytes(charts.report_figure(data, "zh_CN"))
    try:
        return builder.render(data, png, company.template(ctx))
    except ValueError as exc:  # the company's template is no readable Word document
        raise InvalidInput(Refusal("doc_template_invalid", "R-DOC-FORM", {"detail": str(exc)[:200]})) from None
