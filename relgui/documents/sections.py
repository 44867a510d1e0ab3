"""One plan section of the policy profile as blocks: its fields, then its tables.

Names, order, fields and columns all come from the profile (R-4.2.2-SECTIONS, R-3.2-PLAN),
so a revised policy prints its own sections without a code change.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from relgui.documents import fmt
from relgui.documents.form import CHANGE_STATUSES, Numbers, Source, paragraphs, table_or_none
from relgui.documents.model import Block, KeyValue, Paragraph


def value(spec: Any, raw: Any, src: Source) -> str:
    """A stored plan value as printed: times in the company's zone, the rest as text."""
    if raw is None or raw == "":
        return ""
    if getattr(spec, "kind", "line") == "datetime":
        return src.time(raw)
    return fmt.clean(raw)


def fields_blocks(section: Any, data: dict[str, Any], src: Source) -> list[Block]:
    """Short fields as one key-value table; long texts as a label and their paragraphs."""
    out: list[Block] = []
    short = [f for f in section.fields if f.kind != "text"]
    if short:
        out.append(KeyValue(tuple((f.name, value(f, data.get(f.key), src) or fmt.NONE) for f in short)))
    for f in section.fields:
        if f.kind != "text":
            continue
        if len(section.fields) > 1 or f.name != section.name:  # a lone field named as its section needs no label
            out.append(Paragraph(f"{f.name}：", "label"))
        out.extend(paragraphs(data.get(f.key)))
    return out


NUMBERED = ("steps",)  # tables whose order is the plan (实施步骤, 回退步骤): printed with 序号


def _library(row: dict[str, Any], column: Any, src: Source) -> tuple[str, str]:
    """The 最终软件库 entry a baseline row's version refers to: (SHA-256, storage location)
    (R-3.3-DSL); a version not found in the library prints 未登记."""
    ref = row.get(column.key + "_ref")
    found = (src.release.get("software") or {}).get(ref) if isinstance(ref, int) else None
    if found is None:
        return ("未登记", "未登记") if row.get(column.key) else ("", "")
    return fmt.clean(found.get("sha256")), fmt.clean(found.get("location"))


def tables_blocks(section: Any, data: dict[str, Any], src: Source, n: Numbers) -> list[Block]:
    out: list[Block] = []
    for t in section.tables:
        out.append(n.caption(t.name))
        names = [c.name for c in t.columns]
        dsl = next((c for c in t.columns if c.ref == "software_version"), None)
        rows = []
        for i, row in enumerate((r for r in (data.get(t.key) or []) if isinstance(r, dict)), 1):
            cells = [value(c, row.get(c.key), src) for c in t.columns]
            if dsl is not None:
                cells += _library(row, dsl, src)
            if t.key in NUMBERED:
                cells.insert(0, str(i))
            rows.append(tuple(cells))
        if dsl is not None:
            names += ["软件库校验值(SHA-256)", "软件库存储位置"]
        if t.key in NUMBERED:
            names.insert(0, "序号")
        out.extend(table_or_none(tuple(names), rows))
    return out


def section_blocks(section: Any, data: dict[str, Any] | None, src: Source, n: Numbers,
                   extra: Sequence[Block] = ()) -> list[Block]:
    """Heading, what the release adds (linked changes, triggers), fields, tables."""
    data = data if isinstance(data, dict) else {}
    return [n.heading(section.name, 2), *extra, *fields_blocks(section, data, src),
            *tables_blocks(section, data, src, n)]


def changes_blocks(src: Source, n: Numbers) -> list[Block]:
    """The change requests the release is linked to (R-4.2.1-CHANGE, R-4.2.1-CORRELATION)."""
    rows = [(c["number"], c["title"], CHANGE_STATUSES.get(c["status"], c["status"]))
            for c in src.release.get("changes") or []]
    return [n.caption("关联变更请求"), *table_or_none(("变更编号", "变更标题", "状态"), rows)]


def triggers_blocks(content: dict[str, Any], src: Source, n: Numbers) -> list[Block]:
    """The policy's rollback triggers (4.5.1), each with the plan's threshold where it has one
    (R-4.5.1-TRIGGERS): printed with the rollback measures, as the plan must carry them."""
    rows = []
    for t in src.profile.triggers:
        threshold = ""
        if t.threshold_from:
            section, _, key = t.threshold_from.partition(".")
            holder = content.get(section)
            threshold = fmt.clean(holder.get(key, "")) if isinstance(holder, dict) else ""
        rows.append((t.name, threshold or "—"))
    return [n.caption("回退触发条件"), *table_or_none(("触发条件", "阈值"), rows)]
