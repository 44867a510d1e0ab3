"""A database outage in the middle of a session, on a real PostgreSQL server stopped and
started again: a page that cannot be read is asked for once, marked, and asked for again only
after its backoff (an injectable clock); the status bar says the database is unavailable and
since when; everything comes back when the server does. And a server that accepts the
connection but never answers holds a worker for its connect timeout, never the GUI thread."""

from __future__ import annotations

import socket
import threading
import time

import pytest
from conftest import START, World, _seed
from gui_support import gui_context, settle
from pgserver import PgServer
from PySide6.QtCore import QElapsedTimer, QTimer

from relgui import demo
from relgui.domain.timeutil import FixedClock
from relgui.gui import ops
from relgui.gui.main_window import MainWindow
from relgui.gui.register_model import PAGE
from relgui.store.engine import Database
from relgui.store.pgroles import OWNER_ROLE, WORKSTATION_ROLE

LOGIN = "relgui_ws"


@pytest.fixture(scope="module")
def outage_server():
    """A server of this test's own: stopping the session's shared one would fail other tests."""
    try:
        server = PgServer()
        server.start()
    except (RuntimeError, OSError) as exc:
        pytest.skip(f"PostgreSQL not available here: {exc}")
    from sqlalchemy import create_engine, text

    from relgui.store import pgroles

    admin = create_engine(server.url(), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text("CREATE DATABASE relgui_outage"))
    admin.dispose()
    setup = create_engine(server.url("relgui_outage"))
    assert pgroles.setup(setup, owner=OWNER_ROLE, workstation=WORKSTATION_ROLE, login=LOGIN).ok
    setup.dispose()
    yield server
    server.stop()


class Clock:
    def __init__(self):
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


def test_a_page_read_during_an_outage_is_marked_retried_with_backoff_and_recovers(outage_server, tmp_path, qtbot):
    db = Database(outage_server.url("relgui_outage", user=LOGIN))
    ids = _seed(db)
    world = World(db, FixedClock(START), ids, "postgresql")
    demo.generate(world.ctx(), releases=PAGE + 50, seed=4)
    win = MainWindow(gui_context(world, "lina", tmp_path))
    qtbot.addWidget(win)
    win.resize(1200, 700)
    win.show()
    win.start()
    win.poller.timer.stop()
    win.clock_timer.stop()
    settle()
    model = win.register.model
    clock = model.clock = Clock()
    assert model.total >= PAGE + 50 and model.has_page(0) and not model.has_page(1)
    assert not win.outage_label.isVisible()

    outage_server.pause()
    try:
        before_ops, before_fetches = ops.started, model.fetches
        win.register.table.scrollToBottom()  # rows of page 1, never read
        for _ in range(5):  # five paints of the rows shown (each used to ask the database again per cell)
            win.register.table.viewport().grab()
            settle()
        assert model.fetches - before_fetches == 1  # asked once, then marked
        assert ops.started - before_ops == 1
        assert model.page_failed(1)
        last = model.rowCount() - 1
        assert model.index(last, 0).data() == "读取失败，稍后自动重试"
        assert win.outage_label.isVisible()
        assert win.outage_label.text().startswith("数据库不可用（自 ") and "起" in win.outage_label.text()

        model.retry_due()  # the timer fires before the backoff has passed: nothing is asked
        settle()
        assert model.fetches - before_fetches == 1
        clock.t += 2.0  # the first backoff (2 s) has passed: asked again, fails again
        model.retry_due()
        settle()
        assert model.fetches - before_fetches == 2
        clock.t += 2.0  # the second backoff is 4 s: not yet
        model.retry_due()
        settle()
        assert model.fetches - before_fetches == 2
        assert win.outage_label.isVisible()
    finally:
        outage_server.resume()

    clock.t += 2.0
    model.retry_due()
    settle()
    assert model.fetches - before_fetches == 3
    assert model.has_page(1) and not model.page_failed(1)
    assert model.index(model.rowCount() - 1, 0).data() not in ("读取失败，稍后自动重试", "读取中…")
    assert not win.outage_label.isVisible()
    win.close()
    db.dispose()


class Silent:
    """A server that accepts connections and never says a word (a dead route's far end)."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.port = self.sock.getsockname()[1]
        self.held: list[socket.socket] = []
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.held.append(conn)

    def close(self) -> None:
        self.sock.close()
        for c in self.held:
            c.close()


def test_a_server_that_never_answers_holds_a_worker_not_the_gui_thread(qtbot, tmp_path):
    """The connect timeout (5 s) passes on a worker: a 10 ms heartbeat on the GUI thread keeps
    beating, and the answer is the outage, said in words."""
    from PySide6.QtWidgets import QApplication, QWidget

    from relgui.gui.context import GuiContext
    from relgui.gui.i18n import Translations
    from relgui.gui.settings import Settings
    from relgui.services import register
    from relgui.services.context import AppContext

    silent = Silent()
    try:
        db = Database(f"postgresql+psycopg://relgui@127.0.0.1:{silent.port}/relgui?sslmode=disable")
        translations = Translations(QApplication.instance())
        translations.use("zh_CN")
        gctx = GuiContext(AppContext(db=db), Settings(tmp_path / "s.ini"), translations)
        widget = QWidget()
        qtbot.addWidget(widget)
        longest, last = 0.0, time.perf_counter()

        def beat():
            nonlocal longest, last
            now = time.perf_counter()
            longest, last = max(longest, now - last), now

        heart = QTimer(interval=10)
        heart.timeout.connect(beat)
        heart.start()
        got = []
        op = ops.run(widget, gctx, register.count, gctx.app, register.RegisterQuery(), quiet=True,
                     on_failed=got.append)
        watch = QElapsedTimer()
        watch.start()
        qtbot.waitUntil(lambda: op.done, timeout=20_000)
        heart.stop()
        assert watch.elapsed() >= 4000  # it really waited for the connect timeout …
        assert longest < 0.1, f"the GUI thread stalled {longest * 1000:.0f} ms"  # … on a worker
        assert widget.isEnabled()  # the busy state ended with the op
        assert got and got[0].message("zh_CN").startswith("无法连接数据库")
        db.dispose()
    finally:
        silent.close()
