"""The domain's refusals and gaps in words the wizard's user recognises: a field path like
``risks.risks[2].likelihood`` becomes "风险清单 · 第 2 行 · 可能性(1-5)". Rendering only;
the codes and their texts stay in relgui.domain.messages."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from PySide6.QtCore import QCoreApplication

from relgui.domain.errors import Refusal, RelguiError
from relgui.domain.messages import CATALOG, render
from relgui.domain.plan import Gap
from relgui.domain.profile import PlanSection, Profile, TableSpec

_PATH = re.compile(r"^(?P<section>\w+)\.(?P<key>\w+)(?:\[(?P<row>\d+)\])?(?:\.(?P<column>\w+))?$")


@dataclass(frozen=True)
class Located:
    """A refusal placed on the form: which table and cell (0-based), if any."""

    text: str
    table: str = ""
    cell: tuple[int, int] | None = None


def locate(section: PlanSection, refusal: Refusal, lang: str, profile: Profile) -> Located:
    match = _PATH.match(str(refusal.params.get("field", "")))
    if not match or match["section"] != section.key:
        return Located(render(refusal, lang, profile))
    key, row, column = match["key"], match["row"], match["column"]
    table = next((t for t in section.tables if t.key == key), None)
    if table is None:
        spec = next((f for f in section.fields if f.key == key), None)
        label = spec.label(lang) if spec else key
        return Located(render(replace(refusal, params={**refusal.params, "field": label}), lang, profile))
    keys = [c.key for c in table.columns]
    col_label = table.column(column).label(lang) if column in keys else (column or "")
    if row is None:
        label = table.label(lang)
    else:
        label = QCoreApplication.translate("PlanTexts", "{table} · 第 {row} 行 · {column}").format(
            table=table.label(lang), row=row, column=col_label)
    text = render(replace(refusal, params={**refusal.params, "field": label}), lang, profile)
    cell = (int(row) - 1, keys.index(column)) if row is not None and column in keys else None
    return Located(text, table.key, cell)


def locate_error(section: PlanSection, exc: RelguiError, lang: str, profile: Profile) -> list[Located]:
    return [locate(section, r, lang, profile) for r in exc.refusals]


def gap_text(gap: Gap, lang: str, profile: Profile) -> str:
    refusal = gap.refusal(profile)
    # A reference gap's detail is itself a message code (dsl_unknown …): say it in words.
    if gap.problem == "ref_unknown" and gap.detail in CATALOG:
        refusal = replace(refusal, params={**refusal.params, "detail": render(Refusal(gap.detail), lang, profile)})
    return render(refusal, lang, profile)


def gap_cell(table: TableSpec, gap: Gap) -> tuple[int, int] | None:
    """The cell (0-based) a table gap points at: the missing column, or the reference."""
    keys = [c.key for c in table.columns]
    if gap.key != table.key or gap.row < 1:
        return None
    if gap.problem == "row_missing" and gap.detail in keys:
        return gap.row - 1, keys.index(gap.detail)
    if gap.problem == "ref_unknown":
        ref = "config_item" if gap.detail == "ci_unknown" else "software_version"
        col = next((i for i, c in enumerate(table.columns) if c.ref == ref), None)
        return None if col is None else (gap.row - 1, col)
    return None
