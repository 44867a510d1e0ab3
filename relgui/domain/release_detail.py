"""The typed read model of one release (issue 17 item 5): what ``relgui.services.details``
reads, the detail view, the execution dialogs and ``relgui-admin release show --json`` show.

Frozen value types, no I/O: times are aware ``datetime`` in UTC, to the second (as stored
and as the JSON has always said them), shown in the company's zone by the one rule
``timeutil.shown``; codes (status, type, result, kinds) are the stored ``str`` codes; lists
are tuples. ``to_json`` turns any of them into the JSON-ready dict the CLI prints and the
documents are built from, keys in field order, times via ``timeutil.iso``.

They live in the domain, not beside the services that build them, because the documents
(which may import the domain but never the services) are built from the same record.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from typing import Any, overload

from relgui.domain.timeutil import as_utc, iso

Time = dt.datetime


@overload
def moment(value: dt.datetime) -> dt.datetime: ...
@overload
def moment(value: None) -> None: ...
@overload
def moment(value: dt.datetime | None) -> dt.datetime | None: ...
def moment(value: dt.datetime | None) -> dt.datetime | None:
    """A stored time as the read model holds it: aware UTC, to the second (what ``iso`` says)."""
    return None if value is None else as_utc(value).replace(microsecond=0)


@dataclasses.dataclass(frozen=True, slots=True)
class Change:
    number: str
    title: str
    status: str


@dataclasses.dataclass(frozen=True, slots=True)
class Revision:
    number: int
    content_hash: str
    reason: str
    created_by: str | None
    created_at: Time


@dataclasses.dataclass(frozen=True, slots=True)
class SignatureView:
    id: int
    subject: str
    meaning: str
    meaning_name: str
    signer: str
    role: str
    signed_at: Time
    content_hash: str
    signature_hash: str
    code: str
    reason: str
    voided_at: Time | None
    voided_reason: str
    intact: bool


@dataclasses.dataclass(frozen=True, slots=True)
class ChecklistEntry:
    item: str
    name: str
    result: str
    reason: str
    evidence: str
    confirmed_by: str
    confirmed_dept: str
    confirmed_at: Time | None
    attachment_id: int | None
    row_version: int
    recorded_by: str | None
    recorded_at: Time


@dataclasses.dataclass(frozen=True, slots=True)
class Step:
    kind: str
    step: int
    status: str
    started_at: Time | None
    finished_at: Time | None
    note: str
    recorded_by: str | None
    row_version: int


@dataclasses.dataclass(frozen=True, slots=True)
class DeviationView:
    kind: str
    subject: str
    reason: str
    detail: Mapping[str, Any]
    recorded_at: Time
    recorded_by: str | None


@dataclasses.dataclass(frozen=True, slots=True)
class ObservationView:
    kind: str
    at: Time
    text: str
    recorded_by: str | None


@dataclasses.dataclass(frozen=True, slots=True)
class ProblemView:
    id: int
    detected_at: Time
    reported_by: str | None
    description: str
    triggers: tuple[Any, ...]
    decision: str | None
    decided_at: Time | None
    decided_by: str | None
    decision_reason: str
    decision_late: bool
    decision_due: Time
    row_version: int


@dataclasses.dataclass(frozen=True, slots=True)
class RollbackView:
    started_at: Time
    restored_at: Time | None
    restored_by: str | None
    cause: str
    completed_at: Time | None
    row_version: int


@dataclasses.dataclass(frozen=True, slots=True)
class ConfigItemView:
    name: str
    before: str
    after: str
    applied: str | None
    applied_at: Time | None


@dataclasses.dataclass(frozen=True, slots=True)
class DeadlineView:
    kind: str
    due: Time | None
    done_at: Time | None
    state: str           # ok | warn | overdue | met | missed (domain.deadlines.State's value)
    requirement: str


@dataclasses.dataclass(frozen=True, slots=True)
class ClosureView:
    outcome: str
    analysis: str
    closed_by: str | None
    closed_at: Time
    signature_id: int | None
    signature_broken: bool


@dataclasses.dataclass(frozen=True, slots=True)
class KnowledgeView:
    id: int
    title: str
    body: str
    tags: str
    created_at: Time


@dataclasses.dataclass(frozen=True, slots=True)
class AttachmentView:
    id: int
    filename: str
    sha256: str
    size: int
    note: str
    added_by: str | None
    added_at: Time


@dataclasses.dataclass(frozen=True, slots=True)
class DocumentView:
    kind: str
    filename: str
    sha256: str
    revision: int | None
    created_by: str | None
    created_at: Time


@dataclasses.dataclass(frozen=True, slots=True)
class AuditView:
    seq: int
    at: Time
    actor: str
    action: str
    entity: str
    key: str
    detail: Mapping[str, Any]
    hash: str


@dataclasses.dataclass(frozen=True, slots=True)
class SoftwareView:
    artifact: str
    version: str
    sha256: str
    location: str
    status: str


@dataclasses.dataclass(frozen=True, slots=True)
class StageView:
    status: str
    status_name: str
    stage: str
    at: Time
    actor: str
    action: str


@dataclasses.dataclass(frozen=True, slots=True)
class ProductionView:
    name: str
    version: str | None
    since: Time | None
    by_release: bool


@dataclasses.dataclass(frozen=True, slots=True)
class KpiView:
    quarter: str
    year: int
    q: int
    counted: bool
    success: bool
    total: int
    successful: int
    target: float


@dataclasses.dataclass(frozen=True, slots=True)
class ReleaseDetail:
    """One release, whole (``relgui.services.details.read``). Field order is the JSON's key order."""

    id: int
    number: str
    title: str
    type: str
    type_name: str
    status: str
    status_name: str
    stage: str
    result: str | None
    profile: str
    systems: str
    description: str
    planned_start: Time | None
    planned_end: Time | None
    requested_by: str | None
    owner: str | None
    created_at: Time
    updated_at: Time
    accepted_at: Time | None
    plan_approved_at: Time | None
    deployment_started_at: Time | None
    deployment_finished_at: Time | None
    closed_at: Time | None
    closed_by: str | None
    row_version: int
    changes: tuple[Change, ...]
    plan: Mapping[str, Any] | None        # the plan's content as stored (its sections, tables)
    revisions: tuple[Revision, ...]
    signatures: tuple[SignatureView, ...]
    checklists: Mapping[str, tuple[ChecklistEntry, ...]]
    steps: tuple[Step, ...]
    deviations: tuple[DeviationView, ...]
    observations: tuple[ObservationView, ...]
    problems: tuple[ProblemView, ...]
    rollback: RollbackView | None
    config_items: tuple[ConfigItemView, ...]
    deadlines: tuple[DeadlineView, ...]
    closure: ClosureView | None
    closure_signature_broken: bool
    knowledge: tuple[KnowledgeView, ...]
    attachments: tuple[AttachmentView, ...]
    documents: tuple[DocumentView, ...]
    timezone: str
    audit: tuple[AuditView, ...]
    plan_gaps: int
    software: Mapping[int, SoftwareView]
    stages: tuple[StageView, ...]
    production: tuple[ProductionView, ...]
    kpi: KpiView | None

    def deadline(self, kind: str) -> DeadlineView | None:
        """The latest deadline of ``kind`` (cmdb | rollback_decision), None when none runs."""
        found = [d for d in self.deadlines if d.kind == kind]
        return found[-1] if found else None


def to_json(value: Any) -> Any:
    """``value`` (a read model, or anything holding them) as JSON-ready data: a dataclass as a
    dict keyed by its fields in order, a time as ``timeutil.iso`` says it, tuples as lists.
    What ``relgui-admin release show --json`` prints and the documents are built from."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_json(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dt.datetime):
        return iso(value)
    if isinstance(value, (tuple, list)):
        return [to_json(v) for v in value]
    if isinstance(value, Mapping):
        return {k: to_json(v) for k, v in value.items()}
    return value
