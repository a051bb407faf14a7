"""Typed reads of JSON fields, shared by every layer's ``from_dict``.

Each raises ``TypeError`` naming the field when the value has the wrong type;
the layer's ``from_dict`` turns that into one :class:`~newsift.errors.SchemaError`
that also shows the offending item.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def is_number(value: object) -> bool:
    """An int or float, but not a bool."""
    return isinstance(value, int | float) and not isinstance(value, bool)


def integer(data: Mapping[str, Any], key: str) -> int:
    value = data[key]
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"{key} must be an integer, got {value!r:.40}")
    return value


def count(data: Mapping[str, Any], key: str) -> int:
    """A non-negative integer; 0 when absent."""
    value = data.get(key, 0)
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise TypeError(f"{key} must be a non-negative integer")
    return value


def string(data: Mapping[str, Any], key: str) -> str:
    value = data[key]
    if not isinstance(value, str):
        raise TypeError(f"{key} must be a string")
    return value


def optional_string(data: Mapping[str, Any], key: str) -> str | None:
    """A string or null; null when absent."""
    value = data.get(key)
    if value is None or isinstance(value, str):
        return value
    raise TypeError(f"{key} must be a string or null, got {value!r:.40}")


def boolean(data: Mapping[str, Any], key: str, default: bool = False) -> bool:
    value = data.get(key, default)
    if not isinstance(value, bool):
        raise TypeError(f"{key} must be true or false")
    return value
