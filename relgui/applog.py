"""The log folder both programs write to: %LOCALAPPDATA%\\relgui\\logs (data_dir()/logs).

- ``relgui.log`` — the GUI's rotating log (relgui.gui.crash.setup_logging), with Qt's own
  warnings routed into it (relgui.gui.main installs the message handler: a windowed build
  has no stderr, so without it they were lost);
- ``relgui-admin.log`` — relgui-admin's rotating log: each command line (never a password:
  they come on standard input, not in argv), its exit code, and a bug's traceback;
- ``<program>-faults.log`` — ``faulthandler``'s output: the Python stack of every thread
  when the process dies of a fatal signal (an access violation inside Qt or a DLL), which no
  Python handler sees. Each start writes a header line, so the last section is the last run.

Each program has its own files: on Windows a file another process holds open cannot be
renamed, so two programs rotating one log would fail (and the log would stop).
Nothing here may stop a program from working: a log folder that cannot be written is
skipped (the command still runs; said once on stderr where there is one).
"""

from __future__ import annotations

import datetime
import faulthandler
import logging
import os
import sys
from pathlib import Path

from relgui import __version__
from relgui.fsutil import PrivateRotatingFileHandler, append_private

_handlers: dict[str, logging.Handler] = {}
_fault_file = None  # kept open for the process's life: faulthandler writes to its descriptor


def log_dir() -> Path:
    # lazy: relgui.store.engine pulls SQLAlchemy, ~0.5 s on `relgui --version` (0.04 s without)
    from relgui.store.engine import data_dir

    return data_dir() / "logs"


def rotating_log(program: str, *, root_level: int | None = None, folder: Path | None = None) -> Path | None:
    """Attach ``<folder>/<program>.log`` (rotating, 2 MB × 5, UTF-8, 0600) to the root logger;
    relgui's own loggers log from INFO, others from their level (``root_level`` sets the
    root's). Idempotent per program (a call for another folder moves it there). None when
    the folder cannot be written."""
    folder = folder or log_dir()
    path = folder / f"{program}.log"
    old = _handlers.get(program)
    if old is not None and getattr(old, "baseFilename", None) == str(path.absolute()):
        return path
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handler = PrivateRotatingFileHandler(path, maxBytes=2_000_000, backupCount=5, encoding="utf-8")
    except OSError as exc:
        if sys.stderr is not None:
            print(f"{program}: log {path}: {exc.strerror or exc}", file=sys.stderr)
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    if old is not None:
        root.removeHandler(old)
        old.close()
    root.addHandler(handler)
    if root_level is not None:
        root.setLevel(root_level)
    if logging.getLogger("relgui").level == logging.NOTSET:
        logging.getLogger("relgui").setLevel(logging.INFO)
    for noisy in ("sqlalchemy", "matplotlib", "PIL", "alembic"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    _handlers[program] = handler
    return path


def fault_log(program: str, folder: Path | None = None) -> Path | None:
    """Send faulthandler's dump (fatal signals: every thread's stack) to
    ``<folder>/<program>-faults.log``, appended, after a header line naming this start."""
    global _fault_file

    path = (folder or log_dir()) / f"{program}-faults.log"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = append_private(path)  # 0600; past 1 MB it starts afresh (never grows without bound)
    except OSError:
        return None
    handle.write(f"--- {program} {__version__} pid {os.getpid()} started "
                 f"{datetime.datetime.now().astimezone().isoformat(timespec='seconds')}\n")
    handle.flush()
    faulthandler.enable(file=handle, all_threads=True)
    if _fault_file is not None and _fault_file is not handle:
        _fault_file.close()
    _fault_file = handle
    return path


_mutexes: list = []


def app_mutex() -> bool:
    """Windows: hold the named mutex the installer's AppMutex looks for (packaging/relgui.iss),
    in this session and globally, so setup and the uninstaller ask the user to close relgui
    instead of failing on files in use. Released by Windows when the process ends. Elsewhere
    nothing (False)."""
    if sys.platform != "win32" or _mutexes:
        return bool(_mutexes)
    import ctypes

    for name in ("relgui-running", "Global\\relgui-running"):
        handle = ctypes.windll.kernel32.CreateMutexW(None, False, name)
        if handle:
            _mutexes.append(handle)
    return bool(_mutexes)
