"""What a page shows besides its sections: the linked change requests (受理与评估), the
rollback triggers of 4.5.1 with the plan's own thresholds, conflict and freeze warnings,
and lessons learned from the knowledge base."""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QGroupBox, QLabel, QVBoxLayout, QWidget

from relgui.domain.release_detail import Change
from relgui.gui import ops
from relgui.services import knowledge


def _label(name: str = "", text: str = "") -> QLabel:
    label = QLabel(text, objectName=name, wordWrap=True)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class ChangesPanel(QGroupBox):
    """R-4.2.1-CORRELATION: the changes whose dependencies and merge are decided here."""

    def __init__(self, gctx, changes: Sequence[Change], parent: QWidget | None = None):
        super().__init__(self.tr("关联的变更请求"), parent, objectName="linked_changes")
        names = {"approved": self.tr("已批准"), "submitted": self.tr("待审批"), "rejected": self.tr("已驳回"),
                 "closed": self.tr("已关闭")}
        rows = [f"<b>{html.escape(c.number)}</b>&nbsp; {html.escape(c.title)}&nbsp; "
                f"[{names.get(c.status, html.escape(c.status))}]" for c in changes]
        layout = QVBoxLayout(self)
        layout.addWidget(_label("changes", "<br>".join(rows) or self.tr("没有关联的变更请求。")))
        if len(changes) > 1:
            layout.addWidget(_label("", self.tr("有多个变更：请记录它们之间的依赖关系，并决定是否合并发布。")))


class TriggersPanel(QGroupBox):
    """R-4.5.1-TRIGGERS: the policy's four triggers, each beside the plan's own threshold."""

    def __init__(self, gctx, form, parent: QWidget | None = None):
        super().__init__(self.tr("回退触发条件（制度 4.5.1）"), parent, objectName="rollback_triggers")
        self.gctx, self.fields = gctx, form.fields
        self.text = _label("triggers")
        QVBoxLayout(self).addWidget(self.text)
        form.edited.connect(self.update_text)
        form.loaded.connect(self.update_text)
        self.update_text()

    def update_text(self) -> None:
        lines = []
        for trigger in self.gctx.profile.triggers:
            line = html.escape(trigger.label(self.gctx.lang))
            if trigger.threshold_from:
                widget = self.fields.get(trigger.threshold_from.split(".", 1)[-1])
                value = str(widget.field_value()) if widget is not None else ""
                threshold = html.escape(value) if value else html.escape(self.tr("（请在上方填写本计划的阈值）"))
                line = self.tr("{trigger}：{threshold}").format(trigger=line, threshold=f"<b>{threshold}</b>")
            lines.append("• " + line)
        self.text.setText("<br>".join(lines))


class WarningsPanel(QGroupBox):
    """Other releases on the same configuration items in an overlapping window, and freeze
    periods: the approver must acknowledge them (relgui.services.plans.warnings_for)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(self.tr("冲突与冻结期警告"), parent, objectName="warnings")
        self.text = _label("warnings_text")
        self.text.setStyleSheet("color: #e65100;")
        QVBoxLayout(self).addWidget(self.text)
        self.hide()

    def show_warnings(self, warnings) -> None:
        kinds = {"conflict": self.tr("配置项冲突"), "freeze": self.tr("冻结期")}
        self.text.setText("<br>".join(
            self.tr("{kind}：{detail}").format(kind=f"<b>{kinds.get(w.kind, w.kind)}</b>", detail=html.escape(w.detail))
            for w in warnings))
        self.setVisible(bool(warnings))


def related_lessons(gctx, release_id: int) -> list:
    """Lessons learned related to the plan's configuration items (R-4.4.2-KNOWLEDGE,
    services.knowledge.related_to_plan), read on a worker; [] when they could not be read (a
    hint beside the form: a failure is not said)."""
    ok, got = ops.call(None, gctx, knowledge.related_to_plan, gctx.app, release_id, quiet=True)
    return list(got) if ok else []


class KnowledgePanel(QGroupBox):
    def __init__(self, gctx, release_id: int, parent: QWidget | None = None):
        super().__init__(self.tr("相关经验教训（知识库）"), parent, objectName="knowledge")
        self.gctx, self.release_id = gctx, release_id
        self.text = _label("lessons")
        self.text.setAlignment(Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addStretch(1)

    def sizeHint(self) -> QSize:
        line = self.fontMetrics().height()  # about 16 Chinese characters wide
        return QSize(line * 16, line * 20)

    def refresh(self) -> None:
        hits = related_lessons(self.gctx, self.release_id)
        if not hits:
            self.text.setText(self.tr("暂无与本计划配置项相关的经验教训。填写配置基线后，"
                                      "这里会列出涉及相同配置项的以往发布的经验。"))
            return
        self.text.setText("<br><br>".join(self._hit(h) for h in hits[:8]))

    def _hit(self, hit) -> str:
        where = " · ".join(x for x in (hit.release_number or "", "、".join(hit.config_items)) if x)
        return (f"<b>{html.escape(hit.title)}</b><br><small>{html.escape(where)}</small><br>"
                f"{html.escape(hit.snippet)}")
