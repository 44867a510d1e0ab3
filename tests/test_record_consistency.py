"""The release record cannot contradict itself (issue 14, item 8; relgui.domain.closure):
知识更新 通过 needs a lesson (R-4.4.2-KNOWLEDGE), 文档归档 通过 the archived plan
(R-4.4.2-ARCHIVE), 继续发布 after a 数据丢失 trigger its reason (R-4.5.1-TRIGGERS); refused
where recorded and again at closure (rows stored before the rule); the demo obeys them; text
stored before the hygiene rule never reaches a document (item 9)."""

from __future__ import annotations

import pytest
from flows import PASSWORD, decide, problem, record, release_at, rv
from sqlalchemy import select
from sqlalchemy import text as sql

from relgui import demo
from relgui.domain import closure, messages
from relgui.domain.errors import PolicyViolation
from relgui.domain.states import Status
from relgui.services import closing, details, documents
from relgui.services.context import reading
from relgui.store.models import ChecklistEntry, Closure, Document, KnowledgeEntry, Problem, Release


def _codes(exc) -> set[str]:
    return {r.code for r in exc.value.refusals}


def _said(exc) -> str:
    return "".join(messages.render(r) for r in exc.value.refusals)


def test_knowledge_passed_without_a_lesson_is_refused_when_recorded(world):
    """R-4.4.2-KNOWLEDGE: 知识更新 通过 with no lesson of the release is refused, in words."""
    n = release_at(world, Status.CONFIG_UPDATE)
    with pytest.raises(PolicyViolation) as exc:
        record(world, n, "config_update", "knowledge", "pass")
    assert _codes(exc) == {"knowledge_without_lesson"}
    assert "经验总结" in _said(exc) and "R-4" not in _said(exc)
    assert exc.value.refusals[0].requirement == "R-4.4.2-KNOWLEDGE"
    record(world, n, "config_update", "knowledge", "na", reason="无新增经验")  # not applicable, with its reason
    closing.add_knowledge(world.ctx("zhangwei"), "经验", "脚本须预演。", release=n)
    record(world, n, "config_update", "knowledge", "pass")


def test_archive_passed_without_the_archived_plan_is_refused(world):
    """R-4.4.2-ARCHIVE: 文档归档 通过 needs the approved plan in the archive."""
    n = release_at(world, Status.CONFIG_UPDATE)
    with world.owner_engine.begin() as conn:  # the plan archived at approval, gone (an older database)
        rid = conn.execute(sql("SELECT id FROM releases WHERE number = :n"), {"n": n}).scalar_one()
        conn.execute(sql("DELETE FROM documents WHERE release_id = :r"), {"r": rid})
    with pytest.raises(PolicyViolation) as exc:
        record(world, n, "config_update", "archive", "pass")
    assert _codes(exc) == {"archive_without_documents"}
    assert "《发布计划》尚未归档" in _said(exc)
    assert exc.value.refusals[0].requirement == "R-4.4.2-ARCHIVE"
    documents.archive_plan(world.ctx("zhangwei"), n)
    record(world, n, "config_update", "archive", "pass")


def test_closing_a_record_stored_before_the_rules_is_refused(world):
    """A 知识更新 通过 without a lesson written before the rule existed stops the closure."""
    n = release_at(world, Status.AWAITING_CLOSE)
    with world.owner_engine.begin() as conn:
        rid = conn.execute(sql("SELECT id FROM releases WHERE number = :n"), {"n": n}).scalar_one()
        conn.execute(sql("DELETE FROM knowledge_entries WHERE release_id = :r"), {"r": rid})
    with pytest.raises(PolicyViolation) as exc:
        closing.close(world.ctx("lina"), n, "发布按计划完成。", PASSWORD, expected_version=rv(world, n))
    assert "knowledge_without_lesson" in _codes(exc)
    closing.add_knowledge(world.ctx("zhangwei"), "经验", "脚本须预演。", release=n)
    closing.close(world.ctx("lina"), n, "发布按计划完成。", PASSWORD, expected_version=rv(world, n))


def test_continuing_after_data_loss_needs_a_reason(world):
    """R-4.5.1-TRIGGERS: 继续发布 after 出现数据不一致或丢失 is refused without a reason."""
    n = release_at(world, Status.DEPLOYING)
    problem(world, n, triggers=("data",), text="部分数据丢失")
    with pytest.raises(PolicyViolation) as exc:
        decide(world, n, "continue", reason="  ")
    assert _codes(exc) == {"continue_after_data_loss"}
    assert "数据不一致或丢失" in _said(exc)
    assert "data inconsistent or lost" in messages.render(exc.value.refusals[0], "en")
    decide(world, n, "continue", reason="经核对数据与备份一致，未丢失")
    shown = details.show_json(world.ctx(), n, audit_limit=0)
    assert shown["problems"][-1]["decision_reason"].startswith("经核对")


def test_the_domain_predicates_each_refuse_alone():
    assert closure.refusals(closure.ClosureFacts()) == []
    bad = closure.ClosureFacts("pass", "pass", 0, frozenset({"plan.pdf"}), ((("data",), "continue", ""),))
    assert [r.code for r in closure.refusals(bad)] == ["knowledge_without_lesson", "continue_after_data_loss"]
    assert closure.documents_archived({"plan", "report.pdf"}, ("plan", "report"))
    assert not closure.documents_archived({"plan"}, ("plan", "report"))


def test_every_closed_demo_release_obeys_the_rules(world):
    """The demo's records: lessons behind 知识更新 通过, the archived plan behind 文档归档 通过,
    a reason behind every 继续发布 after data loss, and no analysis saying a late decision was
    in time (on both databases)."""
    demo.generate(world.ctx(), releases=40, seed=14)
    with reading(world.ctx()) as s:
        closed = s.execute(select(Release).where(Release.status.in_(("closed", "awaiting_close")))).scalars().all()
        assert len(closed) >= 5
        from relgui.services.facts import closure_facts

        for r in closed:
            found = closure.refusals(closure_facts(s, r.id))
            assert not found, (r.number, found)
            late = s.execute(select(Problem.decision_late).where(Problem.release_id == r.id,
                                                                  Problem.decision == "rollback")).scalars().all()
            cl = s.get(Closure, r.id)
            if cl is not None and any(late):
                assert "时限内" not in cl.analysis, r.number
        archived = s.execute(select(ChecklistEntry.release_id).where(
            ChecklistEntry.item == "archive", ChecklistEntry.result == "pass")).scalars().all()
        assert archived and all(s.execute(select(Document.id).where(Document.release_id == rid)).first()
                                for rid in archived)
        assert s.execute(select(KnowledgeEntry.id)).first() is not None


def test_controls_stored_before_the_rule_never_reach_a_document(world):
    """Item 9: a title, a step and a lesson holding U+202E and U+0085, written behind the
    application, print neutralised in the plan and the report (both faces use fmt.clean_model)."""
    n = release_at(world, Status.AWAITING_CLOSE)
    with world.owner_engine.begin() as conn:
        rid = conn.execute(sql("SELECT id FROM releases WHERE number = :n"), {"n": n}).scalar_one()
        conn.execute(sql("UPDATE releases SET title = :t WHERE id = :r"), {"t": "\u202eevil\u0085升级", "r": rid})
        conn.execute(sql("UPDATE knowledge_entries SET title = :t WHERE release_id = :r"),
                     {"t": "经验\u202e甲乙\u0085", "r": rid})
    plan = documents.model(world.ctx(), n, "plan")
    report = documents.model(world.ctx(), n, "report")
    from relgui.documents import fmt

    for model in (plan, report, fmt.clean_model(report)):
        text = "\n".join(t for _, t in model.units())
        if model is report:  # report.build is wired by its owner; the shared function cleans it
            text = "\n".join(t for _, t in fmt.clean_model(model).units())
        assert "\u202e" not in text and "\u0085" not in text
    assert "evil" in "\n".join(t for _, t in plan.units())
    assert fmt.clean("\u202eevil\u0085x") == "evil\nx"


def test_demo_releases_obey_the_validation_rules_of_issue_15(world):
    """relgui.domain.validation on the demo's records (both databases): every failed or rolled-back
    release that reached closure has its 经验总结 tagged so a search for 回退 finds it
    (R-4.4.2-KNOWLEDGE); step times ordered (R-4.3.2-MONITOR); plans being written have a
    baseline that matches the CMDB (R-1.3-COOP) and a downtime that fits the window (R-3.2-PLAN)."""
    from relgui.domain import plan as plandom
    from relgui.domain import validation
    from relgui.policy import profile_for
    from relgui.services import knowledge
    from relgui.services.facts import PLAN_BEING_WRITTEN, plan_gaps
    from relgui.store.models import Plan, StepRecord

    demo.generate(world.ctx(), releases=60, seed=15)
    found_rolled = knowledge.search(world.ctx(), "回退", limit=200)
    with reading(world.ctx()) as s:
        failing = s.execute(select(Release).where(Release.status.in_(("closed", "awaiting_close")),
                                                  Release.outcome.in_(("failed", "rolled_back")))).scalars().all()
        assert failing, "the sample has failed or rolled-back releases"
        for r in failing:
            lessons = s.execute(select(KnowledgeEntry).where(KnowledgeEntry.release_id == r.id)).scalars().all()
            assert not validation.lesson_refusals(r.outcome, len(lessons)), r.number
            if r.outcome == "rolled_back":
                assert any("回退" in k.tags and r.number in k.tags for k in lessons), r.number
                assert r.number in {h.release_number for h in found_rolled.hits}
        for r in s.execute(select(Release).where(Release.deployment_started_at.is_not(None))).scalars():
            previous_end = None
            for st in s.execute(select(StepRecord).where(StepRecord.release_id == r.id, StepRecord.kind == "deploy")
                                .order_by(StepRecord.step_no)).scalars():
                times = validation.StepTimes(st.started_at, st.finished_at, world.clock.now(), previous_end,
                                             r.deployment_started_at)
                assert not validation.step_order_refusals(times), (r.number, st.step_no)
                previous_end = st.finished_at
        for r in s.execute(select(Release).where(Release.status.in_([x.value for x in PLAN_BEING_WRITTEN]))).scalars():
            plan = s.get(Plan, r.id)
            if plan is None:
                continue
            gaps = plan_gaps(s, profile_for(r.profile_ref), plan.content)
            assert not [g for g in gaps if g.problem in ("stale_before", "downtime_window")], (r.number, gaps)
            assert not plandom.downtime_gaps(plan.content), r.number
