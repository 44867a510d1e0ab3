"""The dry run of an Excel import: every row that cannot be taken, with its row number, column
and reason in the user's language, and the rows that would become releases. Importing is
offered only when no row is refused: all rows or none (relgui.services.register_import)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
)

from relgui.domain.messages import render
from relgui.services import register_import

IMPORT, BACK = "import", "back"
SHOWN_ROWS = 500  # candidates listed; the problems are listed all


def _table(headers: list[str], rows: list[list[str]], name: str) -> QTableWidget:
    table = QTableWidget(len(rows), len(headers), objectName=name)
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().setVisible(False)
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            table.setItem(r, c, item)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


class PreviewDialog(QDialog):
    def __init__(self, parent, gctx, preview: register_import.Preview):
        super().__init__(parent)
        self.gctx, self.preview = gctx, preview
        self.choice: str | None = None
        self.setWindowTitle(self.tr("导入发布登记簿：试导入结果"))
        self.setObjectName("excel_preview")
        p = preview
        bad = {x.row for x in p.problems}
        # A row refused as a repeat or as imported before is still among the service's
        # candidates (each row passed its own checks): it is not shown as one to import.
        self.good = [c for c in p.candidates if c.row not in bad]
        summary = (self.tr("全部 %n 行均可导入。", None, len(self.good)) if p.ok else
                   self.tr("%n 行不能导入（原因见下表），因此不会导入任何数据；", None, len(bad))
                   + self.tr("其余 %n 行可以导入。", None, len(self.good)) + self.tr("请在文件中改正后重新导入。"))
        self.summary = QLabel(summary, objectName="summary", wordWrap=True)
        tabs = QTabWidget()
        self.problems = _table([self.tr("行"), self.tr("列"), self.tr("原因")], self._problem_rows(), "problems")
        self.candidates = _table([self.tr("行"), self.tr("标题"), self.tr("发布类型"), self.tr("状态"),
                                  self.tr("发布结果"), self.tr("关闭时间")], self._candidate_rows(), "candidates")
        if p.problems:
            tabs.addTab(self.problems, self.tr("不能导入的行（{n}）").format(n=len(bad)))
        tabs.addTab(self.candidates, self.tr("可以导入的行（{n}）").format(n=len(self.good)))
        self.import_button = QPushButton(self.tr("导入 %n 个发布", None, len(self.good)), objectName="import",
                                         enabled=p.ok)
        self.import_button.clicked.connect(lambda: self._done(IMPORT))
        back = QPushButton(self.tr("返回修改列对应关系"), objectName="back")
        back.clicked.connect(lambda: self._done(BACK))
        cancel = QPushButton(self.tr("取消"), objectName="cancel")
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(back)
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(tabs, 1)
        layout.addLayout(buttons)
        em = self.fontMetrics().horizontalAdvance("发")
        self.resize(em * 64, em * 40)

    def _problem_rows(self) -> list[list[str]]:
        lang, profile = self.gctx.lang, self.gctx.profile
        return [[str(x.row), x.column, render(x.refusal, lang, profile)] for x in self.preview.problems]

    def _candidate_rows(self) -> list[list[str]]:
        p, lang = self.gctx.profile, self.gctx.lang

        def name(table, key):
            return table[key].label(lang) if key in table else (key or "")

        return [[str(c.row), c.title, name(p.release_types, c.type), name(p.statuses, c.status),
                 name(p.outcomes, c.outcome), f"{c.closed_at:%Y-%m-%d %H:%M}" if c.closed_at else ""]
                for c in self.good[:SHOWN_ROWS]]

    def _done(self, choice: str) -> None:
        self.choice = choice
        self.accept()

    @classmethod
    def ask(cls, parent, gctx, preview: register_import.Preview) -> str | None:
        """'import', 'back' (to the column mapping) or None when cancelled. Tests replace this."""
        dialog = cls(parent, gctx, preview)
        dialog.exec()
        return dialog.choice
