"""Which parts of a document differ from what the database says it should hold.

The expected lines carry the key of their part (header, revisions, each plan section,
signatures …); a line-level diff against the lines found in the file names the parts where
something was changed, added or removed, with the first expected and found line of each.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass


@dataclass(frozen=True)
class Difference:
    part: str
    expected: str
    found: str


def _short(lines: list[str], limit: int = 60) -> str:
    text = " / ".join(lines[:2])
    return text if len(text) <= limit else text[:limit - 1] + "…"


def diff(expected: list[tuple[str, str]], found: list[str]) -> list[Difference]:
    """One Difference per part that differs, in document order."""
    want = [t for _, t in expected]
    matcher = difflib.SequenceMatcher(None, want, found, autojunk=False)
    out: dict[str, Difference] = {}
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if i1 < i2:
            keys = [expected[i][0] for i in range(i1, i2)]
        else:  # lines added: they belong to the part they follow
            keys = [expected[max(i1 - 1, 0)][0]] if expected else ["?"]
        for key in dict.fromkeys(keys):
            if key not in out:
                mine = [want[i] for i in range(i1, i2) if expected[i][0] == key]
                out[key] = Difference(key, _short(mine), _short(found[j1:j2]))
    order = {key: i for i, (key, _) in reversed(list(enumerate(expected)))}
    return sorted(out.values(), key=lambda d: order.get(d.part, len(expected)))
