"""知识库 (R-4.4.2-KNOWLEDGE): searching lessons learned, by text, release or configuration item.

Chinese has no spaces, and its words are mostly two characters (回退, 证书, 备份), which
SQLite's trigram tokenizer cannot find (three characters at least) and PostgreSQL's full
text search does not split. So the index is ours and the same on both databases: every
pair of adjacent Chinese characters and every Latin word or number of an entry is a row
of knowledge_terms. A search takes the entries holding all terms of the query (index
lookups), then keeps those that really contain each query word (LIKE on that short list),
so '证书过期' does not match an entry that only has 证书 … 书过 … 过期 apart.

The index is brought up to date before each search: entries added by any path (the
closing service, demo data, a restore) or changed since (row_version) are indexed then.
Entries are added by relgui.services.closing.add_knowledge.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from sqlalchemy import case, delete, func, insert, or_, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from relgui.domain import text as texts
from relgui.domain.errors import NotFound
from relgui.services.context import AppContext, reading, unit_of_work
from relgui.services.facts import load_release
from relgui.store.models import ConfigItem, KnowledgeEntry, KnowledgeIndexed, KnowledgeTerm, Release, ReleaseItem

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_RUNS = re.compile(f"[{CJK}]+|[a-z]+|[0-9]+")
MAX_TERM = 32
MAX_LIMIT = 200
MAX_PAIRS = 4
SNIPPET = 60
ADVISORY_KEY = 0x6B62  # PostgreSQL: one indexer at a time ('kb')


def _is_cjk(ch: str) -> bool:
    return "\u3400" <= ch  # the runs hold only Chinese characters, a-z or 0-9


def _runs(value: str) -> list[str]:
    # NFKC folds full-width letters and digits (ＣＭＤＢ, ２０２６) into ASCII first.
    return _RUNS.findall(unicodedata.normalize("NFKC", value or "").lower())


def terms(value: str) -> set[str]:
    """The index terms of a text: Chinese as overlapping pairs (a lone character as itself),
    Latin words and numbers whole."""
    out: set[str] = set()
    for run in _runs(value):
        if _is_cjk(run[0]):
            out.update(run[i:i + 2] for i in range(max(1, len(run) - 1)))
        else:
            out.add(run[:MAX_TERM])
    return out


def query_terms(word: str) -> set[str]:
    """The terms an entry must hold to contain ``word``; a lone Chinese character has
    none (it is found by the LIKE check alone)."""
    return {t for t in terms(word) if len(t) > 1 or not _is_cjk(t)}


# ------------------------------------------------------------------ keeping the index

def _stale(what):
    """Entries never indexed, or changed (row_version) since."""
    return (select(what).outerjoin(KnowledgeIndexed, KnowledgeIndexed.entry_id == KnowledgeEntry.id)
            .where(or_(KnowledgeIndexed.entry_id.is_(None), KnowledgeIndexed.row_version != KnowledgeEntry.row_version)))


def _index(s: Session, entries: list[KnowledgeEntry]) -> None:
    ids = [e.id for e in entries]
    for i in range(0, len(ids), 500):  # stay far below the databases' parameter limits
        s.execute(delete(KnowledgeTerm).where(KnowledgeTerm.entry_id.in_(ids[i:i + 500])))
        s.execute(delete(KnowledgeIndexed).where(KnowledgeIndexed.entry_id.in_(ids[i:i + 500])))
    rows = [{"entry_id": e.id, "term": t} for e in entries for t in terms(f"{e.title}\n{e.body}\n{e.tags}")]
    for i in range(0, len(rows), 5000):
        s.execute(insert(KnowledgeTerm), rows[i:i + 5000])
    s.execute(insert(KnowledgeIndexed), [{"entry_id": e.id, "row_version": e.row_version} for e in entries])


def _current(s: Session) -> bool:
    """Whether every entry is indexed at its present version, by two sums instead of a join
    on every search: an added entry raises the count, an edit raises row_version, and a
    deleted entry leaves both tables (ON DELETE CASCADE)."""
    entries = s.execute(select(func.count(), func.coalesce(func.sum(KnowledgeEntry.row_version), 0))).one()
    indexed = s.execute(select(func.count(), func.coalesce(func.sum(KnowledgeIndexed.row_version), 0))).one()
    return tuple(entries) == tuple(indexed)


def refresh(ctx: AppContext) -> int:
    """Index every entry that is new or changed since it was indexed; returns how many.

    Derived data, so not audited. Two workstations refreshing at once: SQLite serialises the
    writers, PostgreSQL takes an advisory lock; the second finds nothing left to do.
    """
    with reading(ctx) as s:
        if _current(s):
            return 0
    try:
        with unit_of_work(ctx) as w:
            if w.s.get_bind().dialect.name == "postgresql":
                w.s.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": ADVISORY_KEY})
            entries = list(w.s.execute(_stale(KnowledgeEntry)).scalars())
            if entries:
                _index(w.s, entries)
            return len(entries)
    except IntegrityError:  # indexed meanwhile by another session: nothing is lost
        return 0


# ------------------------------------------------------------------ reading

@dataclass(frozen=True)
class Hit:
    id: int
    title: str
    snippet: str
    tags: str
    release_id: int | None
    release_number: str | None
    created_at: dt.datetime
    config_items: tuple[str, ...] = ()  # for related_to_plan: the items shared with the plan


@dataclass(frozen=True)
class Results:
    hits: list[Hit]
    total: int


def _contains(run: str):
    # A run holds Chinese characters only; escaped all the same, as every LIKE pattern is.
    like = texts.contains(run)
    return or_(*[col.like(*like) for col in (KnowledgeEntry.title, KnowledgeEntry.body, KnowledgeEntry.tags)])


def _snippet(body: str, words: list[str]) -> str:
    """About SNIPPET characters of the body around the first word found in it."""
    flat = " ".join(body.split())
    lower = flat.lower()
    at = min((i for i in (lower.find(w.lower()) for w in words) if i >= 0), default=0)
    start = max(0, at - SNIPPET // 3)
    piece = flat[start:start + SNIPPET]
    return ("…" if start else "") + piece + ("…" if start + SNIPPET < len(flat) else "")


def _select_hits():
    return (select(KnowledgeEntry.id, KnowledgeEntry.title, KnowledgeEntry.body, KnowledgeEntry.tags,
                   KnowledgeEntry.release_id, Release.number, KnowledgeEntry.created_at)
            .outerjoin(Release, Release.id == KnowledgeEntry.release_id))


def _hits(rows, words: list[str]) -> list[Hit]:
    return [Hit(i, t, _snippet(b, words), g, rid, n, at) for i, t, b, g, rid, n, at in rows]


def _spread(pairs: list[str], most: int = MAX_PAIRS) -> list[str]:
    """At most ``most`` of a long word's character pairs, spread over it: enough to narrow the
    candidates (the LIKE check decides), without one index lookup per character."""
    if len(pairs) <= most:
        return pairs
    step = (len(pairs) - 1) / (most - 1)
    return [pairs[round(i * step)] for i in range(most)]


def _conditions(query: str) -> tuple[list, list[str]]:
    """What an entry must satisfy to match ``query``, and the Chinese runs to look for.

    Latin words and numbers match whole words through the index alone (case and full-width
    forms folded). A Chinese run must hold all its character pairs (index) and occur as
    written (LIKE, on the entries the index left); a lone character is found by LIKE only.
    Punctuation separates words and is otherwise ignored.
    """
    cond, runs = [], []
    for run in _runs(query)[:20]:
        for t in _spread(sorted(query_terms(run), key=run.find)):
            cond.append(KnowledgeEntry.id.in_(select(KnowledgeTerm.entry_id).where(KnowledgeTerm.term == t)))
        if _is_cjk(run[0]):
            cond.append(_contains(run))
            runs.append(run)
    return cond, runs


def search(ctx: AppContext, query: str, *, limit: int = 50, offset: int = 0) -> Results:
    """Entries containing every word of ``query``, those with a Chinese word in the title
    first, then the newest. A query without words lists the newest entries. Everything asked
    is checked before the index is brought up to date (a refused search writes nothing)."""
    query = texts.search(query)
    limit = texts.clamp(limit, "limit", 1, MAX_LIMIT)
    offset = texts.clamp(offset, "offset", 0, texts.DB_INT_MAX)
    refresh(ctx)
    cond, runs = _conditions(query)
    order = [case((or_(*[KnowledgeEntry.title.like(*texts.contains(r)) for r in runs]), 0), else_=1)] if runs else []
    with reading(ctx) as s:
        # The page of ids first, with the total as a window count (one pass over the
        # matches); the release numbers are then joined for that page only, not for every
        # match before sorting.
        found = s.execute(select(KnowledgeEntry.id, func.count().over())
                          .where(*cond)
                          .order_by(*order, KnowledgeEntry.created_at.desc(), KnowledgeEntry.id.desc())
                          .offset(offset).limit(limit)).all()
        if not found:  # nothing at all, or a page past the end (the total is still wanted)
            total = 0 if offset <= 0 else s.execute(
                select(func.count()).select_from(KnowledgeEntry).where(*cond)).scalar_one()
            return Results([], total)
        ids = [i for i, _ in found]
        rows = {r[0]: r for r in s.execute(_select_hits().where(KnowledgeEntry.id.in_(ids))).all()}
    return Results(_hits([rows[i] for i in ids], runs), found[0][1])


@dataclass(frozen=True)
class Entry:
    """One lesson whole: its text, the release it was learned on and that release's items."""

    id: int
    title: str
    body: str
    tags: str
    release_id: int | None
    release_number: str | None
    release_title: str
    config_items: tuple[str, ...]
    created_at: dt.datetime


def entry(ctx: AppContext, entry_id: int) -> Entry:
    """The whole entry behind a hit (search results carry only a snippet of the text)."""
    if not texts.is_row_id(entry_id):
        raise NotFound.of("knowledge", texts.clean(str(entry_id))[:40])
    with reading(ctx) as s:
        row = s.execute(select(KnowledgeEntry, Release.number, Release.title)
                        .outerjoin(Release, Release.id == KnowledgeEntry.release_id)
                        .where(KnowledgeEntry.id == entry_id)).one_or_none()
        if row is None:
            raise NotFound.of("knowledge", entry_id)
        e, number, release_title = row
        items: tuple[str, ...] = ()
        if e.release_id is not None:
            items = tuple(s.execute(select(ConfigItem.name).join(ReleaseItem, ReleaseItem.ci_id == ConfigItem.id)
                                    .where(ReleaseItem.release_id == e.release_id)
                                    .order_by(ConfigItem.name)).scalars())
        return Entry(e.id, e.title, e.body, e.tags, e.release_id, number, release_title or "", items, e.created_at)


def for_release(ctx: AppContext, key: int | str) -> list[Hit]:
    """The lessons recorded for one release."""
    with reading(ctx) as s:
        release = load_release(s, key)
        rows = s.execute(_select_hits().where(KnowledgeEntry.release_id == release.id)
                         .order_by(KnowledgeEntry.created_at.desc(), KnowledgeEntry.id.desc())).all()
    return _hits(rows, [])


def _through_items(ci_ids, exclude_release: int | None, limit: int):
    """Entries whose release touched any of ``ci_ids`` (a subquery), newest first."""
    stmt = (select(KnowledgeEntry.id, KnowledgeEntry.created_at)
            .join(ReleaseItem, ReleaseItem.release_id == KnowledgeEntry.release_id)
            .where(ReleaseItem.ci_id.in_(ci_ids)).distinct()
            .order_by(KnowledgeEntry.created_at.desc(), KnowledgeEntry.id.desc()).limit(limit))
    if exclude_release is not None:
        stmt = stmt.where(KnowledgeEntry.release_id != exclude_release)
    return stmt


def _with_items(s: Session, ids: list[int], ci_ids) -> list[Hit]:
    """Hits for ``ids`` (in that order), each naming the configuration items it shares."""
    if not ids:
        return []
    names: dict[int, list[str]] = {}
    for eid, name in s.execute(select(KnowledgeEntry.id, ConfigItem.name)
                               .join(ReleaseItem, ReleaseItem.release_id == KnowledgeEntry.release_id)
                               .join(ConfigItem, ConfigItem.id == ReleaseItem.ci_id)
                               .where(KnowledgeEntry.id.in_(ids), ReleaseItem.ci_id.in_(ci_ids))
                               .order_by(ConfigItem.name)).all():
        names.setdefault(eid, []).append(name)
    found = {h.id: h for h in _hits(s.execute(_select_hits().where(KnowledgeEntry.id.in_(ids))).all(), [])}
    return [dataclasses.replace(found[i], config_items=tuple(names.get(i, ()))) for i in ids if i in found]


def for_config_item(ctx: AppContext, name: str, *, limit: int = 50) -> list[Hit]:
    """Lessons from releases that touched this configuration item."""
    name = texts.key(name, "config_item")
    limit = texts.clamp(limit, "limit", 1, MAX_LIMIT)
    with reading(ctx) as s:
        ci = select(ConfigItem.id).where(ConfigItem.name == name)
        ids = [i for i, _ in s.execute(_through_items(ci, None, limit)).all()]
        return _with_items(s, ids, ci)


def related_to_plan(ctx: AppContext, key: int | str, *, limit: int = 20) -> list[Hit]:
    """For the plan wizard: lessons from other releases that touched the configuration items
    of this plan's baseline, newest first, each naming the shared items."""
    limit = texts.clamp(limit, "limit", 1, MAX_LIMIT)
    with reading(ctx) as s:
        release = load_release(s, key)
        mine = select(ReleaseItem.ci_id).where(ReleaseItem.release_id == release.id)
        ids = [i for i, _ in s.execute(_through_items(mine, release.id, limit)).all()]
        return _with_items(s, ids, mine)


# ------------------------------------------------------------------ writing lessons

OUTCOME_WORDS = {"rolled_back": ("回退", "rollback"), "failed": ("发布失败", "failed release")}


def lesson_tags(s: Session, release_id: int | None, typed: str = "") -> str:
    """The tags a lesson of a release carries (R-4.4.2-KNOWLEDGE: with the release and its
    items): what was typed, then the release number, each configuration item's name and, for a
    failed or rolled-back release, what happened (回退 / 发布失败) — so a search for 回退 or for
    an item finds it. Used by closing.add_knowledge for every lesson linked to a release."""
    if release_id is None:
        return typed
    release = s.get(Release, release_id)
    items = list(s.execute(select(ConfigItem.name).join(ReleaseItem, ReleaseItem.ci_id == ConfigItem.id)
                           .where(ReleaseItem.release_id == release_id).order_by(ConfigItem.name)).scalars())
    word = OUTCOME_WORDS.get(release.outcome or "", ("", ""))[0] if release is not None else ""
    have = set(typed.split())
    extra = [t for t in (word, release.number if release is not None else "", *items) if t and t not in have]
    return " ".join([typed, *extra]).strip()[:texts.MAX_LINE]


def add_lesson(ctx: AppContext, key: int | str, title: str, body: str, tags: str = "") -> int:
    """A release's 经验总结 into the knowledge base (R-4.4.2-KNOWLEDGE), tagged with the release
    and its items (lesson_tags). Closing a failed or rolled-back release requires one
    (validation.lesson_refusals)."""
    # cycle: relgui.services.closing imports this module
    from relgui.services import closing

    return closing.add_knowledge(ctx, title, body, release=key, tags=tags)
