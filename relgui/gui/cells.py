"""One entry into Python per table cell when Qt paints it.

Qt 6's item views ask a model for every role of a cell at once (``QAbstractItemModel.multiData``:
display, decoration, font, alignment, colours, check state — seven roles for a delegate). A
Python model that only defines ``data`` is entered once per role, and each entry takes the GIL.
While a worker runs Python (an Excel import, a document), the painting GUI thread waits for the
GIL at every entry, up to the switch interval (gui/ops.SWITCH_INTERVAL_S): the register's paint
of one page took 26 ms idle and 314 ms beside a busy Python thread; answering the roles in one
call brought it to 56 ms (benchmarks/bench_stall.py measures the whole window).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelRoleData


class OneCallPerCell:
    """Mixed into a Python QAbstractItemModel (before the Qt base): ``multiData`` fills every role
    asked from the model's own ``data``, so both answer the same."""

    data: Any  # the Qt model's, which this is mixed into

    def multiData(self, index: Any, span: Any) -> None:
        data = self.data
        for role_data in (span,) if isinstance(span, QModelRoleData) else span:
            role_data.setData(data(index, role_data.role()))
