"""Opening a database for a session of work: connect, bring the schema current, report.

A SQLite file is never created by accident: ``create=False`` (what relgui-admin and the GUI
pass unless the user asked for a new database) refuses a missing file, an empty one, a file
that is not SQLite and another program's SQLite database, each naming the path, in words.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
import time

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
            if not _current(db):
                schema.ensure(db.engine)
    except Exception:
        db.dispose()
        raise
    return db


def _current(db: Database) -> bool:
    """Whether the schema is at HEAD, in one statement (on PostgreSQL without BEGIN/ROLLBACK;
    the usual case at every start). Anything else — no table yet, another revision — is for
    schema.ensure to look at and say."""
    from sqlalchemy import text
    from sqlalchemy.exc import OperationalError, ProgrammingError

    try:
        with db.connect_read() as conn:
            if db.dialect != "postgresql":
                return conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == schema.HEAD
            # The server's time comes with it: DatabaseClock's first measurement, no round trip of its own.
            before = time.monotonic()
            row = conn.execute(text("SELECT version_num, CURRENT_TIMESTAMP FROM alembic_version")).first()
            if row is None:
                return False
            db.server_time = ((before + time.monotonic()) / 2, row[1].astimezone(UTC))
            return row[0] == schema.HEAD
    except OperationalError as exc:
        if db.dialect == "sqlite" and "no such table" in str(exc):
            return False
        raise
    except ProgrammingError:  # PostgreSQL: no such table
        return False


def _check_sqlite(db: Database, create: bool) -> None:
    """What the file is, before anything is written to it (not even the switch to WAL): SQLite
    at all, relgui's, another program's, or empty. A plain SQLite connection, closed at once."""
    path, uri = db.sqlite_path, db.sqlite_uri
    if path is None or uri is None:  # not reached: Database refuses a SQLite URL without a file
        raise StorageUnavailable(str(path), "sqlite_missing")
    where = str(path)
    if create and not path.exists():
        return
    try:
        conn = sqlite3.connect(uri, uri=True, timeout=SQLITE_BUSY_MS / 1000)
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
    server (workstation clocks drift); the local clock for a SQLite file.

    The server is asked for its time once per ``resync_s`` (and again after a failed ask):
    ``now()`` is this computer's monotonic clock plus the offset measured then, the server's
    answer taken as of the middle of its round trip — the server's time within half a round
    trip, without a ``SELECT CURRENT_TIMESTAMP`` per use case (five round trips at start-up)."""

    def __init__(self, db: Database, resync_s: float = 300.0, monotonic=time.monotonic):
        self._db = db
        self._resync_s = resync_s
        self._monotonic = monotonic
        # (monotonic, server time) measured together; the first from opening the database
        found = getattr(db, "server_time", None)
        self._base: tuple[float, dt.datetime] | None = found if monotonic is time.monotonic else None
        self._lock = threading.Lock()

    def now(self) -> dt.datetime:
        if self._db.dialect != "postgresql":
            return dt.datetime.now(UTC)
        with self._lock:
            mono = self._monotonic()
            if self._base is None or mono - self._base[0] >= self._resync_s:
                self._base = self._ask()
                mono = self._monotonic()
            at, server = self._base
            return server + dt.timedelta(seconds=mono - at)

    def _ask(self) -> tuple[float, dt.datetime]:
        from sqlalchemy import text

        with storage_errors(), self._db.engine.connect() as conn:
            conn.execution_options(isolation_level="AUTOCOMMIT")  # the one statement, no BEGIN/ROLLBACK
            before = self._monotonic()
            value = conn.execute(text("SELECT CURRENT_TIMESTAMP")).scalar_one()
            after = self._monotonic()
        return (before + after) / 2, value.astimezone(UTC)
