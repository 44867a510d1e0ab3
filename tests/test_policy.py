"""The policy profile: loaded from the package, complete, and strict about mistakes."""

from __future__ import annotations

import importlib.resources

import pytest

from relgui.domain.states import Action, Status
from relgui.policy import PolicyError, current_profile, load_text


def _text() -> str:
    return importlib.resources.files("relgui.resources").joinpath("policy/XDYJ-06-01_v1.0.toml").read_text("utf-8")


def test_profile_ships_in_the_package_and_carries_its_version():
    p = current_profile()
    assert p.ref == "XDYJ-06-01@1.0"
    assert p.company == "北京新都远景网络技术有限公司"


def test_release_types_and_approvers_follow_table_4_1():
    """R-4.1-TYPES, R-4.1-APPROVER: emergency and major by the manager, normal by an engineer."""
    p = current_profile()
    assert {k: t.name for k, t in p.release_types.items()} == {
        "emergency": "紧急发布", "major": "重大发布", "normal": "一般发布"}
    assert {k: t.approver_role for k, t in p.release_types.items()} == {
        "emergency": "manager", "major": "manager", "normal": "engineer"}
    assert "SLA" in p.release_types["emergency"].definition
    assert p.four_eyes is True


def test_stages_follow_table_4_2():
    """R-4.2.2-STAGES: five stages with their responsible roles."""
    p = current_profile()
    assert [(s.name, s.responsible) for s in p.stages] == [
        ("发布受理", "engineer"), ("制定发布计划", "engineer"), ("组织实施发布", "engineer"),
        ("更新配置信息", "engineer"), ("发布关闭", "manager")]
    assert set(p.statuses) == {s.value for s in Status}
    assert set(p.actions) == {a.value for a in Action}


def test_plan_sections_cover_4_2_2_and_3_2():
    """R-4.2.2-SECTIONS, R-3.2-PLAN, R-4.2.1-*: every required part of the 发布计划."""
    names = [s.name for s in current_profile().plan_sections if s.required]
    for required in ("发布目的", "影响范围", "参与方职责", "风险应对措施", "配置基线", "部署后工作计划",
                     "时间安排与资源分配", "实施步骤", "回退措施", "关联性评估", "资源评估", "风险评估"):
        assert required in names


def test_checklists_triggers_deadlines_and_kpi_are_the_policys():
    p = current_profile()
    assert [i.name for i in p.checklists["precheck"].items] == ["环境检查", "备份验证", "回退测试", "应急预案"]
    assert [i.name for i in p.checklists["monitoring"].items] == ["进度监控", "性能监控", "日志监控", "用户反馈"]
    assert [i.name for i in p.checklists["verification"].items] == ["功能验证", "性能验证", "业务验证", "用户验收"]
    assert [i.name for i in p.checklists["config_update"].items] == ["CMDB更新", "文档归档", "知识更新"]
    assert [t.name for t in p.triggers] == ["关键功能无法正常使用", "系统性能严重下降超出阈值",
                                            "出现数据不一致或丢失", "用户投诉集中且影响业务"]
    assert p.deadlines.cmdb_update_hours == 24 and p.deadlines.rollback_decision_minutes == 30
    assert p.kpi.target == 0.95 and p.kpi.success_outcomes == ("success",)


@pytest.mark.parametrize("old, new, key", [
    ('approver_role = "engineer"', 'approver_role = "boss"', "release_types[2].approver_role"),
    ('cmdb_update_hours = 24', 'cmdb_update_hours = "24"', "deadlines.cmdb_update_hours"),
    ('target = 0.95', 'target = 95', "kpi.target"),
    ('close = ["manager"]', 'close = ["president"]', "actions.close"),
    ('cancel = ["manager"]\n', '', "actions.cancel"),
    ('rollback_plan = true\n', '', "plan.sections"),
    ('responsible = "manager"', 'responsible = "ceo"', "stages[4].responsible"),
    ('four_eyes = true', 'four_eyes = true\nfour_eye = true', "approval.four_eye"),
    ('[kpi]\n', '[kpi]\nextra = 1\n', "kpi.extra"),
    ('kind = "datetime", required = true }', 'kind = "date", required = true }', "kind"),
    ('threshold_from = "rollback.performance_threshold"', 'threshold_from = "rollback.nope"',
     "rollback_triggers[1].threshold_from"),
])
def test_malformed_profile_fails_at_load_naming_the_key(old, new, key):
    text = _text()
    assert old in text
    with pytest.raises(PolicyError) as exc:
        load_text(text.replace(old, new, 1), "broken.toml")
    assert key in exc.value.key
    assert "broken.toml" in str(exc.value)


def test_syntax_error_is_a_policy_error():
    with pytest.raises(PolicyError) as exc:
        load_text("[profile\nid=", "bad.toml")
    assert exc.value.key == "<syntax>"
