"""Sample data at realistic size: `relgui-admin demo --releases N --seed S`.

Not a use case: the generator sits beside the services (it calls company, signing and users,
and writes rows itself), used by relgui-admin, the first-run wizard, tests and benchmarks.

Releases in every lifecycle state, all three types, with linked approved changes, complete
plans and frozen revisions with approval signatures, checklists, monitoring, rollbacks and
signed closures. Written in bulk (SQL Core, one transaction) for speed, consistent with what
the services would have produced, and recorded in the audit trail (marked ``demo``).

Sample data goes only into an empty database: one without any release (accounts, company
settings and inventory may exist; the first-run wizard creates them before it offers sample
data). ``force=True`` adds to a database with releases, where it mixes with real records for
good. The sample accounts it creates get random passwords (``secrets``), handed back once in
the report for the caller to show; they are stored only as argon2 hashes, never logged or
audited. An account name already taken is used as it is.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import secrets
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any, overload

from sqlalchemy import bindparam, func, select, text

from relgui.demo.samples import (
    ACCEPTANCE,
    ANALYSIS_FAILED,
    ANALYSIS_ROLLED_BACK,
    ANALYSIS_SUCCESS,
    CI_KINDS,
    CONTINGENCIES,
    DEPARTMENTS,
    ENVIRONMENTS,
    FEATURES,
    LESSONS,
    MONITORING,
    OBSERVATIONS,
    PARTIES,
    PEOPLE,
    PROBLEMS,
    RISKS,
    ROLLBACK_STEPS,
    STEPS,
    SYSTEMS,
    TITLES,
)
from relgui.domain import numbering
from relgui.domain import plan as plandom
from relgui.domain.errors import InvalidInput, PolicyViolation, Refusal
from relgui.domain.lifecycle import Actor
from relgui.domain.states import Outcome, Role, Status
from relgui.domain.timeutil import FixedClock
from relgui.domain.versions import NEW
from relgui.policy import current_profile
from relgui.services import closing, company, documents, signing, users
from relgui.services.context import AppContext, Work, reading, unit_of_work
from relgui.store import audit, evidence
from relgui.store.models import (
    AuditEvent,
    ChangeRequest,
    ChecklistEntry,
    Closure,
    ConfigItem,
    ConfigItemHistory,
    Document,
    KnowledgeEntry,
    NumberSequence,
    Observation,
    Plan,
    PlanRevision,
    Problem,
    Release,
    ReleaseChange,
    ReleaseItem,
    Rollback,
    Signature,
    SoftwareVersion,
    StepRecord,
    User,
)
from relgui.store.types import json_text

DEMO_USERS = [("lina", "李娜", ("manager",)), ("zhaomin", "赵敏", ("manager",)),
              ("zhangwei", "张伟", ("engineer",)), ("wangfang", "王芳", ("engineer",)),
              ("liuyang", "刘洋", ("engineer",)), ("chenjing", "陈静", ("engineer",)),
              ("auditor", "审计员", ("auditor",))]
ACTIVE = [Status.REQUESTED, Status.ACCEPTED, Status.PLANNING, Status.PLAN_SUBMITTED, Status.PLAN_APPROVED,
          Status.PRECHECKED, Status.DEPLOYING, Status.VERIFYING, Status.ROLLING_BACK, Status.CONFIG_UPDATE,
          Status.AWAITING_CLOSE]
ORDER = [Status.REQUESTED, Status.ACCEPTED, Status.PLANNING, Status.PLAN_SUBMITTED, Status.PLAN_APPROVED,
         Status.PRECHECKED, Status.DEPLOYING, Status.VERIFYING, Status.CONFIG_UPDATE, Status.AWAITING_CLOSE,
         Status.CLOSED]
MAX_RELEASES = 1_000_000
KINDS = ["normal", "major", "emergency"]
SECTION_VERSIONS = json_text({s.key: 1 for s in current_profile().plan_sections})  # the same for every plan


PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: read aloud, typed from paper


@dataclass(frozen=True)
class DemoAccount:
    username: str
    display_name: str
    roles: tuple[str, ...]
    password: str = field(repr=False)  # shown once by the caller; stored only as a hash


@dataclass(frozen=True)
class DemoReport:
    releases: int
    changes: int
    rows: int
    accounts: tuple[DemoAccount, ...] = ()  # the accounts created now, with their passwords

    @property
    def users_created(self) -> list[str]:
        return [a.username for a in self.accounts]


def password_of(report: DemoReport, username: str) -> str:
    """The random password a sample account got (scripts that log in after making demo data)."""
    return next(a.password for a in report.accounts if a.username == username)


def new_password() -> str:
    """16 random characters in four groups (about 79 bits), e.g. "k7qm-x2rp-9tzw-ab4c"."""
    return "-".join("".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(4)) for _ in range(4))


def existing_releases(ctx: AppContext) -> int:
    """How many releases the database holds: sample data needs none (or force)."""
    with reading(ctx) as s:
        return s.execute(select(func.count()).select_from(Release)).scalar_one()


def _reached(status: Status, milestone: Status) -> bool:
    return ORDER.index(status) >= ORDER.index(milestone)


class _Ids:
    def __init__(self, s, models):
        self.next = {m: (s.execute(select(func.max(m.id))).scalar() or 0) + 1 for m in models}

    def take(self, model) -> int:
        value = self.next[model]
        self.next[model] += 1
        return value


class _Builder:
    """Accumulates rows per table, then inserts them in bulk."""

    def __init__(self, w: Work, rng: random.Random, seq_start: int, prev_hash: str):
        self.w, self.rng = w, rng
        self.rows: dict[Any, list[dict]] = defaultdict(list)
        self.seq, self.prev_hash = seq_start, prev_hash
        self.profile = current_profile()

    def add(self, model, row: dict | None = None, **fields) -> dict:
        """Queue a row; the dict itself is kept, so later changes to it are inserted too."""
        row = fields if row is None else row
        self.rows[model].append(row)
        return row

    def audit(self, at, actor_id, actor_name, action, entity, key, release_id, detail) -> None:
        self.seq += 1
        detail_json = audit.canonical_detail({**detail, "demo": True})  # hashed, and stored as is
        payload = audit.canonical_event_text(self.seq, at, actor_id, actor_name, action, entity, key, release_id,
                                             detail_json)
        h = audit.chain_hash(self.prev_hash, payload)
        self.add(AuditEvent, seq=self.seq, at=at, actor_id=actor_id, actor_name=actor_name, action=action,
                 entity=entity, entity_key=key, release_id=release_id, detail=detail_json,
                 prev_hash=self.prev_hash, hash=h)
        self.prev_hash = h

    def flush(self) -> int:
        """Insert what is queued, table by table, straight through the DB-API (the demo is a
        bulk load: per-value ORM processing would cost more than the database itself)."""
        batch, self.rows = self.rows, defaultdict(list)
        total = 0
        order = [User, ConfigItem, SoftwareVersion, ChangeRequest, Release, ConfigItemHistory, ReleaseChange,
                 Plan, PlanRevision, Signature, ReleaseItem, ChecklistEntry, StepRecord, Observation, Problem,
                 Rollback, Closure, KnowledgeEntry, AuditEvent]
        conn = self.w.s.connection()
        raw = conn.connection.driver_connection
        pg = conn.dialect.name == "postgresql"
        for model in order:
            rows = batch.pop(model, [])
            if rows:
                _insert_raw(raw, model.__table__, rows, pg)
            total += len(rows)
        return total


def _converter(column, pg: bool):
    """How one column's values go to the DB-API: datetimes as naive UTC, JSON as text/Jsonb."""
    kind = type(column.type).__name__
    if kind == "UTCDateTime":
        return _naive_utc if pg else _sqlite_time
    if kind in ("JSON", "Variant") or "JSON" in repr(column.type):
        if pg:
            from psycopg.types.json import Jsonb

            return lambda v: Jsonb(v, dumps=_same) if isinstance(v, str) else Jsonb(v)
        return lambda v: v if isinstance(v, str) else json_text(v)
    return None


@overload
def _naive_utc(v: dt.datetime) -> dt.datetime: ...
@overload
def _naive_utc(v: dt.datetime | None) -> dt.datetime | None: ...
def _naive_utc(v: dt.datetime | None) -> dt.datetime | None:
    if v is None:
        return None
    return (v if v.tzinfo is dt.UTC else v.astimezone(dt.UTC)).replace(tzinfo=None)


def _sqlite_time(v: dt.datetime | None) -> str | None:
    """The text form SQLAlchemy's SQLite DATETIME writes and compares (naive UTC with
    microseconds). A UTC value's ISO form is cut before its "+00:00" (the common case, and
    a third of the cost of converting first)."""
    if v is None:
        return None
    if v.tzinfo is dt.UTC:
        return v.isoformat(" ", "microseconds")[:26]
    return _naive_utc(v).isoformat(" ", "microseconds")


def _same(text: str) -> str:
    return text


def _insert_raw(raw, table, rows: list[dict], pg: bool) -> None:
    """One executemany per table. Rows become tuples by itemgetter, are turned into columns
    so each converter runs over a plain list (map), and back into rows by zip, all in C."""
    columns = list(rows[0])
    names = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join(["%s" if pg else "?"] * len(columns))
    sql = f'INSERT INTO "{table.name}" ({names}) VALUES ({marks})'
    params: Iterable[Any] = list(map(itemgetter(*columns), rows))
    converters = [_converter(table.c[c], pg) for c in columns]
    if any(converters):
        values = [column if f is None else list(map(f, column)) for column, f in zip(zip(*params), converters)]
        params = zip(*values)
    cur = raw.cursor()
    try:
        cur.executemany(sql, params)
    finally:
        cur.close()


def _bump(version: str) -> str:
    """The next minor version (2.3.0 → 2.4.0, 2.9.0 → 3.0.0); a label of another shape gets ".1"."""
    parts = version.split(".")
    if len(parts) == 3 and all(p.isdigit() for p in parts):
        major, minor = int(parts[0]), int(parts[1])
        return f"{major + 1}.0.0" if minor >= 9 else f"{major}.{minor + 1}.0"
    return f"{version}.1"


def _add_accounts(w: Work, hashed: dict[str, tuple[str, str]]) -> tuple[DemoAccount, ...]:
    """The sample accounts whose names are free, inside the demo's transaction, each audited
    as user.add would (without its password, as there)."""
    taken = {name.lower() for name in w.s.execute(select(User.username)).scalars()}
    created = []
    for username, name, roles in DEMO_USERS:
        if username.lower() in taken or username not in hashed:
            continue
        password, digest = hashed[username]
        w.s.add(User(username=username, display_name=name, password_hash=digest, roles=",".join(roles),
                     disabled=False, created_at=w.now, password_changed_at=w.now))
        w.audit("user.add", "user", username, changes={"roles": (None, roles), "display_name": (None, name)},
                demo=True)
        created.append(DemoAccount(username, name, roles, password))
    return tuple(created)


def _people(w: Work) -> dict[str, tuple[int, str, tuple[str, ...]]]:
    return {u.username: (u.id, u.display_name, tuple(r for r in u.roles.split(",") if r))
            for u in w.s.execute(select(User).where(User.disabled.is_(False))).scalars()}


def _not_empty(releases: int) -> InvalidInput:
    return InvalidInput(Refusal("demo_not_empty", params={"releases": releases}))


def generate(ctx: AppContext, releases: int = 200, seed: int = 1, *, force: bool = False) -> DemoReport:
    """Sample data: ``releases`` releases (the same data for the same seed) and the sample
    accounts whose names are free, with new random passwords (in the report, nowhere else)."""
    if not 1 <= releases <= MAX_RELEASES:
        raise InvalidInput.of("releases", "above_maximum", maximum=MAX_RELEASES)
    if ctx.actor.user_id is not None and not ctx.actor.has(Role.ADMIN):
        raise PolicyViolation(Refusal("wrong_role", params={"action": "manage_users", "roles": ("admin",)}))
    existing = existing_releases(ctx)
    if existing and not force:
        raise _not_empty(existing)
    with reading(ctx) as s:
        taken = {name.lower() for name in s.execute(select(User.username)).scalars()}
    # argon2 is slow on purpose: hashed before the write transaction opens
    hashed = {}
    for username, _, _ in DEMO_USERS:
        if username.lower() not in taken:
            password = new_password()
            hashed[username] = (password, users.hash_password(password))
    if not company.is_configured(ctx):
        company.save(ctx, company_name=current_profile().company, department=current_profile().department,
                     number_pattern="FB-{year}-{seq:05d}", expected_version=NEW)
    rng = random.Random(seed)
    with unit_of_work(ctx) as w:
        if w.actor.user_id is not None and not w.actor.has(Role.ADMIN):  # the rights as they are now
            raise PolicyViolation(Refusal("wrong_role", params={"action": "manage_users", "roles": ("admin",)}))
        if w.s.get_bind().dialect.name == "postgresql":
            w.s.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": audit.ADVISORY_KEY})
        else:  # a bulk load: let SQLite keep the indexes in memory while it writes
            w.s.execute(text("PRAGMA cache_size=-262144"))
        if not force:  # someone may have created a release since the check above
            now_existing = w.s.execute(select(func.count()).select_from(Release)).scalar_one()
            if now_existing:
                raise _not_empty(now_existing)
        accounts = _add_accounts(w, hashed)
        people = _people(w)
        w.s.flush()
        # Rows already out of step with the chain before the demo are not the demo's to record
        # (that would whitewash them): what differs afterwards, less these, is its own.
        before = set(evidence.unrecorded(w.s.connection()))
        seq, prev = audit.head(w.s)
        b = _Builder(w, rng, seq, prev)
        gen = _Generator(b, w, rng, people)
        gen.inventory()
        gen.prefetch_numbers(releases)
        rows = b.flush()
        gen.releases(releases)
        gen.refresh_baselines()
        rows += gen.written + b.flush()
        gen.settle_inventory()
        gen.fix_sequences()
        written = {k: v for k, v in evidence.unrecorded(w.s.connection()).items() if k not in before}
        evidence.record_bulk(w, written, "demo.evidence")
        if w.s.get_bind().dialect.name == "sqlite":
            w.s.execute(text("PRAGMA cache_size=-2000"))
        w.audit("demo.generate", "release", "*", releases=releases, seed=seed, rows=rows,
                accounts=[a.username for a in accounts])
        report = DemoReport(releases, gen.change_count, rows, accounts)
    _archive_plans(ctx, gen.to_archive)
    _seal_closures(ctx, gen.to_seal)
    return report


def _archive_plans(ctx: AppContext, numbers: list[str], chunk: int = 50) -> None:
    """The approved plan of every sample release that reached closure, archived as the real
    approval archives it (the .docx; its PDF face is added by archiving again, as for a file
    archived where Qt is missing): rendered outside the write transaction, stored in chunks,
    one audit event per document (R-4.4.2-ARCHIVE)."""
    for start in range(0, len(numbers), chunk):
        made = [(n, documents.generate(ctx, n, "plan", revision=1)) for n in numbers[start:start + chunk]]
        with unit_of_work(ctx) as w:
            ids = dict(w.s.execute(select(Release.number, Release.id)
                                   .where(Release.number.in_([n for n, _ in made]))).all())
            for number, g in made:
                doc = Document(release_id=ids[number], kind="plan", filename=g.filename, sha256=g.sha256,
                               content=g.content, revision_no=1, created_by_id=w.actor.user_id, created_at=w.now)
                w.s.add(doc)
                w.s.flush()
                w.audit("document.archive", "document", doc.id, release_id=ids[number], kind="plan",
                        filename=g.filename, sha256=g.sha256, revision=1, size=len(g.content), demo=True)



def _seal_closures(ctx: AppContext, closures: list[tuple[str, dt.datetime, tuple]]) -> None:
    """Each sample closure signed by its manager with its final 发布变更报告, archived, as
    closing.close leaves a real one (R-4.2.2-CLOSE, R-DOC-SIGN, R-4.4.2-ARCHIVE): the same
    code (closing.seal), one unit of work per closure, at the closure's own time and in the
    manager's name. After the plans are archived, since the report lists them. The .docx
    only, as for the plans: the PDF face follows when the report is archived again."""
    for number, closed, manager in closures:
        sealer = AppContext(db=ctx.db, actor=Actor(manager[0], "", manager[1], frozenset(manager[2])),
                            clock=FixedClock(closed))
        with unit_of_work(sealer) as w:
            release = w.s.execute(select(Release).where(Release.number == number)).scalar_one()
            record = w.s.get(Closure, release.id)
            if record is None:  # not reached: the generator wrote a closure for every release it closed
                raise RuntimeError(f"demo: {number} was closed without a closure record")
            closing.seal(w, release, record, pdf_face=False)

class _Generator:
    def __init__(self, b: _Builder, w: Work, rng: random.Random, people):
        self.b, self.w, self.rng = b, w, rng
        self.profile = b.profile
        self.ids = _Ids(w.s, [ConfigItem, SoftwareVersion, ConfigItemHistory, ChangeRequest, Release,
                              PlanRevision, Signature, ChecklistEntry, StepRecord, Observation, Problem,
                              KnowledgeEntry])
        self.managers = [v for v in people.values() if "manager" in v[2]]
        self.engineers = [v for v in people.values() if "engineer" in v[2]]
        if not self.managers or not self.engineers:
            raise InvalidInput.of("role", "empty")
        self.settings = company.load(w.s)
        numbering.format_number(self.settings.number_pattern, 2026, 1)  # a stored pattern that cannot: in words
        self.tz = company.zone(self.settings.timezone)
        self.cis: list[tuple[int, str, str]] = []  # id, name, artifact
        self.versions: dict[str, list[tuple[int, str]]] = {}  # artifact → (id, version), oldest first
        self.places: dict[str, dict[str, int]] = {}  # artifact → version → its place in versions
        self.current: dict[int, str] = {}  # configuration item → its version as releases apply them
        self.initial: dict[int, str] = {}
        self.latest: dict[int, tuple[dt.datetime, str]] = {}  # item → its newest change (time, version)
        self.change_count = 0
        self.seq_by_year: dict[int, int] = {}
        self.items_of: dict[int, list[dict]] = {}
        self.written = 0
        self.decision_late: dict[int, bool] = {}
        self.to_archive: list[str] = []  # releases whose 文档归档 通过 stands for their archived plan
        self.to_seal: list[tuple[str, dt.datetime, tuple]] = []  # closures to sign with their report
        self.being_written: list[tuple[dict, dict, dict | None, dt.datetime]] = []  # refresh_baselines
        self.artifact_of: dict[int, str] = {}

    # ------------------------------------------------------------------ inventory
    def inventory(self) -> None:
        now = self.w.now
        existing = set(self.w.s.execute(select(ConfigItem.name)).scalars())
        for system, code in SYSTEMS:
            for kind, ci_type in CI_KINDS:
                name = f"{system}-{kind}"
                if name in existing:
                    continue
                artifact = f"{code}-{ci_type}"
                vs = []
                for major in range(1, 4):
                    for minor in range(0, 4):
                        vs.append(self._add_version(artifact, f"{major}.{minor}.0", now - dt.timedelta(days=800)))
                cid = self.ids.take(ConfigItem)
                self.b.add(ConfigItem, id=cid, name=name, ci_type=ci_type, environment=self.rng.choice(ENVIRONMENTS),
                           artifact=artifact, current_version=vs[0][1], owner=self.rng.choice(PEOPLE),
                           description=f"{system}的{kind}", created_at=now - dt.timedelta(days=800), row_version=1)
                self.cis.append((cid, name, artifact))
                self.versions[artifact] = vs
                self.initial[cid] = vs[0][1]
        if not self.cis:
            for c in self.w.s.execute(select(ConfigItem).where(ConfigItem.artifact != "")).scalars():
                vs = [(v.id, v.version) for v in self.w.s.execute(
                    select(SoftwareVersion).where(SoftwareVersion.artifact == c.artifact)
                    .order_by(SoftwareVersion.id)).scalars()]
                if vs:
                    self.cis.append((c.id, c.name, c.artifact))
                    self.versions[c.artifact] = vs
                    self.initial[c.id] = c.current_version
            if not self.cis:  # every sample item's name is taken by items without library versions
                raise InvalidInput.of("config_item", "empty")
        self.current = dict(self.initial)

    def next_version(self, artifact: str, current: str, at: dt.datetime) -> tuple[int, str]:
        """The version after ``current`` in the software library; a new build is registered
        (approved the day before) when the library has none yet: versions only move forward."""
        vs = self.versions[artifact]
        place = self.places.get(artifact)
        if place is None:
            place = self.places[artifact] = {label: i for i, (_, label) in enumerate(vs)}
        at_ = place.get(current, len(vs) - 1)
        if at_ + 1 < len(vs):
            return vs[at_ + 1]
        label = _bump(vs[-1][1])
        place[label] = len(vs)
        vs.append(self._add_version(artifact, label, at - dt.timedelta(days=1)))
        return vs[-1]

    def _add_version(self, artifact: str, label: str, at: dt.datetime) -> tuple[int, str]:
        """An approved build in the software library; returns (id, version)."""
        vid = self.ids.take(SoftwareVersion)
        self.b.add(SoftwareVersion, id=vid, artifact=artifact, version=label, sha256=plandom.digest([artifact, label]),
                   size=self.rng.randint(5, 900) * 1_048_576, location=f"\\\\dsl01\\release\\{artifact}\\{label}",
                   status="approved", approved_by_id=self.managers[0][0], approved_at=at, note="",
                   created_at=at, created_by_id=self.engineers[0][0], row_version=1)
        return vid, label

    def refresh_baselines(self) -> None:
        """Plans still being written (requested … plan_submitted) say the CMDB's version of their
        items as it is now (R-1.3-COOP; facts.ref_gaps' stale_before): releases processed after
        them may have applied an update meanwhile, so their 发布前版本 (and, where it no longer
        moves forward, the target) are set from the items' newest versions before the rows are
        written; a submitted revision is serialised and hashed again."""
        for content, plan_row, rev_row, created in self.being_written:
            changed = False
            for it in content["baseline"]["items"]:
                cid = it["ci_ref"]
                final = self.latest.get(cid, (None, self.initial.get(cid, it["before"])))[1]
                if it["before"] != final:
                    target = self.next_version(self.artifact_of[cid], final, created)
                    it["before"], it["after"], it["after_ref"] = final, target[1], target[0]
                    changed = True
            if changed and rev_row is not None:
                frozen = plandom.canonical(content)
                plan_row["content"] = rev_row["content"] = frozen.decode("utf-8")
                rev_row["content_hash"] = hashlib.sha256(frozen).hexdigest()
        self.being_written.clear()

    def settle_inventory(self) -> None:
        """The CMDB's current versions: the newest change of each item (its history's last line)."""
        changed = [{"cid": cid, "v": v} for cid, (_, v) in self.latest.items() if v != self.initial.get(cid)]
        if changed:
            t = ConfigItem.metadata.tables[ConfigItem.__tablename__]
            self.w.s.connection().execute(
                t.update().where(t.c.id == bindparam("cid")).values(current_version=bindparam("v")), changed)

    # ------------------------------------------------------------------ releases
    def _status_for(self, i: int, n: int) -> tuple[Status, str | None]:
        # The newest releases cycle through every active state; older ones are mostly closed.
        if n - i <= len(ACTIVE) * 3:
            status = ACTIVE[(n - i) % len(ACTIVE)]
            if status is Status.AWAITING_CLOSE:
                return status, self.rng.choice([Outcome.SUCCESS, Outcome.SUCCESS, Outcome.ROLLED_BACK]).value
            return status, None
        roll = self.rng.random()
        if roll < 0.03:
            return Status.REJECTED, None
        if roll < 0.06:
            return Status.CANCELLED, None
        if i > n * 0.97:
            return self.rng.choice(ACTIVE), None
        outcome = self.rng.random()
        if outcome < 0.035:
            return Status.CLOSED, Outcome.ROLLED_BACK.value
        if outcome < 0.055:
            return Status.CLOSED, Outcome.FAILED.value
        return Status.CLOSED, Outcome.SUCCESS.value

    def span(self, n: int) -> dt.timedelta:
        return dt.timedelta(days=min(730, max(30, n // 10)))

    def prefetch_numbers(self, n: int) -> None:
        """Read the number sequences of every year the releases may fall in (the generating
        thread must not touch the database)."""
        first = (self.w.now - self.span(n) - dt.timedelta(days=4)).astimezone(self.tz).year
        last = (self.w.now + dt.timedelta(days=16)).astimezone(self.tz).year
        for year in range(first, last + 1):
            stored = self.w.s.execute(select(NumberSequence).where(NumberSequence.scope == str(year))).scalar_one_or_none()
            self.seq_by_year[year] = stored.next_value if stored else 1

    def releases(self, n: int, batch_size: int = 2000) -> None:
        """Generate n releases, writing them every batch_size releases (bounded memory)."""
        now = self.w.now
        span = self.span(n)
        for i in range(n):
            if i and i % batch_size == 0:
                self.refresh_baselines()
                self.written += self.b.flush()
            status, outcome = self._status_for(i, n)
            if status is Status.AWAITING_CLOSE and outcome is None:
                outcome = Outcome.SUCCESS.value
            if status in (Status.CLOSED, Status.REJECTED, Status.CANCELLED):
                created = now - span + span * (i / n) * 0.97 - dt.timedelta(days=3)
                start = created + dt.timedelta(days=self.rng.randint(1, 3), hours=self.rng.randint(0, 6))
            elif ORDER.index(status if status in ORDER else Status.DEPLOYING) >= ORDER.index(Status.DEPLOYING):
                start = now - dt.timedelta(hours=self.rng.randint(1, 30))  # deployed already
                created = start - dt.timedelta(days=2, hours=self.rng.randint(0, 48))
            else:
                created = now - dt.timedelta(hours=self.rng.randint(2, 72))
                start = now + dt.timedelta(days=self.rng.randint(1, 14), hours=self.rng.randint(0, 12))
            # The newest releases show every active state with every type (the rest: 70/22/8).
            kind = KINDS[(n - i) // len(ACTIVE) % len(KINDS)] if n - i <= len(ACTIVE) * len(KINDS) else None
            self._release(i, status, outcome, created, start.replace(minute=0, second=0, microsecond=0), kind)

    def _number(self, created: dt.datetime) -> str:
        year = created.astimezone(self.tz).year
        seq = self.seq_by_year[year]
        self.seq_by_year[year] = seq + 1
        number = self.settings.number_pattern.format(year=year, seq=seq)
        if len(number) > numbering.NUMBER_LENGTH:  # a sequence beyond the checked range
            numbering.format_number(self.settings.number_pattern, year, seq)  # raises, in words
        return number

    def _release(self, i: int, status: Status, outcome: str | None, created: dt.datetime,
                 start: dt.datetime, kind: str | None = None) -> None:
        rng, b = self.rng, self.b
        rid = self.ids.take(Release)
        kind = kind or rng.choices(KINDS, weights=[70, 22, 8])[0]
        ci_pick = rng.sample(self.cis, k=rng.choice([1, 1, 2, 3]))
        system = ci_pick[0][1].split("-")[0]
        title = rng.choice(TITLES).format(system=system, version=f"V{rng.randint(1, 9)}.{rng.randint(0, 20)}",
                                          feature=rng.choice(FEATURES), ticket=f"BUG-{rng.randint(1000, 9999)}")
        owner = rng.choice(self.engineers)
        author = owner
        if kind != "normal":
            approver = rng.choice(self.managers)
        else:
            approver = rng.choice([e for e in self.engineers if e != author] or self.managers)
        manager = rng.choice(self.managers)
        end = start + dt.timedelta(hours=rng.choice([2, 3, 4]))
        number = self._number(created)
        row = dict(id=rid, number=number, title=title, type=kind, status=status.value, outcome=outcome,
                   profile_ref=self.profile.ref, systems="、".join(sorted({c[1].split('-')[0] for c in ci_pick})),
                   description=f"{title}。", planned_start=start, planned_end=end, requested_by_id=owner[0],
                   owner_id=owner[0], created_at=created, updated_at=created, accepted_at=None,
                   plan_approved_at=None, deployment_started_at=None, deployment_finished_at=None,
                   cmdb_due_at=None, cmdb_done_at=None, decision_due_at=None, closed_at=None, closed_by_id=None,
                   row_version=1)
        b.add(Release, row)
        self._changes(rid, number, created, status)
        b.audit(created, owner[0], owner[1], "release.create", "release", number, rid,
                {"changes": {"status": [None, "requested"], "type": [None, kind]}})
        if status in (Status.REQUESTED, Status.REJECTED) or (status is Status.CANCELLED and rng.random() < 0.5):
            if status is not Status.REQUESTED:
                self._terminal(row, status, created + dt.timedelta(hours=4), manager)
            return
        row["accepted_at"] = created + dt.timedelta(hours=1)
        if status is Status.ACCEPTED:
            return
        content = self._plan(rid, number, kind, ci_pick, start, end, owner, created)
        t = created + dt.timedelta(hours=6)
        if status in (Status.PLANNING, Status.CANCELLED):
            plan_row = b.add(Plan, release_id=rid, content=content, section_versions={k: 1 for k in content},
                             last_page="", updated_at=t, updated_by_id=author[0], row_version=1)
            if status is Status.PLANNING:
                self.being_written.append((content, plan_row, None, created))
            if status is Status.CANCELLED:
                self._terminal(row, status, t + dt.timedelta(hours=2), manager)
            return
        frozen = plandom.canonical(content)  # serialised once: stored twice and hashed
        chash = hashlib.sha256(frozen).hexdigest()
        frozen_text = frozen.decode("utf-8")
        plan_row = b.add(Plan, release_id=rid, content=frozen_text, section_versions=SECTION_VERSIONS, last_page="",
                         updated_at=t, updated_by_id=author[0], row_version=1)
        rev_id = self.ids.take(PlanRevision)
        rev_row = b.add(PlanRevision, id=rev_id, release_id=rid, number=1, content=frozen_text, content_hash=chash,
                        reason="初次提交", created_by_id=author[0], created_at=t)
        if status is Status.PLAN_SUBMITTED:
            self.being_written.append((content, plan_row, rev_row, created))
        b.audit(t, author[0], author[1], "release.submit_plan", "release", number, rid,
                {"changes": {"status": ["planning", "plan_submitted"]}})
        if status is Status.PLAN_SUBMITTED:
            return
        t += dt.timedelta(hours=3)
        role = self.profile.release_types[kind].approver_role
        self._signature(rid, "plan_revision", rev_id, "approve", approver, role, t, chash)
        row["plan_approved_at"] = t
        self._items(rid, content, row, applied=None)
        if status is Status.PLAN_APPROVED:
            return
        self._checklist(rid, "precheck", owner, start - dt.timedelta(hours=2))
        if status is Status.PRECHECKED:
            return
        row["deployment_started_at"] = start
        steps = len(content["steps"]["steps"])
        rolled = outcome == Outcome.ROLLED_BACK.value or status is Status.ROLLING_BACK
        failed = outcome == Outcome.FAILED.value
        done_steps = steps if status is not Status.DEPLOYING else rng.randint(0, steps - 1)
        at = start
        for n in range(1, done_steps + 1):
            if at + dt.timedelta(minutes=25) > self.w.now:  # progress is recorded once it happened (R-4.3.2-MONITOR)
                break
            at += dt.timedelta(minutes=rng.randint(5, 25))
            b.add(StepRecord, id=self.ids.take(StepRecord), release_id=rid, kind="deploy", step_no=n, status="done",
                  started_at=at - dt.timedelta(minutes=5), finished_at=at, note="", recorded_by_id=owner[0])
        for kind_ in ("progress", "performance", "logs"):
            b.add(Observation, id=self.ids.take(Observation), release_id=rid, kind=kind_, at=at,
                  text=rng.choice(OBSERVATIONS[kind_]).format(n=done_steps), recorded_by_id=owner[0])
        if status is Status.DEPLOYING:
            row["status"] = Status.DEPLOYING.value
            return
        finished = at + dt.timedelta(minutes=10)
        row["deployment_finished_at"] = finished
        if rolled or failed:
            self._problem(row, content, finished, owner, manager, rolled, status)
            if status in (Status.ROLLING_BACK, Status.VERIFYING):
                return
        else:
            if status is Status.VERIFYING:
                if rng.random() < 0.4:  # a severe problem awaiting its rollback decision
                    self._problem(row, content, finished, owner, manager, False, status)
                return
            self._checklist(rid, "verification", owner, finished + dt.timedelta(hours=1))
            row["cmdb_due_at"] = finished + self.profile.deadlines.cmdb_update
            if status is Status.CONFIG_UPDATE:
                return
            late = rng.random() < 0.04
            cmdb_at = finished + (dt.timedelta(hours=rng.randint(25, 40)) if late else dt.timedelta(hours=rng.randint(2, 20)))
            self._items(rid, content, row, applied=cmdb_at)
            row["cmdb_done_at"] = cmdb_at
            self._config_update(row, owner, cmdb_at)
        if rolled or failed:  # R-4.4.2-KNOWLEDGE: closed only with its 经验总结 (validation.lesson_refusals)
            self._failure_lesson(row, content, owner, finished + dt.timedelta(hours=2), rolled)
        # Every release that reached closure has its approved plan archived (as approval does,
        # R-4.4.2-ARCHIVE): behind 文档归档 通过 and the closure's own condition.
        self.to_archive.append(row["number"])
        if status is Status.AWAITING_CLOSE:
            return
        closed = finished + dt.timedelta(days=rng.randint(1, 5))
        if closed > self.w.now:
            closed = self.w.now - dt.timedelta(minutes=rng.randint(1, 600))
        self._close(row, closed, manager)

    def _terminal(self, row: dict, status: Status, at: dt.datetime, manager) -> None:
        row["status"] = status.value
        row["updated_at"] = at
        reason = "关联变更未获批准" if status is Status.REJECTED else "业务部门撤回需求"
        self.b.audit(at, manager[0], manager[1], f"release.{'reject_request' if status is Status.REJECTED else 'cancel'}",
                     "release", row["number"], row["id"], {"changes": {"status": ["requested", status.value]},
                                                           "reason": reason})

    def _changes(self, rid: int, number: str, created: dt.datetime, status: Status) -> None:
        approved = status is not Status.REJECTED
        for k in range(self.rng.choice([1, 1, 1, 2, 3])):
            cid = self.ids.take(ChangeRequest)
            self.change_count += 1
            self.b.add(ChangeRequest, id=cid, number=f"CHG-{cid:07d}", title=f"{number} 关联变更 {k + 1}",
                       description="", status="approved" if approved or k else "rejected",
                       requested_by=self.rng.choice(PEOPLE), decided_by="变更管理委员会",
                       decided_at=created - dt.timedelta(days=1), created_at=created - dt.timedelta(days=2),
                       created_by_id=None, row_version=1)
            self.b.add(ReleaseChange, release_id=rid, change_id=cid)

    def _plan(self, rid, number, kind, ci_pick, start, end, owner, created) -> dict:
        rng = self.rng
        items = []
        for cid, name, artifact in ci_pick:
            self.artifact_of[cid] = artifact
            current = self.current[cid]
            target = self.next_version(artifact, current, created)
            items.append({"ci": name, "ci_ref": cid, "before": current, "after": target[1], "after_ref": target[0]})
        people = rng.sample(PEOPLE, 3)
        content = {
            "correlation": {"merge_decision": "单一变更" if len(ci_pick) == 1 else "合并发布",
                            "rationale": "变更之间无依赖冲突，可在同一窗口实施。", "dependencies": []},
            "resources": {"technical": "预发布环境、回退包、监控平台", "human": f"{'、'.join(people)}",
                          "time": f"{(end - start).seconds // 3600} 小时发布窗口"},
            "risks": {"risks": [{"category": c, "description": d, "likelihood": rng.randint(1, 4),
                                 "impact": rng.randint(2, 5), "response": r, "owner": rng.choice(PEOPLE)}
                                for c, d, r in RISKS]},
            "purpose": {"text": f"{number}：{ci_pick[0][1]}升级，修复已知缺陷并提升性能。"},
            "scope": {"systems": "、".join(c[1] for c in ci_pick), "users": rng.choice(DEPARTMENTS) + "全体用户",
                      "downtime_minutes": rng.choice([0, 10, 30, 60])},
            "parties": {"parties": [{"party": p, "role": r, "duties": d, "contact": f"分机 {rng.randint(6000, 6999)}"}
                                    for p, r, d in PARTIES]},
            "schedule": {"window_start": start.isoformat(timespec="seconds"),
                         "window_end": end.isoformat(timespec="seconds"),
                         "people": "、".join(people), "tools": "堡垒机、自动化部署平台", "milestones": []},
            "steps": {"steps": [{"action": a, "owner": rng.choice(people), "minutes": rng.choice([5, 10, 15]),
                                 "check": "检查通过"} for a in STEPS[: rng.randint(4, len(STEPS))]]},
            "baseline": {"items": items},
            "risk_measures": {"measures": [{"risk": d, "measure": r, "owner": rng.choice(PEOPLE)} for _, d, r in RISKS]},
            "rollback": {"performance_threshold": "平均响应时间 > 2 秒或交易成功率 < 99%", "max_minutes": 30,
                         "steps": [{"action": a, "owner": owner[1], "minutes": 5, "check": ""} for a in ROLLBACK_STEPS]},
            "contingency": {"scenarios": [
                {"situation": s_, "response": r_, "owner": rng.choice(people), "escalation": "运维管理部经理"}
                for s_, r_ in CONTINGENCIES]},
            "monitoring": {"items": [
                {"kind": k_, "target": t_, "threshold": th_, "watcher": rng.choice(people), "hours": h_}
                for k_, t_, th_, h_ in MONITORING]},
            "acceptance": {"criteria": [
                {"kind": k_, "criterion": c_, "measure": m_,
                 "accepted_by": rng.choice(DEPARTMENTS) if k_ == "用户验收" else rng.choice(people)}
                for k_, c_, m_ in ACCEPTANCE]},
            "post_work": {"text": "发布后持续观察 24 小时；24 小时内完成 CMDB 更新；整理文档归档并总结经验。"},
        }
        return content

    def _signature(self, rid, subject, subject_id, meaning, who, role, at, content_hash) -> int:
        sid = self.ids.take(Signature)
        signed = signing.SignedFields(release_id=rid, subject=subject, subject_id=subject_id, meaning=meaning,
                                      signer_id=who[0], signer_name=who[1], signer_role=role, signed_at=at,
                                      content_hash=content_hash, reason="")
        h = signing.signature_hash(signed)
        self.b.add(Signature, id=sid, signature_hash=h, voided_at=None, voided_reason="", **vars(signed))
        self.b.audit(at, who[0], who[1], f"signature.{meaning}", "signature", str(sid), rid,
                     {"content_hash": content_hash, "signature_hash": h})
        return sid

    def _items(self, rid, content, row, applied) -> None:
        if applied is None:
            self.items_of[rid] = [
                self.b.add(ReleaseItem, release_id=rid, ci_id=it["ci_ref"], version_before=it["before"],
                           version_after=it["after"], software_version_id=it["after_ref"], applied_version=None,
                           applied_at=None)
                for it in content["baseline"]["items"]]
            return
        for r in self.items_of.pop(rid, []):
            r["applied_version"], r["applied_at"] = r["version_after"], applied
            self.current[r["ci_id"]] = r["version_after"]
            if applied >= self.latest.get(r["ci_id"], (applied, ""))[0]:
                self.latest[r["ci_id"]] = (applied, r["version_after"])
            self.b.add(ConfigItemHistory, id=self.ids.take(ConfigItemHistory), ci_id=r["ci_id"], at=applied,
                       old_version=r["version_before"], new_version=r["version_after"], release_id=rid,
                       changed_by_id=row["owner_id"], note="")

    def _config_update(self, row, who, at) -> None:
        """配置更新 as the rules allow it (relgui.domain.closure): 知识更新 通过 only with a lesson
        of the release in the knowledge base (else 不适用 with its reason), 文档归档 通过 with the
        approved plan archived (made after the bulk load: ``to_archive``)."""
        rid = row["id"]
        lesson = self.rng.random() < 0.5
        if lesson:
            self.b.add(KnowledgeEntry, id=self.ids.take(KnowledgeEntry), release_id=rid,
                       title=f"{row['title']} 经验总结", body=self.rng.choice(LESSONS), tags=row["systems"],
                       created_by_id=who[0], created_at=at, row_version=1)
        self._checklist(rid, "config_update", who, at,
                        {"knowledge": ("pass", "") if lesson else ("na", "本次发布按计划完成，无新增经验")})

    def _failure_lesson(self, row, content, who, at, rolled: bool) -> None:
        """The 经验总结 of a failed or rolled-back release, as knowledge.add_lesson writes it:
        tagged with what happened and the release's configuration items."""
        word = "回退" if rolled else "发布失败"
        items = [it["ci"] for it in content["baseline"]["items"]]
        self.b.add(KnowledgeEntry, id=self.ids.take(KnowledgeEntry), release_id=row["id"],
                   title=f"{row['title']} {word}经验总结", body=f"{word}：{self.rng.choice(LESSONS)}",
                   tags=" ".join([word, row["number"], *items])[:500], created_by_id=who[0], created_at=at, row_version=1)

    def _checklist(self, rid, name, who, at, results: dict | None = None) -> None:
        for item in self.profile.checklists[name].items:
            conf = item.confirmation
            result, reason = (results or {}).get(item.key, ("pass", ""))
            self.b.add(ChecklistEntry, id=self.ids.take(ChecklistEntry), release_id=rid, checklist=name,
                       item=item.key, result=result, reason=reason,
                       evidence=f"{item.name}已完成" if result == "pass" else "", attachment_id=None,
                       confirmed_by=self.rng.choice(PEOPLE) if conf else "",
                       confirmed_dept=self.rng.choice(DEPARTMENTS) if conf else "",
                       confirmed_at=at if conf else None, recorded_by_id=who[0], recorded_at=at, row_version=1)

    def _problem(self, row, content, finished, owner, manager, rolled, status) -> None:
        rng, rid = self.rng, row["id"]
        pid = self.ids.take(Problem)
        pending = status is Status.VERIFYING
        # An undecided problem is live: detected minutes ago, its 30-minute clock running.
        detected = (self.w.now - dt.timedelta(minutes=rng.randint(3, 40)) if pending
                    else finished + dt.timedelta(minutes=rng.randint(5, 40)))
        late = rng.random() < 0.15
        self.decision_late[rid] = late
        decided = detected + dt.timedelta(minutes=rng.randint(35, 70) if late else rng.randint(5, 28))
        trigger = rng.choice([t.key for t in self.profile.triggers])
        if pending:
            reason = ""
        elif rolled:
            reason = "问题影响核心业务，按预案回退"
        elif trigger == "data":  # continuing after data loss: its reason recorded (R-4.5.1-TRIGGERS)
            reason = "经核对数据已与备份一致，未发生丢失，继续观察"
        else:
            reason = "问题可控，继续观察"
        self.b.add(Problem, id=pid, release_id=rid, detected_at=detected, reported_by_id=owner[0],
                   description=rng.choice(PROBLEMS), triggers=[trigger],
                   decision=None if pending else ("rollback" if rolled else "continue"),
                   decided_at=None if pending else decided, decided_by_id=None if pending else manager[0],
                   decision_reason=reason,
                   decision_late=False if pending else late)
        if pending:
            row["status"] = Status.VERIFYING.value
            row["decision_due_at"] = detected + self.profile.deadlines.rollback_decision
            return
        if not rolled:
            return
        steps = len(content["rollback"]["steps"])
        done = steps if status is not Status.ROLLING_BACK else rng.randint(0, steps - 1)
        at = decided
        for n in range(1, done + 1):
            at += dt.timedelta(minutes=rng.randint(2, 8))
            self.b.add(StepRecord, id=self.ids.take(StepRecord), release_id=rid, kind="rollback", step_no=n,
                       status="done", started_at=at - dt.timedelta(minutes=2), finished_at=at, note="",
                       recorded_by_id=owner[0])
        finished_rb = status is not Status.ROLLING_BACK
        self.b.add(Rollback, release_id=rid, problem_id=pid, started_at=decided,
                   restored_at=at if finished_rb else None, restored_by_id=owner[0] if finished_rb else None,
                   cause="新版本与生产数据不兼容" if finished_rb else "", completed_at=at if finished_rb else None)

    def _close(self, row, closed, manager) -> None:
        rid = row["id"]
        # The analysis says what the record says (a late decision is never "within the limit").
        minutes = self.profile.deadlines.rollback_decision_minutes
        late = self.decision_late.get(rid, False)
        in_time = row.get("cmdb_done_at") and row.get("cmdb_due_at") and row["cmdb_done_at"] <= row["cmdb_due_at"]
        analysis = {"success": ANALYSIS_SUCCESS.format(cmdb="已在时限内" if in_time else "已超时"),
                    "failed": ANALYSIS_FAILED,
                    "rolled_back": ANALYSIS_ROLLED_BACK.format(
                        decision=f"回退决策超过 {minutes} 分钟时限" if late else f"已在 {minutes} 分钟时限内作出回退决策"),
                    }[row["outcome"]]
        # Signed with its 发布变更报告 once the plans are archived (_seal_closures), as closing does.
        self.b.add(Closure, release_id=rid, outcome=row["outcome"], analysis=analysis, closed_by_id=manager[0],
                   closed_at=closed, signature_id=None)
        self.to_seal.append((row["number"], closed, manager))
        row.update(status=Status.CLOSED.value, closed_at=closed, closed_by_id=manager[0], updated_at=closed)
        self.b.audit(closed, manager[0], manager[1], "release.close", "release", row["number"], rid,
                     {"changes": {"status": ["awaiting_close", "closed"], "outcome": [None, row["outcome"]]}})
        if self.rng.random() < 0.1:
            self.b.add(KnowledgeEntry, id=self.ids.take(KnowledgeEntry), release_id=rid,
                       title=f"{row['title']} 经验总结", body=self.rng.choice(LESSONS), tags=row["systems"],
                       created_by_id=manager[0], created_at=closed, row_version=1)

    def fix_sequences(self) -> None:
        s = self.w.s
        for year, nxt in self.seq_by_year.items():
            seq = s.execute(select(NumberSequence).where(NumberSequence.scope == str(year))).scalar_one_or_none()
            if seq is None:
                s.add(NumberSequence(scope=str(year), next_value=nxt))
            else:
                seq.next_value = max(seq.next_value, nxt)
        if s.get_bind().dialect.name == "postgresql":
            for model in self.ids.next:
                table = model.__tablename__
                s.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                               f"COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)"))
