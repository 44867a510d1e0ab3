"""What the reference columns choose from: configuration items (CMDB) and approved versions
of the 最终软件库 (R-3.3-DSL). Read once per wizard, on a worker, as it opens (``start``), and
kept. Until the reading arrives, and when the database could not be read, the lists are empty:
the user can still type, and the plan's gaps name unknown references."""

from __future__ import annotations

from collections import defaultdict
from typing import NamedTuple

from relgui.gui import ops
from relgui.services import inventory
from relgui.services.inventory import ConfigItemView, SoftwareView


class Read(NamedTuple):
    items: list[ConfigItemView]
    versions: dict[str, list[SoftwareView]]  # approved versions by artifact, newest first


def read(ctx) -> Read:
    """Both lists in one op (before: one read on the GUI thread per list, when an editor first
    needed it)."""
    by_artifact: dict[str, list[SoftwareView]] = defaultdict(list)
    for v in inventory.versions(ctx, approved_only=True, limit=inventory.MAX_ROWS):
        by_artifact[v.artifact].append(v)
    return Read(inventory.config_items(ctx, limit=inventory.MAX_ROWS), dict(by_artifact))


class Lookups:
    def __init__(self, gctx):
        self.gctx = gctx
        self._read = Read([], {})
        self.op: ops.Op | None = None

    def start(self, owner) -> None:
        """Read the lists on a worker; ``owner`` is the window they are for."""
        self.op = ops.run(None, self.gctx, read, self.gctx.app, quiet=True, owner=owner, on_done=self._arrived)

    def _arrived(self, got: Read) -> None:
        self._read = got

    def config_items(self) -> list[ConfigItemView]:
        return self._read.items

    def config_item(self, name: str) -> ConfigItemView | None:
        return next((c for c in self._read.items if c.name == name), None)

    def approved_versions(self, ci_name: str) -> list[SoftwareView]:
        """Approved versions of the artifact the configuration item runs, newest first."""
        ci = self.config_item(ci_name)
        if ci is None or not ci.artifact:
            return []
        return self._read.versions.get(ci.artifact, [])
