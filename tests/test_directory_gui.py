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
    from relgui.gui import ops

    started = ops.started
    assert dialog.save(), told.texts
    assert ops.started == started + 1  # the save only: what it returns is shown, not read again
    cfg, version = directory.settings(sqlite_world.ctx("admin"))
    assert (dialog.cfg, dialog.version) == (cfg, version) and version > 0
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
    from test_directory import configure

    from relgui.gui.dialogs.login import LoginDialog

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


# ---------------------------------------------------------------- 管理 → 公司目录登录… (the menu entry)

SAVED = {"enabled": False, "url": "ldaps://dc.corp.example:636", "base_dn": "DC=corp,DC=example",
         "user_attr": "sAMAccountName", "user_bind": "{username}@corp.example",
         "groups": [["admin", "CN=relgui-admins,OU=Groups,DC=corp,DC=example"]], "timeout": 7}


def _main_window(world, username, tmp_path, qtbot, roles=None):
    from relgui.domain.lifecycle import Actor
    from relgui.gui.main_window import MainWindow

    gctx = gui_context(world, username, tmp_path)
    if roles is not None:  # the roles the database gave when this session began
        gctx.app.actor = Actor(world.ids[username], username, gctx.app.actor.display_name, frozenset(roles))
    win = MainWindow(gctx)
    qtbot.addWidget(win)
    win.show()
    win.start()
    settle()
    return win


def _menu_action(win, name: str):
    """The action named ``name`` and the title of the menu it sits in (None: in no menu)."""
    for top in win.menuBar().actions():
        menu = top.menu()
        for action in menu.actions() if menu is not None else ():
            if action.objectName() == name:
                return action, menu.title()
    return None, None


def _open_dialogs(win):
    from relgui.gui.dialogs.directory_settings import DirectorySettingsDialog

    return [d for d in win.findChildren(DirectorySettingsDialog) if d.isVisible()]


def test_the_administrator_opens_directory_login_from_the_manage_menu(qtbot, world, tmp_path, monkeypatch):
    from relgui.domain.versions import NEW

    directory.save(world.ctx("admin"), SAVED, expected_version=NEW)
    told = Told(monkeypatch)
    win = _main_window(world, "admin", tmp_path, qtbot)
    action, menu = _menu_action(win, "directory_settings")
    assert action is not None and menu == "管理(&M)" and action.text() == "公司目录登录(&D)…"
    action.trigger()
    settle()
    shown = _open_dialogs(win)
    assert len(shown) == 1, told.texts
    dialog = shown[0]
    assert dialog.windowTitle() == "公司目录登录（LDAP / AD）"
    assert (dialog.url.text(), dialog.base_dn.text(), dialog.timeout.value()) == (SAVED["url"], SAVED["base_dn"], 7)
    assert dialog.group_edits["admin"].text() == SAVED["groups"][0][1] and not dialog.enabled.isChecked()
    dialog.grab().save(str(tmp_path / "directory-from-menu.png"))
    assert told.texts == []
    dialog.close()


def test_directory_login_is_not_for_others_and_rights_are_read_at_the_action(qtbot, world, tmp_path, monkeypatch):
    from relgui.domain.errors import PolicyViolation
    from relgui.domain.versions import NEW
    from relgui.gui.dialogs.directory_settings import open_directory_settings
    from relgui.services import users

    directory.save(world.ctx("admin"), SAVED, expected_version=NEW)
    told = Told(monkeypatch)
    # An engineer's window has no 管理 menu and no entry; opened anyway, it is refused in words.
    win = _main_window(world, "zhangwei", tmp_path, qtbot)
    assert _menu_action(win, "directory_settings") == (None, None)
    assert "管理(&M)" not in [a.text() for a in win.menuBar().actions()]
    assert open_directory_settings(win, win.gctx) is None
    settle()
    assert _open_dialogs(win) == []
    assert told.texts and "系统管理员" in told.texts[-1] and "admin" not in told.texts[-1], told.texts
    with pytest.raises(PolicyViolation):  # the service refuses, whoever asks (relgui-admin directory show)
        directory.settings(world.ctx("zhangwei"))

    # An administrator whose role was taken away after the menu was built: the database decides.
    seen = users.get(world.ctx(), "liuyang")
    users.set_roles(world.ctx(), "liuyang", ("admin", "manager"), expected_version=seen.row_version)
    win = _main_window(world, "liuyang", tmp_path, qtbot, roles=("admin", "manager"))
    action, menu = _menu_action(win, "directory_settings")
    assert action is not None and menu == "管理(&M)"
    seen = users.get(world.ctx(), "liuyang")
    users.set_roles(world.ctx(), "liuyang", ("manager",), expected_version=seen.row_version)
    told.messages.clear()
    action.trigger()
    settle()
    assert _open_dialogs(win) == []
    assert told.texts and "系统管理员" in told.texts[-1], told.texts
