"""配置项 register (CMDB lite): name, type, environment, current version, and its history."""

from __future__ import annotations

from functools import partial

from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

from relgui.domain import timeutil
from relgui.gui import ops
from relgui.gui.registers.base import RegisterDialog, Row
from relgui.gui.registers.forms import FormDialog
from relgui.services import inventory


class ConfigItemsDialog(RegisterDialog):
    stretch_column = 0  # 名称
    # A release's 配置更新 (its CMDB update) changes a configuration item's current version.
    entities = frozenset({"config_item", "release"})

    def __init__(self, parent, gctx):
        self.headers = [self.tr("名称"), self.tr("类型"), self.tr("环境"), self.tr("软件名称"), self.tr("当前版本"),
                        self.tr("负责人")]
        super().__init__(parent, gctx)
        self.setWindowTitle(self.tr("配置项"))
        self.setObjectName("config_items_register")
        self.search.setPlaceholderText(self.tr("按名称或软件查找"))
        self.add_button(self.tr("新建配置项…"), self.create_entry, "create")
        self.add_button(self.tr("版本历史…"), self.history, "history")
        self.finish_buttons()
        self.table.doubleClicked.connect(self.history)
        self.reload()

    def rows(self, query: str):
        return [Row(c.name, [c.name, c.ci_type, c.environment, c.artifact, c.current_version, c.owner])
                for c in inventory.config_items(self.gctx.app, query, limit=2000)]

    def create_entry(self) -> None:
        names = ("name", "ci_type", "environment", "artifact", "current_version", "owner")
        labels = (self.tr("名称"), self.tr("类型"), self.tr("环境"), self.tr("软件名称（最终软件库）"),
                  self.tr("当前版本"), self.tr("负责人"))
        rows: list[tuple[str, str, QWidget]] = [(k, label, QLineEdit()) for k, label in zip(names, labels, strict=True)]
        rows.append(("description", self.tr("说明"), QPlainTextEdit()))

        def submit(w):
            return partial(
                inventory.add_config_item, self.gctx.app, w["name"].text(), description=w["description"].toPlainText(),
                **{k: w[k].text() for k in names[1:]})
        FormDialog(self, self.tr("新建配置项"), rows, submit).exec()  # its notice refreshes the rows

    def history(self) -> None:
        name = self.current_key()
        if name is None:
            return
        ok, rows = ops.call(self, self.gctx, inventory.history, self.gctx.app, name)
        if ok:
            lines = [f"{timeutil.shown(h.at, self.gctx.company_tz)}  {h.old_version or '—'} → {h.new_version}"
                     + (f"  {h.release_number}" if h.release_number else "") for h in rows]
            ops.tell(self, self.tr("版本历史：{name}").format(name=name), "\n".join(lines) or self.tr("无记录"),
                     ops.QMessageBox.Icon.Information)


def open_config_items(parent, gctx) -> None:
    ConfigItemsDialog(parent, gctx).exec()
