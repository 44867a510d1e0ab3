"""Files a user names: one to read (an import) or one to write (an export).

The boundary where a path enters a use case. ``relgui.domain.text.path`` refuses what cannot
be a path at all (NUL, control characters, characters the file system cannot encode); here
the file system is asked: a file to read must exist, be a regular file and stay within its
size limit; a file to write needs an existing folder and must not be a folder itself. Each
refusal names the file, in the user's language, instead of an OSError's English (or worse,
a traceback).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from relgui.domain import text
from relgui.domain.errors import InvalidInput

MB = 1024 * 1024
NAME_BYTES = 240  # a file name's bytes, with room for ".part" (file systems allow 255)


def _refusal(code: str, path: object, field: str = "file", **params) -> InvalidInput:
    return InvalidInput.of(field, code, value=text.shown_path(path), **params)


def to_read(value: object, *, limit_mb: int, field: str = "file") -> Path:
    """An existing regular file of at most ``limit_mb`` MB, named by the user."""
    path = text.path(value, field)
    try:
        info = path.stat()
    except (FileNotFoundError, NotADirectoryError):
        raise _refusal("no_such_file", path) from None
    except OSError as exc:  # too long a name, no permission …
        raise _refusal("unreadable_file", path, detail=exc.strerror or type(exc).__name__) from None
    if not stat.S_ISREG(info.st_mode):
        raise _refusal("not_a_file", path)
    if info.st_size > limit_mb * MB:
        raise _refusal("file_too_large", path, size=-(-info.st_size // MB), limit=limit_mb)
    return path


def read_bytes(path: Path) -> bytes:
    """The whole file (checked by ``to_read``); a failure to read is said in words."""
    try:
        return path.read_bytes()
    except OSError as exc:
        raise _refusal("unreadable_file", path, detail=exc.strerror or type(exc).__name__) from None


def to_write(value: object, *, field: str = "file") -> Path:
    """A file to create or replace: its folder exists, and it is not itself a folder."""
    path = text.path(value, field)
    if path.name in ("", ".", "..") or len(os.fsencode(path.name)) > NAME_BYTES:
        raise _refusal("bad_path", path, field)
    folder = path.parent
    try:
        if not folder.is_dir():
            raise InvalidInput.of(field, "folder_missing", value=text.shown_path(folder))
        if path.is_dir():
            raise _refusal("not_a_file", path)
    except OSError as exc:  # a name too long for the file system
        raise _refusal("file_not_writable", path, detail=exc.strerror or type(exc).__name__) from None
    return path


def write_error(path: object, exc: OSError) -> InvalidInput:
    """What to raise when writing ``path`` failed (disk full, no permission, name too long)."""
    return _refusal("file_not_writable", path, detail=exc.strerror or type(exc).__name__)


def remove_quietly(path: Path) -> None:
    """Remove a half-written temporary file, if there is one."""
    try:
        os.unlink(path)
    except OSError:
        pass
