"""PostgreSQL enforces who may write (R-1.3-TRACE, R-DOC-SIGN): proven with the workstation
role's own connection on the real server.

Every PostgreSQL test of the suite runs as the workstation login ``relgui_ws`` (a member of the
workstation role ``relgui_app``; conftest). Here: the append-only tables refuse UPDATE, DELETE
and TRUNCATE to it, DDL is refused, a signature can only be voided, once, while a whole release
lifecycle works; tables made later follow; a migration re-applies the grants and is refused to
a workstation in words; ``relgui-admin init`` creates the roles, checks them and says what is
wrong. SQLite has no roles and keeps its behaviour.
"""

from __future__ import annotations

import uuid

import pytest
from conftest import OWNER_ROLE, WORKSTATION_LOGIN, WORKSTATION_ROLE
from flows import release_at, rv, section_version
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError

from relgui.cli.main import main
from relgui.domain.states import Status
from relgui.services import attachments, auditing, documents, plans, releases
from relgui.services.context import AppContext
from relgui.services.database import open_database
from relgui.store import pgroles, schema
from relgui.store.models import Base

INSUFFICIENT_PRIVILEGE = "42501"
REFUSED_BY_TRIGGER = "23000"  # integrity_constraint_violation, raised by signatures_void_only
PG = pytest.mark.parametrize("world", ["postgresql"], indirect=True)

# A column of each append-only table to write to (any column: the table refuses them all).
COLUMN = {"audit_events": "action", "signatures": "signer_name", "plan_revisions": "reason",
          "documents": "filename", "attachments": "note"}


def refused(engine, sql: str, **params) -> str:
    """The SQLSTATE with which ``sql`` is refused (the test fails if it is not)."""
    with pytest.raises(DBAPIError) as exc:
        with engine.begin() as conn:
            conn.execute(text(sql), params)
    return exc.value.orig.sqlstate


def scalar(engine, sql: str, **params):
    with engine.begin() as conn:
        return conn.execute(text(sql), params).scalar()


# --------------------------------------------------------------------------- the matrix

def test_every_table_of_the_schema_has_its_row_in_the_matrix():
    assert set(pgroles.ACCESS) == set(Base.metadata.tables) | {"alembic_version"}
    assert not set(pgroles.WORKING_TABLES) & set(pgroles.APPEND_ONLY_TABLES)
    for table in pgroles.APPEND_ONLY_TABLES:
        assert pgroles.ACCESS[table].privileges == {"SELECT", "INSERT"}
    assert pgroles.ACCESS["signatures"].update_columns == ("voided_at", "voided_reason")
    assert "DELETE" not in pgroles.ACCESS["releases"].privileges
    assert set(Base.metadata.tables["signatures"].columns.keys()) >= set(pgroles.VOID_COLUMNS)


@PG
def test_the_suite_connects_as_a_workstation_login_that_holds_exactly_the_matrix(world):
    engine = world.db.engine
    assert scalar(engine, "SELECT current_user") == WORKSTATION_LOGIN
    assert scalar(engine, "SELECT rolsuper FROM pg_roles WHERE rolname = current_user") is False
    assert scalar(engine, "SELECT pg_has_role(current_user, :r, 'MEMBER')", r=WORKSTATION_ROLE) is True
    assert scalar(engine, "SELECT pg_has_role(current_user, :r, 'MEMBER')", r=OWNER_ROLE) is False
    assert scalar(engine, "SELECT tableowner FROM pg_tables WHERE tablename = 'audit_events'") == OWNER_ROLE
    with engine.connect() as conn:
        assert pgroles.check(conn, OWNER_ROLE, WORKSTATION_ROLE) == []


# --------------------------------------------------------------------------- refused

@PG
@pytest.mark.parametrize("table", pgroles.APPEND_ONLY_TABLES)
@pytest.mark.parametrize("statement", ["UPDATE {t} SET {c} = {c}", "DELETE FROM {t}", "TRUNCATE {t}"])
def test_append_only_tables_refuse_update_delete_truncate_to_a_workstation(world, table, statement):
    assert refused(world.db.engine, statement.format(t=table, c=COLUMN[table])) == INSUFFICIENT_PRIVILEGE


@PG
@pytest.mark.parametrize("statement", [
    "DELETE FROM releases",  # ON DELETE CASCADE would take signatures, revisions, documents, attachments
    "TRUNCATE users",
    "TRUNCATE releases CASCADE",
    "UPDATE alembic_version SET version_num = '0001_initial'",
])
def test_what_would_reach_history_by_a_side_door_is_refused(world, statement):
    assert refused(world.db.engine, statement) == INSUFFICIENT_PRIVILEGE


@PG
@pytest.mark.parametrize("statement", [
    "CREATE TABLE forged (id integer)",
    "CREATE TABLE public.forged (id integer)",
    "CREATE SCHEMA forged",
    "CREATE FUNCTION public.forged() RETURNS integer LANGUAGE sql AS 'SELECT 1'",
    "DROP TRIGGER audit_events_no_update_delete ON audit_events",
    "DROP TRIGGER signatures_void_only ON signatures",
    "ALTER TABLE audit_events DISABLE TRIGGER USER",
    "ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_truncate",
    "ALTER TABLE signatures DISABLE TRIGGER ALL",
    "ALTER TABLE signatures DROP COLUMN voided_at",
    "ALTER TABLE users ADD COLUMN forged text",
    "DROP TABLE audit_events",
    "CREATE INDEX forged ON audit_events (action)",
    "CREATE TRIGGER forged BEFORE INSERT ON releases FOR EACH ROW EXECUTE FUNCTION signatures_void_only()",
    "ALTER FUNCTION signatures_void_only() RENAME TO forged",
    f"SET ROLE {OWNER_ROLE}",
])
def test_ddl_is_refused_to_a_workstation(world, statement):
    assert refused(world.db.engine, statement) == INSUFFICIENT_PRIVILEGE


@PG
def test_a_workstation_cannot_grant_itself_more(world):
    engine = world.db.engine
    with engine.begin() as conn:  # PostgreSQL only warns: "no privileges were granted"
        conn.execute(text(f"GRANT UPDATE, DELETE ON audit_events TO {WORKSTATION_LOGIN}"))
    assert scalar(engine, "SELECT has_table_privilege('audit_events', 'UPDATE')") is False
    assert refused(engine, "UPDATE audit_events SET action = action") == INSUFFICIENT_PRIVILEGE


# --------------------------------------------------------------------------- signatures

@PG
def test_a_signature_can_be_voided_once_and_never_edited_or_revived(world):
    n = release_at(world, Status.PRECHECKED)
    engine = world.db.engine
    sig = scalar(engine, "SELECT id FROM signatures")
    # live: no column but the voiding ones may be written, and the voiding ones only to void
    for sql in ("UPDATE signatures SET signer_name = '王五' WHERE id = :i",
                "UPDATE signatures SET content_hash = repeat('0', 64) WHERE id = :i",
                "UPDATE signatures SET signer_role = 'manager', meaning = 'approve' WHERE id = :i"):
        assert refused(engine, sql, i=sig) == INSUFFICIENT_PRIVILEGE
    assert refused(engine, "UPDATE signatures SET voided_reason = 'x' WHERE id = :i", i=sig) == REFUSED_BY_TRIGGER
    # the app voids it (an edit after approval), through the column grant
    plans.save_section(world.ctx("zhangwei"), n, "purpose", {"text": "修复缺陷并优化性能。"},
                       base_version=section_version(world, n, "purpose"))
    assert scalar(engine, "SELECT voided_at IS NOT NULL AND voided_reason <> '' FROM signatures WHERE id = :i", i=sig)
    for sql in ("UPDATE signatures SET voided_at = NULL WHERE id = :i",  # revived
                "UPDATE signatures SET voided_at = NULL, voided_reason = '' WHERE id = :i",
                "UPDATE signatures SET voided_at = voided_at + interval '1 day' WHERE id = :i",  # voided again
                "UPDATE signatures SET voided_reason = 'other' WHERE id = :i"):
        assert refused(engine, sql, i=sig) == REFUSED_BY_TRIGGER
    # the trigger holds for the schema's owner too (it could disable it: the hashes show that)
    assert refused(world.owner_engine, "UPDATE signatures SET signer_name = '王五'") == REFUSED_BY_TRIGGER
    assert refused(world.owner_engine, "UPDATE signatures SET voided_at = NULL") == REFUSED_BY_TRIGGER
    assert plans.get(world.ctx(), n).signatures[0].intact


# --------------------------------------------------------------------------- the app works

@PG
def test_a_whole_release_lifecycle_runs_under_the_workstation_role_and_history_stays_put(world):
    n = release_at(world, Status.CLOSED)
    ctx = world.ctx("zhangwei")
    documents.archive_plan(ctx, n)
    documents.archive_report(world.ctx("lina"), n)
    other = releases.create(ctx, title="附件", type="normal")
    attachments.add(ctx, other.number, b"evidence", filename="e.txt")
    engine = world.db.engine
    assert scalar(engine, "SELECT current_user") == WORKSTATION_LOGIN
    counts = {t: scalar(engine, f"SELECT count(*) FROM {t}") for t in pgroles.APPEND_ONLY_TABLES}
    assert all(counts.values()), counts
    for table in pgroles.APPEND_ONLY_TABLES:
        for sql in (f"UPDATE {table} SET {COLUMN[table]} = {COLUMN[table]}", f"DELETE FROM {table}",
                    f"TRUNCATE {table}"):
            assert refused(engine, sql) == INSUFFICIENT_PRIVILEGE
    assert refused(engine, "DELETE FROM releases WHERE number = :n", n=n) == INSUFFICIENT_PRIVILEGE
    assert {t: scalar(engine, f"SELECT count(*) FROM {t}") for t in pgroles.APPEND_ONLY_TABLES} == counts
    assert auditing.verify(world.ctx()).ok
    assert rv(world, n) > 1


# --------------------------------------------------------------------------- later tables, migrations

@PG
def test_a_table_made_later_by_the_owner_gives_the_workstation_only_select_and_insert(world):
    with world.owner_engine.begin() as conn:
        conn.execute(text("CREATE TABLE later_things (id serial PRIMARY KEY, v text NOT NULL)"))
    engine = world.db.engine
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO later_things (v) VALUES ('a')"))  # the sequence follows too
    assert scalar(engine, "SELECT count(*) FROM later_things") == 1
    for sql in ("UPDATE later_things SET v = 'b'", "DELETE FROM later_things", "TRUNCATE later_things"):
        assert refused(engine, sql) == INSUFFICIENT_PRIVILEGE


def _downgrade(engine, target: str) -> None:
    from alembic import command

    cfg = schema.alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, target)


@PG
def test_a_workstation_finding_a_migration_due_refuses_in_words_and_the_owner_s_migration_reapplies_the_grants(world):
    owner = world.owner_engine
    with owner.begin() as conn:  # someone widened the workstation role's rights
        conn.execute(text(f"GRANT UPDATE, DELETE ON audit_events TO {WORKSTATION_ROLE}"))
        conn.execute(text(f"GRANT UPDATE (content) ON plan_revisions TO {WORKSTATION_ROLE}"))
    _downgrade(owner, "0003_record_versions")
    url = world.db.url
    world.db.dispose()
    with pytest.raises(pgroles.MigrationRefused) as exc:
        open_database(url)
    zh, en = exc.value.message("zh_CN"), exc.value.message("en")
    assert zh.startswith("数据库需要由管理员升级") and "0003_record_versions" in zh and schema.HEAD in zh
    assert WORKSTATION_LOGIN in zh and OWNER_ROLE in zh and "relgui-admin" in zh
    assert en.startswith("The database must be upgraded by an administrator") and WORKSTATION_LOGIN in en
    assert scalar(owner, "SELECT version_num FROM alembic_version") == "0003_record_versions"  # untouched

    assert schema.ensure(owner) is True  # the owner (an administrator acting as it) upgrades
    db = open_database(url)
    try:
        with db.engine.connect() as conn:
            assert pgroles.check(conn, OWNER_ROLE, WORKSTATION_ROLE) == []
        assert scalar(db.engine, "SELECT has_table_privilege('audit_events', 'UPDATE')") is False
        assert scalar(db.engine, "SELECT count(*) FROM pg_trigger WHERE tgname = 'signatures_void_only'") == 1
    finally:
        db.dispose()


@PG
def test_a_workstation_on_a_database_without_tables_is_told_an_administrator_initialises_it(world, pg_server,
                                                                                             pg_template):
    admin, _ = pg_template
    name = f"fresh_{uuid.uuid4().hex[:8]}"
    with admin.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {name}"))
    try:
        with pytest.raises(pgroles.MigrationRefused) as exc:
            open_database(pg_server.url(name, user=WORKSTATION_LOGIN))
        assert exc.value.message("zh_CN").startswith("数据库需要由管理员初始化")
    finally:
        with admin.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))


# --------------------------------------------------------------------------- relgui-admin init

def _init(capsys, url: str, *args: str) -> tuple[int, str, str]:
    """relgui-admin in this process; stderr without the warning about the test server's
    connection without TLS (relgui/cli/common.py says it for every command)."""
    code = main(["--db", url, *args])
    out = capsys.readouterr()
    err = "".join(line for line in out.err.splitlines(keepends=True) if "sslmode=disable" not in line)
    return code, out.out, err


@pytest.fixture
def fresh_database(pg_server, pg_template):
    """A new, empty database made by the superuser, and role names of its own."""
    admin, _ = pg_template
    name = f"init_{uuid.uuid4().hex[:8]}"
    suffix = uuid.uuid4().hex[:6]
    roles = (f"o_{suffix}", f"a_{suffix}", f"l_{suffix}")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {name}"))
    yield name, roles
    with admin.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        for role in reversed(roles):
            conn.execute(text(f"DROP ROLE IF EXISTS {role}"))


def test_init_creates_the_roles_hands_the_schema_to_the_owner_and_checks_again(capsys, pg_server, fresh_database):
    name, (owner, app, login) = fresh_database
    superuser = pg_server.url(name)
    code, out, err = _init(capsys, superuser, "init", "--owner-role", owner, "--workstation-role", app,
                           "--workstation-login", login)
    assert code == 0, err
    for needle in (f"已创建所有者角色 {owner}", f"已创建工作站角色 {app}", f"已创建工作站登录角色 {login}",
                   f"\\password {login}", f"已转给所有者角色 {owner}", "数据库角色与权限检查通过", "数据库就绪"):
        assert needle in out, out
    assert err == ""
    engine = create_engine(superuser)
    try:
        with engine.connect() as conn:
            owners = set(conn.execute(text(
                "SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'public'")).scalars())
            assert owners == {owner}
            assert pgroles.check(conn, owner, app) == []
    finally:
        engine.dispose()

    ctx = AppContext(db=open_database(pg_server.url(name, user=login)))  # the new login works the app
    try:
        releases.create(ctx, title="工作站新建", type="normal")
        assert refused(ctx.db.engine, "UPDATE audit_events SET action = 'x'") == INSUFFICIENT_PRIVILEGE
        assert refused(ctx.db.engine, "CREATE TABLE forged (id integer)") == INSUFFICIENT_PRIVILEGE
    finally:
        ctx.db.dispose()

    code, out, err = _init(capsys, superuser, "--lang", "en", "init", "--owner-role", owner,
                           "--workstation-role", app, "--workstation-login", login)
    assert code == 0, err
    for needle in (f"The owner role {owner} exists", f"The workstation role {app} exists",
                   f"The login {login} is a member of the workstation role {app}", "The schema is current", "Database roles and "
                   "privileges checked"):
        assert needle in out, out


@PG
def test_init_reports_a_misconfigured_grant_in_words_and_corrects_it_when_it_may(world, capsys, pg_server):
    name = world.db.url.database
    with world.owner_engine.begin() as conn:
        conn.execute(text(f"GRANT UPDATE, DELETE ON audit_events TO {WORKSTATION_ROLE}"))
        conn.execute(text(f"GRANT UPDATE (content) ON plan_revisions TO {WORKSTATION_LOGIN}"))
        conn.execute(text("ALTER TABLE signatures DISABLE TRIGGER signatures_void_only"))
    workstation = world.db.url.render_as_string(hide_password=False)
    code, out, err = _init(capsys, workstation, "init")  # a workstation may only look
    assert code == 1
    assert f"当前连接的角色 {WORKSTATION_LOGIN} 不是所有者 {OWNER_ROLE}" in out
    for needle in (f"工作站角色 {WORKSTATION_ROLE} 对 audit_events 有 UPDATE, DELETE 权限（应无）",
                   f"工作站角色 {WORKSTATION_LOGIN} 可以修改 plan_revisions 的列 content（应不能）",
                   "signatures 的触发器 signatures_void_only 已被停用", "仍有 3 个问题"):
        assert needle in err, err
    assert scalar(world.db.engine, "SELECT has_table_privilege('audit_events', 'DELETE')") is True  # unchanged

    code, out, err = _init(capsys, pg_server.url(name), "--lang", "en", "init")  # the superuser corrects
    assert code == 0, err
    for needle in (f"The workstation role {WORKSTATION_ROLE} holds UPDATE, DELETE on audit_events (it must not) "
                   "— corrected",
                   f"The workstation role {WORKSTATION_LOGIN} may update the column(s) content of plan_revisions "
                   "(it must not) — corrected",
                   "The trigger signatures_void_only on signatures is disabled (it protects append-only data) "
                   "— corrected"):
        assert needle in out, out
    with world.db.engine.connect() as conn:
        assert pgroles.check(conn, OWNER_ROLE, WORKSTATION_ROLE) == []
    assert refused(world.db.engine, "DELETE FROM audit_events") == INSUFFICIENT_PRIVILEGE
    assert scalar(world.db.engine, "SELECT tgenabled FROM pg_trigger WHERE tgname = 'signatures_void_only'") == "O"


@PG
def test_init_says_what_it_cannot_correct(world, capsys, pg_server, pg_template):
    """A login in the workstation role that is also a member of the owner could change anything."""
    admin, _ = pg_template
    sneaky = f"sneaky_{uuid.uuid4().hex[:6]}"
    with admin.connect() as conn:
        conn.execute(text(f"CREATE ROLE {sneaky} LOGIN CREATEDB IN ROLE {WORKSTATION_ROLE}, {OWNER_ROLE}"))
    try:
        code, out, err = _init(capsys, pg_server.url(world.db.url.database), "init")
        assert code == 1
        assert f"工作站角色 {sneaky} 是所有者 {OWNER_ROLE} 的成员，因而可以修改一切" in err, err
        assert f"工作站角色 {sneaky} 具有 CREATEDB 属性" in err
        assert "数据库就绪" in out  # the rest of init ran
    finally:
        with admin.connect() as conn:
            conn.execute(text(f"DROP ROLE {sneaky}"))


@PG
def test_init_without_the_right_to_create_roles_names_the_sql_to_run(world, capsys):
    workstation = world.db.url.render_as_string(hide_password=False)
    code, out, err = _init(capsys, workstation, "init", "--workstation-role", "nosuch_role")
    assert code == 1
    assert "角色 nosuch_role 不存在或尚未设置" in err and "CREATE ROLE nosuch_role NOLOGIN;" in err
    assert len(err.strip().splitlines()) == 1


@PG
@pytest.mark.parametrize("option, value", [("--owner-role", "Robert'); DROP TABLE users;--"),
                                           ("--workstation-role", "1abc")])
def test_init_refuses_a_role_name_it_would_have_to_quote(world, capsys, pg_server, option, value):
    code, out, err = _init(capsys, pg_server.url(world.db.url.database), "init", option, value)
    assert code == 1 and "角色名" in err and option in err


# --------------------------------------------------------------------------- SQLite

@pytest.mark.parametrize("world", ["sqlite"], indirect=True)
def test_sqlite_has_no_roles_and_migration_0004_changes_nothing_there(world):
    with world.db.engine.connect() as conn:
        triggers = set(conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'trigger'")).scalars())
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == schema.HEAD
    assert triggers == {"audit_events_no_update", "audit_events_no_delete"}
    release_at(world, Status.PLAN_APPROVED)
    with world.db.engine.begin() as conn:  # what the file's permissions allow, the database allows
        conn.execute(text("UPDATE signatures SET signer_name = '王五'"))
