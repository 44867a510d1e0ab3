"""How plan values look on screen: choices in the user's language, times in the company's
time zone (gui/zone.py, one time rule of issue 15),
tables as numbered lines. Display only; what is stored is decided by relgui.domain.plan."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QCoreApplication, QDateTime

from relgui.domain import lang as language
from relgui.domain import timeutil
from relgui.domain.plan import REF_SUFFIX
from relgui.domain.profile import Column, FieldSpec, PlanSection, TableSpec
from relgui.gui import zone

DISPLAY_FORMAT = "%Y-%m-%d %H:%M"
QT_FORMAT = "yyyy-MM-dd HH:mm"


def parse_time(value: Any) -> dt.datetime | None:
    """A stored ISO time, or one typed or pasted ('2026/11/27 22:00'), as the company's
    wall-clock time (aware, in the company's zone)."""
    tz = zone.tz()
    if isinstance(value, dt.datetime):
        return timeutil.as_utc(value).astimezone(tz) if value.tzinfo else value.replace(tzinfo=tz)
    text = str(value or "").strip().replace("/", "-")
    if not text:
        return None
    try:
        parsed = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    # A naive value is what someone typed: the company's wall-clock time, as the editors show it.
    return parsed.replace(tzinfo=tz) if parsed.tzinfo is None else parsed.astimezone(tz)


def editor_wall(value: QDateTime) -> dt.datetime:
    """A date-time editor's value as Python's (naive, the wall-clock time it shows):
    QDateTime.toPython() gives a datetime.datetime, which PySide6's stubs type as object."""
    wall = value.toPython()
    assert isinstance(wall, dt.datetime)
    return wall


def stored_time(wall: dt.datetime) -> str:
    """What a date-time editor holds (naive, the company's wall-clock time) as the plan keeps
    it until the domain normalises it: with its offset, so no computer reads it as its own."""
    return zone.instant(wall).isoformat(timespec="minutes")


def local_time(value: Any) -> str:
    parsed = parse_time(value)
    return parsed.strftime(DISPLAY_FORMAT) if parsed else str(value or "")


def choice_label(spec: Column | FieldSpec, value: Any, lang: str) -> str:
    if language.english(lang) and value in spec.choices and spec.choices_en:
        return spec.choices_en[spec.choices.index(value)]
    return str(value)


def cell_text(spec: Column | FieldSpec, value: Any, lang: str) -> str:
    if value is None or value == "":
        return ""
    kind = getattr(spec, "kind", "line")
    if kind == "datetime":
        return local_time(value)
    if spec.choices:
        return choice_label(spec, value, lang)
    return str(value)


def rows_text(table: TableSpec, rows: Any, lang: str) -> str:
    """A table as numbered lines, for comparisons and tooltips."""
    if not isinstance(rows, list) or not rows:
        return ""
    lines = []
    for i, row in enumerate(rows, 1):
        cells = [cell_text(c, (row or {}).get(c.key), lang) for c in table.columns]
        lines.append(f"{i}. " + " | ".join(cells))
    return "\n".join(lines)


def value_text(section: PlanSection | None, key: str, value: Any, lang: str) -> str:
    """Any stored value of ``section.key`` as text; unknown keys are shown plainly."""
    if section is not None:
        for f in section.fields:
            if f.key == key:
                return cell_text(f, value, lang)
        for t in section.tables:
            if t.key == key:
                return rows_text(t, value, lang)
    if value is None:
        return ""
    return str(value)


def strip_refs(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows without the resolved *_ref ids: the editor works on names, the service resolves."""
    return [{k: v for k, v in row.items() if not k.endswith(REF_SUFFIX)} for row in rows]


def required_mark(label: str, required: bool) -> str:
    return f"{label} *" if required else label


def empty_text() -> str:
    return QCoreApplication.translate("PlanWizard", "未填写")
