"""Which column of an old Excel register holds which relgui field: one combo of the file's
columns per field, pre-filled with relgui.services.register_import.guess_mapping, a few sample rows
to see what the columns hold, and the worksheet to read."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from relgui.adapters.excel import Book
from relgui.gui import ops
from relgui.services import register_import

NOT_MAPPED = None


class MappingDialog(QDialog):
    def __init__(self, parent, gctx, book: Book, info: register_import.SheetInfo, mapping: dict[str, str]):
        super().__init__(parent)
        self.gctx, self.book, self.info = gctx, book, info
        self.setWindowTitle(self.tr("导入发布登记簿：列对应关系"))
        self.setObjectName("excel_mapping")
        self.sheet = QComboBox()
        self.sheet.setObjectName("sheet")
        self.sheet.addItems(list(info.sheets))
        self.sheet.setCurrentText(info.name)
        self.sheet.currentTextChanged.connect(self._other_sheet)
        self.rows = QLabel(objectName="rows")
        self.combos: dict[str, QComboBox] = {}
        form = QFormLayout()
        labels = register_import.field_labels(gctx.lang)
        for field in register_import.FIELDS:
            box = self.combos[field] = QComboBox()
            box.setObjectName(f"field_{field}")
            form.addRow(labels[field] + (" *" if field in register_import.REQUIRED else ""), box)
        self.sample = QTableWidget(objectName="sample")
        self.sample.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.sample.verticalHeader().setVisible(False)  # its numbers would not be the file's rows
        self.error = QLabel(objectName="error", wordWrap=True, styleSheet="color: #c62828;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("试导入（不写入）"))
        buttons.accepted.connect(self._ok)
        buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("工作表：")))
        top.addWidget(self.sheet)
        top.addWidget(self.rows, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(QLabel(self.tr("请为每个字段选择文件中的列（* 为必填）；示例数据见下表。")))
        layout.addLayout(form)
        layout.addWidget(self.sample, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self._show(info, mapping)
        em = self.fontMetrics().horizontalAdvance("发")
        self.resize(em * 64, em * 56)

    def _show(self, info: register_import.SheetInfo, mapping: dict[str, str]) -> None:
        self.info = info
        self.rows.setText(self.tr("共 %n 行数据", None, info.rows))
        chosen = {f: h for h, f in mapping.items()}
        for field, box in self.combos.items():
            box.clear()
            box.addItem(self.tr("（不导入）"), NOT_MAPPED)
            for header in info.headers:
                if header:
                    box.addItem(header, header)
            box.setCurrentIndex(max(0, box.findData(chosen.get(field))))
        self.sample.clear()
        self.sample.setColumnCount(len(info.headers))
        self.sample.setHorizontalHeaderLabels(list(info.headers))
        self.sample.setRowCount(len(info.sample))
        for r, values in enumerate(info.sample):
            for c, value in enumerate(values):
                self.sample.setItem(r, c, QTableWidgetItem("" if value is None else str(value)))
        self.sample.resizeColumnsToContents()

    def _other_sheet(self, name: str) -> None:
        ok, info = ops.call(self, self.gctx, register_import.inspect, self.book, name)  # read already: no file
        if ok:
            self._show(info, info.mapping)

    def mapping(self) -> dict[str, str]:
        """Column header → field, for the fields given a column."""
        return {box.currentData(): field for field, box in self.combos.items() if box.currentData() is not NOT_MAPPED}

    def _ok(self) -> None:
        # A column can stand for one field only: the mapping goes column → field.
        used = [box.currentData() for box in self.combos.values() if box.currentData() is not NOT_MAPPED]
        twice = sorted({h for h in used if used.count(h) > 1})
        if twice:
            self.error.setText(self.tr("同一列只能对应一个字段：{columns}").format(columns="、".join(twice)))
            return
        self.accept()

    @classmethod
    def ask(cls, parent, gctx, book: Book, info: register_import.SheetInfo,
            mapping: dict[str, str]) -> tuple[str, dict[str, str]] | None:
        """(worksheet, column → field) as chosen, or None when cancelled. Tests replace this."""
        dialog = cls(parent, gctx, book, info, mapping)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.sheet.currentText(), dialog.mapping()
