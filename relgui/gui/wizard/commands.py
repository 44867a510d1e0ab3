"""The wizard's own commands: 从模板开始, 复制以往计划, 修订记录, 提交审批.

Templates and copies are written by relgui.services.plan_templates through save_section,
from the section versions the wizard holds, so they conflict like typing would. What the
user has typed is saved first; the written sections are then read back into the forms.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWizard

from relgui.gui import ops
from relgui.gui.dialogs.sign import ReasonDialog
from relgui.gui.wizard.autosave import read_plan
from relgui.gui.wizard.revisions import RevisionsDialog
from relgui.gui.wizard.start import CopyDialog, TemplateDialog
from relgui.services import plan_templates, plans

B = QWizard.WizardButton


class Commands(QObject):
    def __init__(self, wizard):
        super().__init__(wizard)
        self.wizard = wizard
        self.wrote = False
        self.submitted = False
        for button, text in ((B.CustomButton1, self.tr("从模板开始(&T)…")), (B.CustomButton2, self.tr("复制以往计划(&C)…")),
                             (B.CustomButton3, self.tr("修订记录(&R)…"))):
            wizard.setOption(getattr(QWizard.WizardOption, f"Have{button.name}"))
            wizard.setButtonText(button, text)
        wizard.setButtonLayout([B.CustomButton1, B.CustomButton2, B.CustomButton3, B.Stretch,
                                B.BackButton, B.NextButton, B.FinishButton])
        wizard.customButtonClicked.connect(self.custom_button)

    @property
    def gctx(self):
        return self.wizard.gctx

    def custom_button(self, which: int) -> None:
        actions = {B.CustomButton1.value: self.from_template, B.CustomButton2.value: self.copy,
                   B.CustomButton3.value: self.revisions}
        action = actions.get(int(which))
        if action is not None:
            action()

    def _current(self) -> dict | None:
        """The forms' content, once everything typed is saved; None (and why) otherwise."""
        saver = self.wizard.autosaver
        if not saver.save() and saver.unsaved():
            ops.tell(self.wizard, self.tr("发布计划"), self.tr("还有未保存的内容，请先处理本窗口中标出的问题。"))
            return None
        return {k: f.data() for k, f in self.wizard.forms.items()}

    def from_template(self) -> None:
        current = self._current()
        if current is None:
            return
        answer = TemplateDialog.ask(self.wizard, self.gctx, self.wizard.release.type, current)
        if answer is not None:
            self._write(plan_templates.apply, *answer)

    def copy(self) -> None:
        current = self._current()
        if current is None:
            return
        answer = CopyDialog.ask(self.wizard, self.gctx, self.wizard.release, current)
        if answer is not None:
            self._write(plan_templates.copy_sections, *answer)

    def _write(self, fn, source: str, sections: list[str]) -> None:
        w = self.wizard
        ops.call(w, self.gctx, fn, self.gctx.app, w.release.id, source, sections,
                 base_versions=dict(w.autosaver.versions))
        self.wrote = True
        # All sections, or those written before a conflict stopped it: show what is stored.
        done, got = ops.call(w, self.gctx, read_plan, self.gctx.app, w.release.id)
        if done:
            w.autosaver.load(got.view, [k for k in sections if k in w.forms])
            w.show_view(got)

    def revisions(self) -> None:
        self.wizard.autosaver.save()
        ok, view = ops.call(self.wizard, self.gctx, plans.get, self.gctx.app, self.wizard.release.id)
        if ok:
            RevisionsDialog(self.gctx, view, self.wizard).exec()

    def submit(self) -> None:
        """提交审批: freeze a revision; the service refuses with every gap listed."""
        w = self.wizard
        if self._current() is None:
            return
        reason = ReasonDialog.ask(w, self.tr("提交发布计划"), self.tr("修订说明（记入修订记录，首次提交可留空）："), False)
        if reason is None:
            return
        ok, number = ops.call(w, self.gctx, plans.submit, self.gctx.app, w.release.id, reason,
                              expected_version=w.view.release_version)
        if ok:
            self.submitted = True
            w.review.result.setText(self.tr("已冻结为 V{n} 并提交审批。").format(n=number))
            w.autosaver.refresh()
