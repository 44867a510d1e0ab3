"""What the reference columns choose from: configuration items (CMDB) and approved versions
of the 最终软件库 (R-3.3-DSL). Read once per wizard and kept; a database outage leaves the
lists empty (the user can still type, and the plan's gaps name unknown references)."""

from __future__ import annotations

from relgui.domain.errors import RelguiError
from relgui.services import inventory
from relgui.services.inventory import ConfigItemView, SoftwareView


class Lookups:
    def __init__(self, gctx):
        self.gctx = gctx
        self._items: list[ConfigItemView] | None = None
        self._versions: dict[str, list[SoftwareView]] = {}

    def config_items(self) -> list[ConfigItemView]:
        if self._items is None:
            try:
                self._items = inventory.config_items(self.gctx.app)
            except RelguiError:
                return []
        return self._items

    def config_item(self, name: str) -> ConfigItemView | None:
        return next((c for c in self.config_items() if c.name == name), None)

    def approved_versions(self, ci_name: str) -> list[SoftwareView]:
        """Approved versions of the artifact the configuration item runs, newest first."""
        ci = self.config_item(ci_name)
        if ci is None or not ci.artifact:
            return []
        if ci.artifact not in self._versions:
            try:
                self._versions[ci.artifact] = inventory.versions(self.gctx.app, artifact=ci.artifact,
                                                                 approved_only=True)
            except RelguiError:
                return []
        return self._versions[ci.artifact]
