"""Versioned names for pluggable parts (``"coder.cameo_deps.v1"``).

A registry is an object, not a module global: :func:`eventwire.pipeline.default_registry`
builds a fresh one, so two configurations can live in one process and a plug-in
can register into its own copy without touching anybody else's.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

_NAME = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*\.v\d+$")


class UnknownComponentError(KeyError):
    """Raised for a name nobody registered; the message lists the valid ones."""

    def __init__(self, kind: str, name: str, valid: list[str]) -> None:
        self.kind, self.name, self.valid = kind, name, valid
        super().__init__(f"unknown {kind} {name!r}; valid names: {', '.join(valid) or '(none)'}")

    def __str__(self) -> str:
        return str(self.args[0])


@dataclass
class Registry:
    """Maps ``kind`` (e.g. ``"coder"``) and a versioned name to a factory."""

    _entries: dict[str, dict[str, Callable[..., Any]]] = field(default_factory=dict)

    def register(self, kind: str, name: str, factory: Callable[..., Any]) -> None:
        if not _NAME.match(name):
            raise ValueError(f"registered names look like 'coder.cameo_deps.v1', got {name!r}")
        slot = self._entries.setdefault(kind, {})
        if name in slot:
            raise ValueError(f"{kind} {name!r} is already registered")
        slot[name] = factory

    def get(self, kind: str, name: str) -> Callable[..., Any]:
        slot = self._entries.get(kind, {})
        if name not in slot:
            raise UnknownComponentError(kind, name, sorted(slot))
        return slot[name]

    def create(self, kind: str, name: str, **kwargs: Any) -> Any:
        return self.get(kind, name)(**kwargs)

    def names(self, kind: str) -> list[str]:
        return sorted(self._entries.get(kind, {}))

    def kinds(self) -> list[str]:
        return sorted(self._entries)

    def __iter__(self) -> Iterator[tuple[str, str]]:
        for kind in self.kinds():
            for name in self.names(kind):
                yield kind, name
