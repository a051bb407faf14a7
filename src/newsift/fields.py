"""Reading JSON into the typed models: one checked conversion shared by every layer.

Every layer item is a dataclass whose field types are its model: :func:`read`
hands the item's JSON to msgspec (``msgspec.convert``, strict: no ``"3"`` for an
integer, no ``true`` for a number), which checks each field against its type,
fills absent fields with their defaults (so documents written before a field
existed read back as they did) and runs the class's ``__post_init__`` checks.
A failure becomes one :class:`~newsift.errors.SchemaError` that names the item
and the field's path (``Expected `int`, got `str` - at `$.paragraphs[0].start```);
no library exception reaches the caller. msgspec is imported on the first read,
so the paths that only write documents (``newsift analyze``) do not load it.

The small typed reads below serve code that reads JSON fields one by one (the
batch tables, plug-ins); each raises ``TypeError`` naming the field.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from newsift.errors import SchemaError

Item = TypeVar("Item")


def read(model: type[Item], data: object, what: str) -> Item:
    """``data`` (an item's JSON) as a ``model``, checked against its field types.

    ``what`` names the item in the error ("region", "quote").
    """
    import msgspec  # deferred: see the module docstring

    try:
        return msgspec.convert(data, model)
    except (msgspec.ValidationError, TypeError, ValueError) as exc:
        raise SchemaError(f"bad {what} {data!r:.200}: {exc}") from exc


def is_number(value: object) -> bool:
    """An int or float, but not a bool."""
    return isinstance(value, int | float) and not isinstance(value, bool)


def integer(data: Mapping[str, Any], key: str) -> int:
    value = data[key]
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"{key} must be an integer, got {value!r:.40}")
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
