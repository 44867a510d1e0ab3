"""Qt objects die on the GUI thread, never on a worker (the intermittent segmentation faults of
stop 20): the operation runner's workers hold no Qt object and let go of a use case's
arguments before they hand the result over, and Python's cycle collector runs on the GUI
thread only (gui/gcguard.py)."""

from __future__ import annotations

import gc
import threading
import weakref

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QWidget

from relgui.gui import gcguard, ops


def _watch(obj: QObject) -> list[str]:
    """The name of the thread each Qt destructor of ``obj`` ran on."""
    seen: list[str] = []
    obj.destroyed.connect(lambda *_: seen.append(threading.current_thread().name),
                          Qt.ConnectionType.DirectConnection)
    return seen


def test_the_collector_runs_on_the_gui_thread_only(qapp):
    assert gcguard.installed()
    assert not gc.isenabled()

    class Holder:
        pass

    holder = Holder()
    holder.me = holder              # a cycle: only the collector can free it
    holder.widget = QWidget()       # a Qt object Python owns (no parent)
    destroyed = _watch(holder.widget)
    alive = weakref.ref(holder)
    del holder

    def churn():                    # allocations on a worker: no collection may start there
        junk = []
        for _ in range(200_000):
            junk.append([[]])
        junk.clear()

    worker = threading.Thread(target=churn, name="worker")
    worker.start()
    worker.join()
    assert alive() is not None and destroyed == []
    gcguard.collect()
    assert alive() is None
    assert destroyed == [threading.main_thread().name]


def test_the_guard_collects_at_the_interpreters_own_thresholds(qapp):
    guard = gcguard._installed
    before = guard.collections
    kept = [[] for _ in range(guard.thresholds[0] + 10)]  # past generation 0's threshold
    assert gc.get_count()[0] > guard.thresholds[0]
    guard.check()
    assert guard.collections == before + 1 and gc.get_count()[0] < guard.thresholds[0]
    guard.check()                    # nothing new since: nothing collected
    assert guard.collections == before + 1
    del kept


def test_a_use_cases_arguments_are_released_on_the_gui_thread(qtbot):
    go = threading.Event()
    ran_on: list[str] = []

    def slow(_widget):
        ran_on.append(threading.current_thread().name)
        assert go.wait(10)
        return "done"

    widget = QWidget()
    destroyed = _watch(widget)
    got: list[str] = []
    ops.run(None, None, slow, widget, on_done=got.append)
    del widget                       # the op is now the only holder of the widget
    go.set()
    assert ops.wait_all(10)
    assert got == ["done"] and ran_on and ran_on[0].startswith("relgui-op")
    assert destroyed == [threading.main_thread().name]


def test_a_result_for_a_closed_window_is_dropped_on_the_gui_thread(qtbot):
    go = threading.Event()
    owner = QWidget()
    heard: list[object] = []
    ops.run(owner, None, lambda: go.wait(10), on_done=heard.append)
    owner.deleteLater()
    qtbot.waitUntil(lambda: not _valid(owner))
    go.set()
    assert ops.wait_all(10)
    assert heard == [] and ops.running() == 0


def _valid(obj) -> bool:
    import shiboken6

    return shiboken6.isValid(obj)


def test_many_ops_deliver_in_order_and_none_is_lost(qtbot):
    got: list[int] = []
    for i in range(200):
        ops.run(None, None, lambda n=i: n, on_done=got.append)
    assert ops.wait_all(30)
    assert sorted(got) == list(range(200))


def test_settle_leaves_what_start_up_made_out_of_later_collections(tmp_path):
    """gcguard.settle (Startup calls it once the first page is painted): the objects alive then
    are frozen, so a full collection on the GUI thread walks only what came since (47 ms → 0 ms
    at start-up); once per process, and nothing where the guard does not collect. In a fresh
    interpreter: freezing this test process would keep the rest of the suite's cycles alive."""
    import subprocess
    import sys

    code = """
import gc, os
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtWidgets import QApplication
from relgui.gui import gcguard
app = QApplication([])
gcguard.settle()
assert gc.get_freeze_count() == 0, "settled without the guard"
gcguard.install(app)
kept = [[i] for i in range(50000)]
gcguard.settle()
frozen = gc.get_freeze_count()
assert frozen > 50000, frozen
later = [[i] for i in range(10)]
gcguard.settle()
assert gc.get_freeze_count() == frozen, "settled twice"
print("ok")
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.stdout.strip() == "ok", result.stderr


def test_the_guard_names_the_gui_function_that_read_on_the_gui_thread(sqlite_world, tmp_path, qtbot):
    """tests/gui_thread_guard.py, which fails any test whose GUI code sends a statement from the
    GUI thread: it names the function; statements from a worker and the test's own are not noted."""
    import gui_thread_guard
    from gui_support import gui_context, settle

    from relgui.gui.registers.config_items import ConfigItemsDialog
    from relgui.services import inventory

    gctx = gui_context(sqlite_world, "zhangwei", tmp_path)
    dialog = ConfigItemsDialog(None, gctx)
    qtbot.addWidget(dialog)
    settle()                                  # its rows, read on a worker
    inventory.config_items(gctx.app)          # the test's own read
    assert gui_thread_guard.take() == {}
    dialog.rows("")                           # the GUI's code, on the GUI thread
    sent = gui_thread_guard.take()
    assert list(sent) == ["registers/config_items.py:rows"] and sent["registers/config_items.py:rows"] >= 1
