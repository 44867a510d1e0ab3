"""The release-number pattern: one validator (relgui.domain.numbering) for company.save, the
CLI and the first-run wizard. A pattern it accepts formats without error for every 4-digit
year and every sequence number up to 99 999, into a number that fits its column; a pattern it
refuses is said in words, with an example of a pattern that works and what it produces."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from relgui.domain import numbering
from relgui.domain.errors import InvalidInput
from relgui.domain.versions import NEW
from relgui.services import company, releases
from relgui.store.models import CompanySettings, Release


def test_the_limits_are_the_columns():
    assert numbering.NUMBER_LENGTH == Release.__table__.c.number.type.length == 60
    assert numbering.PATTERN_LENGTH == CompanySettings.__table__.c.number_pattern.type.length


def _refusal(pattern) -> tuple[str, str, str]:
    with pytest.raises(InvalidInput) as exc:
        numbering.check_pattern(pattern)
    return exc.value.refusals[0].code, exc.value.message("zh_CN"), exc.value.message("en")


@pytest.mark.parametrize("pattern, code, shown", [
    ("{seq[0]}", "pattern_field", "{seq[0]}"),  # was a TypeError traceback
    ("{seq.real}", "pattern_field", "{seq.real}"),
    ("{year.__class__}{seq}", "pattern_field", "{year.__class__}"),
    ("{0}{seq}", "pattern_field", "{0}"),
    ("{}{seq}", "pattern_field", "{}"),
    ("{name}-{seq}", "pattern_field", "{name}"),
    ("{YEAR}-{seq}", "pattern_field", "{YEAR}"),
    ("REL-{year}", "pattern_no_seq", "{seq}"),
    ("REL-0001", "pattern_no_seq", "{seq}"),
    ("{seq!r}", "pattern_spec", "{seq!r}"),
    ("{seq:c}", "pattern_spec", "{seq:c}"),  # chr(seq): a control character as the number
    ("{seq:x}", "pattern_spec", "{seq:x}"),
    ("{seq:,}", "pattern_spec", "{seq:,}"),
    ("{seq:.2f}", "pattern_spec", "{seq:.2f}"),
    ("{seq:%}", "pattern_spec", "{seq:%}"),
    ("{seq:999999999}", "pattern_spec", "{seq:999999999}"),
    ("{seq:{year}}", "pattern_spec", "{seq:{year}}"),
    ("{seq:\x01>5}", "pattern_control", "{seq:\\x01>5}"),
    ("{year:%Y}-{seq}", "pattern_spec", "{year:%Y}"),
    ("{seq", "pattern_braces", "{seq"),
    ("seq}", "pattern_braces", "seq}"),
    ("FB-{year}}-{seq}", "pattern_braces", "FB-{year}}-{seq}"),
    ("{year}{seq:>57}", "pattern_too_long", "61"),  # was accepted; every release creation then failed on PostgreSQL
    ("发布编号{year}{seq:>55}", "pattern_too_long", "63"),
    ("FB\n{seq}", "pattern_control", "FB"),
    ("", "empty", ""),
    ("x" * 61 + "{seq}", "too_long", "66"),
])
def test_a_bad_pattern_is_refused_in_words_with_an_example(pattern, code, shown):
    got, zh, en = _refusal(pattern)
    assert got == code, (got, en)
    assert shown in zh and shown in en
    assert re.search(r"[\u4e00-\u9fff]", zh)
    if not re.search(r"[\u4e00-\u9fff]", pattern):
        assert not re.search(r"[\u4e00-\u9fff]", en)
    if code.startswith("pattern_") and code != "pattern_too_long":
        assert "例如 FB-{year}-{seq:04d} 生成 FB-2026-0001" in zh and "e.g. FB-{year}-{seq:04d} gives FB-2026-0001" in en
    if code == "pattern_too_long":
        assert "例如" in zh and "60" in zh and "99999" in zh


@pytest.mark.parametrize("pattern, first, longest", [
    ("FB-{year}-{seq:04d}", "FB-2026-0001", "FB-2026-99999"),
    ("REL-{seq}", "REL-1", "REL-99999"),
    ("{year}{seq:>05}", "202600001", "202699999"),
    ("{seq:_<6}/{year}", "1_____/2026", "99999_/2026"),
    ("变更{{发布}}{year}年第{seq:03d}号", "变更{发布}2026年第001号", "变更{发布}2026年第99999号"),
    ("{year}{seq:>56}", "2026" + " " * 55 + "1", "2026" + " " * 51 + "99999"),  # exactly 60: fits
    ("FB-{seq:04d}-{year}{year}", "FB-0001-20262026", "FB-99999-20262026"),
])
def test_a_good_pattern_gives_its_example(pattern, first, longest):
    assert numbering.check_pattern(pattern) == pattern
    assert numbering.example(pattern) == first
    assert numbering.format_number(pattern, 2026, 99_999) == longest


# ----------------------------------------------------------------------------- property

FIELD_NAMES = ["year", "seq", "seq", "", "0", "seq[0]", "seq.real", "x", "year!r", "seq!s"]
SPEC_CHARS = "<>=^0123456789d,.xXbcn%_- {}\x00\n#+"
literal = st.lists(st.sampled_from(list("FB-_/年号 ") + ["{{", "}}", "{", "}", "发布", "\t"]), max_size=12).map("".join)
field = st.builds(lambda name, spec: "{" + name + (":" + spec if spec is not None else "") + "}",
                  st.sampled_from(FIELD_NAMES), st.none() | st.text(alphabet=SPEC_CHARS, max_size=5))
patterns = st.lists(literal | field, max_size=6).map("".join) | st.text(max_size=70)


@settings(max_examples=600, deadline=None)
@given(pattern=patterns, year=st.integers(1000, 9999), seq=st.integers(1, numbering.LARGEST_SEQ))
def test_any_accepted_pattern_formats_without_error_and_fits_the_column(pattern, year, seq):
    try:
        numbering.check_pattern(pattern)
    except InvalidInput as exc:
        assert exc.message("zh_CN") and exc.message("en")  # every refusal has its words
        return
    number = numbering.format_number(pattern, year, seq)
    assert len(number) <= numbering.NUMBER_LENGTH
    assert not any(ord(c) < 32 or ord(c) == 127 for c in number)
    assert numbering.format_number(pattern, year, seq + 1) != number  # distinct numbers


# ----------------------------------------------------------------------------- the services, on both databases

def test_company_save_uses_the_validator(world):
    with pytest.raises(InvalidInput) as exc:
        company.save(world.ctx(), company_name="公司", department="部门", number_pattern="{year}{seq:>57}",
                     expected_version=company.get(world.ctx()).row_version)
    assert exc.value.refusals[0].code == "pattern_too_long"
    with pytest.raises(InvalidInput) as exc:
        company.save(world.ctx(), company_name="公司", department="部门", number_pattern="{seq[0]}",
                     expected_version=company.get(world.ctx()).row_version)
    assert exc.value.refusals[0].code == "pattern_field"
    assert company.get(world.ctx()).number_pattern == "FB-{year}-{seq:04d}"


def test_a_pattern_stored_by_an_older_version_is_refused_in_words_not_by_the_database(world):
    """A pattern saved before this validator (or written around it) must not make release
    creation fail with a database error: on PostgreSQL the number was too long for its column."""
    with world.db.engine.begin() as conn:
        conn.execute(text("UPDATE company_settings SET number_pattern = '{year}{seq:>57}'"))
    with pytest.raises(InvalidInput) as exc:
        releases.create(world.ctx("zhangwei"), title="编号过长", type="normal")
    assert [r.code for r in exc.value.refusals] == ["stored_pattern_bad", "pattern_too_long"]
    assert "61" in exc.value.message("zh_CN") and "系统管理员" in exc.value.message("zh_CN")
    with world.db.engine.begin() as conn:
        conn.execute(text("UPDATE company_settings SET number_pattern = '{seq[0]}'"))
    with pytest.raises(InvalidInput) as exc:
        releases.create(world.ctx("zhangwei"), title="编号格式无效", type="normal")
    assert [r.code for r in exc.value.refusals] == ["stored_pattern_bad", "pattern_field"]
    assert register_total(world) == 0


def test_a_sequence_beyond_the_checked_range_is_refused_in_words(world):
    """A pattern at the limit, and a year with more than 99 999 releases: the number outgrows
    its column; said in words, not by the database."""
    from relgui.store.models import NumberSequence

    company.save(world.ctx(), company_name="公司", department="部门", number_pattern="{seq}" * 12,
                 expected_version=company.get(world.ctx()).row_version)  # 60 characters at 99 999
    with world.db.engine.begin() as conn:
        conn.execute(NumberSequence.__table__.insert().values(scope="2026", next_value=100_000))
    with pytest.raises(InvalidInput) as exc:
        releases.create(world.ctx("zhangwei"), title="序号过大", type="normal")
    assert exc.value.refusals[0].code == "number_too_long"
    assert register_total(world) == 0


def register_total(world) -> int:
    from relgui.services import register

    return register.page(world.ctx(), register.RegisterQuery(limit=1)).total


def test_a_pattern_at_the_limit_makes_numbers_that_fit_on_both_databases(world):
    company.save(world.ctx(), company_name="公司", department="部门", number_pattern="{year}{seq:>56}",
                 expected_version=company.get(world.ctx()).row_version)
    created = releases.create(world.ctx("zhangwei"), title="编号恰好 60 个字符", type="normal")
    assert len(created.number) == 60


def test_first_save_with_new(sqlite_world):
    """The first-run path (no settings yet) goes through the same validator."""
    with sqlite_world.db.engine.begin() as conn:
        conn.execute(text("DELETE FROM company_settings"))
    with pytest.raises(InvalidInput):
        company.save(sqlite_world.ctx(), company_name="公司", department="部门", number_pattern="{seq[0]}",
                     expected_version=NEW)


# ----------------------------------------------------------------------------- the first-run wizard

@pytest.fixture
def company_page(tmp_path, qtbot):
    import datetime as dt

    from PySide6.QtWidgets import QApplication

    from relgui.domain.timeutil import FixedClock
    from relgui.gui.context import GuiContext
    from relgui.gui.dialogs.first_run import FirstRunWizard
    from relgui.gui.i18n import Translations
    from relgui.gui.settings import Settings
    from relgui.services.context import AppContext
    from relgui.services.database import open_database

    ctx = AppContext(db=open_database(str(tmp_path / "new.db")),
                     clock=FixedClock(dt.datetime(2026, 11, 27, 2, tzinfo=dt.UTC)))
    tr = Translations(QApplication.instance())
    tr.use("zh_CN")
    wizard = FirstRunWizard(GuiContext(ctx, Settings(tmp_path / "s.ini"), tr))
    qtbot.addWidget(wizard)
    wizard.show()
    yield wizard.company
    ctx.db.dispose()


def test_the_wizard_says_what_is_wrong_next_to_the_pattern(company_page):
    """The issue: {seq[0]} raised a TypeError out of the slot (the page did nothing)."""
    page = company_page
    form = page.layout()
    row_of = lambda w: form.getWidgetPosition(w)[0]  # noqa: E731
    assert row_of(page.error) == row_of(page.pattern) + 1  # the message sits under the field
    page.pattern.setText("{seq[0]}")
    assert page.preview.text() == "—" and "{seq[0]}" in page.error.text() and "例如" in page.error.text()
    assert not page.validatePage()
    page.pattern.setText("{year}{seq:>57}")
    assert "61" in page.error.text() and not page.validatePage()
    page.pattern.setText("FB-{year}-{seq:04d}")
    assert page.preview.text() == "FB-2026-0001" and page.error.text() == ""
    assert page.validatePage()
    page.company.setText("  ")
    assert not page.validatePage() and page.error.text()  # an empty name is said too, not silently refused


def test_the_document_number_preview_checks_what_was_typed_as_company_save_does():
    """The settings dialog's preview (issue 14 item 6): the typed 文件编号 patterns, cleaned and
    checked by the rules company.save applies, made into the next release's document numbers."""
    made = numbering.doc_preview("  JH/{release} ", "{release}-BG", "FB-2026-0043")
    assert made == {"plan": "JH/FB-2026-0043", "report": "FB-2026-0043-BG"}
    for plan, report, code in (("JH", "{release}-BG", "doc_pattern_no_release"),
                               ("{release}-{year}", "{release}-BG", "doc_pattern_field"),
                               ("{release}-BG", "{release}-BG", "doc_pattern_same"),
                               ("{release}-JH", "{release", "doc_pattern_braces"),
                               ("", "{release}-BG", "empty")):
        with pytest.raises(InvalidInput) as refused:
            numbering.doc_preview(plan, report, "FB-2026-0043")
        assert refused.value.refusals[0].code == code, (plan, report)
        assert refused.value.message("zh_CN") and refused.value.message("en")
