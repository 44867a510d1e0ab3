"""Two sessions editing the same record: the second save is refused, naming who and when."""

from __future__ import annotations

import pytest
from flows import release_at

from relgui.domain.errors import Conflict
from relgui.domain.states import Status
from relgui.services import changes, details, plans, releases


def test_second_save_of_the_same_section_is_refused_naming_the_first_writer(world):
    n = release_at(world, Status.PLANNING)
    a, b = world.ctx("zhangwei"), world.ctx("wangfang")
    base = plans.get(a, n).section_versions["purpose"]
    plans.save_section(a, n, "purpose", {"text": "A 的修改"}, base_version=base)
    world.clock.advance(minutes=1)
    with pytest.raises(Conflict) as exc:
        plans.save_section(b, n, "purpose", {"text": "B 的修改"}, base_version=base)
    assert exc.value.by == "张伟"
    assert "purpose.text" in exc.value.fields
    assert "张伟" in exc.value.message("zh_CN") and "未保存" in exc.value.message("zh_CN")
    assert plans.get(a, n).content["purpose"]["text"] == "A 的修改"
    saves = [e for e in details.show_json(world.ctx(), n)["audit"]
             if e["action"] == "plan.save_section" and e["key"].endswith("#purpose")]
    assert len(saves) == 2  # the original write and A's: B wrote nothing


def test_edits_of_different_sections_merge(world):
    n = release_at(world, Status.PLANNING)
    a, b = world.ctx("zhangwei"), world.ctx("wangfang")
    view = plans.get(a, n)
    plans.save_section(a, n, "purpose", {"text": "A"}, base_version=view.section_versions["purpose"])
    plans.save_section(b, n, "post_work", {"text": "B"}, base_version=view.section_versions["post_work"])
    content = plans.get(a, n).content
    assert content["purpose"]["text"] == "A" and content["post_work"]["text"] == "B"


def test_stale_release_version_is_a_conflict_not_an_overwrite(world):
    n = release_at(world, Status.REQUESTED)
    seen = details.show_json(world.ctx(), n)["row_version"]
    releases.cancel(world.ctx("lina"), n, "需求撤回", expected_version=seen)
    with pytest.raises(Conflict) as exc:
        releases.accept(world.ctx("zhangwei"), n, expected_version=seen)
    assert exc.value.by == "李娜"
    assert details.show_json(world.ctx(), n)["status"] == "cancelled"


def test_stale_change_request_version_is_a_conflict(world):
    c = changes.record(world.ctx("zhangwei"), number="CHG-1", title="t", status="submitted")
    changes.set_status(world.ctx("lina"), "CHG-1", "approved", expected_version=c.row_version)
    with pytest.raises(Conflict):
        changes.set_status(world.ctx("zhangwei"), "CHG-1", "rejected", expected_version=c.row_version)


def test_a_race_between_read_and_write_is_caught_by_the_version_column(world):
    """Two sessions load the same row, each in its own read transaction (as a form does), and
    save later: the ORM's version check refuses the second flush."""
    from sqlalchemy.orm import Session
    from sqlalchemy.orm.exc import StaleDataError

    from relgui.store.models import ChangeRequest

    changes.record(world.ctx("zhangwei"), number="CHG-2", title="t", status="submitted")
    with Session(world.db.engine, expire_on_commit=False) as s1, \
            Session(world.db.engine, expire_on_commit=False) as s2:
        c1 = s1.query(ChangeRequest).filter_by(number="CHG-2").one()
        c2 = s2.query(ChangeRequest).filter_by(number="CHG-2").one()
        s1.commit()
        s2.commit()
        c1.title = "first"
        s1.commit()
        c2.title = "second"
        with pytest.raises(StaleDataError):
            s2.commit()
