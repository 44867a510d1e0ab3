"""One checklist item as a small form: result (通过 / 未通过 / 不适用), reason, evidence note or
file, and — for 用户验收 — who in the business department confirmed it and when.

The item's name, description and whether 不适用 or a confirmation applies come from the policy
profile; whether the values are acceptable is for the service to say (R-4.3.1-PRECHECK,
R-4.4.1-VERIFY). What the user typed is kept across reloads until it is recorded.
"""

from __future__ import annotations

from PySide6.QtCore import QDateTime, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateTimeEdit,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QToolButton,
)

from relgui.domain import lang as language
from relgui.domain.release_detail import ChecklistEntry
from relgui.domain.versions import NEW
from relgui.gui import zone
from relgui.gui.execution.common import local
from relgui.services.execution import Confirmation

RESULTS = ("pass", "fail", "na")


class ItemEditor(QGroupBox):
    record = Signal(str)  # item key: the user asks to record it
    add_file = Signal(str)  # item key: add an evidence file for it

    def __init__(self, gctx, checklist: str, item, parent=None):
        # The policy's own description beside the name, in Chinese; English shows the name only.
        title = item.label(gctx.lang) if language.english(gctx.lang) else f"{item.name} — {item.description}"
        super().__init__(title, parent)
        self.gctx, self.checklist, self.item = gctx, checklist, item
        self.setObjectName(f"item_{item.key}")
        self.setToolTip(item.description)
        self.dirty = False
        self.seen: object = NEW  # the version of the entry as displayed (NEW: shown unrecorded)
        grid = QGridLayout(self)
        grid.addLayout(self._results(), 0, 0, 1, 2)
        self.status = QLabel(objectName="item_status", wordWrap=True)
        grid.addWidget(self.status, 0, 2, 1, 2)
        self.reason = self._line("reason", self.tr("不适用或未通过时说明理由"))
        self.evidence = self._line("evidence", self.tr("证据说明，例如检查记录、截图的位置"))
        self._pair(grid, 1, self.tr("理由"), self.reason, self.tr("证据"), self.evidence)
        grid.addWidget(QLabel(self.tr("证据文件")), 2, 0)
        grid.addLayout(self._file_row(), 2, 1)
        self.record_button = QPushButton(self.tr("记录"), objectName=f"record_{item.key}")
        self.record_button.clicked.connect(lambda: self.record.emit(item.key))
        right = QHBoxLayout()
        right.addStretch(1)
        right.addWidget(self.record_button)
        grid.addLayout(right, 2, 2, 1, 2)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        self.confirm = self._confirmation(grid) if item.confirmation else None

    def _pair(self, grid: QGridLayout, row: int, a: str, wa, b: str, wb) -> None:
        grid.addWidget(QLabel(a), row, 0)
        grid.addWidget(wa, row, 1)
        grid.addWidget(QLabel(b), row, 2)
        grid.addWidget(wb, row, 3)

    def _confirmation(self, grid: QGridLayout):
        """用户验收: the business department's formal confirmation — who, which department, when."""
        by = self._line("confirmed_by", self.tr("业务部门确认人姓名"))
        dept = self._line("confirmed_dept", self.tr("例如 业务运营部"))
        at = QDateTimeEdit(objectName="confirmed_at", calendarPopup=True, displayFormat="yyyy-MM-dd HH:mm")
        at.setDateTime(QDateTime(zone.wall(self.gctx.app.clock.now())))  # the company's wall clock
        at.dateTimeChanged.connect(self._touch)
        self._pair(grid, 3, self.tr("确认人"), by, self.tr("确认部门"), dept)
        grid.addWidget(QLabel(self.tr("确认时间")), 4, 0)
        grid.addWidget(at, 4, 1)
        return by, dept, at

    def _results(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.group = QButtonGroup(self)
        names = {"pass": self.tr("通过"), "fail": self.tr("未通过"), "na": self.tr("不适用")}
        for i, key in enumerate(RESULTS):
            button = QRadioButton(names[key], objectName=f"result_{key}")
            self.group.addButton(button, i)
            row.addWidget(button)
        na = self.group.button(2)
        if not self.item.allow_na:
            na.setEnabled(False)
            na.setToolTip(self.tr("制度规定此项不能标为不适用"))
        self.group.idClicked.connect(self._touch)
        row.addStretch(1)
        return row

    def _line(self, name: str, hint: str) -> QLineEdit:
        edit = QLineEdit(objectName=name, placeholderText=hint)
        edit.textEdited.connect(self._touch)
        edit.returnPressed.connect(lambda: self.record.emit(self.item.key))  # Enter records this item
        return edit

    def _file_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.file = QComboBox()
        self.file.setObjectName("attachment")
        self.file.activated.connect(self._touch)
        add = QToolButton()
        add.setText(self.tr("添加文件…"))
        add.setObjectName("add_file")
        add.clicked.connect(lambda: self.add_file.emit(self.item.key))
        row.addWidget(self.file, 1)
        row.addWidget(add)
        return row

    def _touch(self, *_args) -> None:
        self.dirty = True

    # ---------------------------------------------------------------- data
    def set_files(self, files: list, keep: int | None = None) -> None:
        current = keep if keep is not None else self.file.currentData()
        self.file.clear()
        self.file.addItem(self.tr("（无）"), None)
        for a in files:
            self.file.addItem(f"{a.filename}（{a.sha256[:8]}）", a.id)
        index = self.file.findData(current)
        self.file.setCurrentIndex(max(0, index))

    def load(self, entry: ChecklistEntry | None, attachment_id: int | None) -> None:
        """Show what is recorded; fields the user is editing stay as typed."""
        names = {"pass": self.tr("通过"), "fail": self.tr("未通过"), "na": self.tr("不适用")}
        if not self.dirty:  # what is displayed is the version a save will say it saw
            self.seen = entry.row_version if entry is not None else NEW
        if entry is None:
            self.status.setText(self.tr("未记录"))
        else:
            self.status.setText(self.tr("已记录：{result}　{by}　{at}").format(
                result=names.get(entry.result, entry.result), by=entry.recorded_by or "",
                at=local(entry.recorded_at)))
        if self.dirty or entry is None:
            return
        self.group.button(RESULTS.index(entry.result)).setChecked(True)
        self.reason.setText(entry.reason or "")
        self.evidence.setText(entry.evidence or "")
        self.file.setCurrentIndex(max(0, self.file.findData(attachment_id)))
        if self.confirm and entry.confirmed_at:
            by, dept, at = self.confirm
            by.setText(entry.confirmed_by)
            dept.setText(entry.confirmed_dept)
            at.setDateTime(QDateTime(zone.wall(entry.confirmed_at)))

    def result(self) -> str | None:
        checked = self.group.checkedId()
        return RESULTS[checked] if checked >= 0 else None

    def values(self) -> dict:
        """Keyword arguments for services.execution.record_item."""
        out = {"reason": self.reason.text(), "evidence": self.evidence.text(), "attachment_id": self.file.currentData(),
               "expected_version": self.seen}
        if self.confirm:
            by, dept, at = self.confirm
            out["confirmation"] = Confirmation(by.text(), dept.text(), zone.instant(at.dateTime().toPython()))
        return out
