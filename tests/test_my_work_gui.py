"""我的待办 window: the user's next actions with live deadlines; opening one selects the release
in the main window. R-4.5.2-DECIDE30, R-4.4.2-CMDB24H, R-4.2.2-STAGES."""

from __future__ import annotations

from flows import problem_seen, problem_v, release_at
from gui_support import gui_context, settle
from test_execution_helpers import fresh_translators  # noqa: F401 - autouse fixture

from relgui.domain.states import Status
from relgui.gui.execution.my_work import MyWorkWindow, open_my_work
from relgui.gui.main_window import MainWindow
from relgui.services import rollback


def test_list_counts_down_and_opens_the_release(world, tmp_path, qtbot):
    config = release_at(world, Status.CONFIG_UPDATE)
    running = release_at(world, Status.DEPLOYING, type_="emergency")
    rollback.report_problem(world.ctx("zhangwei"), running, ["key_function"], "交易失败", expected_problem=problem_seen(world, running))
    gctx = gui_context(world, "liuyang", tmp_path)
    chosen = []
    window = MyWorkWindow(None, gctx, chosen.append)
    qtbot.addWidget(window)
    window.show()
    settle()  # read on a worker
    assert [window.table.item(r, 1).text() for r in range(2)] == [running, config]
    assert window.table.item(0, 5).text() == "作出回退决策" and window.table.item(0, 0).text() == "剩余 30 分 00 秒"
    assert window.table.item(1, 7).text().startswith("还有 1 个配置项未更新")
    world.clock.advance(minutes=31)
    window.tick()
    assert window.table.item(0, 0).text() == "已逾期 1 分 00 秒"
    assert window.table.item(0, 0).foreground().color().name() == "#c62828"
    window.table.selectRow(1)
    window.open_current()
    assert chosen == [data_id(world, config)]
    # in this session: the list follows the change
    rollback.decide(gctx.app, running, "continue", "已恢复", expected_problem=problem_seen(world, running),
                    expected_version=problem_v(world, running))
    qtbot.waitUntil(lambda: window.table.item(0, 1).text() == config, timeout=3000)
    assert window.table.item(1, 5).text() == "完成部署" and window.table.item(1, 0).text() == "无期限"


def test_opened_from_the_main_window_selects_the_release(world, tmp_path, qtbot):
    number = release_at(world, Status.AWAITING_CLOSE)
    gctx = gui_context(world, "lina", tmp_path)
    main = MainWindow(gctx)
    qtbot.addWidget(main)
    main.show()
    main.start()
    settle()
    assert main.register.model.row_at(0).number == number  # the register's first page is read
    window = open_my_work(main, gctx)
    assert open_my_work(main, gctx) is window  # one per main window
    settle()
    assert window.summary.text() == "共 1 项待办，其中 0 项已逾期"
    window.table.selectRow(0)
    window.open_current()
    settle()
    assert main.detail.release.number == number
    assert main.register.current_id() == main.detail.release.id


def data_id(world, number: str) -> int:
    from relgui.services import details

    return details.show_json(world.ctx(), number)["id"]
