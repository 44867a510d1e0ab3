"""One relgui window per user and database: a second start raises the running window and exits.

Two windows on one database for the same person are two sessions that each think they hold
the user's latest view (and, on SQLite, two writers queueing on the file). So the first
start of relgui for a (user, database) takes a lock file in the user's temporary folder
(QLockFile: a lock whose process has died is taken over) and listens on a local socket
(QLocalServer: a named pipe on Windows, readable by this user only). A second start finds the
lock held, connects, and asks the first to show itself; the first brings its main window (or
the login dialog still open) to the front. On Windows a program may only take the
foreground when the foreground program allows it: the second start, which the user just
launched and so holds the foreground, calls AllowSetForegroundWindow for the first's
process id, which the first sends when it accepts the connection.

The key is the database configured at start (--db, RELGUI_DB or the settings), never its
password; choosing another database later in the running window keeps the first key.
"""

from __future__ import annotations

import getpass
import hashlib
import logging
import os
import sys

from PySide6.QtCore import QDir, QLockFile, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from relgui.store.engine import data_dir, normalise_url

log = logging.getLogger(__name__)
HELLO, RAISE = b"hello\n", b"raise\n"


def database_key(db: str | None, settings=None) -> str:
    """What identifies the database a start will open, without any password."""
    given = db or os.environ.get("RELGUI_DB")
    if not given and settings is not None:
        if settings.get("db/kind") == "postgresql" and settings.get("db/pg_host"):
            return "postgresql://{}@{}:{}/{}".format(settings.get("db/pg_user"), settings.get("db/pg_host"),
                                                    settings.get("db/pg_port"), settings.get("db/pg_database"))
        given = settings.get("db/sqlite_path") or None
    if not given:
        return "sqlite:" + os.path.realpath(data_dir() / "relgui.db")
    try:
        url = normalise_url(given)
    except Exception:  # noqa: BLE001 - an unusable URL: Startup says why; the key is the text
        return str(given)
    if url.get_backend_name() == "sqlite":
        return "sqlite:" + os.path.realpath(url.database or "")
    return url.set(password=None).render_as_string(hide_password=True)


def _name(key: str) -> str:
    """The lock's and the socket's name: the login, the per-user data folder (RELGUI_HOME, a
    portable copy's folder) and the database."""
    try:
        user = getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name in the environment
        user = str(os.getuid()) if hasattr(os, "getuid") else ""
    digest = hashlib.sha256(f"{user}\0{os.path.realpath(data_dir())}\0{key}".encode()).hexdigest()[:24]
    return f"relgui-{digest}"


class SingleInstance(QObject):
    """``claim()`` → True for the first start (then ``activated`` fires when another start
    asks this one to show itself), False when another start holds the key (it has been asked)."""

    activated = Signal()

    def __init__(self, key: str, parent: QObject | None = None):
        super().__init__(parent)
        self.name = _name(key)
        self._lock = QLockFile(QDir.temp().filePath(f"{self.name}.lock"))
        self._lock.setStaleLockTime(0)  # stale only when its process is gone, never by age
        self._server: QLocalServer | None = None

    def claim(self, wait_ms: int = 3000) -> bool:
        if self._lock.tryLock(0):
            self._listen()
            return True
        if self._ask_to_raise(wait_ms):
            return False
        # held, but nobody answers (the holder is still starting, or hung): one more try at the
        # lock, then leave it to the holder rather than run twice
        if self._lock.tryLock(wait_ms):
            self._listen()
            return True
        return False

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        if self._lock.isLocked():
            self._lock.unlock()

    # ------------------------------------------------------------------ the first start
    def _listen(self) -> None:
        QLocalServer.removeServer(self.name)  # a socket file left by a crash (POSIX)
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            log.warning("single instance: cannot listen on %s: %s", self.name, server.errorString())
            return
        server.newConnection.connect(self._accept)
        self._server = server

    def _accept(self) -> None:
        while self._server is not None and self._server.hasPendingConnections():
            sock = self._server.nextPendingConnection()
            sock.readyRead.connect(lambda s=sock: self._read(s))
            sock.disconnected.connect(lambda s=sock: self._gone(s))
            self._read(sock)  # what arrived before the connection was taken

    def _gone(self, sock: QLocalSocket) -> None:
        self._read(sock)
        sock.deleteLater()

    def _read(self, sock: QLocalSocket) -> None:
        """Every line that came, read before anything is answered (a write to a peer that has
        gone discards what was still unread)."""
        if not sock.isOpen() or not sock.bytesAvailable():
            return
        lines = bytes(sock.readAll().data()).splitlines(keepends=True)
        for line in lines:
            if line == HELLO and sock.state() == QLocalSocket.LocalSocketState.ConnectedState:
                sock.write(f"{os.getpid()}\n".encode("ascii"))
                sock.flush()
            elif line == RAISE:
                log.info("another start asked this window to show itself")
                self.activated.emit()

    # ------------------------------------------------------------------ the second start
    def _ask_to_raise(self, wait_ms: int) -> bool:
        """hello → the first's process id (Windows: allowed to take the foreground) → raise."""
        sock = QLocalSocket()
        sock.connectToServer(self.name)
        if not sock.waitForConnected(wait_ms):
            return False
        sock.write(HELLO)
        sock.flush()
        if sock.waitForReadyRead(wait_ms):
            line = bytes(sock.readLine().data()).strip()
            if line.isdigit():
                _allow_foreground(int(line))
        sock.write(RAISE)
        sock.flush()
        sock.waitForBytesWritten(wait_ms)
        sock.disconnectFromServer()
        return True


def _allow_foreground(pid: int) -> None:
    """Windows: let the running relgui take the foreground (this process has it: the user just
    started it). Elsewhere window managers decide; nothing to do."""
    if sys.platform != "win32":
        return
    import ctypes

    try:
        ctypes.windll.user32.AllowSetForegroundWindow(pid)
    except (AttributeError, OSError):
        pass


def bring_to_front(widget) -> None:
    """Show ``widget`` (the main window, or the dialog open before it) in front, restored
    from the taskbar if it was minimised."""
    from PySide6.QtCore import Qt

    if widget is None:
        return
    widget.setWindowState((widget.windowState() & ~Qt.WindowState.WindowMinimized) | Qt.WindowState.WindowActive)
    widget.show()
    widget.raise_()
    widget.activateWindow()
