"""Handlers of the commands that need no more than a confirmation, a reason or a signature."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from relgui.domain import timeutil
from relgui.domain.messages import render_all
from relgui.domain.release_detail import ReleaseDetail
from relgui.gui import ops
from relgui.gui.dialogs.plan_view import PlanViewDialog
from relgui.gui.dialogs.sign import ReasonDialog, SignDialog
from relgui.services import company, execution, plans, releases


def _run(parent, gctx, fn, *args, progress: str | None = None, **kwargs) -> bool:
    """The use case on a worker (gui/ops.py); the views refresh from its change notice."""
    ok, _ = ops.call(parent, gctx, fn, gctx.app, *args, progress=progress, **kwargs)
    return ok


def accept(parent, gctx, release: ReleaseDetail) -> bool:
    if not ops.ask(parent, QCoreApplication.translate("SimpleActions", "受理发布请求"),
                   QCoreApplication.translate("SimpleActions", "受理 {n}？受理后开始评估与制定发布计划。").format(n=release.number)):
        return False
    return _run(parent, gctx, releases.accept, release.id, expected_version=release.row_version)


def start_planning(parent, gctx, release: ReleaseDetail) -> bool:
    return _run(parent, gctx, releases.start_planning, release.id, expected_version=release.row_version)


def _with_reason(parent, gctx, release: ReleaseDetail, fn, title, prompt, required=True) -> bool:
    reason = ReasonDialog.ask(parent, title, prompt, required)
    if reason is None:
        return False
    return _run(parent, gctx, fn, release.id, reason, expected_version=release.row_version)


def reject_request(parent, gctx, release: ReleaseDetail) -> bool:
    return _with_reason(parent, gctx, release, releases.reject_request, QCoreApplication.translate("SimpleActions", "驳回发布请求"),
                        QCoreApplication.translate("SimpleActions", "请说明驳回理由（将记入审计轨迹）："))


def cancel(parent, gctx, release: ReleaseDetail) -> bool:
    return _with_reason(parent, gctx, release, releases.cancel, QCoreApplication.translate("SimpleActions", "取消发布"),
                        QCoreApplication.translate("SimpleActions", "请说明取消理由："))


def declare_failed(parent, gctx, release: ReleaseDetail) -> bool:
    return _with_reason(parent, gctx, release, execution.declare_failed, QCoreApplication.translate("SimpleActions", "判定发布失败"),
                        QCoreApplication.translate("SimpleActions", "请说明失败情况（发布结果记为“发布失败”，计入发布成功率）："))


def submit_plan(parent, gctx, release: ReleaseDetail) -> bool:
    reason = ReasonDialog.ask(parent, QCoreApplication.translate("SimpleActions", "提交发布计划"),
                              QCoreApplication.translate("SimpleActions", "修订说明（记入修订记录，首次提交可留空）："), False)
    if reason is None:
        return False
    return _run(parent, gctx, plans.submit, release.id, reason, expected_version=release.row_version)


def withdraw_plan(parent, gctx, release: ReleaseDetail) -> bool:
    # Not undone by a click (issue 15): the submission is void and the plan must be submitted again.
    if not ops.ask(parent, QCoreApplication.translate("SimpleActions", "撤回发布计划"), QCoreApplication.translate(
            "SimpleActions", "撤回 {n} 已提交审批的发布计划？撤回后此次提交不能再被批准，须重新提交审批。").format(
            n=release.number)):
        return False
    return _run(parent, gctx, plans.withdraw, release.id, expected_version=release.row_version)


def start_deployment(parent, gctx, release: ReleaseDetail) -> bool:
    """Outside the approved window or inside a freeze, the reason is asked first (R-1.3-PLAN);
    otherwise a plain confirmation."""
    title = QCoreApplication.translate("SimpleActions", "开始发布实施")
    ok, found = ops.call(parent, gctx, execution.deployment_deviations, gctx.app, release.id)
    if not ok:
        return False
    reason = ""
    if found:
        answer = ReasonDialog.ask(parent, title, render_all(found, gctx.lang, gctx.profile) + "\n" + QCoreApplication.translate(
            "SimpleActions", "仍要开始部署 {n}？请填写理由（将在发布变更报告中注明）：").format(n=release.number), True)
        if answer is None:
            return False
        reason = answer
    elif not ops.ask(parent, title,
                     QCoreApplication.translate("SimpleActions", "依据已批准的发布计划开始部署 {n}？").format(n=release.number)):
        return False
    return _run(parent, gctx, execution.start_deployment, release.id, reason=reason,
                expected_version=release.row_version)


def _sign_plan(parent, gctx, release: ReleaseDetail, approve: bool) -> bool:
    ok, view = ops.call(parent, gctx, plans.get, gctx.app, release.id)
    if not ok or not view.revisions:
        return False
    rev = view.revisions[-1]
    role = gctx.profile.release_types[release.type].approver_role
    app, release_id, seen = gctx.app, release.id, release.row_version

    # The signing use case, run by the sign dialog on a worker (no Qt object in here): a wrong
    # password leaves the dialog open with the comment (R-DOC-SIGN).
    def submit(password: str, reason: str, acknowledged: bool):
        if approve:
            return plans.approve(app, release_id, rev.number, password, acknowledge_warnings=acknowledged,
                                 expected_version=seen, comment=reason)
        return plans.reject(app, release_id, rev.number, password, reason, expected_version=seen)

    def view_plan(dialog) -> None:
        PlanViewDialog.show_for(dialog, gctx, release_id, modal=True)

    ok, _ = SignDialog.ask(
        parent, gctx, submit,
        title=(QCoreApplication.translate("SimpleActions", "批准发布计划") if approve
               else QCoreApplication.translate("SimpleActions", "驳回发布计划")),
        what=QCoreApplication.translate("SimpleActions", "{n} 发布计划 V{v}（{by} 于 {at} 提交）").format(
            n=release.number, v=rev.number, by=rev.created_by,
            at=timeutil.shown(rev.created_at, company.zone(release.timezone or "Asia/Shanghai"))),
        content_hash=rev.content_hash,
        meaning=(QCoreApplication.translate("SimpleActions", "批准") if approve
                 else QCoreApplication.translate("SimpleActions", "驳回")),
        signer=gctx.app.actor.display_name, role=gctx.profile.roles[role].label(gctx.lang),
        reason_required=not approve, warnings=[w.detail for w in view.warnings] if approve else [],
        view=view_plan,
        # Signing renders and archives the plan (.docx and its PDF face): seconds, on the worker.
        progress=QCoreApplication.translate("SimpleActions", "正在批准并归档发布计划…") if approve else None)
    return ok


def approve_plan(parent, gctx, release: ReleaseDetail) -> bool:
    return _sign_plan(parent, gctx, release, True)


def reject_plan(parent, gctx, release: ReleaseDetail) -> bool:
    return _sign_plan(parent, gctx, release, False)
