"""Starting a plan from something: a template per release type, or sections of an earlier
release's plan.

Templates are TOML files in relgui.resources/plan_templates (one per release type, named
by its key), checked against the policy profile with relgui.domain.plan.clean_section when
they are read. Both ways write through relgui.services.plans.save_sections, so the rules,
the audit trail and conflict detection apply as to typing: all the chosen sections in one
transaction (all or none), each section's audit event naming where it came from.
"""

from __future__ import annotations

import importlib.resources
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from relgui.domain import lang as language
from relgui.domain import text
from relgui.domain.errors import InvalidInput
from relgui.domain.plan import REF_SUFFIX, clean_section
from relgui.domain.text import clean
from relgui.policy import Profile, current_profile
from relgui.services import plans
from relgui.services.context import AppContext
from relgui.services.releases import profile_of

FOLDER = "plan_templates"


@dataclass(frozen=True)
class Template:
    key: str  # the release type it is for (the file's name)
    name: str
    name_en: str
    description: str
    description_en: str
    sections: dict[str, dict[str, Any]]

    def label(self, lang: str = "zh_CN") -> str:
        return language.either(self.name, self.name_en, lang)

    def about(self, lang: str = "zh_CN") -> str:
        return language.either(self.description, self.description_en, lang)


def _folder():
    return importlib.resources.files("relgui.resources").joinpath(FOLDER)


def keys() -> list[str]:
    return sorted(p.name[:-5] for p in _folder().iterdir() if p.name.endswith(".toml"))


def load(key: str, profile: Profile | None = None) -> Template:
    """Read one template and check every section against the profile (clean_section)."""
    profile = profile or current_profile()
    if not isinstance(key, str) or key not in keys():  # a name, never a path into the package
        raise InvalidInput.of("template", "unknown_choice", value=clean(str(key))[:40])
    source = _folder().joinpath(f"{key}.toml")
    raw = tomllib.loads(source.read_text("utf-8"))
    sections: dict[str, dict[str, Any]] = {}
    for section_key, data in (raw.get("sections") or {}).items():
        try:
            section = profile.section(section_key)
        except KeyError:
            raise InvalidInput.of(section_key, "unknown_section") from None
        clean_section(section, data)  # refuses a malformed template, naming the value
        sections[section_key] = data
    return Template(key, raw["name"], raw["name_en"], raw.get("description", ""),
                    raw.get("description_en", ""), sections)


def available(profile: Profile | None = None) -> list[Template]:
    """The templates, in the order of the profile's release types."""
    profile = profile or current_profile()
    order = {k: i for i, k in enumerate(profile.release_types)}
    return sorted((load(k, profile) for k in keys()), key=lambda t: order.get(t.key, len(order)))


def apply(ctx: AppContext, target: int | str, template_key: str, sections: Iterable[str] | None = None, *,
          base_versions: dict[str, int]) -> dict[str, int]:
    """Write the template's sections (all, or those named) into the target's plan; returns
    each section's new version. ``base_versions`` as in plans.save_section (Conflict)."""
    template = load(template_key, profile_of(ctx, target))
    sections = None if sections is None else text.keys(sections, "section", limit=40)
    chosen = template.sections if sections is None else {
        k: template.sections[k] for k in sections if k in template.sections}
    return plans.save_sections(ctx, target, chosen, base_versions=base_versions, origin=f"template:{template.key}")


def _without_refs(data: dict[str, Any]) -> dict[str, Any]:
    # Resolved ids belong to the source plan; the target's save resolves names again.
    return {k: [{c: v for c, v in row.items() if not c.endswith(REF_SUFFIX)} for row in value]
            if isinstance(value, list) else value for k, value in data.items()}


def copy_sections(ctx: AppContext, target: int | str, source_release: int | str, sections: Iterable[str], *,
                  base_versions: dict[str, int]) -> dict[str, int]:
    """Copy the chosen sections of another release's current plan into the target's plan."""
    sections = text.keys(sections, "section", limit=40)
    source = plans.get(ctx, source_release)
    chosen = {k: _without_refs(source.content[k]) for k in sections if k in source.content}
    return plans.save_sections(ctx, target, chosen, base_versions=base_versions, origin=f"copy:{source.number}")
