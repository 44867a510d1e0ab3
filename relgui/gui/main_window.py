"""The main window: a shell around the register and the release detail.

It owns menus, shortcuts, the status bar (database, user, the most urgent countdown) and
window geometry; everything else lives in the views it holds.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QDialog, QLabel, QMainWindow, QSplitter, QToolBar, QWidget

from relgui import __version__
from relgui.domain import timeutil
from relgui.domain.errors import RelguiError
from relgui.domain.messages import words
from relgui.gui import batch_documents, ops
from relgui.gui.alert_center import AlertCenter
from relgui.gui.context import ChangePoller, GuiContext
from relgui.gui.detail_view import DetailView
from relgui.gui.dialogs.admin_company import open_admin_company
from relgui.gui.dialogs.admin_users import open_admin_users
from relgui.gui.dialogs.alert_channels import AlertChannelsDialog, AlertListDialog
from relgui.gui.dialogs.database import DatabaseDialog
from relgui.gui.dialogs.directory_settings import open_directory_settings
from relgui.gui.dialogs.new_release import NewReleaseDialog
from relgui.gui.dialogs.verify_document import open_verify_document
from relgui.gui.execution.my_work import open_my_work
from relgui.gui.i18n import LANGUAGES
from relgui.gui.insight.menu import add_menu
from relgui.gui.register_view import RegisterView
from relgui.services import register
from relgui.store import schema


# The registers' windows load at their first opening: with the main window they would add
# 40–50 ms (14 modules) to a start-up measured against a 1.4 s floor (benchmarks/bench_startup.py).
def open_changes(parent, gctx) -> None:
    # lazy: the changes register, ~33 ms, at first use, not at start-up
    from relgui.gui.registers.changes import open_changes as open_

    open_(parent, gctx)


def open_software(parent, gctx) -> None:
    # lazy: the software register, ~14 ms, at first use, not at start-up
    from relgui.gui.registers.software import open_software as open_

    open_(parent, gctx)


def open_config_items(parent, gctx) -> None:
    # lazy: the configuration-item register, ~10 ms, at first use, not at start-up
    from relgui.gui.registers.config_items import open_config_items as open_

    open_(parent, gctx)


class MainWindow(QMainWindow):
    first_page_painted = Signal()
    restart_requested = Signal(str)  # "database" | "user"

    def __init__(self, gctx: GuiContext, parent=None):
        super().__init__(parent)
        self.gctx = gctx
        self.setObjectName("main_window")
        self._build()
        self.poller = ChangePoller(gctx, gctx.settings.get("register/poll_seconds"), self)
        gctx.notifier.changed.connect(self._on_changes)
        gctx.notifier.outage.connect(self._outage)
        gctx.notifier.session_ended.connect(lambda _code: self.restart_requested.emit("user"))
        self._urgent_op: ops.Op | None = None
        self.clock_timer = QTimer(self, interval=30_000)
        self.clock_timer.timeout.connect(self.update_countdown)
        self.restore()
        self._start_alerts()  # issue 16: the desktop channel (tray notification, 我的提醒)

    # ---------------------------------------------------------------- building
    def _build(self) -> None:
        self.setWindowTitle(self.tr("relgui 发布管理 — 发布登记簿"))
        self.register = RegisterView(self.gctx, self)
        self.detail = DetailView(self.gctx, self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.register)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([840, 560])
        self.setCentralWidget(self.splitter)
        self.register.selected.connect(self.detail.show_release)
        self.register.first_page_painted.connect(self.first_page_painted)
        self.register.model.failed.connect(lambda msg: self.statusBar().showMessage(msg, 10_000))
        self._menus()
        self._status_bar()

    def _action(self, text: str, slot, shortcut=None, name: str = "") -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def _menus(self) -> None:
        bar = self.menuBar()
        bar.clear()
        self.new_action = self._action(self.tr("新建发布请求(&N)…"), self.new_release, QKeySequence.StandardKey.New,
                                       "new_release")
        self.refresh_action = self._action(self.tr("刷新(&R)"), self.refresh, QKeySequence.StandardKey.Refresh,
                                           "refresh")
        self.find_action = self._action(self.tr("查找(&F)"), self.focus_search, QKeySequence.StandardKey.Find, "find")
        self.open_action = self._action(self.tr("打开所选发布(&O)"), self.open_selected, "Return", "open")
        self.open_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.register.table.addAction(self.open_action)
        file_menu = bar.addMenu(self.tr("文件(&F)"))
        file_menu.addAction(self.new_action)
        file_menu.addAction(self._action(self.tr("批量生成文档(&B)…"), self.batch_documents, name="batch_documents"))
        file_menu.addSeparator()
        file_menu.addAction(self._action(self.tr("数据库设置(&D)…"), self.database_settings, name="database"))
        file_menu.addAction(self._action(self.tr("切换用户(&U)"), lambda: self.restart_requested.emit("user"),
                                         name="switch_user"))
        file_menu.addSeparator()
        file_menu.addAction(self._action(self.tr("退出(&X)"), self.close, QKeySequence.StandardKey.Quit, "quit"))
        view = bar.addMenu(self.tr("查看(&V)"))
        view.addAction(self.refresh_action)
        view.addAction(self.find_action)
        self.mine_action = self._action(self.tr("我的待办(&M)…"), self.my_work, "Ctrl+M", "mine")
        view.addAction(self.mine_action)
        lang_menu = view.addMenu(self.tr("语言(&L)"))
        group = QActionGroup(self)
        for code, name in LANGUAGES.items():
            a = self._action(name, lambda _=False, c=code: self.switch_language(c), name=f"lang_{code}")
            a.setCheckable(True)
            a.setChecked(code == self.gctx.lang)
            group.addAction(a)
            lang_menu.addAction(a)
        registers = bar.addMenu(self.tr("登记簿(&R)"))
        opener: Callable[[QWidget | None, GuiContext], object]
        for text, opener, name in (
            (self.tr("变更请求(&C)…"), open_changes, "changes"),
            (self.tr("最终软件库(&S)…"), open_software, "software"),
            (self.tr("配置项(&I)…"), open_config_items, "config_items"),
        ):
            registers.addAction(self._action(text, lambda _=False, o=opener: self._open(o), name=name))
        documents_menu = bar.addMenu(self.tr("文档(&D)"))  # R-DOC-SIGN: a printed page or a file against the archive
        documents_menu.addAction(self._action(
            self.tr("核验(&V)…"), lambda: self._open(open_verify_document),
            name="verify_document"))
        self._alert_menu(bar)  # issue 16
        if self.gctx.opened.actor.has("admin"):  # 管理 (issue 15): accounts and company settings, admins only
            admin_menu = bar.addMenu(self.tr("管理(&M)"))
            for text, opener, name in (
                (self.tr("用户与角色(&U)…"), open_admin_users, "admin_users"),
                (self.tr("公司设置(&C)…"), open_admin_company, "admin_company"),
                (self.tr("公司目录登录(&D)…"), open_directory_settings, "directory_settings"),
            ):
                admin_menu.addAction(self._action(text, lambda _=False, o=opener: self._open(o), name=name))
        help_menu = bar.addMenu(self.tr("帮助(&H)"))
        help_menu.addAction(self._action(self.tr("关于 relgui(&A)"), self.about, name="about"))
        add_menu(self)  # 分析: dashboard, calendar, knowledge base, Excel
        toolbar = self.addToolBar(self.tr("常用"))
        toolbar.setObjectName("main_toolbar")
        toolbar.addAction(self.new_action)
        toolbar.addAction(self.refresh_action)
        toolbar.addAction(self.mine_action)

    def _status_bar(self) -> None:
        bar = self.statusBar()
        self.db_label = QLabel(self.gctx.opened.db.describe(), objectName="db_label")
        self.user_label = QLabel(objectName="user_label")
        self.show_user()
        self.countdown = QLabel(objectName="countdown")
        self.outage_label = QLabel(objectName="outage_label")
        self.outage_label.setStyleSheet("color: #c62828; font-weight: bold;")
        self.outage_label.setVisible(False)
        bar.addWidget(self.countdown, 1)
        bar.addPermanentWidget(self.outage_label)
        bar.addPermanentWidget(self.user_label)
        bar.addPermanentWidget(self.db_label)

    # ---------------------------------------------------------------- behaviour
    def start(self) -> None:
        # The keys go to the register first: ↑/↓ move through the releases (before, the first
        # filter had the focus and ↓ changed the type filter).
        self.register.table.setFocus()
        self.register.restore_layout()
        self.poller.start()
        self.clock_timer.start()
        self.update_countdown()

    def _outage(self, since) -> None:
        """The status bar says the database is unavailable, and since when (None: it is back)."""
        if since is None:
            self.outage_label.setVisible(False)
            self.outage_label.clear()
            return
        self.outage_label.setText(self.tr("数据库不可用（自 {t} 起），正在自动重试").format(
            t=timeutil.shown(since, self.gctx.company_tz, "%H:%M:%S")))
        self.outage_label.setVisible(True)

    def update_countdown(self) -> None:
        """The most urgent deadlines (read on a worker; a tick while one is under way is skipped)."""
        if self._urgent_op is not None:
            return
        self._urgent_op = op = ops.run(None, self.gctx, register.urgent, self.gctx.app, quiet=True, owner=self,
                                       on_done=self._show_countdown, on_failed=self._countdown_failed)
        op.finished.connect(lambda: setattr(self, "_urgent_op", None))

    def _countdown_failed(self, exc) -> None:
        if isinstance(exc, RelguiError):
            self.countdown.setText(exc.message(self.gctx.lang))
            self.countdown.setStyleSheet("color: #c62828;")

    def _show_countdown(self, u) -> None:
        parts = []
        if u.next_decision_due is not None:
            left = (u.next_decision_due - self.gctx.opened.clock.now()).total_seconds() // 60
            parts.append(self.tr("回退决策 %n 个，最近一个剩 {m} 分钟", None, u.open_decisions).format(m=int(left))
                         if left >= 0 else
                         self.tr("回退决策 %n 个，已逾期 {m} 分钟", None, u.open_decisions).format(m=int(-left)))
        if u.cmdb_overdue:
            parts.append(self.tr("CMDB 更新逾期 %n 个", None, u.cmdb_overdue))
        # Two parts at most; the gap between them is the language's (a CJK space is too wide in English).
        self.countdown.setText(self.tr("{a}　{b}").format(a=parts[0], b=parts[1]) if len(parts) == 2 else "".join(parts))
        self.countdown.setStyleSheet("color: #c62828; font-weight: bold;" if parts else "")

    def show_user(self) -> None:
        """Who is logged in, with the roles the database gives them now."""
        actor = self.gctx.opened.actor
        roles = words("list", self.gctx.lang).join(self.gctx.profile.roles[r].label(self.gctx.lang) for r in sorted(actor.roles)
                         if r in self.gctx.profile.roles)
        self.user_label.setText(self.tr("{name}（{roles}）").format(name=actor.display_name, roles=roles)
                                if roles else actor.display_name)

    def _on_changes(self, changes) -> None:
        """The one refresh of a change notice (gui/context.Notifier): the register counts and
        reads its shown pages again, the detail reads its release again when it is concerned."""
        if "session" in changes.entities:  # the user's rights changed: every command re-renders
            self.show_user()
        self.register.refresh()
        if self.detail.release is not None and (changes.entities & {"*", "session"}
                                                or self.detail.release.id in changes.release_ids):
            self.detail.reload()
        if changes.release_ids or changes.entities & {"*", "session"}:
            self.update_countdown()

    def refresh(self) -> None:
        self.register.refresh()
        self.detail.reload()
        self.update_countdown()

    def focus_search(self) -> None:
        self.register.search.setFocus()
        self.register.search.selectAll()

    def open_selected(self) -> None:
        self.detail.show_release(self.register.current_id())

    def new_release(self) -> None:
        dialog = NewReleaseDialog(self.gctx, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.created:
            self.register.clear_filters()
            self.detail.show_release(dialog.created.id)

    def my_work(self) -> None:
        """What the logged-in user must do next, across all releases, most urgent first."""
        open_my_work(self, self.gctx)

    def _start_alerts(self) -> None:
        self.alert_center = AlertCenter(self.gctx, self)
        self.alert_center.open_release.connect(self.detail.show_release)
        # Its first round once the register's first page is on screen: at a branch office every
        # read before it is a round trip the user waits for (bench_roundtrips.py).
        self._alerts_started = False
        self.first_page_painted.connect(self._alerts_go)

    def _alerts_go(self) -> None:
        if not self._alerts_started:
            self._alerts_started = True
            self.alert_center.start()

    def _alert_menu(self, bar) -> None:
        menu = bar.addMenu(self.tr("提醒(&A)"))
        menu.addAction(self._action(self.tr("我的提醒(&L)…"), self.alert_list, name="alert_list"))
        if self.gctx.app is not None and self.gctx.app.actor.has("admin"):
            menu.addAction(self._action(self.tr("告警通道(&C)…"), self.alert_channels,
                                        name="alert_channels"))

    def alert_list(self) -> None:
        dialog = AlertListDialog(self.gctx, self)
        dialog.open_release.connect(self.detail.show_release)
        dialog.exec()

    def alert_channels(self) -> None:
        AlertChannelsDialog.show_for(self.gctx, self)

    def batch_documents(self) -> None:
        batch_documents.run(self, self.gctx, self.register.query())

    def database_settings(self) -> None:
        if DatabaseDialog(self.gctx, self).exec() == QDialog.DialogCode.Accepted:
            self.restart_requested.emit("database")

    def switch_language(self, lang: str) -> None:
        self.gctx.translations.use(lang)
        self.gctx.opened.lang = lang
        self.gctx.settings.set("ui/language", lang)
        keep = self.register.current_id()
        self.register.save_layout()
        for toolbar in self.findChildren(QToolBar):
            self.removeToolBar(toolbar)
            toolbar.deleteLater()
        self.statusBar().deleteLater()
        # Qt documents nullptr as "remove the status bar"; the stubs type the argument as not optional.
        self.setStatusBar(None)  # type: ignore[arg-type]
        self.gctx.notifier.changed.disconnect(self._on_changes)
        self._build()
        self.gctx.notifier.changed.connect(self._on_changes)
        self.register.restore_layout()
        self.register.select_id(keep)
        self.detail.show_release(keep)
        self.update_countdown()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.setWindowTitle(self.tr("relgui 发布管理 — 发布登记簿"))
        super().changeEvent(event)

    def _open(self, opener: Callable[[QWidget | None, GuiContext], object]) -> None:
        opener(self, self.gctx)

    def about(self) -> None:
        p = self.gctx.profile
        ops.tell(self, self.tr("关于 relgui"), self.tr(
            "relgui {v}\n发布管理制度 {pid} {pver}（{title}）\n数据库：{db}\n数据库结构版本：{rev}").format(
            v=__version__, pid=p.id, pver=p.version, title=p.title, db=self.gctx.opened.db.describe(),
            rev=schema.HEAD), icon=ops.QMessageBox.Icon.Information)

    # ---------------------------------------------------------------- state
    def restore(self) -> None:
        s = self.gctx.settings
        geometry = s.get("window/geometry")
        if geometry and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1400, 860)
        state = s.get("window/state")
        if state and not state.isEmpty():
            self.restoreState(state)
        splitter = s.get("window/splitter")
        if splitter and not splitter.isEmpty():
            self.splitter.restoreState(splitter)

    def closeEvent(self, event) -> None:
        s = self.gctx.settings
        s.set("window/geometry", self.saveGeometry())
        s.set("window/state", self.saveState())
        s.set("window/splitter", self.splitter.saveState())
        self.register.save_layout()
        s.sync()
        self.poller.timer.stop()
        self.clock_timer.stop()
        self.alert_center.stop()
        super().closeEvent(event)

