"""Opening the database: a local SQLite file (default) or a shared PostgreSQL server.

SQLite runs with WAL, foreign keys, synchronous=FULL and a busy timeout; writing units of
work start with BEGIN IMMEDIATE so two workstation processes never interleave a
read-then-write (the audit chain depends on that). A SQLite file on a network path is
refused: SQLite's locking is not reliable there (sqlite.org/useovernet.html).
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.orm import Session, sessionmaker

from relgui.domain.errors import InvalidInput, StorageUnavailable

APP_NAME = "relgui"
SQLITE_BUSY_MS = 10_000
NETWORK_FS = {"nfs", "nfs4", "cifs", "smbfs", "smb3", "fuse.sshfs", "sshfs", "9p", "afs", "ncpfs", "davfs"}


def _json_dumps(value) -> str:
    """JSON as UTF-8 text, not \\uXXXX escapes: Chinese plans stay half the size."""
    return json.dumps(value, ensure_ascii=False)


def data_dir() -> Path:
    """Per-user data folder (%LOCALAPPDATA%\\relgui on Windows); RELGUI_HOME overrides."""
    override = os.environ.get("RELGUI_HOME")
    if override:
        return Path(override)
    portable = _portable_dir()
    if portable is not None:
        return portable
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False, roaming=False))


def _portable_dir() -> Path | None:
    """Portable mode: a file named 'portable' next to the frozen executable."""
    if getattr(sys, "frozen", False):
        exe_dir = Path(sys.executable).resolve().parent
        if (exe_dir / "portable").exists():
            return exe_dir / "data"
    return None


def default_url() -> str:
    return f"sqlite:///{data_dir() / 'relgui.db'}"


def normalise_url(text: str | None) -> URL:
    """What a user passes to --db or RELGUI_DB: a URL or a plain path to a SQLite file."""
    text = (text or os.environ.get("RELGUI_DB") or "").strip() or default_url()
    if "://" not in text:
        # Before resolve(): on POSIX it would turn //server/share into a local /server/share.
        why = is_network_path(Path(text)) if text.startswith(("\\\\", "//")) else None
        if why:
            raise StorageUnavailable(why, "network_path")
        text = f"sqlite:///{Path(text).expanduser().resolve()}"
    try:
        url = make_url(text)
    except ArgumentError:
        raise InvalidInput.of("database", "unknown_choice", value=text[:80]) from None
    if url.get_backend_name() == "postgresql":
        return url.set(drivername="postgresql+psycopg")
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        raise InvalidInput.of("database", "unknown_choice", value=text[:80])
    return url


def is_network_path(path: Path) -> str | None:
    """Why ``path`` is on a network share, or None. Checks UNC, mapped drives and mounts."""
    text = str(path)
    if text.startswith(("\\\\", "//")):
        return "UNC"
    if os.name == "nt":  # pragma: no cover - Windows only
        import ctypes

        drive = os.path.splitdrive(os.path.abspath(text))[0] + "\\"
        if ctypes.windll.kernel32.GetDriveTypeW(drive) == 4:  # DRIVE_REMOTE
            return drive
        return None
    return _mount_fs_type(path)


def _mount_fs_type(path: Path) -> str | None:
    try:
        mounts = Path("/proc/mounts").read_text().splitlines()
    except OSError:
        return None
    target = str(path.resolve())
    best, fstype = "", ""
    for line in mounts:
        parts = line.split()
        if len(parts) >= 3 and (target == parts[1] or target.startswith(parts[1].rstrip("/") + "/")):
            if len(parts[1]) > len(best):
                best, fstype = parts[1], parts[2]
    return f"{fstype}: {best}" if fstype in NETWORK_FS else None


class Database:
    """An open database: engine, read and write sessions, and a description for the status bar."""

    def __init__(self, url: str | URL | None = None, *, echo: bool = False):
        self.url = url if isinstance(url, URL) else normalise_url(url)
        self.dialect = self.url.get_backend_name()
        self.engine = self._sqlite_engine(echo) if self.dialect == "sqlite" else self._pg_engine(echo)
        self._read = sessionmaker(self.engine, expire_on_commit=False, autoflush=False)
        writer = self.engine.execution_options(sqlite_begin="IMMEDIATE")
        self._write = sessionmaker(writer, expire_on_commit=False, autoflush=True)

    # ------------------------------------------------------------------ engines
    def _sqlite_engine(self, echo: bool) -> Engine:
        from sqlalchemy import create_engine

        path = Path(self.url.database).expanduser()
        why = is_network_path(path)
        if why:
            raise StorageUnavailable(why, "network_path")
        path.parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(self.url, echo=echo, connect_args={"timeout": SQLITE_BUSY_MS / 1000},
                               json_serializer=_json_dumps)

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_conn, _record):
            dbapi_conn.isolation_level = None  # BEGIN is ours (below), not pysqlite's
            cur = dbapi_conn.cursor()
            for pragma in ("foreign_keys=ON", "journal_mode=WAL", "synchronous=FULL",
                           f"busy_timeout={SQLITE_BUSY_MS}"):
                cur.execute(f"PRAGMA {pragma}")
            cur.close()

        @event.listens_for(engine, "begin")
        def _on_begin(conn):
            mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
            conn.exec_driver_sql(f"BEGIN {mode}")

        return engine

    def _pg_engine(self, echo: bool) -> Engine:
        from sqlalchemy import create_engine

        connect_args = {"connect_timeout": 5, "application_name": APP_NAME}
        return create_engine(self.url, echo=echo, pool_pre_ping=True, pool_size=5,
                             connect_args=connect_args, json_serializer=_json_dumps)

    # ------------------------------------------------------------------ sessions
    @contextlib.contextmanager
    def read(self) -> Iterator[Session]:
        with self._read() as session, session.begin():
            yield session

    def write_session(self) -> Session:
        return self._write()

    # ------------------------------------------------------------------ facts
    def describe(self) -> str:
        if self.dialect == "sqlite":
            return f"SQLite: {self.url.database}"
        return f"PostgreSQL: {self.url.username or ''}@{self.url.host or 'localhost'}:{self.url.port or 5432}/{self.url.database}"

    @property
    def sqlite_path(self) -> Path | None:
        return Path(self.url.database) if self.dialect == "sqlite" else None

    def dispose(self) -> None:
        self.engine.dispose()
