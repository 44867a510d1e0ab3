"""Bringing a database to the current schema.

Start-up reads the stored revision with one query and returns at once when it is current;
Alembic (and its Mako templates) are imported only when a migration is due.
tests/test_schema.py proves REVISIONS equals the migration scripts' history.
"""

from __future__ import annotations

import importlib.resources

from sqlalchemy import inspect, text
from sqlalchemy.engine import Engine

from relgui.domain.errors import StorageUnavailable

# Oldest first; the last one is the head the code expects.
REVISIONS = ("0001_initial", "0002_knowledge_search", "0003_record_versions")
HEAD = REVISIONS[-1]


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def ensure(engine: Engine) -> bool:
    """Upgrade to HEAD if needed. Returns True when a migration ran."""
    current = current_revision(engine)
    if current == HEAD:
        return False
    if current is not None and current not in REVISIONS:
        raise StorageUnavailable(current, "schema_newer")
    upgrade(engine)
    return True


def alembic_config():
    from alembic.config import Config

    cfg = Config()
    location = importlib.resources.files("relgui.store").joinpath("migrations")
    cfg.set_main_option("script_location", str(location))
    return cfg


def upgrade(engine: Engine, target: str = "head") -> None:
    from alembic import command

    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, target)
