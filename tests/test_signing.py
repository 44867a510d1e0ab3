"""Plan submission, signed approval and its voiding (R-DOC-SIGN, R-4.1-*), on both databases."""

from __future__ import annotations

import pytest
from flows import PASSWORD, approved_change, full_plan, release_at, rv, section_version, write_plan
from sqlalchemy import select

from relgui.domain import messages
from relgui.domain.errors import AuthError, PolicyViolation
from relgui.domain.states import Status
from relgui.services import details, plans, releases
from relgui.store.models import AuditEvent


def _audit_actions(world, number):
    return [e["action"] for e in details.show_json(world.ctx(), number)["audit"]]


def test_submit_refused_listing_every_gap(world):
    """R-4.2.2-SECTIONS: the app says which section is missing."""
    eng = world.ctx("zhangwei")
    n = releases.create(eng, title="t", type="normal", change_numbers=[approved_change(world)]).number
    releases.accept(eng, n, expected_version=rv(world, n))
    content = full_plan(world)
    del content["purpose"], content["rollback"]
    write_plan(world, n, content=content)
    with pytest.raises(PolicyViolation) as exc:
        plans.submit(eng, n, expected_version=rv(world, n))
    sections = {r.params["section"] for r in exc.value.refusals}
    assert sections == {"purpose", "rollback"}
    assert "R-1.3-RELIABLE" in exc.value.requirements
    msg = exc.value.message("zh_CN", None)
    assert "发布目的" in msg or "purpose" in msg


def test_baseline_version_must_come_from_the_definitive_library(world):
    """R-3.3-DSL and R-1.3-COOP: unknown configuration items or unapproved versions are gaps."""
    eng = world.ctx("zhangwei")
    n = release_at(world, Status.PLANNING)
    plans.save_section(eng, n, "baseline", {"items": [
        {"ci": "核心交易系统-应用服务器", "before": "1.0.0", "after": "9.9.9-rc"},
        {"ci": "不存在的系统", "before": "1", "after": "7.7.7"}]}, base_version=section_version(world, n, "baseline"))
    gaps = plans.get(eng, n).gaps
    assert {(g.row, g.detail) for g in gaps} == {(1, "dsl_not_approved"), (2, "ci_unknown"), (2, "dsl_unknown")}
    with pytest.raises(PolicyViolation):
        plans.submit(eng, n, expected_version=rv(world, n))


@pytest.mark.parametrize("type_, approver, code", [("major", "wangfang", "wrong_role"), ("normal", "zhangwei", "own_plan"),
                                                   ("normal", "auditor", "wrong_role")])
def test_approval_refused_for_wrong_role_or_author_and_audited(world, type_, approver, code):
    """R-4.1-APPROVER, R-4.1-FOUR-EYES: refused, told why, audited."""
    n = release_at(world, Status.PLAN_SUBMITTED, type_=type_, author="zhangwei")
    with pytest.raises(PolicyViolation) as exc:
        plans.approve(world.ctx(approver), n, 1, PASSWORD, expected_version=rv(world, n))
    assert code in [r.code for r in exc.value.refusals]
    assert details.show_json(world.ctx(), n)["status"] == "plan_submitted"
    with world.db.read() as s:
        refused = s.execute(select(AuditEvent).where(AuditEvent.action == "refused.approve_plan")).scalars().all()
    assert refused and refused[-1].actor_name == world.actor(approver).display_name


def test_wrong_password_signs_nothing_and_is_audited(world):
    n = release_at(world, Status.PLAN_SUBMITTED, type_="major")
    with pytest.raises(AuthError) as exc:
        plans.approve(world.ctx("lina"), n, 1, "wrong-password", expected_version=rv(world, n))
    assert exc.value.refusals[0].code == "reauth_failed"
    data = details.show_json(world.ctx(), n)
    assert data["signatures"] == [] and data["status"] == "plan_submitted"
    with world.db.read() as s:
        assert s.execute(select(AuditEvent).where(AuditEvent.action == "auth.reauth_failed:approve_plan")).first()


def test_major_release_approved_by_manager_records_a_verifiable_signature(world):
    n = release_at(world, Status.PLAN_SUBMITTED, type_="major")
    sig = plans.approve(world.ctx("lina"), n, 1, PASSWORD, acknowledge_warnings=True, expected_version=rv(world, n))
    assert (sig.meaning, sig.signer_name, sig.signer_role) == ("approve", "李娜", "manager")
    assert sig.signed_at == world.clock.now()
    view = plans.get(world.ctx(), n)
    assert sig.content_hash == view.revisions[-1].content_hash
    assert view.approved_revision == 1 and sig.intact
    assert "signature.approve" in _audit_actions(world, n)


def test_edit_after_approval_voids_it_visibly_and_needs_a_new_one(world):
    n = release_at(world, Status.PRECHECKED)
    eng = world.ctx("zhangwei")
    plans.save_section(eng, n, "purpose", {"text": "修复缺陷并优化性能。"}, base_version=section_version(world, n, "purpose"))
    view = plans.get(eng, n)
    assert view.status == "planning" and view.approved_revision is None
    assert view.signatures[0].voided_at is not None
    why = view.signatures[0].voided_reason
    assert messages.void_reason(why) == "计划在提交或批准后被修改"
    assert messages.void_reason(why, "en") == "The plan was changed after it was submitted or approved"
    plans.submit(eng, n, "补充发布目的", expected_version=rv(world, n))
    assert plans.get(eng, n).revisions[-1].number == 2
    with pytest.raises(PolicyViolation):  # the old approval does not carry over
        from relgui.services import execution
        execution.start_deployment(eng, n, expected_version=rv(world, n))
    plans.approve(world.ctx("wangfang"), n, 2, PASSWORD, acknowledge_warnings=True, expected_version=rv(world, n))
    assert plans.compare(eng, n, 1, 2) == [("purpose.text", "修复已知缺陷。", "修复缺陷并优化性能。")]


def test_reject_needs_a_reason_and_returns_to_planning(world):
    from relgui.domain.errors import InvalidInput

    n = release_at(world, Status.PLAN_SUBMITTED, type_="normal")
    with pytest.raises(InvalidInput):
        plans.reject(world.ctx("wangfang"), n, 1, PASSWORD, "", expected_version=rv(world, n))
    sig = plans.reject(world.ctx("wangfang"), n, 1, PASSWORD, "回退步骤不完整", expected_version=rv(world, n))
    assert sig.meaning == "reject" and sig.reason == "回退步骤不完整"
    assert details.show_json(world.ctx(), n)["status"] == "planning"


def test_approving_a_revision_other_than_the_latest_is_refused(world):
    n = release_at(world, Status.PLAN_SUBMITTED)
    with pytest.raises(PolicyViolation) as exc:
        plans.approve(world.ctx("wangfang"), n, 7, PASSWORD, expected_version=rv(world, n))
    assert exc.value.refusals[0].code == "revision_changed"


def test_conflicting_release_and_freeze_need_acknowledgement(world):
    """Another release on the same configuration item in an overlapping window, or a freeze."""
    from relgui.services import company

    a = release_at(world, Status.PLAN_SUBMITTED, type_="major")
    b = release_at(world, Status.PLAN_SUBMITTED, type_="major")
    start = world.clock.now()
    company.add_freeze(world.ctx("admin"), start, start.replace(year=2027), "年终封网")
    warnings = plans.get(world.ctx(), b).warnings
    assert {w.kind for w in warnings} == {"conflict", "freeze"}
    assert any(a in w.detail for w in warnings)
    with pytest.raises(PolicyViolation) as exc:
        plans.approve(world.ctx("lina"), b, 1, PASSWORD, expected_version=rv(world, b))
    assert exc.value.refusals[0].code == "warnings_unacknowledged"
    plans.approve(world.ctx("lina"), b, 1, PASSWORD, acknowledge_warnings=True, expected_version=rv(world, b))


def test_altered_revision_invalidates_the_approval(world):
    """A frozen revision edited behind the app no longer matches its signature."""
    from sqlalchemy import update

    from relgui.services import execution
    from relgui.store.models import PlanRevision

    n = release_at(world, Status.PRECHECKED)
    with world.owner_engine.begin() as conn:
        conn.execute(update(PlanRevision).values(content={"purpose": {"text": "篡改"}}))
    with pytest.raises(PolicyViolation) as exc:
        execution.start_deployment(world.ctx("zhangwei"), n, expected_version=rv(world, n))
    assert exc.value.refusals[0].code == "approval_broken"  # said as such, not as "not approved"


def test_void_reasons_of_older_records_are_translated_too():
    """Records written before the reason was a code hold the Chinese sentence itself."""
    assert messages.void_reason("计划在提交或批准后被修改", "en").startswith("The plan was changed")
    assert messages.void_reason("其他原因", "en") == "其他原因" and messages.void_reason(None) == ""
