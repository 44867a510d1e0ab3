"""Nothing lost: autosave survives a killed process and resumes on the page; two workstations
editing the same section end in the conflict dialog, different sections merge; an edit
after approval voids it visibly, after a warning (R-DOC-SIGN, R-1.3-TRACE)."""

from __future__ import annotations

import os
import queue
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest
from flows import release_at, section_version
from gui_support import Told
from PySide6.QtWidgets import QPushButton
from test_wizard_support import audit_actions, next_page, open_wizard, planning_release, stored, type_text

from relgui.domain.states import Status
from relgui.gui.wizard.mode import Mode
from relgui.services import plans

pytestmark = pytest.mark.gui


class Conflicts(list):
    """The conflicts shown; ``reload`` is the user's answer (False: keep my input)."""

    reload = False


@pytest.fixture
def conflicts(monkeypatch):
    from relgui.gui.dialogs.conflict import ConflictDialog

    shown = Conflicts()

    def show_for(cls, parent, gctx, exc):
        shown.append(exc)
        exc.reload = shown.reload
        return exc.reload

    monkeypatch.setattr(ConflictDialog, "show_for", classmethod(show_for))
    return shown


def test_same_section_on_two_workstations_ends_in_the_conflict_dialog(world, qtbot, tmp_path, conflicts):
    number = planning_release(world)
    w = open_wizard(qtbot, world, tmp_path, number)
    w.jump("purpose")
    plans.save_section(world.ctx("wangfang"), number, "purpose", {"text": "王芳的版本"},
                       base_version=section_version(world, number, "purpose"))
    type_text(qtbot, w.forms["purpose"].fields["text"], "张伟的版本")
    assert len(conflicts) == 1 and conflicts[0].by == "王芳"
    assert stored(world, number).content["purpose"]["text"] == "王芳的版本"  # nothing overwritten
    form = w.forms["purpose"]
    assert form.fields["text"].field_value() == "张伟的版本"  # the input stays in the form
    assert form.conflict.isVisible() and "王芳" in form.conflict_text.text()
    assert w.nav.text_of("purpose").startswith("● ")
    next_page(qtbot, w)
    assert w.page_key() == "scope" and len(conflicts) == 1  # asked once, not on every save
    w.jump("purpose")
    form.findChild(QPushButton, "reload").click()
    assert form.fields["text"].field_value() == "王芳的版本" and not form.conflict.isVisible()
    type_text(qtbot, form.fields["text"], "；张伟补充")
    assert stored(world, number).content["purpose"]["text"] == "王芳的版本；张伟补充"


def test_choosing_reload_in_the_dialog_shows_the_other_version(world, qtbot, tmp_path, conflicts):
    conflicts.reload = True
    number = planning_release(world)
    w = open_wizard(qtbot, world, tmp_path, number)
    plans.save_section(world.ctx("wangfang"), number, "resources", {"technical": "王芳：预发布环境"},
                       base_version=section_version(world, number, "resources"))
    type_text(qtbot, w.forms["resources"].fields["technical"], "张伟：测试环境")
    assert len(conflicts) == 1
    assert w.forms["resources"].fields["technical"].field_value() == "王芳：预发布环境"


def test_keeping_my_input_and_replacing_the_other_version_is_explicit(world, qtbot, tmp_path, conflicts):
    number = planning_release(world)
    w = open_wizard(qtbot, world, tmp_path, number)
    w.jump("purpose")
    plans.save_section(world.ctx("wangfang"), number, "purpose", {"text": "王芳的版本"},
                       base_version=section_version(world, number, "purpose"))
    type_text(qtbot, w.forms["purpose"].fields["text"], "张伟的版本")
    w.forms["purpose"].findChild(QPushButton, "overwrite").click()
    assert stored(world, number).content["purpose"]["text"] == "张伟的版本"
    saves = [d for a, d in audit_actions(world) if a == "plan.save_section" and "purpose.text" in d.get("changes", {})]
    assert saves[-1]["changes"]["purpose.text"] == ["王芳的版本", "张伟的版本"]


def test_different_sections_on_two_workstations_merge(world, qtbot, tmp_path, conflicts):
    number = planning_release(world)
    w = open_wizard(qtbot, world, tmp_path, number)
    w.jump("purpose")
    plans.save_section(world.ctx("wangfang"), number, "scope", {"users": "全体柜员"}, base_version=section_version(world, number, "scope"))
    type_text(qtbot, w.forms["purpose"].fields["text"], "修复缺陷")
    assert not conflicts
    view = stored(world, number)
    assert view.content["purpose"]["text"] == "修复缺陷" and view.content["scope"]["users"] == "全体柜员"


def test_an_edit_after_approval_voids_it_visibly_after_a_warning(world, qtbot, tmp_path, monkeypatch):
    """R-DOC-SIGN: an edit after approval voids the approval; the user is warned first."""
    told = Told(monkeypatch, answer=True)
    number = release_at(world, Status.PLAN_APPROVED, type_="major")
    w = open_wizard(qtbot, world, tmp_path, number)
    assert w.mode is Mode.LOCKED and w.forms["purpose"].fields["text"].isReadOnly()
    assert "“计划已批准”" in w.mode_box.text.text() and w.mode_box.button.isVisible()
    w.mode_box.button.click()
    assert told.messages[-1][0] == "修改已提交的发布计划" and "签名作废" in told.texts[-1]
    w.jump("purpose")
    type_text(qtbot, w.forms["purpose"].fields["text"], "，并补充监控项")
    view = stored(world, number)
    assert view.status == "planning" and view.approved_revision is None
    assert view.signatures[-1].voided_at is not None
    assert "批准已失效" in w.mode_box.text.text() and "李娜" in w.mode_box.text.text()
    assert w.mode is Mode.EDIT


def test_declining_the_warning_keeps_the_approval(world, qtbot, tmp_path, monkeypatch):
    Told(monkeypatch, answer=False)
    number = release_at(world, Status.PLAN_APPROVED)
    w = open_wizard(qtbot, world, tmp_path, number)
    w.mode_box.button.click()
    assert w.mode is Mode.LOCKED and w.forms["purpose"].fields["text"].isReadOnly()
    w.jump("review")
    assert stored(world, number).status == "plan_approved"


CHILD = textwrap.dedent("""
    import datetime as dt, os, sys
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication
    app = QApplication([])
    from relgui.domain.lifecycle import Actor
    from relgui.domain.timeutil import FixedClock
    from relgui.gui.context import GuiContext
    from relgui.gui.i18n import Translations
    from relgui.gui.settings import Settings
    from relgui.gui.wizard.window import PlanWizard
    from relgui.services import details
    from relgui.services.context import AppContext
    from relgui.store.engine import Database

    db_path, number, user_id, now, folder = sys.argv[1:]
    actor = Actor(int(user_id), "zhangwei", "张伟", frozenset({"engineer"}))
    ctx = AppContext(db=Database("sqlite:///" + db_path), actor=actor, clock=FixedClock(dt.datetime.fromisoformat(now)))
    translations = Translations(app)
    translations.use("zh_CN")
    gctx = GuiContext(ctx, Settings(os.path.join(folder, "child.ini")), translations)

    def commit(widget, text):
        event = QInputMethodEvent()
        event.setCommitString(text)
        QApplication.sendEvent(widget, event)

    wizard = PlanWizard(gctx, details.show(ctx, number))
    wizard.autosaver.idle.setInterval(600_000)  # only the page change saves here
    wizard.show()
    wizard.jump("purpose")
    commit(wizard.forms["purpose"].fields["text"], "在被杀死之前保存的发布目的")
    wizard.next()
    print("SAVED", wizard.page_key(), flush=True)
    commit(wizard.forms["scope"].fields["users"], "正在输入")
    print("TYPING", flush=True)
    app.exec()
""")


def _reader(proc) -> queue.Queue:
    """The child's output lines, read by a thread, so waiting for one can time out."""
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=lambda: [lines.put(x.strip()) for x in proc.stdout], daemon=True).start()
    return lines


@pytest.mark.slow
def test_autosave_survives_a_killed_process_and_resumes_on_the_page(sqlite_world, qtbot, tmp_path):
    number = planning_release(sqlite_world)
    script = tmp_path / "child.py"
    script.write_text(CHILD, "utf-8")
    root = str(Path(__file__).resolve().parent.parent)  # this checkout's relgui, not an installed one
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "PYTHONPATH": os.pathsep.join(p for p in (root, os.environ.get("PYTHONPATH", "")) if p)}
    proc = subprocess.Popen(
        [sys.executable, str(script), str(sqlite_world.db.sqlite_path), number,
         str(sqlite_world.ids["zhangwei"]), sqlite_world.clock.now().isoformat(), str(tmp_path)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    lines = _reader(proc)
    try:
        assert lines.get(timeout=120) == "SAVED scope"
        assert lines.get(timeout=60) == "TYPING"
    finally:
        proc.kill()  # SIGKILL (TerminateProcess on Windows): no clean-up, no last save
        proc.wait(30)
    assert proc.returncode == (-9 if os.name == "posix" else 1), proc.stderr.read()
    w = open_wizard(qtbot, sqlite_world, tmp_path, number)
    assert w.page_key() == "scope"
    assert w.forms["purpose"].fields["text"].field_value() == "在被杀死之前保存的发布目的"
    # At most the field being typed is lost: it was never finished, so never saved.
    assert w.forms["scope"].fields["users"].field_value() == ""
