"""Archiving final documents with the release (R-4.4.2-ARCHIVE): bytes, SHA-256, once."""

from __future__ import annotations

import hashlib

import pytest
from flows import PASSWORD, company_v, release_at, rv, write_plan
from sqlalchemy import func, select

from relgui.documents import package
from relgui.domain.errors import PolicyViolation
from relgui.domain.states import Status
from relgui.services import documents, plans
from relgui.store.models import AuditEvent, Document


def _archive_events(world) -> int:
    with world.db.read() as s:
        return s.execute(select(func.count()).select_from(AuditEvent)
                         .where(AuditEvent.action == "document.archive")).scalar_one()


def test_archive_plan_at_approval_is_idempotent_and_audited(world):
    """R-4.4.2-ARCHIVE: stored once with its SHA-256; calling again returns the same row."""
    number = release_at(world, Status.PLAN_APPROVED, type_="major")
    first = documents.archive_plan(world.ctx("lina"), number)
    again = documents.archive_plan(world.ctx("zhangwei"), number)
    assert again.id == first.id and again.content == first.content
    assert first.sha256 == hashlib.sha256(first.content).hexdigest() and first.revision_no == 1
    assert first.filename == f"{number} 核心交易系统升级 发布计划.docx" and first.created_by == "李娜"
    assert _archive_events(world) == 1
    with world.db.read() as s:  # the .docx and, from the same model, its PDF face
        kinds = s.execute(select(Document.kind, func.count()).group_by(Document.kind)).all()
        assert dict(kinds) == {"plan": 1, "plan.pdf": 1}


def test_reprint_from_the_archive_is_byte_identical(world):
    """R-4.4.2-ARCHIVE: "open" and "print" use the archived bytes, whatever changed since."""
    number = release_at(world, Status.CLOSED)
    stored = documents.archive_report(world.ctx("lina"), number)
    from relgui.services import company

    company.save(world.ctx("admin"), company_name="新公司名称", department="运维部", number_pattern="FB-{year}-{seq:04d}",
                 expected_version=company_v(world))
    later = documents.archived(world.ctx("auditor"), number, "report")
    assert later.content == stored.content and hashlib.sha256(later.content).hexdigest() == stored.sha256
    assert documents.generate(world.ctx("lina"), number, "report").content != stored.content  # the data moved on
    model = documents.open_model(world.ctx("auditor"), number, "report")
    assert model.company == "北京新都远景网络技术有限公司"  # the archived document's own text


def test_rendering_is_deterministic(sqlite_world):
    """Same data, same bytes: the archive's SHA-256 identifies the document, not the moment."""
    number = release_at(sqlite_world, Status.PLAN_APPROVED)
    a = documents.generate(sqlite_world.ctx("zhangwei"), number, "plan")
    sqlite_world.clock.advance(hours=5)
    b = documents.generate(sqlite_world.ctx("wangfang"), number, "plan")
    assert a.content == b.content and a.sha256 == b.sha256
    names = [n for n, _ in package.read(a.content)]
    assert names[0] == "[Content_Types].xml" and "docProps/custom.xml" in names


def test_archive_refuses_unapproved_plans_unclosed_reports_and_auditors(sqlite_world):
    """R-4.4.2-ARCHIVE: only final documents are archived, by those who run releases."""
    w = sqlite_world
    number = release_at(w, Status.PLAN_SUBMITTED)
    with pytest.raises(PolicyViolation) as exc:
        documents.archive_plan(w.ctx("zhangwei"), number)
    assert exc.value.refusals[0].code == "doc_plan_not_approved"
    with pytest.raises(PolicyViolation) as exc:
        documents.archive_report(w.ctx("lina"), number)
    assert exc.value.refusals[0].code == "doc_not_closed"
    approved = release_at(w, Status.PLAN_APPROVED)
    with pytest.raises(PolicyViolation) as exc:
        documents.archive_plan(w.ctx("auditor"), approved)
    assert exc.value.refusals[0].code == "doc_archive_role"
    assert documents.archive_plan(w.ctx(), approved).revision_no == 1  # the system (CLI, hooks) may


def test_a_new_approved_revision_gets_its_own_archive(sqlite_world):
    """R-4.4.2-ARCHIVE with R-DOC-SIGN: an edit after approval voids it; the re-approved V2 is
    archived beside V1, which stays as it was."""
    w = sqlite_world
    number = release_at(w, Status.PLAN_APPROVED)
    v1 = documents.archive_plan(w.ctx("zhangwei"), number)
    content = {"purpose": {"text": "修复已知缺陷，并调整参数。"}}
    write_plan(w, number, content=content)
    with pytest.raises(PolicyViolation):
        documents.archive_plan(w.ctx("zhangwei"), number)  # voided: nothing approved to archive
    plans.submit(w.ctx("zhangwei"), number, expected_version=rv(w, number))
    plans.approve(w.ctx("wangfang"), number, 2, PASSWORD, acknowledge_warnings=True, expected_version=rv(w, number))
    v2 = documents.archive_plan(w.ctx("zhangwei"), number)
    assert (v1.revision_no, v2.revision_no) == (1, 2) and v1.sha256 != v2.sha256
    assert documents.archived(w.ctx(), number, "plan").id == v2.id
    with w.db.read() as s:
        assert s.get(Document, v1.id).sha256 == v1.sha256
