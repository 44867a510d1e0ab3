"""The desktop channel and the channels' administration (issue 16), with real servers.

A severe problem reported by an engineer reaches the manager's workstation as a tray
notification (once, even with two windows open) that opens the release, and lists in 我的提醒;
the administrator configures a 钉钉 robot in 告警通道 and its "发送测试" reaches the robot
server on loopback (signature checked); an unreachable mail server is said in words without
blocking the window.
"""

from __future__ import annotations

import pytest
from alert_sinks import WebhookSink, free_port, wait_for
from flows import problem
from gui_support import Told, gui_context, settle
from test_alerts import configure, deploying


@pytest.fixture
def keyring_file(tmp_path, monkeypatch):
    import keyring
    from keyring_for_tests import FileKeyring

    monkeypatch.setenv("RELGUI_TEST_KEYRING", str(tmp_path / "keyring.json"))
    previous = keyring.get_keyring()
    keyring.set_keyring(FileKeyring())
    yield
    keyring.set_keyring(previous)


def test_a_severe_problem_reaches_the_managers_tray_once_and_opens_the_release(qtbot, sqlite_world, tmp_path,
                                                                                keyring_file):
    from relgui.gui.alert_center import AlertCenter
    from relgui.gui.dialogs.alert_channels import AlertListDialog

    world = sqlite_world
    configure(world)
    n = deploying(world)
    problem(world, n, who="zhangwei")
    gctx = gui_context(world, "lina", tmp_path)
    first, second = AlertCenter(gctx, interval_ms=60_000), AlertCenter(gui_context(world, "lina", tmp_path / "b"))
    first.poll()
    second.poll()
    settle()
    shown = first.shown + second.shown
    assert len(shown) == 1, shown  # two windows of the same user: told once
    alert_id, release_id, text = shown[0]
    assert text.subject.startswith(f"严重问题：{n}") and "截止时间" in text.body
    with qtbot.waitSignal((first if first.shown else second).open_release) as opened:
        (first if first.shown else second)._message_clicked()
    assert opened.args == [release_id]
    # The engineer who reported it gets no desktop alert of his own report.
    mine = AlertCenter(gui_context(world, "zhangwei", tmp_path / "c"))
    mine.poll()
    settle()
    assert mine.shown == []

    dialog = AlertListDialog(gctx)
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 1 and dialog.list.item(0).text().startswith("● 严重问题")
    dialog.grab().save(str(tmp_path / "alert_list.png"))
    with qtbot.waitSignal(dialog.open_release) as opened:
        dialog.open_current()
    assert opened.args == [release_id]
    assert AlertListDialog(gctx).list.item(0).text().startswith("严重问题")  # read now
    for c in (first, second, mine):
        c.stop()


def test_channels_dialog_configures_a_dingtalk_robot_and_sends_a_test(qtbot, sqlite_world, tmp_path, keyring_file,
                                                                      monkeypatch):
    from relgui.gui.dialogs.alert_channels import AlertChannelsDialog

    told = Told(monkeypatch)
    hooks = WebhookSink()
    try:
        gctx = gui_context(sqlite_world, "admin", tmp_path)
        dialog = AlertChannelsDialog(gctx)
        qtbot.addWidget(dialog)
        settle()
        dialog.kind.setCurrentIndex(dialog.kind.findData("dingtalk"))
        dialog.name.setText("运维群")
        dialog.url.setText(hooks.url("dingtalk"))
        dialog.secret.setText(hooks.dingtalk_secret)
        assert dialog.save(), told.texts
        settle()
        assert dialog.list.count() == 1 and dialog.current().name == "运维群"
        dialog.send_test()
        qtbot.waitUntil(lambda: dialog.state.text().startswith("✓"), timeout=20_000)
        assert hooks.count("dingtalk") == 1 and hooks.received[0].signed_ok
        assert "测试" in hooks.received[0].payload["text"]["content"]
        dialog.grab().save(str(tmp_path / "alert_channels.png"))

        # An unreachable mail server: the test's failure in words; the window answered meanwhile.
        dialog._new()
        dialog.kind.setCurrentIndex(dialog.kind.findData("email"))
        dialog.name.setText("公司邮件")
        dialog.host.setText("127.0.0.1")
        dialog.port.setValue(free_port())
        dialog.security.setCurrentIndex(dialog.security.findData("none"))
        dialog.sender_edit.setText("relgui@example.com")
        dialog.to.setText("lina@example.com")
        assert dialog.save(), told.texts
        settle()
        dialog.send_test()
        assert not dialog.test_button.isEnabled()  # running on a worker, the dialog still responds
        qtbot.waitUntil(lambda: dialog.state.text().startswith("✗"), timeout=20_000)
        assert "无法连接邮件服务器 127.0.0.1" in dialog.state.text()
        # Bad input is refused in words and nothing is saved.
        dialog._new()
        dialog.kind.setCurrentIndex(dialog.kind.findData("wecom"))
        dialog.name.setText("坏地址")
        dialog.url.setText("http://example.com/hook")
        assert not dialog.save()
        assert told.texts and "https" in told.texts[-1]
        settle()
        assert dialog.list.count() == 2 and dialog.name.text() == "坏地址"  # what was typed is kept
    finally:
        hooks.stop()
    wait_for(lambda: True)


def test_the_channels_list_follows_the_notices_and_keeps_a_form_being_edited(qtbot, sqlite_world, tmp_path,
                                                                             keyring_file, monkeypatch):
    """告警通道 reads its list when it opens and on each notice about the channels, its own save
    included, once per save (issue 17, item 2); another administrator's change shows in a form
    not being edited, and does not overwrite one being edited, whose save is then refused as
    stale rather than merged."""
    from relgui.domain.versions import NEW  # noqa: F401 - the service API's vocabulary
    from relgui.gui.dialogs.alert_channels import AlertChannelsDialog
    from relgui.services import alerts

    told = Told(monkeypatch)
    other = sqlite_world.ctx("admin")
    alerts.add_channel(other, "wecom", "值班群", {"keyword": "发布"}, url="https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=test-1")
    gctx = gui_context(sqlite_world, "admin", tmp_path)
    dialog = AlertChannelsDialog(gctx)
    qtbot.addWidget(dialog)
    settle()
    assert dialog.reading.reads == 1 and dialog.current().name == "值班群" and dialog.keyword.text() == "发布"
    assert dialog.list.item(0).text() == "值班群（企业微信群机器人）"  # the kind in words, not its key

    reads = dialog.reading.reads
    dialog.keyword.setText("上线")
    assert dialog.save(), told.texts
    settle()
    assert dialog.reading.reads == reads + 1  # its own notice, one read; no read of its own
    assert dialog.keyword.text() == "上线" and dialog.current().config["keyword"] == "上线"

    # Another administrator's change, the form untouched: shown.
    seen = alerts.channel(other, "值班群")
    alerts.update_channel(other, "值班群", config={**seen.config, "keyword": "变更"}, expected_version=seen.row_version)
    gctx.notifier.changed.emit(_elsewhere())
    settle()
    assert dialog.keyword.text() == "变更"

    # Being edited: kept; its save carries the version it was filled from and is refused.
    dialog.keyword.setText("我的改动")
    seen = alerts.channel(other, "值班群")
    alerts.update_channel(other, "值班群", enabled=False, expected_version=seen.row_version)
    gctx.notifier.changed.emit(_elsewhere())
    settle()
    assert dialog.keyword.text() == "我的改动" and dialog.list.item(0).text().startswith("⏸")
    from relgui.gui.dialogs.conflict import ConflictDialog

    shown = []
    monkeypatch.setattr(ConflictDialog, "show_for", classmethod(lambda cls, parent, gctx, exc: shown.append(exc)))
    assert not dialog.save()
    assert shown and "已被" in shown[0].message("zh_CN"), "the conflict is said, with who changed it"
    assert alerts.channel(other, "值班群").config["keyword"] == "变更"  # nothing merged
    assert dialog.keyword.text() == "我的改动"  # and nothing typed is lost


def _elsewhere():
    """The notice another workstation's change gives (the poller's)."""
    from relgui.services.context import Changes

    return Changes(frozenset({"*"}))
