"""The plan wizard's pages for 应急预案 (4.3.1), 发布执行监控 (4.3.2) and 验收标准 (4.4.1)
(issue 14, item 7): generated from the profile, a pasted monitoring table saved and checked
by the domain, an older plan without the sections shown as gaps, not a crash."""

from __future__ import annotations

import pytest
from flows import full_plan, release_at
from PySide6.QtCore import Qt
from test_wizard_support import fill_table, next_page, open_wizard, planning_release

from relgui.domain.states import Status
from relgui.services import plans

pytestmark = pytest.mark.gui
NEW = ("contingency", "monitoring", "acceptance")


def _goto(qtbot, w, key: str) -> None:
    while w.page_key() != key:
        next_page(qtbot, w)


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_the_new_pages_show_their_structured_tables(sqlite_world, qtbot, tmp_path, lang):
    number = release_at(sqlite_world, Status.PLANNING)
    w = open_wizard(qtbot, sqlite_world, tmp_path, number, lang=lang)
    for key in NEW:
        assert key in w.page_ids
    headers = [w.forms["monitoring"].tables["items"].model.headerData(i, Qt.Orientation.Horizontal).rstrip(" *")
               for i in range(5)]
    assert headers == (["监控类别", "监控对象", "阈值或衡量方式", "监控人", "监控时长(小时)"] if lang == "zh_CN"
                       else ["Kind", "What is monitored", "Threshold or measure", "Watched by", "Duration (hours)"])
    for key in NEW:
        _goto(qtbot, w, key)
        w.resize(1100, 720)
        w.grab().save(str(tmp_path / f"wizard_{key}_{lang}.png"))
        import shutil
        shutil.copy(tmp_path / f"wizard_{key}_{lang}.png", f"/tmp/wizard_{key}_{lang}.png")


def test_a_plan_without_the_new_sections_shows_them_as_gaps(sqlite_world, qtbot, tmp_path):
    """An older plan (saved before the sections existed) opens; submission names the gaps."""
    number = planning_release(sqlite_world)
    content = full_plan(sqlite_world)
    for key, data in content.items():
        if key not in NEW:
            plans.save_section(sqlite_world.ctx("zhangwei"), number, key, data, base_version=0)
    view = plans.get(sqlite_world.ctx(), number)
    assert {g.section for g in view.gaps} == set(NEW)
    w = open_wizard(qtbot, sqlite_world, tmp_path, number)
    assert w.forms["monitoring"].tables["items"].model.rowCount() >= 0


def test_monitoring_pasted_in_the_wizard_is_saved_and_checked(sqlite_world, qtbot, tmp_path):
    """R-4.3.2-MONITOR: the four kinds must be covered; a missing one is a gap naming it."""
    number = planning_release(sqlite_world)
    w = open_wizard(qtbot, sqlite_world, tmp_path, number)
    _goto(qtbot, w, "monitoring")
    fill_table(w, "monitoring", "items", "进度监控\t实施步骤\t超时 10 分钟\t张伟\t4\n性能监控\t响应时间\t> 2 秒\t王芳\t24\n")
    w.autosaver.flush() if hasattr(w.autosaver, "flush") else next_page(qtbot, w)
    qtbot.waitUntil(lambda: bool(plans.get(sqlite_world.ctx(), number).content.get("monitoring", {}).get("items")),
                    timeout=5000)
    view = plans.get(sqlite_world.ctx(), number)
    rows = view.content["monitoring"]["items"]
    assert rows[1]["hours"] == 24 and rows[0]["kind"] == "进度监控"
    missing = {g.detail for g in view.gaps if g.section == "monitoring" and g.problem == "coverage"}
    assert missing == {"日志监控", "用户反馈"}
