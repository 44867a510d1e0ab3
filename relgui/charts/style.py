"""Fonts and colours shared by every chart.

Chinese labels need a CJK font first in matplotlib's sans-serif list: DejaVu Sans (the
default) has no CJK glyphs and draws empty boxes. The first installed of CANDIDATES wins:
Microsoft YaHei / SimHei on the Windows workstations, Noto Sans CJK SC on Linux.
"""

from __future__ import annotations

import functools

import matplotlib

CANDIDATES = ("Microsoft YaHei", "Noto Sans CJK SC", "SimHei", "Source Han Sans SC", "WenQuanYi Micro Hei",
              "PingFang SC")

GOOD = "#2e7d32"
WARN = "#ef6c00"
BAD = "#c62828"
IDLE = "#b0bec5"
TARGET = "#c62828"
OVERALL = "#263238"
# One colour per stage of 表4-2, in order (terminal statuses without a stage are grey).
STAGE_COLORS = ("#90a4ae", "#42a5f5", "#ab47bc", "#ffa726", "#66bb6a")


@functools.cache
def cjk_font() -> str | None:
    """The first CJK font of CANDIDATES that matplotlib can find, or None."""
    from matplotlib import font_manager

    installed = {f.name for f in font_manager.fontManager.ttflist}
    return next((name for name in CANDIDATES if name in installed), None)


@functools.cache
def configure() -> str | None:
    """Put the CJK font first (once per process); returns its name."""
    font = cjk_font()
    rc = matplotlib.rcParams
    if font is not None:
        # The CJK font, then matplotlib's own DejaVu Sans for any glyph it lacks; nothing more:
        # every other name in the default list is a font looked up, and laid out as a
        # fallback, for each text drawn (a tenth of the dashboard's drawing time).
        rc["font.sans-serif"] = [font, "DejaVu Sans"]
    rc["font.family"] = "sans-serif"
    rc["axes.unicode_minus"] = False  # several CJK fonts lack U+2212: draw '-' instead
    return font
