"""The plan wizard (发布计划向导): one page per part of the plan, autosaved."""
