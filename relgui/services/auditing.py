"""Reading and verifying the audit trail (R-1.3-TRACE)."""

from __future__ import annotations

import re
import sqlite3
from typing import cast

from relgui.domain import text
from relgui.domain.errors import InvalidInput, PolicyViolation, Refusal
from relgui.domain.messages import pick, say, words
from relgui.services.context import AppContext, reading, storage_errors, unit_of_work
from relgui.store import audit, evidence, rowhash
from relgui.store.evidence import plain

_HASH = re.compile(r"[0-9a-f]{64}")


def _head(value: object) -> tuple[int, str] | None:
    """A head seen earlier: (seq, SHA-256 in hex), or None; anything else is refused."""
    if value is None:
        return None
    if (isinstance(value, (tuple, list)) and len(value) == 2 and (value[0] == 0 or text.is_row_id(value[0]))
            and isinstance(value[1], str) and _HASH.fullmatch(value[1])):
        return int(value[0]), value[1]
    raise InvalidInput.of("expect_head", "not_a_value", value=text.clean(repr(value))[:40])


def verify(ctx: AppContext, expect_head: tuple[int, str] | None = None) -> audit.VerifyResult:
    expect_head = _head(expect_head)
    with reading(ctx) as s:
        return audit.verify(s, expect_head)


def head(ctx: AppContext) -> tuple[int, str]:
    with reading(ctx) as s:
        return audit.head(s)


def change_counter(ctx: AppContext) -> int:
    """Polled by other workstations' views: it grows with every change anyone makes."""
    with reading(ctx) as s:
        return audit.last_seq(s)


PARALLEL_FROM = 200_000  # rows: below this, worker processes cost more than they save


def verify_all(ctx: AppContext, expect_head: tuple[int, str] | None = None, limit: int = 1000,
               workers: int | None = None):
    """The chain and every record in one pass over the audit trail: (chain result, record
    report). The record report is None when the chain is broken (its images cannot be trusted).

    On SQLite the records' row hashes are taken by worker processes (``workers``; None: one
    fewer than the cores, when the database holds at least PARALLEL_FROM rows; 0: none) while
    this process walks the chain; what they read at another chain head than this transaction's
    is read again here, so the result is that of one snapshot (relgui.store.rowhash)."""
    from sqlalchemy.orm import Session

    expect_head = _head(expect_head)
    if workers is not None and (not isinstance(workers, int) or isinstance(workers, bool) or not 0 <= workers <= 64):
        raise InvalidInput.of("workers", "not_a_value", value=text.clean(repr(workers))[:40])
    collect = evidence.ImageCollector()
    with storage_errors(), ctx.db.engine.connect() as conn:
        with Session(bind=conn) as s:
            hasher: rowhash.Hasher | None = None
            hashed: dict[str, list[tuple[list[str], list[str]]]] | None = None
            if conn.dialect.name == "sqlite":
                first = conn.exec_driver_sql(rowhash.HEAD_SQL).first()  # this transaction's snapshot starts here
                head = None if first is None else tuple(first)
                parts, others = evidence.sqlite_parts(conn)
                total = sum(p.rows for p in parts)
                n = rowhash.default_workers() if workers is None else workers
                if workers is None and total < PARALLEL_FROM:
                    n = 0
                if n > 0 and ctx.db.sqlite_uri:
                    # Parts of about an eighth of a process's share: the last ones to finish are short.
                    parts, others = evidence.sqlite_parts(conn, rows=max(1, total // ((n + 1) * 8)))
                    uri = ctx.db.sqlite_uri.replace("mode=rw", "mode=ro")
                    hasher = rowhash.Hasher(uri, parts, n)
                else:
                    hasher = rowhash.Hasher(None, parts, 0)
            chain = audit.verify(s, expect_head, on_detail=collect)
            if hasher is not None:
                # relgui's SQLite engine connects with sqlite3.connect (store/engine.py, its creator)
                done = hasher.results(cast(sqlite3.Connection, conn.connection.driver_connection), head)
                hashed = {}
                for part, keys_hashes in zip(parts, done):
                    hashed.setdefault(part.table, []).append(keys_hashes)
        return chain, evidence.verify(conn, limit=limit, recorded=collect, hashed=hashed)


def verify_rows(ctx: AppContext, limit: int = 1000):
    """Every live record the policy relies on against its last after-image in the chain
    (relgui.store.evidence): changed, inserted or deleted behind the application."""
    with storage_errors(), ctx.db.engine.connect() as conn:
        return evidence.verify(conn, limit=limit)


TABLE_NAMES = {
    "users": ("用户", "user"), "company_settings": ("公司设置", "company settings"),
    "freeze_periods": ("冻结期", "freeze period"), "change_requests": ("变更请求", "change request"),
    "config_items": ("配置项", "configuration item"), "config_item_history": ("配置项版本历史", "configuration item history"),
    "software_versions": ("最终软件库版本", "software library version"), "releases": ("发布", "release"),
    "release_changes": ("发布与变更请求的关联", "release–change link"),
    "release_items": ("发布涉及的配置项", "release configuration item"), "plans": ("发布计划", "release plan"),
    "plan_revisions": ("发布计划版本", "plan revision"), "signatures": ("签名", "signature"),
    "checklist_entries": ("检查项记录", "checklist entry"), "step_records": ("步骤记录", "step record"),
    "observations": ("监控记录", "monitoring observation"), "problems": ("严重问题", "severe problem"),
    "rollbacks": ("回退记录", "rollback record"), "closures": ("发布关闭记录", "closure"),
    "attachments": ("附件", "attachment"), "documents": ("归档文档", "archived document"),
    "knowledge_entries": ("知识库条目", "knowledge entry"),
}
PROBLEM_WORDS = {
    "changed": ("与审计轨迹中最后一次记录不符（在程序之外被改动）",
                "differs from its last record in the audit trail (changed outside relgui)"),
    "no_event": ("没有任何审计事件记录过它（在程序之外插入）", "no audit event ever recorded it (inserted outside relgui)"),
    "deleted": ("已不存在，但审计轨迹中没有删除它的事件（在程序之外删除）",
                "is gone, but no audit event deleted it (deleted outside relgui)"),
    "resurrected": ("审计轨迹记录它已删除，但它又出现了", "the audit trail records it deleted, yet it is there"),
    "changed_between": ("在这次写入之前已在程序之外被改动过（这次写入把改动一并记下了）",
                        "had been changed outside relgui before this write (which then recorded the change along)"),
}


def _value(v) -> str:
    text_ = str(plain(v))
    return text_ if len(text_) <= 80 else text_[:77] + "…"


def describe_finding(f, lang: str = "zh_CN") -> str:
    what = pick(TABLE_NAMES.get(f.table, (f.table, f.table)), lang)
    record = f.key.split(":", 1)[1]
    problem = pick(PROBLEM_WORDS[f.problem], lang)
    line = say("audit_row_finding", lang, what=what, record=record, problem=problem)
    if f.fields:
        parts = []
        for field in f.fields:
            stored = _value(f.stored.get(field))
            if field in f.expected:
                parts.append(say("audit_row_field_both", lang, column=field, stored=stored,
                                 recorded=_value(f.expected[field])))
            else:
                parts.append(say("audit_row_field_stored", lang, column=field, stored=stored))
        sep = words("clauses", lang)
        line += sep + sep.join(parts)
    if f.problem == "changed_between":
        line = say("audit_row_changed_between", lang, line=line, seq=f.seq, event=f.expected.get("event"))
    elif f.seq is not None:
        line = say("audit_row_last_event", lang, line=line, seq=f.seq)
    return line


def describe_rows(report, lang: str = "zh_CN") -> list[str]:
    total = sum(report.by_table.values())
    if report.ok:
        return [say("audit_rows_ok", lang, checked=report.checked)]
    lines = [say("audit_rows_bad", lang, checked=report.checked, count=total)]
    lines += ["  " + describe_finding(f, lang) for f in report.findings]
    if total > len(report.findings):
        lines.append("  " + say("audit_rows_more", lang, count=total - len(report.findings)))
    return lines


def baseline(ctx: AppContext, reason: str) -> int:
    """Take rows no audit event ever recorded (a database from before row evidence) under the
    chain, as they stand: an explicit, audited act of an administrator. Rows whose image
    differs from a recorded one are never taken — that would whitewash a change made outside
    relgui; verify keeps reporting them."""
    why = text.block(reason, "reason", required=True, limit=2000)
    with unit_of_work(ctx) as w:
        if w.actor.user_id is not None and not w.actor.has("admin"):
            raise PolicyViolation(Refusal("wrong_role", params={"action": "manage_users", "roles": ("admin",)}))
        conn = w.s.connection()
        recorded = evidence.last_images(conn)
        never = {}
        for name in evidence.TABLES:
            for key, img, _row in evidence.live_rows(conn, name):
                if key not in recorded:
                    never[key] = img
        evidence.record_bulk(w, never, "evidence.baseline", reason=why)
        return len(never)


def describe_baseline(count: int, lang: str = "zh_CN") -> str:
    return say("audit_baseline", lang, count=count)
