"""查看发布计划: the whole plan read-only, with what changed since the last signed revision.

The approving manager reads here what they are asked to sign (issue 15): every section in the
policy's order, fields and tables as written, and — when an earlier revision was signed — each
section, field and table row marked 新增 / 删除 / 修改 with the earlier value beside the new one,
and a list of the differences at the top that jumps to its section. The read model is
relgui.services.plan_review.plan (read on a worker, gui/ops.py); this window only shows it.

Opened from the release detail's 发布计划 tab, from 我的待办 and from the sign dialog
(``PlanViewDialog.show_for``); it writes nothing.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from relgui.domain.errors import RelguiError
from relgui.domain.release_detail import ReleaseDetail
from relgui.gui import ops
from relgui.services import plan_review as pr

# added: green, removed: red and struck through, changed: amber with the earlier value
COLORS = {pr.ADDED: "#e8f5e9", pr.REMOVED: "#ffebee", pr.CHANGED: "#fff8e1"}
MARKS = {pr.ADDED: "#2e7d32", pr.REMOVED: "#c62828", pr.CHANGED: "#e65100"}


def _text(value: str) -> str:
    return escape(value).replace("\n", "<br>") if value else ""


class PlanViewDialog(QDialog):
    def __init__(self, parent: QWidget | None, gctx, release_id: int):
        super().__init__(parent)
        self.gctx, self.release_id = gctx, release_id
        self.review: pr.PlanReview | None = None
        self.setObjectName("plan_view")
        self.setWindowTitle(self.tr("查看发布计划"))
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        layout = QVBoxLayout(self)
        self.header = QLabel(self.tr("正在读取…"), objectName="plan_header", wordWrap=True)
        self.header.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.header)
        self.note = QLabel(objectName="compare_note", wordWrap=True)
        self.note.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.note)
        row = QHBoxLayout()
        self.only_changes = QCheckBox(self.tr("只显示有变化的部分"), objectName="only_changes")
        self.only_changes.setEnabled(False)
        self.only_changes.toggled.connect(lambda _: self._render())
        row.addWidget(self.only_changes)
        row.addStretch(1)
        layout.addLayout(row)
        self.text = QTextBrowser()
        self.text.setObjectName("plan_text")
        self.text.setOpenLinks(False)  # the list's links jump to their section, nothing opens
        self.text.anchorClicked.connect(lambda url: self.text.scrollToAnchor(url.fragment()))
        layout.addWidget(self.text, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        fm = self.fontMetrics()
        self.resize(fm.horizontalAdvance("中") * 70, fm.height() * 44)
        self.reload()

    def reload(self) -> None:
        ops.run(None, self.gctx, pr.plan, self.gctx.app, self.release_id, quiet=True, owner=self,
                on_done=self.show_review, on_failed=self._failed)

    def _failed(self, exc) -> None:
        words = exc.message(self.gctx.lang, self.gctx.profile) if isinstance(exc, RelguiError) else str(exc)
        self.header.setText(escape(self.tr("无法读取发布计划：{why}").format(why=words)))

    # ---------------------------------------------------------------- what it says
    def show_review(self, review: pr.PlanReview) -> None:
        self.review = review
        self.setWindowTitle(self.tr("查看发布计划 — {n}").format(n=review.number))
        p, lang = self.gctx.profile, self.gctx.lang
        kind = p.release_types[review.type].label(lang) if review.type in p.release_types else review.type
        status = p.statuses[review.status].label(lang) if review.status in p.statuses else review.status
        head = f"<b>{escape(review.number)}</b>&nbsp;&nbsp;{escape(review.title)}&nbsp;·&nbsp;{escape(kind)}" \
               f"&nbsp;·&nbsp;{escape(status)}<br>"
        if review.shown == "revision":
            head += escape(self.tr("发布计划 V{v}，{by} 于 {at} 提交").format(
                v=review.revision, by=review.submitted_by, at=review.submitted_at))
            if review.reason:
                head += escape(self.tr("；修订说明：{r}").format(r=review.reason))
            head += "<br>" + escape(self.tr("内容摘要 {h}…").format(h=review.revision_hash[:16]))
            if review.approval is not None:
                head += "<br>" + self._approval_text(review.approval, review.revision)
        elif review.shown == "draft":
            head += escape(self.tr("正在编制的草稿（尚未提交审批）"))
        else:
            head += escape(self.tr("尚未开始制定发布计划。"))
        head += "<br><span style='color:#555'>" + escape(self.tr("时间均为公司时区（{z}）").format(z=review.zone)) + "</span>"
        self.header.setText(head)
        self.note.setText(self._note(review))
        self.only_changes.setEnabled(bool(review.changes))
        self._render()

    def _approval_text(self, signed: pr.Signed, version: int | None) -> str:
        states = {"valid": self.tr("有效"), "voided": self.tr("已失效：{why}").format(why=signed.void_reason),
                  "broken": self.tr("签名未通过校验")}
        return escape(self.tr("V{v} 由 {who}（{role}）于 {at} 签署批准，校验码 {code}，{state}").format(
            v=version, who=signed.signer, role=signed.role, at=signed.at, code=signed.code,
            state=states.get(signed.state, signed.state)))

    def _note(self, review: pr.PlanReview) -> str:
        if review.shown == "none":
            return ""
        if not review.compared:
            return escape(self.tr("没有已签署批准的早期版本可比较：以下为计划全文。"))
        where = self._approval_text(review.base_approval, review.base) if review.base_approval else ""
        if not review.changes:
            return escape(self.tr("与上次签署批准的 V{b} 相比，内容没有变化。").format(b=review.base)) + "<br>" + where
        count = escape(self.tr("与上次签署批准的 V{b} 相比，共有 %n 处不同（已在下文标出）：", None,
                                 len(review.changes)).format(b=review.base))
        return count + "<br>" + where

    def _mark(self, change: str) -> str:
        words = {pr.ADDED: self.tr("新增"), pr.REMOVED: self.tr("删除"), pr.CHANGED: self.tr("修改")}
        if not change:
            return ""
        return f"&nbsp;<span style='color:white;background:{MARKS[change]}'>&nbsp;{escape(words[change])}&nbsp;</span>"

    def html(self) -> str:
        """The plan as rich text (what the window shows; tests read it too)."""
        review = self.review
        if review is None:
            return ""
        only = self.only_changes.isChecked() and bool(review.changes)
        out = ["<html><body>"]
        if review.changes:
            title = self.tr("差异一览")
            out.append(f"<p><b>{escape(title)}</b></p><ul>")
            for c in review.changes:
                out.append(f"<li><a href='#sec-{c.section}'>{escape(c.where)}</a>{self._mark(c.change)} "
                           f"{self._change_words(c)}</li>")
            out.append("</ul><hr>")
        page = None
        for s in review.sections:
            if only and not s.change:
                continue
            if s.page and s.page != page:
                page = s.page
                out.append(f"<h2>{escape(page)}</h2>")
            out.append(self._section(s, review.compared))
        out.append("</body></html>")
        return "".join(out)

    def _change_words(self, c: pr.Change) -> str:
        if c.change == pr.CHANGED:
            return escape(self.tr("由“{a}”改为“{b}”").format(a=_short(c.before), b=_short(c.after)))
        if c.change == pr.ADDED:
            return escape(self.tr("“{b}”").format(b=_short(c.after)))
        return escape(self.tr("原为“{a}”").format(a=_short(c.before)))

    def _section(self, s: pr.SectionView, compared: bool) -> str:
        bg = COLORS.get(s.change, "")
        style = f" style='background:{bg}'" if bg else ""
        parts = [f"<a name='sec-{s.key}'></a><h3{style}>{escape(s.label)}{self._mark(s.change)}</h3>"]
        if s.gaps:
            gaps = self.tr("此节还有 %n 处未完成", None, s.gaps)
            parts.append(f"<p style='color:#c62828'>{escape(gaps)}</p>")
        if s.fields:
            parts.append("<table border='1' cellspacing='0' cellpadding='4' width='100%'>")
            for f in s.fields:
                parts.append(f"<tr><td width='25%'><b>{escape(f.label)}</b></td>{self._field_cell(f)}</tr>")
            parts.append("</table>")
        for t in s.tables:
            parts.append(self._table(t, s))
        return "".join(parts)

    def _field_cell(self, f: pr.FieldView) -> str:
        if f.change == pr.REMOVED:
            return (f"<td style='background:{COLORS[f.change]}'><s>{_text(f.before)}</s>"
                    f"{self._mark(f.change)}</td>")
        blank, was = self.tr("（未填写）"), self.tr("原为：")
        body = _text(f.value) or f"<span style='color:#999'>{escape(blank)}</span>"
        if f.change == pr.CHANGED:
            body += (f"{self._mark(f.change)}<br><span style='color:#777'>{escape(was)}"
                     f"<s>{_text(f.before)}</s></span>")
        elif f.change == pr.ADDED:
            body += self._mark(f.change)
        bg = COLORS.get(f.change, "")
        return f"<td style='background:{bg}'>{body}</td>" if bg else f"<td>{body}</td>"

    def _table(self, t: pr.TableView, s: pr.SectionView) -> str:
        title = "" if t.label == s.label else f"<p><b>{escape(t.label)}</b>{self._mark(t.change)}</p>"
        if not t.rows:
            none = self.tr("（无）")
            return title + f"<p style='color:#999'>{escape(none)}</p>"
        head = "".join(f"<th>{escape(c)}</th>" for c in (self.tr("序号"), *t.columns))
        rows = []
        for r in t.rows:
            bg = COLORS.get(r.change, "")
            style = f" style='background:{bg}'" if bg else ""
            number = str(r.number) if r.number else ""
            cells = []
            changed = r.changed_cells()
            for i, value in enumerate(r.cells):
                if r.change == pr.REMOVED:
                    cells.append(f"<td><s>{_text(value)}</s></td>")
                elif i in changed:
                    cells.append(f"<td>{_text(value)}<br><span style='color:#777'><s>{_text(r.before[i])}</s></span></td>")
                else:
                    cells.append(f"<td>{_text(value)}</td>")
            rows.append(f"<tr{style}><td>{number}{self._mark(r.change)}</td>{''.join(cells)}</tr>")
        return (title + "<table border='1' cellspacing='0' cellpadding='4' width='100%'>"
                f"<tr>{head}</tr>{''.join(rows)}</table>")

    def _render(self) -> None:
        bar = self.text.verticalScrollBar().value()
        self.text.setHtml(self.html())
        self.text.verticalScrollBar().setValue(bar)

    # ---------------------------------------------------------------- opening
    @classmethod
    def show_for(cls, parent: QWidget | None, gctx, release_id: int, *, modal: bool = False) -> PlanViewDialog:
        """Open the plan of a release: over a dialog (the sign dialog) modally; otherwise as a
        window beside the main one (one per release and parent, brought forward again)."""
        if modal:
            dialog = cls(parent, gctx, release_id)
            try:
                dialog.exec()
            finally:
                dialog.deleteLater()
            return dialog
        kept: dict[int, PlanViewDialog] | None = None
        if parent is not None:  # the parent keeps its plan windows in an attribute of its own (its Python wrapper's)
            kept = parent.__dict__.setdefault("_plan_views", {})
        window = kept.get(release_id) if kept is not None else None
        if window is not None:
            try:
                window.reload()
                window.show()
                window.raise_()
                window.activateWindow()
                return window
            except RuntimeError:  # deleted with its parent meanwhile
                pass
        window = cls(parent, gctx, release_id)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        if kept is not None:
            kept[release_id] = window
            window.destroyed.connect(lambda *_: kept.pop(release_id, None))
        window.show()
        return window


def _short(value: str, limit: int = 60) -> str:
    value = value.replace("\n", " ")
    return value if len(value) <= limit else value[:limit] + "…"


def open_plan_view(parent, gctx, release: ReleaseDetail) -> bool:
    """From the release detail (services.details.show's ReleaseDetail); changes nothing."""
    PlanViewDialog.show_for(parent, gctx, release.id)
    return False
