"""Alert rules as data (issue 16): who is told of what, and when.

The default is ``resources/alerts/rules.toml``; a company keeps its own copy in the database
(relgui.services.alerts.save_rules). Read with the profile's strict reader: a typo or an
unknown event, recipient or channel is refused naming the key, so a rule is never silently
dropped. The deadlines themselves come from the policy profile (relgui.domain.deadlines).
"""

from __future__ import annotations

import functools
import importlib.resources
import tomllib
from dataclasses import dataclass

from relgui.policy.reader import PolicyError, Reader

EVENTS = ("plan_submitted", "problem_reported", "decision_clock", "cmdb_clock", "outside_window", "kpi_below")
CLOCKS = ("decision_clock", "cmdb_clock")  # events whose rules may fire at warn/due
AT = ("now", "warn", "due")
RECIPIENTS = ("approvers", "managers", "owner", "reporter", "engineers", "admins")
CHANNELS = ("desktop", "email", "wecom", "dingtalk")
GROUP_CHANNELS = ("wecom", "dingtalk")  # one message to the group per rule, not per person


@dataclass(frozen=True)
class Rule:
    key: str
    event: str
    at: str
    to: tuple[str, ...]
    channels: tuple[str, ...]
    enabled: bool = True


@dataclass(frozen=True)
class Rules:
    rules: tuple[Rule, ...]
    source: str = ""

    def for_event(self, event: str) -> list[Rule]:
        return [r for r in self.rules if r.event == event and r.enabled]


def load_text(text: str, source: str = "<alert rules>") -> Rules:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PolicyError(source, "<syntax>", str(exc)) from None
    root = Reader(data, "", source)
    out: list[Rule] = []
    seen: set[str] = set()
    for r in root.tables("rules"):
        key = r.str("key")
        if key in seen:
            raise r.fail("key", f"rule {key!r} defined twice")
        seen.add(key)
        event = r.str("event")
        if event not in EVENTS:
            raise r.fail("event", f"unknown event {event!r} (one of {', '.join(EVENTS)})")
        at = r.str("at", "now")
        if at not in AT:
            raise r.fail("at", f"unknown time {at!r} (one of {', '.join(AT)})")
        if at != "now" and event not in CLOCKS:
            raise r.fail("at", f"{event} has no deadline: only 'now'")
        to = r.str_list("to")
        bad = [x for x in to if x not in RECIPIENTS]
        if bad:
            raise r.fail("to", f"unknown recipient {bad[0]!r} (one of {', '.join(RECIPIENTS)})")
        channels = r.str_list("channels")
        bad = [x for x in channels if x not in CHANNELS]
        if bad:
            raise r.fail("channels", f"unknown channel {bad[0]!r} (one of {', '.join(CHANNELS)})")
        out.append(Rule(key, event, at, tuple(dict.fromkeys(to)), tuple(dict.fromkeys(channels)),
                        r.bool("enabled", True)))
        r.done()
    root.done()
    return Rules(tuple(out), source)


def default_text() -> str:
    return importlib.resources.files("relgui.resources").joinpath("alerts", "rules.toml").read_text(encoding="utf-8")


@functools.cache
def default_rules() -> Rules:
    return load_text(default_text(), "rules.toml")


@functools.cache
def parsed(text: str) -> Rules:
    """A company's stored rules (cached by their text: they are read at every alerting write)."""
    return load_text(text, "alert_settings.rules")
