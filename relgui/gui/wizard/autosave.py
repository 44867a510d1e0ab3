"""Nothing lost: every changed section is saved as a draft when the user finishes a field,
leaves a page, or pauses typing (2 s).

Each save names the section version it started from (base_version), so a plan edited on
two workstations ends in the conflict dialog, never in a silent overwrite; the user's input
stays in the form until they reload or, knowingly, replace the other version. A value the
domain refuses is shown next to its table or field and not retried until it changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from relgui.domain.errors import Conflict, InvalidInput, RelguiError, StorageUnavailable
from relgui.domain.plan import clean_section
from relgui.gui import ops
from relgui.gui.wizard.formatting import local_time
from relgui.gui.wizard.section_form import SectionForm
from relgui.services import plans, releases

IDLE_MS = 2000



@dataclass(frozen=True)
class WizardRead:
    """What the wizard shows after a read: the plan, and the commands this user may take on the
    release with the domain's reasons for the others (the mode: edit, locked, read only)."""

    view: plans.PlanView
    allowed: dict


def read_plan(ctx, release_id: int) -> WizardRead:
    """The wizard's one read (an op on a worker): plans.get and releases.actions together."""
    return WizardRead(plans.get(ctx, release_id), releases.actions(ctx, release_id))

class Autosaver(QObject):
    refreshed = Signal(object)  # WizardRead, after a save or reload changed what is stored
    state_changed = Signal()    # unsaved / refused / conflicted sections changed

    def __init__(self, gctx, release_id: int, forms: dict[str, SectionForm], parent):
        super().__init__(parent)
        self.gctx, self.release_id, self.forms, self.window = gctx, release_id, forms, parent
        self.versions: dict[str, int] = {}
        self.saved: dict[str, dict[str, Any]] = {}    # the form's data as last loaded or saved
        self.refused: dict[str, dict[str, Any]] = {}  # data the domain refused, until edited
        self.conflicted: set[str] = set()
        self.outage = False
        self.enabled = False  # until the plan is loaded and the domain allows editing
        self.page = ""
        self.wrote = False  # anything saved in this session (the detail view reloads then)
        self._saving = False
        self.idle = QTimer(self, singleShot=True, interval=IDLE_MS)
        self.idle.timeout.connect(lambda: self.save(quiet=True))
        for form in forms.values():
            form.edited.connect(self._edited)
            form.committed.connect(lambda key: self.save([key]))
            form.reload_requested.connect(self.reload_section)
            form.overwrite_requested.connect(self.overwrite)

    def load(self, view: plans.PlanView, keys: list[str] | None = None) -> None:
        """Show what is stored; the versions loaded are the base of the next saves."""
        for key in keys or list(self.forms):
            self.forms[key].load(view.content.get(key) or {})
            self.saved[key] = self.forms[key].data()
            self.versions[key] = int(view.section_versions.get(key, 0))
            self.refused.pop(key, None)
            self.conflicted.discard(key)
            self.forms[key].hide_conflict()
        self.state_changed.emit()

    def dirty(self, key: str) -> bool:
        # A section never loaded has nothing of the user's in it yet.
        return key in self.saved and self.forms[key].data() != self.saved[key]

    def unsaved(self) -> list[str]:
        return [k for k in self.forms if self.dirty(k)]

    def pending(self) -> set[str]:
        """Sections whose input is not stored: changed, refused or in conflict."""
        return set(self.unsaved()) | self.conflicted | set(self.refused)

    def remember_page(self, key: str) -> None:
        """Where the user is, so that reopening resumes there."""
        # only where to resume: on a worker, waited for (the section saves that follow carry
        # the plan's version), a failure not said (the next page change tries again)
        ops.call(self.window, self.gctx, plans.set_last_page, self.gctx.app, self.release_id, key, quiet=True)

    def _edited(self, _key: str) -> None:
        if self.enabled:
            self.idle.start()

    # ---------------------------------------------------------------- saving
    def save(self, keys: list[str] | None = None, quiet: bool = False) -> bool:
        """Save each changed section of ``keys`` (all when None). True when none is left unsaved.

        ``quiet`` (the idle timer) does not retry while the database is known to be away:
        one message is enough; leaving the page tries again."""
        if not self.enabled or (quiet and self.outage):
            return not self.unsaved()
        if self._saving:
            # Re-entered by the idle timer while a save waits for its worker (gui/ops.py runs
            # timers meanwhile): the same base version would be claimed twice. Later instead.
            self.idle.start()
            return not self.unsaved()
        self._saving = True
        try:
            return self._save(keys)
        finally:
            self._saving = False

    def _save(self, keys: list[str] | None) -> bool:
        ok, wrote = True, False
        for key in keys or list(self.forms):
            if not self.dirty(key):
                continue
            result = self._save_one(key)
            wrote |= result is True
            ok &= result is True
            if self.outage:
                break
        if wrote:
            self.wrote = True
            self.refresh()
        self.state_changed.emit()
        return ok

    def _save_one(self, key: str) -> bool | None:
        form, data = self.forms[key], self.forms[key].data()
        if key in self.conflicted or self.refused.get(key) == data:
            return False
        try:
            clean_section(form.section, data)  # the domain's own check, shown next to the table
        except InvalidInput as exc:
            form.show_refusal(exc)
            self.refused[key] = data
            return False
        done, result = ops.call(self.window, self.gctx, plans.save_section, self.gctx.app, self.release_id, key,
                                data, base_version=self.versions.get(key, 0), page=self.page or None)
        if done:
            self.versions[key], self.saved[key], self.outage = result, data, False
            self.refused.pop(key, None)
            form.clear_errors()
            return True
        self._failed(key, data, result)
        return False

    def _failed(self, key: str, data: dict[str, Any], exc: RelguiError) -> None:
        if isinstance(exc, Conflict):
            if getattr(exc, "reload", False):
                self.reload_section(key)
            else:
                self.conflicted.add(key)
                self.forms[key].show_conflict(exc.by, local_time(exc.at))
        elif isinstance(exc, StorageUnavailable):
            self.outage = True
        elif isinstance(exc, RelguiError):
            self.forms[key].show_refusal(exc)
            self.refused[key] = data

    def refresh(self) -> plans.PlanView | None:
        """Read gaps, warnings, status and the commands allowed again, on a worker; an error here
        only leaves them stale (before: read on the GUI thread after every save)."""
        ok, got = ops.call(self.window, self.gctx, read_plan, self.gctx.app, self.release_id, quiet=True)
        if not ok:
            return None
        self.refreshed.emit(got)
        return got.view

    # ---------------------------------------------------------------- the conflict's two ways out
    def reload_section(self, key: str) -> None:
        done, got = ops.call(self.window, self.gctx, read_plan, self.gctx.app, self.release_id)
        if done:
            self.load(got.view, [key])
            self.refreshed.emit(got)

    def overwrite(self, key: str) -> None:
        """The user chose to replace the other version with their input: save on top of it."""
        done, view = ops.call(self.window, self.gctx, plans.get, self.gctx.app, self.release_id)
        if done:
            self.versions[key] = int(view.section_versions.get(key, 0))
            self.conflicted.discard(key)
            self.forms[key].hide_conflict()
            self.save([key])
