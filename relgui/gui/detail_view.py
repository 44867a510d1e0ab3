"""发布详情: header, the stage bar of 表4-2, what is needed next, the commands (enabled only
when the domain allows them), and tabs for links, plan, checklists, deadlines and the audit
timeline."""

from __future__ import annotations

import datetime as dt

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from relgui.domain import lifecycle, messages, timeutil
from relgui.domain.errors import RelguiError, StorageUnavailable
from relgui.domain.messages import action_label, render_all
from relgui.domain.release_detail import ReleaseDetail
from relgui.domain.states import Status
from relgui.gui import actions, ops
from relgui.gui.audit_tab import audit_table, zone_of
from relgui.gui.documents_panel import DocumentsPanel
from relgui.gui.flowlayout import flow_widget
from relgui.gui.stagebar import StageBar
from relgui.policy import PolicyError, profile_for
from relgui.services import details, releases

# Rarely needed, and ending or undoing something: offered under the detail's 更多, never as a
# button a click meant for another could land on (issue 15).
RARE = frozenset({"reject_request", "withdraw_plan", "declare_failed", "cancel"})


def _local(value: dt.datetime | None, tz=None) -> str:
    """A time of the release in the company's zone (timeutil.shown: the one rule), never the PC's."""
    return timeutil.shown(value, tz)


def _table(headers: list[str], rows: list[list[str]], name: str) -> QTableWidget:
    table = QTableWidget(len(rows), len(headers), objectName=name)
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            item = QTableWidgetItem(str(value))
            item.setToolTip(str(value))
            table.setItem(r, c, item)
    table.horizontalHeader().setStretchLastSection(True)
    table.resizeColumnsToContents()
    return table


def read_detail(app, release_id: int) -> tuple[ReleaseDetail, dict]:
    """On a worker: the release whole and the actions the user may take on it."""
    return details.show(app, release_id, audit_limit=300), releases.actions(app, release_id)


def next_action(d: ReleaseDetail):
    """The release's next step by the domain (None: it has ended)."""
    return lifecycle.next_action(Status(d.status), any(x.decision is None for x in d.problems))


def policy_name(ref: str, lang: str) -> str:
    """The policy a release runs under as its documents name it under 制度依据 (发布管理制度
    XDYJ-06-01 V1.0), not as it is stored (XDYJ-06-01@1.0); a profile not installed here, as
    stored."""
    try:
        return profile_for(ref).label(lang)
    except PolicyError:
        return ref


class DetailView(QScrollArea):

    def __init__(self, gctx, parent=None):
        super().__init__(parent)
        self.gctx = gctx
        self.release: ReleaseDetail | None = None
        self.buttons: dict[str, QPushButton] = {}
        self._generation = 0
        self._loading: int | None = None
        self._next: int | None = None
        self._deferred: tuple[int, tuple] | None = None
        self.setWidgetResizable(True)
        self.setObjectName("detail_view")
        self._empty()

    def _empty(self) -> None:
        placeholder = QLabel(self.tr("在登记簿中选择一个发布以查看详情。"), alignment=Qt.AlignmentFlag.AlignCenter)
        self.setWidget(placeholder)
        self.release = None

    def show_release(self, release_id: int | None, *, again: bool = False) -> None:
        """Show a release: read on a worker (details and the actions this user may take, one
        read), built when it arrives. Asking for the release already shown (or being read)
        reads nothing unless ``again`` (a change notice said it changed)."""
        if release_id is None:
            self._generation += 1
            self._loading = None
            self._empty()
            return
        shown = self.release.id if self.release is not None else None
        if not again and release_id in (shown, self._loading):
            return
        if self._loading is not None:
            # One read at a time: the newest request is read when the current one returns.
            self._next = release_id
            return
        self._generation += 1
        generation = self._generation
        self._loading = release_id
        ops.run(None, self.gctx, read_detail, self.gctx.app, release_id, quiet=True, owner=self,
                on_done=lambda got: self._arrived(generation, got),
                on_failed=lambda exc: self._lost(generation, exc)).finished.connect(self._read_done)

    def _read_done(self) -> None:
        self._loading = None
        if self._next is not None:
            rid, self._next = self._next, None
            self.show_release(rid, again=True)

    def _arrived(self, generation: int, got) -> None:
        if generation != self._generation or self._next is not None:
            return  # a newer request replaces it
        if ops.waiting():
            # A slot is waiting in ops.call, perhaps the click of a button on this page: the page
            # is replaced once it has returned, never under it.
            self._deferred = (generation, got)
            ops.when_settled(self._apply_deferred)
            return
        data, allowed = got
        self.gctx.notifier.available()
        self.release = data
        page = self._build(data, allowed)
        if generation == self._generation:  # (building asked nothing newer meanwhile)
            self.setWidget(page)

    def _apply_deferred(self) -> None:
        if self._deferred is not None and shiboken6.isValid(self):
            generation, got = self._deferred
            self._deferred = None
            self._arrived(generation, got)

    def _lost(self, generation: int, exc) -> None:
        if generation != self._generation or not isinstance(exc, RelguiError):
            return
        if isinstance(exc, StorageUnavailable):
            self.gctx.notifier.unavailable(self.gctx.now())
            if self.release is not None:
                return  # the release stays on screen as last read; the status bar says why
        self.release = None
        self.setWidget(QLabel(exc.message(self.gctx.lang, self.gctx.profile), wordWrap=True))

    @property
    def busy(self) -> bool:
        return self._loading is not None or self._deferred is not None

    def reload(self) -> None:
        if self.release is not None:
            self.show_release(self.release.id, again=True)

    # ---------------------------------------------------------------- layout
    def _build(self, d: ReleaseDetail, allowed: dict) -> QWidget:
        p, lang = self.gctx.profile, self.gctx.lang
        page = QWidget()
        layout = QVBoxLayout(page)
        rtype = p.release_types[d.type]
        title = QLabel(f"<h2>{d.number} {d.title}</h2>", wordWrap=True, objectName="detail_title")
        title.setTextFormat(Qt.TextFormat.RichText)
        title.setText(f"<h2>{_esc(d.number)}&nbsp;&nbsp;{_esc(d.title)}</h2>")
        layout.addWidget(title)
        badge = (f"<span style='background:{rtype.color};color:white;padding:2px 6px'>&nbsp;{rtype.label(lang)}&nbsp;</span>"
                 f"&nbsp;&nbsp;<b>{p.statuses[d.status].label(lang)}</b>")
        if d.result:
            badge += f"&nbsp;·&nbsp;{p.outcomes[d.result].label(lang)}"
        layout.addWidget(QLabel(badge, objectName="detail_badges"))
        layout.addWidget(self._stagebar(d))
        layout.addWidget(self._next_step(d))
        layout.addWidget(self._commands(d, allowed))
        layout.addWidget(self._tabs(d))
        return page

    def _stagebar(self, d: ReleaseDetail) -> StageBar:
        p, lang = self.gctx.profile, self.gctx.lang
        bar = StageBar(objectName="stage_bar")
        status = d.status
        stopped = status in (Status.REJECTED, Status.CANCELLED)
        index = p.stage_index(status) if not stopped else self._last_stage(d)
        bar.set_stages([s.label(lang) for s in p.stages], index, closed=status == Status.CLOSED, stopped=stopped)
        return bar

    def _last_stage(self, d: ReleaseDetail) -> int:
        # A rejected request stopped at acceptance; a cancelled one where its plan had got to.
        return 1 if d.plan else 0

    def _next_step(self, d: ReleaseDetail) -> QLabel:
        p, lang = self.gctx.profile, self.gctx.lang
        status = Status(d.status)
        action = next_action(d)
        if action is None:
            text = self.tr("此发布已结束。")
        else:
            roles = lifecycle.allowed_roles(p, action, d.type)
            who = "、".join(p.roles[r].label(lang) for r in roles)
            text = self.tr("下一步：{action}（{who}）").format(action=action_label(action.value, lang), who=who)
        if d.plan_gaps and status in (Status.ACCEPTED, Status.PLANNING):
            text += "　" + self.tr("发布计划还有 %n 处未完成", None, d.plan_gaps)
        return QLabel(text, objectName="next_step", wordWrap=True)

    def _commands(self, d: ReleaseDetail, allowed: dict) -> QWidget:
        """The commands of this status, in the one order of actions.COMMANDS, flowing onto a new
        line when the pane is narrow (never wider than the pane); the rare ones that end or undo
        something (取消发布…, 驳回请求…, 撤回计划, 判定发布失败…) under 更多 at the row's right end,
        so no click on a moved button can reach them (issue 15)."""
        self.buttons = {}
        self.more_actions: dict[str, QAction] = {}
        status = Status(d.status)
        shown = [c for c in actions.COMMANDS if status in lifecycle.RULES[c.action].sources]
        box = QWidget()
        box.setObjectName("commands")
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        flow_box, flow = flow_widget(box)
        row.addWidget(flow_box, 1)
        menu = QMenu(box)
        menu.setToolTipsVisible(True)
        for cmd in shown:
            reasons = allowed.get(cmd.action, [])
            if reasons:
                tip = render_all(reasons, self.gctx.lang, self.gctx.profile)
            else:
                tip = action_label(cmd.action.value, self.gctx.lang)
            if cmd.key in RARE:
                action = menu.addAction(actions.label(cmd))
                action.setObjectName(f"cmd_{cmd.key}")
                action.setEnabled(not reasons)
                action.setToolTip(tip)
                action.triggered.connect(lambda _=False, c=cmd: self.run(c))
                self.more_actions[cmd.key] = action
                continue
            button = QPushButton(actions.label(cmd), objectName=f"cmd_{cmd.key}")
            button.setEnabled(not reasons)
            button.setToolTip(tip)
            if cmd.primary and not reasons:
                button.setDefault(True)
                button.setStyleSheet("font-weight: bold;")
            button.clicked.connect(lambda _=False, c=cmd: self.run(c))
            self.buttons[cmd.key] = button
            flow.addWidget(button)
        more = QPushButton(self.tr("更多"), objectName="cmd_more")
        more.setMenu(menu)
        more.setEnabled(bool(self.more_actions))
        more.setToolTip(self.tr("取消、驳回、撤回等不常用的命令") if self.more_actions else "")
        row.addWidget(more, 0, Qt.AlignmentFlag.AlignTop)
        return box

    def run(self, cmd: actions.Command) -> None:
        """A command's handler runs its use case (gui/ops.py); the views refresh from the
        use case's change notice (MainWindow._on_changes), not from here."""
        if self.release is None:
            return
        actions.handler(cmd)(self, self.gctx, self.release)  # a missing handler raises: a defect

    def _tabs(self, d: ReleaseDetail) -> QTabWidget:
        tabs = QTabWidget()
        tabs.setObjectName("detail_tabs")
        tabs.setUsesScrollButtons(True)  # the tab names never make the pane wider than its area
        tabs.addTab(self._overview(d), self.tr("概况"))
        tabs.addTab(self._plan(d), self.tr("发布计划"))
        tabs.addTab(self._checklists(d), self.tr("检查单"))
        tabs.addTab(self._deadlines(d), self.tr("期限"))
        tabs.addTab(DocumentsPanel(self.gctx, d, self), self.tr("文档"))
        tabs.addTab(self._audit(d), self.tr("审计轨迹"))
        return tabs

    def _overview(self, d: ReleaseDetail) -> QWidget:
        w = QWidget()
        form = QFormLayout(w)
        form.addRow(self.tr("负责人"), QLabel(d.owner or ""))
        form.addRow(self.tr("申请人"), QLabel(d.requested_by or ""))
        window = f"{_local(d.planned_start, self._tz)} – {_local(d.planned_end, self._tz)}"
        if d.planned_start and timeutil.differs_from_local(self._tz, self.gctx.app.clock.now()):
            # Said where it could be read as this PC's time (one time rule, issue 15).
            window += f" ({timeutil.offset_name(self._tz, self.gctx.app.clock.now())})"
        form.addRow(self.tr("计划窗口"), QLabel(window, objectName="planned_window"))
        form.addRow(self.tr("涉及系统"), QLabel(d.systems, wordWrap=True))
        form.addRow(self.tr("依据制度"), QLabel(policy_name(d.profile, self.gctx.lang), objectName="policy"))
        form.addRow(self.tr("创建时间"), QLabel(_local(d.created_at, self._tz)))
        names = {"approved": self.tr("已批准"), "submitted": self.tr("待审批"), "rejected": self.tr("已驳回"),
                 "closed": self.tr("已关闭")}
        form.addRow(self.tr("关联变更请求"), _table(
            [self.tr("编号"), self.tr("标题"), self.tr("状态")],
            [[c.number, c.title, names.get(c.status, c.status)] for c in d.changes], "changes_table"))
        if d.config_items:
            form.addRow(self.tr("配置项"), _table(
                [self.tr("配置项"), self.tr("发布前"), self.tr("发布后"), self.tr("已更新为")],
                [[c.name, c.before, c.after, c.applied or ""] for c in d.config_items], "items_table"))
        return w

    def _plan(self, d: ReleaseDetail) -> QWidget:
        w = QWidget()
        layout = QVBoxLayout(w)
        if d.plan is None:
            layout.addWidget(QLabel(self.tr("尚未开始制定发布计划。")))
        else:
            gaps = d.plan_gaps
            layout.addWidget(QLabel(self.tr("发布计划完整。") if not gaps else
                                    self.tr("发布计划还有 %n 处未完成。", None, gaps), objectName="plan_state"))
        row = QHBoxLayout()
        view = QPushButton(self.tr("查看计划…"), objectName="open_plan_view")
        view.setToolTip(self.tr("只读查看发布计划全文，并标出与上次签署批准版本的差异"))
        view.setEnabled(d.plan is not None or len(d.revisions) > 0)
        view.clicked.connect(self._open_plan_view)
        row.addWidget(view)
        row.addWidget(QLabel(self.tr("修订记录")))
        compare = QPushButton(self.tr("查看与比较修订…"), objectName="open_revisions")
        compare.setEnabled(len(d.revisions) > 0)
        compare.clicked.connect(self._open_revisions)
        row.addWidget(compare)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(_table([self.tr("版本"), self.tr("提交人"), self.tr("时间"), self.tr("说明"), self.tr("摘要")],
                                [[f"V{r.number}", r.created_by or "", _local(r.created_at, self._tz), r.reason,
                                  r.content_hash[:12]] for r in d.revisions], "revisions_table"))
        layout.addWidget(QLabel(self.tr("签名")))
        if d.closure_signature_broken:  # R-4.2.2-CLOSE, R-DOC-SIGN: said as a broken approval is
            broken = QLabel(self.tr("关闭签署未通过校验（签名或所签的关闭记录在程序之外被改动），"
                                    "本次发布不计入发布成功率"), objectName="closure_broken", wordWrap=True)
            broken.setStyleSheet("color: #b00020;")
            layout.addWidget(broken)
        rows = []
        for s in d.signatures:
            state = self.tr("已失效：") + messages.void_reason(s.voided_reason, self.gctx.lang) if s.voided_at else (
                self.tr("有效") if s.intact else self.tr("签名数据被改动"))
            rows.append([s.meaning_name, s.signer, self.gctx.profile.roles[s.role].label(self.gctx.lang),
                         _local(s.signed_at, self._tz), s.code, state])
        layout.addWidget(_table([self.tr("含义"), self.tr("签署人"), self.tr("角色"), self.tr("时间"),
                                 self.tr("校验码"), self.tr("状态")], rows, "signatures_table"))
        return w

    def _open_plan_view(self) -> None:
        from relgui.gui.dialogs.plan_view import open_plan_view  # lazy: ~105 ms (32 modules) at start-up otherwise

        if self.release is not None:
            open_plan_view(self, self.gctx, self.release)

    def _open_revisions(self) -> None:
        from relgui.gui.wizard.revisions import open_revisions  # lazy: ~125 ms (32 modules) at start-up otherwise

        if self.release is not None:
            open_revisions(self, self.gctx, self.release)

    def _checklists(self, d: ReleaseDetail) -> QWidget:
        p, lang = self.gctx.profile, self.gctx.lang
        results = {"pass": self.tr("通过"), "fail": self.tr("未通过"), "na": self.tr("不适用")}
        # An item never recorded is still to do while the release runs; once it has ended (closed,
        # rejected, cancelled: no next step) it was not recorded, and an auditor reads it so.
        missing = self.tr("未记录") if next_action(d) is None else self.tr("未完成")
        rows = []
        for key in ("precheck", "verification", "config_update"):
            recorded = {e.item: e for e in d.checklists.get(key, ())}
            for item in p.checklists[key].items:
                e = recorded.get(item.key)
                rows.append([p.checklists[key].label(lang), item.label(lang),
                             results.get(e.result, "") if e else missing,
                             (e.recorded_by or "") if e else "", _local(e.recorded_at, self._tz) if e else "",
                             (e.reason or e.evidence) if e else ""])
        return _table([self.tr("检查单"), self.tr("检查项"), self.tr("结果"), self.tr("检查人"), self.tr("时间"),
                       self.tr("说明")], rows, "checklist_table")

    def _deadlines(self, d: ReleaseDetail) -> QWidget:
        kinds = {"cmdb": self.tr("CMDB 更新（24 小时内）"), "rollback_decision": self.tr("回退决策（30 分钟内）")}
        states = {"ok": self.tr("进行中"), "warn": self.tr("即将到期"), "overdue": self.tr("已逾期"),
                  "met": self.tr("按时完成"), "missed": self.tr("逾期完成")}
        return _table([self.tr("期限"), self.tr("截止时间"), self.tr("完成时间"), self.tr("状态"), self.tr("依据")],
                      [[kinds.get(x.kind, x.kind), _local(x.due, self._tz), _local(x.done_at, self._tz),
                        states.get(x.state, x.state), messages.clause(x.requirement, self.gctx.lang)]
                       for x in d.deadlines],
                      "deadlines_table")

    def _audit(self, d: ReleaseDetail) -> QWidget:
        return audit_table(d, self.gctx.lang, self.gctx.profile)

    @property
    def _tz(self):
        return zone_of(self.release)


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
