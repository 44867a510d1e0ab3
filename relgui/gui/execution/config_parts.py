"""The three tasks of 配置更新 (4.4.2), one tab each; each records its checklist item when done.

CMDB更新 (R-4.2.2-CMDB, R-4.4.2-CMDB24H): the baseline's items get the versions actually
deployed — the plan's "after" version, editable — with each item's history.
文档归档 (R-4.4.2-ARCHIVE): the approved 发布计划 is archived (bytes and SHA-256).
知识更新 (R-4.4.2-KNOWLEDGE): a lessons-learned entry goes to the knowledge base.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from relgui.domain.release_detail import ConfigItemView
from relgui.domain.states import Action
from relgui.gui import ops
from relgui.gui.dialogs.sign import ReasonDialog
from relgui.gui.execution.common import ReleaseState, cell, fill, local, table
from relgui.services import closing, details, documents, execution, inventory

ACTUAL = 3  # the editable column: the version actually deployed


def _record(parent, state: ReleaseState, item: str, result: str, **kwargs) -> bool:
    ok, _ = state.call(parent, execution.record_item, state.id, "config_update", item, result,
                       expected_version=details.seen_entry(state.data, "config_update", item), **kwargs)
    return ok


class CmdbTab(QWidget):
    def __init__(self, state: ReleaseState, parent=None):
        super().__init__(parent)
        self.state = state
        column = QVBoxLayout(self)
        self.table = table([self.tr("配置项"), self.tr("发布前版本"), self.tr("计划发布后版本"), self.tr("实际版本"),
                            self.tr("CMDB 当前记录"), self.tr("更新时间")], "cmdb_items")
        self.table.setEditTriggers(self.table.EditTrigger.AllEditTriggers)
        self.table.currentCellChanged.connect(lambda row, *_: self.show_history(row))
        column.addWidget(QLabel(self.tr("“实际版本”默认为计划的发布后版本；如实际部署的版本不同，请改为实际版本。"),
                                wordWrap=True))
        column.addWidget(self.table, 2)
        self.apply_button = QPushButton(self.tr("更新 CMDB"), objectName="apply_cmdb")
        self.apply_button.clicked.connect(self.apply)
        column.addWidget(self.apply_button, 0, Qt.AlignmentFlag.AlignLeft)
        column.addWidget(QLabel(self.tr("所选配置项的版本历史")))
        self.history = table([self.tr("时间"), self.tr("原版本"), self.tr("新版本"), self.tr("来源")], "cmdb_history")
        column.addWidget(self.history, 1)
        self.items: tuple[ConfigItemView, ...] = ()

    def refresh(self) -> None:
        edited = self.actual()
        self.items = self.state.data.config_items
        # Not yet recorded by this release: said (an empty cell read as "the CMDB has nothing").
        fill(self.table, [[c.name, c.before, c.after, edited.get(c.name) or c.applied or c.after,
                           c.applied or self.tr("尚未更新"), local(c.applied_at)] for c in self.items])
        for r in range(self.table.rowCount()):
            for c in range(self.table.columnCount()):
                item = cell(self.table, r, c)
                if c != ACTUAL:
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
        self.state.gate(self.apply_button, Action.UPDATE_CMDB)
        if self.table.currentRow() < 0 and self.items:
            self.table.setCurrentCell(0, 0)  # shows the first item's history
        self.show_history(self.table.currentRow())

    def actual(self) -> dict[str, str]:
        return {cell(self.table, r, 0).text(): cell(self.table, r, ACTUAL).text() for r in range(self.table.rowCount())}

    def apply(self) -> bool:
        actual = self.actual()
        # Irreversible (issue 15): the CMDB takes these versions, each change in the item's history.
        lines = "\n".join(self.tr("{name}：{before} → {after}").format(
            name=c.name, before=c.before or "—", after=actual.get(c.name, c.after)) for c in self.items[:12])
        lines += "\n…" if len(self.items) > 12 else ""
        if not ops.ask(self, self.tr("更新 CMDB"), self.tr(
                "依据实际发布结果更新配置管理数据库（CMDB）中的 {n} 个配置项？每项的变化记入其版本历史，不能撤销。\n\n{items}")
                .format(n=len(self.items), items=lines)):
            return False
        ok, _ = self.state.call(self, closing.apply_cmdb, self.state.id, actual,
                                expected_version=self.state.data.row_version)
        if not ok:
            return False
        summary = "；".join(f"{c.name}: {c.before} → {actual.get(c.name, c.after)}" for c in self.items)
        return _record(self, self.state, "cmdb", "pass", evidence=summary)

    def show_history(self, row: int) -> None:
        if not 0 <= row < len(self.items):
            fill(self.history, [])
            return
        ok, got = ops.call(self, self.state.gctx, inventory.history, self.state.gctx.app, self.items[row].name,
                           quiet=True)
        rows = got if ok else []
        here = self.tr("本发布")
        fill(self.history, [[local(h.at), h.old_version, h.new_version,
                             here if h.release_id == self.state.id else h.release_number]
                            for h in reversed(rows)])


class ArchiveTab(QWidget):
    def __init__(self, state: ReleaseState, parent=None):
        super().__init__(parent)
        self.state = state
        column = QVBoxLayout(self)
        column.addWidget(QLabel(self.tr("归档已批准的发布计划（Word 文档及其 SHA-256 随发布保存）。"
                                        "发布变更报告在发布关闭时归档。"), wordWrap=True))
        self.status = QLabel(objectName="archive_status", wordWrap=True)
        column.addWidget(self.status)
        self.archive_button = QPushButton(self.tr("归档发布计划"), objectName="archive_plan")
        self.archive_button.clicked.connect(self.archive)
        column.addWidget(self.archive_button, 0, Qt.AlignmentFlag.AlignLeft)
        column.addStretch(1)

    def refresh(self) -> None:
        ok, got = ops.call(self, self.state.gctx, documents.archived, self.state.gctx.app, self.state.data.number,
                           "plan", quiet=True)
        stored = got if ok else None
        self.status.setText(self.tr("已归档：{f}（SHA-256 {sha}），{by} 于 {at}").format(
            f=stored.filename, sha=stored.sha256, by=stored.created_by, at=local(stored.created_at))
            if stored else self.tr("尚未归档。"))
        self.state.gate(self.archive_button, Action.UPDATE_CMDB)

    def archive(self) -> bool:
        ok, stored = self.state.call(self, documents.archive_plan, self.state.data.number)
        if not ok:
            return False
        evidence = self.tr("{f}（SHA-256 {sha}）").format(f=stored.filename, sha=stored.sha256)
        return _record(self, self.state, "archive", "pass", evidence=evidence)


class KnowledgeTab(QWidget):
    def __init__(self, state: ReleaseState, parent=None):
        super().__init__(parent)
        self.state = state
        form = QFormLayout(self)
        d = state.data
        self.title = QLineEdit(self.tr("经验总结：{n} {t}").format(n=d.number, t=d.title), objectName="k_title")
        self.tags = QLineEdit(objectName="k_tags", placeholderText=self.tr("例如 数据库, 回退, 性能"))
        self.body = QPlainTextEdit(objectName="k_body")
        self.body.setPlaceholderText(self.tr("发布经验：做得好的、出现的问题及原因、下次的改进"))
        form.addRow(self.tr("标题"), self.title)
        form.addRow(self.tr("标签"), self.tags)
        form.addRow(self.tr("内容"), self.body)
        row = QHBoxLayout()
        self.add_button = QPushButton(self.tr("写入知识库"), objectName="add_knowledge")
        self.add_button.clicked.connect(self.add)
        self.na_button = QPushButton(self.tr("不适用…"), objectName="knowledge_na")
        self.na_button.clicked.connect(self.not_applicable)
        row.addWidget(self.add_button)
        row.addWidget(self.na_button)
        row.addStretch(1)
        form.addRow(row)
        self.entries = table([self.tr("时间"), self.tr("标题")], "knowledge_entries")
        form.addRow(self.tr("本发布的知识条目"), self.entries)

    def refresh(self) -> None:
        fill(self.entries, [[local(k.created_at), k.title] for k in self.state.data.knowledge])
        self.state.gate(self.add_button, Action.UPDATE_CMDB)
        self.state.gate(self.na_button, Action.UPDATE_CMDB)

    def add(self) -> bool:
        ok, entry = self.state.call(self, closing.add_knowledge, self.title.text(), self.body.toPlainText(),
                                    release=self.state.id, tags=self.tags.text())
        if not ok:
            return False
        self.body.clear()
        evidence = self.tr("知识库条目 #{id}：{t}").format(id=entry, t=self.title.text())
        return _record(self, self.state, "knowledge", "pass", evidence=evidence)

    def not_applicable(self) -> bool:
        reason = ReasonDialog.ask(self, self.tr("知识更新不适用"), self.tr("请说明本次发布为何没有可更新至知识库的经验："))
        return reason is not None and _record(self, self.state, "knowledge", "na", reason=reason)

