"""Plan templates per release type and copying an earlier plan's sections: valid against the
profile, written through plans.save_sections (audit with origin, conflicts, all or none), refs resolved
again."""

from __future__ import annotations

import importlib.resources

import pytest
from flows import full_plan, release_at, section_version
from test_wizard_support import audit_actions, planning_release

from relgui.domain.errors import Conflict, InvalidInput
from relgui.domain.states import Status
from relgui.policy import current_profile
from relgui.services import plan_templates, plans

PROFILE = current_profile()


def test_a_template_for_every_release_type_valid_against_the_profile():
    templates = plan_templates.available(PROFILE)
    assert [t.key for t in templates] == list(PROFILE.release_types)
    for t in templates:
        assert t.name and t.name_en and t.about("zh_CN") and t.about("en")
        assert "rollback" in t.sections and "risks" in t.sections  # R-1.3-RELIABLE, R-4.2.1-RISK
        categories = {r["category"] for r in t.sections["risks"]["risks"]}
        assert categories == {"技术风险", "业务风险", "管理风险"}


def test_templates_are_package_data():
    folder = importlib.resources.files("relgui.resources").joinpath("plan_templates")
    assert sorted(p.name for p in folder.iterdir() if p.name.endswith(".toml")) == [
        "emergency.toml", "major.toml", "normal.toml"]


def test_a_malformed_template_is_refused_when_read(tmp_path, monkeypatch):
    (tmp_path / "normal.toml").write_text(
        'name = "坏模板"\nname_en = "Bad"\n[sections.rollback]\nmax_minutes = "半小时"\n', "utf-8")
    monkeypatch.setattr(plan_templates, "_folder", lambda: tmp_path)
    with pytest.raises(InvalidInput) as err:
        plan_templates.load("normal", PROFILE)
    assert err.value.refusals[0].code == "not_a_number"
    assert err.value.refusals[0].params["field"] == "rollback.max_minutes"
    (tmp_path / "normal.toml").write_text('name = "x"\nname_en = "x"\n[sections.nonsense]\na = 1\n', "utf-8")
    with pytest.raises(InvalidInput):
        plan_templates.load("normal", PROFILE)


def test_a_template_leaves_only_what_is_specific_to_the_release(sqlite_world):
    """Applied whole, the gaps left are the release's own facts (and the owners to name)."""
    number = planning_release(sqlite_world, type_="major")
    plan_templates.apply(sqlite_world.ctx("zhangwei"), number, "major", base_versions={})
    gaps = plans.get(sqlite_world.ctx("zhangwei"), number).gaps
    sections = {g.section for g in gaps}
    assert sections == {"correlation", "risks", "scope", "schedule", "steps", "baseline", "risk_measures", "rollback",
                        "contingency", "monitoring", "acceptance"}
    # the owners to name (责任人, 监控人, 验收人): every other column of those tables is filled in
    owners = ("risks", "steps", "rollback", "contingency", "monitoring", "acceptance")
    assert {g.problem for g in gaps if g.section in owners} == {"row_missing"}


def test_applying_writes_through_save_section_and_is_audited(world):
    number = planning_release(world)
    ctx = world.ctx("zhangwei")
    versions = plan_templates.apply(ctx, number, "normal", ["purpose", "rollback"], base_versions={})
    assert versions == {"purpose": 1, "rollback": 1}
    saved = [d for a, d in audit_actions(world) if a == "plan.save_section"]
    assert any("rollback.max_minutes" in d["changes"] for d in saved)
    assert {d.get("origin") for d in saved} == {"template:normal"}  # where the text came from
    with pytest.raises(Conflict):  # someone saved purpose since version 0
        plan_templates.apply(world.ctx("wangfang"), number, "normal", ["purpose"], base_versions={"purpose": 0})


def test_a_template_is_applied_whole_or_not_at_all(world):
    """A conflict on one chosen section writes none of them (no half-applied template)."""
    number = planning_release(world)
    plans.save_section(world.ctx("wangfang"), number, "rollback", {"performance_threshold": "响应时间 > 3 秒"},
                       base_version=section_version(world, number, "rollback"))
    before = plans.get(world.ctx(), number)
    with pytest.raises(Conflict):
        plan_templates.apply(world.ctx("zhangwei"), number, "normal", ["purpose", "rollback"],
                             base_versions={"purpose": 0, "rollback": 0})
    after = plans.get(world.ctx(), number)
    assert (after.content, after.section_versions) == (before.content, before.section_versions)


def test_copying_chosen_sections_of_an_earlier_plan(world):
    earlier = release_at(world, Status.CLOSED)
    number = planning_release(world)
    ctx = world.ctx("wangfang")
    done = plan_templates.copy_sections(ctx, number, earlier, ["baseline", "rollback"], base_versions={})
    assert set(done) == {"baseline", "rollback"}
    copied = [d for a, d in audit_actions(world) if a == "plan.save_section" and d.get("origin")]
    assert {d["origin"] for d in copied} == {f"copy:{earlier}"} and len(copied) == 2
    view = plans.get(ctx, number)
    source = full_plan(world)
    assert view.content["rollback"]["steps"][0]["action"] == source["rollback"]["steps"][0]["action"]
    assert view.content["purpose"]["text"] == ""  # not chosen, not copied
    row = view.content["baseline"]["items"][0]
    assert row["ci"] == "核心交易系统-应用服务器" and row["ci_ref"] and row["after_ref"]
