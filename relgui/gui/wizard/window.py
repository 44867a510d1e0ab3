"""发布计划向导: the window that opens from the release detail's 编辑发布计划 command.

One page per part of the plan in the order an engineer thinks (relgui.gui.wizard.pages),
a side list with ✓/✗ per page, autosave (relgui.gui.wizard.autosave), templates and
copying, revisions, and a review page that submits. Reopening resumes on the page the user
was on (plan.last_page).
"""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget, QWizard

from relgui.domain.release_detail import ReleaseDetail
from relgui.gui import ops
from relgui.gui.wizard import pages as page_builder
from relgui.gui.wizard.autosave import Autosaver, WizardRead, read_plan
from relgui.gui.wizard.commands import Commands
from relgui.gui.wizard.lookups import Lookups
from relgui.gui.wizard.mode import Mode, ModeBox, mode_for
from relgui.gui.wizard.navigation import PageList
from relgui.gui.wizard.review import REVIEW, ReviewPage
from relgui.services import plans

B = QWizard.WizardButton


class PlanWizard(QWizard):
    def __init__(self, gctx, release: ReleaseDetail, parent: QWidget | None = None):
        super().__init__(parent)
        self.gctx, self.release = gctx, release
        self.setObjectName("plan_wizard")
        self.setWindowTitle(self.tr("发布计划向导 — {number} {title}").format(number=release.number, title=release.title))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOptions(QWizard.WizardOption.NoCancelButton | QWizard.WizardOption.HaveFinishButtonOnEarlyPages
                        | QWizard.WizardOption.NoBackButtonOnStartPage)
        self.setButtonText(B.FinishButton, self.tr("关闭"))
        self.lookups = Lookups(gctx)
        self.lookups.start(self)  # on a worker; the reference columns offer them once read
        self.plan_pages = page_builder.build(gctx, release, self.lookups)
        page_of = {f.section.key: p.key for p in self.plan_pages for f in p.forms}
        self.review = ReviewPage(gctx, page_of)
        every: list[page_builder.PlanPage | ReviewPage] = [*self.plan_pages, self.review]
        self.page_ids = {p.key: self.addPage(p) for p in every}
        for key in self.page_ids:
            # Everything is saved as it is typed: closing is possible from any page.
            self.page(self.page_ids[key]).setFinalPage(True)
        self.forms = {f.section.key: f for p in self.plan_pages for f in p.forms}
        self.page_of = page_of
        self.autosaver = Autosaver(gctx, release.id, self.forms, self)
        self.commands = Commands(self)
        self._side()
        self._jumping = True  # no last-page writes while building and resuming
        self.mode, self.unlocked_status = Mode.EDIT, ""
        self.view: plans.PlanView | None = None  # the plan as last read or saved
        self._connect()
        line = self.fontMetrics().height()  # about one Chinese character: sizes follow the font and scaling
        self.setMinimumSize(line * 52, line * 34)
        self.preferred: tuple[int, int] | None = (line * 72, line * 46)
        self.restart()
        view = self.reload()
        self._jumping = False
        if view is not None and view.last_page in self.page_ids:
            self.jump(view.last_page)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self.preferred:  # once: QWizard sizes itself to its pages on the first show
            self.resize(*self.preferred)
            self.preferred = None

    def _side(self) -> None:
        self.side = side = QWidget()  # setSideWidget does not keep it alive
        side.setObjectName("wizard_side")
        layout = QVBoxLayout(side)
        layout.setContentsMargins(0, 0, 0, 0)
        self.nav = PageList(side)
        every: list[page_builder.PlanPage | ReviewPage] = [*self.plan_pages, self.review]
        self.nav.set_pages([(p.key, p.title()) for p in every])
        self.mode_box = ModeBox(self.gctx, side)
        layout.addWidget(self.nav, 1)
        layout.addWidget(self.mode_box)
        self.setSideWidget(side)

    def _connect(self) -> None:
        self.nav.jump.connect(self.jump)
        self.review.jump.connect(self.jump)
        self.review.submit_requested.connect(self.commands.submit)
        self.mode_box.unlock.connect(self.unlock)
        self.autosaver.refreshed.connect(self.show_view)
        self.autosaver.state_changed.connect(self._mark)
        self.currentIdChanged.connect(self._arrived)

    # ---------------------------------------------------------------- loading and state
    def reload(self) -> plans.PlanView | None:
        """Read the plan whole and put it in every form."""
        ok, got = ops.call(self, self.gctx, read_plan, self.gctx.app, self.release.id)
        if not ok:
            self.set_mode(Mode.READ_ONLY, [])
            return None
        self.autosaver.load(got.view)
        self.show_view(got)
        return got.view

    def show_view(self, got: WizardRead) -> None:
        """The plan as read with the commands allowed (read_plan, one op on a worker)."""
        view = self.view = got.view
        mode, refusals = mode_for(view, got.allowed)
        if mode is Mode.LOCKED and view.status == self.unlocked_status:
            mode = Mode.EDIT  # the user confirmed editing in this state; the first save voids it
        self.set_mode(mode, refusals)
        self.mode_box.show_mode(self.mode, view, refusals)
        self.review.show_view(view)
        for page in self.plan_pages:
            if page.warnings is not None:
                page.warnings.show_warnings(view.warnings)
        for key, form in self.forms.items():
            form.show_gaps([g for g in view.gaps if g.section == key])
        self._mark()

    def set_mode(self, mode: Mode, refusals: list) -> None:
        self.mode = mode
        editable = mode is Mode.EDIT
        self.autosaver.enabled = editable
        for form in self.forms.values():
            form.set_read_only(not editable)
        for button in (B.CustomButton1, B.CustomButton2):
            self.button(button).setEnabled(editable)
        self.review.submit.setEnabled(mode is not Mode.READ_ONLY)

    def unlock(self) -> None:
        view = self.view
        if view is None:  # nothing read: no plan to unlock (the box offers it only over a plan shown)
            return
        title, text = self.mode_box.confirm_text(view)
        if ops.ask(self, title, text):
            self.unlocked_status = view.status
            self.set_mode(Mode.EDIT, [])
            self.mode_box.show_mode(Mode.EDIT, view, [])

    def _mark(self) -> None:
        if self.view is None:
            return
        self.nav.mark([self.page_of.get(g.section, REVIEW) for g in self.view.gaps],
                      {self.page_of[k] for k in self.autosaver.pending()}, [p.key for p in self.plan_pages])

    # ---------------------------------------------------------------- navigation
    def page_key(self, page_id: int | None = None) -> str:
        page = self.page(self.currentId() if page_id is None else page_id)
        return getattr(page, "key", "")

    def validateCurrentPage(self) -> bool:
        """Leaving a page (Next, jump, close) saves its sections; a refused value keeps the
        user on the page, next to the message."""
        page = self.currentPage()
        keys = [f.section.key for f in getattr(page, "forms", [])]
        if self.mode is not Mode.EDIT or not keys:
            return True
        self.autosaver.save(keys)
        return not any(k in self.autosaver.refused for k in keys)

    def _arrived(self, page_id: int) -> None:
        if page_id < 0:
            return
        self.autosaver.save()  # Back does not validate: what was typed is saved here
        key = self.page_key(page_id)
        self.autosaver.page = key
        self.nav.show_current(key)
        page = self.page(page_id)
        if isinstance(page, page_builder.PlanPage) and page.knowledge is not None:
            page.knowledge.refresh()
        if key == REVIEW:
            self.autosaver.refresh()
        if not self._jumping:
            self._remember(key)

    def _remember(self, key: str) -> None:
        if self.mode is not Mode.READ_ONLY:  # a reader leaves no trace in the plan
            self.autosaver.remember_page(key)

    def jump(self, key: str) -> None:
        """Go to a page: forward through Next (each page left is saved), back through Back."""
        target = self.page_ids.get(key)
        if target is None or target == self.currentId():
            return
        outer, self._jumping = self._jumping, True
        try:
            while self.currentId() < target:
                before = self.currentId()
                self.next()
                if self.currentId() == before:
                    break  # a refused value holds the user on its page
            while self.currentId() > target:
                self.back()
        finally:
            self._jumping = outer
        if not outer:
            self._remember(self.page_key())

    # ---------------------------------------------------------------- closing
    @property
    def changed(self) -> bool:
        return self.autosaver.wrote or self.commands.wrote or self.commands.submitted

    def done(self, result: int) -> None:
        self.autosaver.idle.stop()
        if not self.autosaver.save() and self.autosaver.unsaved():
            names = "、".join(self.forms[k].section.label(self.gctx.lang) for k in self.autosaver.unsaved())
            if not ops.ask(self, self.tr("关闭发布计划向导"),
                           self.tr("以下部分的修改未能保存：{names}。\n\n仍然关闭？这些修改将丢失。").format(names=names)):
                return
        super().done(result)


def open_plan(parent, gctx, release: ReleaseDetail) -> bool:
    """The detail's 编辑发布计划 command: the wizard, modal; True when anything was saved."""
    wizard = PlanWizard(gctx, release, parent)
    wizard.exec()
    return wizard.changed
