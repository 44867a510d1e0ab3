"""The GUI's half of one translation mechanism (issue 17 item 7): Qt Linguist catalogues with
per-context English (one Chinese word, two meanings), plural forms for every count, and every
string the GUI asks Qt to translate present in the catalogue.

The English lives in ``i18n/en/*.tsv``; ``scripts/build_assets.py`` fills it into
``relgui_en.ts`` (``[Context]`` sections, ``source<TAB>one<TAB>other`` for a ``%n`` message)."""

from __future__ import annotations

import ast
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

ROOT = Path(__file__).parent.parent
TS = ROOT / "i18n" / "relgui_en.ts"


def _messages() -> list[tuple[str, ET.Element]]:
    root = ET.parse(TS).getroot()
    return [(ctx.findtext("name") or "", m) for ctx in root.iter("context") for m in ctx.iter("message")]


@pytest.fixture
def english(qapp):
    translator = QTranslator()
    assert translator.load(str(ROOT / "i18n" / "relgui_en.qm"))
    QCoreApplication.installTranslator(translator)
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    yield QCoreApplication.translate
    QCoreApplication.removeTranslator(translator)
    QLocale.setDefault(before)


def test_a_count_takes_the_english_plural_form(english):
    tr = english
    assert tr("RegisterView", "共 %Ln 个发布", None, 1) == "1 release"
    assert tr("RegisterView", "共 %Ln 个发布", None, 12345) == "12,345 releases"
    assert tr("RevisionsDialog", "V{a} 与 V{b} 有 %n 处不同。", None, 1).format(a=1, b=2) == "V1 and V2 differ in 1 place."
    assert tr("RevisionsDialog", "V{a} 与 V{b} 有 %n 处不同。", None, 2).format(a=1, b=2) == "V1 and V2 differ in 2 places."
    # A module-level translate() (no class): the forms given in the .tsv make it counted.
    assert tr("excel_dialogs", "已导入 %n 个发布（{first} 至 {last}）。原登记编号记在各发布描述的第一行。", None, 1
              ).startswith("1 release imported")
    assert tr("DocumentsPanel", "已写入 {path}（%n 页）。", None, 1) == "Wrote {path} (1 page)."


def test_chinese_has_one_form_and_the_count_filled_in(qapp):
    assert QCoreApplication.translate("RegisterView", "共 %Ln 个发布", None, 1) == "共 1 个发布"
    assert QCoreApplication.translate("ChangesDialog", "已导入 %n 个变更请求。", None, 3) == "已导入 3 个变更请求。"


def test_one_chinese_word_can_have_two_englishes(english):
    """Keyed on the Chinese alone, the last translation of 已停用 won: a disabled user account
    showed as "Retired" in 用户与角色. A [Context] section gives each window its own."""
    tr = english
    assert tr("AdminUsersDialog", "已停用") == "Disabled"
    assert tr("SoftwareDialog", "已停用") == "Retired"
    assert tr("SignDialog", "内容摘要") == "Digest"
    assert tr("KnowledgeWindow", "内容摘要") == "Excerpt"
    assert tr("ReleaseRequestEditDialog", "发布类型") == "Release type"
    assert tr("RegisterModel", "发布类型") == "Type"


def test_every_counted_message_has_both_english_forms():
    counted = [(ctx, m) for ctx, m in _messages() if re.search(r"%L?n", m.findtext("source") or "")]
    assert len(counted) >= 30
    for ctx, m in counted:
        forms = [f.text or "" for f in m.iter("numerusform")]
        assert m.get("numerus") == "yes" and len(forms) == 2, f"{ctx}: {m.findtext('source')}"
        assert all(re.search(r"%L?n", f) for f in forms), f"{ctx}: {forms}"


# English nouns that say a count; "{n} releases" in a message that is not counted reads "1 releases".
_COUNTED_NOUN = re.compile(r"\{\w+\}\)? (?:[A-Z]+ )?(?:releases|rows|items|entries|pages|minutes|hours|days|changes|"
                           r"differences|gaps|decisions|updates|characters|places|requests|files|signatures|steps)\b")
# Placeholders followed by such a noun that are not counts, each with its reason.
_NOT_A_COUNT = {
    ("figures", "{period} 回退决策用时 {minutes} 分钟"): "minutes is a range such as 0–15",
}


def test_no_count_is_said_with_one_english_form():
    wrong = []
    for ctx, m in _messages():
        text = m.findtext("translation") or ""
        counted = _COUNTED_NOUN.search(text) or "(s)" in text  # "{n} item(s)" dodges the plural, "1 item(s)"
        if m.get("numerus") != "yes" and counted and (ctx, m.findtext("source")) not in _NOT_A_COUNT:
            wrong.append(f"{ctx}: {text}")
    assert wrong == []


def _literal(node: ast.expr) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _asked(tree: ast.AST):
    """(line, text) of every literal the code hands a translator: self.tr/tr/_tr("…"), translate(ctx, "…")."""
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", None)
        if name in ("tr", "_tr"):
            text = _literal(node.args[0])
        elif name == "translate" and len(node.args) >= 2 and _literal(node.args[0]) is not None:
            text = _literal(node.args[1])
        else:
            continue
        if text is not None:
            yield node.lineno, text


def test_every_string_the_gui_translates_is_in_the_catalogue():
    """pyside6-lupdate does not follow a wrapper: the Excel dialogs' strings, passed through a
    local _tr(), were never in the catalogue and showed in Chinese in the English GUI."""
    sources = {m.findtext("source") for _, m in _messages()}
    missing = []
    for path in sorted((ROOT / "relgui" / "gui").rglob("*.py")):
        if "forms" in path.parts:
            continue
        for line, text in _asked(ast.parse(path.read_text("utf-8"))):
            if text not in sources:
                missing.append(f"{path.relative_to(ROOT)}:{line}: {text}")
    assert missing == []
