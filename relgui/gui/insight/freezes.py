"""The company's freeze periods (封网期): listed for everyone, added by an administrator
(relgui.services.company.add_freeze decides who may; a refusal is told, and the form comes
back with what was typed)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDateTime, QTime
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from relgui.gui import ops, zone
from relgui.gui.reading import Reading
from relgui.services import company

FORMAT = "yyyy-MM-dd HH:mm"


def _edit(value: dt.datetime) -> QDateTimeEdit:
    edit = QDateTimeEdit(calendarPopup=True, displayFormat=FORMAT)
    edit.setDateTime(QDateTime(value.date(), QTime(value.hour, value.minute)))
    return edit


def _value(edit: QDateTimeEdit, tz: dt.tzinfo) -> dt.datetime:
    """What was typed, as the company's wall-clock time (freezes are company-wide)."""
    d, t = edit.date(), edit.time()
    return dt.datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), tzinfo=tz)


class FreezeForm(QDialog):
    def __init__(self, parent, gctx, values: tuple[dt.datetime, dt.datetime, str]):
        super().__init__(parent)
        self.setWindowTitle(self.tr("添加冻结期"))
        self.tz = zone.tz()
        start, end, reason = values
        self.start, self.end = _edit(start.astimezone(self.tz)), _edit(end.astimezone(self.tz))
        self.reason = QLineEdit(reason, objectName="reason")
        self.reason.setPlaceholderText(self.tr("例如：年终封网、重大活动保障"))
        form = QFormLayout()
        form.addRow(self.tr("开始(&S)"), self.start)
        form.addRow(self.tr("结束(&E)"), self.end)
        form.addRow(self.tr("原因(&R)"), self.reason)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def values(self) -> tuple[dt.datetime, dt.datetime, str]:
        return _value(self.start, self.tz), _value(self.end, self.tz), self.reason.text()

    @classmethod
    def ask(cls, parent, gctx, values) -> tuple[dt.datetime, dt.datetime, str] | None:
        """(start, end, reason) as typed, or None when cancelled. Tests replace this."""
        form = cls(parent, gctx, values)
        return form.values() if form.exec() == QDialog.DialogCode.Accepted else None


class FreezeDialog(QDialog):
    def __init__(self, parent, gctx):
        super().__init__(parent)
        self.gctx, self.added = gctx, False
        self.setWindowTitle(self.tr("冻结期"))
        self.setObjectName("freezes")
        self.table = QTableWidget(0, 3, objectName="freeze_table")
        self.table.setHorizontalHeaderLabels([self.tr("开始"), self.tr("结束"), self.tr("原因")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        add = QPushButton(self.tr("添加(&A)…"), objectName="add")
        add.clicked.connect(self.add)
        close = QPushButton(self.tr("关闭"), objectName="close")
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        em = self.fontMetrics().horizontalAdvance("发")
        self.resize(em * 48, em * 24)
        # On a worker, as it opens and once per notice of a freeze period added (here or elsewhere).
        self.reading = Reading(self, gctx, company.freezes, self._show, gather=lambda: (gctx.app,), entities={"freeze"})
        self.reading.again()

    def _show(self, found) -> None:
        tz = zone.tz()
        self.table.setRowCount(len(found))
        for row, f in enumerate(found):
            for col, text in enumerate((f"{f.start.astimezone(tz):%Y-%m-%d %H:%M}",
                                        f"{f.end.astimezone(tz):%Y-%m-%d %H:%M}", f.reason)):
                self.table.setItem(row, col, QTableWidgetItem(text))

    def add(self) -> None:
        tomorrow = self.gctx.app.clock.now().astimezone(zone.tz()) + dt.timedelta(days=1)
        start = tomorrow.replace(hour=0, minute=0, second=0, microsecond=0)
        values = (start, start + dt.timedelta(days=1), "")
        while (typed := FreezeForm.ask(self, self.gctx, values)) is not None:
            values = typed  # shown again as typed when refused
            ok, _ = ops.call(self, self.gctx, company.add_freeze, self.gctx.app, *typed)
            if ok:
                self.added = True  # its notice shows it in the list
                return

    @classmethod
    def show_for(cls, parent, gctx) -> bool:
        """Whether a freeze period was added."""
        dialog = cls(parent, gctx)
        dialog.exec()
        return dialog.added
