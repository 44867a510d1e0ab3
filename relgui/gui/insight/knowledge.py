"""知识库 (R-4.4.2-KNOWLEDGE): lessons learned, searched in full text (Chinese two-character
words such as 回退 find their entries), by configuration item or by release; read in full,
opened at their release, and added.

The search is relgui.services.knowledge's; this window asks it as the user types.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from relgui.domain import timeutil
from relgui.domain.errors import NotFound, RelguiError
from relgui.gui import ops
from relgui.gui.insight import windows
from relgui.gui.insight.lessons import HIT_ROLE, LessonForm, entry_html, entry_parts
from relgui.gui.reading import Reading
from relgui.services import closing, inventory, knowledge

LIMIT = 200


class KnowledgeWindow(QMainWindow):
    def __init__(self, gctx, open_release: Callable[[int], None], parent=None):
        super().__init__(parent, Qt.WindowType.Window)
        self.gctx, self.lang, self.open_release = gctx, gctx.lang, open_release
        self.setObjectName("knowledge")
        self.setWindowTitle(self.tr("知识库"))
        self.hits: list[knowledge.Hit] = []
        self._debounce = QTimer(self, singleShot=True, interval=250)
        self._debounce.timeout.connect(self.search)
        # On a worker: as typed (debounced), and again once per lesson recorded anywhere.
        self.reading = Reading(self, gctx, self._find, lambda got: self._fill(*got), failed=self._failed,
                               gather=lambda: (self.mode.currentData(), self.query.text().strip()),
                               entities={"knowledge"})
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addLayout(self._search_bar())
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self._results())
        self.entry = QTextBrowser(openLinks=False)
        self.entry.setObjectName("entry")
        split.addWidget(self.entry)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout.addWidget(split, 1)
        layout.addLayout(self._buttons())
        self.setCentralWidget(page)
        self._mode_changed()  # the newest entries until something is typed
        self.query.textChanged.connect(lambda: self._debounce.start())
        em = self.fontMetrics().horizontalAdvance("发")
        self.resize(em * 80, em * 46)

    def _search_bar(self) -> QHBoxLayout:
        self.mode = QComboBox()
        self.mode.setObjectName("mode")
        for text, key in ((self.tr("全文"), "text"), (self.tr("配置项"), "config_item"), (self.tr("发布编号"), "release")):
            self.mode.addItem(text, key)
        self.mode.currentIndexChanged.connect(self._mode_changed)
        self.query = QLineEdit(objectName="query", clearButtonEnabled=True)
        self.query.returnPressed.connect(self.search)
        self.count = QLabel(objectName="count")
        label = QLabel(self.tr("查找(&S)："))
        label.setBuddy(self.query)
        bar = QHBoxLayout()
        for w in (label, self.mode):
            bar.addWidget(w)
        bar.addWidget(self.query, 1)
        bar.addWidget(self.count)
        return bar

    def _results(self) -> QTableWidget:
        self.table = QTableWidget(0, 4, objectName="results")
        self.table.setHorizontalHeaderLabels([self.tr("标题"), self.tr("发布编号"), self.tr("内容摘要"), self.tr("记录时间")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, self.fontMetrics().horizontalAdvance("发") * 16)  # long titles elide
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.currentCellChanged.connect(lambda row, *_: self._show(row))
        self.table.doubleClicked.connect(lambda _index: self.open_current())
        return self.table

    def _buttons(self) -> QHBoxLayout:
        self.open_button = QPushButton(self.tr("打开所属发布(&O)"), objectName="open_release", enabled=False)
        self.open_button.clicked.connect(self.open_current)
        add = QPushButton(self.tr("新增经验(&N)…"), objectName="add")
        add.clicked.connect(self.add)
        row = QHBoxLayout()
        row.addWidget(self.open_button)
        row.addStretch(1)
        row.addWidget(add)
        return row

    def _mode_changed(self) -> None:
        mode = self.mode.currentData()
        hints = {"text": self.tr("关键词，如：回退 证书（空格分隔，须全部包含）"),
                 "config_item": self.tr("配置项名称，如：核心交易系统-应用服务器"), "release": self.tr("发布编号")}
        self.query.setPlaceholderText(hints[mode])
        self.query.setCompleter(self._item_names() if mode == "config_item" else None)
        self.search()

    def _item_names(self) -> QCompleter | None:
        ok, items = ops.call(self, self.gctx, inventory.config_items, self.gctx.app)
        if not ok:
            return None
        completer = QCompleter([i.name for i in items], self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        return completer

    # ---------------------------------------------------------------- searching
    def search(self) -> None:
        """Search for what is typed, on a worker; the results are shown when they arrive."""
        self._debounce.stop()
        self.reading.again()

    def _find(self, mode: str, text: str) -> tuple[list[knowledge.Hit], int, str]:
        """On a worker: (hits, how many in all, a note shown instead of the count)."""
        if mode == "text":
            found = knowledge.search(self.gctx.app, text, limit=LIMIT)
            return found.hits, found.total, ""
        hits, note = self._lookup(mode, text)
        return hits, len(hits), note

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, RelguiError):
            self._fill([], 0, exc.message(self.gctx.lang, self.gctx.profile))

    def _lookup(self, mode: str, text: str) -> tuple[list[knowledge.Hit], str]:
        """By configuration item or release; a number not (yet) typed in full is no error to
        announce in a message box on every keystroke, just a note beside the box."""
        if not text:
            return [], ""
        fn = knowledge.for_config_item if mode == "config_item" else knowledge.for_release
        try:
            return fn(self.gctx.app, text), ""
        except NotFound as exc:
            return [], exc.message(self.gctx.lang, self.gctx.profile)

    def _fill(self, hits: list[knowledge.Hit], total: int, note: str = "") -> None:
        self.hits = hits
        self.table.setRowCount(len(hits))
        for row, h in enumerate(hits):
            for col, text in enumerate((h.title, h.release_number or "", h.snippet,
                                        timeutil.shown(h.created_at, self.gctx.company_tz, "%Y-%m-%d"))):
                item = QTableWidgetItem(text)
                item.setData(HIT_ROLE, h)
                item.setToolTip(text)
                self.table.setItem(row, col, item)
        shown = self.tr("%n 条", None, total) if total <= len(hits) else \
            self.tr("共 %n 条，显示前 {shown} 条", None, total).format(shown=len(hits))
        self.count.setText(note or shown)
        self.entry.clear()
        self.open_button.setEnabled(False)
        if hits:
            self.table.setCurrentCell(0, 0)
            self._show(0)  # the current cell may have been (0, 0) before: no signal then

    def current(self) -> knowledge.Hit | None:
        row = self.table.currentRow()
        return self.hits[row] if 0 <= row < len(self.hits) else None

    def _show(self, row: int) -> None:
        hit = self.hits[row] if 0 <= row < len(self.hits) else None
        self.open_button.setEnabled(hit is not None and hit.release_id is not None)
        query = self.query.text() if self.mode.currentData() == "text" else ""
        self.entry.clear()
        if hit is None:
            return
        # Read on a worker, shown if the hit is still the one chosen when it arrives (this slot
        # runs inside a search's delivery too, where nothing may wait: gui/ops.call).
        ops.run(None, self.gctx, entry_parts, self.gctx.app, hit, quiet=True, owner=self,
                on_done=lambda parts: self._entry_read(hit, query, parts),
                on_failed=lambda exc: self._entry_read(hit, query, exc))

    def _entry_read(self, hit: knowledge.Hit, query: str, parts) -> None:
        if self.current() is hit and isinstance(parts, (tuple, RelguiError)):
            self.entry.setHtml(entry_html(self.gctx, hit, query, parts))

    def open_current(self) -> None:
        hit = self.current()
        if hit is not None and hit.release_id is not None:
            self.open_release(hit.release_id)

    def add(self) -> int | None:
        """A lesson learned, linked to a release when a number is given; kept as typed if refused."""
        hit = self.current()
        values = ("", "", "", hit.release_number or "" if hit else "")
        while (typed := LessonForm.ask(self, values)) is not None:
            values = typed  # shown again as typed when refused
            title, body, tags, release = typed
            ok, entry_id = ops.call(self, self.gctx, closing.add_knowledge, self.gctx.app, title, body,
                                    release=release or None, tags=tags)
            if ok:
                return entry_id  # its notice searches again
        return None


def open_knowledge(parent, gctx, open_release: Callable[[int], None]) -> KnowledgeWindow:
    """The knowledge base window (one per main window), the search box ready for typing."""
    w = windows.single("knowledge", gctx, KnowledgeWindow, lambda: KnowledgeWindow(gctx, open_release, parent))
    w.open_release = open_release
    windows.present(w)
    w.query.setFocus()
    return w
