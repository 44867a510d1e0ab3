"""The demo's closed releases are closed as a real closure leaves them (issue 14 items 5 and 8,
R-4.2.2-CLOSE, R-DOC-SIGN, R-4.4.2-ARCHIVE): each has its final 发布变更报告 archived, covered
by the manager's closing signature, and that signature is what the KPI counts on."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from relgui.domain.sealing import sealed_digest
from relgui.domain.states import Status
from relgui.services import auditing, documents, kpi
from relgui.services.facts import closure_state, load_release
from relgui.store.models import AuditEvent, Closure, Release, Signature


@pytest.fixture
def demoed(world, with_demo):
    with_demo(world, 150, 11)  # the same data test_demo uses: generated once per backend
    return world


def _closed(world) -> list:
    with world.db.read() as s:
        return s.execute(select(Release.number, Release.closed_at).where(Release.status == Status.CLOSED.value)
                         .order_by(Release.id)).all()


def test_every_demo_closure_is_sealed_with_its_archived_report(demoed):
    closed = _closed(demoed)
    assert len(closed) > 50
    auditor = demoed.ctx("auditor")
    for number, _ in closed:
        state = documents.closure_state(auditor, number)
        assert state.code == "closure_sealed", (number, state)
    with demoed.db.read() as s:
        for number, _ in closed:  # the KPI's own test: the closure verifies, with its report
            release = load_release(s, number)
            assert closure_state(s, release)[2] is False, number
    # and so every closed release counts towards its quarter's 发布成功率: none listed as broken
    rates = kpi.success_rates(auditor, "2025Q1", "2026Q4")
    assert all(rate.closure_broken == () for rate in rates)
    assert sum(r.overall.total for r in rates) == len(closed)


def test_a_demo_report_verifies_as_archived_and_signed_at_its_closure(demoed):
    number, closed_at = _closed(demoed)[0]
    ctx = demoed.ctx("auditor")
    stored = documents.archived(ctx, number, "report")
    assert stored is not None and stored.revision_no == 1
    model = documents.model_of(stored)
    assert model.version == "V1" and model.doc_number == f"{number}-BG"
    result = documents.verify(ctx, stored.content)
    assert result.verdict == "identical", result.describe()
    # `doc report` gives the archived version, and a fresh rendering says the same: nothing stale
    state = documents.report_state(ctx, number)
    assert state.version == "V1" and not state.stale
    with demoed.db.read() as s:
        release = load_release(s, number)
        closure = s.get(Closure, release.id)
        sig = s.get(Signature, closure.signature_id)
        assert sig.meaning == "close" and sig.signer_role == "manager"
        assert sig.content_hash == sealed_digest(number, closure.outcome, closure.analysis, model.signed_digest())
        # signed and archived at the closure's own time, in the closing manager's name
        assert sig.signed_at == closure.closed_at == closed_at
        assert sig.signer_id == closure.closed_by_id
        recorded = s.execute(select(AuditEvent.detail).where(
            AuditEvent.action == "signature.close", AuditEvent.entity_key == str(sig.id))).scalar_one()
        assert recorded["report_sha256"] == model.signed_digest()
    assert any("已关闭" in t for k, t in model.units() if k == "stages")


def test_the_demo_database_audit_trail_stays_intact(demoed):
    chain, records = auditing.verify_all(demoed.ctx("auditor"), limit=10 ** 6, workers=0)
    assert chain.ok, chain
    assert records is not None and records.findings == [], records.findings[:5]
