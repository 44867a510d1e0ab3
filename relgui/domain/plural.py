"""Plural forms of the core's catalogue (relgui/domain/messages*.py): no I/O, no imports of
the catalogue, so every ``messages_<area>.py`` can use it."""

from __future__ import annotations

from typing import Any


class Plural(str):
    """An English text with a singular form: ``plural("{count} change", "{count} changes")``.

    It *is* the plural ("other") form, so whatever reads the catalogue without counting (the
    placeholder checks, the R-ID scans) still reads a whole sentence; ``render`` says ``one``
    when the count parameter ``n`` is 1 (English: 1 → one, 0 and 2+ → other). Chinese has one
    form and stays a plain string. A sentence with several counts says each by its own plural
    entry and takes them as parameters (messages_cli: cli_demo_made)."""

    one: str
    n: str

    def __new__(cls, one: str, other: str, n: str = "count") -> Plural:
        self = super().__new__(cls, other)
        self.one, self.n = one, n
        return self

    def pick(self, count: Any) -> str:
        return self.one if str(count).strip() == "1" else str(self)  # a count may come as text


def form(text: str, count: Any) -> str:
    """``text`` as said of ``count`` things: a ``Plural``'s form for it, any other text as is."""
    return text.pick(count) if isinstance(text, Plural) else text


def plural(one: str, other: str, n: str = "count") -> Plural:
    """The English of a catalogue entry that renders a count: its singular and plural form,
    chosen by the parameter named ``n``."""
    return Plural(one, other, n)
