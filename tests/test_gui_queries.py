"""One change notice, one refresh: the statements one user action sends to the database,
counted with a SQLAlchemy before_cursor_execute listener on the real engine."""

from __future__ import annotations

import re

import pytest
from flows import release_at
from gui_support import Told, gui_context, settle
from sqlalchemy import event

from relgui.domain.states import Status
from relgui.gui import ops
from relgui.gui.main_window import MainWindow


class Statements:
    def __init__(self, engine):
        self.engine = engine
        self.seen: list[str] = []
        self.ops: list[tuple[int, str] | None] = []  # the op (gui/ops.current) each was sent by
        event.listen(engine, "before_cursor_execute", self._on)

    def _on(self, _conn, _cursor, statement, _params, _context, _many) -> None:
        self.seen.append(" ".join(statement.split()))
        self.ops.append(ops.current())

    def close(self) -> None:
        event.remove(self.engine, "before_cursor_execute", self._on)

    def clear(self) -> None:
        self.seen.clear()
        self.ops.clear()

    def runs(self, name: str) -> int:
        """How many ops of the function ``name`` (its qualified name's end) sent statements."""
        return len({op for op in self.ops if op is not None and op[1].endswith(name)})

    def by_op(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for op in self.ops:
            key = op[1].rsplit(".", 2)[-2] + "." + op[1].rsplit(".", 1)[-1] if op else "GUI thread"
            counts[key] = counts.get(key, 0) + 1
        return counts

    def matching(self, pattern: str) -> list[str]:
        return [s for s in self.seen if re.search(pattern, s, re.I | re.S)]


# At most this many statements per op for one 受理, as the client sends them (SQLite's BEGIN
# DEFERRED is one of them; psycopg's own BEGIN/COMMIT are not seen here — bench_roundtrips.py
# counts at the server). Measured 2026-11-30 (the use case 20 and the detail 46–51 then, with
# about 10 % room for the services' own growth); a view reading twice, or a read growing
# past its bound, fails.
EXPECTED = {
    "accept": {
        "sqlite": {"releases.accept": 22, "register_model._count_and_page": 7,
                   "detail_view.read_detail": 56, "register.urgent": 2, "documents.panel": 7},
        "postgresql": {"releases.accept": 22, "register_model._count_and_page": 4,
                       "detail_view.read_detail": 56, "register.urgent": 1, "documents.panel": 5},
    },
}


@pytest.fixture
def statements(world):
    s = Statements(world.db.engine)
    yield s
    s.close()


def _window(world, tmp_path, qtbot, username="lina"):
    win = MainWindow(gui_context(world, username, tmp_path))
    qtbot.addWidget(win)
    win.show()
    win.start()
    win.poller.timer.stop()  # another workstation's changes are not this action's statements
    win.clock_timer.stop()
    settle()
    return win


def _select(win, number):
    model = win.register.model
    row = next(r for r in range(model.rowCount()) if model.row_at(r).number == number)
    win.register.table.setCurrentIndex(model.index(row, 0))
    settle()
    assert win.detail.release.number == number


def test_accept_reads_the_detail_once_and_counts_the_register_once(world, tmp_path, qtbot, monkeypatch, statements):
    number = release_at(world, Status.REQUESTED)
    Told(monkeypatch)
    win = _window(world, tmp_path, qtbot)
    _select(win, number)
    statements.clear()
    win.detail.buttons["accept"].click()
    settle()
    assert win.detail.release.status == "accepted"
    # One use case; then, from its one change notice: the register counted and its shown page
    # read in one op, the detail (and the commands this user may take) read once, the deadlines once.
    assert statements.runs("releases.accept") == 1
    assert statements.runs("_count_and_page") == 1
    assert statements.runs("_read_page") == 0  # the page shown came with the count
    assert statements.runs("read_detail") == 1
    assert statements.runs("register.urgent") == 1
    # Nothing reads the database on the GUI thread (the documents panel reads on a worker too).
    assert statements.by_op().get("GUI thread", 0) == 0, statements.by_op()
    got, bound = statements.by_op(), EXPECTED["accept"][world.backend]
    got.pop("GUI thread", None)
    assert set(got) == set(bound), got  # no other reader
    assert all(got[k] <= bound[k] for k in bound), got
    for exact in ("register_model._count_and_page", "register.urgent"):  # the GUI's own reads
        assert got[exact] == bound[exact], got
