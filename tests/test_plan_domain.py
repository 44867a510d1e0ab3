"""Plan content: cleaning, gaps, hashing (no database)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from relgui.domain import plan as plandom
from relgui.domain import text
from relgui.domain.errors import InvalidInput
from relgui.policy import current_profile

P = current_profile()


def test_empty_plan_has_a_gap_in_every_required_section():
    """R-4.2.2-SECTIONS, R-3.2-PLAN, R-4.2.1-CORRELATION, R-4.2.1-RESOURCES: all required."""
    gaps = plandom.gaps(P, plandom.empty_content(P))
    assert {g.section for g in gaps} == {s.key for s in P.plan_sections if s.required}


def test_risks_must_cover_technical_business_and_management():
    """R-4.2.1-RISK."""
    data = {"risks": [{"category": "技术风险", "description": "x", "likelihood": 1, "impact": 1,
                       "response": "y", "owner": "z"}] * 3}
    gaps = plandom.section_gaps(P.section("risks"), plandom.clean_section(P.section("risks"), data))
    assert {g.detail for g in gaps if g.problem == "coverage"} == {"业务风险", "管理风险"}


def test_rollback_section_gap_cites_reliability_principle():
    """R-1.3-RELIABLE: a plan without a rollback plan cannot be submitted."""
    gap = plandom.section_gaps(P.section("rollback"), plandom.clean_section(P.section("rollback"), {}))[0]
    assert gap.refusal(P).requirement == "R-1.3-RELIABLE"


def test_window_end_before_start_is_a_gap():
    data = {"window_start": "2026-12-01 22:00", "window_end": "2026-12-01 21:00", "people": "张伟"}
    gaps = plandom.section_gaps(P.section("schedule"), plandom.clean_section(P.section("schedule"), data))
    assert [g.problem for g in gaps] == ["order"]


@pytest.mark.parametrize("section, data, problem", [
    ("scope", {"downtime_minutes": "十分钟"}, "not_a_number"),
    ("scope", {"downtime_minutes": -5}, "below_minimum"),
    ("risks", {"risks": [{"likelihood": 9}]}, "above_maximum"),
    ("schedule", {"window_start": "2026-13-45 25:00"}, "bad_datetime"),
    ("correlation", {"merge_decision": "随便"}, "not_a_choice"),
    ("purpose", {"text": "x", "extra": 1}, "unknown_key"),
    ("steps", {"steps": "not a table"}, "not_a_table"),
    ("steps", {"steps": [{"action": "a"}] * 501}, "too_many_rows"),
    ("purpose", {"text": "长" * 20_001}, "too_long"),
])
def test_bad_values_are_refused_naming_the_field(section, data, problem):
    with pytest.raises(InvalidInput) as exc:
        plandom.clean_section(P.section(section), data)
    assert exc.value.refusals[0].code == problem
    assert exc.value.refusals[0].params["field"].startswith(section)


def test_english_choice_is_stored_in_the_policys_words():
    cleaned = plandom.clean_section(P.section("correlation"), {"merge_decision": "Merge into one release"})
    assert cleaned["merge_decision"] == "合并发布"


def test_blank_rows_are_dropped_and_datetimes_normalised():
    cleaned = plandom.clean_section(P.section("schedule"), {
        "window_start": "2026/12/01 22:00", "milestones": [{"when": "", "milestone": "  "}]})
    assert cleaned["milestones"] == []
    assert cleaned["window_start"].endswith("+00:00")


def test_digest_is_stable_and_order_independent():
    assert plandom.digest({"a": 1, "b": [1, "发布"]}) == plandom.digest({"b": [1, "发布"], "a": 1})


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_clean_leaves_only_xml_compatible_text(value):
    cleaned = text.clean(value)
    assert not any(ord(c) < 0x20 and c not in "\t\n" for c in cleaned)
    assert "\ufffe" not in cleaned and "\uffff" not in cleaned
    assert not any(0xD800 <= ord(c) <= 0xDFFF for c in cleaned)


@settings(max_examples=100, deadline=None)
@given(st.dictionaries(st.sampled_from(["text"]), st.text(max_size=300)))
def test_any_text_in_a_section_is_cleaned_or_refused_never_crashes(data):
    try:
        cleaned = plandom.clean_section(P.section("purpose"), data)
    except InvalidInput:
        return
    assert isinstance(cleaned["text"], str)


def test_rate_is_shown_rounded_down_so_a_miss_never_reads_as_the_target():
    """R-4.6-KPI: 851 of 896 is 94.98 %, below 95 %."""
    from relgui.domain.kpi import Rate

    r = Rate(896, 851, 0.95)
    assert (r.percent, r.met) == ("94.9%", False)
    assert Rate(20, 19, 0.95).percent == "95.0%" and Rate(20, 19, 0.95).met
    assert Rate(0, 0, 0.95).percent == "—" and Rate(0, 0, 0.95).met is None
