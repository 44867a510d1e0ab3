<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="zh_CN">
<context>
    <name>AccountForm</name>
    <message>
        <source>用户名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>显示名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>角色</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>临时密码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>再次输入</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>用户首次登录时须设置新密码。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>两次输入的密码不一致。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AccountPage</name>
    <message>
        <source>第一个账户</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>此账户是系统管理员，也是运维管理部经理；其他用户之后由它添加。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>用户名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>姓名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>密码（至少 8 个字符）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>再次输入密码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>两次输入的密码不一致。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>密码至少需要 8 个字符。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请填写用户名和姓名。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AccountsPage</name>
    <message>
        <source>示例账户</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>示例账户的密码是随机生成的，只在这里显示这一次，请现在记下。关闭向导后不能再查看；忘记时由系统管理员重设。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>用户名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>姓名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>角色</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>密码</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AdminCompanyDialog</name>
    <message>
        <source>公司设置</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>公司名称</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>编制部门</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>发布编号格式</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>发布计划文件编号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>发布变更报告文件编号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>时区</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>执行的制度版本</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>所有显示的时间均按公司时区；新的制度版本只用于此后新建的发布，已有发布仍按其创建时的制度版本执行。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{kind}：{detail}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>下一个发布 {release}：发布计划 {plan}，发布变更报告 {report}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>例如：{n}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AdminUsersDialog</name>
    <message>
        <source>用户与角色</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>新增用户…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>设置角色…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>停用</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>重置密码…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>关闭</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已停用</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>启用</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>须设置新密码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>锁定至 {t}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>新增用户</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>设置角色：{u}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>停用账户</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>停用 {u}？该用户将不能再登录，已打开的会话在下一次操作时结束。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>重置密码：{u}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ArchiveTab</name>
    <message>
        <source>归档已批准的发布计划（Word 文档及其 SHA-256 随发布保存）。发布变更报告在发布关闭时归档。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>归档发布计划</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已归档：{f}（SHA-256 {sha}），{by} 于 {at}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>尚未归档。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{f}（SHA-256 {sha}）</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AttachmentsDialog</name>
    <message>
        <source>附件 — {n}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AttachmentsPanel</name>
    <message>
        <source>文件名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>大小</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>添加人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>添加时间</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>备注</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>备注（随下一个添加的文件保存）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>添加文件…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>打开</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>选择证据文件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>无法打开</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>没有可打开此文件的程序：{path}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AuditTab</name>
    <message>
        <source>序号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>时间</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>操作人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>操作</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>内容</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>公司时区：{zone}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BatchDocuments</name>
    <message>
        <source>发布计划</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>发布变更报告</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>批量生成文档</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>文档种类</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>保存到文件夹</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已生成 %n 个文档，保存在 {folder}。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在生成文档…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未生成：</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CalendarWindow</name>
    <message>
        <source>发布日历</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>月视图(&amp;M)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>周视图(&amp;W)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>◀ 上一页</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>今天</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>下一页 ▶</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>冻结期(&amp;F)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{year}年{month}月</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{first} 至 {last}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>发布日历 — {period}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <source>设置新密码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>管理员已为您设置临时密码。请先设置只有您知道的新密码，然后继续。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>当前密码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>新密码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>再次输入新密码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>保存新密码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>两次输入的新密码不一致。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChangesDialog</name>
    <message>
        <source>编号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>标题</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>申请人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>审批人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>审批时间</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>变更请求</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>按编号或标题查找</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>新建…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>更改审批状态…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>从 CSV/Excel 导入…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>待审批</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已批准</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已驳回</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已关闭</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>审批状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>说明</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>新建变更请求</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>变更管理的决定：{n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导入变更请求</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV 或表格文件 (*.csv *.xlsx *.xls *.et *.ods)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>第 {n} 行：{msg}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>不能导入</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>以下行有问题，未导入任何数据：</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>导入 %n 个变更请求？</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>已导入 %n 个变更请求。</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>导入完成</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChangesPanel</name>
    <message>
        <source>关联的变更请求</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已批准</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>待审批</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已驳回</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已关闭</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>没有关联的变更请求。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>有多个变更：请记录它们之间的依赖关系，并决定是否合并发布。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChecklistDialog</name>
    <message>
        <source>检查项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>附件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>关闭</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>尚不能{action}：{why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请先选择结果：通过、未通过或不适用。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CloseDialog</name>
    <message>
        <source>关闭发布 — {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>发布结果</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>部署</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>严重问题</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>回退原因</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>按时完成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>逾期完成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已逾期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CMDB 更新</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>成败分析（写入发布变更报告）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>对本次发布成功或失败的原因进行分析，并提出改进措施</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>签署并关闭…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>取消</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>发布变更报告预览</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>更新预览</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>按当前填写的成败分析重新生成报告预览</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在生成预览…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>无法生成预览：{why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>成败分析已修改，点“更新预览”查看</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>共 %n 页；草稿，签署时定稿归档</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>签署时生成并归档发布变更报告，签名覆盖其内容的 SHA-256</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>签署：关闭发布</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>关闭</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} 发布关闭，结果“{r}”，附成败分析；发布变更报告随之定稿归档</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在关闭并归档发布变更报告…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Closure</name>
    <message>
        <source>发布已关闭</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} 已关闭。已归档：
{a}
{b}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CmdbTab</name>
    <message>
        <source>配置项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>发布前版本</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>计划发布后版本</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>实际版本</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CMDB 当前记录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>更新时间</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“实际版本”默认为计划的发布后版本；如实际部署的版本不同，请改为实际版本。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>更新 CMDB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>所选配置项的版本历史</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>时间</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>原版本</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>新版本</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>来源</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>尚未更新</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}：{before} → {after}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>依据实际发布结果更新配置管理数据库（CMDB）中的 {n} 个配置项？每项的变化记入其版本历史，不能撤销。

{items}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本发布</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Commands</name>
    <message>
        <source>受理</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>驳回请求…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>修改请求…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>开始制定计划</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>编辑发布计划…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>提交审批…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>撤回计划</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>批准…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>驳回计划…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>预发布验证…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>开始发布实施</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>执行监控…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>报告严重问题…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>回退决策…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>执行回退…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>效果验证…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>判定发布失败…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>配置更新…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>关闭发布…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>取消发布…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>从模板开始(&amp;T)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>复制以往计划(&amp;C)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>修订记录(&amp;R)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>发布计划</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>还有未保存的内容，请先处理本窗口中标出的问题。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>提交发布计划</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>修订说明（记入修订记录，首次提交可留空）：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已冻结为 V{n} 并提交审批。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CompanyPage</name>
    <message>
        <source>公司设置</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>所有工作站共用这些设置；它们出现在发布计划和发布变更报告的文头。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{year} 为年份，{seq} 为当年序号（可加宽度和补零，如 {seq:04d}）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>公司名称</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>编制部门</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>发布编号格式</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>示例</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请填写公司名称和编制部门。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConfigItemsDialog</name>
    <message>
        <source>名称</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>类型</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>环境</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>软件名称</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>当前版本</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>负责人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>配置项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>按名称或软件查找</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>新建配置项…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>版本历史…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>软件名称（最终软件库）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>说明</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>新建配置项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>版本历史：{name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>无记录</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConfigUpdateDialog</name>
    <message>
        <source>配置更新 — {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>CMDB 更新时限（发布成功后 %n 小时内）：</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>CMDB 更新</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>文档归档</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>知识更新</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>附件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>配置更新检查单</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>检查项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>结果</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>记录人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>时间</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>证据或理由</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>完成配置更新</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>关闭</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>通过</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未通过</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>不适用</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未完成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>尚不能完成配置更新：{why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CMDB 更新即将到期，请尽快完成。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已超过 CMDB 更新时限：此次更新将被记录为逾期。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CMDB 更新逾期完成，已记录。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>完成 {n} 的配置更新？发布结果记为“{outcome}”，发布进入发布关闭阶段，配置更新的记录不能再修改。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <source>保存冲突</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;{by}&lt;/b&gt; 于 {at} 已保存了较新的版本。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>对方修改了：{fields}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>您的修改没有保存，也没有覆盖对方的修改；您输入的内容仍在窗口中。可以重新加载最新版本后再修改，或先复制您的输入。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>重新加载</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>保留我的输入</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CopyDialog</name>
    <message>
        <source>复制以往发布的计划</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>搜索编号、标题、系统</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>附件副本已被修改</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>由附件 #{id}“{name}”的本机副本修改而来</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Countdown</name>
    <message>
        <source>已完成（逾期 {d}），完成于 {at}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已按时完成，完成于 {at}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已逾期 {d}（截止 {at}）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>剩余 {d}（截止 {at}）</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>程序错误</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>relgui 遇到了一个程序错误。您的数据已保存到最后一次成功的操作；请把下面的详细信息复制给系统管理员。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>复制详细信息</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DashboardWindow</name>
    <message>
        <source>发布管理仪表盘</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>仪表盘</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>季度(&amp;Q)：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>至</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>刷新</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>按类型显示：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导出 PNG</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导出 Excel…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>季度报告…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>整个仪表盘…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>发布管理仪表盘 — {period}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{quarter}（{rate}）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未达到目标值的季度：{quarters}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>、</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>所选季度均未低于目标值</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>数据截至 {time}。点击图中的点或柱（或在下表中按回车），在登记簿中列出其背后的发布。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>将此图表导出为 PNG…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>将整个仪表盘导出为 PNG…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DatabaseDialog</name>
    <message>
        <source>verify-full：加密并验证服务器证书（推荐）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>require：加密，不验证服务器</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>disable：不加密（不推荐）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>警告：连接将不加密，数据库密码和所有数据在网络上以明文传输。只应在确知网络安全时使用。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已加密，但不验证服务器身份：网络上冒充的服务器无法被发现。有 CA 证书时请选择 verify-full。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>选择数据库文件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SQLite 数据库 (*.db)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>选择 CA 证书文件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>证书 (*.pem *.crt *.cer);;所有文件 (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请填写服务器主机名。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>连接失败：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在连接…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>连接成功：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已新建数据库：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>系统凭据管理器不可用：密码不会保存，下次启动时需要重新输入。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>数据库设置</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本机数据库文件（单人使用）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>默认：本机用户数据目录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>浏览…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>新建数据库文件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>此路径还没有数据库时，保存时在此新建一个空的 relgui 数据库。不勾选时，找不到文件会被拒绝，不会新建任何文件。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>共享 PostgreSQL 服务器（团队使用）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>服务器</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>主机(&amp;H)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>端口</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>数据库</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>数据库用户</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>密码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>保存在系统凭据管理器中</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS 模式</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA 证书</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>签发服务器证书的 CA 证书文件（.pem / .crt）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>测试连接</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DecisionDialog</name>
    <message>
        <source>回退决策</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>严重问题（{t}）：{d}&lt;br&gt;{by} 于 {at} 报告</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>回退：按回退计划恢复到发布前状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>继续发布：问题可控，不回退</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>决策理由（必填）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>决策人：{who}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已超过决策时限：此决策将被记录为逾期。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请选择回退或继续发布。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DetailView</name>
    <message>
        <source>在登记簿中选择一个发布以查看详情。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>此发布已结束。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>下一步：{action}（{who}）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>更多</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>取消、驳回、撤回等不常用的命令</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>概况</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>发布计划</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>检查单</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>期限</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>文档</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>审计轨迹</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>负责人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>申请人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>计划窗口</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>涉及系统</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>依据制度</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>创建时间</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已批准</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>待审批</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已驳回</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已关闭</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>关联变更请求</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>编号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>标题</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>配置项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>发布前</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>发布后</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已更新为</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>尚未开始制定发布计划。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>发布计划完整。</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>发布计划还有 %n 处未完成</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>发布计划还有 %n 处未完成。</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>查看计划…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>只读查看发布计划全文，并标出与上次签署批准版本的差异</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>修订记录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>查看与比较修订…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>版本</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>提交人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>时间</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>说明</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>摘要</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>签名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>关闭签署未通过校验（签名或所签的关闭记录在程序之外被改动），本次发布不计入发布成功率</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已失效：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>有效</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>签名数据被改动</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>含义</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>签署人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>角色</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>校验码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>通过</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未通过</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>不适用</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未完成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未记录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>检查项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>结果</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>检查人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CMDB 更新（24 小时内）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>回退决策（30 分钟内）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>进行中</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>即将到期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已逾期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>按时完成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>逾期完成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>截止时间</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>完成时间</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>依据</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DocumentsPanel</name>
    <message>
        <source>发布计划</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>发布变更报告</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>预览…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>在 Word 中打开</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>打印…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导出 PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>另存为 Word…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>重新签发…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>发布关闭后记录有变更：由运维管理部经理签署新版本的发布变更报告并归档，原版本保留</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在读取…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>尚未归档：预览与导出使用当前数据生成的草稿。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已归档：{name}（SHA-256 {sha}…）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>重新签发发布变更报告须由运维管理部经理执行</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>版本 V{n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>无法读取文档状态：{why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>签署：重新签发发布变更报告</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>重新签发</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} 发布变更报告的新版本（关闭后记录有变更），原版本保留</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>签署时生成新版本并归档，签名覆盖其内容的 SHA-256</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>重新签发理由（必填）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请填写重新签发理由。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在重新签发并归档发布变更报告…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已重新签发</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已归档：{name}（版本 V{n}）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导出 PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已导出</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>已写入 {path}（%n 页）。</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>另存为 Word</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>无法打开</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>系统没有可以打开 .docx 的程序。文件已保存在：{path}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DrillMenu</name>
    <message>
        <source>{title}（%n 个发布）</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EntryList</name>
    <message>
        <source>编号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>标题</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>发布类型</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>计划开始</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>计划结束</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>实际开始</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>实际结束</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>偏离、冲突与冻结期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>进行中</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Execution</name>
    <message>
        <source>{m} 分 {s:02d} 秒</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{h} 小时 {m} 分</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FigureImage</name>
    <message>
        <source>正在统计和绘制图表…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <source>欢迎使用 relgui 发布管理</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在建立数据库…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FreezeDialog</name>
    <message>
        <source>冻结期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>开始</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>结束</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>原因</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>添加(&amp;A)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>关闭</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FreezeForm</name>
    <message>
        <source>添加冻结期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>例如：年终封网、重大活动保障</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>开始(&amp;S)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>结束(&amp;E)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>原因(&amp;R)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ItemEditor</name>
    <message>
        <source>不适用或未通过时说明理由</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>证据说明，例如检查记录、截图的位置</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>理由</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>证据</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>证据文件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>记录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>业务部门确认人姓名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>例如 业务运营部</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>确认人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>确认部门</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>确认时间</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>通过</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未通过</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>不适用</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>制度规定此项不能标为不适用</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>添加文件…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（无）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未记录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已记录：{result}&#x3000;{by}&#x3000;{at}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KnowledgePanel</name>
    <message>
        <source>相关经验教训（知识库）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>暂无与本计划配置项相关的经验教训。填写配置基线后，这里会列出涉及相同配置项的以往发布的经验。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KnowledgeTab</name>
    <message>
        <source>经验总结：{n} {t}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>例如 数据库, 回退, 性能</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>发布经验：做得好的、出现的问题及原因、下次的改进</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>标题</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>标签</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>内容</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>写入知识库</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>不适用…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>时间</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本发布的知识条目</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>知识库条目 #{id}：{t}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>知识更新不适用</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请说明本次发布为何没有可更新至知识库的经验：</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KnowledgeWindow</name>
    <message>
        <source>知识库</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>全文</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>配置项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>发布编号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>查找(&amp;S)：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>标题</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>内容摘要</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>记录时间</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>打开所属发布(&amp;O)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>新增经验(&amp;N)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>关键词，如：回退 证书（空格分隔，须全部包含）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>配置项名称，如：核心交易系统-应用服务器</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n 条</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>共 %n 条，显示前 {shown} 条</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LessonForm</name>
    <message>
        <source>新增经验教训</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>以顿号或空格分隔，如：回退、数据库</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>发布编号（可不填）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>标题(&amp;T)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>经验内容(&amp;B)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>标签(&amp;G)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>关联发布(&amp;R)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>登录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>登录 — relgui 发布管理</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;发布管理&lt;/b&gt;（XDYJ-06-01 发布管理制度）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>用户名(&amp;U)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>密码(&amp;P)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>数据库设置…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>relgui 发布管理 — 发布登记簿</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>新建发布请求(&amp;N)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>刷新(&amp;R)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>查找(&amp;F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>打开所选发布(&amp;O)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>文件(&amp;F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>批量生成文档(&amp;B)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>数据库设置(&amp;D)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>切换用户(&amp;U)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>退出(&amp;X)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>查看(&amp;V)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>我的待办(&amp;M)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>语言(&amp;L)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>登记簿(&amp;R)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>变更请求(&amp;C)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>最终软件库(&amp;S)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>配置项(&amp;I)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>文档(&amp;D)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>核验(&amp;V)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>管理(&amp;M)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>用户与角色(&amp;U)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>公司设置(&amp;C)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>公司目录登录(&amp;D)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>帮助(&amp;H)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>关于 relgui(&amp;A)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>常用</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>数据库不可用（自 {t} 起），正在自动重试</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>回退决策 %n 个，最近一个剩 {m} 分钟</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>回退决策 %n 个，已逾期 {m} 分钟</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>CMDB 更新逾期 %n 个</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>{a}&#x3000;{b}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}（{roles}）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>提醒(&amp;A)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>我的提醒(&amp;L)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>告警通道(&amp;C)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>关于 relgui</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>relgui {v}
发布管理制度 {pid} {pver}（{title}）
数据库：{db}
数据库结构版本：{rev}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MappingDialog</name>
    <message>
        <source>导入发布登记簿：列对应关系</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>试导入（不写入）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>工作表：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请为每个字段选择文件中的列（* 为必填）；示例数据见下表。</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>共 %n 行数据</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>（不导入）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>同一列只能对应一个字段：{columns}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ModeBox</name>
    <message>
        <source>修改此计划(&amp;E)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>只读：{why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>此计划当前为“{state}”。修改后，已提交的版本及其批准将失效，须重新提交审批。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>批准已失效：V{n} 提交或批准后计划被修改（{by} 的签名已作废），须重新提交审批。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>修改已提交的发布计划</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>此计划当前为“{state}”。保存修改会使已提交的版本及其批准失效（签名作废，计划回到“计划制定中”），之后须重新提交审批。

继续修改？</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Monitor</name>
    <message>
        <source>完成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>跳过</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>失败</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未开始</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MonitorWindow</name>
    <message>
        <source>发布执行监控 — {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>序号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>操作</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>负责人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>计划开始</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>计划完成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>实际开始</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>实际完成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>检查点</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>备注</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已完成 %v / %m 步</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>记录所选步骤…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>报告严重问题…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>回退决策…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>执行回退…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>完成部署</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>关闭</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>开始部署：{at}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>超出发布窗口</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>完成部署 {n}？
完成后进入效果验证（功能、性能、业务验证与用户验收），实施步骤的进度不能再记录或修改。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MyWorkWindow</name>
    <message>
        <source>我的待办 — {who}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>剩余时间</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>发布编号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>标题</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>类型</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>下一步</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>截止时间</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>尚需完成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>打开所选发布</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>查看计划…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>刷新</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>共 %n 项待办，其中 {m} 项已逾期</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>无期限</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已逾期 {d}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>剩余 {d}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NewReleaseDialog</name>
    <message>
        <source>公司时区 {z}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>时间均为公司时区（{z}）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>我确认：再次关联已由其他已关闭发布交付的变更请求</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>最多 %n 个字</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>标题最多 %n 个字</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>标题超过 %n 个字（现为 {now} 个字），请缩短。</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>{definition}（审批：{approver}）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已批准</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>待审批</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已驳回</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已关闭</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>新建发布请求</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>标题(&amp;T)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>发布类型(&amp;Y)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>涉及系统(&amp;S)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>计划开始</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>计划结束</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>说明</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>关联的变更请求（受理时须已批准）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>按编号或标题筛选变更请求</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ObservationLog</name>
    <message>
        <source>时间</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>类别</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>记录人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>内容</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>观察到的情况（回车记录）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>记录观察</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PlanTexts</name>
    <message>
        <source>{table} · 第 {row} 行 · {column}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PlanViewDialog</name>
    <message>
        <source>查看发布计划</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在读取…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>只显示有变化的部分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>无法读取发布计划：{why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>查看发布计划 — {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>发布计划 V{v}，{by} 于 {at} 提交</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>；修订说明：{r}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>内容摘要 {h}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在编制的草稿（尚未提交审批）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>尚未开始制定发布计划。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>时间均为公司时区（{z}）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>有效</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已失效：{why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>签名未通过校验</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>V{v} 由 {who}（{role}）于 {at} 签署批准，校验码 {code}，{state}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>没有已签署批准的早期版本可比较：以下为计划全文。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>与上次签署批准的 V{b} 相比，内容没有变化。</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>与上次签署批准的 V{b} 相比，共有 %n 处不同（已在下文标出）：</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>此节还有 %n 处未完成</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>新增</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>删除</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>修改</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>差异一览</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>由“{a}”改为“{b}”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“{b}”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>原为“{a}”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（未填写）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>原为：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（无）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>序号</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PlanWizard</name>
    <message>
        <source>未填写</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>发布计划向导 — {number} {title}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>关闭</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>关闭发布计划向导</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>以下部分的修改未能保存：{names}。

仍然关闭？这些修改将丢失。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PrecheckDialog</name>
    <message>
        <source>完成预发布验证</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>开始发布实施</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>预发布验证已完成，可以开始发布实施。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>所有检查项均已通过或已说明理由。请先“完成预发布验证”，之后即可开始发布实施。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>不能开始发布实施：{why}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PreviewDialog</name>
    <message>
        <source>导入发布登记簿：试导入结果</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>全部 %n 行均可导入。</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n 行不能导入（原因见下表），因此不会导入任何数据；</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>其余 %n 行可以导入。</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>请在文件中改正后重新导入。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>行</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>列</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>原因</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>标题</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>发布类型</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>发布结果</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>关闭时间</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>不能导入的行（{n}）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>可以导入的行（{n}）</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>导入 %n 个发布</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>返回修改列对应关系</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>取消</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProblemBanner</name>
    <message numerus="yes">
        <source>&lt;b&gt;严重问题&lt;/b&gt;（{t}）：{d}&#x3000;发现于 {at}，回退决策须在 %n 分钟内作出：</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>严重问题（{t}）：{d}&#x3000;发现于 {at}；决策：</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProblemDialog</name>
    <message>
        <source>报告严重问题</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>回退触发条件（选择符合的各项）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（计划阈值：{v}）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>发现的问题：现象、影响范围、发现方式</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>报告后开始计时：须在 %n 分钟内作出回退决策。</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RatesTable</name>
    <message>
        <source>发布类型</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{rate}（{successful}/{total}）</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>未达到目标值 ≥{target}：%n 个发布未成功。按回车列出。</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>列出未成功的发布</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>列出计入成功率的全部发布</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <source>请填写理由。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RegisterDialog</name>
    <message>
        <source>关闭</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RegisterModel</name>
    <message>
        <source>编号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>标题</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>发布类型</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>阶段</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>结果</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>涉及系统</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>负责人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>计划开始</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>计划结束</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>关闭时间</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>更新时间</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>期限</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>公司时区：{zone}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>读取失败，稍后自动重试</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>读取中…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>窗口内另有发布涉及同一配置项（见发布日历）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>窗口落在冻结期内</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>回退决策已逾期 {m} 分钟</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>回退决策剩 {m} 分钟</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CMDB 更新已逾期（应于 {due} 前）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CMDB 更新剩 {h} 小时</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RegisterView</name>
    <message>
        <source>搜索编号、标题、系统（Ctrl+F）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>全部类型</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>全部状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>全部阶段</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>全部负责人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>需要我处理</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已逾期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>清除筛选</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>计划开始</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>不限</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>共 %Ln 个发布</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>共 %Ln 个发布（仅显示：{title}；“清除筛选”恢复全部）</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>没有符合筛选条件的发布。
点击“清除筛选”显示全部发布。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>登记簿中还没有发布。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>点击“新建发布请求…”（Ctrl+N）登记第一个发布请求；受理前须关联经变更管理批准的变更请求（登记簿 → 变更请求）。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请在“管理 → 用户与角色”中添加运维管理部经理和运维工程师的账户。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>、</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>发布请求由{who}登记；登记后会显示在这里。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RelatedLessons</name>
    <message>
        <source>相关经验教训（知识库）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>以往发布中没有涉及本计划配置项的经验教训。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReleaseRequestEditDialog</name>
    <message>
        <source>修改发布请求 {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>标题</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>发布类型</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>修改发布类型的理由（发布类型决定审批人）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>修改理由</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>涉及系统</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（公司时区 {z}）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>计划窗口</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>描述</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请求已受理：请求内容不能再修改；计划批准前仍可调整关联的变更请求。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>关联的变更请求（受理须至少一个经批准的变更请求）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>按编号或标题筛选</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>我确认：再次关联已由其他已关闭发布交付的变更请求</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已批准</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>待审批</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已驳回</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已关闭</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <source>检查与提交</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>尚未完成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>提交审批(&amp;S)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>状态：{state}{revision}</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>还有 %n 处未完成（点击跳转到所在页）：</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>发布计划完整，可以提交审批。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RevisionsDialog</name>
    <message>
        <source>{n} 发布计划修订记录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>版本</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>提交人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>时间</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>修订说明</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>内容摘要</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>签名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>内容</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>至少需要两个版本才能比较。每次提交审批都会冻结一个新版本。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已失效：{why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>有效</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>签名数据被改动</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>比较(&amp;C)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>比较</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>V{a} 与 V{b} 有 %n 处不同。</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>V{a} 与 V{b} 内容相同。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Rollback</name>
    <message>
        <source>回退</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>继续发布</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{what}（{by}，{at}）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>，逾期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>决策已记录为逾期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本次回退决策晚于发现问题后 {m} 分钟的时限（截止 {due}），已按制度记录为逾期。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RollbackDialog</name>
    <message>
        <source>执行回退 — {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>序号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>回退操作</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>负责人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>计划时长(分钟)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>检查点</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>结果</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>完成时间</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>记录人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>备注</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>执行结果、检查点核对情况</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>记录所选步骤</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>完成回退</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>关闭</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>状态恢复与问题记录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已核对：系统已完全恢复到发布前状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>回退原因和过程（必填）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>确认恢复并记录原因</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>回退决策：{by} 于 {at} 决定回退{late}。理由：{why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（逾期）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已确认恢复：{by} 于 {at}。原因：{cause}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>尚不能完成回退：{why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>完成 {n} 的回退？发布结果记为“{outcome}”，发布进入发布关闭阶段，回退步骤的记录不能再修改。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SamplePage</name>
    <message>
        <source>示例数据</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>载入示例数据，先熟悉软件（可在正式使用前删除数据库重新开始）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>示例发布数量</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>示例数据会添加示例账户（经理、工程师、审计员），各有随机生成的密码，完成时只显示一次。示例数据只能载入尚无发布的数据库。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SectionChecklist</name>
    <message>
        <source>（已有内容，将被替换）</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SectionForm</name>
    <message>
        <source>评分</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>重新加载对方的版本</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>保存我的输入（替换对方的修改）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未保存：{by} 于 {at} 已修改本节。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SignDialog</name>
    <message>
        <source>签署内容</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>所签署内容的 SHA-256；之后的任何修改都会使签名失效</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>内容摘要</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>含义</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>签署人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>查看计划…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>只读查看所签署的全文，以及与上次签署版本的差异</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请确认以下警告：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>我已知悉上述冲突或冻结期，仍然批准</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>驳回理由（必填）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>备注（可选）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>再次输入您的密码以签署</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>签署</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请填写驳回理由。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请先确认警告。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请输入密码。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>您填写的内容仍保留在窗口中。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请重新输入密码。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>可稍后重试。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SimpleActions</name>
    <message>
        <source>受理发布请求</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>受理 {n}？受理后开始评估与制定发布计划。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>驳回发布请求</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请说明驳回理由（将记入审计轨迹）：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>取消发布</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请说明取消理由：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>判定发布失败</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请说明失败情况（发布结果记为“发布失败”，计入发布成功率）：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>提交发布计划</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>修订说明（记入修订记录，首次提交可留空）：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>撤回发布计划</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>撤回 {n} 已提交审批的发布计划？撤回后此次提交不能再被批准，须重新提交审批。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>开始发布实施</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>仍要开始部署 {n}？请填写理由（将在发布变更报告中注明）：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>依据已批准的发布计划开始部署 {n}？</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>批准发布计划</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>驳回发布计划</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} 发布计划 V{v}（{by} 于 {at} 提交）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>批准</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>驳回</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在批准并归档发布计划…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SoftwareDialog</name>
    <message>
        <source>软件名称</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>版本</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>大小</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>存放位置</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>批准时间</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>最终软件库</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>按软件名称查找</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>登记版本…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>批准所选版本</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已批准</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>待批准</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已停用</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>选择文件…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>选择软件包</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>登记即批准（须运维管理部经理）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>软件包文件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>大小（字节）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>登记软件版本</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>批准软件版本</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>所选版本均已批准。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请先在列表中选择要批准的版本。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>批准所选的 {n} 个软件版本？批准后作为正本存入最终软件库，可用于发布部署；批准不能撤销。

{names}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <source>无法打开数据库</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请检查数据库设置或网络后重试。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>重试</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>数据库设置…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>退出</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>登录失败</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（尚无用户）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>数据库不可用</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StepDialog</name>
    <message>
        <source>记录第 {n} 步</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>操作</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>结果</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>实际开始</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>实际完成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>例如 检查点结果、偏差说明</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>备注</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TableEditor</name>
    <message>
        <source>添加行</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>删除行</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>上移</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>下移</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>从 Excel 粘贴</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TemplateDialog</name>
    <message>
        <source>从模板开始</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TriggersPanel</name>
    <message>
        <source>回退触发条件（制度 4.5.1）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（请在上方填写本计划的阈值）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{trigger}：{threshold}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VerificationDialog</name>
    <message>
        <source>完成效果验证</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VerifyDocumentDialog</name>
    <message>
        <source>核验文档</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>输入或粘贴页面上的核验码（如 1C7E-A773-A521）、签名的校验码，或扫描页面二维码得到的文字；也可以选择一个文档文件核验。以归档文件为准。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>核验码、校验码或二维码内容</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>核验</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>核验文件…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>核验结果的细节（改动之处、签名）显示在这里。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>归档的页面，与纸面或文件对照</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>◀ 上一页</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>下一页 ▶</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>显示归档文档…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>打开归档的文档本身，与纸面或文件对照</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请输入核验码或二维码内容。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>选择要核验的文档</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>文档 (*.docx *.pdf);;所有文件 (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在显示归档页面…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>归档文档没有可显示的页面</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>归档的 {number} {version}：第 {page} 页 共 {count} 页</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>无法打开</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>系统没有可以打开该文件的程序。文件已保存在：{path}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WarningsPanel</name>
    <message>
        <source>冲突与冻结期警告</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>配置项冲突</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>冻结期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{kind}：{detail}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>_SourceDialog</name>
    <message>
        <source>选择要写入本计划的部分：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请至少选择一个部分。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>alert_channels</name>
    <message>
        <source>电子邮件（SMTP）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>企业微信群机器人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>钉钉群机器人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>告警通道</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>新建通道</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>启用</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>默认</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>可选：公司 CA 证书（PEM）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>测试收件人（默认：您的电子邮件地址）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>类型</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>名称</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>邮件服务器</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>端口</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>加密</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>发件人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>用户名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>密码（存入系统凭据库）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA 证书</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>机器人地址（存入系统凭据库）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>加签密钥（钉钉）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>关键词（钉钉）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>测试收件人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>保存</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>发送测试</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>删除</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}（{kind}）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>留空则保留已保存的</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ 连续 %n 次发送失败：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正常</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SMTP 密码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>机器人地址</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>加签密钥</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本机的系统凭据库中缺少：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>删除告警通道</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>删除“{name}”？尚未发出的告警将不再通过它发送。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在发送测试消息…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✓ 测试消息已发送到 {where}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>我的提醒</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>打开发布</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>calendar</name>
    <message>
        <source>尚未开始实施</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{start} 起，进行中</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{mark} 提前 %n 分钟开始（在已批准的窗口之前）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{mark} 已超出计划结束时间 %n 分钟，仍在进行</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{mark} 超出计划结束时间 %n 分钟</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{mark} 冲突：与 {number}《{title}》共用配置项“{item}”，计划窗口重叠</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{mark} 冻结期：{freeze}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>计划窗口：{window}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>实际窗口：{window}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>冻结期</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>directory_settings</name>
    <message>
        <source>按地址（ldaps:// 为 LDAPS，ldap:// 为 StartTLS）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>不加密（不建议）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>公司目录登录（LDAP / AD）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>启用目录登录（本地账户照常登录）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>允许不加密的连接（密码以明文传输）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA 证书文件（PEM 或 .cer）；空：保留已保存的</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>使用各计算机系统信任的证书</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>存入本机系统凭据库；空：保留</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>包括嵌套组（AD）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>服务器地址</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>加密</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA 证书</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>基准 DN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>账户名属性</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>用户筛选条件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>用户登录名格式</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>查询账户（可选）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>查询账户密码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>超时</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>组与角色（组的完整 DN，多个用 ; 分隔）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>测试用户名（可选）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>其密码（可选，不保存）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>测试连接</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>保存</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已保存：{name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在测试…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>、</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>账户：{user}（{name}），角色：{roles}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✓ 测试通过</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✗ 测试未通过</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已保存。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>excel_dialogs</name>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV（UTF-8，Excel 可直接打开）(*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导出发布登记簿</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>发布登记簿 {date}.xlsx</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导入发布登记簿</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>表格文件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在读取表格…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在检查每一行…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在导入…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导入完成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>没有导入任何发布。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已导入 %n 个发布（{first} 至 {last}）。原登记编号记在各发布描述的第一行。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>exports</name>
    <message>
        <source>已导出</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已保存到：
{path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>无法保存</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>文件未能写入：{reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导出图表为 PNG</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导出发布成功率到 Excel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>季度报告</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>报告哪个季度？</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>保存季度报告</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>figures</name>
    <message>
        <source>未成功</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>计入发布成功率</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>成功</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{period} {type} {part}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>状态：{name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>阶段：{name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{period} CMDB 24 小时内更新：{part}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{period} 回退决策：{part}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{period} 回退决策用时 {minutes} 分钟</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>当前逾期：{what}（{type}）</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>insight_menu</name>
    <message>
        <source>分析(&amp;A)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>仪表盘(&amp;D)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>发布日历(&amp;C)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>知识库(&amp;K)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导出登记簿（Excel 或 CSV）(&amp;E)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导入发布登记簿（Excel、WPS、ODS、CSV）(&amp;I)…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>lessons</name>
    <message>
        <source>（未关联发布）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>发布</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>配置项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>标签</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>记录时间</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main_window</name>
    <message>
        <source>帮助(&amp;H)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ops</name>
    <message>
        <source>会话已结束</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>数据库不可用</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>您的输入仍保留在窗口中，可稍后重试。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>取消</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在取消…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>不能执行</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
