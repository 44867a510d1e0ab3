"""Opening the database: a local SQLite file (default) or a shared PostgreSQL server.

SQLite runs with WAL, foreign keys, synchronous=FULL and a busy timeout; writing units of
work start with BEGIN IMMEDIATE so two workstation processes never interleave a
read-then-write (the audit chain depends on that). A SQLite file on a network path is
refused: SQLite's locking is not reliable there (sqlite.org/useovernet.html).

A SQLite file is opened only if it exists, unless the caller asks to create it
(``create=True``: ``relgui-admin init``, the GUI's first run or "create new database").

The live files (the database, its -wal, -shm and -journal) are never opened by this process
outside SQLite: on POSIX one open()+close() of them drops every lock SQLite holds on the
inode, and the next process to disconnect deletes the -wal/-shm this process still writes
to (sqlite.org/howtocorrupt.html §2.2). ``guard_live_files`` (an audit hook) refuses
Python's open/rename/remove of them; ``_LiveFile.check`` refuses to read or write once the
files were replaced or the locks lost anyway, and never lets SQLite checkpoint a deleted
WAL into the file. docs/architecture.md (Storage) says which layer covers what.

A new SQLite file is created 0600 (relgui.fsutil) before SQLite writes into it; SQLite gives
its -wal, -shm and -journal the database file's mode. PostgreSQL connects with the TLS mode
and CA file of relgui.store.connection (encrypted unless ``sslmode=disable`` is asked for,
which ``describe()`` says), and its TLS and password failures are said in words.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import logging
import os
import re
import sqlite3
import sys
import threading
import time
import weakref
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.exc import ArgumentError, DisconnectionError
from sqlalchemy.orm import Session, sessionmaker

from relgui.domain.errors import InvalidInput, Refusal, StorageUnavailable
from relgui.fsutil import create_private
from relgui.store.connection import Tls, hide_password, refusal_for, tls_of
from relgui.store.connection import label as tls_label
from relgui.store.types import json_text

log = logging.getLogger(__name__)

APP_NAME = "relgui"
SQLITE_BUSY_MS = 10_000
PING_AFTER_IDLE_S = 30.0  # PostgreSQL: a pooled connection idle this long is pinged before use
SIDE_SUFFIXES = ("-wal", "-shm", "-journal")

# Network file systems by the type /proc/mounts shows. A FUSE mount "fuse.X" is judged by X,
# as systemd's fstype_is_network() does (src/basic/mountpoint-util.c, with its "@network"
# file-system set): so fuse.sshfs, fuse.glusterfs and fuse.ceph follow sshfs, glusterfs, ceph.
NETWORK_FS = frozenset({
    # kernel clients: systemd's @network set and fstype_is_network() additions
    "nfs", "nfs4", "cifs", "smb3", "smbfs", "smb", "ncp", "ncpfs", "afs", "9p", "ceph", "gfs", "gfs2",
    "ocfs2", "glusterfs", "lustre", "pvfs2", "orangefs", "davfs", "sshfs", "beegfs", "gpfs",
    # FUSE daemons that reach a server (their mounts read "fuse.<name>" in /proc/mounts):
    "rclone",       # rclone mount (any cloud or SFTP/SMB/WebDAV remote)
    "s3fs",         # s3fs-fuse (S3 buckets)
    "gcsfuse",      # Google Cloud Storage
    "juicefs",      # JuiceFS (object storage + metadata server)
    "ceph-fuse",    # CephFS through ceph-fuse
    "gvfsd-fuse",   # GNOME gvfs: smb://, sftp://, dav:// shares the file manager opened
    "smbnetfs", "curlftpfs", "s3ql", "goofys", "blobfuse", "blobfuse2",
})
MOUNTS = "/proc/mounts"  # the mount table read on Linux; a test points it at a file of its own


def _json_dumps(value) -> str:
    """JSON as UTF-8 text, not \\uXXXX escapes (Chinese plans stay half the size), in the
    canonical form (store.types.json_text): row evidence hashes SQLite's stored text as it is."""
    return json_text(value)


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


def is_default_database(url: URL) -> bool:
    """Whether ``url`` is the per-user database (the one a first run may create)."""
    if url.get_backend_name() != "sqlite" or not url.database:
        return False
    return Path(url.database).expanduser().resolve() == (data_dir() / "relgui.db").resolve()


def normalise_url(text: str | URL | None) -> URL:
    """What a user passes to --db or RELGUI_DB: a URL or a plain path to a SQLite file (a URL
    object, as the GUI's settings make one, is taken as it is)."""
    if isinstance(text, URL):
        return text.set(drivername="postgresql+psycopg") if text.get_backend_name() == "postgresql" else text
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
        raise InvalidInput.of("database", "unknown_choice", value=hide_password(text)[:80]) from None
    if url.get_backend_name() == "postgresql":
        return url.set(drivername="postgresql+psycopg")
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        raise InvalidInput.of("database", "unknown_choice", value=hide_password(text)[:80])
    return url


def is_network_path(path: Path, *, mounts: str | os.PathLike | None = None) -> str | None:
    """Why ``path`` is on a network share, or None. Checks UNC, mapped drives and mounts
    (``mounts``: the mount table to read, /proc/mounts unless a test gives another)."""
    text = str(path)
    if text.startswith(("\\\\", "//")):
        return "UNC"
    if sys.platform == "win32":  # pragma: no cover - Windows only (os.name == "nt")
        import ctypes

        drive = os.path.splitdrive(os.path.abspath(text))[0] + "\\"
        if ctypes.windll.kernel32.GetDriveTypeW(drive) == 4:  # DRIVE_REMOTE
            return drive
        return None
    return _mount_fs_type(path) if mounts is None else _mount_fs_type(path, mounts)


def _unescape_mount(field: str) -> str:
    """/proc/mounts writes space, tab, newline and backslash in paths as \\040 \\011 \\012 \\134."""
    return re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), field) if "\\" in field else field


def is_network_fs(fstype: str) -> bool:
    name = fstype.lower()
    return name in NETWORK_FS or (name.startswith("fuse.") and name[5:] in NETWORK_FS)


def _mount_fs_type(path: Path, mounts: str | os.PathLike | None = None) -> str | None:
    try:
        lines = Path(mounts or MOUNTS).read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    target = str(Path(path).resolve())
    best, fstype = "", ""
    for line in lines:
        parts = line.split()
        if len(parts) < 3:
            continue
        point = _unescape_mount(parts[1])
        if target == point or target.startswith(point.rstrip("/") + "/"):
            if len(point) >= len(best):
                best, fstype = point, parts[2]
    return f"{fstype}: {best}" if is_network_fs(fstype) else None


# ---------------------------------------------------------------------------------------------
# The live SQLite files of this process (POSIX advisory-lock hazard, howtocorrupt.html §2.2)
# ---------------------------------------------------------------------------------------------

class LiveDatabaseFile(InvalidInput, PermissionError):
    """Opening (renaming, removing) a database file relgui is using, outside SQLite: refused.
    An InvalidInput (said in words by the GUI and the CLI) and a PermissionError, so code that
    expects open() to fail with an OSError handles it as it would any unreadable file."""

    def __init__(self, path: str):
        super().__init__(Refusal("db_file_in_use", params={"path": path}))
        self.errno, self.filename = errno.EACCES, path
        self.strerror = self._said = self.message("zh_CN")

    def __str__(self) -> str:
        return self._said


class _Connection(sqlite3.Connection):
    """A SQLite connection that can be pinned: once its files were deleted under it, closing
    it would let SQLite checkpoint the deleted WAL into the (new) file and unlink the current
    -wal by name. A pinned connection is never closed, not even at exit; the OS releases it."""

    pinned = False

    def close(self) -> None:
        if not self.pinned:
            super().close()


_PINNED: list[_Connection] = []
_POISONED: set[tuple[int, int]] = set()  # (st_dev, st_ino) of database files that must not be used again


def _pin(conn: _Connection) -> None:
    if conn.pinned:
        return
    conn.pinned = True
    _PINNED.append(conn)
    with contextlib.suppress(Exception):  # a reference never returned: no dealloc, no sqlite3_close at exit
        import ctypes

        ctypes.pythonapi.Py_IncRef(ctypes.py_object(conn))


def _ident(path: str) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


def _held_lock_inodes(pid: int) -> set[int] | None:
    """Inode numbers this process holds POSIX locks on (Linux /proc/locks), or None."""
    try:
        with open("/proc/locks", "rb") as fh:
            data = fh.read()
    except OSError:
        return None
    me, held = str(pid).encode(), set()
    for line in data.splitlines():
        f = line.split()
        # "1: POSIX  ADVISORY  READ 10744 fe:00:2162770 1073741826 1073742335"; waiters have "->"
        if len(f) >= 6 and f[1] == b"POSIX" and f[4] == me:
            with contextlib.suppress(ValueError):
                held.add(int(f[5].rsplit(b":", 1)[1]))
    return held


class _LiveFile:
    """One SQLite database file this process has open through relgui, shared by every
    Database on it: the files' identities as SQLite opened them, the locks it holds."""

    def __init__(self, path: str):
        self.path = path
        self.databases = 0
        self.connections: weakref.WeakSet = weakref.WeakSet()
        self.ids: dict[str, tuple[int, int]] = {}
        self.lock_inodes: frozenset[int] | None = None
        self.broken: str | None = None

    def names(self) -> set[str]:
        return {os.path.normcase(self.path + s) for s in ("", *SIDE_SUFFIXES)}

    def connected(self, conn) -> None:
        """A new SQLite connection (its pragmas ran: it holds the WAL files and its locks)."""
        if self.broken or _ident(self.path) in _POISONED:
            raise StorageUnavailable(self.broken or self.path, "sqlite_files_replaced")
        if isinstance(conn, _Connection):
            self.connections.add(conn)
        if len(self.connections) <= 1 or not self.ids:
            self._capture()

    def closed(self, conn) -> None:
        self.connections.discard(conn)
        if not self.connections and not self.broken:
            # SQLite closed the file: a -wal/-shm made by the next connection is legitimately new.
            self.ids, self.lock_inodes = {}, None
            _refresh_guard()

    def _capture(self) -> None:
        self.ids = {s: i for s in ("", "-wal", "-shm") if (i := _ident(self.path + s)) is not None}
        self.lock_inodes = None
        if sys.platform.startswith("linux") and "" in self.ids and "-shm" in self.ids:
            expected = {self.ids[""][1], self.ids["-shm"][1]}
            held = _held_lock_inodes(os.getpid())
            # Only where /proc/locks shows the locks under the inode numbers stat() gives (not so
            # on some overlay/btrfs mounts): otherwise the check could not tell loss from noise.
            if held is not None and expected <= held:
                self.lock_inodes = frozenset(expected)
        _refresh_guard()

    def check(self, write: bool) -> None:
        """Refuse to go on when the files SQLite has open are no longer the ones at the path,
        or (Linux, before writing) when the locks SQLite believes it holds are gone."""
        if self.broken:
            raise StorageUnavailable(self.broken, "sqlite_files_replaced")
        for suffix, ident in self.ids.items():
            if _ident(self.path + suffix) != ident:
                self.poison(replaced := f"{self.path}{suffix}")
                raise StorageUnavailable(replaced, "sqlite_files_replaced")
        if write and self.lock_inodes:
            held = _held_lock_inodes(os.getpid())
            if held is not None and not self.lock_inodes <= held:
                self.poison(self.path)
                raise StorageUnavailable(self.path, "sqlite_locks_lost")
        if not self.ids.keys() >= {"", "-wal", "-shm"}:
            self._capture()  # a database created by this process: its -wal and -shm came with the first write

    def poison(self, what: str) -> None:
        log.error("SQLite files of %s replaced or unlocked under this process (%s): database closed for good",
                  self.path, what)
        self.broken = what
        if "" in self.ids:
            _POISONED.add(self.ids[""])
        for conn in list(self.connections):
            _pin(conn)


_LIVE: dict[str, _LiveFile] = {}
_LIVE_GUARD = threading.Lock()
_GUARD_NAMES: frozenset[str] = frozenset()
_GUARD_IDS: frozenset[tuple[int, int]] = frozenset()
_HOOKED = False
_EVENTS = frozenset({"open", "os.rename", "os.remove", "os.truncate"})


def _refresh_guard() -> None:
    global _GUARD_NAMES, _GUARD_IDS
    names, ids = set(), set()
    for live in list(_LIVE.values()):
        names |= live.names()
        ids |= set(live.ids.values())
    _GUARD_NAMES, _GUARD_IDS = frozenset(names), frozenset(ids)


def live_database_file(path: str | bytes | os.PathLike) -> str | None:
    """The live database ``path`` is (or is a -wal/-shm/-journal of, by name or by inode: other
    names and hard or symbolic links count), or None."""
    names = _GUARD_NAMES
    if not names:
        return None
    try:
        text = os.path.abspath(os.fspath(path))
        if isinstance(text, bytes):
            text = os.fsdecode(text)
    except (TypeError, ValueError):
        return None
    if os.path.normcase(text) in names:
        return text
    try:
        st = os.stat(text)
    except (OSError, ValueError):
        folder, name = os.path.split(text)
        with contextlib.suppress(OSError, ValueError):
            real = os.path.join(os.path.realpath(folder), name)
            if os.path.normcase(real) in names:
                return text
        return None
    return text if (st.st_dev, st.st_ino) in _GUARD_IDS else None


def _another_name_of_a_live_file(path: Path) -> bool:
    """A side file of a live database, or a hard link to one (SQLite would pair it with
    another -wal: sqlite.org/howtocorrupt.html §2.6)."""
    if not _LIVE:
        return False
    ident = _ident(str(path))
    for live in list(_LIVE.values()):
        if str(path) != live.path and (os.path.normcase(str(path)) in live.names() or
                                       (ident is not None and ident in live.ids.values())):
            return True
    return False


def refuse_live_database_file(path: str | bytes | os.PathLike) -> None:
    """Raise LiveDatabaseFile when ``path`` is a database file relgui has open."""
    if live_database_file(path) is not None:
        raise LiveDatabaseFile(os.fspath(path) if not isinstance(path, bytes) else os.fsdecode(path))


def _audit(event_name: str, args: tuple) -> None:
    """sys.addaudithook: Python's open/rename/remove/truncate of a live database file is refused."""
    if event_name not in _EVENTS or not _GUARD_NAMES:
        return
    targets: tuple[object, ...]
    if event_name == "open":
        targets = (args[0],)
    elif event_name == "os.rename":  # also os.replace: (src, dst, src_dir_fd, dst_dir_fd); no dir_fd is -1
        if args[2] not in (None, -1) or args[3] not in (None, -1):
            return
        targets = (args[0], args[1])
    elif event_name == "os.remove":  # (path, dir_fd)
        if args[1] not in (None, -1):
            return
        targets = (args[0],)
    else:  # os.truncate (path or fd, length)
        targets = (args[0],)
    for target in targets:
        if isinstance(target, (str, bytes, os.PathLike)):
            refuse_live_database_file(target)


def guard_live_files() -> None:
    """Install the audit hook (once per process; audit hooks cannot be removed)."""
    global _HOOKED
    with _LIVE_GUARD:
        if not _HOOKED:
            sys.addaudithook(_audit)
            _HOOKED = True


def _register(path: str) -> _LiveFile:
    with _LIVE_GUARD:
        live = _LIVE.get(path)
        if live is None:
            live = _LIVE[path] = _LiveFile(path)
        live.databases += 1
    guard_live_files()
    _refresh_guard()
    return live


def _unregister(live: _LiveFile) -> None:
    with _LIVE_GUARD:
        live.databases -= 1
        if live.databases <= 0 and _LIVE.get(live.path) is live:
            del _LIVE[live.path]
    _refresh_guard()


# ---------------------------------------------------------------------------------------------

class Database:
    """An open database: engine, read and write sessions, and a description for the status bar.

    ``create``: a missing SQLite file is created (with its folder) only when True; otherwise it
    is refused naming the path (StorageUnavailable ``sqlite_missing``)."""

    def __init__(self, url: str | URL | None = None, *, echo: bool = False, create: bool = True):
        self.url = normalise_url(url)
        self.dialect = self.url.get_backend_name()
        self.tls: Tls | None = None  # PostgreSQL: the TLS mode connections use
        self._live: _LiveFile | None = None
        self.sqlite_uri: str | None = None  # file:…?mode=rw, for a look at the file that changes nothing
        # PostgreSQL: (monotonic, server time) read with the schema check on opening (DatabaseClock)
        self.server_time: tuple[float, dt.datetime] | None = None
        self.engine = self._sqlite_engine(echo, create) if self.dialect == "sqlite" else self._pg_engine(echo)
        self._snapshot = sessionmaker(self.engine, expire_on_commit=False, autoflush=False)
        # Reads on PostgreSQL run in autocommit: no BEGIN before and no ROLLBACK after them (two
        # round trips per read). Each statement at READ COMMITTED sees its own snapshot either
        # way; a read that needs one snapshot for all its statements asks for it (read(snapshot=True)).
        reader = self.engine.execution_options(isolation_level="AUTOCOMMIT") if self.dialect == "postgresql" \
            else self.engine
        self._read = sessionmaker(reader, expire_on_commit=False, autoflush=False)
        writer = self.engine.execution_options(sqlite_begin="IMMEDIATE")
        self._write = sessionmaker(writer, expire_on_commit=False, autoflush=True)

    # ------------------------------------------------------------------ engines
    def _sqlite_engine(self, echo: bool, create: bool) -> Engine:
        from sqlalchemy import create_engine

        if not self.url.database:  # a URL object as given (normalise_url refuses a text without one)
            raise InvalidInput.of("database", "unknown_choice", value=hide_password(str(self.url))[:80])
        path = Path(self.url.database).expanduser()
        why = is_network_path(path)
        if why:
            raise StorageUnavailable(why, "network_path")
        # The name SQLite uses (it resolves symbolic links), so -wal/-shm are found where it puts them.
        path = Path(os.path.realpath(path))
        if path.name.endswith(SIDE_SUFFIXES) or _another_name_of_a_live_file(path):
            raise StorageUnavailable(str(path), "sqlite_side_file")
        if path.is_dir():
            raise StorageUnavailable(str(path), "not_a_database")
        if _ident(str(path)) in _POISONED:
            raise StorageUnavailable(str(path), "sqlite_files_replaced")
        if create:
            path.parent.mkdir(parents=True, exist_ok=True)

            if not path.exists():  # (an existing file is left as it is, and never opened here)
                create_private(path)  # 0600 before SQLite writes a byte
        elif not path.exists():
            raise StorageUnavailable(str(path), "sqlite_missing")
        # mode=rw: SQLite itself refuses to create the file (no race between the check and the open).
        self.sqlite_uri = path.as_uri() + "?mode=rw"
        target = path.as_uri() if create else self.sqlite_uri
        timeout = SQLITE_BUSY_MS / 1000

        def connect() -> sqlite3.Connection:
            return sqlite3.connect(target, uri=True, timeout=timeout, check_same_thread=False, factory=_Connection)

        engine = create_engine(self.url, echo=echo, creator=connect, json_serializer=_json_dumps)
        self._live = live = _register(str(path))
        self._unregister = weakref.finalize(self, _unregister, live)

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_conn, _record):
            dbapi_conn.isolation_level = None  # BEGIN is ours (below), not pysqlite's
            cur = dbapi_conn.cursor()
            for pragma in ("foreign_keys=ON", "journal_mode=WAL", "synchronous=FULL",
                           f"busy_timeout={SQLITE_BUSY_MS}"):
                cur.execute(f"PRAGMA {pragma}")
            cur.close()
            live.connected(dbapi_conn)

        @event.listens_for(engine, "close")
        def _on_close(dbapi_conn, _record):
            live.closed(dbapi_conn)

        @event.listens_for(engine, "close_detached")
        def _on_close_detached(dbapi_conn):
            live.closed(dbapi_conn)

        @event.listens_for(engine, "begin")
        def _on_begin(conn):
            mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
            live.check(write=mode == "IMMEDIATE")
            conn.exec_driver_sql(f"BEGIN {mode}")

        @event.listens_for(engine, "commit")
        def _on_commit(conn):
            if conn.get_execution_options().get("sqlite_begin") == "IMMEDIATE":
                live.check(write=True)  # the last moment: a failure here rolls the unit of work back

        return engine

    def _pg_engine(self, echo: bool) -> Engine:
        from sqlalchemy import create_engine

        self.tls = tls = tls_of(self.url)
        # Explicit, so libpq's default (prefer) and PGSSLMODE/PGSSLROOTCERT cannot weaken it.
        # autocommit while SQLAlchemy looks at a new connection (server version, schema, isolation
        # level: no BEGIN/ROLLBACK around them, two round trips); _transactional below turns it
        # off before the connection is used for anything else.
        connect_args = {"connect_timeout": 5, "application_name": APP_NAME, "sslmode": tls.mode, "autocommit": True}
        if tls.rootcert:
            connect_args["sslrootcert"] = tls.rootcert
        # use_native_hstore=False: relgui has no hstore column; looking the type up cost three
        # round trips (SAVEPOINT, SELECT, RELEASE) on every first connection.
        engine = create_engine(self.url, echo=echo, pool_size=5, use_native_hstore=False,
                               connect_args=connect_args, json_serializer=_json_dumps, hide_parameters=True)
        url = self.url

        @event.listens_for(engine, "connect")
        def _transactional(dbapi_conn, _record):
            dbapi_conn.autocommit = False  # every use of the connection: transactions as SQLAlchemy asks

        # A connection idle in the pool for longer than PING_AFTER_IDLE_S is pinged when it is
        # taken (a server restart or a dropped network meanwhile: a fresh connection instead,
        # the pool retries); one used a moment ago is not (pool_pre_ping pinged every checkout:
        # 12 round trips of the 67 a start-up took).
        @event.listens_for(engine, "checkin")
        def _used(_dbapi_conn, record):
            record.info["relgui_idle_since"] = time.monotonic()

        @event.listens_for(engine, "checkout")
        def _ping_if_idle(dbapi_conn, record, _proxy):
            since = record.info.get("relgui_idle_since")
            if since is None or time.monotonic() - since < PING_AFTER_IDLE_S:
                return
            from psycopg import pq

            try:  # libpq's own exec: an empty query, one round trip, no transaction begun
                result = dbapi_conn.pgconn.exec_(b"")
                ok = result.status == pq.ExecStatus.EMPTY_QUERY
            except Exception as exc:  # noqa: BLE001 - any failure: this connection is gone
                raise DisconnectionError(str(exc)) from exc
            if not ok:
                raise DisconnectionError("the server did not answer the ping")

        @event.listens_for(engine, "handle_error")
        def _said_plainly(context):
            """A TLS or password failure in words (StorageUnavailable), not libpq's English."""
            original = context.original_exception
            if original is not None and not isinstance(original, StorageUnavailable):
                said = refusal_for(str(original), url)
                if said is not None:
                    raise said from None

        return engine

    # ------------------------------------------------------------------ sessions
    @contextlib.contextmanager
    def read(self, snapshot: bool = False) -> Iterator[Session]:
        """A read-only session. ``snapshot``: one transaction for all its statements (a backup
        sets REPEATABLE READ in it); otherwise on PostgreSQL each statement commits on its own
        (no BEGIN/ROLLBACK round trips). SQLite's reads are always one read transaction."""
        with (self._snapshot if snapshot else self._read)() as session, session.begin():
            yield session

    @contextlib.contextmanager
    def connect_read(self) -> Iterator:
        """A Core connection for reading: on PostgreSQL in autocommit (each statement one round
        trip, no BEGIN/ROLLBACK around it), on SQLite a read transaction as ever."""
        with self.engine.connect() as conn:
            if self.dialect == "postgresql":
                conn.execution_options(isolation_level="AUTOCOMMIT")
            yield conn

    def write_session(self) -> Session:
        return self._write()

    # ------------------------------------------------------------------ facts
    def describe(self) -> str:
        """Which database, for the status bar, the login dialog and relgui-admin; on PostgreSQL
        with what the connection is (未加密 / not encrypted …). Never the password."""
        if self.dialect == "sqlite":
            return f"SQLite: {self.url.database}"
        where = f"{self.url.username or ''}@{self.url.host or 'localhost'}:{self.url.port or 5432}/{self.url.database}"
        assert self.tls is not None  # set by _pg_engine for every PostgreSQL database
        return f"PostgreSQL: {where} ({tls_label(self.tls)})"

    @property
    def encrypted(self) -> bool | None:
        """PostgreSQL: whether connections are encrypted (TLS); None for a local SQLite file."""
        return None if self.tls is None else self.tls.encrypted

    @property
    def exposed(self) -> bool:
        """PostgreSQL in clear text to another computer (relgui-admin warns on stderr)."""
        return self.tls is not None and self.tls.exposed

    @property
    def sqlite_path(self) -> Path | None:
        return Path(self.url.database) if self.dialect == "sqlite" and self.url.database else None

    def check_files(self, write: bool = True) -> None:
        """SQLite: raise StorageUnavailable when the files under the connections were replaced
        or (Linux) their locks lost; nothing on PostgreSQL. Every transaction does this itself."""
        if self._live is not None and self._live.connections:
            self._live.check(write)

    def dispose(self) -> None:
        self.engine.dispose()
        if self._live is not None:
            self._live = None
            self._unregister()
