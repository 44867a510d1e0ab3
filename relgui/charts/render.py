"""Rendering a chart figure to pixels, on any thread, one figure at a time.

matplotlib is not thread-safe: its font caches (FT2Font objects, the text layout cache) and
rcParams are process-wide, and two figures drawn at once on two threads can corrupt them. relgui
draws on workers (the dashboard, gui/ops.py; the KPI report, a document) and, for a click, reads
a drawn figure's geometry on the GUI thread. Every such use holds LOCK, so at most one thread is
inside matplotlib at a time.

``rgba(figure, width_px, height_px, scale)`` draws ``figure`` with the Agg renderer at that size
and returns its pixels (RGBA, row-major, premultiplied as Agg writes them): what the GUI shows
as an image, so the drawing never runs on the GUI thread (issue 17 item 8).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

LOCK = threading.RLock()


@dataclass(frozen=True)
class Pixels:
    """A drawn figure: ``data`` holds ``width`` × ``height`` RGBA pixels (4 bytes each, rows
    from the top); ``scale`` is the device pixel ratio it was drawn for (1.0; 1.5 on a Windows
    screen at 150 %)."""

    data: bytes
    width: int
    height: int
    scale: float


def rgba(figure: Figure, width_px: int, height_px: int, scale: float = 1.0, dpi: float = 100.0) -> Pixels:
    """Draw ``figure`` at ``width_px`` × ``height_px`` logical pixels (× ``scale`` device pixels)."""
    width_px, height_px = max(int(width_px), 1), max(int(height_px), 1)
    with LOCK:
        canvas = figure.canvas if isinstance(figure.canvas, FigureCanvasAgg) else FigureCanvasAgg(figure)
        figure.set_dpi(dpi * scale)
        figure.set_size_inches(width_px / dpi, height_px / dpi, forward=False)
        canvas.draw()
        buffer = canvas.buffer_rgba()
        return Pixels(bytes(buffer), buffer.shape[1], buffer.shape[0], scale)
