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

File names: ``safe_filename(name, folder=…)`` is the one sanitizer for every file relgui
names (documents, batch documents, exports, attachment copies, backups): Windows' rules on
every platform, so a name made on the build machine is one Windows accepts. A write that
fails is described in words by ``write_problem(exc, path)`` (a file open in Word, a
read-only file, no permission, a full disk, a path too long); the GUI offers a retry
(relgui.gui.files.write_with_retry).

Windows has no modes: ``os.chmod`` there only sets the read-only flag, so these calls change
nothing about who may read. What protects the files is where they are: the per-user folders
(%LOCALAPPDATA%\\relgui, %APPDATA%) inherit an ACL granting the user, SYSTEM and
Administrators only, so other ordinary users of the machine cannot read them. A file saved
elsewhere (an export to a shared folder, a backup on a network share) gets that folder's ACL:
what the folder's owner allowed, relgui cannot tell and does not change.
"""

from __future__ import annotations

import contextlib
import errno
import logging.handlers
import os
import re
import stat
import tempfile
import unicodedata
from collections.abc import Iterator
from pathlib import Path

from relgui.domain.errors import Refusal

PRIVATE_FILE = 0o600

# ------------------------------------------------------------------------------ file names
# Windows (learn.microsoft.com, "Naming Files, Paths, and Namespaces"): none of < > : " / \ | ? *
# nor the controls 0–31; no trailing dot or space; the device names below are reserved with
# any extension ("CON.docx", "nul .txt"), the superscript-digit COM/LPT ports included. A name
# is at most 255 UTF-16 units there and 255 bytes on Linux/macOS file systems (a Chinese
# character: 3 bytes in UTF-8); without long-path support a whole path is at most 259
# characters. Names are kept to MAX_NAME_BYTES so the temporary ".NAME.xxxxxxxx.part" a write
# goes through (private_output) fits as well.
_INVALID = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
_RESERVED = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
             *(f"{port}{n}" for port in ("COM", "LPT") for n in ("1", "2", "3", "4", "5", "6", "7", "8", "9",
                                                                    "\u00b9", "\u00b2", "\u00b3"))}
MAX_NAME_BYTES = 200
WINDOWS_MAX_PATH = 259  # MAX_PATH (260) less the terminating NUL
_PART = len(".") + len(".xxxxxxxx.part")  # what private_output's temporary name adds
_ELLIPSIS = "…"


def _utf16(text: str) -> int:
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def _fits(name: str, limit_units: int) -> bool:
    return len(name.encode("utf-8", "surrogatepass")) <= MAX_NAME_BYTES and _utf16(name) <= limit_units


def safe_filename(name: str, *, folder: str | os.PathLike | None = None, fallback: str = "file") -> str:
    """``name`` made valid for Windows (and so for every platform relgui runs on): invalid
    characters and controls become "_", runs of white space one space, no leading or trailing
    spaces and dots, a reserved device name prefixed with "_", and the part before the
    extension shortened (ending in "…") until the name is at most MAX_NAME_BYTES in UTF-8 and,
    with ``folder``, the whole path fits Windows' 259 characters. The extension is kept.
    Never empty (``fallback``)."""
    text = unicodedata.normalize("NFC", str(name)).replace("\r", " ").replace("\n", " ").replace("\t", " ")
    text = re.sub(r"\s+", " ", _INVALID.sub("_", text)).strip(" .")
    text = "".join(ch for ch in text if not 0xD800 <= ord(ch) <= 0xDFFF)  # lone surrogates cannot be written
    if not text:
        text = fallback
    stem, dot, ext = text.rpartition(".")
    if not dot or not stem or len(ext) > 10 or " " in ext:
        stem, ext = text, ""
    ext = f".{ext}" if ext else ""
    if stem.split(".")[0].rstrip(" ").upper() in _RESERVED:
        stem = "_" + stem
    limit = 255
    if folder is not None:
        limit = min(limit, WINDOWS_MAX_PATH - _utf16(str(Path(folder).absolute())) - 1 - _PART)
    if not _fits(stem + ext, limit):
        stem = stem.rstrip(_ELLIPSIS)
        while stem and not _fits(stem.rstrip(" .") + _ELLIPSIS + ext, limit):
            stem = stem[:-1]
        stem = (stem.rstrip(" .") + _ELLIPSIS) if stem.rstrip(" .") else fallback[:1] + _ELLIPSIS
    return stem + ext


# ------------------------------------------------------------------------------ write failures
_WIN_SHARING = {32, 33}  # ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION: another program has it open
_WIN_TOO_LONG = {206}  # ERROR_FILENAME_EXCED_RANGE
_WIN_FULL = {39, 112}  # ERROR_HANDLE_DISK_FULL, ERROR_DISK_FULL


def write_problem(exc: OSError, path: str | os.PathLike | None = None):
    """What went wrong writing ``path``, as a Refusal to show the user: the file is open in
    another program (Word, WPS, Excel lock what they show), the file is read-only, the folder
    may not be written, the disk is full, the path is too long, the folder is gone; else the
    system's own words."""
    target = str(path or exc.filename or "")
    winerror = getattr(exc, "winerror", None)
    code = "file_write_failed"
    if winerror in _WIN_SHARING:
        code = "file_write_locked"
    elif winerror in _WIN_FULL or exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        code = "file_write_full"
    elif winerror in _WIN_TOO_LONG or exc.errno == errno.ENAMETOOLONG:
        code = "file_write_too_long"
    elif isinstance(exc, PermissionError) or exc.errno == errno.EROFS:
        if target and os.path.isfile(target) and not os.stat(target).st_mode & stat.S_IWUSR:
            code = "file_write_read_only"
        elif target and os.path.isfile(target) and os.name == "nt":
            code = "file_write_locked"  # Word holds .docx open without sharing: replacing it is denied
        else:
            code = "file_write_denied"
    elif isinstance(exc, FileNotFoundError):
        code = "file_write_no_folder"
    return Refusal(code, params={"path": target, "detail": exc.strerror or str(exc)})


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
    if path.is_file() and not path.stat().st_mode & stat.S_IWUSR:
        # a read-only file is not replaced, as Windows refuses to (and POSIX's rename would not)
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
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


def append_private(path: str | os.PathLike, *, limit: int = 1_000_000):
    """A 0600 text file (UTF-8) open for appending, kept open by the caller (faulthandler's
    log); started afresh when it has grown past ``limit`` bytes."""
    create_private(path)
    mode = "w" if os.path.getsize(path) > limit else "a"
    return open(path, mode, encoding="utf-8")  # noqa: SIM115 - the caller keeps it open


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """RotatingFileHandler whose files (the current one and each new one after a rotation)
    are created 0600: the log names users, releases and files."""

    def _open(self):
        create_private(self.baseFilename)
        return super()._open()
