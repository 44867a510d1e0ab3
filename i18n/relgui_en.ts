<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AccountForm</name>
    <message>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>显示名</source>
        <translation>Display name</translation>
    </message>
    <message>
        <source>角色</source>
        <translation>Roles</translation>
    </message>
    <message>
        <source>临时密码</source>
        <translation>Temporary password</translation>
    </message>
    <message>
        <source>再次输入</source>
        <translation>Repeat</translation>
    </message>
    <message>
        <source>用户首次登录时须设置新密码。</source>
        <translation>The user sets a new password at the first login.</translation>
    </message>
    <message>
        <source>两次输入的密码不一致。</source>
        <translation>The two passwords differ.</translation>
    </message>
</context>
<context>
    <name>AccountPage</name>
    <message>
        <source>第一个账户</source>
        <translation>First account</translation>
    </message>
    <message>
        <source>此账户是系统管理员，也是运维管理部经理；其他用户之后由它添加。</source>
        <translation>This account is the administrator and the operations manager; it adds the other users later.</translation>
    </message>
    <message>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>密码（至少 8 个字符）</source>
        <translation>Password (at least 8 characters)</translation>
    </message>
    <message>
        <source>再次输入密码</source>
        <translation>Repeat the password</translation>
    </message>
    <message>
        <source>两次输入的密码不一致。</source>
        <translation>The two passwords differ.</translation>
    </message>
    <message>
        <source>密码至少需要 8 个字符。</source>
        <translation>The password needs at least 8 characters.</translation>
    </message>
    <message>
        <source>请填写用户名和姓名。</source>
        <translation>Enter a user name and a name.</translation>
    </message>
</context>
<context>
    <name>AccountsPage</name>
    <message>
        <source>示例账户</source>
        <translation>Sample accounts</translation>
    </message>
    <message>
        <source>示例账户的密码是随机生成的，只在这里显示这一次，请现在记下。关闭向导后不能再查看；忘记时由系统管理员重设。</source>
        <translation>The sample accounts' passwords are random and shown only here, this once: note them now. They cannot be seen again after the wizard closes; an administrator can reset a forgotten one.</translation>
    </message>
    <message>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>角色</source>
        <translation>Roles</translation>
    </message>
    <message>
        <source>密码</source>
        <translation>Password</translation>
    </message>
</context>
<context>
    <name>AdminCompanyDialog</name>
    <message>
        <source>公司设置</source>
        <translation>Company settings</translation>
    </message>
    <message>
        <source>公司名称</source>
        <translation>Company name</translation>
    </message>
    <message>
        <source>编制部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>发布编号格式</source>
        <translation>Release number pattern</translation>
    </message>
    <message>
        <source>发布计划文件编号</source>
        <translation>Release plan document number</translation>
    </message>
    <message>
        <source>发布变更报告文件编号</source>
        <translation>Release change report document number</translation>
    </message>
    <message>
        <source>时区</source>
        <translation>Time zone</translation>
    </message>
    <message>
        <source>执行的制度版本</source>
        <translation>Policy in force</translation>
    </message>
    <message>
        <source>所有显示的时间均按公司时区；新的制度版本只用于此后新建的发布，已有发布仍按其创建时的制度版本执行。</source>
        <translation>Every time shown is in the company's time zone. A new policy version applies to releases created from now on; existing releases keep the version they were created under.</translation>
    </message>
    <message>
        <source>{kind}：{detail}</source>
        <translation>{kind}: {detail}</translation>
    </message>
    <message>
        <source>下一个发布 {release}：发布计划 {plan}，发布变更报告 {report}</source>
        <translation>Next release {release}: plan {plan}, report {report}</translation>
    </message>
    <message>
        <source>例如：{n}</source>
        <translation>For example: {n}</translation>
    </message>
</context>
<context>
    <name>AdminUsersDialog</name>
    <message>
        <source>用户与角色</source>
        <translation>Users and roles</translation>
    </message>
    <message>
        <source>新增用户…</source>
        <translation>Add user…</translation>
    </message>
    <message>
        <source>设置角色…</source>
        <translation>Set roles…</translation>
    </message>
    <message>
        <source>停用</source>
        <translation>Disable</translation>
    </message>
    <message>
        <source>重置密码…</source>
        <translation>Reset password…</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>已停用</source>
        <translation>Disabled</translation>
    </message>
    <message>
        <source>启用</source>
        <translation>Enabled</translation>
    </message>
    <message>
        <source>须设置新密码</source>
        <translation>must set a new password</translation>
    </message>
    <message>
        <source>锁定至 {t}</source>
        <translation>locked until {t}</translation>
    </message>
    <message>
        <source>新增用户</source>
        <translation>Add user</translation>
    </message>
    <message>
        <source>设置角色：{u}</source>
        <translation>Roles of {u}</translation>
    </message>
    <message>
        <source>停用账户</source>
        <translation>Disable account</translation>
    </message>
    <message>
        <source>停用 {u}？该用户将不能再登录，已打开的会话在下一次操作时结束。</source>
        <translation>Disable {u}? The user can no longer log in; an open session ends at its next action.</translation>
    </message>
    <message>
        <source>重置密码：{u}</source>
        <translation>Reset the password of {u}</translation>
    </message>
</context>
<context>
    <name>ArchiveTab</name>
    <message>
        <source>归档已批准的发布计划（Word 文档及其 SHA-256 随发布保存）。发布变更报告在发布关闭时归档。</source>
        <translation>Archive the approved release plan (the Word document and its SHA-256 are kept with the release). The release change report is archived when the release is closed.</translation>
    </message>
    <message>
        <source>归档发布计划</source>
        <translation>Archive the release plan</translation>
    </message>
    <message>
        <source>已归档：{f}（SHA-256 {sha}），{by} 于 {at}</source>
        <translation>Archived: {f} (SHA-256 {sha}), by {by} at {at}</translation>
    </message>
    <message>
        <source>尚未归档。</source>
        <translation>Not archived yet.</translation>
    </message>
    <message>
        <source>{f}（SHA-256 {sha}）</source>
        <translation>{f} (SHA-256 {sha})</translation>
    </message>
</context>
<context>
    <name>AttachmentsDialog</name>
    <message>
        <source>附件 — {n}</source>
        <translation>Attachments — {n}</translation>
    </message>
</context>
<context>
    <name>AttachmentsPanel</name>
    <message>
        <source>文件名</source>
        <translation>File name</translation>
    </message>
    <message>
        <source>大小</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <source>添加人</source>
        <translation>Added by</translation>
    </message>
    <message>
        <source>添加时间</source>
        <translation>Added at</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>备注（随下一个添加的文件保存）</source>
        <translation>Note (saved with the next file added)</translation>
    </message>
    <message>
        <source>添加文件…</source>
        <translation>Add file…</translation>
    </message>
    <message>
        <source>打开</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>选择证据文件</source>
        <translation>Choose evidence files</translation>
    </message>
    <message>
        <source>无法打开</source>
        <translation>Cannot open</translation>
    </message>
    <message>
        <source>没有可打开此文件的程序：{path}</source>
        <translation>No program can open this file: {path}</translation>
    </message>
</context>
<context>
    <name>AuditTab</name>
    <message>
        <source>序号</source>
        <translation>Seq</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>操作人</source>
        <translation>Actor</translation>
    </message>
    <message>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Detail</translation>
    </message>
    <message>
        <source>公司时区：{zone}</source>
        <translation>Company time zone: {zone}</translation>
    </message>
</context>
<context>
    <name>BatchDocuments</name>
    <message>
        <source>发布计划</source>
        <translation>Release plan</translation>
    </message>
    <message>
        <source>发布变更报告</source>
        <translation>Release change report</translation>
    </message>
    <message>
        <source>批量生成文档</source>
        <translation>Generate documents in a batch</translation>
    </message>
    <message>
        <source>文档种类</source>
        <translation>Kind of document</translation>
    </message>
    <message>
        <source>保存到文件夹</source>
        <translation>Save to folder</translation>
    </message>
    <message numerus="yes">
        <source>已生成 %n 个文档，保存在 {folder}。</source>
        <translation><numerusform>%n document written to {folder}.</numerusform><numerusform>%n documents written to {folder}.</numerusform></translation>
    </message>
    <message>
        <source>正在生成文档…</source>
        <translation>Generating documents…</translation>
    </message>
    <message>
        <source>未生成：</source>
        <translation>Not generated:</translation>
    </message>
</context>
<context>
    <name>CalendarWindow</name>
    <message>
        <source>发布日历</source>
        <translation>Release calendar</translation>
    </message>
    <message>
        <source>月视图(&amp;M)</source>
        <translation>&amp;Month</translation>
    </message>
    <message>
        <source>周视图(&amp;W)</source>
        <translation>&amp;Week</translation>
    </message>
    <message>
        <source>◀ 上一页</source>
        <translation>◀ Previous</translation>
    </message>
    <message>
        <source>今天</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>下一页 ▶</source>
        <translation>Next ▶</translation>
    </message>
    <message>
        <source>冻结期(&amp;F)…</source>
        <translation>&amp;Freeze periods…</translation>
    </message>
    <message>
        <source>{year}年{month}月</source>
        <translation>{month}/{year}</translation>
    </message>
    <message>
        <source>{first} 至 {last}</source>
        <translation>{first} to {last}</translation>
    </message>
    <message>
        <source>发布日历 — {period}</source>
        <translation>Release calendar — {period}</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <source>设置新密码</source>
        <translation>Set a new password</translation>
    </message>
    <message>
        <source>管理员已为您设置临时密码。请先设置只有您知道的新密码，然后继续。</source>
        <translation>An administrator set a temporary password for you. Set a new password only you know, then continue.</translation>
    </message>
    <message>
        <source>当前密码</source>
        <translation>Current password</translation>
    </message>
    <message>
        <source>新密码</source>
        <translation>New password</translation>
    </message>
    <message>
        <source>再次输入新密码</source>
        <translation>Repeat the new password</translation>
    </message>
    <message>
        <source>保存新密码</source>
        <translation>Save new password</translation>
    </message>
    <message>
        <source>两次输入的新密码不一致。</source>
        <translation>The two new passwords differ.</translation>
    </message>
</context>
<context>
    <name>ChangesDialog</name>
    <message>
        <source>编号</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>申请人</source>
        <translation>Requested by</translation>
    </message>
    <message>
        <source>审批人</source>
        <translation>Decided by</translation>
    </message>
    <message>
        <source>审批时间</source>
        <translation>Decided at</translation>
    </message>
    <message>
        <source>变更请求</source>
        <translation>Change requests</translation>
    </message>
    <message>
        <source>按编号或标题查找</source>
        <translation>Find by number or title</translation>
    </message>
    <message>
        <source>新建…</source>
        <translation>New…</translation>
    </message>
    <message>
        <source>更改审批状态…</source>
        <translation>Change decision…</translation>
    </message>
    <message>
        <source>从 CSV/Excel 导入…</source>
        <translation>Import from CSV/Excel…</translation>
    </message>
    <message>
        <source>待审批</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <source>已批准</source>
        <translation>Approved</translation>
    </message>
    <message>
        <source>已驳回</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <source>已关闭</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>审批状态</source>
        <translation>Decision</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>新建变更请求</source>
        <translation>New change request</translation>
    </message>
    <message>
        <source>变更管理的决定：{n}</source>
        <translation>Change management's decision: {n}</translation>
    </message>
    <message>
        <source>导入变更请求</source>
        <translation>Import change requests</translation>
    </message>
    <message>
        <source>CSV 或表格文件 (*.csv *.xlsx *.xls *.et *.ods)</source>
        <translation>CSV or spreadsheet (*.csv *.xlsx *.xls *.et *.ods)</translation>
    </message>
    <message>
        <source>第 {n} 行：{msg}</source>
        <translation>Row {n}: {msg}</translation>
    </message>
    <message>
        <source>不能导入</source>
        <translation>Cannot import</translation>
    </message>
    <message>
        <source>以下行有问题，未导入任何数据：</source>
        <translation>These rows have problems; nothing was imported:</translation>
    </message>
    <message numerus="yes">
        <source>导入 %n 个变更请求？</source>
        <translation><numerusform>Import %n change request?</numerusform><numerusform>Import %n change requests?</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>已导入 %n 个变更请求。</source>
        <translation><numerusform>Imported %n change request.</numerusform><numerusform>Imported %n change requests.</numerusform></translation>
    </message>
    <message>
        <source>导入完成</source>
        <translation>Import finished</translation>
    </message>
</context>
<context>
    <name>ChangesPanel</name>
    <message>
        <source>关联的变更请求</source>
        <translation>Linked change requests</translation>
    </message>
    <message>
        <source>已批准</source>
        <translation>Approved</translation>
    </message>
    <message>
        <source>待审批</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <source>已驳回</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <source>已关闭</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>没有关联的变更请求。</source>
        <translation>No linked change requests.</translation>
    </message>
    <message>
        <source>有多个变更：请记录它们之间的依赖关系，并决定是否合并发布。</source>
        <translation>Several changes: record how they depend on each other and decide whether to merge them into one release.</translation>
    </message>
</context>
<context>
    <name>ChecklistDialog</name>
    <message>
        <source>检查项</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>附件</source>
        <translation>Attachments</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>尚不能{action}：{why}</source>
        <translation>Not yet possible to {action}: {why}</translation>
    </message>
    <message>
        <source>请先选择结果：通过、未通过或不适用。</source>
        <translation>Choose a result first: passed, failed or not applicable.</translation>
    </message>
</context>
<context>
    <name>CloseDialog</name>
    <message>
        <source>关闭发布 — {n}</source>
        <translation>Close release — {n}</translation>
    </message>
    <message>
        <source>发布结果</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>部署</source>
        <translation>Deployment</translation>
    </message>
    <message>
        <source>严重问题</source>
        <translation>Severe problem</translation>
    </message>
    <message>
        <source>回退原因</source>
        <translation>Rollback cause</translation>
    </message>
    <message>
        <source>按时完成</source>
        <translation>Met</translation>
    </message>
    <message>
        <source>逾期完成</source>
        <translation>Missed</translation>
    </message>
    <message>
        <source>已逾期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>CMDB 更新</source>
        <translation>CMDB update</translation>
    </message>
    <message>
        <source>成败分析（写入发布变更报告）</source>
        <translation>Success-or-failure analysis (goes into the release change report)</translation>
    </message>
    <message>
        <source>对本次发布成功或失败的原因进行分析，并提出改进措施</source>
        <translation>Analyse why this release succeeded or failed, and propose improvements</translation>
    </message>
    <message>
        <source>签署并关闭…</source>
        <translation>Sign and close…</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>发布变更报告预览</source>
        <translation>Release change report preview</translation>
    </message>
    <message>
        <source>更新预览</source>
        <translation>Update preview</translation>
    </message>
    <message>
        <source>按当前填写的成败分析重新生成报告预览</source>
        <translation>Lay the report out again with the analysis as typed now</translation>
    </message>
    <message>
        <source>正在生成预览…</source>
        <translation>Making the preview…</translation>
    </message>
    <message>
        <source>无法生成预览：{why}</source>
        <translation>Cannot make the preview: {why}</translation>
    </message>
    <message>
        <source>成败分析已修改，点“更新预览”查看</source>
        <translation>The analysis was changed: click “Update preview” to see it</translation>
    </message>
    <message numerus="yes">
        <source>共 %n 页；草稿，签署时定稿归档</source>
        <translation><numerusform>%n page; a draft, made final and archived when you sign</numerusform><numerusform>%n pages; a draft, made final and archived when you sign</numerusform></translation>
    </message>
    <message>
        <source>签署时生成并归档发布变更报告，签名覆盖其内容的 SHA-256</source>
        <translation>The release change report is made and archived as you sign; the signature covers the SHA-256 of its content</translation>
    </message>
    <message>
        <source>签署：关闭发布</source>
        <translation>Sign: close the release</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>{n} 发布关闭，结果“{r}”，附成败分析；发布变更报告随之定稿归档</source>
        <translation>Closure of {n}, outcome “{r}”, with the success-or-failure analysis; the release change report is finalised and archived with it</translation>
    </message>
    <message>
        <source>正在关闭并归档发布变更报告…</source>
        <translation>Closing and archiving the release change report…</translation>
    </message>
</context>
<context>
    <name>Closure</name>
    <message>
        <source>发布已关闭</source>
        <translation>Release closed</translation>
    </message>
    <message>
        <source>{n} 已关闭。已归档：
{a}
{b}</source>
        <translation>{n} is closed. Archived:
{a}
{b}</translation>
    </message>
</context>
<context>
    <name>CmdbTab</name>
    <message>
        <source>配置项</source>
        <translation>Configuration items</translation>
    </message>
    <message>
        <source>发布前版本</source>
        <translation>Version before</translation>
    </message>
    <message>
        <source>计划发布后版本</source>
        <translation>Planned version after</translation>
    </message>
    <message>
        <source>实际版本</source>
        <translation>Actual version</translation>
    </message>
    <message>
        <source>CMDB 当前记录</source>
        <translation>Recorded in the CMDB</translation>
    </message>
    <message>
        <source>更新时间</source>
        <translation>Updated</translation>
    </message>
    <message>
        <source>“实际版本”默认为计划的发布后版本；如实际部署的版本不同，请改为实际版本。</source>
        <translation>“Actual version” defaults to the plan's version after; if a different version was really deployed, enter that one.</translation>
    </message>
    <message>
        <source>更新 CMDB</source>
        <translation>Update the CMDB</translation>
    </message>
    <message>
        <source>所选配置项的版本历史</source>
        <translation>Version history of the selected configuration item</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>原版本</source>
        <translation>Old version</translation>
    </message>
    <message>
        <source>新版本</source>
        <translation>New version</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>尚未更新</source>
        <translation>Not updated yet</translation>
    </message>
    <message>
        <source>{name}：{before} → {after}</source>
        <translation>{name}: {before} → {after}</translation>
    </message>
    <message>
        <source>依据实际发布结果更新配置管理数据库（CMDB）中的 {n} 个配置项？每项的变化记入其版本历史，不能撤销。

{items}</source>
        <translation>Update {n} configuration items in the configuration management database (CMDB) to the actual release result? Each change goes into the item's version history and cannot be undone.

{items}</translation>
    </message>
    <message>
        <source>本发布</source>
        <translation>This release</translation>
    </message>
</context>
<context>
    <name>Commands</name>
    <message>
        <source>受理</source>
        <translation>Accept</translation>
    </message>
    <message>
        <source>驳回请求…</source>
        <translation>Reject request…</translation>
    </message>
    <message>
        <source>修改请求…</source>
        <translation>Edit request…</translation>
    </message>
    <message>
        <source>开始制定计划</source>
        <translation>Start planning</translation>
    </message>
    <message>
        <source>编辑发布计划…</source>
        <translation>Edit plan…</translation>
    </message>
    <message>
        <source>提交审批…</source>
        <translation>Submit for approval…</translation>
    </message>
    <message>
        <source>撤回计划</source>
        <translation>Withdraw plan</translation>
    </message>
    <message>
        <source>批准…</source>
        <translation>Approve…</translation>
    </message>
    <message>
        <source>驳回计划…</source>
        <translation>Reject plan…</translation>
    </message>
    <message>
        <source>预发布验证…</source>
        <translation>Pre-release verification…</translation>
    </message>
    <message>
        <source>开始发布实施</source>
        <translation>Start deployment</translation>
    </message>
    <message>
        <source>执行监控…</source>
        <translation>Monitoring…</translation>
    </message>
    <message>
        <source>报告严重问题…</source>
        <translation>Report severe problem…</translation>
    </message>
    <message>
        <source>回退决策…</source>
        <translation>Rollback decision…</translation>
    </message>
    <message>
        <source>执行回退…</source>
        <translation>Roll back…</translation>
    </message>
    <message>
        <source>效果验证…</source>
        <translation>Effect verification…</translation>
    </message>
    <message>
        <source>判定发布失败…</source>
        <translation>Declare failed…</translation>
    </message>
    <message>
        <source>配置更新…</source>
        <translation>Configuration update…</translation>
    </message>
    <message>
        <source>关闭发布…</source>
        <translation>Close release…</translation>
    </message>
    <message>
        <source>取消发布…</source>
        <translation>Cancel release…</translation>
    </message>
    <message>
        <source>从模板开始(&amp;T)…</source>
        <translation>Start from a &amp;template…</translation>
    </message>
    <message>
        <source>复制以往计划(&amp;C)…</source>
        <translation>&amp;Copy an earlier plan…</translation>
    </message>
    <message>
        <source>修订记录(&amp;R)…</source>
        <translation>&amp;Revisions…</translation>
    </message>
    <message>
        <source>发布计划</source>
        <translation>Release plan</translation>
    </message>
    <message>
        <source>还有未保存的内容，请先处理本窗口中标出的问题。</source>
        <translation>Some input is not saved yet: first deal with the problems marked in this window.</translation>
    </message>
    <message>
        <source>提交发布计划</source>
        <translation>Submit the release plan</translation>
    </message>
    <message>
        <source>修订说明（记入修订记录，首次提交可留空）：</source>
        <translation>Revision note (goes into the revision history; may be empty the first time):</translation>
    </message>
    <message>
        <source>已冻结为 V{n} 并提交审批。</source>
        <translation>Frozen as V{n} and submitted for approval.</translation>
    </message>
</context>
<context>
    <name>CompanyPage</name>
    <message>
        <source>公司设置</source>
        <translation>Company settings</translation>
    </message>
    <message>
        <source>所有工作站共用这些设置；它们出现在发布计划和发布变更报告的文头。</source>
        <translation>Every workstation shares these settings; they head the release plans and release change reports.</translation>
    </message>
    <message>
        <source>{year} 为年份，{seq} 为当年序号（可加宽度和补零，如 {seq:04d}）</source>
        <translation>{year} is the year, {seq} the year's sequence number (with a width and zero padding if you like, e.g. {seq:04d})</translation>
    </message>
    <message>
        <source>公司名称</source>
        <translation>Company name</translation>
    </message>
    <message>
        <source>编制部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>发布编号格式</source>
        <translation>Release number pattern</translation>
    </message>
    <message>
        <source>示例</source>
        <translation>Example</translation>
    </message>
    <message>
        <source>请填写公司名称和编制部门。</source>
        <translation>Please enter the company name and the department.</translation>
    </message>
</context>
<context>
    <name>ConfigItemsDialog</name>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>环境</source>
        <translation>Environment</translation>
    </message>
    <message>
        <source>软件名称</source>
        <translation>Artifact</translation>
    </message>
    <message>
        <source>当前版本</source>
        <translation>Current version</translation>
    </message>
    <message>
        <source>负责人</source>
        <translation>Owner</translation>
    </message>
    <message>
        <source>配置项</source>
        <translation>Configuration items</translation>
    </message>
    <message>
        <source>按名称或软件查找</source>
        <translation>Find by name or artifact</translation>
    </message>
    <message>
        <source>新建配置项…</source>
        <translation>New configuration item…</translation>
    </message>
    <message>
        <source>版本历史…</source>
        <translation>Version history…</translation>
    </message>
    <message>
        <source>软件名称（最终软件库）</source>
        <translation>Artifact (definitive software library)</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>新建配置项</source>
        <translation>New configuration item</translation>
    </message>
    <message>
        <source>版本历史：{name}</source>
        <translation>Version history: {name}</translation>
    </message>
    <message>
        <source>无记录</source>
        <translation>No records</translation>
    </message>
</context>
<context>
    <name>ConfigUpdateDialog</name>
    <message>
        <source>配置更新 — {n}</source>
        <translation>Configuration update — {n}</translation>
    </message>
    <message numerus="yes">
        <source>CMDB 更新时限（发布成功后 %n 小时内）：</source>
        <translation><numerusform>CMDB update deadline (within %n hour of a successful release):</numerusform><numerusform>CMDB update deadline (within %n hours of a successful release):</numerusform></translation>
    </message>
    <message>
        <source>CMDB 更新</source>
        <translation>CMDB update</translation>
    </message>
    <message>
        <source>文档归档</source>
        <translation>Document archive</translation>
    </message>
    <message>
        <source>知识更新</source>
        <translation>Knowledge update</translation>
    </message>
    <message>
        <source>附件</source>
        <translation>Attachments</translation>
    </message>
    <message>
        <source>配置更新检查单</source>
        <translation>Configuration update checklist</translation>
    </message>
    <message>
        <source>检查项</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>记录人</source>
        <translation>Recorded by</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>证据或理由</source>
        <translation>Evidence or reason</translation>
    </message>
    <message>
        <source>完成配置更新</source>
        <translation>Complete the configuration update</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>通过</source>
        <translation>Pass</translation>
    </message>
    <message>
        <source>未通过</source>
        <translation>Fail</translation>
    </message>
    <message>
        <source>不适用</source>
        <translation>Not applicable</translation>
    </message>
    <message>
        <source>未完成</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>尚不能完成配置更新：{why}</source>
        <translation>The configuration update cannot be completed yet: {why}</translation>
    </message>
    <message>
        <source>CMDB 更新即将到期，请尽快完成。</source>
        <translation>The CMDB update is due soon: please complete it.</translation>
    </message>
    <message>
        <source>已超过 CMDB 更新时限：此次更新将被记录为逾期。</source>
        <translation>The CMDB update deadline has passed: this update will be recorded as late.</translation>
    </message>
    <message>
        <source>CMDB 更新逾期完成，已记录。</source>
        <translation>The CMDB update was completed late; this is recorded.</translation>
    </message>
    <message>
        <source>完成 {n} 的配置更新？发布结果记为“{outcome}”，发布进入发布关闭阶段，配置更新的记录不能再修改。</source>
        <translation>Complete the configuration update of {n}? The outcome is recorded as “{outcome}”, the release moves on to its closure, and the configuration update's records can no longer be changed.</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <source>保存冲突</source>
        <translation>Save conflict</translation>
    </message>
    <message>
        <source>&lt;b&gt;{by}&lt;/b&gt; 于 {at} 已保存了较新的版本。</source>
        <translation>&lt;b&gt;{by}&lt;/b&gt; saved a newer version at {at}.</translation>
    </message>
    <message>
        <source>对方修改了：{fields}</source>
        <translation>They changed: {fields}</translation>
    </message>
    <message>
        <source>您的修改没有保存，也没有覆盖对方的修改；您输入的内容仍在窗口中。可以重新加载最新版本后再修改，或先复制您的输入。</source>
        <translation>Your changes were not saved and nothing of theirs was overwritten; what you typed is still in the window. Reload the newest version and edit again, or copy your input first.</translation>
    </message>
    <message>
        <source>重新加载</source>
        <translation>Reload</translation>
    </message>
    <message>
        <source>保留我的输入</source>
        <translation>Keep my input</translation>
    </message>
</context>
<context>
    <name>CopyDialog</name>
    <message>
        <source>复制以往发布的计划</source>
        <translation>Copy an earlier release's plan</translation>
    </message>
    <message>
        <source>搜索编号、标题、系统</source>
        <translation>Search number, title, systems</translation>
    </message>
</context>
<context>
    <name>CopyWatch</name>
    <message>
        <source>附件“{name}”的本机副本在 relgui 之外被修改过，与数据库中保存的原件不一致。
副本：{path}
原件 SHA-256：{sha}

数据库中的原件没有改变，仍作为证据保留。
是否把修改后的文件作为新附件添加？</source>
        <translation>The local copy of the attachment “{name}” was changed outside relgui and no longer matches the original kept in the database.
Copy: {path}
Original SHA-256: {sha}

The original in the database is unchanged and remains the evidence.
Add the changed file as a new attachment?</translation>
    </message>
    <message>
        <source>附件副本已被修改</source>
        <translation>Attachment copy changed</translation>
    </message>
    <message>
        <source>由附件 #{id}“{name}”的本机副本修改而来</source>
        <translation>Changed from the local copy of attachment #{id} “{name}”</translation>
    </message>
</context>
<context>
    <name>Countdown</name>
    <message>
        <source>已完成（逾期 {d}），完成于 {at}</source>
        <translation>Done ({d} late), at {at}</translation>
    </message>
    <message>
        <source>已按时完成，完成于 {at}</source>
        <translation>Done in time, at {at}</translation>
    </message>
    <message>
        <source>已逾期 {d}（截止 {at}）</source>
        <translation>Overdue by {d} (due {at})</translation>
    </message>
    <message>
        <source>剩余 {d}（截止 {at}）</source>
        <translation>{d} left (due {at})</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>程序错误</source>
        <translation>Program error</translation>
    </message>
    <message>
        <source>relgui 遇到了一个程序错误。您的数据已保存到最后一次成功的操作；请把下面的详细信息复制给系统管理员。</source>
        <translation>relgui met a program error. Your data is saved up to the last successful operation; please copy the details below to your administrator.</translation>
    </message>
    <message>
        <source>复制详细信息</source>
        <translation>Copy details</translation>
    </message>
</context>
<context>
    <name>DashboardWindow</name>
    <message>
        <source>发布管理仪表盘</source>
        <translation>Release management dashboard</translation>
    </message>
    <message>
        <source>仪表盘</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <source>季度(&amp;Q)：</source>
        <translation>&amp;Quarters:</translation>
    </message>
    <message>
        <source>至</source>
        <translation>to</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>按类型显示：</source>
        <translation>Show types:</translation>
    </message>
    <message>
        <source>导出 PNG</source>
        <translation>Export PNG</translation>
    </message>
    <message>
        <source>导出 Excel…</source>
        <translation>Export Excel…</translation>
    </message>
    <message>
        <source>季度报告…</source>
        <translation>Quarterly report…</translation>
    </message>
    <message>
        <source>整个仪表盘…</source>
        <translation>Whole dashboard…</translation>
    </message>
    <message>
        <source>发布管理仪表盘 — {period}</source>
        <translation>Release management dashboard — {period}</translation>
    </message>
    <message>
        <source>{quarter}（{rate}）</source>
        <translation>{quarter} ({rate})</translation>
    </message>
    <message>
        <source>未达到目标值的季度：{quarters}</source>
        <translation>Quarters below the target: {quarters}</translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>所选季度均未低于目标值</source>
        <translation>No quarter shown is below the target</translation>
    </message>
    <message>
        <source>数据截至 {time}。点击图中的点或柱（或在下表中按回车），在登记簿中列出其背后的发布。</source>
        <translation>Data as of {time}. Click a point or bar (or press Enter in the table below) to list the releases behind it in the register.</translation>
    </message>
    <message>
        <source>将此图表导出为 PNG…</source>
        <translation>Export this chart as PNG…</translation>
    </message>
    <message>
        <source>将整个仪表盘导出为 PNG…</source>
        <translation>Export the whole dashboard as PNG…</translation>
    </message>
</context>
<context>
    <name>DatabaseDialog</name>
    <message>
        <source>verify-full：加密并验证服务器证书（推荐）</source>
        <translation>verify-full: encrypted, the server's certificate verified (recommended)</translation>
    </message>
    <message>
        <source>require：加密，不验证服务器</source>
        <translation>require: encrypted, the server not verified</translation>
    </message>
    <message>
        <source>disable：不加密（不推荐）</source>
        <translation>disable: not encrypted (not recommended)</translation>
    </message>
    <message>
        <source>警告：连接将不加密，数据库密码和所有数据在网络上以明文传输。只应在确知网络安全时使用。</source>
        <translation>Warning: the connection will not be encrypted; the database password and all data cross the network in clear text. Use it only where the network is known to be safe.</translation>
    </message>
    <message>
        <source>已加密，但不验证服务器身份：网络上冒充的服务器无法被发现。有 CA 证书时请选择 verify-full。</source>
        <translation>Encrypted, but the server's identity is not verified: an impostor on the network would go unnoticed. With a CA certificate, choose verify-full.</translation>
    </message>
    <message>
        <source>选择数据库文件</source>
        <translation>Choose the database file</translation>
    </message>
    <message>
        <source>SQLite 数据库 (*.db)</source>
        <translation>SQLite database (*.db)</translation>
    </message>
    <message>
        <source>选择 CA 证书文件</source>
        <translation>Choose the CA certificate file</translation>
    </message>
    <message>
        <source>证书 (*.pem *.crt *.cer);;所有文件 (*)</source>
        <translation>Certificates (*.pem *.crt *.cer);;All files (*)</translation>
    </message>
    <message>
        <source>请填写服务器主机名。</source>
        <translation>Enter the server's host name.</translation>
    </message>
    <message>
        <source>连接失败：</source>
        <translation>Connection failed: </translation>
    </message>
    <message>
        <source>正在连接…</source>
        <translation>Connecting…</translation>
    </message>
    <message>
        <source>连接成功：</source>
        <translation>Connected: </translation>
    </message>
    <message>
        <source>已新建数据库：</source>
        <translation>New database created: </translation>
    </message>
    <message>
        <source>系统凭据管理器不可用：密码不会保存，下次启动时需要重新输入。</source>
        <translation>No system credential store: the password is not saved and will be asked for at the next start.</translation>
    </message>
    <message>
        <source>数据库设置</source>
        <translation>Database settings</translation>
    </message>
    <message>
        <source>本机数据库文件（单人使用）</source>
        <translation>Local database file (one person)</translation>
    </message>
    <message>
        <source>默认：本机用户数据目录</source>
        <translation>Default: the per-user data folder</translation>
    </message>
    <message>
        <source>浏览…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>新建数据库文件</source>
        <translation>Create a new database file</translation>
    </message>
    <message>
        <source>此路径还没有数据库时，保存时在此新建一个空的 relgui 数据库。不勾选时，找不到文件会被拒绝，不会新建任何文件。</source>
        <translation>When there is no database at this path yet, saving creates a new, empty relgui database there. Unticked, a missing file is refused and nothing is created.</translation>
    </message>
    <message>
        <source>共享 PostgreSQL 服务器（团队使用）</source>
        <translation>Shared PostgreSQL server (a team)</translation>
    </message>
    <message>
        <source>服务器</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>主机(&amp;H)</source>
        <translation>&amp;Host</translation>
    </message>
    <message>
        <source>端口</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>数据库</source>
        <translation>Database</translation>
    </message>
    <message>
        <source>数据库用户</source>
        <translation>Database user</translation>
    </message>
    <message>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>保存在系统凭据管理器中</source>
        <translation>Kept in the system credential store</translation>
    </message>
    <message>
        <source>TLS 模式</source>
        <translation>TLS mode</translation>
    </message>
    <message>
        <source>CA 证书</source>
        <translation>CA certificate</translation>
    </message>
    <message>
        <source>签发服务器证书的 CA 证书文件（.pem / .crt）</source>
        <translation>The CA certificate that issued the server's (.pem / .crt)</translation>
    </message>
    <message>
        <source>测试连接</source>
        <translation>Test connection</translation>
    </message>
</context>
<context>
    <name>DecisionDialog</name>
    <message>
        <source>回退决策</source>
        <translation>Rollback decision</translation>
    </message>
    <message>
        <source>严重问题（{t}）：{d}&lt;br&gt;{by} 于 {at} 报告</source>
        <translation>Severe problem ({t}): {d}&lt;br&gt;reported by {by} at {at}</translation>
    </message>
    <message>
        <source>回退：按回退计划恢复到发布前状态</source>
        <translation>Roll back: restore the pre-release state by the rollback plan</translation>
    </message>
    <message>
        <source>继续发布：问题可控，不回退</source>
        <translation>Continue: the problem is under control, no rollback</translation>
    </message>
    <message>
        <source>决策理由（必填）</source>
        <translation>Reason for the decision (required)</translation>
    </message>
    <message>
        <source>决策人：{who}</source>
        <translation>Decided by: {who}</translation>
    </message>
    <message>
        <source>已超过决策时限：此决策将被记录为逾期。</source>
        <translation>The decision deadline has passed: this decision will be recorded as late.</translation>
    </message>
    <message>
        <source>请选择回退或继续发布。</source>
        <translation>Choose roll back or continue.</translation>
    </message>
</context>
<context>
    <name>DetailView</name>
    <message>
        <source>在登记簿中选择一个发布以查看详情。</source>
        <translation>Select a release in the register to see its details.</translation>
    </message>
    <message>
        <source>此发布已结束。</source>
        <translation>This release has ended.</translation>
    </message>
    <message>
        <source>下一步：{action}（{who}）</source>
        <translation>Next: {action} ({who})</translation>
    </message>
    <message>
        <source>更多</source>
        <translation>More</translation>
    </message>
    <message>
        <source>取消、驳回、撤回等不常用的命令</source>
        <translation>Less frequent commands: cancel, reject, withdraw, declare failed</translation>
    </message>
    <message>
        <source>概况</source>
        <translation>Overview</translation>
    </message>
    <message>
        <source>发布计划</source>
        <translation>Release plan</translation>
    </message>
    <message>
        <source>检查单</source>
        <translation>Checklists</translation>
    </message>
    <message>
        <source>期限</source>
        <translation>Deadlines</translation>
    </message>
    <message>
        <source>文档</source>
        <translation>Documents</translation>
    </message>
    <message>
        <source>审计轨迹</source>
        <translation>Audit trail</translation>
    </message>
    <message>
        <source>负责人</source>
        <translation>Owner</translation>
    </message>
    <message>
        <source>申请人</source>
        <translation>Requested by</translation>
    </message>
    <message>
        <source>计划窗口</source>
        <translation>Planned window</translation>
    </message>
    <message>
        <source>涉及系统</source>
        <translation>Systems</translation>
    </message>
    <message>
        <source>依据制度</source>
        <translation>Policy</translation>
    </message>
    <message>
        <source>创建时间</source>
        <translation>Created</translation>
    </message>
    <message>
        <source>已批准</source>
        <translation>Approved</translation>
    </message>
    <message>
        <source>待审批</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <source>已驳回</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <source>已关闭</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>关联变更请求</source>
        <translation>Linked change requests</translation>
    </message>
    <message>
        <source>编号</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>配置项</source>
        <translation>Configuration items</translation>
    </message>
    <message>
        <source>发布前</source>
        <translation>Before</translation>
    </message>
    <message>
        <source>发布后</source>
        <translation>After</translation>
    </message>
    <message>
        <source>已更新为</source>
        <translation>Updated to</translation>
    </message>
    <message>
        <source>尚未开始制定发布计划。</source>
        <translation>Planning has not started.</translation>
    </message>
    <message>
        <source>发布计划完整。</source>
        <translation>The plan is complete.</translation>
    </message>
    <message numerus="yes">
        <source>发布计划还有 %n 处未完成</source>
        <translation><numerusform>The plan has %n gap</numerusform><numerusform>The plan has %n gaps</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>发布计划还有 %n 处未完成。</source>
        <translation><numerusform>The plan has %n gap.</numerusform><numerusform>The plan has %n gaps.</numerusform></translation>
    </message>
    <message>
        <source>查看计划…</source>
        <translation>View plan…</translation>
    </message>
    <message>
        <source>只读查看发布计划全文，并标出与上次签署批准版本的差异</source>
        <translation>Read the whole release plan (read-only), with the differences from the last signed revision marked</translation>
    </message>
    <message>
        <source>修订记录</source>
        <translation>Revision history</translation>
    </message>
    <message>
        <source>查看与比较修订…</source>
        <translation>View and compare revisions…</translation>
    </message>
    <message>
        <source>版本</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>提交人</source>
        <translation>Submitted by</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>摘要</source>
        <translation>Digest</translation>
    </message>
    <message>
        <source>签名</source>
        <translation>Signatures</translation>
    </message>
    <message>
        <source>关闭签署未通过校验（签名或所签的关闭记录在程序之外被改动），本次发布不计入发布成功率</source>
        <translation>Closing signature does not verify (the signature or the closure it signed was altered outside the application); this release is not counted in the release success rate</translation>
    </message>
    <message>
        <source>已失效：</source>
        <translation>Void: </translation>
    </message>
    <message>
        <source>有效</source>
        <translation>Valid</translation>
    </message>
    <message>
        <source>签名数据被改动</source>
        <translation>Signature data altered</translation>
    </message>
    <message>
        <source>含义</source>
        <translation>Meaning</translation>
    </message>
    <message>
        <source>签署人</source>
        <translation>Signer</translation>
    </message>
    <message>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>校验码</source>
        <translation>Verification code</translation>
    </message>
    <message>
        <source>通过</source>
        <translation>Pass</translation>
    </message>
    <message>
        <source>未通过</source>
        <translation>Fail</translation>
    </message>
    <message>
        <source>不适用</source>
        <translation>Not applicable</translation>
    </message>
    <message>
        <source>未完成</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>未记录</source>
        <translation>Not recorded</translation>
    </message>
    <message>
        <source>检查项</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>检查人</source>
        <translation>Checked by</translation>
    </message>
    <message>
        <source>CMDB 更新（24 小时内）</source>
        <translation>CMDB update (within 24 h)</translation>
    </message>
    <message>
        <source>回退决策（30 分钟内）</source>
        <translation>Rollback decision (within 30 min)</translation>
    </message>
    <message>
        <source>进行中</source>
        <translation>Running</translation>
    </message>
    <message>
        <source>即将到期</source>
        <translation>Due soon</translation>
    </message>
    <message>
        <source>已逾期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>按时完成</source>
        <translation>Met</translation>
    </message>
    <message>
        <source>逾期完成</source>
        <translation>Missed</translation>
    </message>
    <message>
        <source>截止时间</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>完成时间</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>依据</source>
        <translation>Requirement</translation>
    </message>
</context>
<context>
    <name>DocumentsPanel</name>
    <message>
        <source>发布计划</source>
        <translation>Release plan</translation>
    </message>
    <message>
        <source>发布变更报告</source>
        <translation>Release change report</translation>
    </message>
    <message>
        <source>预览…</source>
        <translation>Preview…</translation>
    </message>
    <message>
        <source>在 Word 中打开</source>
        <translation>Open in Word</translation>
    </message>
    <message>
        <source>打印…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <source>导出 PDF…</source>
        <translation>Export PDF…</translation>
    </message>
    <message>
        <source>另存为 Word…</source>
        <translation>Save as Word…</translation>
    </message>
    <message>
        <source>重新签发…</source>
        <translation>Reissue…</translation>
    </message>
    <message>
        <source>发布关闭后记录有变更：由运维管理部经理签署新版本的发布变更报告并归档，原版本保留</source>
        <translation>The records changed after closure: the operations manager signs a new version of the release change report, which is archived; earlier versions are kept</translation>
    </message>
    <message>
        <source>正在读取…</source>
        <translation>Reading…</translation>
    </message>
    <message>
        <source>尚未归档：预览与导出使用当前数据生成的草稿。</source>
        <translation>Not archived yet: preview and export use a draft made from the current data.</translation>
    </message>
    <message>
        <source>已归档：{name}（SHA-256 {sha}…）</source>
        <translation>Archived: {name} (SHA-256 {sha}…)</translation>
    </message>
    <message>
        <source>重新签发发布变更报告须由运维管理部经理执行</source>
        <translation>Only the operations manager may reissue the release change report</translation>
    </message>
    <message>
        <source>版本 V{n}</source>
        <translation>version V{n}</translation>
    </message>
    <message>
        <source>无法读取文档状态：{why}</source>
        <translation>The documents' state could not be read: {why}</translation>
    </message>
    <message>
        <source>签署：重新签发发布变更报告</source>
        <translation>Sign: reissue the release change report</translation>
    </message>
    <message>
        <source>重新签发</source>
        <translation>Reissue</translation>
    </message>
    <message>
        <source>{n} 发布变更报告的新版本（关闭后记录有变更），原版本保留</source>
        <translation>A new version of the release change report of {n} (the records changed after closure); earlier versions are kept</translation>
    </message>
    <message>
        <source>签署时生成新版本并归档，签名覆盖其内容的 SHA-256</source>
        <translation>Generated and archived when signed; the signature covers the SHA-256 of its content</translation>
    </message>
    <message>
        <source>重新签发理由（必填）</source>
        <translation>Reason for reissuing (required)</translation>
    </message>
    <message>
        <source>请填写重新签发理由。</source>
        <translation>Please give the reason for reissuing.</translation>
    </message>
    <message>
        <source>正在重新签发并归档发布变更报告…</source>
        <translation>Reissuing and archiving the release change report…</translation>
    </message>
    <message>
        <source>已重新签发</source>
        <translation>Reissued</translation>
    </message>
    <message>
        <source>已归档：{name}（版本 V{n}）</source>
        <translation>Archived: {name} (version V{n})</translation>
    </message>
    <message>
        <source>导出 PDF</source>
        <translation>Export PDF</translation>
    </message>
    <message>
        <source>已导出</source>
        <translation>Exported</translation>
    </message>
    <message numerus="yes">
        <source>已写入 {path}（%n 页）。</source>
        <translation><numerusform>Wrote {path} (%n page).</numerusform><numerusform>Wrote {path} (%n pages).</numerusform></translation>
    </message>
    <message>
        <source>另存为 Word</source>
        <translation>Save as Word</translation>
    </message>
    <message>
        <source>无法打开</source>
        <translation>Cannot open</translation>
    </message>
    <message>
        <source>系统没有可以打开 .docx 的程序。文件已保存在：{path}</source>
        <translation>No program on this system opens .docx files. The file is saved at: {path}</translation>
    </message>
</context>
<context>
    <name>DrillMenu</name>
    <message numerus="yes">
        <source>{title}（%n 个发布）</source>
        <translation><numerusform>{title} (%n release)</numerusform><numerusform>{title} (%n releases)</numerusform></translation>
    </message>
</context>
<context>
    <name>EntryList</name>
    <message>
        <source>编号</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>发布类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>计划开始</source>
        <translation>Planned start</translation>
    </message>
    <message>
        <source>计划结束</source>
        <translation>Planned end</translation>
    </message>
    <message>
        <source>实际开始</source>
        <translation>Actual start</translation>
    </message>
    <message>
        <source>实际结束</source>
        <translation>Actual end</translation>
    </message>
    <message>
        <source>偏离、冲突与冻结期</source>
        <translation>Deviations, conflicts and freezes</translation>
    </message>
    <message>
        <source>进行中</source>
        <translation>Running</translation>
    </message>
</context>
<context>
    <name>Execution</name>
    <message>
        <source>{m} 分 {s:02d} 秒</source>
        <translation>{m} min {s:02d} s</translation>
    </message>
    <message>
        <source>{h} 小时 {m} 分</source>
        <translation>{h} h {m} min</translation>
    </message>
</context>
<context>
    <name>FigureImage</name>
    <message>
        <source>正在统计和绘制图表…</source>
        <translation>Counting and drawing the charts…</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <source>欢迎使用 relgui 发布管理</source>
        <translation>Welcome to relgui release management</translation>
    </message>
    <message>
        <source>正在建立数据库…</source>
        <translation>Setting up the database…</translation>
    </message>
</context>
<context>
    <name>FreezeDialog</name>
    <message>
        <source>冻结期</source>
        <translation>Freeze period</translation>
    </message>
    <message>
        <source>开始</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>结束</source>
        <translation>End</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>添加(&amp;A)…</source>
        <translation>&amp;Add…</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>FreezeForm</name>
    <message>
        <source>添加冻结期</source>
        <translation>Add a freeze period</translation>
    </message>
    <message>
        <source>例如：年终封网、重大活动保障</source>
        <translation>e.g. year-end freeze, major event</translation>
    </message>
    <message>
        <source>开始(&amp;S)</source>
        <translation>&amp;Start</translation>
    </message>
    <message>
        <source>结束(&amp;E)</source>
        <translation>&amp;End</translation>
    </message>
    <message>
        <source>原因(&amp;R)</source>
        <translation>&amp;Reason</translation>
    </message>
</context>
<context>
    <name>ItemEditor</name>
    <message>
        <source>不适用或未通过时说明理由</source>
        <translation>Give the reason when not applicable or failed</translation>
    </message>
    <message>
        <source>证据说明，例如检查记录、截图的位置</source>
        <translation>Evidence, e.g. where the check record or screenshot is</translation>
    </message>
    <message>
        <source>理由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>证据</source>
        <translation>Evidence</translation>
    </message>
    <message>
        <source>证据文件</source>
        <translation>Evidence file</translation>
    </message>
    <message>
        <source>记录</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>业务部门确认人姓名</source>
        <translation>Name of the confirming person in the business department</translation>
    </message>
    <message>
        <source>例如 业务运营部</source>
        <translation>e.g. Business Operations</translation>
    </message>
    <message>
        <source>确认人</source>
        <translation>Confirmed by</translation>
    </message>
    <message>
        <source>确认部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>确认时间</source>
        <translation>Confirmed at</translation>
    </message>
    <message>
        <source>通过</source>
        <translation>Pass</translation>
    </message>
    <message>
        <source>未通过</source>
        <translation>Fail</translation>
    </message>
    <message>
        <source>不适用</source>
        <translation>Not applicable</translation>
    </message>
    <message>
        <source>制度规定此项不能标为不适用</source>
        <translation>The policy does not allow this item to be marked not applicable</translation>
    </message>
    <message>
        <source>添加文件…</source>
        <translation>Add file…</translation>
    </message>
    <message>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>未记录</source>
        <translation>Not recorded</translation>
    </message>
    <message>
        <source>已记录：{result}　{by}　{at}</source>
        <translation>Recorded: {result}  {by}  {at}</translation>
    </message>
</context>
<context>
    <name>KnowledgePanel</name>
    <message>
        <source>相关经验教训（知识库）</source>
        <translation>Related lessons learned (knowledge base)</translation>
    </message>
    <message>
        <source>暂无与本计划配置项相关的经验教训。填写配置基线后，这里会列出涉及相同配置项的以往发布的经验。</source>
        <translation>No lessons learned yet for this plan's configuration items. Once the configuration baseline is filled in, lessons from earlier releases on the same items appear here.</translation>
    </message>
</context>
<context>
    <name>KnowledgeTab</name>
    <message>
        <source>经验总结：{n} {t}</source>
        <translation>Lessons learned: {n} {t}</translation>
    </message>
    <message>
        <source>例如 数据库, 回退, 性能</source>
        <translation>e.g. database, rollback, performance</translation>
    </message>
    <message>
        <source>发布经验：做得好的、出现的问题及原因、下次的改进</source>
        <translation>What went well, what went wrong and why, what to improve next time</translation>
    </message>
    <message>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>标签</source>
        <translation>Tags</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Detail</translation>
    </message>
    <message>
        <source>写入知识库</source>
        <translation>Add to the knowledge base</translation>
    </message>
    <message>
        <source>不适用…</source>
        <translation>Not applicable…</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>本发布的知识条目</source>
        <translation>Knowledge entries of this release</translation>
    </message>
    <message>
        <source>知识库条目 #{id}：{t}</source>
        <translation>Knowledge entry #{id}: {t}</translation>
    </message>
    <message>
        <source>知识更新不适用</source>
        <translation>Knowledge update not applicable</translation>
    </message>
    <message>
        <source>请说明本次发布为何没有可更新至知识库的经验：</source>
        <translation>Explain why this release has no lessons for the knowledge base:</translation>
    </message>
</context>
<context>
    <name>KnowledgeWindow</name>
    <message>
        <source>知识库</source>
        <translation>Knowledge base</translation>
    </message>
    <message>
        <source>全文</source>
        <translation>Full text</translation>
    </message>
    <message>
        <source>配置项</source>
        <translation>Configuration items</translation>
    </message>
    <message>
        <source>发布编号</source>
        <translation>Release number</translation>
    </message>
    <message>
        <source>查找(&amp;S)：</source>
        <translation>&amp;Search:</translation>
    </message>
    <message>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>内容摘要</source>
        <translation>Excerpt</translation>
    </message>
    <message>
        <source>记录时间</source>
        <translation>Recorded</translation>
    </message>
    <message>
        <source>打开所属发布(&amp;O)</source>
        <translation>&amp;Open its release</translation>
    </message>
    <message>
        <source>新增经验(&amp;N)…</source>
        <translation>&amp;New lesson…</translation>
    </message>
    <message>
        <source>关键词，如：回退 证书（空格分隔，须全部包含）</source>
        <translation>Words, e.g. 回退 证书 (separated by spaces; all must occur)</translation>
    </message>
    <message>
        <source>配置项名称，如：核心交易系统-应用服务器</source>
        <translation>Configuration item name, e.g. 核心交易系统-应用服务器</translation>
    </message>
    <message numerus="yes">
        <source>%n 条</source>
        <translation><numerusform>%n entry</numerusform><numerusform>%n entries</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>共 %n 条，显示前 {shown} 条</source>
        <translation><numerusform>%n entry, the first {shown} shown</numerusform><numerusform>%n entries, the first {shown} shown</numerusform></translation>
    </message>
</context>
<context>
    <name>LessonForm</name>
    <message>
        <source>新增经验教训</source>
        <translation>New lesson learned</translation>
    </message>
    <message>
        <source>以顿号或空格分隔，如：回退、数据库</source>
        <translation>Separated by 、 or spaces, e.g. rollback、database</translation>
    </message>
    <message>
        <source>发布编号（可不填）</source>
        <translation>Release number (optional)</translation>
    </message>
    <message>
        <source>标题(&amp;T)</source>
        <translation>&amp;Title</translation>
    </message>
    <message>
        <source>经验内容(&amp;B)</source>
        <translation>&amp;Lesson</translation>
    </message>
    <message>
        <source>标签(&amp;G)</source>
        <translation>Ta&amp;gs</translation>
    </message>
    <message>
        <source>关联发布(&amp;R)</source>
        <translation>&amp;Release</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>登录</source>
        <translation>Log in</translation>
    </message>
    <message>
        <source>登录 — relgui 发布管理</source>
        <translation>Log in — relgui release management</translation>
    </message>
    <message>
        <source>&lt;b&gt;发布管理&lt;/b&gt;（XDYJ-06-01 发布管理制度）</source>
        <translation>&lt;b&gt;Release management&lt;/b&gt; (policy XDYJ-06-01)</translation>
    </message>
    <message>
        <source>用户名(&amp;U)</source>
        <translation>&amp;User name</translation>
    </message>
    <message>
        <source>密码(&amp;P)</source>
        <translation>&amp;Password</translation>
    </message>
    <message>
        <source>数据库设置…</source>
        <translation>Database settings…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>relgui 发布管理 — 发布登记簿</source>
        <translation>relgui — Release register</translation>
    </message>
    <message>
        <source>新建发布请求(&amp;N)…</source>
        <translation>&amp;New release request…</translation>
    </message>
    <message>
        <source>刷新(&amp;R)</source>
        <translation>&amp;Refresh</translation>
    </message>
    <message>
        <source>查找(&amp;F)</source>
        <translation>&amp;Find</translation>
    </message>
    <message>
        <source>打开所选发布(&amp;O)</source>
        <translation>&amp;Open selected release</translation>
    </message>
    <message>
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>批量生成文档(&amp;B)…</source>
        <translation>&amp;Batch documents…</translation>
    </message>
    <message>
        <source>数据库设置(&amp;D)…</source>
        <translation>&amp;Database settings…</translation>
    </message>
    <message>
        <source>切换用户(&amp;U)</source>
        <translation>Switch &amp;user</translation>
    </message>
    <message>
        <source>退出(&amp;X)</source>
        <translation>E&amp;xit</translation>
    </message>
    <message>
        <source>查看(&amp;V)</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>我的待办(&amp;M)…</source>
        <translation>&amp;My work…</translation>
    </message>
    <message>
        <source>语言(&amp;L)</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <source>登记簿(&amp;R)</source>
        <translation>&amp;Registers</translation>
    </message>
    <message>
        <source>变更请求(&amp;C)…</source>
        <translation>&amp;Change requests…</translation>
    </message>
    <message>
        <source>最终软件库(&amp;S)…</source>
        <translation>Definitive &amp;software library…</translation>
    </message>
    <message>
        <source>配置项(&amp;I)…</source>
        <translation>Configuration &amp;items…</translation>
    </message>
    <message>
        <source>文档(&amp;D)</source>
        <translation>&amp;Documents</translation>
    </message>
    <message>
        <source>核验(&amp;V)…</source>
        <translation>&amp;Verify…</translation>
    </message>
    <message>
        <source>管理(&amp;M)</source>
        <translation>&amp;Manage</translation>
    </message>
    <message>
        <source>用户与角色(&amp;U)…</source>
        <translation>&amp;Users and roles…</translation>
    </message>
    <message>
        <source>公司设置(&amp;C)…</source>
        <translation>&amp;Company settings…</translation>
    </message>
    <message>
        <source>公司目录登录(&amp;D)…</source>
        <translation>&amp;Directory login…</translation>
    </message>
    <message>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>关于 relgui(&amp;A)</source>
        <translation>&amp;About relgui</translation>
    </message>
    <message>
        <source>常用</source>
        <translation>Common</translation>
    </message>
    <message>
        <source>数据库不可用（自 {t} 起），正在自动重试</source>
        <translation>Database unavailable (since {t}); retrying automatically</translation>
    </message>
    <message numerus="yes">
        <source>回退决策 %n 个，最近一个剩 {m} 分钟</source>
        <translation><numerusform>%n rollback decision open, due in {m} min</numerusform><numerusform>%n rollback decisions open, the next due in {m} min</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>回退决策 %n 个，已逾期 {m} 分钟</source>
        <translation><numerusform>%n rollback decision open, overdue by {m} min</numerusform><numerusform>%n rollback decisions open, the next overdue by {m} min</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>CMDB 更新逾期 %n 个</source>
        <translation><numerusform>%n CMDB update overdue</numerusform><numerusform>%n CMDB updates overdue</numerusform></translation>
    </message>
    <message>
        <source>{a}　{b}</source>
        <translation>{a}   {b}</translation>
    </message>
    <message>
        <source>{name}（{roles}）</source>
        <translation>{name} ({roles})</translation>
    </message>
    <message>
        <source>提醒(&amp;A)</source>
        <translation>&amp;Alerts</translation>
    </message>
    <message>
        <source>我的提醒(&amp;L)…</source>
        <translation>My &amp;alerts…</translation>
    </message>
    <message>
        <source>告警通道(&amp;C)…</source>
        <translation>Alert &amp;channels…</translation>
    </message>
    <message>
        <source>关于 relgui</source>
        <translation>About relgui</translation>
    </message>
    <message>
        <source>relgui {v}
发布管理制度 {pid} {pver}（{title}）
数据库：{db}
数据库结构版本：{rev}</source>
        <translation>relgui {v}
Policy {pid} {pver} ({title})
Database: {db}
Schema revision: {rev}</translation>
    </message>
</context>
<context>
    <name>MappingDialog</name>
    <message>
        <source>导入发布登记簿：列对应关系</source>
        <translation>Import release register: columns</translation>
    </message>
    <message>
        <source>试导入（不写入）</source>
        <translation>Dry run (writes nothing)</translation>
    </message>
    <message>
        <source>工作表：</source>
        <translation>Worksheet:</translation>
    </message>
    <message>
        <source>请为每个字段选择文件中的列（* 为必填）；示例数据见下表。</source>
        <translation>Choose the file's column for each field (* required); sample rows below.</translation>
    </message>
    <message numerus="yes">
        <source>共 %n 行数据</source>
        <translation><numerusform>%n data row</numerusform><numerusform>%n data rows</numerusform></translation>
    </message>
    <message>
        <source>（不导入）</source>
        <translation>(not imported)</translation>
    </message>
    <message>
        <source>同一列只能对应一个字段：{columns}</source>
        <translation>A column can stand for one field only: {columns}</translation>
    </message>
</context>
<context>
    <name>ModeBox</name>
    <message>
        <source>修改此计划(&amp;E)…</source>
        <translation>&amp;Edit this plan…</translation>
    </message>
    <message>
        <source>只读：{why}</source>
        <translation>Read only: {why}</translation>
    </message>
    <message>
        <source>此计划当前为“{state}”。修改后，已提交的版本及其批准将失效，须重新提交审批。</source>
        <translation>This plan is “{state}”. Editing it voids the submitted revision and its approval; it must then be submitted again.</translation>
    </message>
    <message>
        <source>批准已失效：V{n} 提交或批准后计划被修改（{by} 的签名已作废），须重新提交审批。</source>
        <translation>Approval void: the plan was changed after V{n} was submitted or approved ({by}'s signature is voided). Submit it again.</translation>
    </message>
    <message>
        <source>修改已提交的发布计划</source>
        <translation>Edit a submitted release plan</translation>
    </message>
    <message>
        <source>此计划当前为“{state}”。保存修改会使已提交的版本及其批准失效（签名作废，计划回到“计划制定中”），之后须重新提交审批。

继续修改？</source>
        <translation>This plan is “{state}”. Saving a change voids the submitted revision and its approval (the signature is voided and the plan returns to “Planning”); it must then be submitted again.

Edit it anyway?</translation>
    </message>
</context>
<context>
    <name>Monitor</name>
    <message>
        <source>完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>跳过</source>
        <translation>Skipped</translation>
    </message>
    <message>
        <source>失败</source>
        <translation>Failed</translation>
    </message>
    <message>
        <source>未开始</source>
        <translation>Not started</translation>
    </message>
</context>
<context>
    <name>MonitorWindow</name>
    <message>
        <source>发布执行监控 — {n}</source>
        <translation>Execution monitoring — {n}</translation>
    </message>
    <message>
        <source>序号</source>
        <translation>Seq</translation>
    </message>
    <message>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>负责人</source>
        <translation>Owner</translation>
    </message>
    <message>
        <source>计划开始</source>
        <translation>Planned start</translation>
    </message>
    <message>
        <source>计划完成</source>
        <translation>Planned finish</translation>
    </message>
    <message>
        <source>实际开始</source>
        <translation>Actual start</translation>
    </message>
    <message>
        <source>实际完成</source>
        <translation>Actual finish</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>检查点</source>
        <translation>Check</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>已完成 %v / %m 步</source>
        <translation>%v of %m steps done</translation>
    </message>
    <message>
        <source>记录所选步骤…</source>
        <translation>Record the selected step…</translation>
    </message>
    <message>
        <source>报告严重问题…</source>
        <translation>Report severe problem…</translation>
    </message>
    <message>
        <source>回退决策…</source>
        <translation>Rollback decision…</translation>
    </message>
    <message>
        <source>执行回退…</source>
        <translation>Roll back…</translation>
    </message>
    <message>
        <source>完成部署</source>
        <translation>Finish deployment</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>开始部署：{at}</source>
        <translation>Deployment started: {at}</translation>
    </message>
    <message>
        <source>超出发布窗口</source>
        <translation>Outside the release window</translation>
    </message>
    <message>
        <source>完成部署 {n}？
完成后进入效果验证（功能、性能、业务验证与用户验收），实施步骤的进度不能再记录或修改。</source>
        <translation>Finish the deployment of {n}?
Effect verification follows (functional, performance and business verification, user acceptance); the steps' progress can no longer be recorded or changed.</translation>
    </message>
</context>
<context>
    <name>MyWorkWindow</name>
    <message>
        <source>我的待办 — {who}</source>
        <translation>My work — {who}</translation>
    </message>
    <message>
        <source>剩余时间</source>
        <translation>Time left</translation>
    </message>
    <message>
        <source>发布编号</source>
        <translation>Release number</translation>
    </message>
    <message>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>下一步</source>
        <translation>Next step</translation>
    </message>
    <message>
        <source>截止时间</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>尚需完成</source>
        <translation>Still to do</translation>
    </message>
    <message>
        <source>打开所选发布</source>
        <translation>Open the selected release</translation>
    </message>
    <message>
        <source>查看计划…</source>
        <translation>View plan…</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message numerus="yes">
        <source>共 %n 项待办，其中 {m} 项已逾期</source>
        <translation><numerusform>%n item to do, {m} overdue</numerusform><numerusform>%n items to do, {m} of them overdue</numerusform></translation>
    </message>
    <message>
        <source>无期限</source>
        <translation>No deadline</translation>
    </message>
    <message>
        <source>已逾期 {d}</source>
        <translation>Overdue by {d}</translation>
    </message>
    <message>
        <source>剩余 {d}</source>
        <translation>{d} left</translation>
    </message>
</context>
<context>
    <name>NewReleaseDialog</name>
    <message>
        <source>公司时区 {z}</source>
        <translation>Company time zone {z}</translation>
    </message>
    <message>
        <source>时间均为公司时区（{z}）</source>
        <translation>Times are in the company time zone ({z})</translation>
    </message>
    <message>
        <source>我确认：再次关联已由其他已关闭发布交付的变更请求</source>
        <translation>I confirm linking change requests another closed release already delivered</translation>
    </message>
    <message numerus="yes">
        <source>最多 %n 个字</source>
        <translation><numerusform>At most %n character</numerusform><numerusform>At most %n characters</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>标题最多 %n 个字</source>
        <translation><numerusform>A title has at most %n character</numerusform><numerusform>A title has at most %n characters</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>标题超过 %n 个字（现为 {now} 个字），请缩短。</source>
        <translation><numerusform>The title is longer than %n character ({now} now); please shorten it.</numerusform><numerusform>The title is longer than %n characters ({now} now); please shorten it.</numerusform></translation>
    </message>
    <message>
        <source>{definition}（审批：{approver}）</source>
        <translation>{definition} (approved by: {approver})</translation>
    </message>
    <message>
        <source>已批准</source>
        <translation>Approved</translation>
    </message>
    <message>
        <source>待审批</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <source>已驳回</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <source>已关闭</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>新建发布请求</source>
        <translation>New release request</translation>
    </message>
    <message>
        <source>标题(&amp;T)</source>
        <translation>&amp;Title</translation>
    </message>
    <message>
        <source>发布类型(&amp;Y)</source>
        <translation>T&amp;ype</translation>
    </message>
    <message>
        <source>涉及系统(&amp;S)</source>
        <translation>&amp;Systems</translation>
    </message>
    <message>
        <source>计划开始</source>
        <translation>Planned start</translation>
    </message>
    <message>
        <source>计划结束</source>
        <translation>Planned end</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>关联的变更请求（受理时须已批准）</source>
        <translation>Linked change requests (approved by acceptance)</translation>
    </message>
    <message>
        <source>按编号或标题筛选变更请求</source>
        <translation>Filter change requests by number or title</translation>
    </message>
</context>
<context>
    <name>ObservationLog</name>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>记录人</source>
        <translation>Recorded by</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Detail</translation>
    </message>
    <message>
        <source>观察到的情况（回车记录）</source>
        <translation>What you observed (Enter to record)</translation>
    </message>
    <message>
        <source>记录观察</source>
        <translation>Record observation</translation>
    </message>
</context>
<context>
    <name>PlanTexts</name>
    <message>
        <source>{table} · 第 {row} 行 · {column}</source>
        <translation>{table} · row {row} · {column}</translation>
    </message>
</context>
<context>
    <name>PlanViewDialog</name>
    <message>
        <source>查看发布计划</source>
        <translation>View release plan</translation>
    </message>
    <message>
        <source>正在读取…</source>
        <translation>Reading…</translation>
    </message>
    <message>
        <source>只显示有变化的部分</source>
        <translation>Show only what changed</translation>
    </message>
    <message>
        <source>无法读取发布计划：{why}</source>
        <translation>Cannot read the release plan: {why}</translation>
    </message>
    <message>
        <source>查看发布计划 — {n}</source>
        <translation>View release plan — {n}</translation>
    </message>
    <message>
        <source>发布计划 V{v}，{by} 于 {at} 提交</source>
        <translation>Release plan V{v}, submitted by {by} on {at}</translation>
    </message>
    <message>
        <source>；修订说明：{r}</source>
        <translation>; revision note: {r}</translation>
    </message>
    <message>
        <source>内容摘要 {h}…</source>
        <translation>Content digest {h}…</translation>
    </message>
    <message>
        <source>正在编制的草稿（尚未提交审批）</source>
        <translation>Draft being written (not yet submitted for approval)</translation>
    </message>
    <message>
        <source>尚未开始制定发布计划。</source>
        <translation>Planning has not started.</translation>
    </message>
    <message>
        <source>时间均为公司时区（{z}）</source>
        <translation>All times in the company's time zone ({z})</translation>
    </message>
    <message>
        <source>有效</source>
        <translation>Valid</translation>
    </message>
    <message>
        <source>已失效：{why}</source>
        <translation>Void: {why}</translation>
    </message>
    <message>
        <source>签名未通过校验</source>
        <translation>signature fails verification</translation>
    </message>
    <message>
        <source>V{v} 由 {who}（{role}）于 {at} 签署批准，校验码 {code}，{state}</source>
        <translation>V{v} approved and signed by {who} ({role}) on {at}, code {code}: {state}</translation>
    </message>
    <message>
        <source>没有已签署批准的早期版本可比较：以下为计划全文。</source>
        <translation>No earlier revision was signed to compare with: the whole plan follows.</translation>
    </message>
    <message>
        <source>与上次签署批准的 V{b} 相比，内容没有变化。</source>
        <translation>Nothing changed since V{b}, the last signed revision.</translation>
    </message>
    <message numerus="yes">
        <source>与上次签署批准的 V{b} 相比，共有 %n 处不同（已在下文标出）：</source>
        <translation><numerusform>%n difference from V{b}, the last signed revision (marked below):</numerusform><numerusform>%n differences from V{b}, the last signed revision (marked below):</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>此节还有 %n 处未完成</source>
        <translation><numerusform>%n gap left in this section</numerusform><numerusform>%n gaps left in this section</numerusform></translation>
    </message>
    <message>
        <source>新增</source>
        <translation>Added</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Removed</translation>
    </message>
    <message>
        <source>修改</source>
        <translation>Changed</translation>
    </message>
    <message>
        <source>差异一览</source>
        <translation>Differences</translation>
    </message>
    <message>
        <source>由“{a}”改为“{b}”</source>
        <translation>changed from “{a}” to “{b}”</translation>
    </message>
    <message>
        <source>“{b}”</source>
        <translation>“{b}”</translation>
    </message>
    <message>
        <source>原为“{a}”</source>
        <translation>was “{a}”</translation>
    </message>
    <message>
        <source>（未填写）</source>
        <translation>(not filled in)</translation>
    </message>
    <message>
        <source>原为：</source>
        <translation>Was:</translation>
    </message>
    <message>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>序号</source>
        <translation>Seq</translation>
    </message>
</context>
<context>
    <name>PlanWizard</name>
    <message>
        <source>未填写</source>
        <translation>Not filled in</translation>
    </message>
    <message>
        <source>发布计划向导 — {number} {title}</source>
        <translation>Release plan wizard — {number} {title}</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>关闭发布计划向导</source>
        <translation>Close the release plan wizard</translation>
    </message>
    <message>
        <source>以下部分的修改未能保存：{names}。

仍然关闭？这些修改将丢失。</source>
        <translation>Changes to these parts could not be saved: {names}.

Close anyway? Those changes will be lost.</translation>
    </message>
</context>
<context>
    <name>PrecheckDialog</name>
    <message>
        <source>完成预发布验证</source>
        <translation>Complete pre-release verification</translation>
    </message>
    <message>
        <source>开始发布实施</source>
        <translation>Start deployment</translation>
    </message>
    <message>
        <source>预发布验证已完成，可以开始发布实施。</source>
        <translation>Pre-release verification is complete: deployment can start.</translation>
    </message>
    <message>
        <source>所有检查项均已通过或已说明理由。请先“完成预发布验证”，之后即可开始发布实施。</source>
        <translation>Every item passed or was justified. Complete the pre-release verification; then deployment can start.</translation>
    </message>
    <message>
        <source>不能开始发布实施：{why}</source>
        <translation>Deployment cannot start: {why}</translation>
    </message>
</context>
<context>
    <name>PreviewDialog</name>
    <message>
        <source>导入发布登记簿：试导入结果</source>
        <translation>Import release register: dry run</translation>
    </message>
    <message numerus="yes">
        <source>全部 %n 行均可导入。</source>
        <translation><numerusform>The %n row can be imported.</numerusform><numerusform>All %n rows can be imported.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n 行不能导入（原因见下表），因此不会导入任何数据；</source>
        <translation><numerusform>%n row cannot be imported (reasons below), so nothing will be imported; </numerusform><numerusform>%n rows cannot be imported (reasons below), so nothing will be imported; </numerusform></translation>
    </message>
    <message numerus="yes">
        <source>其余 %n 行可以导入。</source>
        <translation><numerusform>the other %n row could be. </numerusform><numerusform>the other %n rows could be. </numerusform></translation>
    </message>
    <message>
        <source>请在文件中改正后重新导入。</source>
        <translation>Correct the file and import it again.</translation>
    </message>
    <message>
        <source>行</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>列</source>
        <translation>Column</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>发布类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>发布结果</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>关闭时间</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>不能导入的行（{n}）</source>
        <translation>Rows refused ({n})</translation>
    </message>
    <message>
        <source>可以导入的行（{n}）</source>
        <translation>Rows to import ({n})</translation>
    </message>
    <message numerus="yes">
        <source>导入 %n 个发布</source>
        <translation><numerusform>Import %n release</numerusform><numerusform>Import %n releases</numerusform></translation>
    </message>
    <message>
        <source>返回修改列对应关系</source>
        <translation>Back to the columns</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>ProblemBanner</name>
    <message numerus="yes">
        <source>&lt;b&gt;严重问题&lt;/b&gt;（{t}）：{d}　发现于 {at}，回退决策须在 %n 分钟内作出：</source>
        <translation><numerusform>&lt;b&gt;Severe problem&lt;/b&gt; ({t}): {d}  detected at {at}; the rollback decision is due within %n minute:</numerusform><numerusform>&lt;b&gt;Severe problem&lt;/b&gt; ({t}): {d}  detected at {at}; the rollback decision is due within %n minutes:</numerusform></translation>
    </message>
    <message>
        <source>严重问题（{t}）：{d}　发现于 {at}；决策：</source>
        <translation>Severe problem ({t}): {d}  detected at {at}; decision:</translation>
    </message>
</context>
<context>
    <name>ProblemDialog</name>
    <message>
        <source>报告严重问题</source>
        <translation>Report a severe problem</translation>
    </message>
    <message>
        <source>回退触发条件（选择符合的各项）</source>
        <translation>Rollback triggers (tick each that applies)</translation>
    </message>
    <message>
        <source>（计划阈值：{v}）</source>
        <translation>(plan's threshold: {v})</translation>
    </message>
    <message>
        <source>发现的问题：现象、影响范围、发现方式</source>
        <translation>The problem: symptoms, scope of impact, how it was found</translation>
    </message>
    <message numerus="yes">
        <source>报告后开始计时：须在 %n 分钟内作出回退决策。</source>
        <translation><numerusform>Reporting starts the clock: the rollback decision is due within %n minute.</numerusform><numerusform>Reporting starts the clock: the rollback decision is due within %n minutes.</numerusform></translation>
    </message>
</context>
<context>
    <name>RatesTable</name>
    <message>
        <source>发布类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>{rate}（{successful}/{total}）</source>
        <translation>{rate} ({successful}/{total})</translation>
    </message>
    <message numerus="yes">
        <source>未达到目标值 ≥{target}：%n 个发布未成功。按回车列出。</source>
        <translation><numerusform>Below the target of ≥{target}: %n release not successful. Press Enter to list it.</numerusform><numerusform>Below the target of ≥{target}: %n releases not successful. Press Enter to list them.</numerusform></translation>
    </message>
    <message>
        <source>列出未成功的发布</source>
        <translation>List the releases not successful</translation>
    </message>
    <message>
        <source>列出计入成功率的全部发布</source>
        <translation>List all releases counted in the rate</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <source>请填写理由。</source>
        <translation>Please give a reason.</translation>
    </message>
</context>
<context>
    <name>RegisterDialog</name>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>RegisterModel</name>
    <message>
        <source>编号</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>发布类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>阶段</source>
        <translation>Stage</translation>
    </message>
    <message>
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>涉及系统</source>
        <translation>Systems</translation>
    </message>
    <message>
        <source>负责人</source>
        <translation>Owner</translation>
    </message>
    <message>
        <source>计划开始</source>
        <translation>Planned start</translation>
    </message>
    <message>
        <source>计划结束</source>
        <translation>Planned end</translation>
    </message>
    <message>
        <source>关闭时间</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>更新时间</source>
        <translation>Updated</translation>
    </message>
    <message>
        <source>期限</source>
        <translation>Deadlines</translation>
    </message>
    <message>
        <source>公司时区：{zone}</source>
        <translation>Company time zone: {zone}</translation>
    </message>
    <message>
        <source>读取失败，稍后自动重试</source>
        <translation>Could not be read; retrying automatically</translation>
    </message>
    <message>
        <source>读取中…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>窗口内另有发布涉及同一配置项（见发布日历）</source>
        <translation>Another release touches the same configuration item in this window (see the calendar)</translation>
    </message>
    <message>
        <source>窗口落在冻结期内</source>
        <translation>The window falls in a freeze period</translation>
    </message>
    <message>
        <source>回退决策已逾期 {m} 分钟</source>
        <translation>Rollback decision overdue by {m} min</translation>
    </message>
    <message>
        <source>回退决策剩 {m} 分钟</source>
        <translation>Rollback decision due in {m} min</translation>
    </message>
    <message>
        <source>CMDB 更新已逾期（应于 {due} 前）</source>
        <translation>CMDB update overdue (due {due})</translation>
    </message>
    <message>
        <source>CMDB 更新剩 {h} 小时</source>
        <translation>CMDB update due in {h} h</translation>
    </message>
</context>
<context>
    <name>RegisterView</name>
    <message>
        <source>搜索编号、标题、系统（Ctrl+F）</source>
        <translation>Search number, title, systems (Ctrl+F)</translation>
    </message>
    <message>
        <source>全部类型</source>
        <translation>All types</translation>
    </message>
    <message>
        <source>全部状态</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>全部阶段</source>
        <translation>All stages</translation>
    </message>
    <message>
        <source>全部负责人</source>
        <translation>All owners</translation>
    </message>
    <message>
        <source>需要我处理</source>
        <translation>Needs my action</translation>
    </message>
    <message>
        <source>已逾期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>清除筛选</source>
        <translation>Clear filters</translation>
    </message>
    <message>
        <source>计划开始</source>
        <translation>Planned start</translation>
    </message>
    <message>
        <source>不限</source>
        <translation>Any</translation>
    </message>
    <message numerus="yes">
        <source>共 %Ln 个发布</source>
        <translation><numerusform>%Ln release</numerusform><numerusform>%Ln releases</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>共 %Ln 个发布（仅显示：{title}；“清除筛选”恢复全部）</source>
        <translation><numerusform>%Ln release (showing only: {title}; “Clear filters” shows all)</numerusform><numerusform>%Ln releases (showing only: {title}; “Clear filters” shows all)</numerusform></translation>
    </message>
    <message>
        <source>没有符合筛选条件的发布。
点击“清除筛选”显示全部发布。</source>
        <translation>No release matches the filters.
Click “Clear filters” to show all releases.</translation>
    </message>
    <message>
        <source>登记簿中还没有发布。</source>
        <translation>The register has no releases yet.</translation>
    </message>
    <message>
        <source>点击“新建发布请求…”（Ctrl+N）登记第一个发布请求；受理前须关联经变更管理批准的变更请求（登记簿 → 变更请求）。</source>
        <translation>Click “New release request…” (Ctrl+N) to register the first release request. Before it is accepted, it must be linked to a change request approved by change management (Registers → Change requests).</translation>
    </message>
    <message>
        <source>请在“管理 → 用户与角色”中添加运维管理部经理和运维工程师的账户。</source>
        <translation>Add the accounts of the operations manager and the operations engineers under “Manage → Users and roles”.</translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>发布请求由{who}登记；登记后会显示在这里。</source>
        <translation>Release requests are registered by {who}; they appear here once registered.</translation>
    </message>
</context>
<context>
    <name>RelatedLessons</name>
    <message>
        <source>相关经验教训（知识库）</source>
        <translation>Related lessons learned (knowledge base)</translation>
    </message>
    <message>
        <source>以往发布中没有涉及本计划配置项的经验教训。</source>
        <translation>No lessons learned from past releases on this plan's configuration items.</translation>
    </message>
</context>
<context>
    <name>ReleaseRequestEditDialog</name>
    <message>
        <source>修改发布请求 {n}</source>
        <translation>Edit release request {n}</translation>
    </message>
    <message>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>发布类型</source>
        <translation>Release type</translation>
    </message>
    <message>
        <source>修改发布类型的理由（发布类型决定审批人）</source>
        <translation>Why the type changes (the type decides the approver)</translation>
    </message>
    <message>
        <source>修改理由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>涉及系统</source>
        <translation>Systems</translation>
    </message>
    <message>
        <source>（公司时区 {z}）</source>
        <translation>(company time zone {z})</translation>
    </message>
    <message>
        <source>计划窗口</source>
        <translation>Planned window</translation>
    </message>
    <message>
        <source>描述</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>请求已受理：请求内容不能再修改；计划批准前仍可调整关联的变更请求。</source>
        <translation>The request is accepted: its content can no longer change; the linked change requests can until the plan is approved.</translation>
    </message>
    <message>
        <source>关联的变更请求（受理须至少一个经批准的变更请求）</source>
        <translation>Linked change requests (acceptance needs at least one approved change request)</translation>
    </message>
    <message>
        <source>按编号或标题筛选</source>
        <translation>Filter by number or title</translation>
    </message>
    <message>
        <source>我确认：再次关联已由其他已关闭发布交付的变更请求</source>
        <translation>I confirm linking change requests another closed release already delivered</translation>
    </message>
    <message>
        <source>已批准</source>
        <translation>Approved</translation>
    </message>
    <message>
        <source>待审批</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <source>已驳回</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <source>已关闭</source>
        <translation>Closed</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <source>检查与提交</source>
        <translation>Review and submit</translation>
    </message>
    <message>
        <source>尚未完成</source>
        <translation>Still missing</translation>
    </message>
    <message>
        <source>提交审批(&amp;S)…</source>
        <translation>&amp;Submit for approval…</translation>
    </message>
    <message>
        <source>状态：{state}{revision}</source>
        <translation>Status: {state}{revision}</translation>
    </message>
    <message numerus="yes">
        <source>还有 %n 处未完成（点击跳转到所在页）：</source>
        <translation><numerusform>%n item still missing (click to go to its page):</numerusform><numerusform>%n items still missing (click to go to the page):</numerusform></translation>
    </message>
    <message>
        <source>发布计划完整，可以提交审批。</source>
        <translation>The plan is complete and can be submitted for approval.</translation>
    </message>
</context>
<context>
    <name>RevisionsDialog</name>
    <message>
        <source>{n} 发布计划修订记录</source>
        <translation>{n} release plan revisions</translation>
    </message>
    <message>
        <source>版本</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>提交人</source>
        <translation>Submitted by</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>修订说明</source>
        <translation>Reason for revision</translation>
    </message>
    <message>
        <source>内容摘要</source>
        <translation>Digest</translation>
    </message>
    <message>
        <source>签名</source>
        <translation>Signatures</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Detail</translation>
    </message>
    <message>
        <source>至少需要两个版本才能比较。每次提交审批都会冻结一个新版本。</source>
        <translation>Comparing needs two revisions. Each submission for approval freezes a new one.</translation>
    </message>
    <message>
        <source>已失效：{why}</source>
        <translation>Void: {why}</translation>
    </message>
    <message>
        <source>有效</source>
        <translation>Valid</translation>
    </message>
    <message>
        <source>签名数据被改动</source>
        <translation>Signature data altered</translation>
    </message>
    <message>
        <source>比较(&amp;C)</source>
        <translation>&amp;Compare</translation>
    </message>
    <message>
        <source>比较</source>
        <translation>Compare</translation>
    </message>
    <message numerus="yes">
        <source>V{a} 与 V{b} 有 %n 处不同。</source>
        <translation><numerusform>V{a} and V{b} differ in %n place.</numerusform><numerusform>V{a} and V{b} differ in %n places.</numerusform></translation>
    </message>
    <message>
        <source>V{a} 与 V{b} 内容相同。</source>
        <translation>V{a} and V{b} are the same.</translation>
    </message>
</context>
<context>
    <name>Rollback</name>
    <message>
        <source>回退</source>
        <translation>Roll back</translation>
    </message>
    <message>
        <source>继续发布</source>
        <translation>Continue</translation>
    </message>
    <message>
        <source>{what}（{by}，{at}）</source>
        <translation>{what} ({by}, {at})</translation>
    </message>
    <message>
        <source>，逾期</source>
        <translation>, late</translation>
    </message>
    <message>
        <source>决策已记录为逾期</source>
        <translation>Decision recorded as late</translation>
    </message>
    <message>
        <source>本次回退决策晚于发现问题后 {m} 分钟的时限（截止 {due}），已按制度记录为逾期。</source>
        <translation>This rollback decision came after the {m}-minute limit from detecting the problem (due {due}); as the policy requires, it is recorded as late.</translation>
    </message>
</context>
<context>
    <name>RollbackDialog</name>
    <message>
        <source>执行回退 — {n}</source>
        <translation>Execute rollback — {n}</translation>
    </message>
    <message>
        <source>序号</source>
        <translation>Seq</translation>
    </message>
    <message>
        <source>回退操作</source>
        <translation>Rollback action</translation>
    </message>
    <message>
        <source>负责人</source>
        <translation>Owner</translation>
    </message>
    <message>
        <source>计划时长(分钟)</source>
        <translation>Planned minutes</translation>
    </message>
    <message>
        <source>检查点</source>
        <translation>Check</translation>
    </message>
    <message>
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>完成时间</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>记录人</source>
        <translation>Recorded by</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>执行结果、检查点核对情况</source>
        <translation>Result, what the check showed</translation>
    </message>
    <message>
        <source>记录所选步骤</source>
        <translation>Record the selected step</translation>
    </message>
    <message>
        <source>完成回退</source>
        <translation>Complete the rollback</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>状态恢复与问题记录</source>
        <translation>Restoration and problem record</translation>
    </message>
    <message>
        <source>已核对：系统已完全恢复到发布前状态</source>
        <translation>Checked: the system is fully back in its pre-release state</translation>
    </message>
    <message>
        <source>回退原因和过程（必填）</source>
        <translation>Cause and course of the rollback (required)</translation>
    </message>
    <message>
        <source>确认恢复并记录原因</source>
        <translation>Confirm restoration and record the cause</translation>
    </message>
    <message>
        <source>回退决策：{by} 于 {at} 决定回退{late}。理由：{why}</source>
        <translation>Rollback decision: {by} decided to roll back at {at}{late}. Reason: {why}</translation>
    </message>
    <message>
        <source>（逾期）</source>
        <translation> (late)</translation>
    </message>
    <message>
        <source>已确认恢复：{by} 于 {at}。原因：{cause}</source>
        <translation>Restoration confirmed by {by} at {at}. Cause: {cause}</translation>
    </message>
    <message>
        <source>尚不能完成回退：{why}</source>
        <translation>The rollback cannot be completed yet: {why}</translation>
    </message>
    <message>
        <source>完成 {n} 的回退？发布结果记为“{outcome}”，发布进入发布关闭阶段，回退步骤的记录不能再修改。</source>
        <translation>Complete the rollback of {n}? The outcome is recorded as “{outcome}”, the release moves on to its closure, and the rollback steps' records can no longer be changed.</translation>
    </message>
</context>
<context>
    <name>SamplePage</name>
    <message>
        <source>示例数据</source>
        <translation>Sample data</translation>
    </message>
    <message>
        <source>载入示例数据，先熟悉软件（可在正式使用前删除数据库重新开始）</source>
        <translation>Load sample data to get to know the software (delete the database before real use to start afresh)</translation>
    </message>
    <message>
        <source>示例发布数量</source>
        <translation>Sample releases</translation>
    </message>
    <message>
        <source>示例数据会添加示例账户（经理、工程师、审计员），各有随机生成的密码，完成时只显示一次。示例数据只能载入尚无发布的数据库。</source>
        <translation>Sample data adds sample accounts (managers, engineers, an auditor), each with a random password shown only once, at the end. Sample data can only be loaded into a database without releases.</translation>
    </message>
</context>
<context>
    <name>SectionChecklist</name>
    <message>
        <source>（已有内容，将被替换）</source>
        <translation> (has content: it would be replaced)</translation>
    </message>
</context>
<context>
    <name>SectionForm</name>
    <message>
        <source>评分</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>重新加载对方的版本</source>
        <translation>Reload their version</translation>
    </message>
    <message>
        <source>保存我的输入（替换对方的修改）</source>
        <translation>Save my input (replacing their change)</translation>
    </message>
    <message>
        <source>未保存：{by} 于 {at} 已修改本节。</source>
        <translation>Not saved: {by} changed this part at {at}.</translation>
    </message>
</context>
<context>
    <name>SignDialog</name>
    <message>
        <source>签署内容</source>
        <translation>What is signed</translation>
    </message>
    <message>
        <source>所签署内容的 SHA-256；之后的任何修改都会使签名失效</source>
        <translation>SHA-256 of what is signed; any later change voids the signature</translation>
    </message>
    <message>
        <source>内容摘要</source>
        <translation>Digest</translation>
    </message>
    <message>
        <source>含义</source>
        <translation>Meaning</translation>
    </message>
    <message>
        <source>签署人</source>
        <translation>Signer</translation>
    </message>
    <message>
        <source>查看计划…</source>
        <translation>View plan…</translation>
    </message>
    <message>
        <source>只读查看所签署的全文，以及与上次签署版本的差异</source>
        <translation>Read what you are signing in full (read-only), and its differences from the last signed revision</translation>
    </message>
    <message>
        <source>请确认以下警告：</source>
        <translation>Please acknowledge these warnings:</translation>
    </message>
    <message>
        <source>我已知悉上述冲突或冻结期，仍然批准</source>
        <translation>I have seen the conflicts or freeze above and approve anyway</translation>
    </message>
    <message>
        <source>驳回理由（必填）</source>
        <translation>Reason for rejection (required)</translation>
    </message>
    <message>
        <source>备注（可选）</source>
        <translation>Note (optional)</translation>
    </message>
    <message>
        <source>再次输入您的密码以签署</source>
        <translation>Type your password again to sign</translation>
    </message>
    <message>
        <source>签署</source>
        <translation>Sign</translation>
    </message>
    <message>
        <source>请填写驳回理由。</source>
        <translation>Please give the reason for rejection.</translation>
    </message>
    <message>
        <source>请先确认警告。</source>
        <translation>Please acknowledge the warnings first.</translation>
    </message>
    <message>
        <source>请输入密码。</source>
        <translation>Please type your password.</translation>
    </message>
    <message>
        <source>您填写的内容仍保留在窗口中。</source>
        <translation>What you typed is still in the window. </translation>
    </message>
    <message>
        <source>请重新输入密码。</source>
        <translation>Please type your password again.</translation>
    </message>
    <message>
        <source>可稍后重试。</source>
        <translation>You can try again later.</translation>
    </message>
</context>
<context>
    <name>SimpleActions</name>
    <message>
        <source>受理发布请求</source>
        <translation>Accept release request</translation>
    </message>
    <message>
        <source>受理 {n}？受理后开始评估与制定发布计划。</source>
        <translation>Accept {n}? Assessment and planning begin after acceptance.</translation>
    </message>
    <message>
        <source>驳回发布请求</source>
        <translation>Reject release request</translation>
    </message>
    <message>
        <source>请说明驳回理由（将记入审计轨迹）：</source>
        <translation>Reason for rejection (recorded in the audit trail):</translation>
    </message>
    <message>
        <source>取消发布</source>
        <translation>Cancel release</translation>
    </message>
    <message>
        <source>请说明取消理由：</source>
        <translation>Reason for cancelling:</translation>
    </message>
    <message>
        <source>判定发布失败</source>
        <translation>Declare the release failed</translation>
    </message>
    <message>
        <source>请说明失败情况（发布结果记为“发布失败”，计入发布成功率）：</source>
        <translation>Describe the failure (the outcome is recorded as “failed” and counts in the success rate):</translation>
    </message>
    <message>
        <source>提交发布计划</source>
        <translation>Submit the release plan</translation>
    </message>
    <message>
        <source>修订说明（记入修订记录，首次提交可留空）：</source>
        <translation>Revision note (goes into the revision history; may be empty the first time):</translation>
    </message>
    <message>
        <source>撤回发布计划</source>
        <translation>Withdraw the release plan</translation>
    </message>
    <message>
        <source>撤回 {n} 已提交审批的发布计划？撤回后此次提交不能再被批准，须重新提交审批。</source>
        <translation>Withdraw the release plan of {n} submitted for approval? This submission can then no longer be approved; the plan must be submitted again.</translation>
    </message>
    <message>
        <source>开始发布实施</source>
        <translation>Start deployment</translation>
    </message>
    <message>
        <source>仍要开始部署 {n}？请填写理由（将在发布变更报告中注明）：</source>
        <translation>Start deploying {n} anyway? Give the reason (the release change report will state it):</translation>
    </message>
    <message>
        <source>依据已批准的发布计划开始部署 {n}？</source>
        <translation>Start deploying {n} according to the approved plan?</translation>
    </message>
    <message>
        <source>批准发布计划</source>
        <translation>Approve release plan</translation>
    </message>
    <message>
        <source>驳回发布计划</source>
        <translation>Reject release plan</translation>
    </message>
    <message>
        <source>{n} 发布计划 V{v}（{by} 于 {at} 提交）</source>
        <translation>{n} release plan V{v} (submitted by {by} at {at})</translation>
    </message>
    <message>
        <source>批准</source>
        <translation>Approve</translation>
    </message>
    <message>
        <source>驳回</source>
        <translation>Reject</translation>
    </message>
    <message>
        <source>正在批准并归档发布计划…</source>
        <translation>Approving and archiving the release plan…</translation>
    </message>
</context>
<context>
    <name>SoftwareDialog</name>
    <message>
        <source>软件名称</source>
        <translation>Artifact</translation>
    </message>
    <message>
        <source>版本</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <source>大小</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>存放位置</source>
        <translation>Storage location</translation>
    </message>
    <message>
        <source>批准时间</source>
        <translation>Approved at</translation>
    </message>
    <message>
        <source>最终软件库</source>
        <translation>Definitive software library</translation>
    </message>
    <message>
        <source>按软件名称查找</source>
        <translation>Find by artifact</translation>
    </message>
    <message>
        <source>登记版本…</source>
        <translation>Register version…</translation>
    </message>
    <message>
        <source>批准所选版本</source>
        <translation>Approve selected versions</translation>
    </message>
    <message>
        <source>已批准</source>
        <translation>Approved</translation>
    </message>
    <message>
        <source>待批准</source>
        <translation>Pending approval</translation>
    </message>
    <message>
        <source>已停用</source>
        <translation>Retired</translation>
    </message>
    <message>
        <source>选择文件…</source>
        <translation>Choose file…</translation>
    </message>
    <message>
        <source>选择软件包</source>
        <translation>Choose the package</translation>
    </message>
    <message>
        <source>登记即批准（须运维管理部经理）</source>
        <translation>Approve on registering (operations manager only)</translation>
    </message>
    <message>
        <source>软件包文件</source>
        <translation>Package file</translation>
    </message>
    <message>
        <source>大小（字节）</source>
        <translation>Size (bytes)</translation>
    </message>
    <message>
        <source>登记软件版本</source>
        <translation>Register a software version</translation>
    </message>
    <message>
        <source>批准软件版本</source>
        <translation>Approve software versions</translation>
    </message>
    <message>
        <source>所选版本均已批准。</source>
        <translation>The selected versions are all approved already.</translation>
    </message>
    <message>
        <source>请先在列表中选择要批准的版本。</source>
        <translation>Select the versions to approve in the list first.</translation>
    </message>
    <message>
        <source>批准所选的 {n} 个软件版本？批准后作为正本存入最终软件库，可用于发布部署；批准不能撤销。

{names}</source>
        <translation>Approve the {n} selected software versions? Once approved they are kept as masters in the definitive software library and may be deployed; an approval cannot be undone.

{names}</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <source>无法打开数据库</source>
        <translation>Cannot open the database</translation>
    </message>
    <message>
        <source>请检查数据库设置或网络后重试。</source>
        <translation>Check the database settings or the network, then retry.</translation>
    </message>
    <message>
        <source>重试</source>
        <translation>Retry</translation>
    </message>
    <message>
        <source>数据库设置…</source>
        <translation>Database settings…</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>Exit</translation>
    </message>
    <message>
        <source>登录失败</source>
        <translation>Login failed</translation>
    </message>
    <message>
        <source>（尚无用户）</source>
        <translation>(no users yet)</translation>
    </message>
    <message>
        <source>数据库不可用</source>
        <translation>Database unavailable</translation>
    </message>
</context>
<context>
    <name>StepDialog</name>
    <message>
        <source>记录第 {n} 步</source>
        <translation>Record step {n}</translation>
    </message>
    <message>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>实际开始</source>
        <translation>Actual start</translation>
    </message>
    <message>
        <source>实际完成</source>
        <translation>Actual finish</translation>
    </message>
    <message>
        <source>例如 检查点结果、偏差说明</source>
        <translation>e.g. check result, deviation from the plan</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
</context>
<context>
    <name>TableEditor</name>
    <message>
        <source>添加行</source>
        <translation>Add row</translation>
    </message>
    <message>
        <source>删除行</source>
        <translation>Remove rows</translation>
    </message>
    <message>
        <source>上移</source>
        <translation>Move up</translation>
    </message>
    <message>
        <source>下移</source>
        <translation>Move down</translation>
    </message>
    <message>
        <source>从 Excel 粘贴</source>
        <translation>Paste from Excel</translation>
    </message>
</context>
<context>
    <name>TemplateDialog</name>
    <message>
        <source>从模板开始</source>
        <translation>Start from a template</translation>
    </message>
</context>
<context>
    <name>TriggersPanel</name>
    <message>
        <source>回退触发条件（制度 4.5.1）</source>
        <translation>Rollback triggers (policy 4.5.1)</translation>
    </message>
    <message>
        <source>（请在上方填写本计划的阈值）</source>
        <translation>(fill in this plan's threshold above)</translation>
    </message>
    <message>
        <source>{trigger}：{threshold}</source>
        <translation>{trigger}: {threshold}</translation>
    </message>
</context>
<context>
    <name>VerificationDialog</name>
    <message>
        <source>完成效果验证</source>
        <translation>Complete effect verification</translation>
    </message>
</context>
<context>
    <name>VerifyDocumentDialog</name>
    <message>
        <source>核验文档</source>
        <translation>Verify a document</translation>
    </message>
    <message>
        <source>输入或粘贴页面上的核验码（如 1C7E-A773-A521）、签名的校验码，或扫描页面二维码得到的文字；也可以选择一个文档文件核验。以归档文件为准。</source>
        <translation>Type or paste the code printed on a page (e.g. 1C7E-A773-A521), a signature's code, or the text read from a page's QR code; or choose a document file. The archived file is the reference.</translation>
    </message>
    <message>
        <source>核验码、校验码或二维码内容</source>
        <translation>Page code, signature code or QR code text</translation>
    </message>
    <message>
        <source>核验</source>
        <translation>Check</translation>
    </message>
    <message>
        <source>核验文件…</source>
        <translation>Verify a file…</translation>
    </message>
    <message>
        <source>核验结果的细节（改动之处、签名）显示在这里。</source>
        <translation>The details of the result (what changed, the signatures) appear here.</translation>
    </message>
    <message>
        <source>归档的页面，与纸面或文件对照</source>
        <translation>The archived page, to lay beside the paper or the file</translation>
    </message>
    <message>
        <source>◀ 上一页</source>
        <translation>◀ Previous page</translation>
    </message>
    <message>
        <source>下一页 ▶</source>
        <translation>Next page ▶</translation>
    </message>
    <message>
        <source>显示归档文档…</source>
        <translation>Show the archived document…</translation>
    </message>
    <message>
        <source>打开归档的文档本身，与纸面或文件对照</source>
        <translation>Open the archived document itself, to compare with the paper or the file</translation>
    </message>
    <message>
        <source>请输入核验码或二维码内容。</source>
        <translation>Enter a code or the text of a QR code.</translation>
    </message>
    <message>
        <source>选择要核验的文档</source>
        <translation>Choose the document to verify</translation>
    </message>
    <message>
        <source>文档 (*.docx *.pdf);;所有文件 (*)</source>
        <translation>Documents (*.docx *.pdf);;All files (*)</translation>
    </message>
    <message>
        <source>正在显示归档页面…</source>
        <translation>Showing the archived page…</translation>
    </message>
    <message>
        <source>归档文档没有可显示的页面</source>
        <translation>The archived document has no page to show</translation>
    </message>
    <message>
        <source>归档的 {number} {version}：第 {page} 页 共 {count} 页</source>
        <translation>Archived {number} {version}: page {page} of {count}</translation>
    </message>
    <message>
        <source>无法打开</source>
        <translation>Cannot open</translation>
    </message>
    <message>
        <source>系统没有可以打开该文件的程序。文件已保存在：{path}</source>
        <translation>No program on this computer opens this file. It was saved as: {path}</translation>
    </message>
</context>
<context>
    <name>WarningsPanel</name>
    <message>
        <source>冲突与冻结期警告</source>
        <translation>Conflict and freeze warnings</translation>
    </message>
    <message>
        <source>配置项冲突</source>
        <translation>Configuration item conflict</translation>
    </message>
    <message>
        <source>冻结期</source>
        <translation>Freeze period</translation>
    </message>
    <message>
        <source>{kind}：{detail}</source>
        <translation>{kind}: {detail}</translation>
    </message>
</context>
<context>
    <name>_SourceDialog</name>
    <message>
        <source>选择要写入本计划的部分：</source>
        <translation>Choose the parts to write into this plan:</translation>
    </message>
    <message>
        <source>请至少选择一个部分。</source>
        <translation>Choose at least one part.</translation>
    </message>
</context>
<context>
    <name>alert_channels</name>
    <message>
        <source>电子邮件（SMTP）</source>
        <translation>E-mail (SMTP)</translation>
    </message>
    <message>
        <source>企业微信群机器人</source>
        <translation>WeCom group robot</translation>
    </message>
    <message>
        <source>钉钉群机器人</source>
        <translation>DingTalk group robot</translation>
    </message>
    <message>
        <source>告警通道</source>
        <translation>Alert channels</translation>
    </message>
    <message>
        <source>新建通道</source>
        <translation>New channel</translation>
    </message>
    <message>
        <source>启用</source>
        <translation>Enabled</translation>
    </message>
    <message>
        <source>默认</source>
        <translation>default</translation>
    </message>
    <message>
        <source>可选：公司 CA 证书（PEM）</source>
        <translation>optional: company CA (PEM)</translation>
    </message>
    <message>
        <source>测试收件人（默认：您的电子邮件地址）</source>
        <translation>test recipient (default: your e-mail address)</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>邮件服务器</source>
        <translation>Mail server</translation>
    </message>
    <message>
        <source>端口</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>加密</source>
        <translation>Security</translation>
    </message>
    <message>
        <source>发件人</source>
        <translation>From</translation>
    </message>
    <message>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>密码（存入系统凭据库）</source>
        <translation>Password (credential store)</translation>
    </message>
    <message>
        <source>CA 证书</source>
        <translation>CA certificate</translation>
    </message>
    <message>
        <source>机器人地址（存入系统凭据库）</source>
        <translation>Robot address (credential store)</translation>
    </message>
    <message>
        <source>加签密钥（钉钉）</source>
        <translation>Signing secret (DingTalk)</translation>
    </message>
    <message>
        <source>关键词（钉钉）</source>
        <translation>Keyword (DingTalk)</translation>
    </message>
    <message>
        <source>测试收件人</source>
        <translation>Test recipient</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>发送测试</source>
        <translation>Send test</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>{name}（{kind}）</source>
        <translation>{name} ({kind})</translation>
    </message>
    <message>
        <source>留空则保留已保存的</source>
        <translation>empty keeps the stored one</translation>
    </message>
    <message numerus="yes">
        <source>⚠ 连续 %n 次发送失败：</source>
        <translation><numerusform>⚠ failed %n time: </numerusform><numerusform>⚠ failing, %n sends in a row: </numerusform></translation>
    </message>
    <message>
        <source>正常</source>
        <translation>Working</translation>
    </message>
    <message>
        <source>SMTP 密码</source>
        <translation>SMTP password</translation>
    </message>
    <message>
        <source>机器人地址</source>
        <translation>robot address</translation>
    </message>
    <message>
        <source>加签密钥</source>
        <translation>signing secret</translation>
    </message>
    <message>
        <source>本机的系统凭据库中缺少：</source>
        <translation>Missing from this computer's credential store: </translation>
    </message>
    <message>
        <source>删除告警通道</source>
        <translation>Remove alert channel</translation>
    </message>
    <message>
        <source>删除“{name}”？尚未发出的告警将不再通过它发送。</source>
        <translation>Remove “{name}”? Alerts not yet sent will not go out through it.</translation>
    </message>
    <message>
        <source>正在发送测试消息…</source>
        <translation>Sending a test message…</translation>
    </message>
    <message>
        <source>✓ 测试消息已发送到 {where}</source>
        <translation>✓ Test message sent to {where}</translation>
    </message>
    <message>
        <source>我的提醒</source>
        <translation>My alerts</translation>
    </message>
    <message>
        <source>打开发布</source>
        <translation>Open release</translation>
    </message>
</context>
<context>
    <name>calendar</name>
    <message>
        <source>尚未开始实施</source>
        <translation>not started yet</translation>
    </message>
    <message>
        <source>{start} 起，进行中</source>
        <translation>since {start}, running</translation>
    </message>
    <message numerus="yes">
        <source>{mark} 提前 %n 分钟开始（在已批准的窗口之前）</source>
        <translation><numerusform>{mark} started %n minute early (before the approved window)</numerusform><numerusform>{mark} started %n minutes early (before the approved window)</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>{mark} 已超出计划结束时间 %n 分钟，仍在进行</source>
        <translation><numerusform>{mark} %n minute past the planned end, still running</numerusform><numerusform>{mark} %n minutes past the planned end, still running</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>{mark} 超出计划结束时间 %n 分钟</source>
        <translation><numerusform>{mark} ended %n minute after the planned end</numerusform><numerusform>{mark} ended %n minutes after the planned end</numerusform></translation>
    </message>
    <message>
        <source>{mark} 冲突：与 {number}《{title}》共用配置项“{item}”，计划窗口重叠</source>
        <translation>{mark} Conflict: shares configuration item “{item}” with {number} “{title}” in an overlapping window</translation>
    </message>
    <message>
        <source>{mark} 冻结期：{freeze}</source>
        <translation>{mark} Freeze period: {freeze}</translation>
    </message>
    <message>
        <source>计划窗口：{window}</source>
        <translation>Planned window: {window}</translation>
    </message>
    <message>
        <source>实际窗口：{window}</source>
        <translation>Actual window: {window}</translation>
    </message>
    <message>
        <source>冻结期</source>
        <translation>Freeze period</translation>
    </message>
</context>
<context>
    <name>directory_settings</name>
    <message>
        <source>按地址（ldaps:// 为 LDAPS，ldap:// 为 StartTLS）</source>
        <translation>By address (ldaps:// LDAPS, ldap:// StartTLS)</translation>
    </message>
    <message>
        <source>不加密（不建议）</source>
        <translation>Not encrypted (not advised)</translation>
    </message>
    <message>
        <source>公司目录登录（LDAP / AD）</source>
        <translation>Company directory login (LDAP / AD)</translation>
    </message>
    <message>
        <source>启用目录登录（本地账户照常登录）</source>
        <translation>Directory login on (local accounts log in as before)</translation>
    </message>
    <message>
        <source>允许不加密的连接（密码以明文传输）</source>
        <translation>Allow an unencrypted connection (passwords in clear text)</translation>
    </message>
    <message>
        <source>CA 证书文件（PEM 或 .cer）；空：保留已保存的</source>
        <translation>CA certificate file (PEM or .cer); empty: keep the saved one</translation>
    </message>
    <message>
        <source>使用各计算机系统信任的证书</source>
        <translation>Use each computer's trusted certificates</translation>
    </message>
    <message>
        <source>存入本机系统凭据库；空：保留</source>
        <translation>to this computer's credential store; empty: keep</translation>
    </message>
    <message>
        <source>包括嵌套组（AD）</source>
        <translation>Include nested groups (AD)</translation>
    </message>
    <message>
        <source>服务器地址</source>
        <translation>Server address</translation>
    </message>
    <message>
        <source>加密</source>
        <translation>Encryption</translation>
    </message>
    <message>
        <source>CA 证书</source>
        <translation>CA certificate</translation>
    </message>
    <message>
        <source>基准 DN</source>
        <translation>Base DN</translation>
    </message>
    <message>
        <source>账户名属性</source>
        <translation>Account name attribute</translation>
    </message>
    <message>
        <source>用户筛选条件</source>
        <translation>User filter</translation>
    </message>
    <message>
        <source>用户登录名格式</source>
        <translation>User bind name</translation>
    </message>
    <message>
        <source>查询账户（可选）</source>
        <translation>Search account (optional)</translation>
    </message>
    <message>
        <source>查询账户密码</source>
        <translation>Search account password</translation>
    </message>
    <message>
        <source>超时</source>
        <translation>Timeout</translation>
    </message>
    <message>
        <source>组与角色（组的完整 DN，多个用 ; 分隔）</source>
        <translation>Groups and roles (full group DNs, several separated by ;)</translation>
    </message>
    <message>
        <source>测试用户名（可选）</source>
        <translation>user name to try (optional)</translation>
    </message>
    <message>
        <source>其密码（可选，不保存）</source>
        <translation>their password (optional, not kept)</translation>
    </message>
    <message>
        <source>测试连接</source>
        <translation>Test connection</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>已保存：{name}</source>
        <translation>Saved: {name}</translation>
    </message>
    <message>
        <source>正在测试…</source>
        <translation>Testing…</translation>
    </message>
    <message>
        <source>：</source>
        <translation>: </translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>账户：{user}（{name}），角色：{roles}</source>
        <translation>Account: {user} ({name}), roles: {roles}</translation>
    </message>
    <message>
        <source>✓ 测试通过</source>
        <translation>✓ Test passed</translation>
    </message>
    <message>
        <source>✗ 测试未通过</source>
        <translation>✗ Test failed</translation>
    </message>
    <message>
        <source>已保存。</source>
        <translation>Saved.</translation>
    </message>
</context>
<context>
    <name>excel_dialogs</name>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <source>CSV（UTF-8，Excel 可直接打开）(*.csv)</source>
        <translation>CSV (UTF-8, opens in Excel as it is) (*.csv)</translation>
    </message>
    <message>
        <source>导出发布登记簿</source>
        <translation>Export the release register</translation>
    </message>
    <message>
        <source>发布登记簿 {date}.xlsx</source>
        <translation>Release register {date}.xlsx</translation>
    </message>
    <message>
        <source>导入发布登记簿</source>
        <translation>Import a release register</translation>
    </message>
    <message>
        <source>表格文件</source>
        <translation>Spreadsheets</translation>
    </message>
    <message>
        <source>正在读取表格…</source>
        <translation>Reading the spreadsheet…</translation>
    </message>
    <message>
        <source>正在检查每一行…</source>
        <translation>Checking every row…</translation>
    </message>
    <message>
        <source>正在导入…</source>
        <translation>Importing…</translation>
    </message>
    <message>
        <source>导入完成</source>
        <translation>Import finished</translation>
    </message>
    <message>
        <source>没有导入任何发布。</source>
        <translation>No release was imported.</translation>
    </message>
    <message numerus="yes">
        <source>已导入 %n 个发布（{first} 至 {last}）。原登记编号记在各发布描述的第一行。</source>
        <translation><numerusform>%n release imported ({first} to {last}). Its old register number is the first line of its description.</numerusform><numerusform>%n releases imported ({first} to {last}). Each old register number is the first line of the release's description.</numerusform></translation>
    </message>
</context>
<context>
    <name>exports</name>
    <message>
        <source>已导出</source>
        <translation>Exported</translation>
    </message>
    <message>
        <source>已保存到：
{path}</source>
        <translation>Saved to:
{path}</translation>
    </message>
    <message>
        <source>无法保存</source>
        <translation>Cannot save</translation>
    </message>
    <message>
        <source>文件未能写入：{reason}</source>
        <translation>The file was not written: {reason}</translation>
    </message>
    <message>
        <source>导出图表为 PNG</source>
        <translation>Export chart as PNG</translation>
    </message>
    <message>
        <source>导出发布成功率到 Excel</source>
        <translation>Export the success rate to Excel</translation>
    </message>
    <message>
        <source>季度报告</source>
        <translation>Quarterly report</translation>
    </message>
    <message>
        <source>报告哪个季度？</source>
        <translation>Report on which quarter?</translation>
    </message>
    <message>
        <source>保存季度报告</source>
        <translation>Save the quarterly report</translation>
    </message>
</context>
<context>
    <name>figures</name>
    <message>
        <source>未成功</source>
        <translation>not successful</translation>
    </message>
    <message>
        <source>计入发布成功率</source>
        <translation>counted in the success rate</translation>
    </message>
    <message>
        <source>成功</source>
        <translation>successful</translation>
    </message>
    <message>
        <source>{period} {type} {part}</source>
        <translation>{period} {type} {part}</translation>
    </message>
    <message>
        <source>状态：{name}</source>
        <translation>Status: {name}</translation>
    </message>
    <message>
        <source>阶段：{name}</source>
        <translation>Stage: {name}</translation>
    </message>
    <message>
        <source>{period} CMDB 24 小时内更新：{part}</source>
        <translation>{period} CMDB updated within 24 h: {part}</translation>
    </message>
    <message>
        <source>{period} 回退决策：{part}</source>
        <translation>{period} rollback decisions: {part}</translation>
    </message>
    <message>
        <source>{period} 回退决策用时 {minutes} 分钟</source>
        <translation>{period} rollback decisions taking {minutes} minutes</translation>
    </message>
    <message>
        <source>当前逾期：{what}（{type}）</source>
        <translation>Overdue now: {what} ({type})</translation>
    </message>
</context>
<context>
    <name>insight_menu</name>
    <message>
        <source>分析(&amp;A)</source>
        <translation>&amp;Analysis</translation>
    </message>
    <message>
        <source>仪表盘(&amp;D)</source>
        <translation>&amp;Dashboard</translation>
    </message>
    <message>
        <source>发布日历(&amp;C)</source>
        <translation>Release &amp;calendar</translation>
    </message>
    <message>
        <source>知识库(&amp;K)</source>
        <translation>&amp;Knowledge base</translation>
    </message>
    <message>
        <source>导出登记簿（Excel 或 CSV）(&amp;E)…</source>
        <translation>&amp;Export register (Excel or CSV)…</translation>
    </message>
    <message>
        <source>导入发布登记簿（Excel、WPS、ODS、CSV）(&amp;I)…</source>
        <translation>&amp;Import release register (Excel, WPS, ODS, CSV)…</translation>
    </message>
</context>
<context>
    <name>lessons</name>
    <message>
        <source>（未关联发布）</source>
        <translation>(not linked to a release)</translation>
    </message>
    <message>
        <source>发布</source>
        <translation>Release</translation>
    </message>
    <message>
        <source>配置项</source>
        <translation>Configuration items</translation>
    </message>
    <message>
        <source>标签</source>
        <translation>Tags</translation>
    </message>
    <message>
        <source>记录时间</source>
        <translation>Recorded</translation>
    </message>
</context>
<context>
    <name>main_window</name>
    <message>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
</context>
<context>
    <name>ops</name>
    <message>
        <source>会话已结束</source>
        <translation>Session ended</translation>
    </message>
    <message>
        <source>数据库不可用</source>
        <translation>Database unavailable</translation>
    </message>
    <message>
        <source>您的输入仍保留在窗口中，可稍后重试。</source>
        <translation>What you typed is still in the window; you can retry later.</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>正在取消…</source>
        <translation>Cancelling…</translation>
    </message>
    <message>
        <source>不能执行</source>
        <translation>Not allowed</translation>
    </message>
</context>
</TS>
