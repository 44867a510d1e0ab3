"""Configuration items (CMDB lite, R-1.3-COOP) and the 最终软件库 (R-3.3-DSL)."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from sqlalchemy import or_, select

from relgui.domain import text
from relgui.domain.errors import InvalidInput, NotFound, PolicyViolation, Refusal
from relgui.domain.states import Role
from relgui.services.context import AppContext, reading, unit_of_work
from relgui.store.engine import refuse_live_database_file
from relgui.store.models import ConfigItem, ConfigItemHistory, Release, SoftwareVersion

_SHA = re.compile(r"^[0-9a-f]{64}$")
CI_WIDTHS = {"ci_type": 60, "environment": 60, "current_version": 100, "owner": 100}  # the columns' widths


@dataclass(frozen=True)
class ConfigItemView:
    id: int
    name: str
    ci_type: str
    environment: str
    artifact: str
    current_version: str
    owner: str
    row_version: int


@dataclass(frozen=True)
class SoftwareView:
    id: int
    artifact: str
    version: str
    sha256: str
    size: int | None
    location: str
    status: str
    approved_at: dt.datetime | None
    row_version: int


def _ci(c: ConfigItem) -> ConfigItemView:
    return ConfigItemView(c.id, c.name, c.ci_type, c.environment, c.artifact, c.current_version, c.owner,
                          c.row_version)


def _sv(v: SoftwareVersion) -> SoftwareView:
    return SoftwareView(v.id, v.artifact, v.version, v.sha256, v.size, v.location, v.status, v.approved_at,
                        v.row_version)


def _require(ctx: AppContext, *roles: str) -> None:
    if ctx.actor.user_id is not None and not any(ctx.actor.has(r) for r in roles):
        raise PolicyViolation(Refusal("wrong_role", params={"action": "inventory", "roles": roles}))


def add_config_item(ctx: AppContext, name: str, *, ci_type: str = "", environment: str = "",
                    artifact: str = "", current_version: str = "", owner: str = "",
                    description: str = "") -> ConfigItemView:
    """A new configuration item; its name is its own "saw nothing yet" (a duplicate is refused)."""
    name = text.line(name, "name", limit=200)
    fields = {k: text.line(v, k, required=False, limit=CI_WIDTHS.get(k, 200)) for k, v in {
        "ci_type": ci_type, "environment": environment, "artifact": artifact,
        "current_version": current_version, "owner": owner}.items()}
    with unit_of_work(ctx) as w:
        _require(ctx, Role.ENGINEER, Role.MANAGER)
        if w.s.execute(select(ConfigItem.id).where(ConfigItem.name == name)).first():
            raise InvalidInput.of("name", "duplicate", value=name)
        ci = ConfigItem(name=name, description=text.block(description, "description"), created_at=w.now, **fields)
        w.s.add(ci)
        w.s.flush()
        if ci.current_version:
            w.s.add(ConfigItemHistory(ci_id=ci.id, at=w.now, old_version="", new_version=ci.current_version,
                                      changed_by_id=w.actor.user_id, note="登记"))
        w.audit("ci.add", "config_item", name, changes={k: (None, v) for k, v in fields.items() if v})
        return _ci(ci)


MAX_ROWS = 5000


def config_items(ctx: AppContext, query: str = "", limit: int = 500) -> list[ConfigItemView]:
    """Configuration items whose name or artifact contains ``query`` (``%`` and ``_`` literally)."""
    query = text.search(query)
    limit = text.clamp(limit, "limit", 1, MAX_ROWS)
    with reading(ctx) as s:
        stmt = select(ConfigItem).order_by(ConfigItem.name).limit(limit)
        if query:
            like = text.contains(query)
            stmt = stmt.where(or_(ConfigItem.name.ilike(*like), ConfigItem.artifact.ilike(*like)))
        return [_ci(c) for c in s.execute(stmt).scalars()]


class VersionChange(NamedTuple):
    """One line of a configuration item's history: which release changed it, when, how."""

    at: dt.datetime
    old_version: str
    new_version: str
    release_id: int | None
    release_number: str  # "" when not changed by a release (created, or edited in the register)


def history(ctx: AppContext, name: str) -> list[VersionChange]:
    name = text.key(name, "name")
    with reading(ctx) as s:
        ci = s.execute(select(ConfigItem).where(ConfigItem.name == name)).scalar_one_or_none()
        if ci is None:
            raise NotFound.of("config_item", name)
        rows = s.execute(select(ConfigItemHistory.at, ConfigItemHistory.old_version, ConfigItemHistory.new_version,
                                ConfigItemHistory.release_id, Release.number)
                         .outerjoin(Release, Release.id == ConfigItemHistory.release_id)
                         .where(ConfigItemHistory.ci_id == ci.id)
                         .order_by(ConfigItemHistory.at, ConfigItemHistory.id)).all()
        return [VersionChange(at, old, new, rid, number or "") for at, old, new, rid, number in rows]


def sha256_of(path: str | Path) -> tuple[str, int]:
    """SHA-256 and size of a software package. The database relgui has open is refused in words
    before it is opened: reading it here would drop SQLite's locks (engine.LiveDatabaseFile)."""
    refuse_live_database_file(path)
    digest, size = hashlib.sha256(), 0
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def register_version(ctx: AppContext, artifact: str, version: str, *, sha256: str, location: str,
                     size: int | None = None, note: str = "", approve: bool = False) -> SoftwareView:
    """Record a software version in the 最终软件库; approving it needs a manager (R-3.3-DSL)."""
    artifact = text.line(artifact, "artifact", limit=200)
    version = text.line(version, "version", limit=100)
    sha = text.line(sha256, "sha256", limit=64).lower()
    if not _SHA.match(sha):
        raise InvalidInput(Refusal("bad_sha256", "R-3.3-DSL"))
    location = text.line(location, "location")
    with unit_of_work(ctx) as w:
        _require(ctx, Role.ENGINEER, Role.MANAGER)
        if approve:
            _require(ctx, Role.MANAGER)
        exists = w.s.execute(select(SoftwareVersion.id).where(
            SoftwareVersion.artifact == artifact, SoftwareVersion.version == version)).first()
        if exists:
            raise InvalidInput.of("version", "duplicate", value=f"{artifact} {version}")
        sv = SoftwareVersion(artifact=artifact, version=version, sha256=sha, size=size, location=location,
                             status="approved" if approve else "pending",
                             approved_by_id=w.actor.user_id if approve else None,
                             approved_at=w.now if approve else None, note=text.block(note, "note"),
                             created_at=w.now, created_by_id=w.actor.user_id)
        w.s.add(sv)
        w.s.flush()
        w.audit("dsl.register", "software_version", f"{artifact} {version}",
                changes={"sha256": (None, sha), "status": (None, sv.status), "location": (None, location)})
        return _sv(sv)


def approve_version(ctx: AppContext, artifact: str, version: str, *, expected_version: object) -> SoftwareView:
    artifact, version = text.key(artifact, "artifact"), text.key(version, "version")
    with unit_of_work(ctx) as w:
        _require(ctx, Role.MANAGER)
        sv = w.s.execute(select(SoftwareVersion).where(
            SoftwareVersion.artifact == artifact, SoftwareVersion.version == version)).scalar_one_or_none()
        if sv is None:
            raise NotFound.of("software_version", f"{artifact} {version}")
        w.expect_version(sv, expected_version, "software_version", f"{artifact} {version}")
        old = sv.status
        sv.status, sv.approved_by_id, sv.approved_at = "approved", w.actor.user_id, w.now
        w.audit("dsl.approve", "software_version", f"{artifact} {version}", changes={"status": (old, "approved")})
        return _sv(sv)


def approve_versions(ctx: AppContext, chosen: list[tuple[str, str, object]]) -> list[SoftwareView]:
    """Approve every version chosen — ``(artifact, version, expected_version)`` each, as the
    user saw them — in one unit of work: all are approved or none (a conflict or a missing
    version on one leaves every other as it was). R-3.3-DSL: only approved versions are the
    正本 a plan may deploy."""
    if not isinstance(chosen, (list, tuple)):
        raise InvalidInput.of("versions", "not_a_list", type=type(chosen).__name__[:40])
    wanted = [(text.key(a, "artifact"), text.key(v, "version"), seen) for a, v, seen in chosen]
    with unit_of_work(ctx) as w:
        _require(ctx, Role.MANAGER)
        out = []
        for artifact, version, seen in dict.fromkeys(wanted):
            sv = w.s.execute(select(SoftwareVersion).where(
                SoftwareVersion.artifact == artifact, SoftwareVersion.version == version)).scalar_one_or_none()
            if sv is None:
                raise NotFound.of("software_version", f"{artifact} {version}")
            w.expect_version(sv, seen, "software_version", f"{artifact} {version}")
            if sv.status == "approved":
                out.append(_sv(sv))  # already approved: its approval stays as it was
                continue
            old = sv.status
            sv.status, sv.approved_by_id, sv.approved_at = "approved", w.actor.user_id, w.now
            w.audit("dsl.approve", "software_version", f"{artifact} {version}", changes={"status": (old, "approved")})
            out.append(_sv(sv))
        return out


def versions(ctx: AppContext, artifact: str | None = None, approved_only: bool = False,
             limit: int = 500) -> list[SoftwareView]:
    artifact = text.key(artifact, "artifact")
    approved_only = text.flag(approved_only, "approved_only")
    limit = text.clamp(limit, "limit", 1, MAX_ROWS)
    with reading(ctx) as s:
        stmt = select(SoftwareVersion).order_by(SoftwareVersion.artifact, SoftwareVersion.created_at.desc()).limit(limit)
        if artifact:
            stmt = stmt.where(SoftwareVersion.artifact == artifact)
        if approved_only:
            stmt = stmt.where(SoftwareVersion.status == "approved")
        return [_sv(v) for v in s.execute(stmt).scalars()]
