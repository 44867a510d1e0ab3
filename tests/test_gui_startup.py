"""First run, login, database settings, conflict dialog, language switch (offscreen)."""

from __future__ import annotations

import datetime as dt

import pytest
from flows import PASSWORD, release_at
from gui_support import gui_context, settle
from PySide6.QtWidgets import QDialog, QLabel

from relgui.domain.errors import Conflict
from relgui.domain.states import Status
from relgui.gui.dialogs.database import DatabaseDialog
from relgui.gui.dialogs.first_run import FirstRunWizard
from relgui.gui.dialogs.login import LoginDialog
from relgui.gui.main_window import MainWindow
from relgui.services import company, register
from relgui.services.context import AppContext
from relgui.services.database import open_database


@pytest.fixture
def empty_gctx(tmp_path):
    from PySide6.QtWidgets import QApplication

    from relgui.domain.timeutil import FixedClock
    from relgui.gui.context import GuiContext
    from relgui.gui.i18n import Translations
    from relgui.gui.settings import Settings

    ctx = AppContext(db=open_database(str(tmp_path / "new.db")),
                     clock=FixedClock(dt.datetime(2026, 11, 27, 2, tzinfo=dt.UTC)))
    tr = Translations(QApplication.instance())
    tr.use("zh_CN")
    yield GuiContext(ctx, Settings(tmp_path / "s.ini"), tr)
    ctx.db.dispose()


def test_first_run_creates_admin_manager_company_and_sample_data(empty_gctx, qtbot):
    wizard = FirstRunWizard(empty_gctx)
    qtbot.addWidget(wizard)
    wizard.show()
    page = wizard.account
    page.username.setText("sunyue")
    page.display_name.setText("孙玥")
    page.password.setText("a-long-password")
    page.repeat.setText("a-long-pass")
    assert not page.validatePage() and "不一致" in page.error.text()
    page.repeat.setText("a-long-password")
    assert page.validatePage()
    wizard.company.pattern.setText("REL-{seq}")
    assert wizard.company.preview.text() == "REL-1"
    wizard.company.pattern.setText("REL-{year}")
    assert wizard.company.preview.text() == "—" and not wizard.company.validatePage()
    wizard.company.pattern.setText("REL-{year}-{seq:03d}")
    wizard.sample.load.setChecked(True)
    wizard.sample.count.setValue(30)
    wizard.accept()
    assert wizard.actor.username == "sunyue" and wizard.actor.roles == {"admin", "manager"}
    assert company.get(empty_gctx.app).number_pattern == "REL-{year}-{seq:03d}"
    assert register.page(empty_gctx.app, register.RegisterQuery(limit=1)).total == 30


def test_login_says_until_when_an_account_is_locked(world, tmp_path, qtbot):
    gctx = gui_context(world, None, tmp_path)
    dialog = LoginDialog(gctx)
    qtbot.addWidget(dialog)
    dialog.ui.username.setText("lina")
    for _ in range(5):
        dialog.ui.password.setText("wrong")
        dialog.try_login()
    assert "账户已锁定" in dialog.ui.error.text()
    # In the company's time zone (one time rule, issue 15), not this computer's.
    until = (world.clock.now() + dt.timedelta(minutes=15)).astimezone(company.zone("Asia/Shanghai")).strftime("%H:%M")
    assert until in dialog.ui.error.text()
    assert dialog.result() != QDialog.DialogCode.Accepted


def test_login_succeeds_and_remembers_the_user(world, tmp_path, qtbot):
    gctx = gui_context(world, None, tmp_path)
    dialog = LoginDialog(gctx)
    qtbot.addWidget(dialog)
    dialog.ui.username.setText("zhangwei")
    dialog.ui.password.setText(PASSWORD)
    dialog.try_login()
    assert dialog.actor.username == "zhangwei" and gctx.settings.get("ui/last_user") == "zhangwei"


def test_database_dialog_refuses_a_network_path_and_keeps_the_input(world, tmp_path, qtbot):
    gctx = gui_context(world, "admin", tmp_path)
    dialog = DatabaseDialog(gctx)
    qtbot.addWidget(dialog)
    dialog.ui.local_radio.setChecked(True)
    dialog.ui.sqlite_path.setText("//fileserver/share/relgui.db")
    dialog.save()
    assert "网络路径" in dialog.ui.status.text() and dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.ui.sqlite_path.text() == "//fileserver/share/relgui.db"


def test_database_dialog_switches_to_a_server_and_back(world, tmp_path, qtbot, pg_server, pg_template, monkeypatch):
    # pg_template: relgui_template exists (run alone, the [sqlite] case had only the bare server)
    from relgui.gui import dbconfig

    stored = {}
    monkeypatch.setattr(dbconfig, "store_password", lambda cfg, pw: stored.setdefault(cfg.account, pw) or True)
    gctx = gui_context(world, "admin", tmp_path)
    dialog = DatabaseDialog(gctx)
    qtbot.addWidget(dialog)
    dialog.ui.server_radio.setChecked(True)
    dialog.ui.host.setText("127.0.0.1")
    dialog.ui.port.setValue(1)  # nothing listens there
    dialog.ui.user.setText("postgres")
    dialog.ui.sslmode.setCurrentIndex(dialog.ui.sslmode.findData("disable"))  # the test server speaks no TLS
    assert not dialog.test() and "无法连接数据库" in dialog.ui.status.text()
    dialog.ui.port.setValue(pg_server.port)
    dialog.ui.dbname.setText("relgui_template")
    dialog.ui.password.setText("secret")
    dialog.save()
    assert dialog.result() == QDialog.DialogCode.Accepted, dialog.ui.status.text()
    assert gctx.settings.get("db/kind") == "postgresql" and gctx.settings.get("db/pg_port") == pg_server.port
    assert "secret" not in gctx.settings.path.read_text()
    assert stored == {f"postgres@127.0.0.1:{pg_server.port}/relgui_template": "secret"}


def test_conflict_dialog_names_who_and_keeps_input(world, tmp_path, qtbot):
    from relgui.gui.dialogs.conflict import ConflictDialog

    gctx = gui_context(world, "zhangwei", tmp_path)
    dialog = ConflictDialog(None, gctx, Conflict("plan", "FB-2026-0001#purpose", "王芳", "2026-11-27 10:05:00",
                                                 ("purpose.text",)))
    qtbot.addWidget(dialog)
    labels = [w.text() for w in dialog.findChildren(QLabel)]
    assert any("王芳" in t and "2026-11-27 10:05:00" in t for t in labels)
    assert any("purpose.text" in t for t in labels)
    assert any("您输入的内容仍在窗口中" in t for t in labels)


def test_language_switch_relabels_the_window(world, tmp_path, qtbot):
    release_at(world, Status.REQUESTED)
    gctx = gui_context(world, "lina", tmp_path)
    win = MainWindow(gctx)
    qtbot.addWidget(win)
    win.show()
    win.start()
    assert win.menuBar().actions()[0].text() == "文件(&F)"
    win.switch_language("en")
    settle()
    assert win.menuBar().actions()[0].text() == "&File"
    assert win.register.model.index(0, 3).data() == "Requested"
    assert gctx.settings.get("ui/language") == "en"
    win.switch_language("zh_CN")
    assert win.register.search.placeholderText().startswith("搜索")


def test_layout_is_kept_between_runs(world, tmp_path, qtbot):
    gctx = gui_context(world, "lina", tmp_path)
    win = MainWindow(gctx)
    qtbot.addWidget(win)
    win.show()
    win.start()
    header = win.register.table.horizontalHeader()
    header.setSectionHidden(2, True)
    win.close()
    again = MainWindow(gctx)
    qtbot.addWidget(again)
    again.show()
    again.start()
    assert again.register.table.horizontalHeader().isSectionHidden(2)
