"""Strict reading of a TOML table: every error names the key path it is about."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal, overload

# The Reader's methods are named after the types they read (str, int, bool), which shadows the
# builtins inside its class body: its annotations name the builtins through these.
_Text = str
_Int = int
_Bool = bool


class PolicyError(ValueError):
    """A policy profile is malformed. ``key`` is the dotted path of the offending key."""

    def __init__(self, source: str, key: str, problem: str):
        self.source = source
        self.key = key
        self.problem = problem
        super().__init__(f"{source}: {key}: {problem}")


class Reader:
    """Reads one table; remembers which keys were used so unknown ones are refused."""

    def __init__(self, data: Any, path: str, source: str):
        if not isinstance(data, dict):
            raise PolicyError(source, path or "<root>", "expected a table")
        self._data = data
        self._path = path
        self._source = source
        self._used: set[str] = set()

    def key(self, name: str) -> str:
        if not name:
            return self._path or "<root>"
        return f"{self._path}.{name}" if self._path else name

    def fail(self, name: str, problem: str) -> PolicyError:
        return PolicyError(self._source, self.key(name), problem)

    def _get(self, name: str, required: bool) -> Any:
        self._used.add(name)
        if name not in self._data:
            if required:
                raise self.fail(name, "missing")
            return None
        return self._data[name]

    def str(self, name: str, default: str | None = None) -> str:
        value = self._get(name, default is None)
        if value is None and default is not None:  # None only when not required (TOML has no null)
            return default
        if not isinstance(value, str):
            raise self.fail(name, f"expected text, got {type(value).__name__}")
        if default is None and not value.strip():
            raise self.fail(name, "must not be empty")
        return value

    def bool(self, name: _Text, default: _Bool) -> _Bool:
        value = self._get(name, False)
        if value is None:
            return default
        if not isinstance(value, bool):
            raise self.fail(name, "expected true or false")
        return value

    def int(self, name: _Text, default: _Int | None = None, minimum: _Int | None = None) -> _Int:
        value = self._get(name, default is None)
        if value is None and default is not None:  # None only when not required
            return default
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(name, "expected a whole number")
        if minimum is not None and value < minimum:
            raise self.fail(name, f"must be at least {minimum}")
        return value

    def opt_int(self, name: _Text) -> _Int | None:
        value = self._get(name, False)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(name, "expected a whole number")
        return value

    def fraction(self, name: _Text) -> float:
        value = self._get(name, True)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.fail(name, "expected a number")
        if not 0 < value <= 1:
            raise self.fail(name, "must be a fraction between 0 and 1")
        return float(value)

    def date(self, name: _Text) -> dt.date:
        value = self._get(name, True)
        if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
            raise self.fail(name, "expected a date such as 2025-01-10")
        return value

    def str_list(self, name: _Text, default: list[_Text] | None = None) -> tuple[_Text, ...]:
        value = self._get(name, default is None)
        if value is None:
            return tuple(default or ())
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise self.fail(name, "expected a list of non-empty texts")
        return tuple(value)

    @overload
    def table(self, name: _Text, required: Literal[True] = ...) -> Reader: ...

    @overload
    def table(self, name: _Text, required: _Bool) -> Reader | None: ...

    def table(self, name: _Text, required: _Bool = True) -> Reader | None:
        value = self._get(name, required)
        if value is None:
            return None
        return Reader(value, self.key(name), self._source)

    def tables(self, name: _Text, required: _Bool = True) -> list[Reader]:
        value = self._get(name, required)
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.fail(name, "expected a list of tables")
        return [Reader(item, f"{self.key(name)}[{i}]", self._source) for i, item in enumerate(value)]

    def mapping(self, name: _Text) -> dict[_Text, Reader]:
        """A table whose keys are names chosen by the profile (e.g. roles.manager)."""
        value = self._get(name, True)
        if not isinstance(value, dict) or not value:
            raise self.fail(name, "expected a non-empty table")
        return {k: Reader(v, self.key(name) + "." + k, self._source) for k, v in value.items()}

    def raw(self, name: _Text) -> Any:
        return self._get(name, True)

    def done(self) -> None:
        """Refuse keys the loader does not know: a typo must not silently drop a rule."""
        unknown = sorted(set(self._data) - self._used)
        if unknown:
            raise self.fail(unknown[0], "unknown key (misspelt?)")
