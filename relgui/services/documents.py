"""Documents of a release: generate, archive and verify the 发布计划 and the 发布变更报告.

R-DOC-PLAN / R-DOC-REPORT (generate), R-DOC-FORM (the company's template), R-4.4.2-ARCHIVE
(the final document's bytes and SHA-256 kept with the release, what "open" and "print" use
later), R-DOC-SIGN (verification codes; ``verify`` compares a file with the database).
python-docx is imported only inside the functions that render: the services stay light.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from relgui.documents import fmt
from relgui.documents.form import Source
from relgui.documents.model import DocModel
from relgui.domain.errors import RelguiError, InvalidInput, NotFound, PolicyViolation, Refusal
from relgui.domain.states import Role
from relgui.domain.text import clean, starts_with
from relgui.domain.timeutil import iso
from relgui.policy import profile_for
from relgui.services import company, details
from relgui.services.context import AppContext, reading, unit_of_work
from relgui.services.facts import approval_of, load_release
from relgui.store.models import Closure, Document, PlanRevision, Signature, User

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
           as_of: str | None = None) -> Source:
    """Everything a document of ``kind`` is built from, read in one go."""
    data = details.show(ctx, number, audit_limit=0)
    with reading(ctx) as s:
        settings = company.load(s)
        revs = _revisions(s, data["id"], data["signatures"])
    if revision is not None:
        chosen = next((r for r in revs if r["number"] == revision), None)
        if chosen is None:
            raise NotFound.of("revision", f"{data['number']} V{revision}")
    elif kind == "report":  # the report compares with the plan that was approved
        chosen = next((r for r in reversed(revs) if r["approved"]), revs[-1] if revs else None)
    else:
        chosen = revs[-1] if revs else None
    listed = tuple(r for r in revs if chosen and r["number"] <= chosen["number"])
    return Source(data, profile_for(data["profile"]), settings.company_name, settings.department,
                  company.zone(settings.timezone or "Asia/Shanghai"), chosen, listed,
                  as_of or iso(ctx.clock.now()))


def build(src: Source, kind: str) -> DocModel:
    from relgui.documents import plan, report

    return (plan if check_kind(kind) == "plan" else report).build(src)


def model(ctx: AppContext, number: str, kind: str, *, revision: int | None = None,
          as_of: str | None = None) -> DocModel:
    return build(source(ctx, number, check_kind(kind), revision=revision, as_of=as_of), kind)


def render(ctx: AppContext, doc: DocModel) -> Generated:
    """The model as .docx in the company's template (R-DOC-FORM)."""
    from relgui.documents import docx_writer

    try:
        content = docx_writer.render(doc, company.template(ctx))
    except ValueError as exc:  # the template is no readable Word document
        raise InvalidInput(Refusal("doc_template_invalid", "R-DOC-FORM", {"detail": str(exc)[:200]})) from None
    return Generated(doc.kind, doc.number, fmt.safe_filename(doc.number, doc.title, KINDS[doc.kind]),
                     content, hashlib.sha256(content).hexdigest(), doc)


def generate(ctx: AppContext, number: str, kind: str, *, revision: int | None = None) -> Generated:
    """A fresh document from the current data (a draft until approval or closure)."""
    return render(ctx, model(ctx, number, kind, revision=revision))


def check_template(content: bytes) -> None:
    """Refuse a company template that cannot produce a document (call before company.set_template)."""
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
                    names.get(d.created_by_id, ""), d.content)


def _find(s, release_id: int, kind: str, revision_no: int | None) -> Document | None:
    stmt = select(Document).where(Document.release_id == release_id, Document.kind == kind)
    if kind == "plan":
        stmt = stmt.where(Document.revision_no == revision_no)
    return s.execute(stmt.order_by(Document.id.desc()).limit(1)).scalar_one_or_none()


def _archive(ctx: AppContext, number: str, kind: str, revision_no: int | None, make) -> Archived:
    """Store the final document once (R-4.4.2-ARCHIVE); calling again returns the stored one."""
    _may_archive(ctx)
    with reading(ctx) as s:
        release = load_release(s, number)
        found = _find(s, release.id, kind, revision_no)
        if found is not None:
            return _view(found, release.number, dict(s.execute(select(User.id, User.display_name)).all()))
    made: Generated = make()  # rendered outside the write transaction: it takes a while
    with unit_of_work(ctx) as w:
        _may_archive(ctx)  # the rights as the unit of work read them
        release = load_release(w.s, number, lock=True)
        names = dict(w.s.execute(select(User.id, User.display_name)).all())
        found = _find(w.s, release.id, kind, revision_no)
        if found is not None:  # archived meanwhile by another workstation
            return _view(found, release.number, names)
        doc = Document(release_id=release.id, kind=kind, filename=made.filename, sha256=made.sha256,
                       content=made.content, revision_no=revision_no, created_by_id=ctx.actor.user_id,
                       created_at=w.now)
        w.s.add(doc)
        w.s.flush()
        w.audit("document.archive", "document", doc.id, release_id=release.id, kind=kind,
                filename=made.filename, sha256=made.sha256, revision=revision_no, size=len(made.content))
        return _view(doc, release.number, names)


def archive_plan(ctx: AppContext, number: str) -> Archived:
    """Archive the approved 发布计划 (call after plans.approve). Idempotent per revision."""
    with reading(ctx) as s:
        release = load_release(s, number)
        rev = s.execute(select(PlanRevision).where(PlanRevision.release_id == release.id)
                        .order_by(PlanRevision.number.desc()).limit(1)).scalar_one_or_none()
        if approval_of(s, rev) is None:
            raise PolicyViolation(Refusal("doc_plan_not_approved", "R-4.4.2-ARCHIVE"))
        rev_no = rev.number
    return _archive(ctx, number, "plan", rev_no, lambda: generate(ctx, number, "plan", revision=rev_no))


def archive_report(ctx: AppContext, number: str) -> Archived:
    """Archive the 发布变更报告 of a closed release (call after closing.close). Idempotent."""
    with reading(ctx) as s:
        release = load_release(s, number)
        if s.get(Closure, release.id) is None:
            raise PolicyViolation(Refusal("doc_not_closed", "R-4.4.2-ARCHIVE"))
    return _archive(ctx, number, "report", None, lambda: generate(ctx, number, "report"))


def archived(ctx: AppContext, number: str, kind: str) -> Archived | None:
    """The latest archived document of ``kind``: what "open" and "print" use (byte-identical)."""
    check_kind(kind)
    with reading(ctx) as s:
        release = load_release(s, number)
        d = s.execute(select(Document).where(Document.release_id == release.id, Document.kind == kind)
                      .order_by(Document.id.desc()).limit(1)).scalar_one_or_none()
        if d is None:
            return None
        return _view(d, release.number, dict(s.execute(select(User.id, User.display_name)).all()))


def open_model(ctx: AppContext, number: str, kind: str) -> DocModel:
    """What to preview or print through Qt: the archived document's own model when there is
    one (its text exactly), else a fresh model from the current data."""
    from relgui.documents import package

    stored = archived(ctx, number, kind)
    if stored is not None:
        text = package.embedded_model(stored.content)
        if text:
            return DocModel.from_json(text)
    return model(ctx, number, kind)


def verify(ctx: AppContext, data: bytes):
    """Compare a .docx made by relgui with the database: which parts differ, whether each
    printed signature still holds (R-DOC-SIGN), whether it is the archived file itself."""
    from relgui.documents import package
    from relgui.documents import verify as checking

    try:
        props = package.properties(data)
    except Exception as exc:  # noqa: BLE001 - not a zip, not XML: the file is unreadable
        raise InvalidInput(Refusal("doc_unreadable", params={"detail": f"{type(exc).__name__}"})) from None
    if props.get("kind") not in KINDS or not props.get("number"):
        raise InvalidInput(Refusal("doc_not_generated", "R-DOC-SIGN"))
    kind, number = props["kind"], props["number"]
    revision = int(props["revision"]) if props.get("revision", "").isdigit() else None
    src = source(ctx, number, kind, revision=revision, as_of=props.get("as_of") or None)
    expected = build(src, kind)
    with reading(ctx) as s:
        shas = set(s.execute(select(Document.sha256).where(Document.release_id == src.release["id"],
                                                           Document.kind == kind)).scalars())
    try:
        return checking.check(expected, src, data, shas)
    except ValueError as exc:
        raise InvalidInput(Refusal("doc_unreadable", params={"detail": str(exc)[:200]})) from None


def check_code(ctx: AppContext, code: str) -> tuple[str, Refusal]:
    """The signature a printed verification code stands for (R-DOC-SIGN): a paper copy can be
    checked without its file. Returns the release number and the signature's state."""
    import re

    from relgui.services import signing
    from relgui.store.models import Release

    digits = re.sub(r"[\s-]", "", str(code)).lower()
    if not re.fullmatch(r"[0-9a-f]{12}", digits):
        raise InvalidInput(Refusal("doc_bad_code", params={"value": str(code)[:40]}))
    with reading(ctx) as s:
        found = s.execute(select(Signature).where(Signature.signature_hash.like(*starts_with(digits)))).scalars().all()
        if len(found) != 1:  # none, or (never seen with 48 bits) more than one
            raise NotFound(Refusal("doc_code_unknown", params={"value": str(code)[:40]}))
        g = found[0]
        number = s.get(Release, g.release_id).number
        tz = company.zone(company.load(s).timezone or "Asia/Shanghai")
        params = {"code": signing.verification_code(g.signature_hash), "signer": g.signer_name,
                  "meaning": signing.MEANINGS.get(g.meaning, (g.meaning,))[0], "at": fmt.when(g.signed_at, tz),
                  "reason": g.voided_reason or ""}
        state = ("doc_sig_broken" if not signing.is_intact(g) else
                 "doc_sig_voided" if g.voided_at is not None else "doc_sig_valid")
    return number, Refusal(state, "R-DOC-SIGN", params)


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
    from relgui.charts import dashboard as charts
    from relgui.documents import kpi_report as builder
    from relgui.services import kpi

    data = kpi.report_data(ctx, quarter)
    png = charts.png_bytes(charts.report_figure(data, "zh_CN"))
    try:
        return builder.render(data, png, company.template(ctx))
    except ValueError as exc:  # the company's template is no readable Word document
        raise InvalidInput(Refusal("doc_template_invalid", "R-DOC-FORM", {"detail": str(exc)[:200]})) from None
