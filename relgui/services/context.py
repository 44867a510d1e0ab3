"""The explicit context every use case receives, and the unit of work it runs in.

One use case = one transaction: load, check (relgui.domain), change rows, append one audit
event, commit. A stale version becomes a Conflict naming who changed the record and when;
a lost connection becomes StorageUnavailable; nothing half-written survives either.
"""

from __future__ import annotations

import contextlib
import dataclasses
import getpass
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import event, inspect, select
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified
from sqlalchemy.orm.exc import StaleDataError

from relgui.domain import versions
from relgui.domain.errors import AuthError, Conflict, Refusal, StorageUnavailable
from relgui.domain.lifecycle import Actor
from relgui.domain.timeutil import Clock, SystemClock
from relgui.domain.versions import NEW
from relgui.store import audit, evidence
from relgui.store.engine import Database
from relgui.store.models import AuditEvent, CompanySettings, Release, User


def system_actor(tool: str = "relgui-admin") -> Actor:
    """The administration tools act as the system, named with the OS account for the audit."""
    try:
        who = getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name in some service accounts
        who = "?"
    return Actor(None, tool, f"{tool} ({who})")


@dataclass(frozen=True)
class Changes:
    """What a use case changed, so only the affected views refresh."""

    entities: frozenset[str] = frozenset()
    release_ids: frozenset[int] = frozenset()
    seq: int = 0


@dataclass
class AppContext:
    db: Database
    actor: Actor = field(default_factory=system_actor)
    clock: Clock = field(default_factory=SystemClock)
    lang: str = "zh_CN"
    listeners: list[Callable[[Changes], None]] = field(default_factory=list)
    # Set when refresh_actor found the user's rights changed; the next notice carries "session".
    pending_notice: bool = field(default=False, compare=False, repr=False)

    def as_user(self, actor: Actor) -> AppContext:
        return dataclasses.replace(self, actor=actor)

    def notify(self, changes: Changes) -> None:
        for listener in list(self.listeners):
            listener(changes)


class Work:
    """The open unit of work handed to a use case."""

    def __init__(self, ctx: AppContext, session: Session):
        self.ctx = ctx
        self.s = session
        self.now = ctx.clock.now()
        self._entities: set[str] = set()
        self._releases: set[int] = set()
        self._seq = 0
        self.guard: tuple[str, Any] | None = None
        # Who the audit events name when that is not the session's actor: a login (before it the
        # session is nobody's: the account that tries), the first account made by the first run.
        self.audit_actor: Actor | None = None
        self._guarded: list[Any] = []
        self._pending: list[dict[str, Any]] = []
        # Evidence rows written (by object identity) and deleted (by key), each with the index
        # of the event it belongs to.
        self._rows: dict[int, tuple[Any, int]] = {}
        self._deleted: dict[str, tuple[int, int]] = {}
        self._before: dict[int, tuple[str, str]] = {}  # (key, row hash) as read, by object identity
        session.info["relgui_work"] = self

    @property
    def actor(self) -> Actor:
        """Who acts, as the database says now (refreshed when the unit of work began)."""
        return self.ctx.actor

    def expect_version(self, obj: Any, expected: object, kind: str, key: Any) -> None:
        """Refuse to write over a record someone else saved since the caller read it.

        ``expected`` is the version the caller saw: the record's ``row_version``, or ``NEW``
        when it saw no record (then an existing one is a conflict, never an overwrite).
        None is not a version (versions.MissingVersion).
        """
        self.guard = (kind, key)
        seen = versions.check(expected)
        if seen is NEW:
            if obj is not None:
                raise conflict_for(self.s, kind, key)
        elif obj is None or obj.row_version != seen:
            raise conflict_for(self.s, kind, key)
        if obj is not None:
            self._guarded.append(obj)

    def bump_guarded(self) -> None:
        """Every record a write claimed to have seen moves to a new version at commit, even
        when the write happened to store the same values: two acknowledged writes never claim
        the same version (stress_writes.py counts that as a lost write)."""
        for obj in self._guarded:
            state = inspect(obj)
            if state.deleted or state.detached or not hasattr(obj, "row_version"):
                continue
            if self.s.is_modified(obj):
                continue  # its UPDATE moves the version anyway (and keeps each column's old value)
            column = next(a.key for a in state.mapper.column_attrs
                          if a.key != "row_version" and not a.columns[0].primary_key)
            flag_modified(obj, column)

    def audit(self, action: str, entity: str, key: Any, *, release_id: int | None = None,
              changes: dict[str, tuple[Any, Any]] | None = None, reason: str = "",
              **extra: Any) -> None:
        """Record what this use case did. The event is appended to the chain when the unit of
        work ends, so the last event can carry the after-image of every row it wrote."""
        detail: dict[str, Any] = {}
        if changes:
            detail["changes"] = {k: [_plain(o), _plain(n)] for k, (o, n) in changes.items()}
        if reason:
            detail["reason"] = reason
        detail.update({k: _plain(v) for k, v in extra.items()})
        self.s.flush()  # rows written so far belong to this event (or a later one)
        self._pending.append({"action": action, "entity": entity, "entity_key": str(key),
                              "release_id": release_id, "detail": detail})
        self._entities.add(entity)
        if release_id is not None:
            self._releases.add(release_id)

    def _written(self, session: Session) -> None:
        """After each flush: the evidence rows it inserted, updated or deleted (their images
        are taken at the end, as the rows are then)."""
        event = len(self._pending)  # the event these rows belong to: the next one recorded
        for obj in session.dirty:
            if obj.__table__.name in evidence.TABLES and id(obj) not in self._before and id(obj) not in self._rows:
                # First seen changed: the row as it was read from the database (its "before"),
                # which verification holds against the chain's last image of it.
                found = evidence.before_image(obj)
                if found is not None:
                    self._before[id(obj)] = found
        for obj in list(session.new) + list(session.dirty):
            if obj.__table__.name in evidence.TABLES:
                self._rows.setdefault(id(obj), (obj, event))
                self._rows[id(obj)] = (obj, event)
        for obj in session.deleted:
            key = evidence.deleted_key(obj)
            if key is not None:
                if id(obj) not in self._before and id(obj) not in self._rows:
                    found = evidence.before_image(obj)
                    if found is not None:
                        self._before[id(obj)] = found
                self._rows.pop(id(obj), None)
                self._deleted[key] = (event, id(obj))

    def finish(self) -> None:
        """End of the use case: versions move on, then the events go to the chain, the last
        one with the after-image of every row written (relgui.store.evidence)."""
        self.bump_guarded()
        self.s.flush()
        last = len(self._pending) - 1
        images: dict[int, dict[str, str | None]] = {}
        befores: dict[int, dict[str, str]] = {}
        for key, (at, ident) in self._deleted.items():
            images.setdefault(min(at, last), {})[key] = None
            if ident in self._before:
                befores.setdefault(min(at, last), {})[key] = self._before[ident][1]
        for ident, (obj, at) in self._rows.items():
            state = inspect(obj)
            if state.deleted or state.detached or state.was_deleted:
                continue
            found = evidence.image_of_object(obj)
            if found is not None:
                images.setdefault(min(at, last), {})[found[0]] = found[1]
                if ident in self._before:
                    befores.setdefault(min(at, last), {})[found[0]] = self._before[ident][1]
        for i, pending in enumerate(self._pending):
            detail = pending["detail"]
            if images.get(i):
                detail = {**detail, evidence.DETAIL_KEY: dict(sorted({**detail.get(evidence.DETAIL_KEY, {}), **images[i]}.items()))}
            if befores.get(i):
                detail = {**detail, evidence.BEFORE_KEY: dict(sorted(befores[i].items()))}
            speaker = self.audit_actor or self.actor
            appended = audit.append(self.s, at=self.now, actor_id=speaker.user_id,
                                    actor_name=speaker.display_name, action=pending["action"],
                                    entity=pending["entity"], entity_key=pending["entity_key"],
                                    release_id=pending["release_id"], detail=detail)
            self._seq = appended.seq
        self._pending.clear()

    def touch(self, row: Any) -> None:
        """This write changed ``row`` (or what hangs on it): its version moves on, even when no
        column of its own differs — so whoever saw the earlier state is refused, not merged."""
        unchanged = row.updated_at == self.now
        row.updated_at = self.now
        if unchanged:  # flag_modified forgets the old value: only where there is none to keep
            flag_modified(row, "updated_at")

    def changes(self) -> Changes:
        return Changes(frozenset(self._entities), frozenset(self._releases), self._seq)


@event.listens_for(Session, "after_flush")
def _after_flush(session: Session, _context) -> None:
    work = session.info.get("relgui_work")
    if work is not None:
        work._written(session)


def _plain(value: Any) -> Any:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, (set, frozenset, tuple)):
        return sorted(value) if isinstance(value, (set, frozenset)) else list(value)
    return value


def conflict_for(session: Session, kind: str, key: Any) -> Conflict:
    """Who changed ``kind key`` last, and when (the company's time), from the audit trail.

    A release's version moves with everything recorded on it (steps, checklists …), so for a
    release the last event of any kind on it names who changed it.
    """
    where = [AuditEvent.entity == kind, AuditEvent.entity_key == str(key)]
    if kind == "release":
        rid = session.execute(select(Release.id).where(Release.number == str(key))).scalar()
        if rid is not None:
            where = [AuditEvent.release_id == rid]
    ev = session.execute(
        select(AuditEvent).where(*where).order_by(AuditEvent.seq.desc()).limit(1)
    ).scalar_one_or_none()
    if ev is None:
        return Conflict(kind, key, "?", "?")
    fields = tuple((ev.detail or {}).get("changes", {}).keys())
    return Conflict(kind, key, ev.actor_name, _company_time(session, ev.at), fields)


def company_zone(session: Session):
    """The company's time zone, the one every time a user reads is shown in (one query)."""
    # cycle: relgui.services.company imports this module
    from relgui.services.company import zone

    name = session.execute(select(CompanySettings.timezone).limit(1)).scalar()
    return zone(name or "Asia/Shanghai")


def _company_time(session: Session, when) -> str:
    return when.astimezone(company_zone(session)).strftime("%Y-%m-%d %H:%M:%S")


def refresh_actor(session: Session, ctx: AppContext) -> Actor:
    """The acting user as the database says now: enabled, with the roles held now.

    Rights are never those read at login (21 CFR 11.10(d)/(g): authority is checked when the
    act is done). A disabled or deleted account ends the session in words; changed roles
    replace the context's actor, and the listeners hear of it (the GUI re-renders).
    """
    actor = ctx.actor
    if actor.user_id is None:
        return actor  # the system itself (administration before any account, tests' seeding)
    row = session.execute(select(User.username, User.display_name, User.roles, User.disabled)
                          .where(User.id == actor.user_id)).first()
    if row is None:
        raise AuthError(Refusal("session_gone"))
    if row.disabled:
        raise AuthError(Refusal("session_disabled"))
    fresh = Actor(actor.user_id, row.username, row.display_name,
                  frozenset(r for r in row.roles.split(",") if r))
    if fresh != actor:
        ctx.actor = fresh
        ctx.pending_notice = True
    return fresh


@contextlib.contextmanager
def storage_errors() -> Iterator[None]:
    """Turn the environment's failures into StorageUnavailable (no traceback for the user)."""
    try:
        yield
    except OperationalError as exc:
        raise StorageUnavailable(_first_line(exc)) from exc
    except DBAPIError as exc:
        if exc.connection_invalidated:
            raise StorageUnavailable(_first_line(exc)) from exc
        if getattr(exc.orig, "sqlstate", None) == "42501":  # insufficient_privilege (PostgreSQL)
            raise StorageUnavailable(_first_line(exc), "db_permission") from exc
        raise


def _first_line(exc: DBAPIError) -> str:
    text = str(exc.orig) if exc.orig is not None else str(exc)
    return text.strip().splitlines()[0][:200] if text.strip() else type(exc).__name__


def _session_notice(ctx: AppContext) -> None:
    if ctx.pending_notice:
        ctx.pending_notice = False
        ctx.notify(Changes(frozenset({"session"})))


@contextlib.contextmanager
def unit_of_work(ctx: AppContext) -> Iterator[Work]:
    """One transaction. It begins by reading the acting user's rights as they are now."""
    work: Work | None = None
    try:
        with storage_errors():
            session = ctx.db.write_session()
            try:
                with session.begin():
                    refresh_actor(session, ctx)
                    work = Work(ctx, session)
                    yield work
                    work.finish()
            except StaleDataError:
                kind, key = work.guard if work and work.guard else ("record", "?")
                with ctx.db.read() as fresh:
                    raise conflict_for(fresh, kind, key) from None
            finally:
                session.close()
    finally:
        _session_notice(ctx)
    ctx.notify(work.changes())


@contextlib.contextmanager
def reading(ctx: AppContext, *, rights: bool = False, snapshot: bool = False) -> Iterator[Session]:
    """A read-only session; ``rights=True`` when what is read depends on who asks (the
    actions a user may take): the user's rights are then read as they are now. ``snapshot``:
    all its statements in one transaction (a backup); otherwise on PostgreSQL each statement
    stands alone (no BEGIN/ROLLBACK round trips; READ COMMITTED gave each its own snapshot
    anyway). The session is made, used and closed on the calling thread (the GUI's worker)."""
    try:
        with storage_errors(), ctx.db.read(snapshot=snapshot) as session:
            if rights:
                refresh_actor(session, ctx)
            yield session
    finally:
        _session_notice(ctx)
