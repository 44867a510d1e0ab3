"""After the release: CMDB update within 24 h (R-4.2.2-CMDB, R-4.4.2-CMDB24H), lessons learned
(R-4.4.2-KNOWLEDGE) and the manager's signed closure (R-4.2.2-CLOSE)."""

from __future__ import annotations

from sqlalchemy import select

from relgui.domain import lifecycle, text
from relgui.domain.closure import closure_digest
from relgui.domain.errors import InvalidInput, NotFound, PolicyViolation, Refusal
from relgui.domain.states import Action, Role
from relgui.services import signing
from relgui.services.context import AppContext, unit_of_work
from relgui.services.facts import gather, load_release
from relgui.services.releases import transition
from relgui.store.models import Closure, ConfigItem, ConfigItemHistory, KnowledgeEntry, ReleaseItem


def apply_cmdb(ctx: AppContext, key: int | str, actual: dict[str, str] | None = None, *,
               expected_version: object) -> int:
    """Update the baseline's configuration items to the versions actually deployed.

    ``actual`` maps a configuration item's name to the version really installed; items not
    named get the plan's 'after' version. Each change goes to the item's history.
    ``expected_version`` is the release's version the user saw.
    """
    if actual is not None and not isinstance(actual, dict):
        raise InvalidInput.of("actual", "not_a_table")
    actual = {text.line(k, "name", limit=200): text.line(v, "new_version", limit=100)
              for k, v in (actual or {}).items()}
    with unit_of_work(ctx) as w:
        release = load_release(w.s, key, lock=True)
        w.expect_version(release, expected_version, "release", release.number)
        lifecycle.require(Action.UPDATE_CMDB, gather(w.s, release), w.actor)
        rows = w.s.execute(select(ReleaseItem, ConfigItem).join(ConfigItem, ConfigItem.id == ReleaseItem.ci_id)
                           .where(ReleaseItem.release_id == release.id)).all()
        unknown = set(actual) - {ci.name for _, ci in rows}
        if unknown:
            raise NotFound.of("config_item", sorted(unknown)[0])
        updated = {}
        for item, ci in rows:
            new = actual.get(ci.name, item.version_after)
            w.s.add(ConfigItemHistory(ci_id=ci.id, at=w.now, old_version=ci.current_version, new_version=new,
                                      release_id=release.id, changed_by_id=w.actor.user_id))
            updated[ci.name] = (ci.current_version, new)
            ci.current_version = new
            item.applied_version, item.applied_at = new, w.now
        release.cmdb_done_at = w.now
        w.touch(release)
        late = release.cmdb_due_at is not None and w.now > release.cmdb_due_at
        w.audit("cmdb.update", "release", release.number, release_id=release.id, changes=updated, late=late)
        return len(rows)


def complete_config_update(ctx: AppContext, key: int | str, *, expected_version: object):
    with unit_of_work(ctx) as w:
        release = load_release(w.s, key, lock=True)
        return transition(w, release, Action.COMPLETE_CONFIG_UPDATE, expected_version)


def add_knowledge(ctx: AppContext, title: str, body: str, *, release: int | str | None = None,
                  tags: str = "") -> int:
    """知识库: a lesson learned, linked to its release (R-4.4.2-KNOWLEDGE). Appended, never
    edited here: it overwrites nothing, so it carries no version."""
    title = text.line(title, "title")
    body = text.block(body, "body", required=True)
    tags = text.line(tags, "tags", required=False)
    with unit_of_work(ctx) as w:
        rid = load_release(w.s, release).id if release is not None else None
        if w.actor.user_id is not None and not (w.actor.has(Role.ENGINEER) or w.actor.has(Role.MANAGER)):
            raise PolicyViolation(Refusal("wrong_role", "R-4.4.2-KNOWLEDGE",
                                          {"action": "update_cmdb", "roles": ("engineer", "manager")}))
        entry = KnowledgeEntry(release_id=rid, title=title, body=body, tags=tags,
                               created_by_id=w.actor.user_id, created_at=w.now)
        w.s.add(entry)
        w.s.flush()
        w.audit("knowledge.add", "knowledge", entry.id, release_id=rid, changes={"title": (None, title)})
        return entry.id


def close(ctx: AppContext, key: int | str, analysis: str, password: str, *,
          expected_version: object) -> signing.Signature:
    """发布关闭: the manager's analysis of success or failure, signed (R-4.2.2-CLOSE, R-DOC-SIGN)."""
    text_ = text.block(analysis, "analysis", required=True)
    with signing.signing(ctx, Action.CLOSE.value, key, password) as w:
        release = load_release(w.s, key, lock=True)
        transition(w, release, Action.CLOSE, expected_version)
        sig = signing.sign(w, release, subject="closure", subject_id=release.id, meaning="close",
                           role=Role.MANAGER.value, content_hash=closure_digest(release.number, release.outcome, text_),
                           reason="")
        release.closed_at, release.closed_by_id = w.now, w.actor.user_id
        w.s.add(Closure(release_id=release.id, outcome=release.outcome, analysis=text_,
                        closed_by_id=w.actor.user_id, closed_at=w.now, signature_id=sig.id))
        w.audit("signature.close", "signature", sig.id, release_id=release.id, signer=sig.signer_name,
                content_hash=sig.content_hash, signature_hash=sig.signature_hash)
        number = release.number
    from relgui.services import documents  # the 发布变更报告, archived at closure (R-4.4.2-ARCHIVE)

    documents.archive_quietly(ctx, number, "report")
    return sig
