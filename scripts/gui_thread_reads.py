"""A pytest plugin that names the GUI code behind every statement sent to the database from the
main (GUI) thread while the tests run: the reads and writes that still stall the window.

    PYTHONPATH=scripts QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest -p gui_thread_reads \\
        -n 2 tests/test_gui*.py tests/test_wizard*.py tests/test_execution*.py -k "not postgresql"
    cat /tmp/gui-thread-reads-*.txt | sort -rn | head

Each worker writes "<statements>\\t<relgui/gui file>:<function>" lines to
/tmp/gui-thread-reads-<pid>.txt at the end. gui/ops.py itself is skipped, so an ``ops.call`` run
in line (while a result is being delivered) is named by its caller.
"""

from __future__ import annotations

import collections
import os
import sys
import threading

from sqlalchemy import event
from sqlalchemy.engine import Engine

HITS: collections.Counter[str] = collections.Counter()


def _on(_conn, _cursor, _statement, _params, _context, _many) -> None:
    if threading.current_thread() is not threading.main_thread():
        return
    frame = sys._getframe(1)
    while frame is not None:
        name = frame.f_code.co_filename.replace("\\", "/")
        if "/relgui/gui/" in name and not name.endswith("/relgui/gui/ops.py"):
            HITS[f"{name.split('/relgui/gui/')[1]}:{frame.f_code.co_name}"] += 1
            return
        frame = frame.f_back


event.listen(Engine, "before_cursor_execute", _on)


def pytest_sessionfinish(session, exitstatus) -> None:
    with open(f"/tmp/gui-thread-reads-{os.getpid()}.txt", "w", encoding="utf-8") as out:
        for where, n in HITS.most_common():
            out.write(f"{n}\t{where}\n")
