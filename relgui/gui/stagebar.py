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

    def event(self, e) -> bool:
        if e.type() == e.Type.ToolTip and self.names:
            i = min(len(self.names) - 1, int(e.pos().x() / max(1, self.width() / len(self.names))))
            self.setToolTip(self.names[i])
        return super().event(e)

    def sizeHint(self) -> QSize:
        return QSize(560, 34)

    def paintEvent(self, event) -> None:
        if not self.names:
            return
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        n, w, h, tip = len(self.names), self.width(), self.height(), 10
        seg = w / n
        for i, name in enumerate(self.names):
            x = i * seg
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
            label = ("✓ " if i < self.current else "") + name
            box = QRectF(x + tip, 0, seg - 2 * tip, h)
            label = self.fontMetrics().elidedText(label, Qt.TextElideMode.ElideRight, int(box.width()))
            p.drawText(box, Qt.AlignmentFlag.AlignCenter, label)
        p.end()
