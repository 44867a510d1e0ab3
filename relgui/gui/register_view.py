"""发布登记簿: the filter bar above the paged table; column chooser; layout kept between runs."""

from __future__ import annotations

import dataclasses
import datetime as dt

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from relgui.domain import lifecycle, timeutil
from relgui.gui import ops
from relgui.gui.flowlayout import flow_widget
from relgui.gui.register_model import COLUMN, COLUMNS, ID_ROLE, RegisterModel
from relgui.gui.register_model import tr as model_tr
from relgui.services import users
from relgui.services.register import RegisterQuery

NO_DATE = QDate(2000, 1, 1)
HIDDEN_BY_DEFAULT = ("planned_end", "updated_at", "outcome")


class RegisterView(QWidget):
    selected = Signal(int)          # release id
    activated = Signal(int)         # double-click / Enter
    first_page_painted = Signal()

    def __init__(self, gctx, parent=None):
        super().__init__(parent)
        self.gctx = gctx
        self.model = RegisterModel(gctx, self)
        self._painted = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._filter_bar())
        self.table = _Table(self)
        self.table.setModel(self.model)
        self.table.setObjectName("register_table")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(True)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self.choose_columns)
        header.setSortIndicator(COLUMN["number"], Qt.SortOrder.DescendingOrder)
        self._default_layout()
        self.empty_hint = QLabel(self.table.viewport(), objectName="empty_hint", wordWrap=True,
                                 alignment=Qt.AlignmentFlag.AlignCenter)
        self.empty_hint.setTextFormat(Qt.TextFormat.PlainText)
        self.empty_hint.setStyleSheet("color: #5f6368; font-size: 11pt; padding: 24px;")
        self.empty_hint.hide()
        self.table.empty_hint = self.empty_hint
        layout.addWidget(self.table)
        self.count_label = QLabel(objectName="count_label")
        layout.addWidget(self.count_label)
        self.fixed_ids: tuple[int, ...] = ()  # a drill-down from the dashboard, until cleared
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.doubleClicked.connect(lambda idx: self.activated.emit(idx.data(ID_ROLE)))
        self.table.painted.connect(self._on_painted)
        self.model.counted.connect(self._show_count)
        self.model.page_loaded.connect(self._page_loaded)
        self.model.modelReset.connect(self._reselect)
        self._keep: int | None = None  # the release to select again once its page is read
        self._debounce = QTimer(self, singleShot=True, interval=250)
        self._debounce.timeout.connect(self.apply_filters)

    # ---------------------------------------------------------------- filters
    def _filter_bar(self) -> QVBoxLayout:
        p, lang = self.gctx.profile, self.gctx.lang
        bar = QVBoxLayout()
        first, second = QHBoxLayout(), QHBoxLayout()
        bar.addLayout(first)
        bar.addLayout(second)
        self.search = QLineEdit(objectName="search", clearButtonEnabled=True)
        self.search.setPlaceholderText(self.tr("搜索编号、标题、系统（Ctrl+F）"))
        self.search.textChanged.connect(lambda: self._debounce.start())
        self.type_filter = self._combo("type_filter", self.tr("全部类型"),
                                       [(t.label(lang), k) for k, t in p.release_types.items()])
        self.status_filter = self._combo("status_filter", self.tr("全部状态"),
                                         [(s.label(lang), k) for k, s in p.statuses.items()])
        self.stage_filter = self._combo("stage_filter", self.tr("全部阶段"), [(s.label(lang), s.key) for s in p.stages])
        self.owner_filter = self._combo("owner_filter", self.tr("全部负责人"), [])
        self.date_from = self._date("date_from")
        self.date_to = self._date("date_to")
        self.mine = QCheckBox(self.tr("需要我处理"), objectName="mine")
        self.overdue = QCheckBox(self.tr("已逾期"), objectName="overdue")
        for box in (self.mine, self.overdue):
            box.toggled.connect(self.apply_filters)
        clear = QToolButton()
        clear.setObjectName("clear_filters")
        clear.setText(self.tr("清除筛选"))
        clear.clicked.connect(lambda: self.clear_filters())
        self.search.setMinimumWidth(200)
        first.addWidget(self.search, 1)
        for w in (self.mine, self.overdue, clear):
            first.addWidget(w)
        # The filters flow onto another line when the register is narrow (English labels are
        # longer): the register never takes the detail pane's width (issue 15).
        row, flow = flow_widget(self)
        for w in (self.type_filter, self.status_filter, self.stage_filter, self.owner_filter):
            flow.addWidget(w)
        dates = QWidget(row)
        line = QHBoxLayout(dates)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(QLabel(self.tr("计划开始")))
        line.addWidget(self.date_from)
        line.addWidget(QLabel("–"))
        line.addWidget(self.date_to)
        flow.addWidget(dates)
        second.addWidget(row, 1)
        return bar

    def _combo(self, name: str, everything: str, items: list[tuple[str, object]]) -> QComboBox:
        box = QComboBox()
        box.setObjectName(name)
        box.addItem(everything, None)
        for text, value in items:
            box.addItem(text, value)
        box.currentIndexChanged.connect(self.apply_filters)
        return box

    def _date(self, name: str) -> QDateEdit:
        edit = QDateEdit(objectName=name, calendarPopup=True, displayFormat="yyyy-MM-dd")
        edit.setMinimumDate(NO_DATE)
        edit.setSpecialValueText(self.tr("不限"))
        edit.setDate(NO_DATE)
        edit.dateChanged.connect(self.apply_filters)
        return edit

    def _load_owners(self) -> None:
        """The 负责人 filter's names, read on a worker once the first page is on screen."""

        def fill(found) -> None:
            for u in found:
                if "engineer" in u.roles or "manager" in u.roles:
                    self.owner_filter.addItem(u.display_name, u.id)

        ops.run(None, self.gctx, users.list_all, self.gctx.app, quiet=True, owner=self, on_done=fill)

    def query(self) -> RegisterQuery:
        def one(box: QComboBox) -> tuple:
            return () if box.currentData() is None else (box.currentData(),)

        def day(edit: QDateEdit) -> dt.datetime | None:
            d = edit.date()
            # The day as the company counts it (the register shows its times in that zone).
            tz = self.model.tz or self.gctx.company_tz or timeutil.DEFAULT_ZONE
            return None if d == NO_DATE else dt.datetime(d.year(), d.month(), d.day(), tzinfo=tz)

        end = day(self.date_to)
        return RegisterQuery(
            text=self.search.text(), types=one(self.type_filter), statuses=one(self.status_filter),
            stages=one(self.stage_filter), owner_id=self.owner_filter.currentData(),
            date_from=day(self.date_from), date_to=end + dt.timedelta(days=1) if end else None,
            needs_action=self.mine.isChecked(), overdue=self.overdue.isChecked(), ids=self.fixed_ids,
            sort=self.model.query.sort, descending=self.model.query.descending)

    def apply_filters(self) -> None:
        self._keep = self.current_id() if self._keep is None else self._keep
        self.model.set_query(self.query())

    def show_releases(self, ids: tuple[int, ...], title: str) -> None:
        """Show exactly these releases (e.g. the ones behind a dashboard figure)."""
        self.fixed_title = title
        self.fixed_ids = tuple(ids) or (-1,)  # an empty figure shows an empty register
        self.clear_filters(keep_ids=True)

    def clear_filters(self, keep_ids: bool = False) -> None:
        if not keep_ids:
            self.fixed_ids = ()
        for w in (self.type_filter, self.status_filter, self.stage_filter, self.owner_filter):
            w.blockSignals(True)
            w.setCurrentIndex(0)
            w.blockSignals(False)
        for edit in (self.date_from, self.date_to):
            edit.blockSignals(True)
            edit.setDate(NO_DATE)
            edit.blockSignals(False)
        for w in (self.mine, self.overdue):
            w.blockSignals(True)
            w.setChecked(False)
            w.blockSignals(False)
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.apply_filters()

    def show_mine(self, on: bool = True) -> None:
        self.mine.setChecked(on)

    # ---------------------------------------------------------------- selection
    def current_id(self) -> int | None:
        idx = self.table.currentIndex()
        return idx.data(ID_ROLE) if idx.isValid() else None

    def select_id(self, release_id: int | None) -> None:
        """Select the release now when its row is read, else once its page arrives."""
        if release_id is None:
            return
        row = self.model.row_of(release_id)
        if row >= 0 and not self.model.busy:
            self._keep = None
            if self.table.currentIndex().row() != row:
                self.table.setCurrentIndex(self.model.index(row, 0))
        else:
            self._keep = release_id

    def _reselect(self) -> None:
        if self._keep is not None:
            self.select_id(self._keep)

    def _page_loaded(self, _n: int) -> None:
        if self._keep is not None and self.model.row_of(self._keep) >= 0:
            self.select_id(self._keep)

    def _current_changed(self, current, _previous) -> None:
        rid = current.data(ID_ROLE) if current.isValid() else None
        if rid is not None:
            self.selected.emit(rid)

    def refresh(self) -> None:
        """Read the count and the pages shown again (once per change notice)."""
        self._keep = self.current_id() if self._keep is None else self._keep
        self.model.reload()

    def _show_count(self, n: int) -> None:
        text = self.tr("共 %Ln 个发布", None, n)
        if self.fixed_ids:
            text = self.tr("共 %Ln 个发布（仅显示：{title}；“清除筛选”恢复全部）", None, n).format(
                title=self.fixed_title)
        self.count_label.setText(text)
        self._show_hint(n)

    # ---------------------------------------------------------------- the empty register
    def filtered(self) -> bool:
        """Whether anything narrows the register (search, filters, a drill-down)."""
        q = dataclasses.replace(self.model.query, sort="number", descending=True, offset=0, limit=200)
        return q != RegisterQuery()

    def hint_text(self) -> str:
        """What to do first, for the roles this user holds now (issue 15): an empty register
        says so over the table instead of showing an empty grid."""
        if self.filtered():
            return self.tr("没有符合筛选条件的发布。\n点击“清除筛选”显示全部发布。")
        p, lang, actor = self.gctx.profile, self.gctx.lang, self.gctx.app.actor
        lines = [self.tr("登记簿中还没有发布。")]
        if not lifecycle.can_create(p, actor):
            lines.append(self.tr("点击“新建发布请求…”（Ctrl+N）登记第一个发布请求；"
                                 "受理前须关联经变更管理批准的变更请求（登记簿 → 变更请求）。"))
        if actor.has("admin"):
            lines.append(self.tr("请在“管理 → 用户与角色”中添加运维管理部经理和运维工程师的账户。"))
        if len(lines) == 1:
            roles = p.actions.get("submit_request", ())
            who = self.tr("、").join(p.roles[r].label(lang) for r in roles if r in p.roles)
            lines.append(self.tr("发布请求由{who}登记；登记后会显示在这里。").format(who=who))
        return "\n\n".join(lines)

    def _show_hint(self, n: int) -> None:
        if n:
            self.empty_hint.hide()
            return
        self.empty_hint.setText(self.hint_text())
        self.table.place_hint()
        self.empty_hint.show()

    def _on_painted(self) -> None:
        """The first page painted with its rows (or an empty register counted)."""
        m = self.model
        if not (m.counted_once and (m.total == 0 or m.has_page(0))):
            return
        if not self._painted:
            self._painted = True
            self.first_page_painted.emit()
            self._load_owners()

    # ---------------------------------------------------------------- columns
    def _default_layout(self) -> None:
        header = self.table.horizontalHeader()
        for key in HIDDEN_BY_DEFAULT:
            header.hideSection(COLUMN[key])
        for key, width in self.column_widths().items():
            header.resizeSection(COLUMN[key], width)
        header.setSectionResizeMode(COLUMN["title"], QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)

    def column_widths(self) -> dict[str, int]:
        """Each column as wide as the longest text it can show in the user's language — its
        header, or every label of the policy's types, statuses, stages and outcomes, with room
        for the icon — so "Emergency" is never cut to "Emergen…" (issue 15). Free text columns
        (title, systems, owner) get a width in characters; widths follow the font (125 %, 150 %)."""
        p, lang = self.gctx.profile, self.gctx.lang
        cell, head = self.table.fontMetrics(), self.table.horizontalHeader().fontMetrics()
        unit = cell.horizontalAdvance("发")
        icon = self.table.iconSize().width() if self.table.iconSize().isValid() else 16
        pad = 2 * self.table.style().pixelMetric(self.table.style().PixelMetric.PM_FocusFrameHMargin) + 12
        sample = model_tr("读取中…")
        labels = {
            "number": ["FB-2026-0000"], "title": ["发" * 18], "systems": ["发" * 8], "owner": ["发" * 4],
            "type": [t.label(lang) for t in p.release_types.values()],
            "status": [s.label(lang) for s in p.statuses.values()],
            "stage": [s.label(lang) for s in p.stages],
            "outcome": [o.label(lang) for o in p.outcomes.values()],
            "planned_start": ["2026-12-31 23:59"], "planned_end": ["2026-12-31 23:59"],
            "closed_at": ["2026-12-31 23:59"], "updated_at": ["2026-12-31 23:59"],
        }
        with_icon = {"type", "status", "planned_start"}
        out = {}
        for key, texts in labels.items():
            widest = max(cell.horizontalAdvance(t) for t in texts)
            if key in with_icon:
                widest += icon + 6
            if key == "number":
                widest = max(widest, cell.horizontalAdvance(sample))
            title = head.horizontalAdvance(model_tr(COLUMNS[COLUMN[key]].title)) + unit  # + the sort arrow
            out[key] = max(widest, title) + pad
        return out

    def choose_columns(self, pos) -> None:
        header = self.table.horizontalHeader()
        menu = QMenu(self)
        for i, col in enumerate(COLUMNS):
            action = menu.addAction(model_tr(col.title))
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(i))
            action.setEnabled(col.key != "number")
            action.toggled.connect(lambda on, i=i: header.setSectionHidden(i, not on))
        menu.exec(header.mapToGlobal(pos))

    def save_layout(self) -> None:
        self.gctx.settings.set("register/header", self.table.horizontalHeader().saveState())

    def restore_layout(self) -> None:
        state = self.gctx.settings.get("register/header")
        if state and not state.isEmpty():
            self.table.horizontalHeader().restoreState(state)
        header = self.table.horizontalHeader()
        for key, width in self.column_widths().items():  # a layout saved in the other language
            if key != "title" and header.sectionSize(COLUMN[key]) < width:
                header.resizeSection(COLUMN[key], width)
        key = COLUMNS[header.sortIndicatorSection()].sort
        descending = header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
        self.model.query = self.query()
        self.model.query = type(self.model.query)(**{**self.model.query.__dict__, "sort": key,
                                                     "descending": descending})
        self.model.reload()


class _Table(QTableView):
    painted = Signal()
    empty_hint: QLabel | None = None  # shown over the empty grid (RegisterView._show_hint)

    def place_hint(self) -> None:
        if self.empty_hint is not None:
            area = self.viewport().rect()
            self.empty_hint.setGeometry(area.adjusted(24, 24, -24, -24))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.place_hint()

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        self.painted.emit()
