"""The audit trail: every change recorded; tampering (edit, delete, reorder) found by verify."""

from __future__ import annotations

import datetime as _dt

import pytest
from flows import release_at
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from relgui.domain.states import Status
from relgui.services import auditing
from relgui.store import audit as _audit
from relgui.store.models import AuditEvent


def _tamper(world, *statements):
    """What a person with direct database access could do, triggers bypassed (the schema's owner)."""
    with world.owner_engine.begin() as conn:
        if world.backend == "postgresql":
            conn.execute(text("ALTER TABLE audit_events DISABLE TRIGGER USER"))
        else:
            conn.execute(text("DROP TRIGGER audit_events_no_update"))
            conn.execute(text("DROP TRIGGER audit_events_no_delete"))
        for statement in statements:
            conn.execute(text(statement))


@pytest.fixture
def trail(world):
    release_at(world, Status.PLAN_APPROVED)
    result = auditing.verify(world.ctx())
    assert result.ok and result.checked > 10
    return world, result


def test_every_use_case_left_one_event_per_step_with_old_and_new_values(trail):
    """R-1.3-TRACE: who, when, what, old and new value; no gaps in the sequence."""
    world, _ = trail
    with world.db.read() as s:
        events = s.execute(select(AuditEvent).order_by(AuditEvent.seq)).scalars().all()
    seqs = [e.seq for e in events]
    assert seqs == list(range(1, len(seqs) + 1))
    accept = next(e for e in events if e.action == "release.accept")
    assert accept.detail["changes"]["status"] == ["requested", "accepted"]
    assert accept.actor_name == "张伟"


@pytest.mark.parametrize("statement", ["UPDATE audit_events SET actor_name = 'x' WHERE seq = 3",
                                       "DELETE FROM audit_events WHERE seq = 3"])
def test_database_refuses_update_and_delete_of_audit_rows(trail, statement):
    """R-1.3-TRACE: append-only in the database itself, for the schema's owner too (its triggers;
    a workstation has not even the privilege: tests/test_pg_roles.py)."""
    world, _ = trail
    with pytest.raises(DBAPIError):
        with world.owner_engine.begin() as conn:
            conn.execute(text(statement))


@pytest.mark.parametrize("world", ["postgresql"], indirect=True)
def test_truncate_is_refused_on_postgresql(trail):
    world, _ = trail
    with pytest.raises(DBAPIError):
        with world.owner_engine.begin() as conn:
            conn.execute(text("TRUNCATE audit_events"))


def test_edited_row_is_found(trail):
    """R-1.3-TRACE: tamper-evident."""
    world, _ = trail
    _tamper(world, "UPDATE audit_events SET actor_name = '王五' WHERE seq = 5")
    result = auditing.verify(world.ctx())
    assert not result.ok and result.broken_seq == 5 and result.problem == "hash_mismatch"
    assert "第 5 条" in result.describe("zh_CN")


def test_deleted_row_is_found(trail):
    world, _ = trail
    _tamper(world, "DELETE FROM audit_events WHERE seq = 4")
    result = auditing.verify(world.ctx())
    assert (result.ok, result.broken_seq, result.problem) == (False, 4, "missing")


def test_reordered_rows_are_found(trail):
    world, _ = trail
    _tamper(world,
            "UPDATE audit_events SET seq = -1 WHERE seq = 6",
            "UPDATE audit_events SET seq = 6 WHERE seq = 7",
            "UPDATE audit_events SET seq = 7 WHERE seq = -1")
    result = auditing.verify(world.ctx())
    assert not result.ok and result.broken_seq == 6


def test_events_removed_from_the_end_are_found_against_a_known_head(trail):
    world, before = trail
    _tamper(world, f"DELETE FROM audit_events WHERE seq = {before.head_seq}")
    assert auditing.verify(world.ctx()).ok  # the chain alone cannot tell …
    result = auditing.verify(world.ctx(), (before.head_seq, before.head_hash))
    assert not result.ok and result.problem == "head_mismatch"  # … a remembered head can


def test_recomputed_forgery_is_found_against_a_known_head(trail):
    world, before = trail
    _tamper(world, f"UPDATE audit_events SET hash = '{'0' * 64}' WHERE seq = {before.head_seq}")
    result = auditing.verify(world.ctx(), (before.head_seq, before.head_hash))
    assert not result.ok


# The bulk writer's hand-built canonical form must be byte for byte the reference one, or
# every demo event would fail `audit verify`.
_texts = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30)
_json = st.recursive(st.none() | st.booleans() | st.integers() | _texts,
                     lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_texts, inner, max_size=3),
                     max_leaves=8)


@settings(max_examples=300, deadline=None)
@given(seq=st.integers(1, 10**9), at=st.datetimes(timezones=st.sampled_from(
           [_dt.UTC, _dt.timezone(_dt.timedelta(hours=8))])),
       actor=st.none() | st.integers(1, 10**6), name=_texts, action=_texts, entity=_texts, key=_texts,
       rid=st.none() | st.integers(1, 10**6), detail=st.dictionaries(_texts, _json, max_size=4))
def test_bulk_canonical_form_is_the_reference_one(seq, at, actor, name, action, entity, key, rid, detail):
    reference = _audit.canonical_event(seq, at, actor, name, action, entity, key, rid, detail)
    fast = _audit.canonical_event_text(seq, at, actor, name, action, entity, key, rid,
                                       _audit.canonical_detail(detail))
    assert fast == reference
