"""Opening a database for a session of work: connect, bring the schema current, report.

A SQLite file is never created by accident: ``create=False`` (what relgui-admin and the GUI
pass unless the user asked for a new database) refuses a missing file, an empty one, a file
that is not SQLite and another program's SQLite database, each naming the path, in words.
"""

from __future__ import annotations

import sqlite3

from relgui.domain.errors import StorageUnavailable
from relgui.domain.timeutil import UTC
from relgui.services.context import storage_errors
from relgui.store import schema
from relgui.store.engine import SQLITE_BUSY_MS, Database

SQLITE_NOTADB = 26


def open_database(url: str | None = None, *, create: bool = True) -> Database:
    """Open the database; migrations run only when due. ``create``: a SQLite file that is
    missing or empty becomes a new relgui database (False: refused, naming the path)."""
    db = Database(url, create=create)
    try:
        with storage_errors():
            if db.dialect == "sqlite":
                _check_sqlite(db, create)
            schema.ensure(db.engine)
    except Exception:
        db.dispose()
        raise
    return db


def _check_sqlite(db: Database, create: bool) -> None:
    """What the file is, before anything is written to it (not even the switch to WAL): SQLite
    at all, relgui's, another program's, or empty. A plain SQLite connection, closed at once."""
    where = str(db.sqlite_path)
    if create and not db.sqlite_path.exists():
        return
    try:
        conn = sqlite3.connect(db.sqlite_uri, uri=True, timeout=SQLITE_BUSY_MS / 1000)
        try:
            tables = {name for (name,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'")}
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        if getattr(exc, "sqlite_errorcode", None) == SQLITE_NOTADB or "not a database" in str(exc):
            raise StorageUnavailable(where, "not_a_database") from None
        raise StorageUnavailable(f"{where}: {exc}") from None
    if "alembic_version" in tables:
        return
    if tables:
        raise StorageUnavailable(where, "not_relgui_database")
    if not create:
        raise StorageUnavailable(where, "sqlite_uninitialised")


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
