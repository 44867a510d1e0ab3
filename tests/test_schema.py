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
