"""The migrations create exactly the models' schema; start-up skips Alembic when current."""

from __future__ import annotations

import subprocess
import sys

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from relgui.store import schema
from relgui.store.models import Base


def test_revisions_constant_matches_the_scripts():
    scripts = ScriptDirectory.from_config(schema.alembic_config())
    history = [s.revision for s in reversed(list(scripts.walk_revisions()))]
    assert tuple(history) == schema.REVISIONS
    assert scripts.get_current_head() == schema.HEAD


def test_migrated_database_matches_the_models(world):
    with world.db.engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": False})
        diff = compare_metadata(ctx, Base.metadata)
    assert diff == []


def test_current_schema_opens_without_importing_alembic(tmp_path):
    db = tmp_path / "x.db"
    code = (
        "import sys\n"
        "from relgui.services.database import open_database\n"
        f"open_database(r'{db}')\n"  # creates: alembic runs here, in this first process
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
    code = (
        "import sys\n"
        "from relgui.services.database import open_database\n"
        f"open_database(r'{db}')\n"
        "assert 'alembic' not in sys.modules, 'alembic imported on a current schema'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_a_newer_schema_is_refused_with_advice(tmp_path):
    import pytest
    from sqlalchemy import text

    from relgui.domain.errors import StorageUnavailable
    from relgui.services.database import open_database

    path = tmp_path / "n.db"
    db = open_database(str(path))
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    db.dispose()
    with pytest.raises(StorageUnavailable) as exc:
        open_database(str(path))
    assert "升级" in exc.value.message("zh_CN")


def test_json_columns_are_jsonb_on_postgresql_and_query_by_key(world):
    """JSONType: JSONB on PostgreSQL, JSON on SQLite; a key given to an operator on it is bound
    as text (facts._report_sql's ``detail.op("->")(key)``): a TypeDecorator without
    coerce_compared_value bound it as jsonb ('operator does not exist: jsonb -> jsonb')."""
    from sqlalchemy import func, inspect, select

    from relgui.store.models import AuditEvent

    d = AuditEvent.detail
    with world.db.engine.connect() as conn:
        kind = {c["name"]: c["type"] for c in inspect(conn).get_columns("audit_events")}["detail"]
        assert type(kind).__name__ == ("JSONB" if world.backend == "postgresql" else "JSON")
        by_key = d.op("->")("no_such_key") if world.backend == "postgresql" else func.json_extract(d, "$.no_such_key")
        assert conn.execute(select(AuditEvent.seq).where(by_key.is_not(None))).all() == []
        assert conn.execute(select(AuditEvent.seq).where(d["no_such_key"].as_string() == "x")).all() == []
        # a document compared with the column is bound as the column's type (jsonb = jsonb)
        assert conn.execute(select(AuditEvent.seq).where(d == {"no": "such detail"})).all() == []


def test_the_postgresql_dialect_is_not_imported_to_open_a_local_file(tmp_path):
    """Start-up on SQLite does not pay for the PostgreSQL dialect's imports (issue 17 item 8)."""
    db = tmp_path / "x.db"
    subprocess.run([sys.executable, "-c", f"from relgui.services.database import open_database; open_database(r'{db}')"],
                   check=True, timeout=60)
    code = (
        "import sys\n"
        "import relgui.services.register, relgui.services.details, relgui.services.users\n"
        "from relgui.services.database import open_database\n"
        f"open_database(r'{db}').dispose()\n"
        "assert 'sqlalchemy.dialects.postgresql' not in sys.modules, 'the PostgreSQL dialect was imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
