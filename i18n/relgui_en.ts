<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
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
    <name>DatabaseDialog</name>
    <message>
        <source>选择数据库文件</source>
        <translation>Choose the database file</translation>
    </message>
    <message>
        <source>SQLite 数据库 (*.db)</source>
        <translation>SQLite database (*.db)</translation>
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
        <source>连接成功：</source>
        <translation>Connected: </translation>
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
        <source>测试连接</source>
        <translation>Test connection</translation>
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
        <source>发布计划还有 {n} 处未完成</source>
        <translation>The plan has {n} gap(s)</translation>
    </message>
    <message>
        <source>此功能尚未在本版本中提供</source>
        <translation>Not available in this version yet</translation>
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
    <message>
        <source>发布计划还有 {n} 处未完成。</source>
        <translation>The plan has {n} gap(s).</translation>
    </message>
    <message>
        <source>修订记录</source>
        <translation>Revision history</translation>
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
    <message>
        <source>序号</source>
        <translation>Seq</translation>
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
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <source>欢迎使用 relgui 发布管理</source>
        <translation>Welcome to relgui release management</translation>
    </message>
    <message>
        <source>不能完成</source>
        <translation>Could not finish</translation>
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
        <source>我的待办(&amp;M)</source>
        <translation>&amp;My work</translation>
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
        <source>回退决策 {n} 个，最近一个剩 {m} 分钟</source>
        <translation>{n} rollback decision(s) open, the next due in {m} min</translation>
    </message>
    <message>
        <source>回退决策 {n} 个，已逾期 {m} 分钟</source>
        <translation>{n} rollback decision(s) open, overdue by {m} min</translation>
    </message>
    <message>
        <source>CMDB 更新逾期 {n} 个</source>
        <translation>{n} CMDB update(s) overdue</translation>
    </message>
    <message>
        <source>尚未提供</source>
        <translation>Not available</translation>
    </message>
    <message>
        <source>此登记簿尚未在本版本中提供。</source>
        <translation>This register is not available in this version yet.</translation>
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
    <name>NewReleaseDialog</name>
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
    <name>ReasonDialog</name>
    <message>
        <source>请填写理由。</source>
        <translation>Please give a reason.</translation>
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
        <source>读取中…</source>
        <translation>Loading…</translation>
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
    <message>
        <source>共 {n} 个发布</source>
        <translation>{n} releases</translation>
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
        <source>示例数据包含示例账户（密码 relgui-demo），仅用于熟悉软件。</source>
        <translation>Sample data includes sample accounts (password relgui-demo), for getting to know the software only.</translation>
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
        <source>开始发布实施</source>
        <translation>Start deployment</translation>
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
    <name>ops</name>
    <message>
        <source>数据库不可用</source>
        <translation>Database unavailable</translation>
    </message>
    <message>
        <source>您的输入仍保留在窗口中，可稍后重试。</source>
        <translation>What you typed is still in the window; you can retry later.</translation>
    </message>
    <message>
        <source>不能执行</source>
        <translation>Not allowed</translation>
    </message>
</context>
</TS>
