"""Release requests and the lifecycle transitions that need no more than a reason.

Every transition goes through ``transition``: load, check the version the caller saw,
ask relgui.domain.lifecycle, change the status, audit, commit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from relgui.domain import lifecycle, numbering, text, timeutil, validation
from relgui.domain.errors import InvalidInput, PolicyViolation, Refusal
from relgui.domain.lifecycle import OUTCOME_OF
from relgui.domain.states import Action, Outcome, Status
from relgui.policy import profile_for
from relgui.services import accounts, company
from relgui.services.context import AppContext, Work, reading, unit_of_work
from relgui.services.facts import gather, load_release
from relgui.store.models import ChangeRequest, NumberSequence, Release, ReleaseChange


@dataclass(frozen=True)
class Created:
    id: int
    number: str
    row_version: int


def _type(profile, value: str) -> str:
    value = text.line(value, "type", required=False, limit=40)
    for key, t in profile.release_types.items():
        if value in (key, t.name, t.name_en):
            return key
    raise InvalidInput.of("type", "not_a_choice", value=value[:20],
                          choices="/".join(t.name for t in profile.release_types.values()))


def _window(start: object, end: object) -> tuple[dt.datetime | None, dt.datetime | None]:
    a = timeutil.parse(start, "planned_start") if start not in (None, "") else None
    b = timeutil.parse(end, "planned_end") if end not in (None, "") else None
    if a and b and b <= a:
        raise InvalidInput.of("planned_end", "end_before_start")
    return a, b


def next_number(w: Work) -> str:
    """Allocate the next release number; the sequence row is locked for the transaction."""
    settings = company.load(w.s)
    year = company.local_year(w)
    scope = str(year)
    seq = w.s.execute(select(NumberSequence).where(NumberSequence.scope == scope).with_for_update()).scalar_one_or_none()
    if seq is None:
        seq = NumberSequence(scope=scope, next_value=1)
        w.s.add(seq)
    while True:
        number = numbering.format_number(settings.number_pattern, year, seq.next_value)
        seq.next_value += 1
        if not w.s.execute(select(Release.id).where(Release.number == number)).first():
            return number


def _title(value: object) -> str:
    """A title within its visible limit, refused in words over it, never cut (R-1.3-TRACE)."""
    title = text.line(value, "title", limit=text.MAX_TEXT)  # over the visible limit: said below
    refused = validation.title_refusals(title)
    if refused:
        raise InvalidInput(*refused)
    return title


def _delivered(w: Work, changes: list[ChangeRequest], release_id: int | None) -> dict[str, str]:
    """Change number → the closed, successful release that already delivered it (R-4.2.1-CHANGE)."""
    if not changes:
        return {}
    rows = w.s.execute(select(ChangeRequest.number, Release.number).join(
        ReleaseChange, ReleaseChange.change_id == ChangeRequest.id).join(
        Release, Release.id == ReleaseChange.release_id).where(
        ChangeRequest.id.in_([c.id for c in changes]), Release.status == Status.CLOSED.value,
        Release.outcome == Outcome.SUCCESS.value,
        *([Release.id != release_id] if release_id is not None else [])).order_by(Release.number)).all()
    return {change: number for change, number in rows}


def create(ctx: AppContext, *, title: str, type: str, change_numbers: Sequence[str] = (),
           systems: str = "", description: str = "", planned_start: object = None,
           planned_end: object = None, confirm_delivered: bool = False) -> Created:
    """Submit a 发布请求. Acceptance later requires approved changes (R-4.2.1-CHANGE). A change
    already delivered by a closed release is linked only with ``confirm_delivered``. It runs
    under the policy profile the company has in force (accounts.profile_in_force)."""
    with reading(ctx) as s:
        profile = accounts.profile_in_force(s)
    title = _title(title)
    kind = _type(profile, type)
    systems = text.line(systems, "systems", required=False)
    description = text.block(description, "description")
    start, end = _window(planned_start, planned_end)
    numbers = text.keys(change_numbers, "number", limit=60)
    with unit_of_work(ctx) as w:
        refused = lifecycle.can_create(profile, w.actor)
        if refused:
            raise PolicyViolation(*refused)
        changes = []
        for n in dict.fromkeys(numbers):
            c = w.s.execute(select(ChangeRequest).where(ChangeRequest.number == n)).scalar_one_or_none()
            if c is None:
                raise InvalidInput.of("number", "not_found_change", value=n)
            changes.append(c)
        refused = validation.delivered_refusals(_delivered(w, changes, None), confirm_delivered is True)
        if refused:
            raise PolicyViolation(*refused)
        release = Release(
            number=next_number(w), title=title, type=kind, status=Status.REQUESTED.value,
            profile_ref=profile.ref, systems=systems, description=description,
            planned_start=start, planned_end=end, requested_by_id=w.actor.user_id,
            owner_id=w.actor.user_id, created_at=w.now, updated_at=w.now,
        )
        w.s.add(release)
        w.s.flush()
        for c in changes:
            w.s.add(ReleaseChange(release_id=release.id, change_id=c.id))
        w.guard = ("release", release.number)
        w.audit("release.create", "release", release.number, release_id=release.id, changes={
            "title": (None, title), "type": (None, kind), "status": (None, Status.REQUESTED.value),
            "changes": (None, [c.number for c in changes]), "profile": (None, profile.ref),
        })
        return Created(release.id, release.number, release.row_version)


def transition(w: Work, release: Release, action: Action, expected_version: object,
               reason: str = "", **extra: Any) -> Status:
    """Check and apply one lifecycle action on a loaded release; audit it."""
    w.expect_version(release, expected_version, "release", release.number)
    facts = gather(w.s, release)
    target = lifecycle.require(action, facts, w.actor)
    old = release.status
    release.status = target.value
    w.touch(release)
    changes: dict[str, tuple[Any, Any]] = {}
    if old != target.value:
        changes["status"] = (old, target.value)
    outcome = OUTCOME_OF.get(action)
    if outcome is not None:
        changes["outcome"] = (release.outcome, outcome.value)
        release.outcome = outcome.value
    w.audit(f"release.{action.value}", "release", release.number, release_id=release.id,
            changes=changes, reason=reason, **extra)
    return target


def _simple(ctx: AppContext, key: int | str, action: Action, expected_version: object,
            reason: str = "", reason_required: bool = False) -> Status:
    why = text.block(reason, "reason", required=reason_required, limit=2000)
    with unit_of_work(ctx) as w:
        release = load_release(w.s, key, lock=True)
        target = transition(w, release, action, expected_version, why)
        if action is Action.ACCEPT:
            release.accepted_at = w.now
        return target


def accept(ctx: AppContext, key: int | str, *, expected_version: object) -> Status:
    """发布受理 (R-4.2.1-CHANGE)."""
    return _simple(ctx, key, Action.ACCEPT, expected_version)


def reject_request(ctx: AppContext, key: int | str, reason: str, *, expected_version: object) -> Status:
    return _simple(ctx, key, Action.REJECT_REQUEST, expected_version, reason, reason_required=True)


def start_planning(ctx: AppContext, key: int | str, *, expected_version: object) -> Status:
    return _simple(ctx, key, Action.START_PLANNING, expected_version)


def cancel(ctx: AppContext, key: int | str, reason: str, *, expected_version: object) -> Status:
    return _simple(ctx, key, Action.CANCEL, expected_version, reason, reason_required=True)


# Until the plan is approved the linked changes may change (R-4.2.1-CHANGE, R-4.2.1-CORRELATION);
# after, the approved plan stands for exactly these changes.
LINKABLE = frozenset({Status.REQUESTED, Status.ACCEPTED, Status.PLANNING, Status.PLAN_SUBMITTED})


def link_changes(ctx: AppContext, key: int | str, change_numbers: list[str], *,
                 confirm_delivered: bool = False, expected_version: object) -> int:
    """Set the change requests a release is linked to, until its plan is approved. A change
    already delivered by a closed release needs ``confirm_delivered`` (R-4.2.1-CHANGE).
    Returns the release's new version."""
    numbers = list(dict.fromkeys(text.keys(change_numbers, "number", limit=60)))
    with unit_of_work(ctx) as w:
        release = load_release(w.s, key, lock=True)
        w.expect_version(release, expected_version, "release", release.number)
        if Status(release.status) not in LINKABLE:
            raise PolicyViolation(Refusal("changes_locked", "R-4.2.1-CHANGE", {"status": release.status}))
        if release.status == Status.REQUESTED:  # still a request: whoever may submit requests
            refused = lifecycle.can_create(profile_for(release.profile_ref), w.actor)
            if refused:
                raise PolicyViolation(*refused)
        else:  # later, linking changes is part of planning (R-4.2.1-CORRELATION)
            lifecycle.require(Action.EDIT_PLAN, gather(w.s, release), w.actor)
        changes = w.s.execute(select(ChangeRequest).where(ChangeRequest.number.in_(numbers))).scalars().all()
        missing = set(numbers) - {c.number for c in changes}
        if missing:
            raise InvalidInput.of("number", "not_found_change", value=sorted(missing)[0])
        refused = validation.delivered_refusals(_delivered(w, list(changes), release.id), confirm_delivered is True)
        if refused:
            raise PolicyViolation(*refused)
        old = [c.number for c in w.s.execute(select(ChangeRequest).join(
            ReleaseChange, ReleaseChange.change_id == ChangeRequest.id).where(
            ReleaseChange.release_id == release.id)).scalars()]
        for link in w.s.execute(select(ReleaseChange).where(ReleaseChange.release_id == release.id)).scalars():
            w.s.delete(link)
        w.s.flush()
        for c in changes:
            w.s.add(ReleaseChange(release_id=release.id, change_id=c.id))
        w.touch(release)
        noted: dict[str, Any] = {"confirmed_delivered": True} if confirm_delivered is True else {}
        w.audit("release.link_changes", "release", release.number, release_id=release.id,
                changes={"changes": (sorted(old), sorted(numbers))}, **noted)
    return _version(ctx, key)


def _version(ctx: AppContext, key: int | str) -> int:
    """The release's version as committed (a write's guarded records move once more at commit)."""
    with reading(ctx) as s:
        return load_release(s, key).row_version


def edit_request(ctx: AppContext, key: int | str, *, title: str, description: str, systems: str,
                 planned_start: object, planned_end: object, type: str, type_reason: str = "",
                 expected_version: object) -> int:
    """Edit a 发布请求 before it is accepted (R-4.2.1-CHANGE: what is accepted is what was asked):
    title, description, systems, window and type. Changing the type changes who approves the plan
    (R-4.1-APPROVER), so it needs ``type_reason``. Returns the release's new version."""
    title = _title(title)
    description = text.block(description, "description")
    systems = text.line(systems, "systems", required=False)
    start, end = _window(planned_start, planned_end)
    why = text.block(type_reason, "reason", limit=2000)
    with unit_of_work(ctx) as w:
        release = load_release(w.s, key, lock=True)
        profile = profile_for(release.profile_ref)
        kind = _type(profile, type)
        w.expect_version(release, expected_version, "release", release.number)
        if release.status != Status.REQUESTED.value:
            raise PolicyViolation(Refusal("request_not_editable", "R-4.2.1-CHANGE", {"status": release.status}))
        refused = lifecycle.can_create(profile, w.actor)
        if refused:
            raise PolicyViolation(*refused)
        if kind != release.type and not why:
            raise InvalidInput(Refusal("type_change_needs_reason", "R-4.1-APPROVER"))
        new = {"title": title, "description": description, "systems": systems, "planned_start": start,
               "planned_end": end, "type": kind}
        changes = {k: (getattr(release, k), v) for k, v in new.items()
                   if (timeutil.from_db(getattr(release, k)) if k.startswith("planned_") else getattr(release, k)) != v}
        if not changes:
            raise InvalidInput(Refusal("nothing_changed"))
        for k, (_, v) in changes.items():
            setattr(release, k, v)
        w.touch(release)
        w.audit("release.edit_request", "release", release.number, release_id=release.id, changes=changes,
                reason=why if "type" in changes else "")
    return _version(ctx, key)


def actions(ctx: AppContext, key: int | str) -> dict[Action, list]:
    """Each lifecycle action with the reasons it is refused now for the current user."""
    with reading(ctx, rights=True) as s:
        release = load_release(s, key)
        return lifecycle.available(gather(s, release), ctx.actor)


def profile_of(ctx: AppContext, key: int | str):
    with reading(ctx) as s:
        return profile_for(load_release(s, key).profile_ref)
