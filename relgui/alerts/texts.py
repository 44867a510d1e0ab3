"""An alert's words in the recipient's language: what happened, the release, what is due by
when (the company's time zone) and how to act. Pure: the caller passes the zone."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from relgui.domain import lang as language
from relgui.domain import messages_alerts as M
from relgui.domain.messages import pick, words
from relgui.domain.plural import form


@dataclass(frozen=True)
class Text:
    subject: str
    body: str
    link: str  # relgui://release/NUMBER: what the desktop notification opens


_en = language.english
_pick = language.pick


def local(value: Any, zone: dt.tzinfo) -> str:
    """A stored UTC time (ISO text or datetime) in the company's zone, with the zone's name."""
    if value in (None, ""):
        return ""
    when = dt.datetime.fromisoformat(value) if isinstance(value, str) else value
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    shown = when.astimezone(zone)
    return f"{shown:%Y-%m-%d %H:%M} ({shown.tzname() or zone})"


def _left(seconds: float, lang: str) -> str:
    minutes = max(0, round(seconds / 60))
    if minutes >= 120:
        return _pick(M.LABELS["hours"], lang).format(n=round(minutes / 60))
    return _pick(M.LABELS["minutes"], lang).format(n=minutes)


def render(rule: str, params: dict[str, Any], lang: str, zone: dt.tzinfo, now: dt.datetime,
           *, repeat: bool = False) -> Text:
    p = {k: v for k, v in params.items()}
    p.setdefault("number", "")
    p.setdefault("title", "")
    p.setdefault("by", "")
    for key in ("deadline", "detected", "finished", "started", "at"):
        if key in p:
            p[key] = local(p[key], zone)
    if "window" in params:
        start, end = params["window"]
        p["window"] = f"{local(start, zone)} – {local(end, zone)}" if start and end else _pick(M.LABELS["none"], lang)
    if params.get("deadline"):
        due = dt.datetime.fromisoformat(params["deadline"])
        p["left"] = _left((due - now).total_seconds(), lang)
    if isinstance(params.get("triggers"), list):
        names = params.get(pick(("trigger_names", "trigger_names_en"), lang)) or params["triggers"]
        p["triggers"] = words("clauses", lang).join(names)
    p.setdefault("deadline", _pick(M.LABELS["none"], lang))
    p.setdefault("left", "")
    subject = _pick(M.SUBJECTS[rule], lang).format_map(_Blank(p))
    colon = words("colon", lang)
    lines = [_pick(M.WHAT[rule], lang).format_map(_Blank(p))]
    if rule == "kpi_below" and params.get("broken"):  # R-4.2.2-CLOSE: said, not silently left out
        lines.append(form(_pick(M.LABELS["kpi_broken"], lang), params["broken"]).format_map(_Blank(p)))
    if p.get("number"):
        lines.append(f"{_pick(M.LABELS['release'], lang)}{colon}{p['number']} {p['title']}".rstrip())
    if params.get("deadline"):
        lines.append(f"{_pick(M.LABELS['deadline'], lang)}{colon}{p['deadline']}")
    lines.append(f"{_pick(M.LABELS['how'], lang)}{colon}{_pick(M.HOW[rule], lang).format_map(_Blank(p))}")
    if repeat:
        subject += " " + _pick(M.LABELS["repeat"], lang)
    link = f"relgui://release/{params['number']}" if params.get("number") else ""
    return Text(subject, "\n".join(lines), link)


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return ""
