"""The audit trail in the user's words: what was done, which field changed, from what to what.

An event is stored with codes (``release.complete_rollback``, ``status: rolling_back →
awaiting_close``) because the chain must not change with a translation (R-1.3-TRACE). Readers
see it here in Chinese or English: actions by their names, fields by their labels, statuses,
types, outcomes and roles by the policy profile's own names, times in the company's time zone.
tests/test_words_not_codes.py collects every action code the services record and fails when
one has no words here in either language.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from relgui.domain import lang as language
from relgui.domain.errors import Refusal
from relgui.domain.plural import plural
from relgui.domain.profile import in_force
from relgui.domain.timeutil import shown

# Sentences about the trail (merged by messages.py, said through messages.say): its values
# below, the integrity checks of relgui.store.audit, relgui.services.auditing and .anchors.
CATALOG: dict[str, tuple[str, str]] = {
    "audit_yes": ("是", "yes"),
    "audit_no": ("否", "no"),
    "audit_rows": ("{count} 行", plural("{count} row", "{count} rows")),
    "audit_items": ("{count} 项", plural("{count} item", "{count} items")),
    "audit_step": ("第 {step} 步", "step {step}"),
    # the chain (relgui.store.audit.VerifyResult)
    "audit_chain_intact": ("审计轨迹完整：共 {count} 条，末条 {seq} {hash}",
                           plural("Audit trail intact: {count} event, head {seq} {hash}",
                                  "Audit trail intact: {count} events, head {seq} {hash}")),
    "audit_chain_broken": ("审计轨迹在第 {seq} 条处断开：{what}", "Audit trail BROKEN at event {seq}: {what}"),
    # the records against the trail (relgui.services.auditing)
    "audit_row_finding": ("{what} {record}：{problem}", "{what} {record}: {problem}"),
    "audit_row_field_both": ("{column}：库中为 {stored}，记录为 {recorded}", "{column}: stored {stored}, recorded {recorded}"),
    "audit_row_field_stored": ("{column}：库中为 {stored}", "{column}: stored {stored}"),
    "audit_row_changed_between": ("{line}（第 {seq} 条审计事件；此前由第 {event} 条记录）",
                                  "{line} (event {seq}; recorded before by event {event})"),
    "audit_row_last_event": ("{line}（最后一次记录：第 {seq} 条审计事件）", "{line} (last event {seq})"),
    "audit_rows_ok": ("记录核对：共 {checked} 条，全部与审计轨迹一致",
                      "Records: {checked} checked, every one matches the audit trail"),
    "audit_rows_bad": ("记录核对：共 {checked} 条，其中 {count} 条与审计轨迹不符",
                       plural("Records: {checked} checked, {count} does NOT match the audit trail",
                              "Records: {checked} checked, {count} do NOT match the audit trail")),
    "audit_rows_more": ("…… 另有 {count} 条", "… and {count} more"),
    "audit_baseline": ("已将 {count} 条从未被审计事件记录过的记录纳入审计轨迹",
                       plural("{count} record that no audit event had recorded is now under the audit trail",
                              "{count} records that no audit event had recorded are now under the audit trail")),
    # anchors kept outside the database (relgui.services.anchors)
    "audit_anchor_holds": ("锚点 {seq}:{hash}（来源 {where}）：一致", "anchor {seq}:{hash} from {where}: holds"),
    "audit_anchor_cut": ("锚点 {seq}:{hash}（来源 {where}）：审计轨迹已到不了这里——末尾的事件被删除",
                         "anchor {seq}:{hash} from {where}: the chain no longer reaches it — events were cut from its end"),
    "audit_anchor_rewritten": ("锚点 {seq}:{hash}（来源 {where}）：第 {seq} 条事件的哈希已不同——审计轨迹被改写",
                               "anchor {seq}:{hash} from {where}: event {seq} now has another hash — the chain was rewritten"),
}

# Action codes recorded by the services (Work.audit), each in both languages.
AUDIT_ACTIONS: dict[str, tuple[str, str]] = {
    "release.create": ("提交发布请求", "release request submitted"),
    "release.deviation": ("记录偏离批准窗口或冻结期的理由", "reason recorded for leaving the approved window or a freeze"),
    "release.link_changes": ("修改关联的变更请求", "linked change requests changed"),
    "plan.save_section": ("保存发布计划", "release plan saved"),
    "plan.freeze": ("生成计划版本", "plan revision made"),
    "signature.approve": ("签署：批准", "signed: approved"),
    "signature.reject": ("签署：驳回", "signed: rejected"),
    "signature.close": ("签署：关闭", "signed: closed"),
    "signature.reissue": ("签署：重新签发", "signed: reissued"),
    "document.archive": ("归档文档", "document archived"),
    "step.deploy": ("记录实施步骤", "implementation step recorded"),
    "step.rollback": ("记录回退步骤", "rollback step recorded"),
    "monitor.observe": ("记录执行监控", "monitoring recorded"),
    "rollback.problem": ("报告严重问题", "severe problem reported"),
    "rollback.decide": ("作出回退决策", "rollback decision taken"),
    "rollback.restored": ("确认已恢复到发布前状态", "restoration confirmed"),
    "cmdb.update": ("更新配置管理数据库（CMDB）", "CMDB updated"),
    "knowledge.add": ("添加知识条目", "knowledge entry added"),
    "attachment.add": ("添加附件", "attachment added"),
    "change.record": ("登记变更请求", "change request recorded"),
    "change.status": ("修改变更请求状态", "change request status changed"),
    "change.import": ("导入变更请求", "change requests imported"),
    "ci.add": ("添加配置项", "configuration item added"),
    "dsl.register": ("登记最终软件库版本", "software version registered"),
    "dsl.approve": ("批准最终软件库版本", "software version approved"),
    "freeze.add": ("添加冻结期", "freeze period added"),
    "company.save": ("修改公司设置", "company settings changed"),
    "company.template": ("更换文档模板", "document template changed"),
    "company.policy": ("更换适用的制度版本", "policy profile in force changed"),
    "user.add": ("添加用户", "user added"),
    "user.disable": ("停用用户", "user disabled"),
    "user.enable": ("启用用户", "user enabled"),
    "user.roles": ("修改用户角色", "user roles changed"),
    "user.password": ("修改密码", "password changed"),
    "user.password_reset": ("重置密码", "password reset"),
    "user.must_change_password": ("要求下次登录时修改密码", "password change required at next login"),
    "user.contact": ("修改联系方式", "contact details changed"),
    "user.directory_update": ("按目录服务更新用户", "user updated from the directory"),
    "auth.login": ("登录", "logged in"),
    "auth.login_failed": ("登录失败（密码错误）", "login failed (wrong password)"),
    "auth.login_refused": ("登录被拒绝", "login refused"),
    "auth.login_unknown": ("登录失败（无此用户）", "login failed (unknown user)"),
    "auth.reauth_refused": ("签署时身份确认被拒绝", "identity check at signing refused"),
    "directory.settings": ("修改目录服务设置", "directory settings changed"),
    "directory.sync": ("与目录服务同步", "synchronised with the directory"),
    "alert.channel_add": ("添加提醒渠道", "alert channel added"),
    "alert.channel_update": ("修改提醒渠道", "alert channel changed"),
    "alert.channel_remove": ("删除提醒渠道", "alert channel removed"),
    "alert.rules": ("修改提醒规则", "alert rules changed"),
    "alert.kpi_below": ("本季度发布成功率低于目标，已发出提醒", "this quarter's success rate fell below target: alerted"),
    "alert.kpi_met": ("本季度发布成功率回到目标", "this quarter's success rate back at target"),
    "excel.import": ("从 Excel 导入发布登记", "release register imported from Excel"),
    "excel.import.evidence": ("记录导入数据的证据", "evidence of the imported rows recorded"),
    "demo.generate": ("生成演示数据", "demonstration data generated"),
    "demo.evidence": ("记录演示数据的证据", "evidence of the demonstration data recorded"),
    "evidence.baseline": ("建立记录证据基线", "evidence baseline taken"),
}

# Families whose second part names something the catalogue already has words for.
_CHECKLIST_PREFIX = ("记录检查项：{name}", "checklist item recorded: {name}")
_REFUSED = ("签署被拒绝：{action}", "signing refused: {action}")
_REAUTH_FAILED = ("签署时密码错误：{action}", "wrong password at signing: {action}")
CHECKLISTS: dict[str, tuple[str, str]] = {  # when no profile is at hand
    "precheck": ("预发布验证", "pre-release verification"),
    "monitoring": ("执行监控", "monitoring"),
    "verification": ("效果验证", "effect verification"),
    "config_update": ("配置信息更新", "configuration update"),
}

# Field names the events carry besides messages.FIELDS (the names a refusal uses).
AUDIT_FIELDS: dict[str, tuple[str, str]] = {
    "changes": ("关联的变更请求", "linked change requests"),
    "profile": ("制度版本", "policy profile"),
    "policy": ("制度版本", "policy profile"),
    "roles": ("角色", "roles"),
    "disabled": ("已停用", "disabled"),
    "must_change_password": ("下次登录须修改密码", "must change password"),
    "result": ("检查结果", "result"),
    "evidence": ("证据", "evidence"),
    "note": ("备注", "note"),
    "revision": ("计划版本", "plan revision"),
    "role": ("签署人角色", "signer's role"),
    "filename": ("文件名", "file name"),
    "kind": ("类别", "kind"),
    "decision": ("决策", "decision"),
    "late": ("是否逾期", "late"),
    "minutes": ("用时（分钟）", "minutes taken"),
    "due": ("截止时间", "due"),
    "decision_due": ("回退决策截止时间", "rollback decision due"),
    "description": ("描述", "description"),
    "triggers": ("回退触发条件", "rollback triggers"),
    "source": ("来源", "source"),
    "failures": ("连续失败次数", "failed attempts"),
    "locked_until": ("锁定至", "locked until"),
    "confirmed_delivered": ("已确认变更曾由其他发布交付", "confirmed as delivered by another release"),
    "count": ("数量", "count"),
    "rows": ("行数", "rows"),
    "subject": ("对象", "subject"),
    "outcome": ("发布结果", "outcome"),
    "status": ("状态", "status"),
    "display_name": ("显示名", "display name"),
    "email": ("电子邮件", "e-mail"),
    "phone": ("电话", "phone"),
    "number": ("编号", "number"),
}

# The details shown with an event (in this order); anything else (hashes, row images) is
# evidence for verification, not for reading.
SHOWN = ("decision", "late", "minutes", "revision", "role", "kind", "filename", "description", "triggers",
         "note", "evidence", "source", "failures", "locked_until", "confirmed_delivered", "count", "rows")

VALUES: dict[str, dict[str, tuple[str, str]]] = {
    "result": {"pass": ("通过", "passed"), "fail": ("未通过", "failed"), "na": ("不适用", "not applicable")},
    "step_status": {"done": ("已完成", "done"), "skipped": ("已跳过", "skipped"), "failed": ("失败", "failed")},
    "change_status": {"submitted": ("待审批", "submitted"), "approved": ("已批准", "approved"),
                      "rejected": ("已驳回", "rejected"), "closed": ("已关闭", "closed")},
    "software_status": {"registered": ("已登记", "registered"), "approved": ("已批准", "approved")},
    "decision": {"rollback": ("回退", "roll back"), "continue": ("继续", "continue")},
    "kind": {"plan": ("发布计划", "release plan"), "report": ("发布变更报告", "release change report"),
             "kpi": ("发布成功率报告", "release success report"),
             "deploy_outside_window": ("在批准的发布窗口外开始实施", "deployment started outside the approved window"),
             "deploy_in_freeze": ("在冻结期内开始实施", "deployment started inside a freeze"),
             "step_outside_window": ("步骤时间在批准的发布窗口外", "step time outside the approved window")},
    "source": {"directory": ("目录服务", "directory")},
}

_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:\d{2}|Z)$")
SHORT = 60  # characters of a text value shown in the summary


_en = language.english  # the one language rule (domain/lang.py)
_pick = language.pick


def _profile(profile: Any) -> Any:
    # Without the release's profile, the one in force (provided by relgui.policy at its import).
    return profile if profile is not None else in_force()


def _operation(code: str, lang: str) -> str:
    from relgui.domain.messages import operation_label  # cycle: messages imports messages_audit (it merges the areas' catalogues)

    return operation_label(code, lang)


def action_pair(code: str, profile: Any = None) -> tuple[str, str] | None:
    """(中文, English) for an audit action code, or None when the catalogue has no words for it."""
    from relgui.domain.messages import ACTIONS, OPERATIONS  # cycle: messages imports messages_audit (it merges the areas' catalogues)

    if code in AUDIT_ACTIONS:
        return AUDIT_ACTIONS[code]
    head, _, rest = code.partition(".")
    if head == "release" and rest in ACTIONS:
        return ACTIONS[rest]
    if head == "checklist" and rest:
        p = _profile(profile)
        if rest in p.checklists:
            names = (p.checklists[rest].label("zh_CN"), p.checklists[rest].label("en"))
        elif rest in CHECKLISTS:
            names = CHECKLISTS[rest]
        else:
            return None
        return (_CHECKLIST_PREFIX[0].format(name=names[0]), _CHECKLIST_PREFIX[1].format(name=names[1]))
    for prefix, pair in (("refused.", _REFUSED), ("auth.reauth_failed:", _REAUTH_FAILED)):
        if code.startswith(prefix):
            sub = code[len(prefix):]
            if sub not in ACTIONS and sub not in OPERATIONS:
                return None
            return (pair[0].format(action=_operation(sub, "zh_CN")), pair[1].format(action=_operation(sub, "en")))
    return None


def action_text(code: str, lang: str = "zh_CN", profile: Any = None) -> str:
    """An audit action in ``lang``; a code with no words (a newer version's event) as stored."""
    pair = action_pair(code, profile)
    return code if pair is None else _pick(pair, lang)


def field_text(key: str, lang: str = "zh_CN", profile: Any = None) -> str:
    """A changed field's label: a plan field (``section.key``) by the profile's section and
    field names; others by the catalogue; an unknown key (a configuration item's name in a
    CMDB update) as it is."""
    # cycle: messages imports messages_audit (it merges the areas' catalogues)
    from relgui.domain.messages import FIELDS, _label_of_plan_key

    if "." in key:
        section, _, sub = key.partition(".")
        p = _profile(profile)
        try:
            sec = p.section(section)
        except KeyError:
            pass
        else:
            return f"{sec.label(lang)} · {_label_of_plan_key(p, section, sub, lang)}"
    if key in AUDIT_FIELDS:
        return _pick(AUDIT_FIELDS[key], lang)
    if key in FIELDS:
        return _pick(FIELDS[key], lang)
    return key


def time_text(value: Any, tz: dt.tzinfo | None) -> str | None:
    """An ISO instant (as stored) in the company's time zone, or None when it is no instant."""
    if not isinstance(value, str) or not _ISO.match(value):
        return None
    return shown(value, tz)


def value_text(field: str, value: Any, lang: str = "zh_CN", profile: Any = None, *, entity: str = "",
               tz: dt.tzinfo | None = None) -> str:
    """A recorded value in words: statuses, types and outcomes by the profile's names, roles by
    their labels, yes/no, instants in the company's zone; rows of a table counted."""
    from relgui.domain.messages import say, words  # cycle: messages imports messages_audit (it merges the areas' catalogues)

    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return say("audit_yes" if value else "audit_no", lang)
    p = _profile(profile)
    if field == "status" and isinstance(value, str):
        table = {"step": "step_status", "change": "change_status", "software_version": "software_status"}.get(entity)
        if table is not None and value in VALUES[table]:
            return _pick(VALUES[table][value], lang)
        if value in p.statuses:
            return p.statuses[value].label(lang)
    if field == "type" and isinstance(value, str) and value in p.release_types:
        return p.release_types[value].label(lang)
    if field == "outcome" and isinstance(value, str) and value in p.outcomes:
        return p.outcomes[value].label(lang)
    if field in ("role", "roles"):
        roles = [value] if isinstance(value, str) else value
        if isinstance(roles, (list, tuple)) and all(isinstance(r, str) for r in roles):
            return words("list", lang).join(p.roles[r].label(lang) if r in p.roles else r for r in roles)
    if field == "triggers" and isinstance(value, (list, tuple)):
        names = {t.key: t.label(lang) for t in getattr(p, "triggers", ())}
        return words("list", lang).join(names.get(str(t), str(t)) for t in value)
    if field in VALUES and isinstance(value, str) and value in VALUES[field]:
        return _pick(VALUES[field][value], lang)
    if field == "revision" and isinstance(value, int):
        return f"V{value}"
    if field == "minutes" and isinstance(value, (int, float)):
        return f"{value:g}"
    when = time_text(value, tz)
    if when is not None:
        return when
    if isinstance(value, list):
        if all(isinstance(v, (str, int, float)) for v in value):
            return _short(words("list", lang).join(map(str, value)))
        return say("audit_rows", lang, count=len(value))
    if isinstance(value, dict):
        return say("audit_items", lang, count=len(value))
    return _short(str(value))


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SHORT else text[:SHORT] + "…"


def reason_text(value: Any, lang: str = "zh_CN", profile: Any = None) -> str:
    """A reason: a refusal code (a refused login records why) in words, a typed reason as typed."""
    # cycle: messages imports messages_audit (it merges the areas' catalogues)
    from relgui.domain.messages import CATALOG as ALL
    from relgui.domain.messages import render

    if isinstance(value, str) and value in ALL:
        return render(Refusal(value), lang, profile)
    return _short(str(value))


def subject_text(entity: str, key: str, lang: str = "zh_CN", profile: Any = None) -> str:
    """Which checklist item or step an event was about (its key ``FB-2026-0001#precheck.backup``
    or ``…#rollback.2``), in words; '' for other events."""
    _, hash_, rest = (key or "").partition("#")
    if not hash_:
        return ""
    head, _, tail = rest.partition(".")
    if entity == "checklist":
        p = _profile(profile)
        try:
            return p.checklists[head].item(tail).label(lang)
        except KeyError:
            return ""
    if entity == "step" and tail.isdigit():
        from relgui.domain.messages import say  # cycle: messages imports messages_audit (it merges the areas' catalogues)

        return say("audit_step", lang, step=tail)
    return ""


def detail_text(action: str, entity: str, detail: dict | None, lang: str = "zh_CN", profile: Any = None,
                tz: dt.tzinfo | None = None, key: str = "") -> str:
    """What an event changed and why, in ``lang``: "状态：部署中 → 回退中；理由：…"."""
    detail = detail or {}
    from relgui.domain.messages import words  # cycle: messages imports messages_audit (it merges the areas' catalogues)

    colon, arrow, sep = words("colon", lang), " → ", words("clauses", lang)
    parts: list[str] = []
    subject = subject_text(entity, key, lang, profile)
    if subject:
        parts.append(subject)
    changed = detail.get("changes") or {}
    # The status first: it is what a reader of the trail looks for.
    for name, pair in sorted(changed.items(), key=lambda kv: (kv[0] != "status", 0)):
        old, new = (pair if isinstance(pair, (list, tuple)) and len(pair) == 2 else (None, pair))
        label = field_text(name, lang, profile)
        old_t = value_text(name, old, lang, profile, entity=entity, tz=tz)
        new_t = value_text(name, new, lang, profile, entity=entity, tz=tz)
        parts.append(f"{label}{colon}{new_t}" if old in (None, "", []) else f"{label}{colon}{old_t}{arrow}{new_t}")
    if detail.get("reason"):
        parts.append(f"{_pick(('理由', 'reason'), lang)}{colon}{reason_text(detail['reason'], lang, profile)}")
    for key in SHOWN:
        if detail.get(key) not in (None, "", []):
            parts.append(f"{field_text(key, lang, profile)}{colon}"
                         f"{value_text(key, detail[key], lang, profile, entity=entity, tz=tz)}")
    if detail.get("refusals"):
        from relgui.domain.messages import render  # cycle: messages imports messages_audit (it merges the areas' catalogues)

        parts.append(sep.join(render(Refusal(r.get("code", "")), lang, profile)
                              for r in detail["refusals"] if isinstance(r, dict)))
    return sep.join(parts)[:400]
