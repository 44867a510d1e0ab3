"""公司目录登录 dialog (issue 16) against the real slapd: the administrator types the settings, "测试连接"
runs on a worker (the dialog answers meanwhile) and says each step in words, saving stores them
with the CA certificate read from its file; clear-text LDAP shows a red warning."""

from __future__ import annotations

import socket

import pytest
from gui_support import Told, gui_context, settle

from ldapserver import PEOPLE, SUFFIX, group_dn, slapd  # noqa: F401 (fixture)
from relgui.services import directory


def fill(dialog, slapd, url: str | None = None) -> None:
    dialog.url.setText(url or slapd.ldaps_url)
    dialog.ca_file.setText(str(slapd.ca_file))
    dialog.system_ca.setChecked(False)
    dialog.base_dn.setText(SUFFIX)
    dialog.user_attr.setText("uid")
    dialog.user_bind.setText(f"uid={{username}},{PEOPLE}")
    dialog.group_edits["engineer"].setText(group_dn("relgui-engineers"))
    dialog.group_edits["manager"].setText(f"{group_dn('relgui-managers')}; {group_dn('relgui-admins')}")
    dialog.timeout.setValue(1)


def test_dialog_tests_and_saves_the_directory_settings(qtbot, sqlite_world, tmp_path, slapd, monkeypatch):
    from relgui.gui.dialogs.directory_settings import DirectorySettingsDialog

    told = Told(monkeypatch)
    gctx = gui_context(sqlite_world, "admin", tmp_path)
    dialog = DirectorySettingsDialog(gctx)
    qtbot.addWidget(dialog)
    fill(dialog, slapd)
    dialog.probe_user.setText("chenjing")
    dialog.probe_password.setText("Dir-Pass-chenjing-1")
    dialog.test()
    qtbot.waitUntil(lambda: dialog.state.text().startswith(("✓", "✗")), timeout=20_000)
    assert dialog.state.text().startswith("✓ 测试通过"), dialog.state.text()
    assert "✓ 加密连接与证书：加密（LDAPS） — ca.pem" in dialog.state.text()
    assert "账户：chenjing（陈静），角色：运维管理部经理、运维工程师" in dialog.state.text()
    assert directory.settings(sqlite_world.ctx("admin")) == (None, 0)  # a test saves nothing
    dialog.show()
    dialog.grab().save(str(tmp_path / "directory_settings.png"))
    assert dialog.save(), told.texts
    cfg, _ = directory.settings(sqlite_world.ctx("admin"))
    assert cfg.url == slapd.ldaps_url and cfg.ca_name == "ca.pem" and "BEGIN CERTIFICATE" in cfg.ca_pem
    assert cfg.groups == (("manager", group_dn("relgui-managers")), ("manager", group_dn("relgui-admins")),
                          ("engineer", group_dn("relgui-engineers")))
    assert dialog.ca_saved.text() == "已保存：ca.pem" and dialog.ca_file.text() == ""

    # A server with another CA's certificate: said in words, in the step it failed.
    dialog.url.setText(slapd.other_ca_url)
    dialog.test()
    qtbot.waitUntil(lambda: not dialog.test_button.isEnabled() or dialog.state.text().startswith("✗"), timeout=5_000)
    qtbot.waitUntil(lambda: dialog.state.text().startswith("✗"), timeout=20_000)
    assert "✗ 加密连接与证书：与公司目录服务器 127.0.0.1 的加密连接失败" in dialog.state.text()
    # Bad input: refused in words, nothing saved.
    dialog.group_edits["auditor"].setText("not a DN")
    assert not dialog.save()
    assert told.texts and "组与角色对应" in told.texts[-1]
    assert directory.settings(sqlite_world.ctx("admin"))[0] == cfg


@pytest.fixture
def silent_port():
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    yield listener.getsockname()[1]
    listener.close()


def test_a_server_that_never_answers_does_not_block_the_dialog(qtbot, sqlite_world, tmp_path, slapd, silent_port):
    from relgui.gui.dialogs.directory_settings import DirectorySettingsDialog

    gctx = gui_context(sqlite_world, "admin", tmp_path, lang="en")
    dialog = DirectorySettingsDialog(gctx)
    qtbot.addWidget(dialog)
    fill(dialog, slapd, url=f"ldaps://127.0.0.1:{silent_port}")
    dialog.test()
    assert not dialog.test_button.isEnabled() and dialog.state.text() == "Testing…"  # on a worker
    qtbot.waitUntil(lambda: dialog.state.text().startswith("✗"), timeout=20_000)
    assert "did not answer within 1 s" in dialog.state.text() and dialog.test_button.isEnabled()
    settle()
    # Clear text: a red warning while it is chosen.
    dialog.security.setCurrentIndex(dialog.security.findData("none"))
    assert dialog.warning.isVisibleTo(dialog) and "not encrypted" in dialog.warning.text()
    dialog.security.setCurrentIndex(dialog.security.findData("ldaps"))
    assert not dialog.warning.isVisibleTo(dialog)


def test_the_login_dialog_logs_a_directory_account_in_and_says_why_not(qtbot, sqlite_world, tmp_path, slapd,
                                                                       silent_port):
    from relgui.gui.dialogs.login import LoginDialog
    from test_directory import configure

    configure(sqlite_world, slapd)
    dialog = LoginDialog(gui_context(sqlite_world, None, tmp_path))
    qtbot.addWidget(dialog)
    dialog.ui.username.setText("zhouqiang")  # in no mapped group
    dialog.ui.password.setText("Dir-Pass-zhouqiang-1")
    dialog.try_login()
    assert "不属于任何已对应 relgui 角色的组" in dialog.ui.error.text() and dialog.actor is None
    configure(sqlite_world, slapd, url=f"ldaps://127.0.0.1:{silent_port}", timeout=1)
    dialog.ui.username.setText("chenjing")
    dialog.ui.password.setText("Dir-Pass-chenjing-1")
    dialog.try_login()  # waits on a worker; the window keeps painting
    assert "在 1 秒内没有应答" in dialog.ui.error.text() and dialog.actor is None
    configure(sqlite_world, slapd)
    dialog.try_login()
    assert dialog.actor.username == "chenjing" and dialog.actor.roles == {"manager", "engineer"}
