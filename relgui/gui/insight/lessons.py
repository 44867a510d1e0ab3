"""Lessons learned as the knowledge windows show them (R-4.4.2-KNOWLEDGE): one entry in full,
the form to add one, and ``RelatedLessons`` — the lessons of past releases that touched the
same configuration items as a plan, for the plan wizard to embed:

    panel = RelatedLessons(gctx)
    panel.open_release.connect(main_window.detail.show_release)   # optional
    panel.show_for_plan("FB-2026-00012")                          # returns how many
"""

from __future__ import annotations

import html
import re

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
)

from relgui.domain import timeutil
from relgui.domain.errors import RelguiError
from relgui.gui import ops
from relgui.services import knowledge

HIT_ROLE = Qt.ItemDataRole.UserRole
MARK = '<span style="background:#fff59d">{}</span>'


def marked(text: str, query: str) -> str:
    """``text`` as HTML with each word of ``query`` highlighted where it occurs."""
    out = html.escape(text)
    for word in sorted({w for w in re.split(r"\s+", query.strip()) if w}, key=len, reverse=True):
        out = re.sub(re.escape(html.escape(word)), lambda m: MARK.format(m.group(0)), out, flags=re.IGNORECASE)
    return out.replace("\n", "<br>")


def entry_parts(app, hit: knowledge.Hit) -> tuple[str, str, tuple[str, ...]]:
    """(body, release title, configuration items) of a hit, read on a worker: the whole text,
    the release's title and its items (without a release: the items the hit came with)."""
    e = knowledge.entry(app, hit.id)
    return e.body, e.release_title, e.config_items or hit.config_items


def full_entry(gctx, hit: knowledge.Hit) -> tuple[str, str, tuple[str, ...]]:
    """``entry_parts`` for a slot that waits for it (a click)."""
    ok, e = ops.call(None, gctx, entry_parts, gctx.app, hit, quiet=True)  # on a worker
    if not ok:
        if isinstance(e, RelguiError):
            raise e  # said beside the snippet by entry_html
        return hit.snippet, "", hit.config_items
    return e


def entry_html(gctx, hit: knowledge.Hit, query: str = "", parts=None) -> str:
    """``parts``: what ``entry_parts`` gave (or the refusal it raised), read already; without
    them they are read here, waiting (``full_entry``)."""
    translate = QCoreApplication.translate
    try:
        if isinstance(parts, RelguiError):
            raise parts
        body, release_title, items = parts if parts is not None else full_entry(gctx, hit)
    except RelguiError as exc:
        body, release_title, items = hit.snippet + "\n\n" + exc.message(gctx.lang, gctx.profile), "", hit.config_items
    release = (f"{hit.release_number} {release_title}".strip() if hit.release_number
               else translate("lessons", "（未关联发布）"))
    rows = [(translate("lessons", "发布"), html.escape(release)),
            (translate("lessons", "配置项"), html.escape("、".join(items)) or "—"),
            (translate("lessons", "标签"), html.escape(hit.tags) or "—"),
            (translate("lessons", "记录时间"), timeutil.shown(hit.created_at, gctx.company_tz))]
    table = "".join(f"<tr><td><b>{k}</b>&nbsp;</td><td>{v}</td></tr>" for k, v in rows)
    return f"<h3>{marked(hit.title, query)}</h3><table>{table}</table><p>{marked(body, query)}</p>"


class LessonForm(QDialog):
    """经验总结: title, text, tags and the release it was learned on."""

    def __init__(self, parent, values: tuple[str, str, str, str]):
        super().__init__(parent)
        self.setWindowTitle(self.tr("新增经验教训"))
        title, body, tags, release = values
        self.title = QLineEdit(title, objectName="title")
        self.body = QPlainTextEdit(body, objectName="body")
        self.tags = QLineEdit(tags, objectName="tags", placeholderText=self.tr("以顿号或空格分隔，如：回退、数据库"))
        self.release = QLineEdit(release, objectName="release", placeholderText=self.tr("发布编号（可不填）"))
        form = QFormLayout()
        for label, w in ((self.tr("标题(&T)"), self.title), (self.tr("经验内容(&B)"), self.body),
                         (self.tr("标签(&G)"), self.tags), (self.tr("关联发布(&R)"), self.release)):
            form.addRow(label, w)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        em = self.fontMetrics().horizontalAdvance("发")
        self.resize(em * 40, em * 26)

    def values(self) -> tuple[str, str, str, str]:
        return self.title.text(), self.body.toPlainText(), self.tags.text(), self.release.text().strip()

    @classmethod
    def ask(cls, parent, values: tuple[str, str, str, str]) -> tuple[str, str, str, str] | None:
        """(title, body, tags, release number) as typed, or None when cancelled. Tests replace this."""
        form = cls(parent, values)
        return form.values() if form.exec() == QDialog.DialogCode.Accepted else None


class RelatedLessons(QGroupBox):
    """Lessons from other releases on the plan's configuration items (knowledge.related_to_plan)."""

    open_release = Signal(int)

    def __init__(self, gctx, parent=None):
        super().__init__(self.tr("相关经验教训（知识库）"), parent, objectName="related_lessons")
        self.gctx = gctx
        self.list = QListWidget()
        self.list.setObjectName("lessons")
        self.list.setWordWrap(True)
        self.list.setSpacing(3)
        self.list.itemActivated.connect(self._activated)
        self.list.currentItemChanged.connect(self._show)
        self.text = QLabel(objectName="lesson_text", wordWrap=True, textFormat=Qt.TextFormat.RichText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.text)

    def show_for_plan(self, number: int | str) -> int:
        """List the lessons related to this plan; returns how many."""
        self.list.clear()
        self.text.clear()
        ok, hits = ops.call(self, self.gctx, knowledge.related_to_plan, self.gctx.app, number, quiet=True)
        if not ok:
            if isinstance(hits, RelguiError):
                self.text.setText(html.escape(hits.message(self.gctx.lang, self.gctx.profile)))
            return 0
        for hit in hits:
            shared = "、".join(hit.config_items)
            item = QListWidgetItem(f"{hit.title}\n{hit.release_number or ''} · {shared}")
            item.setData(HIT_ROLE, hit)
            item.setToolTip(hit.snippet)
            self.list.addItem(item)
        if not hits:
            self.text.setText(self.tr("以往发布中没有涉及本计划配置项的经验教训。"))
        else:
            self.list.setCurrentRow(0)
        return len(hits)

    def _show(self, item, _previous=None) -> None:
        if item is not None:
            self.text.setText(entry_html(self.gctx, item.data(HIT_ROLE)))

    def _activated(self, item) -> None:
        hit = item.data(HIT_ROLE)
        if hit.release_id is not None:
            self.open_release.emit(hit.release_id)
