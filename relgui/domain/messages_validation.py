"""Messages of relgui.domain.validation (issue 15): times, windows, freezes, delivered changes,
closure, lessons, titles, request editing and administration. The policy's clause is named in
words where it helps; never a requirement ID."""

from relgui.domain.plural import plural

CATALOG = {
    # step times (制度 4.3.2)
    "step_finished_before_start": (
        "实际完成时间（{finished}）不能早于实际开始时间（{started}）。",
        "The actual finish ({finished}) cannot be before the actual start ({started})."),
    "step_before_previous": (
        "本步骤的实际开始时间（{started}）不能早于上一步骤的实际完成时间（{previous}）：实施步骤须按顺序执行（制度 4.3.2）。",
        "This step's actual start ({started}) cannot be before the previous step's actual finish ({previous}): "
        "the steps run in order (policy 4.3.2)."),
    "step_before_deployment": (
        "步骤时间（{at}）不能早于发布实施开始的时间（{deployment}）。",
        "A step time ({at}) cannot be before deployment started ({deployment})."),
    "step_in_future": (
        "步骤时间（{at}）晚于当前时间，不能记录尚未发生的进度。",
        "The step time ({at}) is in the future: progress is recorded once it has happened."),
    "step_outside_window": (
        "步骤时间（{at}）不在已批准的发布窗口（{window_start} 至 {window_end}）内：请填写超出窗口的理由（制度 1.3 计划性原则）。",
        "The step time ({at}) is outside the approved release window ({window_start} to {window_end}): "
        "record the reason for leaving the window (policy 1.3, planned releases)."),
    # deployment start (制度 1.3)
    "deploy_outside_window": (
        "当前时间（{now}）不在已批准的发布窗口（{window_start} 至 {window_end}）内。",
        "Now ({now}) is outside the approved release window ({window_start} to {window_end})."),
    "deploy_in_freeze": (
        "当前处于冻结期（{start} 至 {end}：{why}）。",
        "This is inside a freeze period ({start} to {end}: {why})."),
    "deviation_needs_reason": (
        "在已批准的窗口之外或冻结期内开始发布实施，须记录理由；该偏离将在《发布变更报告》中注明（制度 1.3 计划性原则）。",
        "Starting deployment outside the approved window or inside a freeze needs a recorded reason; the release "
        "change report will flag it (policy 1.3, planned releases)."),
    # changes (制度 4.2.1)
    "change_already_delivered": (
        "变更请求 {change} 已由已关闭的发布 {release} 交付。如确需再次关联（例如补充发布），请确认后再保存。",
        "Change request {change} was already delivered by the closed release {release}. To link it again "
        "(e.g. a follow-up release), confirm it, then save."),
    # closure (制度 4.2.2, 4.4.2)
    "closure_analysis_empty": (
        "请先填写成败分析：关闭发布时须分析发布成功或失败的原因（制度 4.2.2）。",
        "Write the success-or-failure analysis first: closing a release analyses why it succeeded or failed "
        "(policy 4.2.2)."),
    "lesson_required": (
        "发布失败或已回退，关闭前须将经验总结更新至知识库（制度 4.4.2 知识更新）。",
        "The release failed or was rolled back: add its lesson learned to the knowledge base before closing "
        "(policy 4.4.2, knowledge update)."),
    # titles
    "title_too_long": (
        "标题过长：{length} 字，最多 {limit} 字。请缩短后再保存（未作任何截断）。",
        "The title is too long: {length} characters, at most {limit}. Shorten it, then save (nothing was cut)."),
    # plan (制度 3.2, 4.2.2)
    "gap_downtime_window": (
        "发布计划“{section}”：预计停机时间不能超过已安排的发布窗口（{detail} 分钟）",
        plural("Plan section “{section}”: the expected downtime cannot exceed the scheduled release window ({detail} minute)",
               "Plan section “{section}”: the expected downtime cannot exceed the scheduled release window ({detail} minutes)", n="detail")),
    "downtime_exceeds_window": (
        "预计停机时间（{minutes}）超过了发布窗口的时长（{window}）。",
        "The expected downtime ({minutes}) is longer than the release window ({window})."),
    "gap_stale_before": (
        "发布计划“{section}”的“{key}”第 {row} 行：发布前版本与配置管理数据库的当前版本（{detail}）不一致，回退目标将不正确",
        "Plan section “{section}”: “{key}” row {row}: the version before differs from the CMDB's current version "
        "({detail}); the rollback target would be wrong"),
    # request editing (制度 4.2.1)
    "request_not_editable": (
        "发布请求受理后不能再修改请求内容（当前状态为“{status}”）。",
        "A release request cannot be edited after acceptance (it is “{status}”)."),
    "changes_locked": (
        "发布计划批准后不能再关联或取消关联变更请求（当前状态为“{status}”）。",
        "Change requests cannot be linked or unlinked once the plan is approved (it is “{status}”)."),
    "type_change_needs_reason": (
        "修改发布类型须说明理由（发布类型决定审批人，制度 4.1）。",
        "Changing the release type needs a reason (the type decides the approver, policy 4.1)."),
    "nothing_changed": ("没有需要保存的修改。", "Nothing was changed."),
    # administration
    "must_change_password": (
        "管理员已重置您的密码：请先设置新密码。",
        "An administrator reset your password: set a new one first."),
    "same_password": ("新密码不能与原密码相同。", "The new password must differ from the old one."),
    "policy_unknown": ("没有安装该制度版本：{value}", "No such policy version is installed: {value}"),
    "own_account_disable": ("不能停用自己的账户。", "You cannot disable your own account."),
}

FIELDS = {
    "downtime_minutes": ("预计停机时间(分钟)", "expected downtime (minutes)"),
    "policy": ("执行的制度版本", "policy in force"),
}

# several counts in one sentence (messages.COUNTED)
COUNTED = {"downtime_exceeds_window": {"minutes": "n_minutes", "window": "n_minutes"}}
