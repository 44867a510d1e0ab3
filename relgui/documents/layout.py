"""Column widths shared by the .docx and the Qt renderers, so both tables look alike."""

from __future__ import annotations

import unicodedata


def _display_width(text: str) -> float:
    """Width in half-CJK units; Latin letters and digits are a little wider than half a CJK
    character in most faces (DejaVu, which stands in for Times New Roman on Linux, more so)."""
    return sum(2.0 if unicodedata.east_asian_width(c) in "WF" else 1.2 for c in text[:120])


UNIT = 115       # twips per display unit: about half a 五号 (10.5 pt) CJK character
PADDING = 200    # twips of cell margins and borders
SHORT = 20       # display units: values this short (numbers, names, times) should not wrap
MIN_LONG = 12    # display units a long-text column keeps at least


def _need(head: str, cells: list[float]) -> float:
    typical = min(cells[int(len(cells) * 0.8)], 60)
    head_w = _display_width(head)
    return max(typical, head_w if head_w <= 10 else (head_w + 1) // 2, 4)


def column_widths(columns: tuple[str, ...], rows, total: int) -> list[int]:
    """Twips per column. Short columns (numbers, names, times) get what they need so they do
    not wrap; long-text columns share the rest in proportion to what they hold."""
    need = [_need(head, sorted(_display_width(r[i]) for r in rows[:200] if i < len(r)) or [0])
            for i, head in enumerate(columns)]
    want = [int(n * UNIT) + PADDING for n in need]
    short = [n <= SHORT for n in need]
    fixed = sum(w for w, s in zip(want, short) if s)
    flexible = sum(w for w, s in zip(want, short) if not s)
    floor = sum(min(w, MIN_LONG * UNIT + PADDING) for w, s in zip(want, short) if not s)
    if flexible and fixed + floor <= total:
        scale = (total - fixed) / flexible
        widths = [w if s else int(w * scale) for w, s in zip(want, short)]
    else:
        widths = [int(w * total / sum(want)) for w in want]
    widths[-1] += total - sum(widths)
    return widths
