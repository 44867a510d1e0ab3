"""Files relgui writes are readable by their owner only (0600 on POSIX), whatever the umask.

The database holds password hashes and every record; backups hold the same; exports,
documents and attachment copies hold what the release office keeps from others; the settings
name the database server; the log names users and files. Each is created here:

- ``private_output(path)``: a temporary file beside ``path``, created by ``tempfile.mkstemp``
  (``O_CREAT | O_EXCL``, mode 0600, so no other user can open it in between), handed to a
  writer that opens it by name (zipfile, openpyxl, python-docx, QPdfWriter: opening an
  existing file for writing keeps its mode), flushed to disk and renamed onto ``path``
  (``os.replace``: the file keeps its 0600, and a half-written file never replaces a good one).
- ``write_private(path, data)``: the same for bytes in memory.
- ``create_private(path)``: a new empty file, 0600, never one that exists (SQLite then writes
  the database into it; SQLite gives its -wal, -shm and -journal the database file's mode).
- ``PrivateRotatingFileHandler``: the log file and its rotated copies, 0600.
- ``make_private(path)``: an existing file relgui just made (the settings INI) set to 0600.

Windows has no modes: ``os.chmod`` there only sets the read-only flag, so these calls change
nothing about who may read. What protects the files is where they are: the per-user folders
(%LOCALAPPDATA%\\relgui, %APPDATA%) inherit an ACL granting the user, SYSTEM and
Administrators only, so other ordinary users of the machine cannot read them. A file saved
elsewhere (an export to a shared folder, a backup on a network share) gets that folder's ACL:
what the folder's owner allowed, relgui cannot tell and does not change.
"""

from __future__ import annotations

import contextlib
import logging.handlers
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

PRIVATE_FILE = 0o600


def _fsync_dir(folder: Path) -> None:
    if os.name == "nt":  # pragma: no cover - directories cannot be opened there
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@contextlib.contextmanager
def private_output(path: str | os.PathLike) -> Iterator[Path]:
    """Yield a new 0600 temporary file beside ``path`` for a writer to fill; on success it
    becomes ``path`` (atomically, keeping 0600), on failure it is removed. Raises OSError as
    the file system says it (no folder, no permission, disk full)."""
    path = Path(path)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    tmp = Path(tmp_name)
    os.close(fd)
    try:
        yield tmp
        with open(tmp, "rb+") as fh:  # what the writer closed, on disk before it gets its name
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_dir(path.parent)


def write_private(path: str | os.PathLike, data: bytes) -> Path:
    """Write ``data`` to ``path`` as a 0600 file, atomically (a failure leaves any old file)."""
    with private_output(path) as tmp:
        tmp.write_bytes(data)
    return Path(path)


def create_private(path: str | os.PathLike) -> bool:
    """Create ``path`` as a new empty 0600 file; False when something is there already (it is
    left as it is). O_EXCL: never follows a symbolic link planted at the name."""
    flags = os.O_CREAT | os.O_EXCL | os.O_WRONLY | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags, PRIVATE_FILE)
    except FileExistsError:
        return False
    os.close(fd)
    if os.name != "nt":
        os.chmod(path, PRIVATE_FILE)  # the umask may have taken bits from 0600 (never added any)
    return True


def make_private(path: str | os.PathLike) -> None:
    """Set an existing file relgui owns to 0600 (nothing on Windows; see the module's text)."""
    if os.name != "nt":
        with contextlib.suppress(FileNotFoundError):
            os.chmod(path, PRIVATE_FILE)


def is_private(path: str | os.PathLike) -> bool:
    """Whether nobody but the owner may read or write ``path`` (always True on Windows)."""
    return os.name == "nt" or (os.stat(path).st_mode & 0o077) == 0


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """RotatingFileHandler whose files (the current one and each new one after a rotation)
    are created 0600: the log names users, releases and files."""

    def _open(self):
        create_private(self.baseFilename)
        return super()._open()
