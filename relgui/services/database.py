"""Opening a database for a session of work: connect, bring the schema current, report."""

from __future__ import annotations

from relgui.domain.timeutil import UTC
from relgui.services.context import storage_errors
from relgui.store import schema
from relgui.store.engine import Database


def open_database(url: str | None = None) -> Database:
    """Open (and on first use create) the database; migrations run only when due."""
    db = Database(url)
    try:
        with storage_errors():
            schema.ensure(db.engine)
    except Exception:
        db.dispose()
        raise
    return db


class DatabaseClock:
    """The database server's clock for signatures and deadlines on a shared PostgreSQL
    server (workstation clocks drift); the local clock for a SQLite file."""

    def __init__(self, db: Database):
        self._db = db

    def now(self):
        import datetime as dt

        if self._db.dialect != "postgresql":
            return dt.datetime.now(UTC)
        from sqlalchemy import text

        with storage_errors(), self._db.engine.connect() as conn:
            value = conn.execute(text("SELECT CURRENT_TIMESTAMP")).scalar_one()
        return value.astimezone(UTC)
