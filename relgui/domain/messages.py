"""User messages of the core, in the policy's own Chinese words with an English translation.

The core cannot use Qt's translator; its refusals are rendered here, for the GUI (which
passes its current language) and the CLI alike. Every code the core raises has an entry;
tests/test_messages.py fails when one is missing.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

# The areas' catalogues (merged below). messages_audit reads this module's tables inside its
# functions, never at its import, so importing it here first is safe.
from relgui.domain import lang as language
from relgui.domain import (
    messages_alerts,
    messages_audit,
    messages_backup,
    messages_cli,
    messages_closing,
    messages_connection,
    messages_consistency,
    messages_directory,
    messages_documents,
    messages_files,
    messages_gui,
    messages_input,
    messages_kpi,
    messages_numbering,
    messages_pdf,
    messages_pgroles,
    messages_records,
    messages_storage,
    messages_validation,
)
from relgui.domain.errors import Refusal
from relgui.domain.messages_audit import field_text
from relgui.domain.plural import Plural, form, plural
from relgui.domain.profile import in_force

ACTIONS: dict[str, tuple[str, str]] = {
    "submit_request": ("提交发布请求", "submit a release request"),
    "edit_request": ("修改发布请求", "edit the release request"),
    "accept": ("受理发布请求", "accept the request"),
    "reject_request": ("驳回发布请求", "reject the request"),
    "start_planning": ("开始制定发布计划", "start planning"),
    "edit_plan": ("编辑发布计划", "edit the plan"),
    "submit_plan": ("提交发布计划", "submit the plan"),
    "withdraw_plan": ("撤回发布计划", "withdraw the plan"),
    "approve_plan": ("批准发布计划", "approve the plan"),
    "reject_plan": ("驳回发布计划", "reject the plan"),
    "record_precheck": ("记录预发布验证", "record pre-release verification"),
    "complete_precheck": ("完成预发布验证", "complete pre-release verification"),
    "start_deployment": ("开始发布实施", "start deployment"),
    "record_monitoring": ("记录执行监控", "record monitoring"),
    "record_step": ("记录实施步骤进度", "record step progress"),
    "finish_deployment": ("完成部署", "finish deployment"),
    "report_problem": ("报告严重问题", "report a severe problem"),
    "decide_rollback": ("作出回退决策", "decide on rollback"),
    "record_rollback_step": ("记录回退步骤", "record a rollback step"),
    "complete_rollback": ("完成回退", "complete the rollback"),
    "record_verification": ("记录效果验证", "record effect verification"),
    "complete_verification": ("完成效果验证", "complete effect verification"),
    "declare_failed": ("判定发布失败", "declare the release failed"),
    "update_cmdb": ("更新配置项", "update configuration items"),
    "complete_config_update": ("完成配置更新", "complete the configuration update"),
    "close": ("关闭发布", "close the release"),
    "cancel": ("取消发布", "cancel the release"),
}

# What a refusal names besides the lifecycle's actions: the use cases outside it (rights checked
# in the services), as "{action}须由{roles}执行" says them.
OPERATIONS: dict[str, tuple[str, str]] = {
    "manage_users": ("管理用户", "manage users"),
    "settings": ("修改系统设置", "change the settings"),
    "inventory": ("维护配置项和最终软件库", "maintain configuration items and the definitive software library"),
    "change": ("登记变更请求", "record change requests"),
    "reissue_report": ("重新签发发布变更报告", "reissue the release change report"),
}

KINDS: dict[str, tuple[str, str]] = {
    "release": ("发布", "release"),
    "change": ("变更请求", "change request"),
    "user": ("用户", "user"),
    "plan": ("发布计划", "release plan"),
    "revision": ("计划版本", "plan revision"),
    "config_item": ("配置项", "configuration item"),
    "software_version": ("最终软件库版本", "definitive software library version"),
    "company": ("公司设置", "company settings"),
    "attachment": ("附件", "attachment"),
    "knowledge": ("知识条目", "knowledge entry"),
    "freeze": ("冻结期", "freeze period"),
    "backup": ("备份文件", "backup file"),
    "signature": ("签名", "signature"),
    "problem": ("严重问题", "severe problem"),
    "step": ("步骤", "step"),
    "checklist": ("检查单记录", "checklist record"),
    "rollback": ("回退记录", "rollback record"),
    "document": ("文档", "document"),
    "alert_channel": ("提醒渠道", "alert channel"),
    "alert_settings": ("提醒设置", "alert settings"),
}

FIELDS: dict[str, tuple[str, str]] = {
    "config_item": ("配置项", "configuration item"),
    "title": ("标题", "title"),
    "type": ("发布类型", "release type"),
    "systems": ("涉及系统", "systems"),
    "planned_start": ("计划开始时间", "planned start"),
    "planned_end": ("计划结束时间", "planned end"),
    "reason": ("理由", "reason"),
    "username": ("用户名", "user name"),
    "display_name": ("显示名", "display name"),
    "password": ("密码", "password"),
    "role": ("角色", "role"),
    "number": ("编号", "number"),
    "status": ("状态", "status"),
    "analysis": ("成败分析", "success-or-failure analysis"),
    "cause": ("回退原因", "rollback cause"),
    "description": ("描述", "description"),
    "triggers": ("回退触发条件", "rollback triggers"),
    "decision": ("回退决策", "rollback decision"),
    "result": ("结果", "result"),
    "evidence": ("证据", "evidence"),
    "confirmed_by": ("确认人", "confirmed by"),
    "confirmed_dept": ("确认部门", "confirming department"),
    "confirmed_at": ("确认时间", "confirmed at"),
    "name": ("名称", "name"),
    "version": ("版本", "version"),
    "artifact": ("软件名称", "artifact"),
    "sha256": ("SHA-256", "SHA-256"),
    "location": ("存放位置", "storage location"),
    "company_name": ("公司名称", "company name"),
    "department": ("编制部门", "department"),
    "number_pattern": ("发布编号格式", "release number pattern"),
    "quarter": ("季度", "quarter"),
    "outcome": ("发布结果", "outcome"),
    "database": ("数据库", "database"),
    "body": ("内容", "body"),
    "start": ("开始时间", "start"),
    "end": ("结束时间", "end"),
    "kind": ("类别", "kind"),
    "text": ("内容", "text"),
    "step": ("步骤", "step"),
    "new_version": ("新版本", "new version"),
    "requested_by": ("申请人", "requested by"),
    "decided_by": ("审批人", "decided by"),
    "decided_at": ("审批时间", "decided at"),
    "timezone": ("时区", "time zone"),
    "template": ("文档模板", "document template"),
    "note": ("备注", "note"),
    "tags": ("标签", "tags"),
    "checklist": ("检查单", "checklist"),
    "item": ("检查项", "item"),
    "page": ("页面", "page"),
    "sort": ("排序", "sort"),
    "releases": ("发布数量", "number of releases"),
    "started_at": ("开始时间", "started at"),
    "finished_at": ("完成时间", "finished at"),
    "at": ("时间", "time"),
    "window_start": ("发布窗口开始", "window start"),
    "window_end": ("发布窗口结束", "window end"),
    "file": ("文件", "file"),
    "closed_at": ("关闭时间", "closing time"),
}

# code: (中文, English). Parameters in braces are filled by render().
# code: (中文, English); an English that renders a count is plural(one, other, n=...).
CATALOG: dict[str, tuple[str, str]] = {
    # lifecycle (relgui.domain.lifecycle)
    "wrong_status": ("当前状态为“{status}”，不能{action}", "Cannot {action} while the release is “{status}”"),
    "wrong_role": ("{action}须由{roles}执行", "Only {roles} may {action}"),
    "no_change_linked": ("发布请求须关联至少一个经批准的变更请求", "The request must be linked to at least one approved change request"),
    "change_not_approved": ("有 {count} 个关联的变更请求尚未经变更管理流程批准", plural("{count} linked change request is not approved by change management",
                                                                        "{count} linked change requests are not approved by change management")),
    "gap_missing": ("发布计划“{section}”未填写：{key}", "Plan section “{section}” is missing: {key}"),
    "gap_min_rows": ("发布计划“{section}”的“{key}”至少需要 {detail} 行", plural("Plan section “{section}”: “{key}” needs at least {detail} row",
                                                                                      "Plan section “{section}”: “{key}” needs at least {detail} rows", n="detail")),
    "gap_row_missing": ("发布计划“{section}”的“{key}”第 {row} 行未填写：{detail}", "Plan section “{section}”: “{key}” row {row} is missing {detail}"),
    "gap_coverage": ("发布计划“{section}”须识别“{detail}”", "Plan section “{section}” must identify “{detail}”"),
    "gap_order": ("发布计划“{section}”：结束时间须晚于开始时间", "Plan section “{section}”: the end must be after the start"),
    "gap_ref_unknown": ("发布计划“{section}”的“{key}”第 {row} 行：{detail}", "Plan section “{section}”: “{key}” row {row}: {detail}"),
    "not_plan_author": ("只有计划的提交人可以撤回", "Only the plan's author may withdraw it"),
    "own_plan": ("审批人不能是发布计划的编制人", "The approver may not be the plan's author"),
    "plan_not_approved": ("发布计划未经有效批准，禁止部署", "The plan has no valid approval: nothing is deployed without one"),
    "item_unconfirmed": ("“{item}”尚未获得业务部门的正式确认", "“{item}” lacks the business department's formal confirmation"),
    "item_failed": ("“{item}”未通过", "“{item}” failed"),
    "item_open": ("“{item}”尚未完成", "“{item}” is still open"),
    "steps_open": ("还有 {open} 个实施步骤未记录进度", plural("{open} implementation step has no recorded progress",
                                                              "{open} implementation steps have no recorded progress", n="open")),
    "problem_undecided": ("已报告严重问题，须先作出回退决策", "A severe problem is open: decide on rollback first"),
    "no_open_problem": ("没有待决策的严重问题", "There is no severe problem awaiting a decision"),
    "rollback_steps_open": ("还有 {open} 个回退步骤未执行", plural("{open} rollback step is not done", "{open} rollback steps are not done", n="open")),
    "not_restored": ("尚未确认系统已完全恢复到发布前状态", "Restoration to the pre-release state is not confirmed"),
    "no_cause": ("尚未记录回退原因", "The rollback cause is not recorded"),
    "cmdb_pending": ("还有 {count} 个配置项未更新", plural("{count} configuration item is not updated", "{count} configuration items are not updated")),
    "step_order": ("须按顺序执行：先完成第 {expected} 步", "Steps run in order: finish step {expected} first"),
    "no_triggers": ("须选择至少一个回退触发条件", "Choose at least one rollback trigger"),
    "warnings_unacknowledged": ("存在须审批人确认的警告：{detail}", "Warnings need the approver's acknowledgement: {detail}"),
    "na_needs_reason": ("“{item}”选择不适用时须说明理由", "“{item}” marked not applicable needs a reason"),
    "na_not_allowed": ("“{item}”不能标为不适用", "“{item}” cannot be marked not applicable"),
    "confirmation_needed": ("“{item}”须填写确认人、部门和时间", "“{item}” needs who confirmed it, their department and when"),
    "dsl_not_approved": ("最终软件库中的版本尚未批准", "the definitive software library version is not approved"),
    "dsl_unknown": ("最终软件库中没有该版本", "no such version in the definitive software library"),
    "ci_unknown": ("没有该配置项", "no such configuration item"),
    "revision_changed": ("所签署的计划版本已变化，请重新打开后再签署", "The revision to sign has changed; reopen it before signing"),
    # input (relgui.domain.text, plan, services)
    "empty": ("“{field}”不能为空", "“{field}” must not be empty"),
    "too_long": ("“{field}”过长（{length} 字，最多 {limit} 字）", "“{field}” is too long ({length} characters, at most {limit})"),
    "bad_datetime": ("“{field}”不是有效的日期时间：{value}（示例：2026-11-27 22:00）", "“{field}” is not a valid date and time: {value} (e.g. 2026-11-27 22:00)"),
    "not_a_number": ("“{field}”须为整数：{value}", "“{field}” must be a whole number: {value}"),
    "below_minimum": ("“{field}”不能小于 {minimum}", "“{field}” must be at least {minimum}"),
    "above_maximum": ("“{field}”不能大于 {maximum}", "“{field}” must be at most {maximum}"),
    "not_a_choice": ("“{field}”须为以下之一：{choices}", "“{field}” must be one of: {choices}"),
    "not_a_table": ("“{field}”须为表格", "“{field}” must be a table"),
    "too_many_rows": ("“{field}”行数过多（最多 {limit} 行）", "“{field}” has too many rows (at most {limit})"),
    "not_a_row": ("“{field}”不是有效的表格行", "“{field}” is not a valid table row"),
    "unknown_key": ("“{field}”不是本节的内容", "“{field}” is not part of this section"),
    "not_a_section": ("“{field}”格式不正确", "“{field}” has the wrong form"),
    "unknown_section": ("发布计划没有“{field}”一节", "The plan has no section “{field}”"),
    "bad_pattern": ("发布编号格式须包含 {{seq}}，可包含 {{year}}：{value}", "The number pattern must contain {{seq}} and may contain {{year}}: {value}"),
    "bad_quarter": ("季度格式应为 2026Q3：{value}", "A quarter is written like 2026Q3: {value}"),
    "unknown_choice": ("“{field}”的取值无效：{value}", "“{field}” has an invalid value: {value}"),
    "duplicate": ("“{field}”已存在：{value}", "“{field}” already exists: {value}"),
    "weak_password": ("密码至少需要 {minimum} 个字符", plural("The password needs at least {minimum} character",
                                                          "The password needs at least {minimum} characters", n="minimum")),
    "end_before_start": ("结束时间须晚于开始时间", "The end must be after the start"),
    "bad_sha256": ("SHA-256 须为 64 位十六进制数", "A SHA-256 is 64 hexadecimal digits"),
    "bad_encoding": ("“{field}”的文字编码无法识别（请另存为 UTF-8 或 Excel 文件）", "“{field}” has an unknown text encoding (save it as UTF-8 or as an Excel file)"),
    "missing_columns": ("“{field}”缺少列：{columns}", "“{field}” lacks the column(s): {columns}"),
    "unreadable_file": ("无法读取文件 {value}：{detail}", "Cannot read {value}: {detail}"),
    "import_problems": ("有 {count} 行不能导入，未导入任何数据；请先修正这些行", plural("{count} row cannot be imported; nothing was imported. Correct it first",
                                                                               "{count} rows cannot be imported; nothing was imported. Correct them first")),
    "not_found_change": ("变更请求不存在：{value}", "No change request {value}"),
    "last_admin": ("不能停用最后一个系统管理员", "The last administrator cannot be disabled"),
    # lookups and concurrency
    "not_found": ("找不到{kind}：{key}", "No {kind} {key}"),
    "conflict": ("{kind} {key} 已被 {by} 于 {at} 修改；您的输入未保存，也未覆盖他人的修改。请重新加载后再保存。{fields}",
                 "{kind} {key} was changed by {by} at {at}; your input was not saved and nothing was overwritten. Reload, then save again. {fields}"),
    # authentication
    "bad_credentials": ("用户名或密码不正确", "Wrong user name or password"),
    "locked": ("账户已锁定，请于 {until} 后再试", "The account is locked until {until}"),
    "disabled": ("账户已停用", "The account is disabled"),
    "reauth_failed": ("密码不正确，未签署", "Wrong password: nothing was signed"),
    "not_logged_in": ("请先登录", "Please log in first"),
    # storage
    "storage_unavailable": ("无法连接数据库：{detail}", "Cannot reach the database: {detail}"),
    "network_path": ("本地数据库文件不能放在网络路径上（{detail}）。多人共享请使用 PostgreSQL 服务器。",
                     "The local database file cannot be on a network path ({detail}). To share data, use a PostgreSQL server."),
    "schema_newer": ("数据库版本（{detail}）比本程序新，请升级 relgui", "The database ({detail}) is newer than this program: upgrade relgui"),
    "bad_backup": ("不是有效的 relgui 备份文件：{detail}", "Not a valid relgui backup file: {detail}"),
    "policy_missing": ("未安装发布所依据的制度版本：{detail}", "The policy profile this release runs under is not installed: {detail}"),
    "error": ("操作失败", "The operation failed"),
    "conflict_fields": ("（已修改：{names}）", "(Changed: {names})"),
    # counted nouns, for sentences with several counts (COUNTED)
    "n_releases": ("{count} 个发布", plural("{count} release", "{count} releases")),
    "n_change_requests": ("{count} 个变更请求", plural("{count} change request", "{count} change requests")),
    "n_users": ("{count} 个用户", plural("{count} user", "{count} users")),
    "n_audit_events": ("{count} 条审计记录", plural("{count} audit event", "{count} audit events")),
    "n_rows": ("{count} 行", plural("{count} row", "{count} rows")),
    "n_minutes": ("{count} 分钟", plural("{count} minute", "{count} minutes")),
}

# A sentence with several counts (code → {parameter: counted noun}): each count is said by its
# own plural entry before the sentence is filled, so one plural(...) per sentence suffices.
# Areas may add theirs (a dict named COUNTED).
COUNTED: dict[str, dict[str, str]] = {}

# Punctuation that differs by language (Chinese full-width, English with a space), read by
# ``words``: no module writes ``", " if en else "、"`` itself.
PUNCTUATION: dict[str, tuple[str, str]] = {
    "list": ("、", ", "),        # 甲、乙 / a, b
    "clauses": ("；", "; "),     # sentences joined in one line
    "colon": ("：", ": "),
    "comma": ("，", ", "),
    "space": ("　", "   "),      # a wide gap between parts of one line
}


# Areas keep their own codes in relgui/domain/messages_<area>.py (a dict named CATALOG, and
# optionally FIELDS and COUNTED), imported above and listed here; merged at import. A code
# defined twice is a bug (tests/test_messages.py); a messages_*.py left out of AREAS fails
# tests/test_imports_explicit.py.
AREAS = (
    messages_alerts, messages_audit, messages_backup, messages_cli, messages_closing,
    messages_connection, messages_consistency, messages_directory, messages_documents,
    messages_files, messages_gui, messages_input, messages_kpi, messages_numbering, messages_pdf,
    messages_pgroles, messages_records, messages_storage, messages_validation,
)


def _merge_area_catalogs() -> None:
    for area in AREAS:
        clash = set(area.CATALOG) & set(CATALOG)
        if clash:
            raise RuntimeError(f"message codes defined twice: {sorted(clash)}")
        CATALOG.update(area.CATALOG)
        fields = getattr(area, "FIELDS", {})  # an area may name the fields it refuses
        if set(fields) & set(FIELDS):
            raise RuntimeError(f"field names defined twice: {sorted(set(fields) & set(FIELDS))}")
        FIELDS.update(fields)
        COUNTED.update(getattr(area, "COUNTED", {}))


_merge_area_catalogs()


_en = language.english  # the one language rule (domain/lang.py)
_pick = language.pick


def _label_of_plan_key(profile: Any, section_key: str, key: str, lang: str) -> str:
    try:
        sec = profile.section(section_key)
    except KeyError:
        return key
    for spec in (*sec.fields, *sec.tables):
        if spec.key == key:
            return spec.label(lang)
        for col in getattr(spec, "columns", ()):
            if col.key == key:
                return col.label(lang)
    return key


def _params(r: Refusal, lang: str, profile: Any) -> dict[str, Any]:
    p = dict(r.params)
    sep = words("list", lang)
    for name, noun in COUNTED.get(r.code, {}).items():
        if name in p:
            p[name] = say(noun, lang, count=p[name])
    if "action" in p and isinstance(p["action"], str):
        p["action"] = operation_label(p["action"], lang)
    if "kind" in p and p["kind"] in KINDS:
        p["kind"] = _pick(KINDS[p["kind"]], lang)
    if r.code == "conflict" and p.get("fields"):
        names = sep.join(dict.fromkeys(field_text(f, lang, profile) for f in str(p["fields"]).split(", ")))
        p["fields"] = _pick(CATALOG["conflict_fields"], lang).format(names=names)
    if "field" in p:
        head = str(p["field"]).split(".")[-1].split("[")[0]
        if head in FIELDS:
            p["field"] = _pick(FIELDS[head], lang)
    if profile is None and not p.keys().isdisjoint(("status", "roles", "item", "section")):
        # Role keys are never shown: without the release's profile, the one in force names them
        # (provided by relgui.policy at its import: the domain does not import the policy package).
        profile = in_force()
    if "status" in p and p["status"] in profile.statuses:
        p["status"] = profile.statuses[p["status"]].label(lang)
    if "roles" in p:
        roles = [p["roles"]] if isinstance(p["roles"], str) else p["roles"]
        p["roles"] = sep.join(profile.roles[x].label(lang) if x in profile.roles else str(x) for x in roles)
    if "item" in p and p.get("checklist") in profile.checklists:
        try:
            p["item"] = profile.checklists[p["checklist"]].item(p["item"]).label(lang)
        except KeyError:
            pass
    if "section" in p:
        sec_key = p["section"]
        if "key" in p:
            p["key"] = _label_of_plan_key(profile, sec_key, p["key"], lang)
        if r.code == "gap_row_missing":
            p["detail"] = _label_of_plan_key(profile, sec_key, p["detail"], lang)
        if r.code == "gap_ref_unknown" and p.get("detail") in CATALOG:  # e.g. dsl_not_approved
            p["detail"] = _pick(CATALOG[p["detail"]], lang)
        try:
            p["section"] = profile.section(sec_key).label(lang)
        except KeyError:
            pass
    return p


def _template(pair: tuple[str, str], lang: str, params: dict[str, Any]) -> str:
    text = _pick(pair, lang)
    return form(text, params.get(text.n)) if isinstance(text, Plural) else text


def render(r: Refusal, lang: str = "zh_CN", profile: Any = None) -> str:
    template = CATALOG.get(r.code)
    if template is None:
        return f"{r.code} {r.params}" if r.params else r.code
    try:
        text = _template(template, lang, r.params).format(**_params(r, lang, profile))
    except (KeyError, IndexError, ValueError):
        text = f"{_pick(template, lang)} {r.params}"
    return text.strip()


def say(code: str, lang: str = "zh_CN", profile: Any = None, **params: Any) -> str:
    """Any sentence of the core in ``lang``: the catalogue entry ``code`` with ``params`` filled
    (and translated, as for a refusal). The one lookup for text that is not a refusal — a
    CLI line, a column heading, a verdict — so no module branches on the language itself
    (tests/test_one_translation.py)."""
    return render(Refusal(code, params=params), lang, profile)


def pick(pair: tuple[str, str], lang: str = "zh_CN") -> str:
    """One of a vocabulary's (中文, English) pairs (``messages_directory.WORDS``, …) in ``lang``."""
    return _pick(pair, lang)


def words(code: str, lang: str = "zh_CN") -> str:
    """Punctuation (``PUNCTUATION``) or a catalogue entry without parameters, as it stands
    (never stripped): a separator, a heading."""
    return _pick(PUNCTUATION.get(code) or CATALOG[code], lang)


def render_all(refusals: Iterable[Refusal], lang: str = "zh_CN", profile: Any = None) -> str:
    return words("clauses", lang).join(dict.fromkeys(render(r, lang, profile) for r in refusals))


# Why a signature was voided: stored as a code, shown in the reader's language.
VOID_REASONS = {
    "plan_edited": ("计划在提交或批准后被修改", "The plan was changed after it was submitted or approved"),
}


def void_reason(stored: str | None, lang: str = "zh_CN") -> str:
    """A voided signature's reason in ``lang``. Records written before the code was stored
    hold the Chinese sentence itself; it is recognised too. Anything else is shown as is."""
    for code, pair in VOID_REASONS.items():
        if stored in (code, pair[0]):
            return _pick(pair, lang)
    return stored or ""


def action_label(action: str, lang: str = "zh_CN") -> str:
    return _pick(ACTIONS.get(action, (action, action)), lang)


def operation_label(action: str, lang: str = "zh_CN") -> str:
    """A lifecycle action or another use case a refusal names, in ``lang``."""
    pair = ACTIONS.get(action) or OPERATIONS.get(action)
    return action if pair is None else _pick(pair, lang)


def clause(requirement: str | None, lang: str = "zh_CN") -> str:
    """A requirement as the policy's clause in words ("制度 4.4.2", "policy 4.4.2"): the R-IDs
    (R-4.4.2-CMDB24H) are the code's and the tests' names and never shown. A requirement that
    is no numbered clause (the documents' form, R-DOC-…) is the policy itself."""
    import re

    m = re.match(r"R-(\d+(?:\.\d+)*)", requirement or "")
    if m is None:
        return "" if not requirement else _pick(("发布管理制度", "release management policy"), lang)
    return _pick((f"制度 {m.group(1)}", f"policy {m.group(1)}"), lang)
