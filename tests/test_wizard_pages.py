"""The plan wizard page by page (R-4.2.1-*, R-4.2.2-SECTIONS, R-3.2-PLAN, R-1.3-RELIABLE):
pages from the profile, validation messages, the side list, the review page's links,
resuming, templates and copies, read-only when the domain refuses editing."""

from __future__ import annotations

import datetime as dt

import pytest
from flows import full_plan, release_at, write_plan
from gui_support import Told
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel
from test_wizard_support import (
    cell_editor,
    enter_text,
    fill_table,
    next_page,
    open_wizard,
    planning_release,
    stored,
    type_text,
)

from relgui.domain.states import Status
from relgui.gui.wizard.mode import Mode

pytestmark = pytest.mark.gui
ORDER = ["assessment", "purpose", "scope", "parties", "schedule", "steps", "baseline", "risk_measures", "rollback",
         "contingency", "monitoring", "acceptance", "post_work", "review"]


def test_pages_follow_the_profile_in_the_order_an_engineer_thinks(sqlite_world, qtbot, tmp_path):
    number = planning_release(sqlite_world)
    w = open_wizard(qtbot, sqlite_world, tmp_path, number)
    assert list(w.page_ids) == ORDER
    assert [f.section.key for f in w.plan_pages[0].forms] == ["correlation", "resources", "risks"]
    assert [w.page(i).title() for i in range(3)] == ["受理与评估", "发布目的", "影响范围"]
    assert "CHG-" in w.plan_pages[0].findChild(QLabel, "changes").text()
    assert w.page_key() == "assessment"
    assert w.forms["risks"].tables["risks"].model.headerData(6, Qt.Orientation.Horizontal) == "评分"


def test_walk_the_wizard_page_by_page_with_validation_messages(sqlite_world, qtbot, tmp_path):
    """R-4.2.1-CORRELATION / R-4.2.1-RISK: a refused value keeps the user on its page."""
    number = planning_release(sqlite_world)
    w = open_wizard(qtbot, sqlite_world, tmp_path, number)
    merge = w.forms["correlation"].fields["merge_decision"]
    merge.setCurrentIndex(merge.findData("单一变更"))
    type_text(qtbot, w.forms["correlation"].fields["rationale"], "仅一个变更，无依赖。")
    fill_table(w, "risks", "risks", "技术风险\t版本不兼容\t高\t4\t预发布验证\t张伟\n")
    next_page(qtbot, w)
    risks = w.forms["risks"].tables["risks"]
    assert w.page_key() == "assessment"
    assert risks.error.text() == "“风险清单 · 第 1 行 · 可能性(1-5)”须为整数：高"
    assert risks.model.error_cell == (0, 2)
    assert w.nav.text_of("assessment").startswith("● ")  # not saved yet
    risks.model.setData(risks.model.index(0, 2), "2")
    assert not risks.error.isVisible()
    next_page(qtbot, w)
    assert w.page_key() == "purpose"
    saved = stored(sqlite_world, number)
    assert saved.content["correlation"] == {"merge_decision": "单一变更", "rationale": "仅一个变更，无依赖。",
                                           "dependencies": []}
    assert saved.content["risks"]["risks"][0]["likelihood"] == 2
    assert saved.last_page == "purpose"
    type_text(qtbot, w.forms["purpose"].fields["text"], "修复交易超时缺陷。")
    next_page(qtbot, w)
    scope = w.forms["scope"].fields
    type_text(qtbot, scope["downtime_minutes"], "15")
    next_page(qtbot, w)
    assert w.page_key() == "parties"
    saved = stored(sqlite_world, number)
    assert saved.content["purpose"]["text"] == "修复交易超时缺陷。"
    assert saved.content["scope"]["downtime_minutes"] == 15
    assert w.nav.text_of("purpose") == "✓ 发布目的"
    assert w.nav.text_of("scope") == "✗ 影响范围 (2)"


def test_review_lists_every_gap_as_a_link_to_its_page(sqlite_world, qtbot, tmp_path):
    number = planning_release(sqlite_world)
    content = full_plan(sqlite_world)
    content["purpose"] = {"text": ""}
    content["rollback"]["steps"] = []
    write_plan(sqlite_world, number, content=content)
    w = open_wizard(qtbot, sqlite_world, tmp_path, number)
    w.jump("review")
    text = w.review.gaps.text()
    assert "href='purpose'" in text and "发布计划“发布目的”未填写：发布目的" in text
    assert "href='rollback'" in text and "“回退步骤”至少需要 1 行" in text
    w.review.gaps.linkActivated.emit("rollback")
    assert w.page_key() == "rollback"
    assert w.nav.text_of("rollback") == "✗ 回退措施 (1)"
    assert w.nav.text_of("steps") == "✓ 实施步骤"
    w.nav.jump.emit("scope")
    assert w.page_key() == "scope"


def test_table_cells_the_plan_still_lacks_are_tinted_with_the_reason(sqlite_world, qtbot, tmp_path):
    number = planning_release(sqlite_world)
    content = full_plan(sqlite_world)
    content["risks"]["risks"][1]["owner"] = ""
    write_plan(sqlite_world, number, content=content)
    w = open_wizard(qtbot, sqlite_world, tmp_path, number)
    model = w.forms["risks"].tables["risks"].model
    assert set(model.gap_cells) == {(1, 5)}
    assert model.index(1, 5).data(Qt.ItemDataRole.ToolTipRole) == "发布计划“风险评估”的“风险清单”第 2 行未填写：责任人"
    assert model.index(1, 5).data(Qt.ItemDataRole.BackgroundRole) is not None
    model.setData(model.index(1, 5), "王芳")
    assert model.gap_cells == {}


def test_reopening_resumes_on_the_page_the_user_was_on(sqlite_world, qtbot, tmp_path):
    number = planning_release(sqlite_world)
    w = open_wizard(qtbot, sqlite_world, tmp_path, number)
    type_text(qtbot, w.forms["resources"].fields["technical"], "预发布环境")
    w.jump("baseline")
    w.done(1)
    again = open_wizard(qtbot, sqlite_world, tmp_path, number)
    assert again.page_key() == "baseline"
    again.back()
    assert again.page_key() == "steps"  # Back works after resuming
    assert again.forms["resources"].fields["technical"].field_value() == "预发布环境"


def test_idle_autosave_after_a_pause_in_typing(sqlite_world, qtbot, tmp_path):
    number = planning_release(sqlite_world)
    w = open_wizard(qtbot, sqlite_world, tmp_path, number)
    w.jump("purpose")
    field = w.forms["purpose"].fields["text"]
    enter_text(qtbot, field, "修复缺陷")  # no Tab: still in the field
    qtbot.waitUntil(lambda: stored(sqlite_world, number).content["purpose"]["text"] == "修复缺陷", timeout=3000)
    assert w.changed


def test_submit_is_refused_with_every_gap_then_freezes_a_revision(sqlite_world, qtbot, tmp_path, monkeypatch):
    """R-4.2.2-SECTIONS / R-1.3-RELIABLE: no submission while a section is empty or no rollback."""
    from relgui.gui.dialogs.sign import ReasonDialog

    told = Told(monkeypatch)
    monkeypatch.setattr(ReasonDialog, "ask", classmethod(lambda cls, *a, **k: "初稿"))
    number = planning_release(sqlite_world)
    content = full_plan(sqlite_world)
    content["rollback"] = {"performance_threshold": "", "max_minutes": "", "steps": []}
    write_plan(sqlite_world, number, content=content)
    w = open_wizard(qtbot, sqlite_world, tmp_path, number)
    w.jump("review")
    w.review.submit.click()
    assert "“回退措施”未填写：性能阈值（触发回退）" in told.texts[-1]
    assert "“回退步骤”至少需要 1 行" in told.texts[-1]
    w.jump("rollback")
    form = w.forms["rollback"]
    type_text(qtbot, form.fields["performance_threshold"], "响应时间 > 2 秒")
    type_text(qtbot, form.fields["max_minutes"], "30")
    fill_table(w, "rollback", "steps", "恢复旧版本\t张伟\t5\t版本正确\n")
    w.jump("review")
    w.review.submit.click()
    assert w.review.result.text() == "已冻结为 V1 并提交审批。"
    view = stored(sqlite_world, number)
    assert view.status == "plan_submitted" and view.revisions[0].reason == "初稿"
    assert w.mode is Mode.LOCKED and w.forms["purpose"].fields["text"].isReadOnly()


def test_baseline_chooses_items_and_approved_versions_from_the_library(sqlite_world, qtbot, tmp_path):
    """R-3.3-DSL: 'before' defaults to the item's current version; 'after' offers approved versions."""
    number = planning_release(sqlite_world)
    w = open_wizard(qtbot, sqlite_world, tmp_path, number)
    w.jump("baseline")
    editor = w.forms["baseline"].tables["items"]
    editor.add_row()
    box = cell_editor(editor.view, editor.model.index(0, 0), QComboBox)
    assert [box.itemText(i) for i in range(box.count())] == ["核心交易系统-应用服务器", "网上银行系统-数据库"]
    box.setCurrentText("核心交易系统-应用服务器")
    editor.view.commitData(box)
    editor.view.closeEditor(box, editor.view.itemDelegate().EndEditHint.NoHint)
    assert editor.model.rows_data()[0]["before"] == "1.0.0"
    box = cell_editor(editor.view, editor.model.index(0, 2), QComboBox)
    offered = sorted(box.itemText(i) for i in range(box.count()))
    assert offered == ["1.0.0", "1.1.0", "2.0.0"]  # 9.9.9-rc is not approved
    box.setCurrentText("1.1.0")
    editor.view.commitData(box)
    row = stored(sqlite_world, number).content["baseline"]["items"][0]
    assert (row["ci"], row["before"], row["after"]) == ("核心交易系统-应用服务器", "1.0.0", "1.1.0")
    assert row["ci_ref"] and row["after_ref"]


def test_rollback_page_shows_the_policys_triggers_with_the_plans_threshold(sqlite_world, qtbot, tmp_path):
    """R-4.5.1-TRIGGERS."""
    number = planning_release(sqlite_world)
    w = open_wizard(qtbot, sqlite_world, tmp_path, number)
    w.jump("rollback")
    panel = w.currentPage().findChild(QLabel, "triggers")
    assert "（请在上方填写本计划的阈值）" in panel.text()
    type_text(qtbot, w.forms["rollback"].fields["performance_threshold"], "P95 > 2 秒")
    assert "系统性能严重下降超出阈值：<b>P95 &gt; 2 秒</b>" in panel.text()
    assert "关键功能无法正常使用" in panel.text() and "用户投诉集中且影响业务" in panel.text()


def test_conflict_and_freeze_warnings_on_schedule_and_review_pages(sqlite_world, qtbot, tmp_path):
    from relgui.services import company

    first = release_at(sqlite_world, Status.PLANNING)
    second = release_at(sqlite_world, Status.PLANNING)  # same item, same window (full_plan)
    now = sqlite_world.clock.now()
    company.add_freeze(sqlite_world.ctx("admin"), now, now + dt.timedelta(days=10), "年终封网")
    w = open_wizard(qtbot, sqlite_world, tmp_path, second)
    w.jump("schedule")
    panel = w.currentPage().warnings
    assert panel.isVisible() and first in panel.text.text() and "年终封网" in panel.text.text()
    w.jump("review")
    text = w.review.warnings.text.text()
    assert w.review.warnings.isVisible() and "配置项冲突" in text and "冻结期" in text


def test_start_from_a_template_and_copy_sections_of_an_earlier_plan(sqlite_world, qtbot, tmp_path, monkeypatch):
    from relgui.gui.wizard.start import CopyDialog, TemplateDialog

    earlier = release_at(sqlite_world, Status.PLANNING)
    number = planning_release(sqlite_world, type_="major")
    w = open_wizard(qtbot, sqlite_world, tmp_path, number)
    type_text(qtbot, w.forms["resources"].fields["human"], "张伟")
    asked = {}
    def template(cls, parent, gctx, rtype, current):
        asked.update(type=rtype, current=current)
        return "major", ["rollback", "post_work"]

    monkeypatch.setattr(TemplateDialog, "ask", classmethod(template))
    w.commands.from_template()
    assert asked["type"] == "major" and asked["current"]["resources"]["human"] == "张伟"
    assert w.forms["rollback"].fields["max_minutes"].field_value() == 90
    assert w.forms["rollback"].tables["steps"].model.rowCount() == 5
    monkeypatch.setattr(CopyDialog, "ask", classmethod(lambda cls, *args: (earlier, ["baseline", "scope"])))
    w.commands.copy()
    assert w.forms["baseline"].tables["items"].model.rows_data()[0]["ci"] == "核心交易系统-应用服务器"
    view = stored(sqlite_world, number)
    assert view.content["scope"]["systems"] == "核心交易系统"
    assert view.content["rollback"]["max_minutes"] == 90 and view.content["resources"]["human"] == "张伟"
    assert view.content["baseline"]["items"][0]["ci_ref"]


def test_template_dialog_offers_the_release_types_template_and_keeps_filled_sections(sqlite_world, qtbot, tmp_path):
    from relgui.gui.wizard.start import TemplateDialog

    number = planning_release(sqlite_world, type_="emergency")
    w = open_wizard(qtbot, sqlite_world, tmp_path, number)
    dialog = TemplateDialog(w.gctx, "emergency", {"purpose": {"text": "已写"}}, w)
    qtbot.addWidget(dialog)
    assert dialog.choice.currentData() == "emergency"
    checked = {dialog.sections.item(i).data(Qt.ItemDataRole.UserRole): dialog.sections.item(i).checkState()
               for i in range(dialog.sections.count())}
    assert checked["purpose"] == Qt.CheckState.Unchecked and checked["rollback"] == Qt.CheckState.Checked
    assert "purpose" not in dialog.sections.chosen()


def test_english_wizard_uses_the_profiles_english_labels(sqlite_world, qtbot, tmp_path):
    number = planning_release(sqlite_world)
    w = open_wizard(qtbot, sqlite_world, tmp_path, number, lang="en")
    assert w.page(0).title() == "Acceptance and assessment"
    assert w.page(w.page_ids["rollback"]).title() == "Rollback measures"
    merge = w.forms["correlation"].fields["merge_decision"]
    assert merge.itemText(merge.findData("合并发布")) == "Merge into one release"


def test_an_auditor_reads_the_plan_and_leaves_no_trace(sqlite_world, qtbot, tmp_path):
    number = release_at(sqlite_world, Status.PLANNING)
    w = open_wizard(qtbot, sqlite_world, tmp_path, number, user="auditor")
    assert w.mode is Mode.READ_ONLY
    assert w.forms["purpose"].fields["text"].isReadOnly()
    assert w.mode_box.text.text().startswith("只读：")
    w.jump("baseline")
    assert stored(sqlite_world, number).last_page != "baseline"
    assert not w.changed
