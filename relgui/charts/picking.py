"""Which figure a clicked bar or point stands for.

Each pickable artist is remembered with the FigureKey of every element it draws (one for a
bar, one per point for a line). The GUI connects the canvas's ``pick_event`` and asks
``key_of(event)``; relgui.services.kpi.releases_behind(ctx, key) then lists the releases.
"""

from __future__ import annotations

import weakref
from collections.abc import Sequence

from relgui.domain.kpi import FigureKey

_KEYS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def remember(artist, keys: Sequence[FigureKey], radius: float = 6) -> None:
    """Make ``artist`` pickable; ``keys[i]`` is what its i-th element stands for."""
    artist.set_picker(True)
    if hasattr(artist, "set_pickradius"):
        artist.set_pickradius(radius)
    _KEYS[artist] = tuple(keys)


def key_of(event) -> FigureKey | None:
    """The FigureKey of a matplotlib PickEvent, or None for an artist that stands for nothing."""
    keys = _KEYS.get(event.artist)
    if not keys:
        return None
    ind = getattr(event, "ind", None)
    index = int(ind[0]) if ind is not None and len(ind) else 0
    return keys[index] if index < len(keys) else None


def keys_of(artist) -> tuple[FigureKey, ...]:
    return _KEYS.get(artist, ())
