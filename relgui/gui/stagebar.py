"""The five stages of 表4-2 as a bar: done, current, to come (R-4.2.2-STAGES)."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

DONE, CURRENT, TODO, STOPPED = "#81c784", "#1e88e5", "#e0e0e0", "#bdbdbd"


class StageBar(QWidget):
    def __init__(self, parent=None, objectName: str = "stage_bar"):  # noqa: N803 - Qt's spelling
        super().__init__(parent)
        self.setObjectName(objectName)
        self.names: list[str] = []
        self.current = -1
        self.stopped = False  # rejected or cancelled: stages after the last reached are greyed
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumHeight(34)

    def set_stages(self, names: list[str], current: int, *, closed: bool = False, stopped: bool = False) -> None:
        self.names, self.current, self.stopped = names, (len(names) if closed else current), stopped
        self.setAccessibleDescription(" → ".join(names))
        self.update()

    TIP = 10  # the arrow's depth, px

    def _need(self, label: str) -> int:
        return self.fontMetrics().horizontalAdvance(label) + 2 * self.TIP + 8

    def _ticked(self) -> bool:
        """Whether the ✓ before a stage done fits (its colour says done as well): dropped first
        when the bar is too narrow for every name."""
        return sum(self._need(("✓ " if i < self.current else "") + n) for i, n in enumerate(self.names)) \
            <= self.width()

    def _label(self, i: int, ticked: bool | None = None) -> str:
        tick = self._ticked() if ticked is None else ticked
        return ("✓ " if tick and i < self.current else "") + self.names[i]

    def segments(self) -> list[tuple[float, float]]:
        """(left, width) of each stage: as wide as its label needs (a longer English name, such
        as "✓ Implementation", gets more room than "Closure"), the space left shared equally;
        narrower than all labels, every stage shrinks alike and its label is elided."""
        ticked = self._ticked()
        need = [self._need(self._label(i, ticked)) for i in range(len(self.names))]
        total, w = sum(need), float(self.width())
        widths = ([n + (w - total) / len(need) for n in need] if total <= w
                  else [n * w / total for n in need])
        lefts = [sum(widths[:i]) for i in range(len(widths))]
        return list(zip(lefts, widths, strict=True))

    def event(self, e) -> bool:
        if e.type() == e.Type.ToolTip and self.names:
            x = e.pos().x()
            i = next((k for k, (left, width) in enumerate(self.segments()) if left <= x < left + width),
                     len(self.names) - 1)
            self.setToolTip(self.names[i])
        return super().event(e)

    def sizeHint(self) -> QSize:
        wanted = sum(self._need(self._label(i, True)) for i in range(len(self.names)))
        return QSize(max(560, wanted), 34)

    def paintEvent(self, event) -> None:
        if not self.names:
            return
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        h, tip, ticked = self.height(), self.TIP, self._ticked()
        for i, (x, seg) in enumerate(self.segments()):
            path = QPainterPath(QPointF(x, 0))
            path.lineTo(x + seg - tip, 0)
            path.lineTo(x + seg, h / 2)
            path.lineTo(x + seg - tip, h)
            path.lineTo(x, h)
            if i:
                path.lineTo(x + tip, h / 2)
            path.closeSubpath()
            if i < self.current:
                fill = DONE
            elif i == self.current:
                fill = STOPPED if self.stopped else CURRENT
            else:
                fill = TODO
            p.fillPath(path, QColor(fill))
            p.setPen(QPen(QColor("white" if i == self.current and not self.stopped else "#212121")))
            label = self._label(i, ticked)
            box = QRectF(x + tip, 0, seg - 2 * tip, h)
            label = self.fontMetrics().elidedText(label, Qt.TextElideMode.ElideRight, int(box.width()))
            p.drawText(box, Qt.AlignmentFlag.AlignCenter, label)
        p.end()
