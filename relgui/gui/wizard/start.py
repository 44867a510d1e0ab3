"""从模板开始 / 复制以往发布的计划: choose the source and, with checkboxes, the sections.
A section that already has content is marked (it would be replaced) and not chosen by
default. Tests replace the ``ask`` classmethods."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from relgui.domain.errors import RelguiError
from relgui.domain.release_detail import ReleaseDetail
from relgui.gui import ops
from relgui.services import plan_templates, plans, register
from relgui.services.register import RegisterQuery

KEY_ROLE = Qt.ItemDataRole.UserRole


def has_content(data: Any) -> bool:
    if isinstance(data, dict):
        return any(has_content(v) for v in data.values())
    if isinstance(data, list):
        return bool(data)
    return data not in (None, "")


class SectionChecklist(QListWidget):
    """Sections offered by a source, checked when the plan has nothing there yet."""

    def __init__(self, gctx, current: dict[str, Any], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("sections")
        self.gctx, self.current = gctx, current

    def offer(self, keys: list[str]) -> None:
        self.clear()
        for section in self.gctx.profile.plan_sections:
            if section.key not in keys:
                continue
            filled = has_content(self.current.get(section.key))
            note = self.tr("（已有内容，将被替换）") if filled else ""
            item = QListWidgetItem(section.label(self.gctx.lang) + note)
            item.setData(KEY_ROLE, section.key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked if filled else Qt.CheckState.Checked)
            self.addItem(item)

    def chosen(self) -> list[str]:
        return [self.item(i).data(KEY_ROLE) for i in range(self.count())
                if self.item(i).checkState() == Qt.CheckState.Checked]


class _SourceDialog(QDialog):
    def __init__(self, gctx, title: str, current: dict[str, Any], parent: QWidget | None = None):
        super().__init__(parent)
        self.gctx = gctx
        self.setWindowTitle(title)
        self.layout_ = QVBoxLayout(self)
        self.sections = SectionChecklist(gctx, current)
        self.error = QLabel(wordWrap=True, styleSheet="color: #c62828;")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._check)
        self.buttons.rejected.connect(self.reject)
        line = self.fontMetrics().height()  # sizes in characters: right at 125 % and 150 % too
        self.resize(line * 34, line * 30)

    def finish_layout(self) -> None:
        self.layout_.addWidget(QLabel(self.tr("选择要写入本计划的部分：")))
        self.layout_.addWidget(self.sections)
        self.layout_.addWidget(self.error)
        self.layout_.addWidget(self.buttons)

    def _check(self) -> None:
        if not self.sections.chosen():
            self.error.setText(self.tr("请至少选择一个部分。"))
            return
        self.accept()


class TemplateDialog(_SourceDialog):
    def __init__(self, gctx, release_type: str, current: dict[str, Any], parent: QWidget | None = None):
        super().__init__(gctx, self.tr("从模板开始"), current, parent)
        self.setObjectName("template_dialog")
        self.templates = {t.key: t for t in plan_templates.available(gctx.profile)}
        self.choice = QComboBox()
        self.choice.setObjectName("template")
        for t in self.templates.values():
            self.choice.addItem(t.label(gctx.lang), t.key)
        self.about = QLabel(wordWrap=True, objectName="about")
        self.layout_.addWidget(self.choice)
        self.layout_.addWidget(self.about)
        self.finish_layout()
        self.choice.currentIndexChanged.connect(self._show)
        self.choice.setCurrentIndex(max(0, self.choice.findData(release_type)))
        self._show()

    def _show(self) -> None:
        template = self.templates[self.choice.currentData()]
        self.about.setText(template.about(self.gctx.lang))
        self.sections.offer(list(template.sections))

    @classmethod
    def ask(cls, parent, gctx, release_type: str, current: dict[str, Any]) -> tuple[str, list[str]] | None:
        dialog = cls(gctx, release_type, current, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.choice.currentData(), dialog.sections.chosen()


class CopyDialog(_SourceDialog):
    def __init__(self, gctx, release: ReleaseDetail, current: dict[str, Any], parent: QWidget | None = None):
        super().__init__(gctx, self.tr("复制以往发布的计划"), current, parent)
        self.setObjectName("copy_dialog")
        self.release = release
        self.search = QLineEdit(objectName="search", clearButtonEnabled=True)
        self.search.setPlaceholderText(self.tr("搜索编号、标题、系统"))
        self.releases = QListWidget()
        self.releases.setObjectName("releases")
        self.layout_.addWidget(self.search)
        self.layout_.addWidget(self.releases)
        self.finish_layout()
        self.search.textChanged.connect(self._find)
        self.releases.currentItemChanged.connect(self._pick)
        self._find()

    def _say(self, exc) -> None:
        """A read that failed (on a worker, quiet): said in the dialog, which stays open."""
        if isinstance(exc, RelguiError):
            self.error.setText(exc.message(self.gctx.lang, self.gctx.profile))

    def _find(self) -> None:
        self.releases.clear()
        query = RegisterQuery(text=self.search.text().strip(), sort="updated_at", descending=True, limit=100)
        ok, got = ops.call(self, self.gctx, register.page, self.gctx.app, query, with_total=False, quiet=True)
        if not ok:
            self._say(got)
            return
        rows = got.rows
        types = self.gctx.profile.release_types
        for r in rows:
            if r.id == self.release.id:
                continue
            item = QListWidgetItem(f"{r.number}  {r.title}  [{types[r.type].label(self.gctx.lang)}]")
            item.setData(KEY_ROLE, r.number)
            self.releases.addItem(item)

    def _pick(self, item: QListWidgetItem | None) -> None:
        self.sections.clear()
        if item is None:
            return
        ok, source = ops.call(self, self.gctx, plans.get, self.gctx.app, item.data(KEY_ROLE), quiet=True)
        if not ok:
            self._say(source)
            return
        self.sections.offer([k for k, v in source.content.items() if has_content(v)])

    def source(self) -> str | None:
        item = self.releases.currentItem()
        return item.data(KEY_ROLE) if item else None

    @classmethod
    def ask(cls, parent, gctx, release: ReleaseDetail, current: dict[str, Any]) -> tuple[str, list[str]] | None:
        dialog = cls(gctx, release, current, parent)
        source = dialog.source() if dialog.exec() == QDialog.DialogCode.Accepted else None
        if source is None:
            return None
        return source, dialog.sections.chosen()
