"""Load and check policy profiles (resources/policy/*.toml).

A malformed profile fails here, at load, with a PolicyError naming the key; the rest of
the program may then trust every cross-reference (roles, stages, statuses, actions).
"""

from __future__ import annotations

import functools
import importlib.resources
import tomllib

from relgui.domain.profile import (
    Checklist,
    ChecklistItem,
    Column,
    Coverage,
    Deadlines,
    FieldSpec,
    KpiSpec,
    Named,
    PlanPage,
    PlanSection,
    Profile,
    ReleaseType,
    Stage,
    TableSpec,
    Trigger,
    provide_in_force,
)
from relgui.domain.profile import Role as RoleSpec
from relgui.domain.profile import Status as StatusSpec
from relgui.domain.states import APPROVER, CHECKLISTS, Action, Outcome, Role, Status
from relgui.policy.reader import PolicyError, Reader

FIELD_KINDS = {"text", "line", "int", "datetime", "choice"}
COLUMN_KINDS = {"line", "int", "datetime"}
REFS = {"", "config_item", "software_version"}


def load_text(text: str, source: str = "<profile>") -> Profile:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PolicyError(source, "<syntax>", str(exc)) from None
    return _build(Reader(data, "", source), source)


def _named(r: Reader, key: str | None = None) -> dict:
    return {"key": key or r.str("key"), "name": r.str("name"), "name_en": r.str("name_en")}


def _build(root: Reader, source: str) -> Profile:
    head = root.table("profile")
    roles = _roles(root)
    types = _types(root, roles)
    approval = root.table("approval")
    four_eyes = approval.bool("four_eyes", True)
    approval.done()
    stages = _stages(root, roles)
    statuses = _statuses(root, {s.key for s in stages})
    outcomes = _outcomes(root)
    actions = _actions(root, roles)
    pages, sections = _plan(root)
    checklists = _checklists(root)
    triggers = _triggers(root, sections)
    deadlines = _deadlines(root)
    kpi = _kpi(root)
    profile = Profile(
        id=head.str("id"),
        version=head.str("version"),
        title=head.str("title"),
        title_en=head.str("title_en"),
        company=head.str("company"),
        department=head.str("department"),
        approved_by=head.str("approved_by"),
        effective=head.date("effective"),
        roles=roles,
        release_types=types,
        four_eyes=four_eyes,
        stages=stages,
        statuses=statuses,
        outcomes=outcomes,
        actions=actions,
        plan_pages=pages,
        plan_sections=sections,
        checklists=checklists,
        triggers=triggers,
        deadlines=deadlines,
        kpi=kpi,
        source=source,
    )
    head.done()
    root.done()
    return profile


def _roles(root: Reader) -> dict[str, RoleSpec]:
    out = {}
    for key, r in root.mapping("roles").items():
        if key not in set(Role):
            raise r.fail("", f"unknown role {key!r}; known: {', '.join(Role)}")
        out[key] = RoleSpec(**_named(r, key), duties=r.str("duties", ""))
        r.done()
    missing = set(Role) - set(out)
    if missing:
        raise PolicyError(root._source, "roles", f"missing role(s): {', '.join(sorted(missing))}")
    return out


def _types(root: Reader, roles: dict) -> dict[str, ReleaseType]:
    out = {}
    for r in root.tables("release_types"):
        t = ReleaseType(
            **_named(r),
            definition=r.str("definition"),
            definition_en=r.str("definition_en"),
            approver_role=r.str("approver_role"),
            color=r.str("color", "#607d8b"),
        )
        if t.approver_role not in roles:
            raise r.fail("approver_role", f"unknown role {t.approver_role!r}")
        if t.key in out:
            raise r.fail("key", f"duplicate release type {t.key!r}")
        r.done()
        out[t.key] = t
    if not out:
        raise PolicyError(root._source, "release_types", "at least one release type is needed")
    return out


def _stages(root: Reader, roles: dict) -> tuple[Stage, ...]:
    out = []
    for r in root.tables("stages"):
        s = Stage(**_named(r), responsible=r.str("responsible"), activity=r.str("activity", ""))
        if s.responsible not in roles:
            raise r.fail("responsible", f"unknown role {s.responsible!r}")
        r.done()
        out.append(s)
    return tuple(out)


def _statuses(root: Reader, stage_keys: set[str]) -> dict[str, StatusSpec]:
    out = {}
    for key, r in root.mapping("statuses").items():
        if key not in set(Status):
            raise r.fail("", f"unknown status {key!r}")
        stage = r.str("stage", "")
        if stage and stage not in stage_keys:
            raise r.fail("stage", f"unknown stage {stage!r}")
        out[key] = StatusSpec(**_named(r, key), stage=stage)
        r.done()
    missing = set(Status) - set(out)
    if missing:
        raise PolicyError(root._source, "statuses", f"missing status(es): {', '.join(sorted(missing))}")
    return out


def _outcomes(root: Reader) -> dict[str, Named]:
    out = {}
    for key, r in root.mapping("outcomes").items():
        if key not in set(Outcome):
            raise r.fail("", f"unknown outcome {key!r}")
        out[key] = Named(**_named(r, key))
        r.done()
    return out


# edit_request (issue 15: editing a 发布请求 before acceptance) is done by whoever may submit one.
ACTION_DEFAULTS = {"edit_request": "submit_request"}


def _actions(root: Reader, roles: dict) -> dict[str, tuple[str, ...]]:
    r = root.table("actions")
    out: dict[str, tuple[str, ...]] = {}
    for action in Action:
        # An action added after a profile was written takes the roles of the action it refines
        # (a profile is never edited; a later one may name it): ACTION_DEFAULTS.
        default = ACTION_DEFAULTS.get(action.value)
        allowed = r.str_list(action.value, list(out[default]) if default in out else None)
        for role in allowed:
            if role != APPROVER and role not in roles:
                raise r.fail(action.value, f"unknown role {role!r}")
        out[action.value] = allowed
    r.done()
    return out


def _plan(root: Reader) -> tuple[tuple[PlanPage, ...], tuple[PlanSection, ...]]:
    plan = root.table("plan")
    pages = []
    for r in plan.tables("pages"):
        pages.append(PlanPage(**_named(r)))
        r.done()
    page_keys = {p.key for p in pages}
    sections = []
    for r in plan.tables("sections"):
        page = r.str("page")
        if page not in page_keys:
            raise r.fail("page", f"unknown page {page!r}")
        sec = PlanSection(
            **_named(r),
            page=page,
            requirement=r.str("requirement"),
            required=r.bool("required", True),
            hint=r.str("hint", ""),
            hint_en=r.str("hint_en", ""),
            rollback_plan=r.bool("rollback_plan", False),
            fields=tuple(_field(f) for f in r.tables("fields", required=False)),
            tables=tuple(_table(t) for t in r.tables("tables", required=False)),
        )
        if not sec.fields and not sec.tables:
            raise r.fail("fields", "a section needs fields or tables")
        r.done()
        sections.append(sec)
    keys = [s.key for s in sections]
    dup = {k for k in keys if keys.count(k) > 1}
    if dup:
        raise plan.fail("sections", f"duplicate section key {sorted(dup)[0]!r}")
    if not any(s.rollback_plan and s.required for s in sections):
        raise plan.fail("sections", "one required section must be the rollback plan (policy 1.3)")
    plan.done()
    return tuple(pages), tuple(sections)


def _choices(r: Reader) -> dict:
    choices = r.str_list("choices", [])
    choices_en = r.str_list("choices_en", list(choices))
    if len(choices_en) != len(choices):
        raise r.fail("choices_en", "must have as many entries as choices")
    return {"choices": choices, "choices_en": choices_en}


def _field(r: Reader) -> FieldSpec:
    kind = r.str("kind")
    if kind not in FIELD_KINDS:
        raise r.fail("kind", f"unknown kind {kind!r}; known: {', '.join(sorted(FIELD_KINDS))}")
    f = FieldSpec(
        key=r.str("key"), name=r.str("label"), name_en=r.str("label_en"), kind=kind,
        required=r.bool("required", False), **_choices(r),
        minimum=r.opt_int("min"), maximum=r.opt_int("max"),
    )
    if kind == "choice" and not f.choices:
        raise r.fail("choices", "a choice field needs choices")
    r.done()
    return f


def _table(r: Reader) -> TableSpec:
    columns = []
    for c in r.tables("columns"):
        kind = c.str("kind", "line")
        if kind not in COLUMN_KINDS:
            raise c.fail("kind", f"unknown kind {kind!r}")
        ref = c.str("ref", "")
        if ref not in REFS:
            raise c.fail("ref", f"unknown reference {ref!r}")
        columns.append(Column(
            key=c.str("key"), name=c.str("label"), name_en=c.str("label_en"),
            required=c.bool("required", False), kind=kind, **_choices(c),
            minimum=c.opt_int("min"), maximum=c.opt_int("max"), ref=ref,
        ))
        c.done()
    cover = None
    cov = r.table("must_cover", required=False)
    if cov is not None:
        cover = Coverage(column=cov.str("column"), values=cov.str_list("values"))
        if cover.column not in {c.key for c in columns}:
            raise cov.fail("column", f"unknown column {cover.column!r}")
        cov.done()
    t = TableSpec(
        key=r.str("key"), name=r.str("label"), name_en=r.str("label_en"),
        columns=tuple(columns), min_rows=r.int("min_rows", 0, minimum=0), must_cover=cover,
    )
    r.done()
    return t


def _checklists(root: Reader) -> dict[str, Checklist]:
    out = {}
    for key, r in root.mapping("checklists").items():
        if key not in CHECKLISTS:
            raise r.fail("", f"unknown checklist {key!r}")
        items = []
        for it in r.tables("items"):
            items.append(ChecklistItem(
                **_named(it), description=it.str("description", ""),
                confirmation=it.bool("confirmation", False), allow_na=it.bool("allow_na", True),
            ))
            it.done()
        if not items:
            raise r.fail("items", "a checklist needs items")
        out[key] = Checklist(key=key, name=r.str("name"), name_en=r.str("name_en"),
                             requirement=r.str("requirement"), items=tuple(items))
        r.done()
    missing = set(CHECKLISTS) - set(out)
    if missing:
        raise PolicyError(root._source, "checklists", f"missing checklist(s): {', '.join(sorted(missing))}")
    return out


def _triggers(root: Reader, sections: tuple[PlanSection, ...]) -> tuple[Trigger, ...]:
    out = []
    known = {f"{s.key}.{f.key}" for s in sections for f in s.fields}
    for r in root.tables("rollback_triggers"):
        t = Trigger(**_named(r), threshold_from=r.str("threshold_from", ""))
        if t.threshold_from and t.threshold_from not in known:
            raise r.fail("threshold_from", f"no plan field {t.threshold_from!r}")
        r.done()
        out.append(t)
    if not out:
        raise PolicyError(root._source, "rollback_triggers", "at least one trigger is needed")
    return tuple(out)


def _deadlines(root: Reader) -> Deadlines:
    r = root.table("deadlines")
    d = Deadlines(
        cmdb_update_hours=r.int("cmdb_update_hours", minimum=1),
        cmdb_warn_before_hours=r.int("cmdb_warn_before_hours", minimum=0),
        rollback_decision_minutes=r.int("rollback_decision_minutes", minimum=1),
        rollback_warn_before_minutes=r.int("rollback_warn_before_minutes", minimum=0),
    )
    r.done()
    return d


def _kpi(root: Reader) -> KpiSpec:
    r = root.table("kpi")
    k = KpiSpec(
        name=r.str("name"), name_en=r.str("name_en"), formula=r.str("formula"),
        period=r.str("period"), target=r.fraction("target"), date_field=r.str("date_field"),
        success_outcomes=r.str_list("success_outcomes"),
        counted_outcomes=r.str_list("counted_outcomes"),
        excluded_statuses=r.str_list("excluded_statuses", []),
    )
    if k.period != "quarter":
        raise r.fail("period", "only 'quarter' is supported")
    if k.date_field != "closed_at":
        raise r.fail("date_field", "only 'closed_at' is supported")
    for key, values in (("success_outcomes", k.success_outcomes), ("counted_outcomes", k.counted_outcomes)):
        bad = [v for v in values if v not in set(Outcome)]
        if bad:
            raise r.fail(key, f"unknown outcome {bad[0]!r}")
    if not set(k.success_outcomes) <= set(k.counted_outcomes):
        raise r.fail("success_outcomes", "must be a subset of counted_outcomes")
    bad = [s for s in k.excluded_statuses if s not in set(Status)]
    if bad:
        raise r.fail("excluded_statuses", f"unknown status {bad[0]!r}")
    r.done()
    return k


@functools.cache
def bundled_profiles() -> dict[str, Profile]:
    """Every profile shipped in relgui.resources/policy, keyed by ``id@version``."""
    folder = importlib.resources.files("relgui.resources").joinpath("policy")
    out = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".toml"):
            profile = load_text(entry.read_text(encoding="utf-8"), entry.name)
            out[profile.ref] = profile
    return out


@functools.cache
def current_profile() -> Profile:
    """The profile new releases run under: the newest version of the newest policy. Computed once
    (the bundled profiles are fixed for the process; the register's cells ask for it on every
    paint: 10 000 times per five filter changes)."""
    profiles = bundled_profiles()
    return max(profiles.values(), key=lambda p: (p.effective, _version_key(p.version)))


# The domain asks for the profile in force through this hook (it never imports relgui.policy).
provide_in_force(current_profile)


def profile_for(ref: str) -> Profile:
    """The profile a stored release runs under; refuses an unknown one loudly."""
    try:
        return bundled_profiles()[ref]
    except KeyError:
        raise PolicyError(ref, "profile", "this policy profile is not installed") from None


def _version_key(version: str) -> tuple:
    return tuple(int(p) if p.isdigit() else p for p in version.split("."))
