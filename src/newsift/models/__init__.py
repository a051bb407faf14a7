"""Models shipped with newsift: NumPy arrays in ``.npz`` files, each with a card beside it.

Weights are read with ``allow_pickle=False``: a file can only hold arrays, never code.

A model file that cannot be read (truncated, not a ZIP, a damaged array) or
that lacks an array or has one of the wrong shape is one
:class:`~newsift.errors.ModelError` naming the file and how to reinstall it,
never a traceback: every loader goes through :func:`load_model`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import TypeVar

import numpy as np
from numpy.typing import NDArray

from newsift.errors import ModelError

T = TypeVar("T")

REINSTALL = (
    "reinstall newsift: pip install --force-reinstall newsift (in a source checkout: make models)"
)


class ModelArrays(dict[str, NDArray[np.generic]]):
    """The arrays of one model file; a missing one is a :class:`ModelError`, not a KeyError."""

    def __init__(self, arrays: dict[str, NDArray[np.generic]], where: str) -> None:
        super().__init__(arrays)
        self.where = where

    def __missing__(self, key: str) -> NDArray[np.generic]:
        raise damaged(self.where, f"it has no array {key!r}")


def damaged(where: str, why: str) -> ModelError:
    """The error for a model file that cannot be used."""
    return ModelError(f"model file {where} is damaged or not this version's ({why}); {REINSTALL}")


def shipped_path(file_name: str) -> str:
    """Where the shipped model ``file_name`` is (for messages)."""
    return str(resources.files("newsift.models").joinpath(file_name))


def load_arrays(
    file_name: str, path: Path | None = None, *, sha256: str | None = None
) -> ModelArrays:
    """The arrays of the shipped model ``file_name`` (or of the file at ``path``).

    With ``sha256``, the shipped file's bytes must have that digest (a file at
    ``path``, the user's own, is not checked). Raises :class:`ModelError` when the
    file is missing, differs from the release or cannot be read.
    """
    where = str(path) if path is not None else shipped_path(file_name)
    try:
        if path is None:
            source = resources.files("newsift.models").joinpath(file_name)
            if sha256 is not None:
                digest = hashlib.sha256(source.read_bytes()).hexdigest()
                if digest != sha256:
                    raise damaged(where, f"SHA-256 {digest[:16]}... is not the release's")
            with resources.as_file(source) as file, np.load(file, allow_pickle=False) as data:
                return ModelArrays(dict(data), where)
        with np.load(path, allow_pickle=False) as data:
            return ModelArrays(dict(data), where)
    except FileNotFoundError as exc:
        raise ModelError(f"model file {where} is missing; {REINSTALL}") from exc
    except ModelError:
        raise
    except Exception as exc:  # any failure to read a model file is damage
        # BadZipFile, EOFError, zlib.error, OSError, ValueError (a bad array header, a
        # pickled object), MemoryError (a header claiming a huge array), ...
        raise damaged(where, f"{type(exc).__name__}: {exc}") from exc


def load_model(
    file_name: str,
    path: Path | None,
    build: Callable[[ModelArrays], T],
    *,
    sha256: str | None = None,
) -> T:
    """``build(arrays)`` of the model file (see :func:`load_arrays`, :func:`build_model`)."""
    return build_model(load_arrays(file_name, path, sha256=sha256), build)


def build_model(data: ModelArrays, build: Callable[[ModelArrays], T]) -> T:
    """``build(data)``, with any failure of ``build`` (a missing array, a wrong shape or
    version, a bad value) turned into one :class:`ModelError` naming the file."""
    try:
        return build(data)
    except ModelError:
        raise
    except (KeyError, ValueError, IndexError, TypeError, AttributeError) as exc:
        raise damaged(data.where, f"{type(exc).__name__}: {exc}") from exc
