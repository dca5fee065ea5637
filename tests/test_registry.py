from __future__ import annotations

import pytest

from eventwire.pipeline import default_registry
from eventwire.registry import Registry, UnknownComponentError


def test_unknown_name_lists_the_valid_ones() -> None:
    registry = default_registry()
    with pytest.raises(UnknownComponentError) as info:
        registry.get("coder", "coder.nonsense.v9")
    message = str(info.value)
    assert "coder.nonsense.v9" in message
    assert "coder.cameo_deps.v1" in message


def test_names_must_carry_a_version() -> None:
    registry = Registry()
    with pytest.raises(ValueError, match="v1"):
        registry.register("coder", "coder.unversioned", object)


def test_registries_are_independent() -> None:
    first, second = default_registry(), default_registry()
    first.register("coder", "coder.experimental.v1", object)
    assert "coder.experimental.v1" in first.names("coder")
    assert "coder.experimental.v1" not in second.names("coder")


def test_double_registration_fails() -> None:
    registry = default_registry()
    with pytest.raises(ValueError, match="already"):
        registry.register("dates", "dates.rules.v1", object)


def test_every_listed_data_file_ships() -> None:
    from eventwire.datafiles import DATA_FILES

    missing = [f.path for f in DATA_FILES if not f.exists()]
    assert not missing
    assert {f.licence for f in DATA_FILES} <= {"MIT", "CC BY-SA 4.0", "CC BY 4.0"}
