"""修订记录: the frozen revisions of a plan (who, when, why, hash, and the signatures on each),
and two revisions compared side by side (relgui.services.plans.compare)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from relgui.domain import lang as language
from relgui.domain import messages
from relgui.domain.release_detail import ReleaseDetail
from relgui.gui import ops
from relgui.gui.wizard.formatting import local_time, value_text
from relgui.services import plans, signing


def _table(headers: list[str], name: str) -> QTableWidget:
    table = QTableWidget(0, len(headers), objectName=name)
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setWordWrap(True)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            item = QTableWidgetItem(value)
            item.setToolTip(value)
            table.setItem(r, c, item)
    table.resizeRowsToContents()


class RevisionsDialog(QDialog):
    def __init__(self, gctx, view: plans.PlanView, parent: QWidget | None = None):
        """``view``: the plan as read on a worker by the opener (plans.get)."""
        super().__init__(parent)
        self.gctx, self.release_id = gctx, view.release_id
        self.setObjectName("revisions_dialog")
        self.view = view
        self.setWindowTitle(self.tr("{n} 发布计划修订记录").format(n=self.view.number))
        layout = QVBoxLayout(self)
        self.list = _table([self.tr("版本"), self.tr("提交人"), self.tr("时间"), self.tr("修订说明"),
                            self.tr("内容摘要"), self.tr("签名")], "revision_list")
        _fill(self.list, [self._row(r) for r in self.view.revisions])
        self.list.resizeColumnsToContents()
        layout.addWidget(self.list, 2)
        layout.addLayout(self._chooser())
        self.note = QLabel(objectName="compare_note", wordWrap=True)
        layout.addWidget(self.note)
        self.diff = _table([self.tr("内容"), "", ""], "comparison")
        self.diff.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.diff, 3)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(self.fontMetrics().averageCharWidth() * 150, self.fontMetrics().height() * 40)
        if len(self.view.revisions) >= 2:
            self.compare()
        else:
            self.note.setText(self.tr("至少需要两个版本才能比较。每次提交审批都会冻结一个新版本。"))

    def _row(self, rev: plans.RevisionView) -> list[str]:
        return [f"V{rev.number}", rev.created_by, local_time(rev.created_at), rev.reason, rev.content_hash[:16],
                "\n".join(self._signature(s) for s in self.view.signatures
                          if s.subject == "plan_revision" and s.subject_id == rev.id)]

    def _signature(self, sig: plans.SignatureView) -> str:
        meaning = language.pick(signing.MEANINGS.get(sig.meaning, (sig.meaning, sig.meaning)), self.gctx.lang)
        if sig.voided_at:
            state = self.tr("已失效：{why}").format(why=messages.void_reason(sig.voided_reason, self.gctx.lang))
        else:
            state = self.tr("有效") if sig.intact else self.tr("签名数据被改动")
        return f"{meaning} · {sig.signer_name} · {local_time(sig.signed_at)} · {sig.code} · {state}"

    def _chooser(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.left, self.right = QComboBox(), QComboBox()
        self.left.setObjectName("left")
        self.right.setObjectName("right")
        for rev in self.view.revisions:
            self.left.addItem(f"V{rev.number}", rev.number)
            self.right.addItem(f"V{rev.number}", rev.number)
        self.left.setCurrentIndex(max(0, self.left.count() - 2))
        self.right.setCurrentIndex(self.right.count() - 1)
        button = QPushButton(self.tr("比较(&C)"), objectName="compare")
        button.clicked.connect(self.compare)
        button.setEnabled(len(self.view.revisions) >= 2)
        row.addWidget(QLabel(self.tr("比较")))
        row.addWidget(self.left)
        row.addWidget(QLabel("↔"))
        row.addWidget(self.right)
        row.addWidget(button)
        row.addStretch(1)
        return row

    def compare(self) -> None:
        a, b = self.left.currentData(), self.right.currentData()
        ok, diffs = ops.call(self, self.gctx, plans.compare, self.gctx.app, self.release_id, a, b)
        if not ok:
            return
        self.diff.setHorizontalHeaderLabels([self.tr("内容"), f"V{a}", f"V{b}"])
        _fill(self.diff, [self._diff_row(path, old, new) for path, old, new in diffs])
        self.note.setText(self.tr("V{a} 与 V{b} 有 %n 处不同。", None, len(diffs)).format(a=a, b=b) if diffs
                          else self.tr("V{a} 与 V{b} 内容相同。").format(a=a, b=b))

    def _diff_row(self, path: str, old, new) -> list[str]:
        profile, lang = self.gctx.profile, self.gctx.lang
        section_key, _, key = path.partition(".")
        try:
            section = profile.section(section_key)
        except KeyError:
            return [path, str(old or ""), str(new or "")]
        spec = next((s for s in (*section.fields, *section.tables) if s.key == key), None)
        where = section.label(lang)
        if spec is not None and spec.label(lang) != where:  # a one-field section is named once
            where += " › " + spec.label(lang)
        return [where, value_text(section, key, old, lang), value_text(section, key, new, lang)]


def open_revisions(parent, gctx, release: ReleaseDetail) -> bool:
    """The revision list of a release (from the detail or the wizard); changes nothing."""
    ok, view = ops.call(parent, gctx, plans.get, gctx.app, release.id)
    if ok:
        RevisionsDialog(gctx, view, parent).exec()
    return False
