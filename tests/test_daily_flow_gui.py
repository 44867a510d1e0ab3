"""The release office's daily flow (issue 15), walked in the GUI (pytest-qt, offscreen):
irreversible commands confirm in the policy's words, multi-select acts on every selected row,
titles show their limit and are refused over it (never cut), an empty register says what to do
first, and the layout holds in both languages (columns fit their texts, the detail pane fits its
area, the detail's commands keep one order)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from flows import release_at, software_v, step
from gui_support import Told, gui_context, settle
from PySide6.QtCore import Qt, QTranslator
from PySide6.QtWidgets import QApplication, QPushButton, QWidget

from relgui.domain import validation
from relgui.domain.release_detail import ReleaseDetail
from relgui.domain.states import Action, Status
from relgui.gui.dialogs.new_release import NewReleaseDialog
from relgui.gui.dialogs.release_request_edit import ReleaseRequestEditDialog
from relgui.gui.execution.config_update import ConfigUpdateDialog
from relgui.gui.execution.monitor import MonitorWindow
from relgui.gui.execution.rollback_exec import RollbackDialog
from relgui.gui.main_window import MainWindow
from relgui.gui.register_model import COLUMN, COLUMNS
from relgui.gui.registers.changes import ChangesDialog
from relgui.gui.registers.config_items import ConfigItemsDialog
from relgui.gui.registers.software import SoftwareDialog
from relgui.services import details, inventory, plans, register
from relgui.services.register import RegisterQuery

# RELGUI_SCREENS=docs/screenshots writes the screenshots this file takes (looked at, then committed).
SHOTS = Path(os.environ["RELGUI_SCREENS"]) if os.environ.get("RELGUI_SCREENS") else None


@pytest.fixture(autouse=True)
def fresh_translators():
    """No translator of an earlier test stays installed (each context installs its own)."""
    def remove():
        app = QApplication.instance()
        for translator in app.findChildren(QTranslator) if app is not None else ():
            app.removeTranslator(translator)
    remove()
    yield
    remove()


def shot(widget, name: str) -> None:
    if SHOTS is not None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(SHOTS / f"{name}.png"))


@pytest.fixture
def window(tmp_path, qtbot):
    def make(world, username="lina", lang="zh_CN", size=(1280, 800)):
        gctx = gui_context(world, username, tmp_path, lang)
        win = MainWindow(gctx)
        qtbot.addWidget(win)
        win.resize(*size)
        win.show()
        win.start()
        settle()
        return win
    return make


def select(win, number: str) -> None:
    model = win.register.model
    row = next(r for r in range(model.rowCount()) if model.row_at(r).number == number)
    win.register.table.setCurrentIndex(model.index(row, 0))
    settle()
    assert win.detail.release.number == number


def data(world, number: str) -> ReleaseDetail:
    return details.show(world.ctx(), number)


# ---------------------------------------------------------------- 1. irreversible commands confirm

def test_finish_deployment_asks_first_and_a_no_changes_nothing(world, tmp_path, qtbot, monkeypatch):
    number = release_at(world, Status.DEPLOYING)
    for n in (1, 2):
        step(world, number, n)
    told = Told(monkeypatch, answer=False)
    gctx = gui_context(world, "zhangwei", tmp_path)
    mon = MonitorWindow(None, gctx, data(world, number), plans.approved(gctx.app, number))
    qtbot.addWidget(mon)
    finish = mon.commands[Action.FINISH_DEPLOYMENT]
    assert finish.isEnabled(), finish.toolTip()
    finish.click()
    settle()
    title, text = told.messages[-1]
    assert title == "完成部署" and number in text and "效果验证" in text
    assert data(world, number).status == "deploying"
    told.answer = True
    finish.click()
    settle()
    assert data(world, number).status == "verifying"


def test_cmdb_update_names_the_items_and_their_versions_before_writing(world, tmp_path, qtbot, monkeypatch):
    number = release_at(world, Status.CONFIG_UPDATE)
    told = Told(monkeypatch, answer=False)
    gctx = gui_context(world, "zhangwei", tmp_path)
    dialog = ConfigUpdateDialog(None, gctx, data(world, number))
    qtbot.addWidget(dialog)
    cmdb = dialog.parts[0]
    assert cmdb.apply_button.isEnabled(), cmdb.apply_button.toolTip()
    cmdb.apply_button.click()
    settle()
    title, text = told.messages[-1]
    assert title == "更新 CMDB" and "配置管理数据库（CMDB）" in text
    items = data(world, number).config_items
    assert items and all(f"{c.name}：{c.before} → {c.after}" in text for c in items)
    assert all(c.applied is None for c in data(world, number).config_items)  # nothing written
    told.answer = True
    cmdb.apply_button.click()
    settle()
    assert all(c.applied == c.after for c in data(world, number).config_items)


def test_completing_the_configuration_update_or_a_rollback_asks_naming_the_outcome(world, tmp_path, qtbot,
                                                                                   monkeypatch):
    told = Told(monkeypatch, answer=False)
    number = release_at(world, Status.CONFIG_UPDATE)
    gctx = gui_context(world, "zhangwei", tmp_path)
    dialog = ConfigUpdateDialog(None, gctx, data(world, number))
    qtbot.addWidget(dialog)
    assert dialog.complete() is False
    assert told.messages[-1][0] == "完成配置更新" and "“发布成功”" in told.texts[-1]
    assert data(world, number).status == "config_update"
    back = release_at(world, Status.ROLLING_BACK)
    rb = RollbackDialog(None, gctx, data(world, back), plans.approved(gctx.app, back))
    qtbot.addWidget(rb)
    assert rb.complete() is False
    assert told.messages[-1][0] == "完成回退" and "“已回退”" in told.texts[-1] and back in told.texts[-1]
    assert data(world, back).status == "rolling_back"


def test_withdrawing_a_plan_is_under_more_and_asks(world, window, monkeypatch):
    number = release_at(world, Status.PLAN_SUBMITTED)
    told = Told(monkeypatch, answer=False)
    win = window(world, "zhangwei")
    select(win, number)
    assert "withdraw_plan" not in win.detail.buttons and "cancel" not in win.detail.buttons
    withdraw = win.detail.more_actions["withdraw_plan"]
    assert withdraw.isEnabled(), withdraw.toolTip()
    withdraw.trigger()
    settle()
    assert told.messages[-1][0] == "撤回发布计划" and number in told.texts[-1]
    assert data(world, number).status == "plan_submitted"
    told.answer = True
    withdraw.trigger()
    settle()
    assert data(world, number).status == "planning"


def _pending(world, n: int) -> list[tuple[str, str]]:
    ctx = world.ctx("lina")
    keys = []
    for i in range(n):
        version = f"3.{i}.0"
        inventory.register_version(ctx, "ebank-db", version, sha256=f"{i:064x}", location=f"\\\\dsl\\ebank-db\\{version}")
        keys.append(("ebank-db", version))
    return keys


def _select_rows(dialog, keys) -> None:
    settle()  # the rows are read on a worker
    dialog.table.clearSelection()
    model = dialog.table.selectionModel()
    for r in range(dialog.table.rowCount()):
        item = dialog.table.item(r, 0)
        if item.data(Qt.ItemDataRole.UserRole) in keys:
            model.select(dialog.table.model().index(r, 0),
                         model.SelectionFlag.Select | model.SelectionFlag.Rows)


def test_approving_selected_versions_acts_on_every_row_after_one_confirmation(world, tmp_path, qtbot, monkeypatch):
    keys = _pending(world, 3)
    told = Told(monkeypatch, answer=False)
    dialog = SoftwareDialog(None, gui_context(world, "lina", tmp_path))
    qtbot.addWidget(dialog)
    _select_rows(dialog, keys)
    assert sorted(dialog.selected_keys()) == sorted(keys)
    assert dialog.approve() is False
    assert len(told.messages) == 1 and "批准所选的 3 个软件版本" in told.texts[0]
    assert all(f"{a} {v}" in told.texts[0] for a, v in keys)
    states = {(v.artifact, v.version): v.status for v in inventory.versions(world.ctx(), "ebank-db")}
    assert all(states[k] == "pending" for k in keys)  # "no": nothing approved
    told.answer = True
    assert dialog.approve() is True
    assert len(told.messages) == 2  # one confirmation for the three
    states = {(v.artifact, v.version): v.status for v in inventory.versions(world.ctx(), "ebank-db")}
    assert all(states[k] == "approved" for k in keys)


def test_approving_several_is_all_or_none(world, tmp_path, qtbot, monkeypatch):
    """One of the chosen versions changed by someone else meanwhile: a conflict, and none of the
    others is approved either (one unit of work)."""
    keys = _pending(world, 2)
    Told(monkeypatch, answer=True)
    dialog = SoftwareDialog(None, gui_context(world, "lina", tmp_path))
    qtbot.addWidget(dialog)
    _select_rows(dialog, keys)
    inventory.approve_version(world.ctx("zhaomin"), *keys[1], expected_version=software_v(world, *keys[1]))
    from relgui.gui.dialogs.conflict import ConflictDialog

    shown = []
    monkeypatch.setattr(ConflictDialog, "show_for", classmethod(lambda cls, parent, gctx, exc: shown.append(exc)))
    assert dialog.approve() is False
    assert shown, "the conflict is said"
    states = {(v.artifact, v.version): v.status for v in inventory.versions(world.ctx(), "ebank-db")}
    assert states[keys[0]] == "pending"


def test_approve_versions_refuses_an_engineer(sqlite_world):
    from relgui.domain.errors import RelguiError

    keys = _pending(sqlite_world, 1)
    with pytest.raises(RelguiError):
        inventory.approve_versions(sqlite_world.ctx("zhangwei"),
                                   [(*keys[0], software_v(sqlite_world, *keys[0]))])
    assert next(v for v in inventory.versions(sqlite_world.ctx(), "ebank-db") if v.version == keys[0][1]).status == "pending"


# ---------------------------------------------------------------- 2. titles have a visible limit

def test_new_release_title_shows_its_limit_and_is_refused_over_it_never_cut(world, tmp_path, qtbot):
    limit = validation.TITLE_LIMIT
    gctx = gui_context(world, "zhangwei", tmp_path)
    dialog = NewReleaseDialog(gctx)
    qtbot.addWidget(dialog)
    settle()
    assert str(limit) in dialog.ui.title.placeholderText()
    long_title = "核" * 5000
    dialog.ui.title.setText(long_title)  # as a paste would
    assert len(dialog.ui.title.text()) == 5000  # not cut by the field
    assert dialog.ui.title_count.text() == f"5000/{limit}"
    assert f"{limit} 个字" in dialog.ui.error.text()
    assert dialog.submit() is False
    assert dialog.ui.title.text() == long_title and f"{limit}" in dialog.ui.error.text()
    assert register.count(world.ctx(), RegisterQuery()) == 0  # nothing half-written
    dialog.ui.title.setText("核" * limit)
    assert dialog.ui.error.text() == ""
    assert dialog.submit() is True
    assert details.show_json(world.ctx(), dialog.created.number)["title"] == "核" * limit
    shot(dialog, "new-release-title-limit")


def test_new_release_title_limit_in_english(sqlite_world, tmp_path, qtbot):
    gctx = gui_context(sqlite_world, "zhangwei", tmp_path, "en")
    dialog = NewReleaseDialog(gctx)
    qtbot.addWidget(dialog)
    dialog.ui.title.setText("x" * 600)
    assert dialog.submit() is False
    assert "500" in dialog.ui.error.text() and "（" not in dialog.ui.error.text()
    assert "500" in dialog.ui.title.placeholderText()
    dialog.show()
    shot(dialog, "new-release-title-limit-en")


def test_editing_a_request_shows_the_same_limit_and_refuses_over_it(world, tmp_path, qtbot, monkeypatch):
    number = release_at(world, Status.REQUESTED)
    gctx = gui_context(world, "zhangwei", tmp_path)
    dialog = ReleaseRequestEditDialog(gctx, data(world, number))
    qtbot.addWidget(dialog)
    dialog.title.setText("核" * 5000)
    assert dialog.title_count.text() == f"5000/{validation.TITLE_LIMIT}"
    assert dialog.save() is False
    assert str(validation.TITLE_LIMIT) in dialog.error.text()
    assert dialog.title.text() == "核" * 5000
    assert data(world, number).title == "核心交易系统升级"


# ---------------------------------------------------------------- 3. the empty register's hint

def test_an_empty_register_says_what_to_do_first_for_each_role(world, window):
    manager = window(world, "lina")
    hint = manager.register.empty_hint
    assert hint.isVisible() and "新建发布请求" in hint.text() and "用户与角色" not in hint.text()
    assert hint.geometry().intersects(manager.register.table.viewport().rect())
    shot(manager, "register-empty-hint")
    admin = window(world, "admin")
    assert admin.register.empty_hint.isVisible()
    assert "管理 → 用户与角色" in admin.register.empty_hint.text()
    assert "新建发布请求…" not in admin.register.empty_hint.text()  # an administrator alone may not
    release_at(world, Status.REQUESTED)
    manager.refresh()
    settle()
    assert manager.register.model.rowCount() == 1 and not manager.register.empty_hint.isVisible()
    manager.register.search.setText("没有这个发布")
    manager.register.apply_filters()
    settle()
    assert manager.register.empty_hint.isVisible() and "清除筛选" in manager.register.empty_hint.text()


def test_the_empty_register_hint_in_english(sqlite_world, window):
    win = window(sqlite_world, "lina", "en")
    text = win.register.empty_hint.text()
    assert win.register.empty_hint.isVisible() and "New release request" in text
    assert not any("\u4e00" <= ch <= "\u9fff" or ch in "（）：；" for ch in text), text
    shot(win, "register-empty-hint-en")


# ---------------------------------------------------------------- 4. layout in both languages

def _text_width(view, text: str) -> int:
    return view.horizontalHeader().fontMetrics().horizontalAdvance(text)


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_register_columns_fit_their_texts(sqlite_world, window, lang):
    number = release_at(sqlite_world, Status.REQUESTED, type_="emergency")
    win = window(sqlite_world, "lina", lang)
    table, model = win.register.table, win.register.model
    header = table.horizontalHeader()
    for c in range(len(COLUMNS)):
        if header.isSectionHidden(c):
            continue
        title = model.headerData(c, Qt.Orientation.Horizontal)
        assert header.sectionSize(c) >= _text_width(table, title), (lang, title)
    emergency = model.index(0, COLUMN["type"]).data()
    assert emergency == ("紧急发布" if lang == "zh_CN" else "Emergency release")
    assert header.sectionSize(COLUMN["type"]) >= table.fontMetrics().horizontalAdvance(emergency) + 16
    for key in ("status", "stage"):
        labels = {"status": [s.label(win.gctx.lang) for s in win.gctx.profile.statuses.values()],
                  "stage": [s.label(win.gctx.lang) for s in win.gctx.profile.stages]}[key]
        widest = max(table.fontMetrics().horizontalAdvance(t) for t in labels)
        assert header.sectionSize(COLUMN[key]) >= widest, (lang, key)
    select(win, number)


def test_a_layout_saved_in_chinese_still_fits_english(sqlite_world, window, tmp_path):
    release_at(sqlite_world, Status.REQUESTED, type_="emergency")
    win = window(sqlite_world, "lina", "zh_CN")
    win.switch_language("en")
    settle()
    table = win.register.table
    assert table.horizontalHeader().sectionSize(COLUMN["type"]) >= table.fontMetrics().horizontalAdvance("Emergency") + 16


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_side_registers_stretch_their_text_column_not_the_last(sqlite_world, tmp_path, qtbot, lang):
    gctx = gui_context(sqlite_world, "lina", tmp_path, lang)
    for cls, stretched in ((ChangesDialog, 1), (ConfigItemsDialog, 0), (SoftwareDialog, 5)):
        dialog = cls(None, gctx)
        qtbot.addWidget(dialog)
        dialog.resize(1100, 600)
        dialog.show()
        header = dialog.table.horizontalHeader()
        assert header.sectionResizeMode(stretched) == header.ResizeMode.Stretch  # before its rows arrive
        settle()
        last = dialog.table.columnCount() - 1
        assert not dialog.table.wordWrap()  # one line per row, cut with "…": a path never breaks into fragments
        assert header.sectionResizeMode(stretched) == header.ResizeMode.Stretch
        assert stretched == last or header.sectionResizeMode(last) != header.ResizeMode.Stretch
        for c in range(dialog.table.columnCount()):
            title = dialog.table.horizontalHeaderItem(c).text()
            assert header.sectionSize(c) >= _text_width(dialog.table, title), (cls.__name__, title)
        shot(dialog, f"register-{dialog.objectName()}-{lang}")


ROLES = ("lina", "zhangwei", "liuyang", "wangfang")


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_detail_fits_its_pane_and_keeps_one_command_order_for_every_role(sqlite_world, window, lang):
    numbers = {status: release_at(sqlite_world, status, type_="major")
               for status in (Status.REQUESTED, Status.PLAN_SUBMITTED, Status.VERIFYING)}
    orders = {}
    for username in ROLES:
        win = window(sqlite_world, username, lang)
        for status, number in numbers.items():
            select(win, number)
            detail = win.detail
            page = detail.widget()
            viewport = detail.viewport().width()
            assert page.minimumSizeHint().width() <= viewport, (username, status, page.minimumSizeHint(), viewport)
            assert not detail.horizontalScrollBar().isVisible(), (username, status)
            bar = page.findChild(QWidget, "stage_bar")
            assert bar.geometry().right() <= viewport
            box = page.findChild(QWidget, "commands")
            buttons = [b for b in box.findChildren(QPushButton) if b.objectName() != "cmd_more"]
            ordered = [b.objectName() for b in sorted(buttons, key=lambda b: (b.mapTo(box, b.rect().topLeft()).y(),
                                                                                b.mapTo(box, b.rect().topLeft()).x()))]
            orders.setdefault(status, set()).add(tuple(ordered))
            more = box.findChild(QPushButton, "cmd_more")
            assert more.geometry().right() <= box.width()  # always at the row's right end
            if status is Status.REQUESTED:
                assert "cancel" in detail.more_actions and "cancel" not in detail.buttons
            if username == "liuyang" and status is Status.PLAN_SUBMITTED:
                shot(win, f"detail-commands-manager-{lang}")
        win.close()
    for status, seen in orders.items():
        assert len(seen) == 1, (status, seen)  # the same buttons in the same order for every role


def test_status_bar_has_no_chinese_punctuation_in_english(sqlite_world, window):
    win = window(sqlite_world, "liuyang", "en")
    texts = [win.user_label.text(), win.register.count_label.text()]
    assert all(not any(ch in "（）：；、，　" for ch in t) for t in texts), texts
    win.register.show_releases((1, 2), "Success rate Q4")
    settle()
    assert not any(ch in "（）：；、，　" for ch in win.register.count_label.text()), win.register.count_label.text()


def test_the_deadlines_line_in_english_has_no_cjk_spacing(sqlite_world, window):
    """The status bar's most urgent deadlines: two of them, joined without a CJK space."""
    from flows import problem

    problem(sqlite_world, release_at(sqlite_world, Status.DEPLOYING))
    release_at(sqlite_world, Status.CONFIG_UPDATE)
    sqlite_world.clock.advance(hours=25)  # the CMDB update's 24 hours are over
    win = window(sqlite_world, "liuyang", "en")
    win.update_countdown()
    settle()
    text = win.countdown.text()
    assert "rollback decision" in text and "CMDB" in text, text  # two parts, joined
    assert not any(ch in "（）：；、，　" or "\u4e00" <= ch <= "\u9fff" for ch in text), text


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_the_risk_table_stretches_its_description_not_the_likelihood(qtbot, lang):
    """风险描述 takes the width left over; 可能性(1-5) (a longer header, a number) does not."""
    from relgui.gui.wizard.delegates import CellDelegate
    from relgui.gui.wizard.table_editor import TableEditor
    from relgui.gui.wizard.table_model import RowsModel
    from relgui.policy import current_profile

    class NoLookups:
        def config_items(self):
            return []

        def config_item(self, name):
            return None

        def approved_versions(self, name):
            return []

    spec = next(t for t in current_profile().section("risks").tables if t.key == "risks")
    model = RowsModel(spec, lang)
    editor = TableEditor(model, CellDelegate(model, NoLookups(), "未填写"))
    qtbot.addWidget(editor)
    editor.resize(900, 400)
    editor.show()
    editor.fit_columns()
    header = editor.view.horizontalHeader()
    keys = [c.key for c in spec.columns]
    stretched = [keys[c] for c in range(len(keys)) if header.sectionResizeMode(c) == header.ResizeMode.Stretch]
    assert stretched == ["description"], stretched
    assert header.sectionSize(keys.index("description")) > header.sectionSize(keys.index("likelihood"))
