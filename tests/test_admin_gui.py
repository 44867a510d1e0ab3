"""The new screens of issue 15, driven through their widgets (pytest-qt, offscreen): 管理 → 用户与角色
and 公司设置, the forced password change at login, 修改发布请求 from the release detail. Each
refusal is said in words in the dialog, which keeps what was typed. PNGs of each screen in
Chinese and English are written to $RELGUI_SHOTS (when set) for a person to look at."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from flows import seen
from gui_support import gui_context, settle
from PySide6.QtWidgets import QDialog
from test_execution_helpers import click, drive, fresh_translators, select, window  # noqa: F401 (fixtures)

from relgui.gui.dialogs import admin_company, admin_users, change_password, release_request_edit
from relgui.gui.dialogs.login import LoginDialog
from relgui.services import accounts, changes, company, releases, users


def shoot(widget, name: str) -> None:
    folder = os.environ.get("RELGUI_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(folder) / f"{name}.png"))


@pytest.fixture(params=["zh_CN", "en"])
def lang(request):
    return request.param


def _suffix(lang: str) -> str:
    return "-en" if lang == "en" else ""


def test_admin_adds_an_account_and_resets_a_password(sqlite_world, tmp_path, qtbot, monkeypatch, lang):
    world = sqlite_world
    gctx = gui_context(world, "admin", tmp_path, lang)
    dialog = admin_users.AdminUsersDialog(gctx)
    qtbot.addWidget(dialog)
    dialog.show()
    settle()
    names = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
    assert "zhangwei" in names and "admin" in names
    roles_col = {dialog.table.item(r, 0).text(): dialog.table.item(r, 2).text() for r in range(dialog.table.rowCount())}
    assert ("Operations engineer" if lang == "en" else "运维工程师") in roles_col["zhangwei"]  # words, not role keys
    assert "engineer" not in roles_col["zhangwei"].split(", ")

    def add(form):
        form.username.setText("chenjing")
        form.display_name.setText("陈静")
        form.password.setText("short")
        form.again.setText("short")
        assert not form.save()  # weak: said under the fields, nothing typed is lost
        assert form.error.text() and form.username.text() == "chenjing"
        shoot(form, f"admin-add-user-refused{_suffix(lang)}")
        form.password.setText("Erstes-Passwort-2026")
        assert form.error.text() == ""  # the old message goes when the field is edited
        form.again.setText("Erstes-Passwort-2026")
        form.roles["manager"].setChecked(True)
        assert form.save()
    drive(monkeypatch, admin_users.AccountForm, add)
    assert dialog.add_user()
    settle()
    added = next(a for a in accounts.list_accounts(world.ctx()) if a.user.username == "chenjing")
    assert added.must_change_password and set(added.user.roles) == {"engineer", "manager"}
    row = next(r for r in range(dialog.table.rowCount()) if dialog.table.item(r, 0).text() == "chenjing")
    assert ("must set a new password" if lang == "en" else "须设置新密码") in dialog.table.item(row, 3).text()
    shoot(dialog, f"admin-users{_suffix(lang)}")

    dialog.select("zhangwei")

    def reset(form):
        form.password.setText("Temporaer-2026-x")
        form.again.setText("Temporaer-2026-x")
        shoot(form, f"admin-reset-password{_suffix(lang)}")
        assert form.save()
    drive(monkeypatch, admin_users.AccountForm, reset)
    assert dialog.reset_password()
    assert next(a for a in accounts.list_accounts(world.ctx()) if a.user.username == "zhangwei").must_change_password


def test_login_after_a_reset_asks_for_a_new_password(sqlite_world, tmp_path, qtbot, monkeypatch, lang):
    world = sqlite_world
    accounts.reset_password(world.ctx("admin"), "zhangwei", "Temporaer-2026-x",
                            expected_version=users.get(world.ctx(), "zhangwei").row_version)
    gctx = gui_context(world, None, tmp_path, lang)
    login = LoginDialog(gctx)
    qtbot.addWidget(login)

    def change(d: change_password.ChangePasswordDialog):
        assert d.old.text() == "Temporaer-2026-x"  # what was just typed at the login
        d.new.setText("Neues-Passwort-2026")
        d.again.setText("Anderes-Passwort-2026")
        assert not d.save() and d.error.text()
        shoot(d, f"login-change-password{_suffix(lang)}")
        d.again.setText("Neues-Passwort-2026")
        assert d.save(), d.error.text()
    driven = drive(monkeypatch, change_password.ChangePasswordDialog, change)
    login.ui.username.setText("zhangwei")
    login.ui.password.setText("Temporaer-2026-x")
    login.try_login()
    assert driven and login.actor is not None and login.actor.username == "zhangwei"
    assert not accounts.must_change(world.ctx("zhangwei"))
    users.login(world.ctx(), "zhangwei", "Neues-Passwort-2026")


def test_login_cancelled_at_the_password_change_does_not_log_in(sqlite_world, tmp_path, qtbot, monkeypatch):
    world = sqlite_world
    accounts.reset_password(world.ctx("admin"), "zhangwei", "Temporaer-2026-x",
                            expected_version=users.get(world.ctx(), "zhangwei").row_version)
    login = LoginDialog(gui_context(world, None, tmp_path))
    qtbot.addWidget(login)
    drive(monkeypatch, change_password.ChangePasswordDialog, lambda d: None)  # closed without saving
    login.ui.username.setText("zhangwei")
    login.ui.password.setText("Temporaer-2026-x")
    login.try_login()
    assert login.actor is None and login.result() != QDialog.DialogCode.Accepted
    assert accounts.must_change(world.ctx("zhangwei"))


def test_company_settings_are_edited_with_the_pattern_checked_as_typed(sqlite_world, tmp_path, qtbot, lang):
    world = sqlite_world
    gctx = gui_context(world, "admin", tmp_path, lang)
    dialog = admin_company.AdminCompanyDialog(gctx)
    qtbot.addWidget(dialog)
    dialog.show()
    settle()
    from relgui.policy import current_profile

    # the policy in force as its documents name it (发布管理制度 XDYJ-06-01 V1.0), not its stored key
    assert dialog.policy.currentText().startswith(current_profile().label(lang)) and "@" not in dialog.policy.currentText()
    dialog.pattern.setText("FB-{year}")
    assert "{seq}" in dialog.pattern_hint.text()  # the fault, under the field
    assert not dialog.save()
    assert dialog.error.text()
    dialog.pattern.setText("BG-{year}-{seq:05d}")
    assert "BG-2026-00001" in dialog.pattern_hint.text() and dialog.error.text() == ""
    dialog.department.setText("运维管理部（北京）")
    dialog.zone.setEditText("Asia/Hong_Kong")
    shoot(dialog, f"admin-company{_suffix(lang)}")
    assert dialog.save()
    saved = company.get(world.ctx())
    assert (saved.number_pattern, saved.department, saved.timezone) == ("BG-{year}-{seq:05d}", "运维管理部（北京）", "Asia/Hong_Kong")
    assert accounts.policy(world.ctx()).chosen


def test_a_request_without_a_change_is_edited_in_the_detail_then_accepted(world, window, monkeypatch, lang, tmp_path):
    if world.backend != "sqlite":
        pytest.skip("the GUI walk runs on SQLite; the services are tested on both in test_validation.py")
    n = releases.create(world.ctx("zhangwei"), title="网银证书更新", type="normal").number
    change = "CHG-EDIT-1"
    changes.record(world.ctx("zhangwei"), number=change, title="网银证书到期更新", status="approved")
    win = window("zhangwei")
    if lang == "en":
        win.switch_language("en")
        settle()
    select(win, n)
    assert not win.detail.buttons["accept"].isEnabled()

    def edit(d: release_request_edit.ReleaseRequestEditDialog):
        d.title.setText("长" * 501)
        assert "501/500" in d.title_count.text()
        assert not d.save()  # refused in words with the limit; the dialog keeps the text
        assert "500" in d.error.text() and len(d.title.text()) == 501
        d.title.setText("网银证书更新（含 CA 链）")
        d.type.setCurrentIndex(d.type.findData("major"))
        assert d.type_reason.isVisible()
        assert not d.save() and d.error.text()  # a new type needs its reason
        d.type_reason.setText("涉及全部网银用户")
        d.check(change)
        shoot(d, f"release-request-edit{_suffix(lang)}")
        assert d.save(), d.error.text()
    drive(monkeypatch, release_request_edit.ReleaseRequestEditDialog, edit)
    click(win, "edit_request")
    data = seen(world, n)
    assert (data.title, data.type, [c.number for c in data.changes]) == (
        "网银证书更新（含 CA 链）", "major", [change])
    settle()
    select(win, n)
    assert win.detail.buttons["accept"].isEnabled(), win.detail.buttons["accept"].toolTip()
    if lang == "zh_CN":
        assert any(a.objectName() == "admin_users" for a in win.findChildren(type(win.refresh_action))) is False


def test_document_number_patterns_are_previewed_checked_and_saved_with_the_version_seen(sqlite_world, tmp_path, qtbot,
                                                                                         lang):
    """文件编号 per kind (issue 14 item 6, R-DOC-FORM) in 公司设置: the next release's document numbers
    shown as typed, a bad pattern refused in words naming its field (the rules company.save
    applies), and a save over another administrator's change refused, nothing written."""
    from flows import company_v

    from relgui.domain import numbering

    world = sqlite_world
    releases.create(world.ctx("zhangwei"), title="网银证书更新", type="normal")  # the next release is not the first
    year, seq = company.next_sequence(world.ctx())
    assert seq >= 2
    nxt = numbering.format_number(company.get(world.ctx()).number_pattern, year, seq)
    gctx = gui_context(world, "admin", tmp_path, lang)
    dialog = admin_company.AdminCompanyDialog(gctx)
    qtbot.addWidget(dialog)
    dialog.show()
    settle()
    assert dialog.plan_pattern.text() == "{release}-JH" and dialog.report_pattern.text() == "{release}-BG"
    assert f"{nxt}-JH" in dialog.doc_hint.text() and f"{nxt}-BG" in dialog.doc_hint.text()
    assert ("Next release" if lang == "en" else "下一个发布") in dialog.doc_hint.text()
    dialog.plan_pattern.setText("JH/{release}")
    dialog.report_pattern.setText("BG/{release}")
    assert f"JH/{nxt}" in dialog.doc_hint.text() and f"BG/{nxt}" in dialog.doc_hint.text()
    dialog.pattern.setText("XD-{year}-{seq:05d}")  # the preview follows the release number typed
    assert f"JH/XD-{year}-{seq:05d}" in dialog.doc_hint.text()
    dialog.pattern.setText(company.get(world.ctx()).number_pattern)

    plan_label = "Release plan document number" if lang == "en" else "发布计划文件编号"
    dialog.plan_pattern.setText("JH-{year}")  # not the release's number: every release would share it
    shown = dialog.doc_hint.text()
    assert plan_label in shown and "{year}" in shown and "Traceback" not in shown
    assert ("release" in shown) if lang == "en" else ("发布编号" in shown)
    assert not dialog.save()
    assert dialog.error.text() and dialog.isVisible()
    dialog.plan_pattern.setText("BG/{release}")  # the same number as the report's
    assert ("same" in dialog.doc_hint.text()) if lang == "en" else ("相同" in dialog.doc_hint.text())
    assert not dialog.save()
    assert company.get(world.ctx()).doc_patterns == {"plan": "{release}-JH", "report": "{release}-BG"}
    dialog.plan_pattern.setText("JH/{release}")
    assert f"JH/{nxt}" in dialog.doc_hint.text()
    shoot(dialog, f"admin-company-doc-numbers{_suffix(lang)}")

    # another administrator saves meanwhile: this dialog's save is refused, in words, nothing written
    current = company.get(world.ctx())
    company.save(world.ctx("admin"), company_name=current.company_name, department="运维管理部（上海）",
                 number_pattern=current.number_pattern, timezone=current.timezone, expected_version=company_v(world))
    assert not dialog.save()
    assert dialog.error.text() and "Traceback" not in dialog.error.text()
    assert company.get(world.ctx()).doc_patterns == {"plan": "{release}-JH", "report": "{release}-BG"}
    dialog.load()  # seen again: the other change shown, the patterns typed again, saved
    assert dialog.department.text() == "运维管理部（上海）"
    dialog.plan_pattern.setText("JH/{release}")
    dialog.report_pattern.setText("BG/{release}")
    assert dialog.save()
    saved = company.get(world.ctx())
    assert saved.doc_patterns == {"plan": "JH/{release}", "report": "BG/{release}"}
    assert saved.department == "运维管理部（上海）"
