"""PostgreSQL roles: the schema's owner migrates; workstations write data, never history.

Two roles (docs/install-windows.md shows a team's set-up, docs/architecture.md the matrix):

- the **owner** (``relgui_owner`` unless named): owns every table, sequence and trigger
  function and runs the migrations. ``relgui-admin init`` creates it NOLOGIN; an
  administrator reaches it as a superuser or as a member, and every migration runs under it
  (``SET LOCAL ROLE``) whoever connected, so the objects never change hands.
- the **workstation role** (``relgui_app`` unless named): a NOLOGIN group that holds exactly
  the privileges of ``ACCESS``. The credentials on workstations are LOGIN roles that are its
  members (``init --workstation-login NAME`` or ``CREATE ROLE … LOGIN IN ROLE relgui_app``);
  they own nothing, create nothing in the schema and are no members of the owner.

The append-only tables (the audit trail, signatures, plan revisions, archived documents,
attachments) take INSERT and SELECT from the workstation role, never UPDATE, DELETE or
TRUNCATE; a signature is voided through a column grant, UPDATE (voided_at, voided_reason),
behind a trigger that lets voided_at go from NULL to a time once and refuses every other
change (migration 0004, for every role). Releases are never deleted by the app and a deleted
release would take its signatures, revisions, documents and attachments with it (ON DELETE
CASCADE runs as the tables' owner), so the workstation role has no DELETE on releases.

Tables made later follow: ALTER DEFAULT PRIVILEGES gives the workstation role SELECT and
INSERT on every new table of the owner (the safe side), and every migration run through
``schema.upgrade`` re-applies the whole matrix in its own transaction (``reapply``).

SQLite has no roles: this module is PostgreSQL only; a SQLite file is protected by the
permissions of the file itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError

from relgui.domain.errors import InvalidInput, Refusal, RelguiError, StorageUnavailable
from relgui.domain.messages import render
from relgui.store import schema

OWNER_ROLE = "relgui_owner"
WORKSTATION_ROLE = "relgui_app"

TABLE_PRIVILEGES = ("SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER")
SEQUENCE_PRIVILEGES = ("USAGE", "SELECT", "UPDATE")  # UPDATE: setval, after the demo's and restore's bulk inserts


@dataclass(frozen=True)
class Access:
    """What the workstation role may do with one table."""

    privileges: frozenset[str]
    update_columns: tuple[str, ...] = ()  # a column grant UPDATE (…) where UPDATE is not granted whole


WRITE = Access(frozenset({"SELECT", "INSERT", "UPDATE", "DELETE"}))
APPEND = Access(frozenset({"SELECT", "INSERT"}))
VOID_COLUMNS = ("voided_at", "voided_reason")

# The working tables: records the app edits (row_version guards them) or rebuilds.
WORKING_TABLES = (
    "users", "login_failures", "company_settings", "freeze_periods", "number_sequences", "change_requests",
    "release_changes", "plans", "checklist_entries", "step_records", "observations", "problems", "rollbacks",
    "config_items", "config_item_history", "release_items", "software_versions", "closures",
    "knowledge_entries", "knowledge_terms", "knowledge_indexed",
    "alerts", "alert_channels", "alert_settings", "user_contacts",  # issue 16: outbox, channels, contacts
    "document_numbering",  # issue 14: the company's 文件编号 pattern per document kind
    "account_flags", "company_options", "deviations",  # issue 15: forced password change, options, reasons
)
APPEND_ONLY_TABLES = ("audit_events", "signatures", "plan_revisions", "documents", "attachments")

ACCESS: dict[str, Access] = {
    **{name: WRITE for name in WORKING_TABLES},
    # Never deleted by the app; a DELETE would cascade into the append-only tables as their owner.
    "releases": Access(frozenset({"SELECT", "INSERT", "UPDATE"})),
    "audit_events": APPEND,
    "plan_revisions": APPEND,
    "documents": APPEND,
    "attachments": APPEND,
    "signatures": Access(APPEND.privileges, VOID_COLUMNS),
    "alembic_version": Access(frozenset({"SELECT"})),  # read at every start; written by the owner only
}
UNKNOWN = APPEND  # a table this version does not know (made outside relgui's migrations): the safe side

# Triggers every role meets (the owner can disable them; init says so and enables them again).
FUNCTIONS = ("audit_events_append_only", "signatures_void_only")
TRIGGERS = (
    ("audit_events", "audit_events_no_update_delete"),
    ("audit_events", "audit_events_no_truncate"),
    ("signatures", "signatures_void_only"),
)

_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")


def access(table: str) -> Access:
    return ACCESS.get(table, UNKNOWN)


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _privs(names: Iterable[str], order: tuple[str, ...] = TABLE_PRIVILEGES) -> str:
    names = set(names)
    return ", ".join(p for p in order if p in names)


class MigrationRefused(StorageUnavailable):
    """A connection that may not change the schema found a migration due (a workstation)."""

    def __init__(self, refusal: Refusal):
        self.detail = str(refusal.params.get("user", ""))
        RelguiError.__init__(self, refusal)


# --------------------------------------------------------------------------- facts

@dataclass(frozen=True)
class _Me:
    name: str
    superuser: bool
    createrole: bool
    schema: str
    database: str
    version: int


def _me(conn: Connection) -> _Me:
    row = conn.execute(text(
        "SELECT current_user, r.rolsuper, r.rolcreaterole, current_schema(), current_database(), "
        "current_setting('server_version_num')::int FROM pg_roles r WHERE r.rolname = current_user")).one()
    return _Me(*row)


def _exists(conn: Connection, role: str) -> bool:
    return conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role}).first() is not None


def _member(conn: Connection, role: str, of: str) -> bool:
    return bool(conn.execute(text("SELECT pg_has_role(:r, :o, 'MEMBER')"), {"r": role, "o": of}).scalar())


def stored_owner(conn: Connection) -> str | None:
    """The owner of the schema as it is: the owner of alembic_version, or None (no schema yet)."""
    return conn.execute(text(
        "SELECT tableowner FROM pg_tables WHERE schemaname = current_schema() AND tablename = 'alembic_version'"
    )).scalar()


def workstation_roles(conn: Connection, owner: str) -> list[str]:
    """The roles the owner's default privileges name for new tables: the workstation role(s)."""
    return list(conn.execute(text(
        "SELECT DISTINCT g.rolname FROM pg_default_acl d CROSS JOIN LATERAL aclexplode(d.defaclacl) x "
        "JOIN pg_roles g ON g.oid = x.grantee JOIN pg_namespace n ON n.oid = d.defaclnamespace "
        "WHERE d.defaclrole = (SELECT oid FROM pg_roles WHERE rolname = :o) AND n.nspname = current_schema() "
        "AND d.defaclobjtype = 'r' ORDER BY 1"), {"o": owner}).scalars())


def members(conn: Connection, role: str) -> list[str]:
    """Roles that hold ``role``'s privileges through membership, directly or not (the logins)."""
    me = _me(conn)
    # From PostgreSQL 16 a CREATEROLE creator is recorded as a member without INHERIT or SET.
    holds = "AND (a.inherit_option OR a.set_option)" if me.version >= 160000 else ""
    return list(conn.execute(text(
        "WITH RECURSIVE m(oid) AS ("
        f" SELECT a.member FROM pg_auth_members a WHERE a.roleid = (SELECT oid FROM pg_roles WHERE rolname = :r) {holds}"
        f" UNION SELECT a.member FROM pg_auth_members a JOIN m ON a.roleid = m.oid {holds})"
        " SELECT r.rolname FROM pg_roles r JOIN m ON r.oid = m.oid ORDER BY 1"), {"r": role}).scalars())


# --------------------------------------------------------------------------- migrations

def become_owner(conn: Connection, owner: str | None = None) -> None:
    """Before a migration (inside its transaction): act as the schema's owner, or refuse in
    words when this connection may not change the schema (a workstation role)."""
    me = _me(conn)
    owner = stored_owner(conn) or owner  # an existing schema keeps its owner
    if owner is None:  # a database without relgui's tables: whoever may create tables makes them
        if me.superuser or conn.execute(text("SELECT has_schema_privilege(current_schema(), 'CREATE')")).scalar():
            return
        raise MigrationRefused(Refusal("pg_init_needs_owner", params={"user": me.name, "schema": me.schema}))
    if owner == me.name:
        return
    if me.superuser or _member(conn, me.name, owner):
        conn.execute(text(f"SET LOCAL ROLE {_q(owner)}"))
        return
    try:
        current = conn.execute(text("SELECT version_num FROM alembic_version")).scalar() or "?"
    except DBAPIError:
        current = "?"
    raise MigrationRefused(Refusal("pg_upgrade_needs_owner", params={
        "user": me.name, "owner": owner, "current": current, "head": schema.HEAD}))


def reapply(conn: Connection) -> None:
    """After a migration, as the owner, in its transaction: the matrix again for every
    workstation role the owner's default privileges name (none: a single-role set-up)."""
    owner = stored_owner(conn)
    if owner is None:
        return
    for role in workstation_roles(conn, owner):
        apply(conn, owner, role, members(conn, role))


# --------------------------------------------------------------------------- grants

def _owned(conn: Connection, owner: str, kinds: tuple[str, ...]) -> list[str]:
    return list(conn.execute(text(
        "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = current_schema() AND c.relkind = ANY(:k) AND pg_get_userbyid(c.relowner) = :o "
        "ORDER BY 1"), {"k": list(kinds), "o": owner}).scalars())


def apply(conn: Connection, owner: str, workstation: str, logins: Iterable[str] = ()) -> None:
    """Grant the matrix to ``workstation`` on every table and sequence ``owner`` owns, after
    revoking everything from it, its logins and PUBLIC. Run as the owner (or a superuser)."""
    schema = _q(conn.execute(text("SELECT current_schema()")).scalar_one())
    ws = _q(workstation)
    revoke_from = ", ".join(["PUBLIC", ws, *(_q(x) for x in logins)])
    for table in _owned(conn, owner, ("r", "p")):
        rule, t = access(table), _q(table)
        conn.execute(text(f"REVOKE ALL ON TABLE {t} FROM {revoke_from}"))  # column grants go with it
        conn.execute(text(f"GRANT {_privs(rule.privileges)} ON TABLE {t} TO {ws}"))
        if rule.update_columns:
            cols = ", ".join(_q(c) for c in rule.update_columns)
            conn.execute(text(f"GRANT UPDATE ({cols}) ON TABLE {t} TO {ws}"))
    for seq in _owned(conn, owner, ("S",)):
        conn.execute(text(f"REVOKE ALL ON SEQUENCE {_q(seq)} FROM {revoke_from}"))
        conn.execute(text(f"GRANT {', '.join(SEQUENCE_PRIVILEGES)} ON SEQUENCE {_q(seq)} TO {ws}"))
    for on, privs in (("TABLES", "SELECT, INSERT"), ("SEQUENCES", ", ".join(SEQUENCE_PRIVILEGES))):
        conn.execute(text(f"ALTER DEFAULT PRIVILEGES FOR ROLE {_q(owner)} IN SCHEMA {schema} "
                          f"REVOKE ALL ON {on} FROM PUBLIC, {ws}"))
        conn.execute(text(f"ALTER DEFAULT PRIVILEGES FOR ROLE {_q(owner)} IN SCHEMA {schema} "
                          f"GRANT {privs} ON {on} TO {ws}"))


# --------------------------------------------------------------------------- checks

def check(conn: Connection, owner: str, workstation: str) -> list[Refusal]:
    """Everything about the two roles that is not as this module sets it, in words."""
    me = _me(conn)
    if not _exists(conn, workstation):
        return [Refusal("pg_role_missing", params={"role": workstation, "sql": f"CREATE ROLE {workstation} NOLOGIN;"})]
    problems: list[Refusal] = []
    owner_exists = _exists(conn, owner)
    for table, actual in conn.execute(text(
            "SELECT c.relname, pg_get_userbyid(c.relowner) FROM pg_class c JOIN pg_namespace n "
            "ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') "
            "ORDER BY 1")):
        if table in ACCESS and actual != owner:  # relgui's tables (their sequences go with them)
            problems.append(Refusal("pg_table_owner", params={"table": table, "actual": actual, "owner": owner}))
    group: tuple[dict[str, set[str]], dict[str, set[str]]] | None = None
    for role in [workstation, *members(conn, workstation)]:
        found, held = _check_role(conn, me, role, owner if owner_exists else None, group)
        problems += found
        group = group or held  # a login is told only what it holds beyond its group
    problems += _check_defaults(conn, owner, workstation) if owner_exists else []
    problems += _check_triggers(conn)
    return problems


def _check_role(conn: Connection, me: _Me, role: str, owner: str | None,
                group: tuple[dict[str, set[str]], dict[str, set[str]]] | None):
    """What is wrong with ``role``, and what it holds (table → privileges, table → columns it may
    update). ``group``: what the workstation role itself holds, when ``role`` is one of its logins."""
    out: list[Refusal] = []
    full = group is None
    attrs = conn.execute(text("SELECT rolsuper, rolcreaterole, rolcreatedb, rolbypassrls, rolreplication "
                              "FROM pg_roles WHERE rolname = :r"), {"r": role}).one()
    for flag, name in zip(attrs, ("SUPERUSER", "CREATEROLE", "CREATEDB", "BYPASSRLS", "REPLICATION")):
        if flag:
            out.append(Refusal("pg_role_attribute", params={"role": role, "attribute": name}))
    if attrs[0]:
        return out, ({}, {})  # a superuser may do anything: nothing else to say
    if owner is not None and _member(conn, role, owner):
        out.append(Refusal("pg_role_in_owner", params={"role": role, "owner": owner}))
    owns = conn.execute(text(
        "SELECT count(*) FROM pg_shdepend d WHERE d.refclassid = 'pg_authid'::regclass AND d.deptype = 'o' "
        "AND d.refobjid = (SELECT oid FROM pg_roles WHERE rolname = :r) AND (d.dbid = (SELECT oid FROM "
        "pg_database WHERE datname = current_database()) OR (d.classid = 'pg_database'::regclass AND "
        "d.objid = (SELECT oid FROM pg_database WHERE datname = current_database())))"), {"r": role}).scalar()
    if owns:
        out.append(Refusal("pg_role_owns", params={"role": role, "count": owns}))
    if conn.execute(text("SELECT has_schema_privilege(:r, current_schema(), 'CREATE')"), {"r": role}).scalar():
        out.append(Refusal("pg_schema_create", params={"role": role, "schema": me.schema}))
    if conn.execute(text("SELECT has_database_privilege(:r, current_database(), 'CREATE')"), {"r": role}).scalar():
        out.append(Refusal("pg_database_create", params={"role": role, "database": me.database}))
    held: dict[str, set[str]] = {}
    for table, priv, has in conn.execute(text(
            "SELECT c.relname, p.priv, has_table_privilege(:r, c.oid, p.priv) FROM pg_class c "
            "JOIN pg_namespace n ON n.oid = c.relnamespace CROSS JOIN unnest(CAST(:p AS text[])) AS p(priv) "
            "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') ORDER BY 1"),
            {"r": role, "p": list(TABLE_PRIVILEGES)}):
        held.setdefault(table, set())
        if has:
            held[table].add(priv)
    columns: dict[str, set[str]] = {}
    for table, column in conn.execute(text(
            "SELECT c.relname, a.attname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
            "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() "
            "AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped "
            "AND has_column_privilege(:r, c.oid, a.attnum, 'UPDATE')"), {"r": role}):
        columns.setdefault(table, set()).add(column)
    group_held, group_columns = group or ({}, {})
    for table, actual in held.items():
        rule = access(table)
        extra = actual - rule.privileges - group_held.get(table, set())
        if extra:
            out.append(Refusal("pg_grant_excess", params={"role": role, "table": table, "privilege": _privs(extra)}))
        missing = rule.privileges - actual
        if full and missing:
            out.append(Refusal("pg_grant_missing", params={"role": role, "table": table, "privilege": _privs(missing)}))
        if "UPDATE" not in actual:
            cols = columns.get(table, set())
            beyond = cols - set(rule.update_columns) - group_columns.get(table, set())
            if beyond:
                out.append(Refusal("pg_column_excess", params={
                    "role": role, "table": table, "column": ", ".join(sorted(beyond))}))
            lacking = [c for c in rule.update_columns if c not in cols]
            if full and lacking:
                out.append(Refusal("pg_grant_missing", params={
                    "role": role, "table": table, "privilege": f"UPDATE ({', '.join(lacking)})"}))
    if full:
        for seq, priv, has in conn.execute(text(
                "SELECT c.relname, p.priv, has_sequence_privilege(:r, c.oid, p.priv) FROM pg_class c "
                "JOIN pg_namespace n ON n.oid = c.relnamespace CROSS JOIN unnest(CAST(:p AS text[])) AS p(priv) "
                "WHERE n.nspname = current_schema() AND c.relkind = 'S' ORDER BY 1, 2"),
                {"r": role, "p": list(SEQUENCE_PRIVILEGES)}):
            if not has:
                out.append(Refusal("pg_grant_missing", params={"role": role, "table": seq, "privilege": priv}))
    return out, (held, columns)


def _check_defaults(conn: Connection, owner: str, workstation: str) -> list[Refusal]:
    """The owner's default privileges: SELECT, INSERT on new tables and the sequence rights for
    the workstation role; nothing for PUBLIC."""
    got: dict[tuple[str, str], set[str]] = {}
    for objtype, grantee, priv in conn.execute(text(
            "SELECT d.defaclobjtype, COALESCE(g.rolname, 'PUBLIC'), x.privilege_type FROM pg_default_acl d "
            "CROSS JOIN LATERAL aclexplode(d.defaclacl) x LEFT JOIN pg_roles g ON g.oid = x.grantee "
            "WHERE d.defaclrole = (SELECT oid FROM pg_roles WHERE rolname = :o) AND (d.defaclnamespace = 0 OR "
            "d.defaclnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema()))"), {"o": owner}):
        got.setdefault((objtype, grantee), set()).add(priv)
    want = {("r", workstation): {"SELECT", "INSERT"}, ("S", workstation): set(SEQUENCE_PRIVILEGES)}
    wrong = [(k, v) for k, v in got.items() if k[1] in (workstation, "PUBLIC") and k[0] in "rS" and want.get(k) != v]
    wrong += [(k, set()) for k in want if k not in got]
    if not wrong:
        return []
    shown = "; ".join(f"{'TABLES' if k[0] == 'r' else 'SEQUENCES'} → {k[1]}: {_privs(v, TABLE_PRIVILEGES + ('USAGE',)) or '-'}"
                      for k, v in sorted(got.items()) if k[1] in (workstation, "PUBLIC") and k[0] in "rS")
    return [Refusal("pg_default_privileges", params={"owner": owner, "role": workstation, "actual": shown or "-"})]


def _check_triggers(conn: Connection) -> list[Refusal]:
    found = {(t, n): state for t, n, state in conn.execute(text(
        "SELECT c.relname, t.tgname, t.tgenabled FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
        "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND NOT t.tgisinternal"))}
    try:
        at_head = conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == schema.HEAD
    except DBAPIError:
        at_head = False
    out = []
    for table, name in TRIGGERS:
        state = found.get((table, name))
        if state is None:
            if at_head:
                out.append(Refusal("pg_trigger_missing", params={"table": table, "trigger": name}))
        elif state in ("D", "R"):  # disabled, or firing only in replication
            out.append(Refusal("pg_trigger_disabled", params={"table": table, "trigger": name}))
    return out


# --------------------------------------------------------------------------- relgui-admin init

@dataclass
class Report:
    """What init did and found: ``notes`` (done, or as it should be), ``fixed`` (found wrong
    and corrected), ``problems`` (still wrong: an administrator must act)."""

    owner: str
    workstation: str
    notes: list[Refusal] = field(default_factory=list)
    fixed: list[Refusal] = field(default_factory=list)
    problems: list[Refusal] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def lines(self, lang: str = "zh_CN") -> list[str]:
        done = render(Refusal("pg_fixed_suffix"), lang)
        return [render(r, lang) for r in self.notes] + [f"{render(r, lang)} {done}" for r in self.fixed]

    def problem_lines(self, lang: str = "zh_CN") -> list[str]:
        return [render(r, lang) for r in self.problems]


def _name(value: str, what: str) -> str:
    if not _NAME.fullmatch(value or ""):
        raise InvalidInput(Refusal("pg_role_name_bad", params={"value": value, "what": what}))
    return value


def setup(engine: Engine, *, owner: str | None = None, workstation: str | None = None,
          login: str | None = None) -> Report:
    """relgui-admin init on PostgreSQL: the two roles created or checked, the schema migrated
    under the owner, the matrix applied; what was wrong is said, and corrected where this
    connection may (a superuser, or a member of the owner). A connection that may not (a
    workstation's) only checks."""
    for value, what in ((owner, "--owner-role"), (workstation, "--workstation-role"), (login, "--workstation-login")):
        if value is not None:
            _name(value, what)
    with engine.connect() as conn:
        me = _me(conn)
        stored = stored_owner(conn)
        # A schema a superuser made (relgui opened by one before the roles existed) goes to the owner role.
        stored_super = stored is not None and bool(conn.execute(
            text("SELECT rolsuper FROM pg_roles WHERE rolname = :r"), {"r": stored}).scalar())
        if owner and stored and owner != stored and not stored_super:
            raise InvalidInput(Refusal("pg_owner_differs", params={"given": owner, "actual": stored}))
        owner = _name(owner or (stored if stored and not stored_super else OWNER_ROLE), "--owner-role")
        named = workstation_roles(conn, owner) if _exists(conn, owner) else []
        workstation = _name(workstation or (named[0] if len(named) == 1 else WORKSTATION_ROLE), "--workstation-role")
        login = _name(login, "--workstation-login") if login else None
        if len({owner, workstation, login or workstation}) < (3 if login else 2):
            raise InvalidInput(Refusal("pg_roles_same", params={"owner": owner, "role": workstation}))
        conn.rollback()
    report = Report(owner, workstation)
    may_create = me.superuser or me.createrole
    created_workstation = False
    with engine.begin() as conn:
        for role, kind in ((owner, "owner"), (workstation, "workstation")):
            if _exists(conn, role):
                report.notes.append(Refusal(f"pg_role_present_{kind}", params={"role": role}))
                continue
            if not may_create:
                raise InvalidInput(Refusal("pg_role_cannot_create", params={
                    "role": role, "user": me.name, "sql": f"CREATE ROLE {role} NOLOGIN;"}))
            conn.execute(text(f"CREATE ROLE {_q(role)} NOLOGIN"))
            if kind == "owner" and not me.superuser:
                conn.execute(text(f"GRANT {_q(role)} TO CURRENT_USER"))  # to act as the owner (SET ROLE)
            created_workstation |= kind == "workstation"
            report.notes.append(Refusal(f"pg_role_created_{kind}", params={"role": role}))
        if login:
            if not _exists(conn, login):
                if not may_create:
                    raise InvalidInput(Refusal("pg_role_cannot_create", params={
                        "role": login, "user": me.name, "sql": f"CREATE ROLE {login} LOGIN IN ROLE {workstation};"}))
                conn.execute(text(f"CREATE ROLE {_q(login)} LOGIN IN ROLE {_q(workstation)}"))
                report.notes.append(Refusal("pg_login_created", params={"role": login, "group": workstation}))
            elif not _member(conn, login, workstation):
                if not may_create:
                    raise InvalidInput(Refusal("pg_role_cannot_create", params={
                        "role": login, "user": me.name, "sql": f"GRANT {workstation} TO {login};"}))
                conn.execute(text(f"GRANT {_q(workstation)} TO {_q(login)}"))
                report.notes.append(Refusal("pg_login_joined", params={"role": login, "group": workstation}))
            else:
                report.notes.append(Refusal("pg_login_present", params={"role": login, "group": workstation}))
    hand_over = stored_super and stored != owner
    with engine.connect() as conn:
        may_manage = me.superuser or _member(conn, me.name, owner)
        before = [] if created_workstation or stored is None or not may_manage else check(conn, owner, workstation)
        if hand_over:  # said once by pg_schema_handed_over, not table by table
            before = [r for r in before if r.code != "pg_table_owner"]
        conn.rollback()
    if not may_manage:
        report.notes.append(Refusal("pg_check_only", params={"user": me.name, "owner": owner}))
        with engine.connect() as conn:
            report.problems = check(conn, owner, workstation)
        return report
    with engine.begin() as conn:
        _prepare_schema(conn, me, owner, report)
        if hand_over and me.superuser and stored is not None:  # hand_over: a stored owner, a superuser
            count = _hand_over(conn, stored, owner)
            report.notes.append(Refusal("pg_schema_handed_over", params={"actual": stored, "owner": owner,
                                                                        "count": count}))
    migrated = schema.ensure(engine, owner=owner)
    with engine.begin() as conn:
        if owner != me.name:
            conn.execute(text(f"SET LOCAL ROLE {_q(owner)}"))
        apply(conn, owner, workstation, members(conn, workstation))
        for table, name in TRIGGERS:  # enabled again where someone disabled them
            state = conn.execute(text(
                "SELECT t.tgenabled FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n "
                "ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relname = :t AND t.tgname = :n"),
                {"t": table, "n": name}).scalar()
            if state in ("D", "R"):
                conn.execute(text(f"ALTER TABLE {_q(table)} ENABLE TRIGGER {_q(name)}"))
        revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    report.notes.append(Refusal("pg_schema_migrated" if migrated else "pg_schema_current",
                                params={"revision": revision, "owner": owner}))
    report.notes.append(Refusal("pg_grants_applied", params={
        "role": workstation, "tables": ", ".join(APPEND_ONLY_TABLES)}))
    with engine.connect() as conn:
        report.problems = check(conn, owner, workstation)
    report.fixed = [r for r in before if r not in report.problems]
    return report


def _hand_over(conn: Connection, actual: str, owner: str) -> int:
    """relgui's tables (their sequences and indexes follow) and trigger functions, from
    ``actual`` to ``owner``. Other objects in the schema are left alone."""
    count = 0
    for table in _owned(conn, actual, ("r", "p")):
        if table in ACCESS:
            conn.execute(text(f"ALTER TABLE {_q(table)} OWNER TO {_q(owner)}"))
            count += 1
    for name in conn.execute(text(
            "SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
            "WHERE n.nspname = current_schema() AND p.proname = ANY(:f) AND pg_get_userbyid(p.proowner) = :a"),
            {"f": list(FUNCTIONS), "a": actual}).scalars():
        conn.execute(text(f"ALTER FUNCTION {_q(name)}() OWNER TO {_q(owner)}"))
    return count


def _prepare_schema(conn: Connection, me: _Me, owner: str, report: Report) -> None:
    """The owner may create in the schema; PUBLIC may not (PostgreSQL before 15 let everyone)."""
    may = me.superuser or bool(conn.execute(text(
        "SELECT pg_has_role(current_user, nspowner, 'MEMBER') FROM pg_namespace WHERE nspname = current_schema()"
    )).scalar())
    schema = _q(me.schema)
    if not conn.execute(text("SELECT has_schema_privilege(:o, current_schema(), 'CREATE')"), {"o": owner}).scalar():
        if not may:
            raise InvalidInput(Refusal("pg_owner_cannot_create", params={
                "owner": owner, "schema": me.schema, "sql": f"GRANT CREATE ON SCHEMA {me.schema} TO {owner};"}))
        conn.execute(text(f"GRANT USAGE, CREATE ON SCHEMA {schema} TO {_q(owner)}"))
        report.notes.append(Refusal("pg_owner_schema_granted", params={"owner": owner, "schema": me.schema}))
    public_create = conn.execute(text(
        "SELECT EXISTS (SELECT 1 FROM pg_namespace n CROSS JOIN LATERAL aclexplode(n.nspacl) x "
        "WHERE n.nspname = current_schema() AND x.grantee = 0 AND x.privilege_type = 'CREATE')")).scalar()
    if public_create and may:
        conn.execute(text(f"REVOKE CREATE ON SCHEMA {schema} FROM PUBLIC"))
