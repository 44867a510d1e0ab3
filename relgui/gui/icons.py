"""Small icons painted at run time (no image files to ship): type swatches, status dots."""

from __future__ import annotations

import functools

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QStyle

STATUS_COLORS = {
    "requested": "#90a4ae", "accepted": "#78909c", "planning": "#42a5f5", "plan_submitted": "#1e88e5",
    "plan_approved": "#3949ab", "prechecked": "#5e35b1", "deploying": "#fb8c00", "verifying": "#f4511e",
    "rolling_back": "#d81b60", "config_update": "#00897b", "awaiting_close": "#43a047",
    "closed": "#2e7d32", "rejected": "#6d4c41", "cancelled": "#9e9e9e",
}
OUTCOME_COLORS = {"success": "#2e7d32", "failed": "#c62828", "rolled_back": "#ad1457"}


def _pixmap(size: int = 16) -> QPixmap:
    app = QApplication.instance()
    ratio = app.devicePixelRatio() if isinstance(app, QGuiApplication) else 1.0
    pm = QPixmap(int(size * ratio), int(size * ratio))
    pm.setDevicePixelRatio(ratio)
    pm.fill(Qt.GlobalColor.transparent)
    return pm


@functools.cache
def swatch(color: str) -> QIcon:
    pm = _pixmap()
    with _painter(pm) as p:
        p.setBrush(QColor(color))
        p.setPen(QColor(color).darker(130))
        p.drawRoundedRect(QRectF(2, 3, 12, 10), 2, 2)
    return QIcon(pm)


@functools.cache
def status(key: str, outcome: str | None = None) -> QIcon:
    color = OUTCOME_COLORS.get(outcome or "", STATUS_COLORS.get(key, "#607d8b")) if key == "closed" else \
        STATUS_COLORS.get(key, "#607d8b")
    pm = _pixmap()
    with _painter(pm) as p:
        p.setBrush(QColor(color))
        p.setPen(Qt.PenStyle.NoPen)
        p.drawEllipse(QRectF(3, 3, 10, 10))
    return QIcon(pm)


_WARNING: dict[int, QIcon] = {}


def warning() -> QIcon:
    """The style's warning icon, asked of the style once per style (the register paints it in
    every overdue row's cell: standardIcon costs ~0.15 ms a call)."""
    style = QApplication.style()
    icon = _WARNING.get(id(style))
    if icon is None:
        _WARNING.clear()  # another style: the old one's icon goes
        icon = _WARNING[id(style)] = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
    return icon


class _painter:
    def __init__(self, pm: QPixmap):
        self.p = QPainter(pm)
        self.p.setRenderHint(QPainter.RenderHint.Antialiasing)

    def __enter__(self) -> QPainter:
        return self.p

    def __exit__(self, *exc) -> None:
        self.p.end()
