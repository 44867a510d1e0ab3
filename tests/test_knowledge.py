"""知识库 search (R-4.4.2-KNOWLEDGE): Chinese two-character words, several words, Latin words,
entries from every path kept indexed, lessons by release, by configuration item and for a
plan's items — on SQLite and PostgreSQL alike (no extension, no tokenizer plug-in).

Entries are added through relgui.services.closing.add_knowledge, except where a test says
it writes rows directly to show that entries written by other paths are indexed too.
"""

from __future__ import annotations

import pytest
from sqlalchemy import delete, update

from relgui import demo
from relgui.domain.states import Status
from relgui.services import backup, closing, details, knowledge
from relgui.services.context import AppContext
from relgui.services.database import open_database
from relgui.store.models import KnowledgeEntry

LESSONS = [
    ("证书到期导致网银中断", "SSL 证书须提前 30 天更换，并在 CMDB 中登记到期日。"),
    ("回退包未校验", "回退包须与发布包同时准备并校验，回退演练不可省略。"),
    ("月末批处理冲突", "发布窗口须避开月末批处理；数据库备份须在窗口前完成。"),
    ("图书系统升级", "更换证书。图书过期提醒功能上线。"),
]


@pytest.fixture
def kb(world):
    ctx = world.ctx("lina")
    ids = [closing.add_knowledge(ctx, title, body, tags="经验") for title, body in LESSONS]
    return world, ids


def _titles(world, query) -> list[str]:
    return [h.title for h in knowledge.search(world.ctx("auditor"), query).hits]


def test_two_character_chinese_words_are_found_r_4_4_2_knowledge(kb):
    world, _ = kb
    assert set(_titles(world, "回退")) == {"回退包未校验"}
    assert set(_titles(world, "证书")) == {"证书到期导致网银中断", "图书系统升级"}
    assert _titles(world, "证书")[0] == "证书到期导致网银中断"  # a match in the title ranks first
    assert set(_titles(world, "备份")) == {"月末批处理冲突"}


def test_every_word_must_occur_as_written_r_4_4_2_knowledge(kb):
    world, _ = kb
    assert _titles(world, "证书 网银") == ["证书到期导致网银中断"]
    # 图书系统升级 holds 证书, 书过 and 过期, but not 证书过期 itself
    assert _titles(world, "证书过期") == []
    assert _titles(world, "图书过期") == ["图书系统升级"]
    assert _titles(world, "发布窗口须避开月末批处理") == ["月末批处理冲突"]  # a long word: some pairs, then LIKE
    assert _titles(world, "发布窗口须避开月初批处理") == []
    assert knowledge.search(world.ctx(), "批处理 回退").total == 0


def test_single_characters_latin_words_and_wildcards_r_4_4_2_knowledge(kb):
    world, _ = kb
    assert set(_titles(world, "库")) == {"月末批处理冲突"}  # 数据库: found without an index term
    assert set(_titles(world, "cmdb")) == {"证书到期导致网银中断"}
    assert set(_titles(world, "ＳＳＬ")) == {"证书到期导致网银中断"}  # full-width letters
    assert set(_titles(world, "CMDB-登记")) == {"证书到期导致网银中断"}  # punctuation separates words
    assert _titles(world, "ssl证书过期") == []
    assert knowledge.search(world.ctx(), "").total == 4  # no query: the newest entries
    assert knowledge.search(world.ctx(), "%_").total == 4  # no words either: not LIKE wildcards


def test_entries_written_by_other_paths_and_edits_are_indexed_r_4_4_2_knowledge(kb):
    """Demo data is bulk-loaded straight through the DB-API; an edit bumps row_version;
    both are (re)indexed before the next search. Rows changed directly here (Core)."""
    world, ids = kb
    demo.generate(world.ctx(), releases=300, seed=2)
    demo_hits = knowledge.search(world.ctx(), "发布包").total
    assert demo_hits > 0
    with world.db.engine.begin() as conn:
        conn.execute(update(KnowledgeEntry).where(KnowledgeEntry.id == ids[1])
                     .values(body="灰度发布须分批进行。", row_version=KnowledgeEntry.row_version + 1))
        conn.execute(delete(KnowledgeEntry).where(KnowledgeEntry.id == ids[2]))
    assert "回退包未校验" in _titles(world, "灰度")
    assert knowledge.search(world.ctx(), "发布包").total == demo_hits - 1  # the old text is gone
    assert _titles(world, "月末批处理冲突") == []
    assert knowledge.refresh(world.ctx()) == 0  # nothing left to do


def test_lessons_by_release_item_and_for_a_plan_r_4_4_2_knowledge(world):
    from flows import release_at

    done = release_at(world, Status.CLOSED)
    # the flow closes it with a lesson of its own (知识更新 通过 stands for one: R-4.4.2-KNOWLEDGE)
    [flow_lesson] = [h.id for h in knowledge.for_release(world.ctx(), done)]
    entry = closing.add_knowledge(world.ctx("lina"), "核心交易系统发布经验", "停服前须通知柜面。", release=done)
    closing.add_knowledge(world.ctx("lina"), "无关经验", "与配置项无关。")
    planning = release_at(world, Status.PLANNING)
    related = knowledge.related_to_plan(world.ctx("zhangwei"), planning)
    assert [(h.id, h.release_number, h.config_items) for h in related] == [  # newest first
        (entry, done, ("核心交易系统-应用服务器",)), (flow_lesson, done, ("核心交易系统-应用服务器",))]
    assert knowledge.related_to_plan(world.ctx("zhangwei"), done) == []  # its own lessons are not 'related'
    assert [h.id for h in knowledge.for_release(world.ctx(), done)] == [entry, flow_lesson]
    assert [h.id for h in knowledge.for_config_item(world.ctx(), "核心交易系统-应用服务器")] == [entry, flow_lesson]
    assert knowledge.for_config_item(world.ctx(), "网上银行系统-数据库") == []


def test_a_whole_entry_with_or_without_its_release_r_4_4_2_knowledge(world):
    """A hit carries a snippet; opening it shows the whole text, with or without a release."""
    from flows import release_at

    from relgui.domain.errors import NotFound

    done = release_at(world, Status.CLOSED)
    long_body = "停服前须通知柜面。" + "回退演练不可省略。" * 40
    linked = closing.add_knowledge(world.ctx("lina"), "核心交易系统发布经验", long_body, release=done, tags="回退")
    alone = closing.add_knowledge(world.ctx("lina"), "无关经验", "与配置项无关。" * 30)
    hit = knowledge.search(world.ctx("auditor"), "回退演练").hits[0]
    assert hit.id == linked and len(hit.snippet) < len(long_body)
    e = knowledge.entry(world.ctx("auditor"), linked)
    # what was typed, then the release and its items (knowledge.lesson_tags)
    assert (e.body, e.release_number, e.config_items, e.tags) == (
        long_body, done, ("核心交易系统-应用服务器",), f"回退 {done} 核心交易系统-应用服务器")
    assert e.release_title == details.show_json(world.ctx(), done)["title"]
    e = knowledge.entry(world.ctx("auditor"), alone)
    assert (e.body, e.release_id, e.release_number, e.release_title, e.config_items) == (
        "与配置项无关。" * 30, None, None, "", ())
    with pytest.raises(NotFound):
        knowledge.entry(world.ctx(), 10**9)


def test_backup_and_restore_keep_the_index_r_4_4_2_knowledge(kb, tmp_path):
    world, _ = kb
    assert knowledge.search(world.ctx(), "回退").total == 1  # index built before the backup
    backup.backup(world.ctx(), tmp_path / "kb.zip")
    target = AppContext(db=open_database(f"sqlite:///{tmp_path / 'restored.db'}"))
    try:
        backup.restore(target, tmp_path / "kb.zip")
        assert knowledge.refresh(target) == 0
        assert [h.title for h in knowledge.search(target, "回退").hits] == ["回退包未校验"]
    finally:
        target.db.dispose()


def test_terms_are_pairs_of_characters_and_whole_words():
    assert knowledge.terms("回退包 CMDB-2026") == {"回退", "退包", "cmdb", "2026"}
    assert knowledge.query_terms("库") == set()
    assert knowledge.terms("库") == {"库"}
