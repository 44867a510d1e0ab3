"""The one rule for the user's language: which of a pair (中文, English) is shown.

Catalogue entries, the policy profile's names, plan templates and chart labels are pairs; every
choice between the two is made here, so "English" means one thing everywhere: a language code
starting with "en", in any case. Anything else (zh_CN, empty) is Chinese, the policy's own
language. The GUI's own strings are Qt's (gui/i18n.py), which installs one language at a time.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")


def english(lang: str | None) -> bool:
    return (lang or "").lower().startswith("en")


def pick(pair: Sequence[T], lang: str | None) -> T:
    """``pair`` is (Chinese, English)."""
    return pair[1] if english(lang) else pair[0]


def either(zh: T, en: T | None, lang: str | None) -> T:
    """A record's own two fields (name / name_en): the English when asked for and given, else the Chinese."""
    return en if english(lang) and en else zh
