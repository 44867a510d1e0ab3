"""Closing a release: what the manager's closing signature signs (R-4.2.2-CLOSE, R-DOC-SIGN),
and the consistency rules a closed record must satisfy, so that what the 发布变更报告 prints
can never contradict itself (R-4.4.2-KNOWLEDGE, R-4.4.2-ARCHIVE, R-4.5.1-TRIGGERS,
R-4.5.2-DECIDE30).

The predicates take plain facts and return refusals; the services call them where a record is
written (checklist results, rollback decisions) and the lifecycle calls them before a release
is completed or closed, so a record stored before a rule existed is still caught at closure.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from relgui.domain import validation
from relgui.domain.errors import Refusal
from relgui.domain.plan import digest

# The triggers after which continuing the release needs a recorded reason (4.5.1 出现数据不一致或丢失).
DATA_TRIGGERS = frozenset({"data"})
# The documents 文档归档 stands for while the release is open: the approved plan (the report is
# made at closure; its archiving is the closure's own condition).
ARCHIVE_REQUIRES = ("plan",)
DOCUMENT_NAMES = {"plan": ("发布计划", "release plan"), "report": ("发布变更报告", "release change report")}


def closure_digest(number: str, outcome: str | None, analysis: str) -> str:
    """The release, its result and the manager's analysis: shown by the close dialog before
    signing, signed by relgui.services.closing.close, recomputed by `doc verify`."""
    return digest({"release": number, "outcome": outcome, "analysis": analysis})


def knowledge_refusals(result: str, lessons: int) -> Iterable[Refusal]:
    """R-4.4.2-KNOWLEDGE: 知识更新 通过 means a lesson of this release is in the knowledge base."""
    if result == "pass" and lessons <= 0:
        yield Refusal("knowledge_without_lesson", "R-4.4.2-KNOWLEDGE")


def archive_refusals(result: str, archived: Iterable[str], required: Sequence[str] = ARCHIVE_REQUIRES
                     ) -> Iterable[Refusal]:
    """R-4.4.2-ARCHIVE: 文档归档 通过 means the documents are in the archive (the approved plan;
    ``required`` names the kinds, e.g. ("plan", "report") at closure)."""
    if result != "pass":
        return
    have = {k.split(".")[0] for k in archived}  # plan.pdf is the plan's other face
    missing = [k for k in required if k not in have]
    if missing:
        yield Refusal("archive_without_documents", "R-4.4.2-ARCHIVE", {
            "documents": "、".join(f"《{DOCUMENT_NAMES.get(k, (k, k))[0]}》" for k in missing),
            "documents_en": " and the ".join(DOCUMENT_NAMES.get(k, (k, k))[1] for k in missing)})


def documents_archived(archived: Iterable[str], required: Sequence[str] = ARCHIVE_REQUIRES) -> bool:
    """Whether every document kind in ``required`` has been archived (plan, report …)."""
    have = {k.split(".")[0] for k in archived}
    return all(k in have for k in required)


def decision_refusals(triggers: Iterable[str], decision: str | None, reason: str) -> Iterable[Refusal]:
    """R-4.5.1-TRIGGERS / R-4.5.2-DECIDE30: continuing after data was found inconsistent or
    lost is a decision against a rollback trigger; it stands only with its reason recorded."""
    if decision == "continue" and DATA_TRIGGERS & set(triggers or ()) and not (reason or "").strip():
        yield Refusal("continue_after_data_loss", "R-4.5.1-TRIGGERS")


@dataclass(frozen=True)
class ClosureFacts:
    """What the consistency of a release's record depends on (gathered by the services)."""

    knowledge_result: str = ""        # the 知识更新 item of 配置更新: pass / fail / na / ''
    archive_result: str = ""          # the 文档归档 item
    lessons: int = 0                  # knowledge entries of the release
    archived: frozenset[str] = frozenset()   # archived document kinds (plan, plan.pdf, report …)
    decisions: tuple[tuple[tuple[str, ...], str | None, str], ...] = ()  # (triggers, decision, reason)
    outcome: str | None = None        # the release's outcome so far (failed / rolled_back need a lesson)


def refusals(f: ClosureFacts) -> list[Refusal]:
    """Every inconsistency of the record: checked before 配置更新 completes and before closure."""
    out = [*knowledge_refusals(f.knowledge_result, f.lessons),
           *archive_refusals(f.archive_result, f.archived)]
    for triggers, decision, reason in f.decisions:
        out.extend(decision_refusals(triggers, decision, reason))
    out.extend(validation.lesson_refusals(f.outcome, f.lessons))  # R-4.4.2-KNOWLEDGE: 经验总结
    return out
