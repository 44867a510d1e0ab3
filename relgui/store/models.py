"""SQLAlchemy 2 typed models: the schema of relgui (changed only through Alembic migrations).

Every editable record carries ``version`` for optimistic locking: an UPDATE whose version
is stale touches no row and raises instead of overwriting another user's change.
All times are UTC (relgui.store.types.UTCDateTime).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

from relgui.store.types import JSONType, UTCDateTime

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {dt.datetime: UTCDateTime, dict[str, Any]: JSONType, list[Any]: JSONType}


class Versioned:
    """Optimistic locking (SQLAlchemy version_id_col): a stale UPDATE raises, never overwrites."""

    row_version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.row_version}


def _user_fk(nullable: bool = True) -> Mapped[int | None]:
    return mapped_column(ForeignKey("users.id"), nullable=nullable)


class User(Versioned, Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(100))
    password_hash: Mapped[str] = mapped_column(String(200))
    roles: Mapped[str] = mapped_column(String(100))  # comma-separated relgui.domain.states.Role
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    locked_until: Mapped[dt.datetime | None]
    created_at: Mapped[dt.datetime]
    password_changed_at: Mapped[dt.datetime]


class LoginFailure(Base):
    __tablename__ = "login_failures"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    at: Mapped[dt.datetime]


class CompanySettings(Versioned, Base):
    """Company-wide settings every workstation shares (one row, id 1)."""

    __tablename__ = "company_settings"
    id: Mapped[int] = mapped_column(primary_key=True)
    company_name: Mapped[str] = mapped_column(String(200))
    department: Mapped[str] = mapped_column(String(100))
    number_pattern: Mapped[str] = mapped_column(String(60))
    doc_template: Mapped[bytes | None] = mapped_column(LargeBinary)
    timezone: Mapped[str] = mapped_column(String(60), default="Asia/Shanghai")
    updated_at: Mapped[dt.datetime]
    updated_by_id: Mapped[int | None] = _user_fk()


class DocumentNumbering(Versioned, Base):
    """The company's 文件编号 pattern of one kind of document (plan, report); a kind without a row
    uses relgui.domain.numbering.DEFAULT_DOC_PATTERNS (migration 0006)."""

    __tablename__ = "document_numbering"
    kind: Mapped[str] = mapped_column(String(20), primary_key=True)
    pattern: Mapped[str] = mapped_column(String(60))
    updated_at: Mapped[dt.datetime]
    updated_by_id: Mapped[int | None] = _user_fk()


class FreezePeriod(Base):
    __tablename__ = "freeze_periods"
    id: Mapped[int] = mapped_column(primary_key=True)
    start: Mapped[dt.datetime]
    end: Mapped[dt.datetime]
    reason: Mapped[str] = mapped_column(String(500))
    created_by_id: Mapped[int | None] = _user_fk()


class NumberSequence(Base):
    __tablename__ = "number_sequences"
    scope: Mapped[str] = mapped_column(String(40), primary_key=True)
    next_value: Mapped[int] = mapped_column(Integer)


class ChangeRequest(Versioned, Base):
    """A change request as decided by change management (R-1.3-COOP, R-4.2.1-CHANGE)."""

    __tablename__ = "change_requests"
    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(60), unique=True)
    title: Mapped[str] = mapped_column(String(500))
    description: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), index=True)
    requested_by: Mapped[str] = mapped_column(String(100), default="")
    decided_by: Mapped[str] = mapped_column(String(100), default="")
    decided_at: Mapped[dt.datetime | None]
    created_at: Mapped[dt.datetime]
    created_by_id: Mapped[int | None] = _user_fk()


class Release(Versioned, Base):
    __tablename__ = "releases"
    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(60), unique=True)
    title: Mapped[str] = mapped_column(String(500))
    type: Mapped[str] = mapped_column(String(20), index=True)
    status: Mapped[str] = mapped_column(String(20), index=True)
    outcome: Mapped[str | None] = mapped_column(String(20))
    profile_ref: Mapped[str] = mapped_column(String(60))
    systems: Mapped[str] = mapped_column(String(500), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    planned_start: Mapped[dt.datetime | None] = mapped_column(index=True)
    planned_end: Mapped[dt.datetime | None]
    requested_by_id: Mapped[int | None] = _user_fk()
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    created_at: Mapped[dt.datetime]
    updated_at: Mapped[dt.datetime] = mapped_column(index=True)
    accepted_at: Mapped[dt.datetime | None]
    plan_approved_at: Mapped[dt.datetime | None]
    deployment_started_at: Mapped[dt.datetime | None]
    deployment_finished_at: Mapped[dt.datetime | None]
    cmdb_due_at: Mapped[dt.datetime | None] = mapped_column(index=True)
    cmdb_done_at: Mapped[dt.datetime | None]
    decision_due_at: Mapped[dt.datetime | None] = mapped_column(index=True)
    closed_at: Mapped[dt.datetime | None] = mapped_column(index=True)
    closed_by_id: Mapped[int | None] = _user_fk()


class ReleaseChange(Base):
    __tablename__ = "release_changes"
    release_id: Mapped[int] = mapped_column(ForeignKey("releases.id", ondelete="CASCADE"), primary_key=True)
    change_id: Mapped[int] = mapped_column(ForeignKey("change_requests.id"), primary_key=True, index=True)


class Plan(Versioned, Base):
    """The working copy of a release's 发布计划 (content keyed by profile section)."""

    __tablename__ = "plans"
    release_id: Mapped[int] = mapped_column(ForeignKey("releases.id", ondelete="CASCADE"), primary_key=True)
    content: Mapped[dict[str, Any]]
    section_versions: Mapped[dict[str, Any]]
    last_page: Mapped[str] = mapped_column(String(40), default="")
    updated_at: Mapped[dt.datetime]
    updated_by_id: Mapped[int | None] = _user_fk()


class PlanRevision(Base):
    """A frozen revision (V1, V2 …), made at submission; what an approval signs."""

    __tablename__ = "plan_revisions"
    __table_args__ = (UniqueConstraint("release_id", "number"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    release_id: Mapped[int] = mapped_column(ForeignKey("releases.id", ondelete="CASCADE"))
    number: Mapped[int]
    content: Mapped[dict[str, Any]]
    content_hash: Mapped[str] = mapped_column(String(64))
    reason: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[int | None] = _user_fk()
    created_at: Mapped[dt.datetime]


class Signature(Base):
    """An in-app signature (R-DOC-SIGN): who, in which role, what it means, when, over what."""

    __tablename__ = "signatures"
    # What it is over: a revision's approval, a closure's signature, found without a scan (0008).
    __table_args__ = (Index("ix_signatures_subject", "subject", "subject_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    release_id: Mapped[int] = mapped_column(ForeignKey("releases.id", ondelete="CASCADE"), index=True)
    subject: Mapped[str] = mapped_column(String(30))  # plan_revision | closure
    subject_id: Mapped[int]
    meaning: Mapped[str] = mapped_column(String(20))  # approve | reject | close
    signer_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    signer_name: Mapped[str] = mapped_column(String(100))
    signer_role: Mapped[str] = mapped_column(String(20))
    signed_at: Mapped[dt.datetime]
    content_hash: Mapped[str] = mapped_column(String(64))
    reason: Mapped[str] = mapped_column(Text, default="")
    signature_hash: Mapped[str] = mapped_column(String(64))
    voided_at: Mapped[dt.datetime | None]
    voided_reason: Mapped[str] = mapped_column(String(500), default="")


class ChecklistEntry(Versioned, Base):
    """One item of 预发布验证 / 效果验证 / 配置更新 as recorded."""

    __tablename__ = "checklist_entries"
    __table_args__ = (UniqueConstraint("release_id", "checklist", "item"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    release_id: Mapped[int] = mapped_column(ForeignKey("releases.id", ondelete="CASCADE"))
    checklist: Mapped[str] = mapped_column(String(20))
    item: Mapped[str] = mapped_column(String(40))
    result: Mapped[str] = mapped_column(String(10))  # pass | fail | na
    reason: Mapped[str] = mapped_column(Text, default="")
    evidence: Mapped[str] = mapped_column(Text, default="")
    attachment_id: Mapped[int | None] = mapped_column(ForeignKey("attachments.id"))
    confirmed_by: Mapped[str] = mapped_column(String(100), default="")
    confirmed_dept: Mapped[str] = mapped_column(String(100), default="")
    confirmed_at: Mapped[dt.datetime | None]
    recorded_by_id: Mapped[int | None] = _user_fk()
    recorded_at: Mapped[dt.datetime]


class StepRecord(Versioned, Base):
    """Progress of one plan step (kind deploy) or rollback step (kind rollback)."""

    __tablename__ = "step_records"
    __table_args__ = (UniqueConstraint("release_id", "kind", "step_no"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    release_id: Mapped[int] = mapped_column(ForeignKey("releases.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(10))
    step_no: Mapped[int]
    status: Mapped[str] = mapped_column(String(10))  # done | skipped | failed
    started_at: Mapped[dt.datetime | None]
    finished_at: Mapped[dt.datetime | None]
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_by_id: Mapped[int | None] = _user_fk()


class Observation(Base):
    """发布执行监控: a time-stamped observation (progress, performance, logs, feedback)."""

    __tablename__ = "observations"
    id: Mapped[int] = mapped_column(primary_key=True)
    release_id: Mapped[int] = mapped_column(ForeignKey("releases.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    at: Mapped[dt.datetime]
    text: Mapped[str] = mapped_column(Text)
    recorded_by_id: Mapped[int | None] = _user_fk()


class Problem(Versioned, Base):
    """A severe problem detected during a release, and the rollback decision on it."""

    __tablename__ = "problems"
    id: Mapped[int] = mapped_column(primary_key=True)
    release_id: Mapped[int] = mapped_column(ForeignKey("releases.id", ondelete="CASCADE"), index=True)
    detected_at: Mapped[dt.datetime]
    reported_by_id: Mapped[int | None] = _user_fk()
    description: Mapped[str] = mapped_column(Text)
    triggers: Mapped[list[Any]]
    decision: Mapped[str | None] = mapped_column(String(10))  # rollback | continue
    decided_at: Mapped[dt.datetime | None]
    decided_by_id: Mapped[int | None] = _user_fk()
    decision_reason: Mapped[str] = mapped_column(Text, default="")
    decision_late: Mapped[bool] = mapped_column(Boolean, default=False)


class Rollback(Versioned, Base):
    __tablename__ = "rollbacks"
    release_id: Mapped[int] = mapped_column(ForeignKey("releases.id", ondelete="CASCADE"), primary_key=True)
    problem_id: Mapped[int] = mapped_column(ForeignKey("problems.id"))
    started_at: Mapped[dt.datetime]
    restored_at: Mapped[dt.datetime | None]
    restored_by_id: Mapped[int | None] = _user_fk()
    cause: Mapped[str] = mapped_column(Text, default="")
    completed_at: Mapped[dt.datetime | None]


class ConfigItem(Versioned, Base):
    """A configuration item (CMDB lite)."""

    __tablename__ = "config_items"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    ci_type: Mapped[str] = mapped_column(String(60), default="")
    environment: Mapped[str] = mapped_column(String(60), default="")
    artifact: Mapped[str] = mapped_column(String(200), default="")
    current_version: Mapped[str] = mapped_column(String(100), default="")
    owner: Mapped[str] = mapped_column(String(100), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime]


class ConfigItemHistory(Base):
    __tablename__ = "config_item_history"
    id: Mapped[int] = mapped_column(primary_key=True)
    ci_id: Mapped[int] = mapped_column(ForeignKey("config_items.id"), index=True)
    at: Mapped[dt.datetime]
    old_version: Mapped[str] = mapped_column(String(100), default="")
    new_version: Mapped[str] = mapped_column(String(100))
    release_id: Mapped[int | None] = mapped_column(ForeignKey("releases.id", ondelete="SET NULL"))
    changed_by_id: Mapped[int | None] = _user_fk()
    note: Mapped[str] = mapped_column(Text, default="")


class ReleaseItem(Base):
    """The baseline of a release, one row per configuration item, and its CMDB update."""

    __tablename__ = "release_items"
    release_id: Mapped[int] = mapped_column(ForeignKey("releases.id", ondelete="CASCADE"), primary_key=True)
    ci_id: Mapped[int] = mapped_column(ForeignKey("config_items.id"), primary_key=True, index=True)
    version_before: Mapped[str] = mapped_column(String(100), default="")
    version_after: Mapped[str] = mapped_column(String(100), default="")
    software_version_id: Mapped[int | None] = mapped_column(ForeignKey("software_versions.id"))
    applied_version: Mapped[str | None] = mapped_column(String(100))
    applied_at: Mapped[dt.datetime | None]


class SoftwareVersion(Versioned, Base):
    """最终软件库 (R-3.3-DSL): an approved software version's controlled original."""

    __tablename__ = "software_versions"
    __table_args__ = (UniqueConstraint("artifact", "version"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    artifact: Mapped[str] = mapped_column(String(200))
    version: Mapped[str] = mapped_column(String(100))
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int | None] = mapped_column(BigInteger)
    location: Mapped[str] = mapped_column(String(500))
    status: Mapped[str] = mapped_column(String(20))  # pending | approved | retired
    approved_by_id: Mapped[int | None] = _user_fk()
    approved_at: Mapped[dt.datetime | None]
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime]
    created_by_id: Mapped[int | None] = _user_fk()


class Closure(Base):
    """发布关闭 (R-4.2.2-CLOSE): the manager's analysis and signature."""

    __tablename__ = "closures"
    release_id: Mapped[int] = mapped_column(ForeignKey("releases.id", ondelete="CASCADE"), primary_key=True)
    outcome: Mapped[str] = mapped_column(String(20))
    analysis: Mapped[str] = mapped_column(Text)
    closed_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    closed_at: Mapped[dt.datetime]
    signature_id: Mapped[int | None] = mapped_column(ForeignKey("signatures.id"))


class KnowledgeEntry(Versioned, Base):
    """知识库 (R-4.4.2-KNOWLEDGE): a lesson learned."""

    __tablename__ = "knowledge_entries"
    id: Mapped[int] = mapped_column(primary_key=True)
    release_id: Mapped[int | None] = mapped_column(ForeignKey("releases.id", ondelete="SET NULL"), index=True)
    title: Mapped[str] = mapped_column(String(500))
    body: Mapped[str] = mapped_column(Text)
    tags: Mapped[str] = mapped_column(String(500), default="")
    created_by_id: Mapped[int | None] = _user_fk()
    created_at: Mapped[dt.datetime]


class Attachment(Base):
    __tablename__ = "attachments"
    id: Mapped[int] = mapped_column(primary_key=True)
    release_id: Mapped[int] = mapped_column(ForeignKey("releases.id", ondelete="CASCADE"), index=True)
    filename: Mapped[str] = mapped_column(String(255))
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(BigInteger)
    content: Mapped[bytes] = mapped_column(LargeBinary)
    note: Mapped[str] = mapped_column(Text, default="")
    added_by_id: Mapped[int | None] = _user_fk()
    added_at: Mapped[dt.datetime]


class Document(Base):
    """An archived final document (R-4.4.2-ARCHIVE): exact bytes and their SHA-256."""

    __tablename__ = "documents"
    id: Mapped[int] = mapped_column(primary_key=True)
    release_id: Mapped[int] = mapped_column(ForeignKey("releases.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # plan | report
    filename: Mapped[str] = mapped_column(String(255))
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    revision_no: Mapped[int | None]
    created_by_id: Mapped[int | None] = _user_fk()
    created_at: Mapped[dt.datetime]


class AuditEvent(Base):
    """Append-only, hash-chained audit trail (R-1.3-TRACE). ``seq`` has no gaps."""

    __tablename__ = "audit_events"
    __table_args__ = (Index("ix_audit_events_entity", "entity", "entity_key"),)
    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    at: Mapped[dt.datetime]
    actor_id: Mapped[int | None]
    actor_name: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(60))
    entity: Mapped[str] = mapped_column(String(30))
    entity_key: Mapped[str] = mapped_column(String(100))
    release_id: Mapped[int | None] = mapped_column(index=True)
    detail: Mapped[dict[str, Any]]
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class KnowledgeTerm(Base):
    """知识库 search index (R-4.4.2-KNOWLEDGE): the terms of one entry — each pair of adjacent
    Chinese characters, each Latin word and number — kept by relgui.services.knowledge.
    Derived data: the same on SQLite and PostgreSQL, no extension or tokenizer needed."""

    __tablename__ = "knowledge_terms"
    term: Mapped[str] = mapped_column(String(32), primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("knowledge_entries.id", ondelete="CASCADE"),
                                          primary_key=True, index=True)


class KnowledgeIndexed(Base):
    """Which version of each knowledge entry the terms were made from (stale when it differs)."""

    __tablename__ = "knowledge_indexed"
    entry_id: Mapped[int] = mapped_column(ForeignKey("knowledge_entries.id", ondelete="CASCADE"), primary_key=True)
    row_version: Mapped[int] = mapped_column(Integer)


# The KPI dashboard's aggregates (R-4.6-KPI, R-4.4.2-CMDB24H) read only these indexes, never
# the wide release rows: a quarter's success rate and the open CMDB deadlines of 100 000
# releases are then index range scans.
Index("ix_releases_kpi", Release.__table__.c.closed_at, Release.__table__.c.type, Release.__table__.c.outcome,
      Release.__table__.c.status)
Index("ix_releases_cmdb_kpi", Release.__table__.c.cmdb_due_at, Release.__table__.c.cmdb_done_at)
Index("ix_releases_cmdb_open", Release.__table__.c.cmdb_done_at, Release.__table__.c.cmdb_due_at,
      Release.__table__.c.type)

# Knowledge search checks before each search that the index is current (count and sum of
# row_version): this index answers that without reading the entries' text.
Index("ix_knowledge_entries_row_version", KnowledgeEntry.__table__.c.row_version)


# Alerts (issue 16): the outbox, its channels, the company's rules, users' contacts.
# Not evidence the policy relies on (relgui/store/evidence.py): see migration 0005.

class AlertChannel(Versioned, Base):
    """E-mail (SMTP), 企业微信 or 钉钉 group robot. Secrets are in the OS credential store."""

    __tablename__ = "alert_channels"
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))  # email | wecom | dingtalk
    name: Mapped[str] = mapped_column(String(100), unique=True)
    config: Mapped[dict[str, Any]]
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)  # consecutive failed sends
    last_error: Mapped[str] = mapped_column(Text, default="")
    last_error_at: Mapped[dt.datetime | None]
    last_ok_at: Mapped[dt.datetime | None]
    created_at: Mapped[dt.datetime]


class AlertSettings(Versioned, Base):
    """One row (id 1): the company's alert rules (TOML) and directory (LDAP) settings."""

    __tablename__ = "alert_settings"
    id: Mapped[int] = mapped_column(primary_key=True)
    rules: Mapped[str] = mapped_column(Text, default="")
    directory: Mapped[dict[str, Any] | None]
    updated_at: Mapped[dt.datetime]
    updated_by_id: Mapped[int | None] = _user_fk()


class UserContact(Versioned, Base):
    """Where and in which language a user is alerted; who authenticates them."""

    __tablename__ = "user_contacts"
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    email: Mapped[str] = mapped_column(String(254), default="")
    language: Mapped[str] = mapped_column(String(10), default="zh_CN")
    auth_source: Mapped[str] = mapped_column(String(10), default="local")  # local | directory
    directory_dn: Mapped[str] = mapped_column(String(500), default="")
    directory_seen_at: Mapped[dt.datetime | None]


class Alert(Base):
    """The outbox: one message to one recipient (or one group robot) on one channel.

    state: pending (due at due_at) → sending (claimed until lease_until; attempt_at set just
    before the send) → sent | failed (gave up) | obsolete (the situation ended before it was due).
    """

    __tablename__ = "alerts"
    __table_args__ = (Index("ix_alerts_due", "state", "due_at"), Index("ix_alerts_lease", "state", "lease_until"),
                      Index("ix_alerts_recipient", "recipient_id", "channel_kind", "state"))
    id: Mapped[int] = mapped_column(primary_key=True)
    rule: Mapped[str] = mapped_column(String(40))
    dedupe_key: Mapped[str] = mapped_column(String(200), unique=True)
    release_id: Mapped[int | None] = mapped_column(ForeignKey("releases.id", ondelete="CASCADE"), index=True)
    recipient_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    channel_kind: Mapped[str] = mapped_column(String(20))  # desktop | email | wecom | dingtalk
    channel_id: Mapped[int | None] = mapped_column(ForeignKey("alert_channels.id", ondelete="CASCADE"))
    address: Mapped[str] = mapped_column(String(254), default="")
    language: Mapped[str] = mapped_column(String(10), default="zh_CN")
    params: Mapped[dict[str, Any]]
    created_at: Mapped[dt.datetime]
    due_at: Mapped[dt.datetime]
    state: Mapped[str] = mapped_column(String(10))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    claimed_by: Mapped[str] = mapped_column(String(100), default="")
    lease_until: Mapped[dt.datetime | None]
    attempt_at: Mapped[dt.datetime | None]
    in_doubt: Mapped[int] = mapped_column(Integer, default=0)
    sent_at: Mapped[dt.datetime | None]
    sent_by: Mapped[str] = mapped_column(String(100), default="")
    last_error: Mapped[str] = mapped_column(Text, default="")
    read_at: Mapped[dt.datetime | None]


# ---------------------------------------------------------------- issue 15 (migration 0007)
class AccountFlag(Versioned, Base):
    """An account that must change its password at its next login (an administrator reset it)."""

    __tablename__ = "account_flags"
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False)
    set_at: Mapped[dt.datetime]
    set_by_id: Mapped[int | None] = _user_fk()


class CompanyOption(Versioned, Base):
    """A company setting added after the first schema (the policy profile in force), by key."""

    __tablename__ = "company_options"
    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(String(200), default="")
    updated_at: Mapped[dt.datetime]
    updated_by_id: Mapped[int | None] = _user_fk()


class Deviation(Base):
    """A reason recorded for acting outside what the approved plan allows (R-1.3-PLAN): deployment
    started outside the approved window or inside a freeze, a step's times outside the execution
    window. Appended, never edited; the 发布变更报告 flags each one."""

    __tablename__ = "deviations"
    id: Mapped[int] = mapped_column(primary_key=True)
    release_id: Mapped[int] = mapped_column(ForeignKey("releases.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    subject: Mapped[str] = mapped_column(String(60), default="")
    reason: Mapped[str] = mapped_column(Text)
    detail: Mapped[dict[str, Any]]
    recorded_at: Mapped[dt.datetime]
    recorded_by_id: Mapped[int | None] = _user_fk()
