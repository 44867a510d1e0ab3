"""The first-run wizard's sample data follows the demo's rule: random passwords for the sample
accounts, shown once on a last page (cleared when the wizard closes); no published password."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QDialog, QLabel, QWizard

from relgui.domain.errors import AuthError
from relgui.services import company, register, users
from relgui.services.context import AppContext
from relgui.services.database import open_database


@pytest.fixture
def wizard(tmp_path, qtbot):
    from PySide6.QtWidgets import QApplication

    from relgui.domain.timeutil import FixedClock
    from relgui.gui import ops
    from relgui.gui.context import GuiContext
    from relgui.gui.dialogs.first_run import FirstRunWizard, stored_company
    from relgui.gui.i18n import Translations
    from relgui.gui.settings import Settings

    made = []

    def make(prepare=None):
        ctx = AppContext(db=open_database(str(tmp_path / f"new{len(made)}.db")),
                         clock=FixedClock(dt.datetime(2026, 11, 27, 2, tzinfo=dt.UTC)))
        if prepare:
            prepare(ctx)
        tr = Translations(QApplication.instance())
        tr.use("zh_CN")
        _, stored = ops.call(None, None, stored_company, ctx)  # on a worker, as start-up reads it
        w = FirstRunWizard(GuiContext(ctx, Settings(tmp_path / "s.ini"), tr), stored)
        qtbot.addWidget(w)
        w.show()
        w.account.username.setText("sunyue")
        w.account.display_name.setText("孙玥")
        w.account.password.setText("a-long-password")
        w.account.repeat.setText("a-long-password")
        made.append(ctx)
        return w

    yield make
    for ctx in made:
        ctx.db.dispose()


def test_sample_accounts_get_random_passwords_shown_once_on_a_last_page(wizard):
    w = wizard()
    texts = " ".join(label.text() for label in w.sample.findChildren(QLabel))
    assert "relgui-demo" not in texts and "随机" in texts
    w.sample.load.setChecked(True)
    w.sample.count.setValue(20)
    w.restart()
    w.next()
    w.next()
    assert w.currentPage() is w.sample and w.sample.isFinalPage()
    w.accept()
    ctx = w.gctx.app
    assert w.actor.username == "sunyue" and register.page(ctx, register.RegisterQuery(limit=1)).total == 20
    assert w.currentPage() is w.accounts and w.result() != QDialog.DialogCode.Accepted  # not closed yet
    assert not w.button(QWizard.WizardButton.BackButton).isEnabled()
    table = w.accounts.table
    shown = {table.item(r, 0).text(): table.item(r, 3).text() for r in range(table.rowCount())}
    assert set(shown) == {"lina", "zhaomin", "zhangwei", "wangfang", "liuyang", "chenjing", "auditor"}
    assert len(set(shown.values())) == 7 and "relgui-demo" not in shown.values()
    assert users.login(ctx, "lina", shown["lina"]).username == "lina"
    with pytest.raises(AuthError):
        users.login(ctx, "zhaomin", "relgui-demo")
    w.accept()  # Finish
    assert w.result() == QDialog.DialogCode.Accepted and table.rowCount() == 0  # the passwords are gone


def test_without_sample_data_the_wizard_finishes_at_once(wizard):
    w = wizard()
    w.accept()
    assert w.result() == QDialog.DialogCode.Accepted and w.accounts.table.rowCount() == 0
    assert register.page(w.gctx.app, register.RegisterQuery(limit=1)).total == 0


def test_closing_the_passwords_page_still_finishes(wizard):
    w = wizard()
    w.sample.load.setChecked(True)
    w.sample.count.setValue(10)
    w.accept()
    assert w.currentPage() is w.accounts
    w.reject()
    assert w.result() == QDialog.DialogCode.Accepted and w.accounts.table.rowCount() == 0


def test_after_relgui_admin_init_the_wizard_shows_and_keeps_the_stored_settings(wizard):
    """`relgui-admin init --company …` before the first start: the wizard shows what is stored
    and saves over it (it was refused as a conflict: it claimed to have seen no settings)."""
    from relgui.domain.versions import NEW

    def init(ctx):
        company.save(ctx, company_name="某某公司", department="信息部", number_pattern="REL-{year}-{seq:03d}",
                     expected_version=NEW)

    w = wizard(init)
    assert w.company.company.text() == "某某公司" and w.company.preview.text() == "REL-2026-001"
    w.accept()
    assert w.result() == QDialog.DialogCode.Accepted
    assert company.get(w.gctx.app).department == "信息部"


def test_a_failed_step_is_not_repeated_when_the_user_tries_again(wizard, monkeypatch):
    """The account is made; sample data is refused (the database already has releases, say it
    in words); unticked, Finish again logs in without making the account twice."""
    from relgui.gui import ops

    told = []
    monkeypatch.setattr(ops, "tell", lambda parent, title, text, *a: told.append(text))

    def with_a_release(ctx):
        from relgui.store.models import Release

        with ctx.db.engine.begin() as conn:
            conn.execute(Release.__table__.insert().values(
                id=1, number="OLD-1", title="旧发布", type="normal", status="requested", profile_ref="XDYJ-06-01@1.0",
                systems="", description="", created_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
                updated_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
                row_version=1))

    w = wizard(with_a_release)
    w.sample.load.setChecked(True)
    w.accept()
    assert told and "已有 1 个发布" in told[0] and w.actor is None
    assert [u.username for u in users.list_all(w.gctx.app)] == ["sunyue"]
    w.sample.load.setChecked(False)
    w.accept()
    assert w.result() == QDialog.DialogCode.Accepted and w.actor.username == "sunyue"
