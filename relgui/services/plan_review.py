"""What an approver reads before signing (issue 15, "an approver's view").

``plan(ctx, number)`` — the whole 发布计划 read-only, section by section in the profile's order
(R-4.2.2-SECTIONS), with the differences from the last *signed* revision: the newest earlier
revision that carries an approval signature, whether that approval still holds, was voided by
an edit (R-DOC-SIGN: "an edit after approval voids the signature visibly") or no longer
verifies. So the manager asked to approve V3 sees what changed since the V2 they (or a
colleague) signed, not since the draft's last save. Sections, fields, tables and table rows are
marked added / removed / changed, with the earlier value beside the new one.

``report_preview(ctx, number, analysis)`` — the 发布变更报告 as closing would print it
(R-4.2.2-CLOSE, R-DOC-REPORT), with the analysis as typed so far, before the manager signs;
a preview, so its closing block is unsigned and it is marked as a draft by its renderer.

Values are display text in the reader's language (``ctx.lang``): choices translated, times in
the company's time zone (one time rule: relgui.services.company.zone), table references
(``*_ref``) left out. Reading changes nothing and needs no role beyond a login, as the
release's detail does.
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import select

from relgui.documents import fmt
from relgui.domain import lang as language
from relgui.domain import messages, text
from relgui.domain import plan as plandom
from relgui.domain.profile import Column, FieldSpec, PlanSection, Profile, TableSpec
from relgui.domain.states import Status
from relgui.domain.timeutil import from_db, iso
from relgui.policy import profile_for
from relgui.services import company, documents, signing
from relgui.services.context import AppContext, reading
from relgui.services.facts import PLAN_BEING_WRITTEN, approval_state, load_release, plan_gaps
from relgui.store.models import Plan, PlanRevision, Signature, User

# What happened to a part of the plan since the last signed revision ("" = the same, or nothing
# to compare with).
ADDED, REMOVED, CHANGED, SAME = "added", "removed", "changed", ""
SHOWN = "%Y-%m-%d %H:%M"


@dataclass(frozen=True)
class FieldView:
    key: str
    label: str
    value: str             # as the plan read now says it
    before: str = ""       # as the signed revision said it (when it differs)
    change: str = SAME


@dataclass(frozen=True)
class RowView:
    number: int            # 序号 in the plan read now; 0 for a row that was removed
    cells: tuple[str, ...]
    before: tuple[str, ...] = ()  # the signed revision's cells of a changed row
    change: str = SAME

    def changed_cells(self) -> tuple[int, ...]:
        if self.change != CHANGED:
            return ()
        return tuple(i for i, (a, b) in enumerate(zip(self.before, self.cells)) if a != b)


@dataclass(frozen=True)
class TableView:
    key: str
    label: str
    columns: tuple[str, ...]
    rows: tuple[RowView, ...]
    change: str = SAME


@dataclass(frozen=True)
class SectionView:
    key: str
    label: str
    page: str
    required: bool
    fields: tuple[FieldView, ...]
    tables: tuple[TableView, ...]
    gaps: int              # what the plan read now still lacks here (a draft; 0 once frozen)
    change: str = SAME

    @property
    def empty(self) -> bool:
        return not any(f.value for f in self.fields) and not any(
            r.change != REMOVED for t in self.tables for r in t.rows)


@dataclass(frozen=True)
class Change:
    """One difference, for the list at the top: where, and what happened there."""

    section: str           # section key (the dialog's anchor)
    where: str             # 节 › 字段 / 表, in the reader's language
    change: str            # added | removed | changed
    before: str = ""
    after: str = ""


@dataclass(frozen=True)
class Signed:
    """An approval signature on a revision, and whether it still holds."""

    signer: str
    role: str
    at: str                # company time
    code: str
    state: str             # valid | voided | broken
    void_reason: str = ""  # in the reader's language


@dataclass(frozen=True)
class PlanReview:
    release_id: int
    number: str
    title: str
    type: str
    status: str
    zone: str                          # the company's time zone as people read it: UTC+08:00
    shown: str                         # revision | draft | none
    revision: int | None               # the revision shown (None for a draft or no plan)
    revision_hash: str
    submitted_by: str
    submitted_at: str
    reason: str                        # the revision's 修订说明
    approval: Signed | None            # the approval on the revision shown, if any
    base: int | None                   # the last signed revision compared with, if any
    base_approval: Signed | None
    sections: tuple[SectionView, ...]
    changes: tuple[Change, ...]

    @property
    def compared(self) -> bool:
        return self.base is not None


def _zone_label(tz: dt.tzinfo, now: dt.datetime) -> str:
    offset = now.astimezone(tz).utcoffset() or dt.timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


class _Words:
    """Stored values as the reader reads them: the language's choices, the company's time."""

    def __init__(self, lang: str, tz: dt.tzinfo):
        self.lang, self.tz = lang, tz

    def cell(self, spec: Column | FieldSpec, value: Any) -> str:
        if value is None or value == "":
            return ""
        if getattr(spec, "kind", "line") == "datetime":
            return fmt.when(value, self.tz, SHOWN)
        if spec.choices and value in spec.choices and spec.choices_en and language.english(self.lang):
            return spec.choices_en[spec.choices.index(value)]
        return fmt.clean(value)

    def rows(self, spec: TableSpec, rows: Any) -> list[tuple[str, ...]]:
        if not isinstance(rows, list):
            return []
        return [tuple(self.cell(c, (row or {}).get(c.key) if isinstance(row, dict) else "") for c in spec.columns)
                for row in rows]


def _field_change(before: str, after: str) -> str:
    if before == after:
        return SAME
    if not before:
        return ADDED
    return REMOVED if not after else CHANGED


def _rows(old: list[tuple[str, ...]], new: list[tuple[str, ...]], compare: bool) -> list[RowView]:
    if not compare:
        return [RowView(i, cells) for i, cells in enumerate(new, 1)]
    out: list[RowView] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, a0, a1, b0, b1 in matcher.get_opcodes():
        if tag == "equal":
            out.extend(RowView(j + 1, new[j]) for j in range(b0, b1))
            continue
        paired = min(a1 - a0, b1 - b0) if tag == "replace" else 0
        for k in range(paired):  # a row edited in place reads as that row changed
            out.append(RowView(b0 + k + 1, new[b0 + k], old[a0 + k], CHANGED))
        out.extend(RowView(0, old[i], (), REMOVED) for i in range(a0 + paired, a1))
        out.extend(RowView(j + 1, new[j], (), ADDED) for j in range(b0 + paired, b1))
    return out


def _section(section: PlanSection, profile: Profile, words: _Words, now: dict[str, Any],
             then: dict[str, Any] | None, gaps: int) -> tuple[SectionView, list[Change]]:
    lang = words.lang
    compare = then is not None
    then = then or {}
    name = section.label(lang)
    changes: list[Change] = []

    def where(spec) -> str:
        label = spec.label(lang)
        return name if label == name else f"{name} › {label}"  # a one-field section is named once

    fields = []
    for f in section.fields:
        after, before = words.cell(f, now.get(f.key)), words.cell(f, then.get(f.key))
        change = _field_change(before, after) if compare else SAME
        fields.append(FieldView(f.key, f.label(lang), after, before if change else "", change))
        if change:
            changes.append(Change(section.key, where(f), change, before, after))
    tables = []
    for t in section.tables:
        old, new = words.rows(t, then.get(t.key)), words.rows(t, now.get(t.key))
        rows = _rows(old, new, compare)
        moved = [r for r in rows if r.change]
        change = SAME if not moved else (ADDED if not old else REMOVED if not new else CHANGED)
        tables.append(TableView(t.key, t.label(lang), tuple(c.label(lang) for c in t.columns), tuple(rows), change))
        for r in moved:
            changes.append(Change(section.key, where(t), r.change, " | ".join(r.before or (r.cells if r.change == REMOVED
                                                                                             else ())),
                                  " | ".join(r.cells) if r.change != REMOVED else ""))
    page = next((p.label(lang) for p in profile.plan_pages if p.key == section.page), "")
    view = SectionView(section.key, name, page, section.required, tuple(fields), tuple(tables), gaps)
    if changes:
        had = any(f.before or (f.value and not f.change) for f in fields) or any(
            r.change in (SAME, REMOVED, CHANGED) for t in tables for r in t.rows)
        has = any(f.value for f in fields) or any(r.change != REMOVED for t in tables for r in t.rows)
        view = replace(view, change=ADDED if not had else REMOVED if not has else CHANGED)
    return view, changes


def _signed(sig: Signature, s, revision: PlanRevision, words: _Words, profile: Profile) -> Signed:
    valid, broken = approval_state(s, revision)
    if sig.voided_at is not None:
        state = "voided"
    elif valid is not None and valid.id == sig.id:
        state = "valid"
    else:
        state = "broken"
    role = profile.roles[sig.signer_role].label(words.lang) if sig.signer_role in profile.roles else sig.signer_role
    return Signed(sig.signer_name, role, fmt.when(from_db(sig.signed_at), words.tz, SHOWN),
                  signing.verification_code(sig.signature_hash), state,
                  messages.void_reason(sig.voided_reason, words.lang) if sig.voided_at is not None else "")


def plan(ctx: AppContext, key: int | str) -> PlanReview:
    """The 发布计划 of a release as an approver reads it (see the module's text). The plan shown
    is the newest frozen revision once it was submitted; while it is being written (accepted,
    planning) the working draft, compared with the last signed revision all the same."""
    with reading(ctx) as s:
        release = load_release(s, key)
        profile = profile_for(release.profile_ref)
        settings = company.load(s)
        tz = company.zone(settings.timezone or "Asia/Shanghai")
        words = _Words(ctx.lang, tz)
        revs = s.execute(select(PlanRevision).where(PlanRevision.release_id == release.id)
                         .order_by(PlanRevision.number)).scalars().all()
        approvals: dict[int, Signature] = {}
        if revs:
            for sig in s.execute(select(Signature).where(
                    Signature.release_id == release.id, Signature.subject == "plan_revision",
                    Signature.meaning == "approve").order_by(Signature.id)).scalars():
                approvals[sig.subject_id] = sig  # the newest approval of each revision
        draft = s.get(Plan, release.id)
        being_written = Status(release.status) in PLAN_BEING_WRITTEN - {Status.PLAN_SUBMITTED}
        shown_rev = revs[-1] if revs and not (being_written and draft is not None) else None
        if shown_rev is not None:
            content, shown = shown_rev.content, "revision"
        elif draft is not None:
            content, shown = draft.content, "draft"
        else:
            content, shown = plandom.empty_content(profile), "none"
        limit = shown_rev.number if shown_rev is not None else None
        base_rev = next((r for r in reversed(revs) if r.id in approvals and (limit is None or r.number < limit)),
                        None)
        base = base_rev.content if base_rev is not None else None
        gaps: dict[str, int] = {}
        if shown == "draft":
            for g in plan_gaps(s, profile, content, current=True):
                gaps[g.section] = gaps.get(g.section, 0) + 1
        sections, changes = [], []
        for section in profile.plan_sections:
            view, found = _section(section, profile, words, content.get(section.key) or {},
                                   (base.get(section.key) or {}) if base is not None else None,
                                   gaps.get(section.key, 0))
            sections.append(view)
            changes.extend(found)
        author = ""
        if shown_rev is not None and shown_rev.created_by_id is not None:
            creator = s.get(User, shown_rev.created_by_id)
            author = creator.display_name if creator is not None else ""
        approval = (_signed(approvals[shown_rev.id], s, shown_rev, words, profile)
                    if shown_rev is not None and shown_rev.id in approvals else None)
        base_approval = (_signed(approvals[base_rev.id], s, base_rev, words, profile)
                         if base_rev is not None else None)
        return PlanReview(
            release.id, release.number, fmt.clean(release.title), release.type, release.status,
            _zone_label(tz, ctx.clock.now()), shown,
            shown_rev.number if shown_rev is not None else None,
            shown_rev.content_hash if shown_rev is not None else "",
            author, fmt.when(from_db(shown_rev.created_at), tz, SHOWN) if shown_rev is not None else "",
            fmt.clean(shown_rev.reason) if shown_rev is not None else "",
            approval, base_rev.number if base_rev is not None else None, base_approval,
            tuple(sections), tuple(changes))


def report_preview(ctx: AppContext, key: int | str, analysis: str):
    """The 发布变更报告 (a DocModel) as closing would make it now, with ``analysis`` as typed in
    the close dialog; nothing is written, nothing signed. The analysis passes the same text
    rule as closing's (an empty one previews with an empty 成败分析)."""
    typed = text.block(analysis, "analysis", required=False)
    with reading(ctx) as s:
        release = load_release(s, key)
        src = documents.source(ctx, release.number, "report", session=s)
    closure = dict(src.release.get("closure") or {})
    if not closure.get("signature_id"):  # not closed yet: the analysis as it will be signed
        closure.update({"analysis": typed, "outcome": src.release.get("result"), "signature_id": None,
                        "closed_at": iso(ctx.clock.now()),
                        "closed_by": ctx.actor.display_name if ctx.actor is not None else ""})
        src.release["closure"] = closure
    return documents.build(src, "report")
