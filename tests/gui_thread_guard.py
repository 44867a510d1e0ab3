"""No statement reaches the database from the GUI thread through the GUI's code (issue 17,
item 1: a read on the GUI thread freezes the window for as long as the database takes).

A SQLAlchemy ``before_cursor_execute`` listener on every engine notes each statement sent from
the main thread and walks its stack to the first frame in relgui/gui/ (gui/ops.py skipped, so
an ``ops.call`` run in line is named by its caller). Statements a test sends itself, through the
services, are not the GUI's and are not noted. conftest.py fails a test whose GUI code sent one,
naming the function, unless it is in ``ALLOWED`` — a list that may only shrink."""

from __future__ import annotations

import collections
import sys
import threading

from sqlalchemy import event
from sqlalchemy.engine import Engine

# "<file under relgui/gui/>:<function>" -> why it still reads on the GUI thread.
ALLOWED: dict[str, str] = {}

_hits: collections.Counter[str] = collections.Counter()
_installed = False


def _on(_conn, _cursor, _statement, _params, _context, _many) -> None:
    if threading.current_thread() is not threading.main_thread():
        return
    frame = sys._getframe(1)
    while frame is not None:
        name = frame.f_code.co_filename.replace("\\", "/")
        if "/relgui/gui/" in name and not name.endswith("/relgui/gui/ops.py"):
            _hits[f"{name.split('/relgui/gui/')[1]}:{frame.f_code.co_name}"] += 1
            return
        frame = frame.f_back


def install() -> None:
    global _installed
    if not _installed:
        event.listen(Engine, "before_cursor_execute", _on)
        _installed = True


def take() -> dict[str, int]:
    """The GUI functions that sent statements from the GUI thread since the last take, and how many."""
    got = {k: n for k, n in _hits.items() if k not in ALLOWED}
    _hits.clear()
    return got
