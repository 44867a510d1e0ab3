"""最终软件库 register (R-3.3-DSL): approved software versions, their SHA-256, storage, approval."""

from __future__ import annotations

from functools import partial

from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLineEdit, QPushButton, QWidget

from relgui.domain import timeutil
from relgui.gui import files, ops
from relgui.gui.registers.base import RegisterDialog, Row
from relgui.gui.registers.forms import FormDialog
from relgui.services import inventory


class SoftwareDialog(RegisterDialog):
    stretch_column = 5  # 存放位置
    widest_chars = 16  # the SHA-256 cut to its first ~32 digits (the tooltip has all 64): room for the place
    entities = frozenset({"software_version"})

    def __init__(self, parent, gctx):
        self.headers = [self.tr("软件名称"), self.tr("版本"), self.tr("状态"), self.tr("SHA-256"), self.tr("大小"),
                        self.tr("存放位置"), self.tr("批准时间")]
        super().__init__(parent, gctx)
        self.setWindowTitle(self.tr("最终软件库"))
        self.setObjectName("software_register")
        self.search.setPlaceholderText(self.tr("按软件名称查找"))
        self.add_button(self.tr("登记版本…"), self.register_version, "register_version")
        self.add_button(self.tr("批准所选版本"), self.approve, "approve")
        self.table.setSelectionMode(self.table.SelectionMode.ExtendedSelection)  # 批准所选版本 takes them all
        self.finish_buttons()
        self.reload()

    def rows(self, query: str):
        states = {"approved": self.tr("已批准"), "pending": self.tr("待批准"), "retired": self.tr("已停用")}
        found = inventory.versions(self.gctx.app, limit=2000)
        if query:
            found = [v for v in found if query.lower() in v.artifact.lower()]
        return [Row((v.artifact, v.version), [v.artifact, v.version, states.get(v.status, v.status), v.sha256,
                                              _size(v.size), v.location,
                                              timeutil.shown(v.approved_at, self.gctx.company_tz, "%Y-%m-%d")],
                    v.row_version, v.status)
                for v in found]

    def register_version(self) -> None:
        file_row = QWidget()
        path_edit, browse = QLineEdit(), QPushButton(self.tr("选择文件…"))
        row = QHBoxLayout(file_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(path_edit)
        row.addWidget(browse)
        sha, size = QLineEdit(), QLineEdit()
        size.setReadOnly(True)

        def pick():
            path, _ = files.get_open_file_name(self, self.tr("选择软件包"))
            if path:
                path_edit.setText(path)
                ok, digest = ops.call(self, self.gctx, inventory.sha256_of, path)
                if ok:
                    sha.setText(digest[0])
                    size.setText(str(digest[1]))
        browse.clicked.connect(pick)
        approve = QCheckBox(self.tr("登记即批准（须运维管理部经理）"))
        rows = [("file", self.tr("软件包文件"), file_row), ("artifact", self.tr("软件名称"), QLineEdit()),
                ("version", self.tr("版本"), QLineEdit()), ("sha256", self.tr("SHA-256"), sha),
                ("size", self.tr("大小（字节）"), size), ("location", self.tr("存放位置"), QLineEdit()),
                ("approve", "", approve)]

        def submit(w):
            location = w["location"].text() or path_edit.text()
            return partial(
                inventory.register_version, self.gctx.app, w["artifact"].text(), w["version"].text(), sha256=w["sha256"].text(),
                location=location, size=int(size.text()) if size.text().isdigit() else None,
                approve=approve.isChecked())
        FormDialog(self, self.tr("登记软件版本"), rows, submit).exec()  # its notice refreshes the rows

    def approve(self) -> bool:
        """Every selected version, after one confirmation naming how many (R-3.3-DSL: an approved
        version is a 正本 a plan may deploy; approval is not undone). All or none are approved."""
        chosen = [key for key in self.selected_keys() if self.states.get(key) != "approved"]
        if not chosen:
            ops.tell(self, self.tr("批准软件版本"), self.tr("所选版本均已批准。") if self.selected_keys()
                     else self.tr("请先在列表中选择要批准的版本。"))
            return False
        names = "\n".join(f"{a} {v}" for a, v in chosen[:10]) + ("\n…" if len(chosen) > 10 else "")
        if not ops.ask(self, self.tr("批准软件版本"), self.tr(
                "批准所选的 {n} 个软件版本？批准后作为正本存入最终软件库，可用于发布部署；批准不能撤销。\n\n{names}")
                .format(n=len(chosen), names=names)):
            return False
        ok, _ = ops.call(self, self.gctx, inventory.approve_versions, self.gctx.app,
                         [(a, v, self.versions.get((a, v))) for a, v in chosen])
        return ok  # its notice refreshes the rows


def _size(n: int | None) -> str:
    if not n:
        return ""
    size = float(n)
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024:
            return f"{size:.0f} {unit}"
        size /= 1024
    return f"{size:.1f} TB"


def open_software(parent, gctx) -> None:
    SoftwareDialog(parent, gctx).exec()
