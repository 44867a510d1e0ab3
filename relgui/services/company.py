"""Company-wide settings shared by every workstation (stored in the database), and freezes."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import zoneinfo
from dataclasses import dataclass

from sqlalchemy import select

from relgui.domain import numbering, text, timeutil
from relgui.domain.errors import InvalidInput, PolicyViolation, Refusal
from relgui.domain.states import Role
from relgui.policy import current_profile
from relgui.services.context import AppContext, Work, reading, unit_of_work
from relgui.store.models import CompanySettings, DocumentNumbering, FreezePeriod, NumberSequence


@dataclass(frozen=True)
class CompanyView:
    company_name: str
    department: str
    number_pattern: str
    timezone: str
    has_template: bool
    row_version: int
    doc_patterns: dict[str, str] = dataclasses.field(default_factory=lambda: dict(numbering.DEFAULT_DOC_PATTERNS))

    @property
    def tz(self) -> dt.tzinfo:
        return zone(self.timezone)


@dataclass(frozen=True)
class FreezeView:
    id: int
    start: dt.datetime
    end: dt.datetime
    reason: str


@functools.lru_cache(maxsize=1)
def _zone_names() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def known_zone(name: object) -> bool:
    """Whether ``name`` is an IANA time zone of the installed database. Checked by name
    before ZoneInfo opens a file by it: a long name, a folder ('Asia'), NUL or a path would
    otherwise reach the file system (OSError, ValueError)."""
    return isinstance(name, str) and name in _zone_names()


def zone(name: str) -> dt.tzinfo:
    """The company's time zone; China Standard Time when the stored name is not a zone."""
    if known_zone(name):
        return zoneinfo.ZoneInfo(name)
    return dt.timezone(dt.timedelta(hours=8), "UTC+8")


def _defaults() -> CompanySettings:
    p = current_profile()
    return CompanySettings(id=1, company_name=p.company, department=p.department,
                           number_pattern=numbering.DEFAULT_PATTERN, timezone="Asia/Shanghai")


def doc_patterns(s) -> dict[str, str]:
    """The 文件编号 pattern of each kind of document (R-DOC-FORM): the company's own where it set
    one, else numbering.DEFAULT_DOC_PATTERNS ({release}-JH, {release}-BG)."""
    out = dict(numbering.DEFAULT_DOC_PATTERNS)
    out.update({row.kind: row.pattern for row in s.execute(select(DocumentNumbering)).scalars()
                if row.kind in out})
    return out


def load(s) -> CompanySettings:
    """The settings row, or the defaults (from the policy profile) before first run saved any."""
    return s.get(CompanySettings, 1) or _defaults()


def _view(c: CompanySettings, patterns: dict[str, str] | None = None) -> CompanyView:
    return CompanyView(c.company_name, c.department, c.number_pattern, c.timezone or "Asia/Shanghai",
                       c.doc_template is not None, c.row_version or 0,
                       dict(patterns or numbering.DEFAULT_DOC_PATTERNS))


def get(ctx: AppContext) -> CompanyView:
    with reading(ctx) as s:
        return _view(load(s), doc_patterns(s))


def timezone(ctx: AppContext) -> str:
    """The company's time zone name alone (one statement: the register reads it with its first
    page; every time a user reads is shown in it)."""
    with reading(ctx) as s:
        name = s.execute(select(CompanySettings.timezone).where(CompanySettings.id == 1)).scalar()
    return name or _defaults().timezone or "Asia/Shanghai"


def next_sequence(ctx: AppContext) -> tuple[int, int]:
    """The year (the company's, now) and the sequence number the next release would take:
    what the settings dialog previews its numbers with. Read only, nothing reserved
    (releases.next_number allocates)."""
    with reading(ctx) as s:
        year = ctx.clock.now().astimezone(zone(load(s).timezone or "Asia/Shanghai")).year
        value = s.execute(select(NumberSequence.next_value).where(NumberSequence.scope == str(year))).scalar()
    return year, int(value or 1)


def is_configured(ctx: AppContext) -> bool:
    with reading(ctx) as s:
        return s.get(CompanySettings, 1) is not None


def _require_admin(ctx: AppContext) -> None:
    if ctx.actor.user_id is not None and not ctx.actor.has(Role.ADMIN):
        raise PolicyViolation(Refusal("wrong_role", params={"action": "settings", "roles": ("admin",)}))


def save(ctx: AppContext, *, company_name: str, department: str, number_pattern: str,
         timezone: str = "Asia/Shanghai", plan_number_pattern: str | None = None,
         report_number_pattern: str | None = None, expected_version: object) -> CompanyView:
    """The settings every workstation shares. ``expected_version`` is the version the user
    saw (CompanyView.row_version), or ``NEW`` on first run, when no settings exist yet.
    ``plan_number_pattern`` / ``report_number_pattern``: the documents' 文件编号 patterns
    (None keeps the current one), checked like the release number's and never alike."""
    name = text.line(company_name, "company_name", limit=200)
    dept = text.line(department, "department", limit=100)
    pattern = numbering.check_pattern(text.line(number_pattern, "number_pattern", limit=60))
    if not known_zone(timezone):
        raise InvalidInput.of("timezone", "unknown_choice", value=text.clean(str(timezone))[:60])
    asked = {k: numbering.typed_doc_pattern(v, k) for k, v in
             (("plan", plan_number_pattern), ("report", report_number_pattern)) if v is not None}
    with unit_of_work(ctx) as w:
        _require_admin(ctx)
        w.expect_version(w.s.get(CompanySettings, 1), expected_version, "company", 1)
        row, created = _row(w)
        old = {}
        if not created:
            old = {"company_name": row.company_name, "department": row.department,
                   "number_pattern": row.number_pattern, "timezone": row.timezone}
        new = {"company_name": name, "department": dept, "number_pattern": pattern, "timezone": timezone}
        for k, v in new.items():
            setattr(row, k, v)
        w.touch(row)
        row.updated_by_id = w.actor.user_id
        before = doc_patterns(w.s)
        after = numbering.check_doc_patterns(*({**before, **asked}[k] for k in ("plan", "report")))
        for kind, value in after.items():
            if value != before[kind]:
                stored = w.s.get(DocumentNumbering, kind)
                if stored is None:
                    w.s.add(DocumentNumbering(kind=kind, pattern=value, updated_at=w.now,
                                              updated_by_id=w.actor.user_id))
                else:
                    stored.pattern, stored.updated_at, stored.updated_by_id = value, w.now, w.actor.user_id
                old[f"{kind}_number_pattern"], new[f"{kind}_number_pattern"] = before[kind], value
        w.audit("company.save", "company", 1,
                changes={k: (old.get(k), v) for k, v in new.items() if old.get(k) != v})
        return _view(row, after)


def _row(w: Work) -> tuple[CompanySettings, bool]:
    """The settings row to change, created from the defaults on first use."""
    row = w.s.get(CompanySettings, 1)
    if row is not None:
        return row, False
    row = _defaults()
    row.updated_at = w.now
    w.s.add(row)
    return row, True


def set_template(ctx: AppContext, content: bytes | None, *, expected_version: object) -> None:
    """A company's own .docx template for generated documents (None: the bundled one)."""
    if content is not None and not (isinstance(content, bytes) and content.startswith(b"PK")):
        raise InvalidInput.of("template", "not_a_choice", value="?", choices=".docx")
    with unit_of_work(ctx) as w:
        _require_admin(ctx)
        w.expect_version(w.s.get(CompanySettings, 1), expected_version, "company", 1)
        row, _ = _row(w)
        row.doc_template = content
        w.touch(row)
        w.audit("company.template", "company", 1, size=len(content) if content else 0)


def template(ctx: AppContext) -> bytes | None:
    with reading(ctx) as s:
        row = s.get(CompanySettings, 1)
        return row.doc_template if row else None


def add_freeze(ctx: AppContext, start: object, end: object, reason: str) -> FreezeView:
    """A freeze period (appended, never edited: it overwrites nothing, so it carries no version)."""
    a, b = timeutil.parse(start, "start"), timeutil.parse(end, "end")
    if b <= a:
        raise InvalidInput.of("end", "end_before_start")
    why = text.line(reason, "reason", limit=500)
    with unit_of_work(ctx) as w:
        _require_admin(ctx)
        row = FreezePeriod(start=a, end=b, reason=why, created_by_id=w.actor.user_id)
        w.s.add(row)
        w.s.flush()
        w.audit("freeze.add", "freeze", row.id, changes={"start": (None, a), "end": (None, b),
                                                          "reason": (None, why)})
        return FreezeView(row.id, a, b, why)


def freezes(ctx: AppContext) -> list[FreezeView]:
    with reading(ctx) as s:
        return [FreezeView(f.id, f.start, f.end, f.reason)
                for f in s.execute(select(FreezePeriod).order_by(FreezePeriod.start)).scalars()]


def local_year(w: Work) -> int:
    return w.now.astimezone(zone(load(w.s).timezone or "Asia/Shanghai")).year
