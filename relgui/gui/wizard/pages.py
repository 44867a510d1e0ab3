"""The wizard's pages, generated from the policy profile: 受理与评估 holds every section of
the profile's assessment page (correlation, resources, risks) with the linked change
requests; every other section has a page of its own, in the profile's order."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from relgui.domain.release_detail import ReleaseDetail
from relgui.gui.wizard.lookups import Lookups
from relgui.gui.wizard.panels import ChangesPanel, KnowledgePanel, TriggersPanel, WarningsPanel
from relgui.gui.wizard.section_form import SectionForm

GROUPED = "assessment"                     # the profile page shown as one wizard page
KNOWLEDGE_SECTIONS = ("risks", "rollback")  # where earlier lessons help most
SCHEDULE = "schedule"                       # the section holding the window (conflicts, freezes)

W = TypeVar("W", bound=QWidget)  # PlanPage.add hands back the widget it was given, as what it is


class PlanPage(QWizardPage):
    def __init__(self, key: str, title: str, subtitle: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.key = key
        self.setObjectName(f"page_{key}")
        # QWizard gives a page its size hint unless it asks for more; a form page wants it all.
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setTitle(title)
        if subtitle:
            self.setSubTitle(subtitle)
        self.forms: list[SectionForm] = []
        self.warnings: WarningsPanel | None = None
        self.knowledge: KnowledgePanel | None = None
        self.body = QWidget()
        self.body_layout = QVBoxLayout(self.body)
        scroll = QScrollArea(widgetResizable=True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.body)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(scroll)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.splitter)

    def add(self, widget: W) -> W:
        self.body_layout.addWidget(widget)
        if isinstance(widget, SectionForm):
            self.forms.append(widget)
        return widget

    def set_side(self, widget: QWidget) -> None:
        self.splitter.addWidget(widget)
        self.splitter.setStretchFactor(0, 4)  # the form gets the room; the side panel its hint
        self.splitter.setStretchFactor(1, 0)

    def finish(self) -> None:
        self.body_layout.addStretch(1)


def build(gctx, release: ReleaseDetail, lookups: Lookups) -> list[PlanPage]:
    profile, lang = gctx.profile, gctx.lang
    pages: list[PlanPage] = []
    grouped = [s for s in profile.plan_sections if s.page == GROUPED]
    if grouped:
        head = next(p for p in profile.plan_pages if p.key == GROUPED)
        page = PlanPage(GROUPED, head.label(lang))
        page.add(ChangesPanel(gctx, release.changes))
        for section in grouped:
            page.add(SectionForm(gctx, section, lookups))
        pages.append(page)
    for section in (s for s in profile.plan_sections if s.page != GROUPED):
        page = PlanPage(section.key, section.label(lang))
        form = page.add(SectionForm(gctx, section, lookups))
        form.setTitle("")  # the page title says it already
        form.setFlat(True)
        if section.rollback_plan:
            page.add(TriggersPanel(gctx, form))
        if section.key == SCHEDULE:
            page.warnings = page.add(WarningsPanel())
        pages.append(page)
    for page in pages:
        if any(f.section.key in KNOWLEDGE_SECTIONS for f in page.forms):
            page.knowledge = KnowledgePanel(gctx, release.id)
            page.set_side(page.knowledge)
        page.finish()
    return pages
