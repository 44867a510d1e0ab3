"""变更请求 register: as decided by change management; create, update the decision, import."""

from __future__ import annotations

from functools import partial

from PySide6.QtWidgets import QComboBox, QLineEdit, QMessageBox, QPlainTextEdit

from relgui.domain import timeutil
from relgui.gui import files, ops
from relgui.gui.registers.base import RegisterDialog, Row
from relgui.gui.registers.forms import FormDialog
from relgui.services import change_import, changes


class ChangesDialog(RegisterDialog):
    entities = frozenset({"change"})

    def __init__(self, parent, gctx):
        self.headers = [self.tr("编号"), self.tr("标题"), self.tr("状态"), self.tr("申请人"), self.tr("审批人"),
                        self.tr("审批时间")]
        super().__init__(parent, gctx)
        self.setWindowTitle(self.tr("变更请求"))
        self.setObjectName("changes_register")
        self.search.setPlaceholderText(self.tr("按编号或标题查找"))
        self.add_button(self.tr("新建…"), self.create_entry, "create")
        self.add_button(self.tr("更改审批状态…"), self.change_status, "change_status")
        self.add_button(self.tr("从 CSV/Excel 导入…"), self.import_file, "import_file")
        self.finish_buttons()
        self.reload()

    def status_names(self) -> dict[str, str]:
        return {"submitted": self.tr("待审批"), "approved": self.tr("已批准"), "rejected": self.tr("已驳回"),
                "closed": self.tr("已关闭")}

    def rows(self, query: str):
        names = self.status_names()
        return [Row(c.number, [c.number, c.title, names.get(c.status, c.status), c.requested_by, c.decided_by,
                               timeutil.shown(c.decided_at, self.gctx.company_tz)], c.row_version)
                for c in changes.search(self.gctx.app, query, limit=1000)]

    def _status_box(self) -> QComboBox:
        box = QComboBox()
        for key, name in self.status_names().items():
            box.addItem(name, key)
        return box

    def create_entry(self) -> None:
        rows = [("number", self.tr("编号"), QLineEdit()), ("title", self.tr("标题"), QLineEdit()),
                ("status", self.tr("审批状态"), self._status_box()), ("requested_by", self.tr("申请人"), QLineEdit()),
                ("decided_by", self.tr("审批人"), QLineEdit()), ("description", self.tr("说明"), QPlainTextEdit())]

        def submit(w):
            return partial(changes.record, self.gctx.app, number=w["number"].text(), title=w["title"].text(),
                                  status=w["status"].currentData(), requested_by=w["requested_by"].text(),
                                  decided_by=w["decided_by"].text(), description=w["description"].toPlainText())
        FormDialog(self, self.tr("新建变更请求"), rows, submit).exec()  # its notice refreshes the rows

    def change_status(self) -> None:
        number = self.current_key()
        if number is None:
            return
        rows = [("status", self.tr("审批状态"), self._status_box()), ("decided_by", self.tr("审批人"), QLineEdit())]
        seen = self.current_version()  # the version shown in the register when the form opened

        def submit(w):
            return partial(changes.set_status, self.gctx.app, number, w["status"].currentData(),
                           w["decided_by"].text(), expected_version=seen)
        FormDialog(self, self.tr("变更管理的决定：{n}").format(n=number), rows, submit).exec()

    def import_file(self) -> None:
        path, _ = files.get_open_file_name(self, self.tr("导入变更请求"), "",
                                              self.tr("CSV 或表格文件 (*.csv *.xlsx *.xls *.et *.ods)"))
        if not path:
            return
        ok, book = ops.call(self, self.gctx, change_import.load, path)  # read once, closed at once
        if not ok:
            return
        ok, report = ops.call(self, self.gctx, change_import.check, self.gctx.app, book)
        if not ok:
            return
        if report.problems:
            lines = "\n".join(self.tr("第 {n} 行：{msg}").format(n=n, msg=msg) for n, msg in report.problems[:30])
            ops.tell(self, self.tr("不能导入"), self.tr("以下行有问题，未导入任何数据：") + "\n" + lines)
            return
        if not ops.ask(self, self.tr("导入变更请求"), self.tr("导入 %n 个变更请求？", None, len(report.rows))):
            return
        ok, done = ops.call(self, self.gctx, change_import.apply, self.gctx.app, book)
        if ok:
            ops.tell(self, self.tr("导入完成"), self.tr("已导入 %n 个变更请求。", None, done.written),
                     QMessageBox.Icon.Information)


def open_changes(parent, gctx) -> None:
    ChangesDialog(parent, gctx).exec()
