"""One translation mechanism in the core (issue 17 item 7): every sentence the core shows is a
catalogue entry (``relgui/domain/messages*.py``) looked up by its code, never an inline
``"English" if en else "中文"`` branch; English counts are said with plural forms; the
catalogue is keyed by codes, so one Chinese text may have two Englishes in two contexts."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from relgui.domain import messages
from relgui.domain.errors import Refusal
from relgui.domain.messages import CATALOG, render, say
from relgui.domain.plural import Plural, plural

ROOT = Path(__file__).parent.parent / "relgui"

# The GUI's own translator (Qt Linguist) is another helper's work in progress (issue 17 item 7,
# GUI half); everything else in relgui/ is scanned.
NOT_SCANNED = {"gui/i18n.py"}

_LANG_NAMES = {"en", "english", "is_en", "is_english"}
_LANG_CALLS = {"_en", "english", "is_english"}
_CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def _is_language_test(node: ast.AST) -> bool:
    """The expression asks which language is shown: ``en``, ``english(args)``, ``_en(lang)``,
    ``lang.startswith("en")``, ``lang == "en"``."""
    for sub in ast.walk(node):
        if isinstance(sub, ast.Name) and sub.id in _LANG_NAMES:
            return True
        if isinstance(sub, ast.Call):
            f = sub.func
            name = f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""
            if name in _LANG_CALLS:
                return True
            if name == "startswith" and sub.args and isinstance(sub.args[0], ast.Constant) \
                    and str(sub.args[0].value).lower().startswith(("en", "zh")):
                return True
        if isinstance(sub, ast.Compare) and any(
                isinstance(c, ast.Constant) and str(c.value).lower() in ("en", "zh", "zh_cn", "en_us")
                for c in (sub.left, *sub.comparators)):
            return True
    return False


def _is_text(node: ast.AST) -> bool:
    """Literal text: a string, an f-string, their concatenation, or a tuple/list of them."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _is_text(node.left) and _is_text(node.right)
    if isinstance(node, (ast.Tuple, ast.List)):
        return bool(node.elts) and all(_is_text(e) for e in node.elts)
    if isinstance(node, ast.IfExp):  # "a" if en else "b" if x else "c"
        return _is_text(node.body) and _is_text(node.orelse)
    return False


def _holds_chinese(nodes: list[ast.stmt]) -> bool:
    for stmt in nodes:
        for sub in ast.walk(stmt):
            if isinstance(sub, ast.Constant) and isinstance(sub.value, str) and _CJK.search(sub.value):
                return True
    return False


def _returns_text(nodes: list[ast.stmt]) -> bool:
    return any(isinstance(s, ast.Return) and s.value is not None and _is_text(s.value) for s in nodes)


def inline_branches(source: str) -> list[int]:
    """Lines of ``source`` that choose literal text by language instead of asking the catalogue."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.IfExp) and _is_language_test(node.test) \
                and _is_text(node.body) and _is_text(node.orelse):
            lines.append(node.lineno)
        elif isinstance(node, ast.If) and _is_language_test(node.test) and (
                _returns_text(node.body) or _returns_text(node.orelse)
                or _holds_chinese(node.body) or _holds_chinese(node.orelse)):
            lines.append(node.lineno)
    return sorted(set(lines))


def _offenders() -> list[str]:
    out = []
    for path in sorted(ROOT.rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        if rel in NOT_SCANNED:
            continue
        out += [f"relgui/{rel}:{n}" for n in inline_branches(path.read_text("utf-8"))]
    return out


def test_no_inline_language_branch_in_relgui():
    """Run on the code before the moves, it named 107 lines outside gui/i18n.py (the issue's 80
    `if en else` branches plus separators, `if en:` blocks and `_en(lang)` tests)."""
    assert _offenders() == []


@pytest.mark.parametrize("snippet", [
    'x = "Written: " if en else "已导出："',
    'x = f"{n} anchor(s) hold" if args.lang.startswith("en") else f"{n} 个锚点均一致"',
    'x = ("A", "B") if english(args) else ("甲", "乙")',
    'x = "a" if _en(lang) else "乙"',
    'def f(lang):\n    if lang == "en":\n        return "Done"\n    return "完成"',
    'def f(en):\n    if en:\n        rows = [("Item", 1)]\n    else:\n        rows = [("项目", 1)]',
])
def test_the_scanner_finds_inline_branches(snippet):
    assert inline_branches(snippet) != []


@pytest.mark.parametrize("snippet", [
    'x = say("cli_written", lang, path=p)',
    'x = self.name_en if lang.startswith("en") else self.name',  # the profile's own bilingual words
    'x = "a" if ok else "b"',
    'def f(en):\n    if en:\n        return value\n    return other',
])
def test_the_scanner_leaves_lookups_alone(snippet):
    assert inline_branches(snippet) == []


# ------------------------------------------------------------------ plural forms

def test_plural_entry_picks_the_english_form_by_count():
    assert say("doc_changes_more", "en", count=1) == "1 more change not listed"
    assert say("doc_changes_more", "en", count=3) == "3 more changes not listed"
    assert say("doc_changes_more", "en", count=0) == "0 more changes not listed"
    # Chinese has one form
    assert say("doc_changes_more", "zh_CN", count=1) == "另有 1 处改动未列出"
    assert say("doc_changes_more", "zh_CN", count=3) == "另有 3 处改动未列出"


def test_plural_is_the_other_form_to_every_reader_that_does_not_count():
    p = plural("{count} step", "{count} steps")
    assert isinstance(p, str) and p == "{count} steps" and p.one == "{count} step" and p.n == "count"
    assert p.pick(1) == "{count} step" and p.pick(2) == "{count} steps" and p.pick("x") == "{count} steps"
    assert plural("{open} step", "{open} steps", n="open").pick(1) == "{open} step"


def test_refusals_with_a_count_say_one_in_the_singular():
    r = Refusal("steps_open", params={"open": 1})
    assert render(r, "en") == "1 implementation step has no recorded progress"
    assert render(Refusal("steps_open", params={"open": 2}), "en") == "2 implementation steps have no recorded progress"
    assert render(r, "zh_CN") == "还有 1 个实施步骤未记录进度"


def test_every_english_with_a_count_has_its_plural_forms():
    """A count rendered into English is a ``plural(...)``: no "(s)" and no "1 changes"."""
    lists = {"missing_columns", "pg_column_excess"}  # "the column(s): a, b" names a list, counts nothing
    bad = []
    for code, (_zh, en) in CATALOG.items():
        if "(s)" in en and not isinstance(en, Plural) and code not in lists:
            bad.append(code)
        if isinstance(en, Plural):
            assert "{" + en.n + "}" in en.one or "{" + en.n + ":" in en.one or en.n == "n", code
    assert bad == []


# ------------------------------------------------------------------ per-context translations

def test_same_chinese_two_englishes_by_code():
    """Keys are codes, not the Chinese: “开始时间” is the start of a freeze (start) and when a
    step started (started_at); “内容” is a knowledge entry's body and a text's text."""
    assert messages.FIELDS["start"][0] == messages.FIELDS["started_at"][0] == "开始时间"
    assert messages.FIELDS["start"][1] != messages.FIELDS["started_at"][1]
    assert messages.FIELDS["body"][0] == messages.FIELDS["text"][0] == "内容"
    assert messages.FIELDS["body"][1] != messages.FIELDS["text"][1]
    # “用户登录名格式”: the CLI's settings row says "User bind name", a refusal naming the field
    # says "user bind name pattern"
    assert CATALOG["dir_cli_user_bind"][0] == messages.FIELDS["directory_user_bind"][0] == "用户登录名格式"
    assert say("dir_cli_user_bind", "en") == "User bind name"
    assert messages.FIELDS["directory_user_bind"][1] == "user bind name pattern"


def test_say_is_render_of_a_refusal_without_a_requirement():
    assert say("not_found", "en", kind="release", key="FB-1") == render(
        Refusal("not_found", params={"kind": "release", "key": "FB-1"}), "en")


def test_punctuation_keeps_its_edges():
    """``words`` is not stripped: the English separators keep their space."""
    from relgui.domain.messages import words

    assert words("list", "en") == ", " and words("list", "zh_CN") == "、"
    assert words("clauses", "en") == "; " and words("colon", "zh_CN") == "："


def test_a_plural_outside_the_refusal_catalogue_counts_too():
    """The KPI alert's "N more releases are not counted" (messages_alerts.LABELS) goes through
    plural.form: one broken closure is "1 more release"."""
    import datetime as dt

    from relgui.alerts.texts import render as alert

    now = dt.datetime(2026, 11, 30, 12, tzinfo=dt.UTC)
    one = alert("kpi_below", {"broken": 1}, "en", dt.UTC, now)
    two = alert("kpi_below", {"broken": 2}, "en", dt.UTC, now)
    assert "1 more release is not counted: its closing signature no longer verifies." in one.body
    assert "2 more releases are not counted: their closing signature no longer verifies." in two.body
    assert "另有 1 次发布的关闭签署已失效，未计入。" in alert("kpi_below", {"broken": 1}, "zh_CN", dt.UTC, now).body


def test_a_sentence_with_several_counts_says_each_by_its_own_entry():
    """messages.COUNTED: each count of such a sentence is said by its counted noun first."""
    def made(lang: str, releases: int, changes: int, rows: int) -> str:
        return say("cli_demo_made", lang, releases=releases, changes=changes, rows=rows, took="1.5")

    assert made("en", 1, 3, 1) == "1 release, 3 change requests, 1 row in 1.5 s"
    assert made("en", 2, 1, 40) == "2 releases, 1 change request, 40 rows in 1.5 s"
    assert made("zh_CN", 1, 3, 40) == "已生成 1 个发布、3 个变更请求，共 40 行，用时 1.5 秒"
    r = Refusal("downtime_exceeds_window", params={"minutes": 90, "window": 1})
    assert render(r, "en") == "The expected downtime (90 minutes) is longer than the release window (1 minute)."
    assert render(r, "zh_CN") == "预计停机时间（90 分钟）超过了发布窗口的时长（1 分钟）。"
    r = Refusal("restore_not_empty", params={"releases": 1, "users": 2, "events": 1, "rows": 9})
    assert "(1 release, 2 users, 1 audit event, 9 rows in all)" in render(r, "en")
    assert "（1 个发布、2 个用户、1 条审计记录，共 9 行）" in render(r, "zh_CN")


def test_every_counted_parameter_names_a_plural_noun():
    for code, nouns in messages.COUNTED.items():
        assert code in CATALOG, code
        for name, noun in nouns.items():
            assert "{" + name + "}" in CATALOG[code][0] and "{" + name + "}" in CATALOG[code][1], (code, name)
            assert isinstance(CATALOG[noun][1], Plural), noun
