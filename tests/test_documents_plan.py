"""The 发布计划 as .docx, reopened with python-docx: headings, tables, values, signatures."""

from __future__ import annotations

from flows import release_at
from test_documents_support import headings, kv, open_docx, tables, units

from relgui.domain.states import Status
from relgui.policy import current_profile
from relgui.services import documents


def test_plan_has_the_company_form_and_every_profile_section_in_order(world):
    """R-DOC-PLAN, R-DOC-FORM: header block as in the policy file, 修订记录, contents, then the
    profile's pages and sections in the profile's order, then the approval block."""
    number = release_at(world, Status.PLAN_APPROVED, type_="major")
    made = documents.generate(world.ctx("lina"), number, "plan")
    p = current_profile()
    found = headings(made.content)
    want = ["发布概况"]
    for page in p.plan_pages:
        want.append(page.name)
        want += [s.name for s in p.plan_sections if s.page == page.key]
    want.append("审批签署")
    assert [t.split(" ", 1)[1] for _, t in found] == want
    assert found[0] == (1, "1. 发布概况") and found[2] == (2, "2.1. 关联性评估")  # numbered as the policy is
    head = kv(made.content)
    assert head["文件编号"] == f"{number}-JH" and head["版本"] == "V1" and head["编制部门"] == "运维管理部"
    assert head["编制人"] == "张伟" and head["审核"] == "张伟"  # the audit trail: who wrote, who submitted
    assert head["批准人"] == "李娜" and head["编制时间"] == "2026.11.27" and head["审批时间"] == "2026.11.27"
    lines = units(made.content)
    assert lines[:3] == ["北京新都远景网络技术有限公司", "发布计划", "核心交易系统升级"]
    revisions = next(t for t in tables(made.content) if t[0] == ["日期", "版本", "变更说明", "批准人"])
    assert revisions[1][1:] == ["V1", "初次提交", "李娜"]  # the reason the revision was made


def test_plan_values_tables_and_triggers(world):
    """R-DOC-PLAN: fields, the tables of the sections, linked changes, rollback triggers."""
    number = release_at(world, Status.PLAN_APPROVED)
    made = documents.generate(world.ctx("wangfang"), number, "plan")
    values = kv(made.content)
    assert values["合并发布决定"] == "单一变更" and values["预计停机时间(分钟)"] == "10"
    # the flows' window opens an hour before the test clock (01:00 UTC): the company's time zone,
    # as the policy writes dates
    assert values["发布窗口开始"] == "2026.11.27 09:00" and values["发布窗口结束"] == "2026.11.30 09:00"
    all_tables = tables(made.content)
    risks = next(t for t in all_tables if t[0][0] == "类别")
    assert [r[0] for r in risks[1:]] == ["技术风险", "业务风险", "管理风险"]
    assert risks[1] == ["技术风险", "版本不兼容", "2", "4", "预发布验证", "张伟"]
    changes = next(t for t in all_tables if t[0] == ["变更编号", "变更标题", "状态"])
    assert changes[1][2] == "已批准"
    triggers = next(t for t in all_tables if t[0] == ["触发条件", "阈值"])
    assert [r[0] for r in triggers[1:]] == [t.name for t in current_profile().triggers]
    assert ["系统性能严重下降超出阈值", "响应时间 > 2 秒"] in triggers
    steps = [t for t in all_tables if t[0][:4] == ["序号", "操作", "负责人", "计划时长(分钟)"]]
    assert [r[:2] for r in steps[0][1:]] == [["1", "停止服务"], ["2", "部署新版本"]]
    assert [r[:2] for r in steps[1][1:]] == [["1", "恢复旧版本"], ["2", "重启服务"]]  # the rollback steps
    assert "表1 关联变更请求" in units(made.content)


def test_plan_signature_block_shows_name_role_meaning_time_and_code(world):
    """R-DOC-SIGN: 签署人, 角色, 签署含义, 签署时间 and the verification code from the hash."""
    number = release_at(world, Status.PLAN_APPROVED, type_="major")
    made = documents.generate(world.ctx("lina"), number, "plan")
    sig = next(t for t in tables(made.content) if t[0][0] == "签署人")
    sig_kv = {row[i]: row[i + 1] for row in sig for i in (0, 2)}
    code = made.model.parts[-1].blocks[1].code
    assert sig_kv == {"签署人": "李娜", "角色": "运维管理部经理", "签署含义": "批准",
                      "签署时间": "2026.11.27 10:00", "校验码": code, "状态": "有效"}
    assert len(code) == 14 and code.count("-") == 2
    trs = open_docx(made.content).tables[-1]._tbl.findall(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tr")
    assert all(tr.find(".//{http://schemas.openxmlformats.org/wordprocessingml/2006/main}cantSplit") is not None
               for tr in trs)  # a signature never breaks across pages


def test_draft_plan_before_submission_is_marked_and_unsigned(sqlite_world):
    """R-DOC-PLAN: a plan can be printed while drafted; it says so and carries no signature."""
    number = release_at(sqlite_world, Status.PLANNING)
    made = documents.generate(sqlite_world.ctx("zhangwei"), number, "plan")
    values = kv(made.content)
    assert values["版本"] == "草稿" and values["批准人"] == ""
    assert values["状态"] == "未签署" and values["角色"] == "运维工程师"
    assert "修订记录" in units(made.content) and "（无）" in units(made.content)
