"""Bringing a database to the current schema.

Start-up reads the stored revision with one query and returns at once when it is current;
Alembic (and its Mako templates) are imported only when a migration is due.
tests/test_schema.py proves REVISIONS equals the migration scripts' history.

On PostgreSQL a migration runs as the schema's owner (relgui/store/pgroles.py): a connection
that may not change the schema (a workstation role) is refused in words before Alembic is
imported, and the workstation role's grants are re-applied in the migration's transaction.
"""

from __future__ import annotations

import importlib.resources

from sqlalchemy import inspect, text
from sqlalchemy.engine import Engine

from relgui.domain.errors import StorageUnavailable

# Oldest first; the last one is the head the code expects.
REVISIONS = ("0001_initial", "0002_knowledge_search", "0003_record_versions", "0004_signature_voiding",
             "0005_alerts", "0006_document_numbering", "0007_daily_flow", "0008_signature_subject_index")
HEAD = REVISIONS[-1]


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def ensure(engine: Engine, *, owner: str | None = None) -> bool:
    """Upgrade to HEAD if needed. Returns True when a migration ran. ``owner``: on PostgreSQL,
    the role that is to own a new schema (an existing one keeps its owner)."""
    current = current_revision(engine)
    if current == HEAD:
        return False
    if current is not None and current not in REVISIONS:
        raise StorageUnavailable(current, "schema_newer")
    upgrade(engine, owner=owner)
    return True


def alembic_config():
    from alembic.config import Config

    cfg = Config()
    location = importlib.resources.files("relgui.store").joinpath("migrations")
    cfg.set_main_option("script_location", str(location))
    return cfg


def upgrade(engine: Engine, target: str = "head", *, owner: str | None = None) -> None:
    with engine.begin() as conn:
        pg = conn.dialect.name == "postgresql"
        if pg:
            # cycle: relgui.store.pgroles imports this module
            from relgui.store import pgroles

            pgroles.become_owner(conn, owner)  # or refused in words: a workstation does not migrate
        from alembic import command

        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, target)
        if pg:
            pgroles.reapply(conn)
