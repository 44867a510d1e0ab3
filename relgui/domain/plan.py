"""The 发布计划 as data: cleaning what is typed, finding gaps, freezing a revision.

Plan content is ``{section_key: {field_key: value, table_key: [row, ...]}}`` with the
sections, fields and tables declared by the policy profile (R-4.2.2-SECTIONS, R-3.2-PLAN).
A draft may be incomplete; a plan with gaps cannot be submitted.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from relgui.domain import text, timeutil
from relgui.domain.errors import InvalidInput, Refusal
from relgui.domain.profile import Column, FieldSpec, PlanSection, Profile, TableSpec

MAX_ROWS = 500
REF_SUFFIX = "_ref"


# Gaps that enforce a rule of their own rather than the section's: the downtime fits the window
# (R-3.2-PLAN: 时间安排); the baseline's "before" is the CMDB's current version, so the rollback
# target is right (R-1.3-COOP, R-1.3-RELIABLE).
PROBLEM_REQUIREMENTS = {"downtime_window": "R-3.2-PLAN", "stale_before": "R-1.3-COOP"}


@dataclass(frozen=True)
class Gap:
    """Something a plan still lacks. ``row`` is 1-based when the gap is inside a table row."""

    section: str
    key: str
    problem: str  # missing | min_rows | coverage | row_missing | order | ref_unknown | downtime_window | stale_before
    row: int = 0
    detail: str = ""

    def refusal(self, profile: Profile) -> Refusal:
        sec = profile.section(self.section)
        requirement = PROBLEM_REQUIREMENTS.get(self.problem) or (
            "R-1.3-RELIABLE" if sec.rollback_plan else sec.requirement)
        return Refusal(f"gap_{self.problem}", requirement, {
            "section": self.section, "key": self.key, "row": self.row, "detail": self.detail,
        })


def _value(spec: FieldSpec | Column, value: Any, where: str) -> Any:
    """Clean one value for its declared kind; empty stays empty (drafts may be partial)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return ""
    kind = getattr(spec, "kind", "line")
    if kind == "int":
        try:
            number = int(str(value).strip())
        except ValueError:
            raise InvalidInput.of(where, "not_a_number", value=str(value)[:40]) from None
        if spec.minimum is not None and number < spec.minimum:
            raise InvalidInput.of(where, "below_minimum", minimum=spec.minimum)
        if spec.maximum is not None and number > spec.maximum:
            raise InvalidInput.of(where, "above_maximum", maximum=spec.maximum)
        return number
    if kind == "datetime":
        return timeutil.iso(timeutil.parse(value, where))
    if kind == "text":
        return text.block(value, where, required=False)
    cleaned = text.line(value, where, required=False)
    if spec.choices and cleaned not in spec.choices:
        # A pasted English label is accepted and stored in the policy's own words.
        if cleaned in spec.choices_en:
            return spec.choices[spec.choices_en.index(cleaned)]
        raise InvalidInput.of(where, "not_a_choice", value=cleaned[:40], choices="/".join(spec.choices))
    return cleaned


def _table(spec: TableSpec, rows: Any, where: str) -> list[dict[str, Any]]:
    if rows in (None, ""):
        return []
    if not isinstance(rows, list):
        raise InvalidInput.of(where, "not_a_table")
    if len(rows) > MAX_ROWS:
        raise InvalidInput.of(where, "too_many_rows", limit=MAX_ROWS)
    columns = {c.key: c for c in spec.columns}
    refs = {c.key + REF_SUFFIX for c in spec.columns if c.ref}
    out = []
    for i, row in enumerate(rows, 1):
        if not isinstance(row, dict):
            raise InvalidInput.of(f"{where}[{i}]", "not_a_row")
        unknown = set(row) - set(columns) - refs
        if unknown:
            raise InvalidInput.of(f"{where}[{i}].{sorted(unknown)[0]}", "unknown_key")
        cleaned = {k: _value(c, row.get(k), f"{where}[{i}].{k}") for k, c in columns.items()}
        for ref in refs & set(row):
            if row[ref] not in (None, ""):
                if not isinstance(row[ref], int) or isinstance(row[ref], bool):
                    raise InvalidInput.of(f"{where}[{i}].{ref}", "not_a_number", value=str(row[ref])[:20])
                cleaned[ref] = row[ref]
        if any(v != "" for k, v in cleaned.items() if not k.endswith(REF_SUFFIX)):
            out.append(cleaned)  # a row left entirely blank is not a row
    return out


def clean_section(section: PlanSection, data: Any) -> dict[str, Any]:
    """What a user saved for one section, checked for shape and cleaned; gaps are allowed."""
    if not isinstance(data, dict):
        raise InvalidInput.of(section.key, "not_a_section")
    known = {f.key for f in section.fields} | {t.key for t in section.tables}
    unknown = set(data) - known
    if unknown:
        raise InvalidInput.of(f"{section.key}.{sorted(unknown)[0]}", "unknown_key")
    out: dict[str, Any] = {}
    for f in section.fields:
        out[f.key] = _value(f, data.get(f.key), f"{section.key}.{f.key}")
    for t in section.tables:
        out[t.key] = _table(t, data.get(t.key), f"{section.key}.{t.key}")
    return out


def clean_content(profile: Profile, content: Any) -> dict[str, dict[str, Any]]:
    if not isinstance(content, dict):
        raise InvalidInput.of("plan", "not_a_section")
    unknown = set(content) - {s.key for s in profile.plan_sections}
    if unknown:
        raise InvalidInput.of(sorted(unknown)[0], "unknown_section")
    return {s.key: clean_section(s, content.get(s.key, {})) for s in profile.plan_sections}


def section_gaps(section: PlanSection, data: dict[str, Any]) -> list[Gap]:
    if not section.required:
        return []
    gaps = [Gap(section.key, f.key, "missing") for f in section.fields
            if f.required and data.get(f.key, "") in ("", None)]
    for t in section.tables:
        rows = data.get(t.key) or []
        if len(rows) < t.min_rows:
            gaps.append(Gap(section.key, t.key, "min_rows", detail=str(t.min_rows)))
        for i, row in enumerate(rows, 1):
            missing = [c.key for c in t.columns if c.required and row.get(c.key, "") in ("", None)]
            if missing:
                gaps.append(Gap(section.key, t.key, "row_missing", row=i, detail=missing[0]))
        if t.must_cover:
            present = {row.get(t.must_cover.column) for row in rows}
            for value in t.must_cover.values:
                if value not in present:
                    gaps.append(Gap(section.key, t.key, "coverage", detail=value))
    gaps.extend(_window_gaps(section, data))
    return gaps


def _window_gaps(section: PlanSection, data: dict[str, Any]) -> list[Gap]:
    start, end = data.get("window_start"), data.get("window_end")
    if start and end and end <= start:
        return [Gap(section.key, "window_end", "order")]
    return []


def gaps(profile: Profile, content: dict[str, dict[str, Any]]) -> list[Gap]:
    """Every gap of the plan, in the profile's section order (R-4.2.2-SECTIONS)."""
    out: list[Gap] = []
    for section in profile.plan_sections:
        out.extend(section_gaps(section, content.get(section.key) or {}))
        if section.key == DOWNTIME[0]:
            out.extend(downtime_gaps(content))
    return out


# 预计停机时间 (影响范围) and the 发布窗口 (时间安排): the downtime fits in the window (R-3.2-PLAN).
DOWNTIME = ("scope", "downtime_minutes")


def window_minutes(content: dict[str, dict[str, Any]]) -> int | None:
    """The scheduled window's length in whole minutes, or None while it is not (validly) set."""
    start, end = window(content)
    if not (start and end):
        return None
    try:
        a, b = timeutil.parse(start, "window_start"), timeutil.parse(end, "window_end")
    except InvalidInput:
        return None
    return int((b - a).total_seconds() // 60) if b > a else None


def downtime_gaps(content: dict[str, dict[str, Any]]) -> list[Gap]:
    """R-3.2-PLAN: 预计停机时间 longer than the scheduled window is a gap (999 999 minutes for a
    3-hour window cannot be submitted)."""
    minutes = (content.get(DOWNTIME[0]) or {}).get(DOWNTIME[1])
    span = window_minutes(content)
    if isinstance(minutes, int) and not isinstance(minutes, bool) and span is not None and minutes > span:
        return [Gap(DOWNTIME[0], DOWNTIME[1], "downtime_window", detail=str(span))]
    return []


def window(content: dict[str, dict[str, Any]]) -> tuple[str | None, str | None]:
    """The planned release window as ISO texts, from the schedule section."""
    sched = content.get("schedule") or {}
    return sched.get("window_start") or None, sched.get("window_end") or None


def canonical(value: Any) -> bytes:
    """The one byte form of a value that is hashed and signed."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                      default=str).encode("utf-8")


def digest(value: Any) -> str:
    return hashlib.sha256(canonical(value)).hexdigest()


def empty_content(profile: Profile) -> dict[str, dict[str, Any]]:
    return clean_content(profile, {})
