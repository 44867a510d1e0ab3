"""The typed read model of one release (issue 17 item 5): ``details.show`` hands frozen value
types with aware datetimes; ``to_json`` is the one serialisation (``relgui-admin release show
--json``, the documents). SQLite and PostgreSQL."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Mapping
from pathlib import Path

import pytest
from flows import decide, problem, release_at, step
from test_cli import run

from relgui.domain import release_detail as rd
from relgui.domain.states import Status
from relgui.domain.timeutil import iso, shown
from relgui.domain.versions import NEW
from relgui.services import details


def _walk(value, path="detail"):
    """Every (path, leaf) of a read model, read through its fields (never by key)."""
    if dataclasses.is_dataclass(value):
        for f in dataclasses.fields(value):
            yield from _walk(getattr(value, f.name), f"{path}.{f.name}")
    elif isinstance(value, tuple):
        for i, v in enumerate(value):
            yield from _walk(v, f"{path}[{i}]")
    elif isinstance(value, Mapping) and not path.endswith((".plan", ".detail")):
        for k, v in value.items():
            yield from _walk(v, f"{path}[{k!r}]")
    else:
        yield path, value


@pytest.fixture
def closed(world):
    return release_at(world, Status.CLOSED)


def test_times_are_aware_utc_to_the_second_and_lists_are_tuples(world, closed):
    d = details.show(world.ctx(), closed)
    assert isinstance(d, rd.ReleaseDetail)
    leaves = list(_walk(d))
    times = [(p, v) for p, v in leaves if isinstance(v, dt.datetime)]
    assert len(times) > 20  # header, revisions, signatures, checklists, steps, audit …
    for path, value in times:
        assert value.utcoffset() == dt.timedelta(0) and value.microsecond == 0, path
    assert not [p for p, v in leaves if isinstance(v, str) and v.endswith("+00:00")], "an ISO text in the model"
    assert d.signatures and d.closure is not None and d.closure.signature_id == d.signatures[-1].id
    assert d.checklists["precheck"][0].recorded_at is not None
    assert isinstance(d.steps, tuple) and isinstance(d.audit, tuple) and d.kpi is not None


def test_frozen_and_no_dict_access(world, closed):
    d = details.show(world.ctx(), closed)
    with pytest.raises(dataclasses.FrozenInstanceError):
        d.title = "改"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        d.signatures[0].intact = False  # type: ignore[misc]
    with pytest.raises(TypeError):
        d["title"]  # type: ignore[index]  # the old loose type is gone, not disguised


def test_json_form_is_the_cli_output_with_iso_times(world, capsys, closed):
    d = details.show(world.ctx(), closed)
    data = rd.to_json(d)
    assert data == details.show_json(world.ctx(), closed)
    assert list(data)[:4] == ["id", "number", "title", "type"]  # the keys in the order they always had
    assert data["created_at"] == iso(d.created_at) and data["signatures"][0]["signed_at"] == iso(d.signatures[0].signed_at)
    assert data["checklists"]["precheck"][0]["item"] == d.checklists["precheck"][0].item
    code, out, _ = run(world, capsys, "release", "show", closed, "--json")
    assert code == 0 and json.loads(out) == json.loads(json.dumps(data, ensure_ascii=False))


def test_text_show_states_times_in_the_company_zone(world, capsys, closed):
    d = details.show(world.ctx(), closed)
    code, out, _ = run(world, capsys, "release", "show", closed)
    assert code == 0 and out.startswith(f"{d.number}  {d.title}")
    from relgui.services.company import zone

    assert shown(d.audit[-1].at, zone(d.timezone)) in out


def test_versions_seen_come_from_the_typed_records(world):
    n = release_at(world, Status.DEPLOYING)
    step(world, n, 1, "done")
    problem(world, n)
    decide(world, n)
    d = details.show(world.ctx(), n)
    assert d.deadline("rollback_decision") is not None and d.deadline("rollback_decision").done_at is not None
    assert details.seen_step(d, "deploy", 1) == next(s.row_version for s in d.steps if s.step == 1)
    assert details.seen_problem(d) == d.problems[-1].id and d.problems[-1].decision == "rollback"
    assert details.seen_problem_version(d) == d.problems[-1].row_version
    # what the view did not show is NEW: a step not recorded, a checklist entry not made
    assert details.seen_step(d, "deploy", 2) is NEW and details.seen_step(d, "rollback", 1) is NEW
    first = d.checklists["precheck"][0]
    assert details.seen_entry(d, "precheck", first.item) == first.row_version
    assert details.seen_entry(d, "verification", first.item) is NEW
    assert d.rollback is not None and details.seen_rollback(d) == d.rollback.row_version  # the decision opened it
    assert d.problems[-1].decision_due == d.problems[-1].detected_at + dt.timedelta(minutes=30)


def test_the_gui_reads_the_typed_model_not_its_json():
    """The GUI takes ``ReleaseDetail`` by attribute (the detail view, the handlers, the execution
    windows); the JSON form is the CLI's and the documents'. A GUI module calling show_json again
    would bring back the by-key reads and the ISO parse-backs."""
    gui = Path(rd.__file__).parents[1] / "gui"
    assert gui.is_dir() and any(gui.rglob("detail_view.py"))
    calling = sorted(p.relative_to(gui).as_posix() for p in gui.rglob("*.py") if "show_json" in p.read_text("utf-8"))
    assert calling == []
