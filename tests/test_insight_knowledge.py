"""The knowledge base window (R-4.4.2-KNOWLEDGE): Chinese two-character words find their
entries, an entry shows its release and configuration items in full, lessons are added (or
refused, keeping what was typed), and the plan wizard's RelatedLessons panel."""

from __future__ import annotations

from flows import release_at
from gui_support import Told, gui_context, settle
from test_knowledge import LESSONS

from relgui.domain.states import Status
from relgui.gui.insight import knowledge as kb_window
from relgui.gui.insight.lessons import LessonForm, RelatedLessons
from relgui.services import closing, knowledge


def _window(world, qtbot, tmp_path, username="lina"):
    opened = []
    w = kb_window.open_knowledge(None, gui_context(world, username, tmp_path), opened.append)
    qtbot.addWidget(w)
    settle()  # the newest entries, read on a worker
    return w, opened


def _titles(w) -> list[str]:
    return [w.table.item(r, 0).text() for r in range(w.table.rowCount())]


def _search(w, text: str, mode: str = "text") -> None:
    w.mode.setCurrentIndex(w.mode.findData(mode))
    w.query.setText(text)
    w.search()
    settle()  # searched on a worker


def test_two_character_chinese_words_hit_r_4_4_2_knowledge(world, qtbot, tmp_path):
    ctx = world.ctx("lina")
    for title, body in LESSONS:
        closing.add_knowledge(ctx, title, body, tags="经验")
    w, _ = _window(world, qtbot, tmp_path, "auditor")
    assert len(_titles(w)) == 4  # before anything is typed: the newest entries
    _search(w, "回退")
    assert _titles(w) == ["回退包未校验"] and w.count.text() == "1 条"
    assert "回退</span>包须与发布包同时准备并校验" in w.entry.toHtml().replace("\n", "")
    _search(w, "证书")
    assert sorted(_titles(w)) == ["图书系统升级", "证书到期导致网银中断"]
    _search(w, "证书过期")
    assert _titles(w) == [] and w.entry.toPlainText() == ""


def test_an_entry_shows_its_release_and_items_and_opens_it(world, qtbot, tmp_path):
    done = release_at(world, Status.CLOSED)
    closing.add_knowledge(world.ctx("lina"), "核心交易系统发布经验", "停服前须通知柜面。\n回退演练不可省略。", release=done)
    w, opened = _window(world, qtbot, tmp_path)
    _search(w, "柜面")
    text = w.entry.toPlainText()
    assert done in text and "核心交易系统-应用服务器" in text and "回退演练不可省略。" in text
    w.open_button.click()
    hit = knowledge.for_release(world.ctx(), done)[0]
    assert opened == [hit.release_id]
    # newest first; the older one is the lesson the test flow closed the release with (知识更新 通过)
    _search(w, "核心交易系统-应用服务器", "config_item")
    assert _titles(w) == ["核心交易系统发布经验", "核心交易系统升级经验"]
    _search(w, done, "release")
    assert _titles(w) == ["核心交易系统发布经验", "核心交易系统升级经验"]
    _search(w, "网上银行系统-数据库", "config_item")
    assert _titles(w) == []
    _search(w, "FB-20", "release")  # a number being typed: a note, no message box
    assert _titles(w) == [] and "FB-20" in w.count.text()


def test_an_entry_without_a_release_shows_its_whole_text(world, qtbot, tmp_path):
    body = "证书须提前三十天续期。" + "续期前核对到期日。" * 30
    closing.add_knowledge(world.ctx("lina"), "证书续期", body)
    w, _ = _window(world, qtbot, tmp_path)
    _search(w, "续期")
    assert len(w.table.item(0, 2).text()) < len(body)  # the list shows a snippet
    text = w.entry.toPlainText()
    assert body in text.replace("\n", "") and "未关联发布" in text


def test_a_lesson_is_added_and_found(sqlite_world, qtbot, tmp_path, monkeypatch):
    Told(monkeypatch)
    w, _ = _window(sqlite_world, qtbot, tmp_path)
    answers = iter([("证书续期", "证书须提前三十天续期。", "证书", "")])
    monkeypatch.setattr(LessonForm, "ask", classmethod(lambda cls, parent, values: next(answers, None)))
    assert w.add() is not None
    _search(w, "续期")
    assert _titles(w) == ["证书续期"]


def test_a_refused_lesson_is_told_and_the_form_comes_back_as_typed(sqlite_world, qtbot, tmp_path, monkeypatch):
    told = Told(monkeypatch)
    w, _ = _window(sqlite_world, qtbot, tmp_path, "auditor")
    typed = ("证书续期", "证书须提前三十天续期。", "证书", "")
    seen = []
    answers = iter([typed, None])
    monkeypatch.setattr(LessonForm, "ask",
                        classmethod(lambda cls, parent, values: seen.append(values) or next(answers)))
    assert w.add() is None
    assert seen[1] == typed and len(told.texts) == 1
    assert knowledge.search(sqlite_world.ctx(), "续期").total == 0


def test_related_lessons_for_a_plan_on_the_same_items_r_4_4_2_knowledge(world, qtbot, tmp_path):
    done = release_at(world, Status.CLOSED)
    closing.add_knowledge(world.ctx("lina"), "核心交易系统发布经验", "停服前须通知柜面。", release=done)
    planning = release_at(world, Status.PLANNING)
    panel = RelatedLessons(gui_context(world, "zhangwei", tmp_path))
    qtbot.addWidget(panel)
    opened = []
    panel.open_release.connect(opened.append)
    # the one added here and the one the test flow closed the release with (知识更新 通过), newest first
    assert panel.show_for_plan(planning) == 2
    assert "核心交易系统升级经验" in panel.list.item(1).text()
    item = panel.list.item(0)
    assert "核心交易系统发布经验" in item.text() and "核心交易系统-应用服务器" in item.text() and done in item.text()
    assert "停服前须通知柜面。" in panel.text.text()
    panel.list.itemActivated.emit(item)
    assert opened == [knowledge.for_release(world.ctx(), done)[0].release_id]
    assert panel.show_for_plan(done) == 0 and "没有" in panel.text.text()
