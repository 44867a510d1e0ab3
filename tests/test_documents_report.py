"""The 发布变更报告 as .docx, reopened with python-docx."""

from __future__ import annotations

from flows import release_at
from test_documents_support import headings, kv, rolled_back_and_closed, tables, units

from relgui.domain.states import Status
from relgui.services import documents

SECTIONS = ["发布概况", "关联变更", "计划与实际时间", "预发布验证", "发布执行监控", "效果验证与用户验收",
            "回退记录", "配置更新", "发布成功率统计", "生产环境现状", "阶段时间线", "证据文件与归档文档",
            "成败分析", "经验总结", "关闭签署"]


def test_report_of_a_successful_release(world):
    """R-DOC-REPORT, R-4.2.2-CLOSE: summary, changes, planned against actual, checks, CMDB
    against the 24 h deadline, analysis and the manager's closing signature (R-DOC-SIGN)."""
    number = release_at(world, Status.CLOSED)
    made = documents.generate(world.ctx("lina"), number, "report")
    assert [t.split(" ", 1)[1] for _, t in headings(made.content)] == SECTIONS
    values = kv(made.content)
    assert values["文件编号"] == f"{number}-BG" and values["版本"] == "V1" and values["批准人"] == "李娜"
    assert values["发布类型"] == "一般发布" and values["发布结果"] == "发布成功" and values["计划版本"] == "V1"
    assert values["结论"] == "按时完成"
    assert values["确认人"] == "陈经理" and values["确认部门"] == "业务运营部"
    assert values["签署人"] == "李娜" and values["签署含义"] == "关闭" and values["状态"] == "有效"
    all_tables = tables(made.content)
    precheck = next(t for t in all_tables if t[0][0] == "检查项" and t[1][0] == "环境检查")
    assert [r[:2] for r in precheck[1:]] == [["环境检查", "通过"], ["备份验证", "通过"], ["回退测试", "通过"],
                                           ["应急预案", "通过"]]
    steps = next(t for t in all_tables if t[0][0] == "序号")
    assert [r[1] for r in steps[1:]] == ["停止服务", "部署新版本"] and steps[1][7] == "已完成"
    config = next(t for t in all_tables if t[0][0] == "配置项")
    assert config[1][:4] == ["核心交易系统-应用服务器", "1.0.0", "1.1.0", "1.1.0"]
    lines = units(made.content)
    assert "发布按计划完成。" in lines and "本次发布未报告严重问题，未执行回退。" in lines


def test_report_of_a_rolled_back_release_records_the_rollback(world):
    """R-DOC-REPORT with R-4.5.1-TRIGGERS, R-4.5.2-DECIDE30, R-4.5.2-EXEC: triggers, detection and
    decision times, the steps, restoration and cause."""
    number = rolled_back_and_closed(world)
    made = documents.generate(world.ctx("lina"), number, "report")
    values = kv(made.content)
    assert values["发布结果"] == "已回退" and values["发布类型"] == "紧急发布"
    assert values["触发条件"] == "系统性能严重下降超出阈值、用户投诉集中且影响业务"
    assert values["发现时间"] == "2026.11.27 10:00" and values["决策时间"] == "2026.11.27 10:12"
    assert values["决策"] == "回退" and values["决策人"] == "李娜"
    assert values["决策时限（30分钟）"] == "2026.11.27 10:30，按时"
    assert values["回退原因"] == "新版本与生产数据不兼容" and values["恢复确认"].startswith("2026.11.27 10:12")
    rollback_steps = [t for t in tables(made.content) if t[0][0] == "序号"][1]
    assert [r[1] for r in rollback_steps[1:]] == ["恢复旧版本", "重启服务"]
    assert "本次发布未进入配置更新阶段（24小时时限不适用）；生产环境的现行版本见“生产环境现状”。" in units(made.content)


def test_report_before_closure_is_a_draft_without_signature(sqlite_world):
    """R-DOC-REPORT: a report can be drafted before closing; unsigned, marked 草稿."""
    number = release_at(sqlite_world, Status.AWAITING_CLOSE)
    made = documents.generate(sqlite_world.ctx("lina"), number, "report")
    values = kv(made.content)
    assert values["版本"] == "草稿" and values["状态"] == "未签署" and values["发布结果"] == "发布成功"
    assert made.model.basis["as_of"] == "2026-11-27T02:00:00+00:00"
