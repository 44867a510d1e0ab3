"""The policy profile as immutable data: what the domain's rules are judged against.

The domain is the bottom layer: it defines the profile's types here and never imports
``relgui.policy``, which sits on top of it and builds a ``Profile`` from
resources/policy/*.toml (``relgui.policy.loader``, the only place that constructs one).

Most code is handed the profile it needs (the release's own, ``policy.profile_for``). The
few domain functions that may be called without one — the message catalogue naming a role,
status or checklist of a refusal rendered with ``profile=None`` — ask :func:`in_force`,
which the policy package provides at its import (:func:`provide_in_force`), so the import
points from policy to domain only (issue 17; tests/test_layering.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from relgui.domain import lang as language


@dataclass(frozen=True)
class Named:
    key: str
    name: str
    name_en: str

    def label(self, lang: str = "zh_CN") -> str:
        return language.either(self.name, self.name_en, lang)


@dataclass(frozen=True)
class Role(Named):
    duties: str = ""


@dataclass(frozen=True)
class ReleaseType(Named):
    definition: str = ""
    definition_en: str = ""
    approver_role: str = ""
    color: str = "#607d8b"

    def definition_text(self, lang: str = "zh_CN") -> str:
        return language.either(self.definition, self.definition_en, lang)


@dataclass(frozen=True)
class Stage(Named):
    responsible: str = ""
    activity: str = ""


@dataclass(frozen=True)
class Status(Named):
    stage: str = ""


@dataclass(frozen=True)
class Column(Named):
    required: bool = False
    kind: str = "line"
    choices: tuple[str, ...] = ()
    choices_en: tuple[str, ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    ref: str = ""


@dataclass(frozen=True)
class FieldSpec(Named):
    kind: str = "line"
    required: bool = False
    choices: tuple[str, ...] = ()
    choices_en: tuple[str, ...] = ()
    minimum: int | None = None
    maximum: int | None = None


@dataclass(frozen=True)
class Coverage:
    column: str
    values: tuple[str, ...]


@dataclass(frozen=True)
class TableSpec(Named):
    columns: tuple[Column, ...] = ()
    min_rows: int = 0
    must_cover: Coverage | None = None

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)


@dataclass(frozen=True)
class PlanPage(Named):
    pass


@dataclass(frozen=True)
class PlanSection(Named):
    page: str = ""
    requirement: str = ""
    required: bool = True
    hint: str = ""
    hint_en: str = ""
    rollback_plan: bool = False
    fields: tuple[FieldSpec, ...] = ()
    tables: tuple[TableSpec, ...] = ()


    def hint_text(self, lang: str = "zh_CN") -> str:
        return language.either(self.hint, self.hint_en, lang)


@dataclass(frozen=True)
class ChecklistItem(Named):
    description: str = ""
    confirmation: bool = False
    allow_na: bool = True


@dataclass(frozen=True)
class Checklist(Named):
    requirement: str = ""
    items: tuple[ChecklistItem, ...] = ()

    def item(self, key: str) -> ChecklistItem:
        for it in self.items:
            if it.key == key:
                return it
        raise KeyError(key)


@dataclass(frozen=True)
class Trigger(Named):
    threshold_from: str = ""


@dataclass(frozen=True)
class Deadlines:
    cmdb_update_hours: int
    cmdb_warn_before_hours: int
    rollback_decision_minutes: int
    rollback_warn_before_minutes: int

    @property
    def cmdb_update(self) -> dt.timedelta:
        return dt.timedelta(hours=self.cmdb_update_hours)

    @property
    def cmdb_warn(self) -> dt.timedelta:
        return dt.timedelta(hours=self.cmdb_warn_before_hours)

    @property
    def rollback_decision(self) -> dt.timedelta:
        return dt.timedelta(minutes=self.rollback_decision_minutes)

    @property
    def rollback_warn(self) -> dt.timedelta:
        return dt.timedelta(minutes=self.rollback_warn_before_minutes)


@dataclass(frozen=True)
class KpiSpec:
    name: str
    name_en: str
    formula: str
    period: str
    target: float
    date_field: str
    success_outcomes: tuple[str, ...]
    counted_outcomes: tuple[str, ...]
    excluded_statuses: tuple[str, ...]


@dataclass(frozen=True)
class Profile:
    id: str
    version: str
    title: str
    title_en: str
    company: str
    department: str
    approved_by: str
    effective: dt.date
    roles: dict[str, Role]
    release_types: dict[str, ReleaseType]
    four_eyes: bool
    stages: tuple[Stage, ...]
    statuses: dict[str, Status]
    outcomes: dict[str, Named]
    actions: dict[str, tuple[str, ...]]
    plan_pages: tuple[PlanPage, ...]
    plan_sections: tuple[PlanSection, ...]
    checklists: dict[str, Checklist]
    triggers: tuple[Trigger, ...]
    deadlines: Deadlines
    kpi: KpiSpec
    source: str = field(default="", compare=False)

    @property
    def ref(self) -> str:
        """What a release stores: the profile it runs under."""
        return f"{self.id}@{self.version}"

    def label(self, lang: str = "zh_CN") -> str:
        """The policy as its documents name it under 制度依据 — 发布管理制度 XDYJ-06-01 V1.0, its
        English title in English — never the stored key (``ref``)."""
        return f"{language.either(self.title, self.title_en, lang)} {self.id} V{self.version}"

    def section(self, key: str) -> PlanSection:
        for s in self.plan_sections:
            if s.key == key:
                return s
        raise KeyError(key)

    def stage_of(self, status: str) -> str:
        return self.statuses[status].stage

    def stage_index(self, status: str) -> int:
        stage = self.stage_of(status)
        keys = [s.key for s in self.stages]
        return keys.index(stage) if stage in keys else -1


_in_force: Callable[[], Profile] | None = None


def provide_in_force(source: Callable[[], Profile]) -> None:
    """Register where the profile in force comes from (``relgui.policy`` passes its
    ``current_profile`` when it is imported). The last registration wins."""
    global _in_force
    _in_force = source


def in_force() -> Profile:
    """The profile new releases run under, for a caller that holds no release's profile.
    Raises RuntimeError (a programming error, not a user's) when nothing has provided it:
    every entry point (the GUI, relgui-admin, the services) imports ``relgui.policy``."""
    if _in_force is None:
        raise RuntimeError("no policy profile in force: import relgui.policy before rendering "
                           "a message that names roles, statuses or checklists without a profile")
    return _in_force()
