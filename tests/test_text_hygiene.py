"""One text-hygiene rule at input (relgui.domain.text), and LIKE searches that take % and _
literally: the rule character by character, then through the services on SQLite and
PostgreSQL (keys and searches with NUL, bidi tricks in stored text, wildcards)."""

from __future__ import annotations

import datetime as dt
import io
import sys

import pytest
from flows import approved_change, release_at
from hypothesis import given, settings
from hypothesis import strategies as st

from relgui.domain import text
from relgui.domain.errors import InvalidInput, NotFound, RelguiError
from relgui.domain.kpi import Quarter
from relgui.domain.states import Status
from relgui.domain.timeutil import parse
from relgui.services import changes, closing, company, details, inventory, knowledge, register, releases
from relgui.services.register import RegisterQuery

BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"


# ------------------------------------------------------------------ the rule

@pytest.mark.parametrize("char, why", [
    ("\x00", "NUL"), ("\x01", "C0"), ("\x07", "bell"), ("\x1b", "escape"), ("\x7f", "DEL"),
    ("\x80", "C1"), ("\x9b", "C1 CSI"), ("\x9f", "C1"), ("\ud800", "lone high surrogate"),
    ("\udcff", "lone low surrogate (a non-UTF-8 byte on a command line)"), ("\ufffe", "noncharacter"),
    ("\uffff", "noncharacter"), ("\ufdd0", "noncharacter"), ("\U0001fffe", "noncharacter, plane 1"),
    ("\U0010ffff", "noncharacter, plane 16"), ("\ufeff", "byte-order mark"),
    *[(c, f"bidi control U+{ord(c):04X}") for c in BIDI],
])
def test_invisible_and_reordering_characters_are_removed_from_every_kind_of_text(char, why):
    value = f"发布{char}A{char}"
    assert text.line(value, "title") == "发布A", why
    assert text.block(value, "description") == "发布A", why
    assert text.key(value) == "发布A", why
    assert text.search(value) == "发布A", why


@pytest.mark.parametrize("value", ["😀", "👨\u200d💻", "🇨🇳", "\U0002000b\U0002a6d6", "\u3000全角", "é", "ｆｕｌｌ"])
def test_emoji_joiners_and_cjk_extension_b_are_kept(value):
    assert text.line(f"x{value}y", "title") == f"x{value}y"


def test_line_breaks_are_one_kind_of_break():
    assert text.block("a\r\nb\rc\x85d\u2028e\u2029f\tg", "d") == "a\nb\nc\nd\ne\nf\tg"
    assert text.line("a\r\nb\x85c\u2028d\te", "t") == "a b c d e"


def test_a_stored_evil_wrapped_in_a_right_to_left_override_reads_evil():
    """"\u202eevil\u202c" displays as "live"; what is stored is what a reader sees."""
    assert text.line("\u202eevil\u202c", "title") == "evil"
    assert text.line("\u2067evil\u2069", "title") == "evil"
    assert text.line("\u200f12 34", "title") == "12 34"  # RLM would display it "34 12"


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(blacklist_categories=())))
def test_clean_text_holds_none_of_the_removed_characters_and_is_stable(value):
    cleaned = text.clean(value)
    assert text.clean(cleaned) == cleaned
    assert not any(ord(c) < 0x20 and c not in "\t\n" for c in cleaned)
    assert not any(0x7F <= ord(c) <= 0x9F or 0xD800 <= ord(c) <= 0xDFFF for c in cleaned)
    assert not any(c in BIDI or c == "\ufeff" or (ord(c) & 0xFFFE) == 0xFFFE or 0xFDD0 <= ord(c) <= 0xFDEF
                   for c in cleaned)
    cleaned.encode("utf-8")  # storable on both databases


def test_text_python_calls_printable_is_what_clean_and_line_leave_as_it_is():
    """clean() and line() take printable text (str.isprintable) as it is, without their
    substitutions: no printable code point is one they remove or replace — every code point
    checked, so a Unicode database of another Python cannot slip one in unnoticed."""
    printable = "".join(ch for ch in map(chr, range(0x110000)) if ch.isprintable())
    assert len(printable) > 100_000
    for pattern in (text._REMOVED, text._BREAKS, text._LINE_SPACE):
        assert pattern.search(printable) is None, pattern.search(printable)
    # and the other way: what the substitutions change takes the regular way
    for ch in "\x00\t\n\r\x85\u2028\u2029\u202e\u200f\ufeff\ufdd0\U0010ffff\ud800":
        assert not ch.isprintable(), repr(ch)
    assert text.clean("a\u202eb\r\nc") == "ab\nc" and text.line(" a\tb\u3000 ", "title") == "a b"


@pytest.mark.parametrize("value, code", [
    (b"bytes", "not_text"), (["a"], "not_text"), ({"a": 1}, "not_text"), ({1}, "not_text"), (True, "not_text"),
    ("长" * 501, "too_long"), ("\x00\u202e  ", "empty"),
])
def test_what_is_not_text_or_too_long_is_refused_in_words(value, code):
    with pytest.raises(InvalidInput) as exc:
        text.line(value, "title")
    assert exc.value.refusals[0].code == code
    assert "{" not in exc.value.message("zh_CN") and "{" not in exc.value.message("en")


def test_numbers_and_dates_are_taken_as_their_text():
    assert text.line(42, "title") == "42"
    assert text.line(dt.date(2026, 11, 27), "title") == "2026-11-27"


@pytest.mark.parametrize("value", ["a\x00b", "a\x01b", "\ud800.xlsx", "", "   ", None, 5, ["x"], "x" * 5000])
def test_paths_are_refused_never_stripped(value):
    with pytest.raises(InvalidInput) as exc:
        text.path(value, "file")
    assert exc.value.refusals[0].code in ("bad_path", "not_text")
    exc.value.message("zh_CN")


def test_an_undecodable_byte_of_a_file_name_is_a_real_name_on_posix():
    if sys.platform == "win32":
        pytest.skip("POSIX file names are bytes")
    assert str(text.path("/tmp/\udcff.csv")) == "/tmp/\udcff.csv"
    assert "\udcff" not in text.shown_path("/tmp/\udcff.csv")


def test_whole_numbers_are_ints_in_range():
    assert text.integer(5, "step") == 5
    for bad in (True, "5", 5.0, None, [5]):
        with pytest.raises(InvalidInput):
            text.integer(bad, "step")
    with pytest.raises(InvalidInput):
        text.integer(2**63, "step")
    assert text.clamp(10**30, "limit", 1, 200) == 200 and text.clamp(-5, "offset", 0, 9) == 0
    assert not text.is_row_id(2**31) and not text.is_row_id(True) and text.is_row_id(1)


@pytest.mark.parametrize("query, pattern", [
    ("50%", "%50\\%%"), ("a_b", "%a\\_b%"), ("c:\\dir", "%c:\\\\dir%"), ("普通", "%普通%")])
def test_like_patterns_escape_the_wildcards_and_the_escape(query, pattern):
    assert text.contains(query) == (pattern, "\\")


def test_dates_out_of_range_are_refused_not_overflowed():
    for value in ("0001-01-01", "9999-12-31T23:59:59+14:00", "1989-12-31", dt.datetime(1, 1, 1),
                  dt.datetime(9999, 12, 31, tzinfo=dt.UTC), ["2026-11-27"]):
        with pytest.raises(InvalidInput):
            parse(value, "planned_start")
    assert parse("2026-11-27 22:00\u202e", "at").year == 2026  # cleaned first


def test_quarters_out_of_range_and_of_the_wrong_type_are_refused():
    for value in ("0000Q1", "9999Q4", 2026, None, ["2026Q1"]):
        with pytest.raises(InvalidInput):
            Quarter.parse(value)
    with pytest.raises(InvalidInput):
        Quarter(0, 1).checked()


@pytest.mark.parametrize("name", ["x" * 300, "Asia", "Asia/Shanghai\x00", "/etc/passwd", "../x", "", None, 8])
def test_a_time_zone_name_never_reaches_the_file_system(name):
    assert company.zone(name).utcoffset(None) == dt.timedelta(hours=8)  # the fallback, no OSError
    assert not company.known_zone(name)


# ------------------------------------------------------------------ through the services

def test_keys_with_control_characters_find_what_was_stored(world):
    number = release_at(world, Status.REQUESTED)
    for key in (number + "\x00", "\u202e" + number, number + "\udcff", f" {number}\ufeff "):
        assert details.show_json(world.ctx(), key, audit_limit=0)["number"] == number
    with pytest.raises(NotFound):
        details.show_json(world.ctx(), "FB-1999-0001\x00")
    for key in (2**31, 2**63, -1, 0):
        with pytest.raises(NotFound):
            details.show_json(world.ctx(), key)


def test_nul_in_a_search_is_no_database_error(world):
    ctx = world.ctx("lina")
    for q in ("\x00", "核心\x00", "\ud800", "\u202e"):
        register.page(ctx, RegisterQuery(text=q))
        changes.search(ctx, q)
        inventory.config_items(ctx, q)
        knowledge.search(ctx, q)


def test_a_bidi_wrapped_title_is_stored_and_shown_as_typed(world, capsys):
    from relgui.cli.main import main

    n = releases.create(world.ctx("zhangwei"), title="\u202eevil\u202c 升级", type="normal",
                        change_numbers=[approved_change(world)]).number
    assert details.show_json(world.ctx(), n)["title"] == "evil 升级"
    url = world.db.url.render_as_string(hide_password=False)
    assert main(["--db", url, "release", "show", n]) == 0
    out = capsys.readouterr().out
    assert "evil 升级" in out and not any(c in out for c in BIDI)


def test_overlong_searches_are_refused_in_words_not_as_database_outages(world):
    for call in (lambda q: register.page(world.ctx("lina"), RegisterQuery(text=q)),
                 lambda q: changes.search(world.ctx(), q), lambda q: inventory.config_items(world.ctx(), q),
                 lambda q: knowledge.search(world.ctx(), q)):
        with pytest.raises(InvalidInput) as exc:
            call("长" * 100_000)
        assert exc.value.refusals[0].code == "too_long"


@pytest.fixture
def wildcards(world):
    """Records whose text holds %, _ and \\ next to records that a wildcard would also match."""
    eng = world.ctx("zhangwei")
    change = approved_change(world)
    made = {}
    for title in ("折扣 50% 生效", "折扣 50 元生效", "参数 a_b 调整", "参数 axb 调整", "路径 c:\\dir", "路径 c:dir"):
        made[title] = releases.create(eng, title=title, type="normal", change_numbers=[change]).number
    for number, title in (("CHG-100%", "比例 100%"), ("CHG-1000", "比例 1000"), ("CHG-A_B", "a_b"),
                          ("CHG-AXB", "axb")):
        changes.record(eng, number=number, title=title, status="approved")
    for name, artifact in (("支付_网关", "pay_gw"), ("支付X网关", "payxgw"), ("折扣%服务", "disc%"),
                           ("折扣率服务", "discount")):
        inventory.add_config_item(eng, name, artifact=artifact)
    for title in ("回滚 100% 成功", "回滚 1000 次"):
        closing.add_knowledge(eng, title, "经验 " + title)
    return world, made


def test_percent_and_underscore_match_literally_in_the_register(wildcards):
    world, made = wildcards

    def found(q):
        return {r.title for r in register.page(world.ctx("lina"), RegisterQuery(text=q, limit=1000)).rows}

    assert found("50%") == {"折扣 50% 生效"}
    assert found("a_b") == {"参数 a_b 调整"}
    assert found("c:\\dir") == {"路径 c:\\dir"}
    assert found("%") == {"折扣 50% 生效"} and found("_") == {"参数 a_b 调整"}
    assert register.count(world.ctx("lina"), RegisterQuery(text="%")) == 1


def test_percent_and_underscore_match_literally_in_changes_items_and_knowledge(wildcards):
    world, _ = wildcards
    ctx = world.ctx("lina")
    assert {c.number for c in changes.search(ctx, "100%")} == {"CHG-100%"}
    assert {c.number for c in changes.search(ctx, "a_b")} == {"CHG-A_B"}
    assert {c.name for c in inventory.config_items(ctx, "_")} == {"支付_网关"}
    assert {c.name for c in inventory.config_items(ctx, "%")} == {"折扣%服务"}
    # Knowledge search matches whole words and numbers (punctuation separates them): 100, not 1000.
    assert {h.title for h in knowledge.search(ctx, "100%").hits} == {"回滚 100% 成功"}


def test_wrong_types_in_a_register_query_are_refused_in_words(world):
    for q in (RegisterQuery(limit="10"), RegisterQuery(offset=10**30 * 1.0), RegisterQuery(ids=("1",)),
              RegisterQuery(types="normal"), RegisterQuery(sort=["number"]), RegisterQuery(needs_action="yes"),
              RegisterQuery(date_from="0001-01-01")):
        with pytest.raises(RelguiError) as exc:
            register.page(world.ctx("lina"), q)
        exc.value.message("zh_CN")
    huge = register.page(world.ctx("lina"), RegisterQuery(offset=2**62, limit=10**9, ids=(2**70, 1)))
    assert huge.rows == []


def test_a_company_time_zone_is_refused_in_words(world):
    view = company.get(world.ctx())
    for bad in ("x" * 300, "Asia", "Asia/Shanghai\x00", 8):
        with pytest.raises(InvalidInput) as exc:
            company.save(world.ctx("admin"), company_name="公司", department="部门", number_pattern="FB-{seq}",
                         timezone=bad, expected_version=view.row_version)
        assert exc.value.refusals[0].code == "unknown_choice"


def test_cli_output_of_an_undecodable_name_is_printable(world, tmp_path, monkeypatch):
    """A path given on a command line may hold undecodable bytes (surrogate escapes):
    printing it must not fail on a UTF-8 terminal."""
    from relgui.cli.main import main

    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="strict")
    monkeypatch.setattr(sys, "stdout", out)
    url = world.db.url.render_as_string(hide_password=False)
    target = str(tmp_path / "kpi-\udcff.xlsx")
    assert main(["--db", url, "kpi", "--quarter", "2026Q4", "--xlsx", target]) == 0
    out.flush()
    assert "kpi-" in out.buffer.getvalue().decode("utf-8")
