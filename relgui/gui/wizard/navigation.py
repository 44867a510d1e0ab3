"""The side list of pages: where the user is, and per page ✓ (complete), ✗ with the number
of gaps, or ● while something on it is not saved. Activating an entry jumps to the page."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

KEY_ROLE = Qt.ItemDataRole.UserRole


class PageList(QListWidget):
    jump = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("page_list")
        self.titles: dict[str, str] = {}
        self.itemActivated.connect(lambda item: self.jump.emit(item.data(KEY_ROLE)))
        self.itemClicked.connect(lambda item: self.jump.emit(item.data(KEY_ROLE)))

    def set_pages(self, pages: list[tuple[str, str]]) -> None:
        self.clear()
        self.titles = dict(pages)
        for key, title in pages:
            item = QListWidgetItem(title)
            item.setData(KEY_ROLE, key)
            self.addItem(item)
        width = max(self.fontMetrics().horizontalAdvance(f"✗ {t} (99)") for t in self.titles.values())
        self.setMinimumWidth(width + self.fontMetrics().averageCharWidth() * 4)

    def mark(self, gap_pages: list[str], unsaved: set[str], plan_pages: list[str]) -> None:
        """gap_pages: the page of each gap; unsaved: pages with unsaved input; plan_pages:
        the pages that hold sections (the review page gets no mark)."""
        gaps = Counter(gap_pages)
        for row in range(self.count()):
            item = self.item(row)
            key = item.data(KEY_ROLE)
            if key not in plan_pages:
                mark = ""
            elif key in unsaved:
                mark = "● "
            else:
                mark = "✗ " if gaps[key] else "✓ "
            suffix = f" ({gaps[key]})" if gaps[key] and key in plan_pages else ""
            item.setText(f"{mark}{self.titles[key]}{suffix}")
            # Gaps in red; otherwise the palette's own colour (dark themes stay readable).
            item.setData(Qt.ItemDataRole.ForegroundRole, QColor("#b71c1c") if suffix else None)

    def show_current(self, key: str) -> None:
        for row in range(self.count()):
            if self.item(row).data(KEY_ROLE) == key:
                self.blockSignals(True)
                self.setCurrentRow(row)
                self.blockSignals(False)
                return

    def text_of(self, key: str) -> str:
        for row in range(self.count()):
            if self.item(row).data(KEY_ROLE) == key:
                return self.item(row).text()
        raise KeyError(key)
