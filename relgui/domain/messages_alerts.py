"""Alerts (issue 16): the messages people receive, and what the administrator is told.

An alert's text is built from three parts in the recipient's language: what happened (the
subject), the release and what is due by when (the company's time zone), and how to act.
"""

from relgui.domain.plural import plural

# What the alert is about: the subject line, in the policy's words.
SUBJECTS = {
    "plan_submitted": ("发布计划待审批：{number}《{title}》", "Release plan awaiting approval: {number} {title}"),
    "problem_reported": ("严重问题：{number}《{title}》需在 {deadline} 前作出回退决策",
                         "Severe problem: {number} {title} needs a rollback decision by {deadline}"),
    "decision_due_soon": ("回退决策即将到期：{number}《{title}》，截止 {deadline}",
                          "Rollback decision due soon: {number} {title}, by {deadline}"),
    "decision_overdue": ("回退决策已超时：{number}《{title}》，截止时间 {deadline} 已过",
                         "Rollback decision overdue: {number} {title}, due {deadline}"),
    "cmdb_due_soon": ("配置更新即将到期：{number}《{title}》，截止 {deadline}",
                      "CMDB update due soon: {number} {title}, by {deadline}"),
    "cmdb_overdue": ("配置更新已超时：{number}《{title}》，截止时间 {deadline} 已过",
                     "CMDB update overdue: {number} {title}, due {deadline}"),
    "outside_window": ("发布实施在批准的时间窗口外开始：{number}《{title}》",
                       "Deployment started outside its approved window: {number} {title}"),
    "kpi_below": ("本季度发布成功率 {rate}，低于 {target} 目标（{quarter}）",
                  "This quarter's release success rate is {rate}, below the {target} target ({quarter})"),
    "test": ("relgui 告警通道测试：{channel}", "relgui alert channel test: {channel}"),
}

# What is due, said in full in the body.
WHAT = {
    "plan_submitted": ("发布计划 V{revision} 已由 {by} 提交，等待审批。",
                       "Plan V{revision} was submitted by {by} and awaits approval."),
    "problem_reported": ("{by} 于 {detected} 报告了严重问题：{triggers}。制度要求在发现后 30 分钟内作出回退决策（4.5.2）。",
                         "{by} reported a severe problem at {detected}: {triggers}. The policy requires a rollback "
                         "decision within 30 minutes of detection (4.5.2)."),
    "decision_due_soon": ("严重问题（{detected} 发现）尚未作出回退决策，距截止还有 {left}。",
                          "No rollback decision yet on the severe problem detected at {detected}; {left} left."),
    "decision_overdue": ("严重问题（{detected} 发现）在 30 分钟内未作出回退决策，已超时（4.5.2）。",
                         "No rollback decision within 30 minutes of the severe problem detected at {detected}: "
                         "overdue (4.5.2)."),
    "cmdb_due_soon": ("发布已于 {finished} 完成部署，配置管理数据库尚未更新，距 24 小时截止还有 {left}（4.4.2）。",
                      "Deployment finished at {finished}; the CMDB is not updated yet, {left} left of the 24 hours (4.4.2)."),
    "cmdb_overdue": ("发布已于 {finished} 完成部署，24 小时内未完成配置管理数据库更新，已超时（4.4.2）。",
                     "Deployment finished at {finished}; the CMDB was not updated within 24 hours: overdue (4.4.2)."),
    "outside_window": ("{by} 于 {started} 开始发布实施，批准的时间窗口为 {window}。",
                       "{by} started the deployment at {started}; the approved window is {window}."),
    "kpi_below": ("本季度（{quarter}）发布成功率 {rate}，低于 {target} 目标：已关闭的发布 {counted} 次，成功 {succeeded} 次，"
                  "失败或回退 {unsuccessful} 次（发布成功率 = 发布成功次数 / 发布总次数 × 100%，表4-3）。",
                  "This quarter ({quarter}) the release success rate is {rate}, below the {target} target: {counted} "
                  "releases closed, {succeeded} succeeded, {unsuccessful} failed or rolled back (success rate = "
                  "successful releases / all releases × 100 %, table 4-3)."),
    "test": ("这是一条测试消息，由 {by} 于 {at} 发送。收到即说明此通道可用。",
             "This is a test message sent by {by} at {at}. Receiving it means this channel works."),
}

# How to act.
HOW = {
    "plan_submitted": ("请在 relgui 中打开发布 {number}，审阅发布计划后批准或驳回。",
                       "Open release {number} in relgui, review the plan, then approve or reject it."),
    "problem_reported": ("请运维管理部经理在 relgui 中打开发布 {number}，于 {deadline} 前作出回退决策。",
                         "The operations manager should open release {number} in relgui and decide on rollback "
                         "before {deadline}."),
    "decision_due_soon": ("请运维管理部经理立即在 relgui 中打开发布 {number} 作出回退决策。",
                          "The operations manager should open release {number} in relgui and decide now."),
    "decision_overdue": ("请运维管理部经理立即作出回退决策；超时将记入发布记录。",
                         "The operations manager should decide at once; the delay is recorded on the release."),
    "cmdb_due_soon": ("请在 relgui 中打开发布 {number}，于 {deadline} 前完成配置更新。",
                      "Open release {number} in relgui and complete the configuration update before {deadline}."),
    "cmdb_overdue": ("请尽快在 relgui 中完成发布 {number} 的配置更新；超时将记入发布记录与 KPI。",
                     "Complete the configuration update of release {number} in relgui as soon as possible; the delay "
                     "is recorded on the release and in the KPI."),
    "outside_window": ("请运维管理部经理核实原因，并在 relgui 中记录执行监控说明。",
                       "The operations manager should find out why and record it in the release's monitoring."),
    "kpi_below": ("请在 relgui 的仪表板中查看本季度失败与回退的发布，组织分析改进。本季度成功率回到目标以上后再次低于目标时，"
                  "才会再次提醒。",
                  "Open the dashboard in relgui, review this quarter's failed and rolled-back releases and "
                  "organise improvements. You are told again this quarter only if the rate recovers to the target "
                  "and then falls below it again."),
    "test": ("无需处理。", "No action needed."),
}

LABELS = {
    "release": ("发布", "Release"),
    "deadline": ("截止时间", "Deadline"),
    "how": ("如何处理", "What to do"),
    "repeat": ("（可能重复：上次发送结果未确认）", "(possibly a repeat: the previous send was not confirmed)"),
    "minutes": ("{n} 分钟", "{n} min"),
    "hours": ("{n} 小时", "{n} h"),
    "none": ("—", "—"),
    "kpi_broken": ("另有 {broken} 次发布的关闭签署已失效，未计入。",
                   plural("{broken} more release is not counted: its closing signature no longer verifies.",
                          "{broken} more releases are not counted: their closing signature no longer verifies.", n="broken")),
}

CATALOG = {
    "alert_channel_kind": ("告警通道类型只能是 e-mail（email）、企业微信（wecom）或钉钉（dingtalk）",
                           "An alert channel is e-mail (email), WeCom (wecom) or DingTalk (dingtalk)"),
    "alert_channel_exists": ("已有名为“{name}”的告警通道", "An alert channel named “{name}” exists already"),
    "alert_channel_unknown": ("没有名为“{name}”的告警通道", "There is no alert channel named “{name}”"),
    "alert_setting_bad": ("告警通道设置“{field}”无效：{detail}", "Alert channel setting “{field}” is invalid: {detail}"),
    "alert_secret_missing": ("本机的系统凭据库中没有告警通道“{name}”的{what}；请在此计算机上用“告警通道”对话框或 "
                             "relgui-admin notify channel secret 保存",
                             "This computer's credential store has no {what} for alert channel “{name}”; save it "
                             "here with the Alert channels dialog or relgui-admin notify channel secret"),
    "alert_keyring_unavailable": ("此计算机没有可用的系统凭据库，无法保存告警通道的密码或密钥：{detail}",
                                  "This computer has no usable credential store; the alert channel's password or "
                                  "key cannot be kept: {detail}"),
    "alert_rules_bad": ("告警规则有误，未保存，仍使用原有规则：{detail}",
                        "The alert rules are malformed and were not saved; the rules in force stay: {detail}"),
    "alert_email_bad": ("电子邮件地址“{value}”无效", "The e-mail address “{value}” is invalid"),
    "alert_language_bad": ("语言只能是 zh_CN 或 en", "The language is zh_CN or en"),
    "alert_not_mine": ("这条提醒不是发给您的", "This alert is not addressed to you"),
    # Delivery results, said to the administrator (channel status, notify's output, the dialog).
    "alert_smtp_connect": ("无法连接邮件服务器 {host}:{port}：{detail}", "Cannot reach the mail server {host}:{port}: {detail}"),
    "alert_smtp_tls": ("与邮件服务器 {host} 的 TLS 握手失败（证书不受信任或主机名不符？）：{detail}",
                       "TLS with the mail server {host} failed (certificate not trusted or wrong host name?): {detail}"),
    "alert_smtp_auth": ("邮件服务器 {host} 拒绝了用户名或密码：{detail}", "The mail server {host} refused the user name or password: {detail}"),
    "alert_smtp_refused": ("邮件服务器拒绝了收件人 {value}：{detail}", "The mail server refused the recipient {value}: {detail}"),
    "alert_smtp_failed": ("邮件服务器 {host} 拒绝发送：{detail}", "The mail server {host} refused the message: {detail}"),
    "alert_webhook_connect": ("无法连接 {service} 机器人地址 {host}：{detail}", "Cannot reach the {service} robot at {host}: {detail}"),
    "alert_webhook_http": ("{service} 机器人返回 HTTP {status}：{detail}", "The {service} robot answered HTTP {status}: {detail}"),
    "alert_webhook_errcode": ("{service} 机器人拒绝了消息（错误码 {errcode}）：{detail}",
                              "The {service} robot refused the message (error code {errcode}): {detail}"),
    "alert_webhook_tls": ("与 {service} 机器人 {host} 的 TLS 握手失败：{detail}", "TLS with the {service} robot {host} failed: {detail}"),
    "alert_no_address": ("收件人没有电子邮件地址", "The recipient has no e-mail address"),
    "alert_channel_gone": ("告警通道已删除或停用", "The alert channel was removed or disabled"),
}
