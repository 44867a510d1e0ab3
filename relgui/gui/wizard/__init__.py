"""The plan wizard (发布计划向导): one page per part of the plan, autosaved."""

from relgui.gui.wizard import refcount_guard  # noqa: F401 - before the first keystroke (see there)
