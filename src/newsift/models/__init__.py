"""Models shipped with newsift: NumPy arrays in ``.npz`` files, each with a card beside it.

Weights are read with ``allow_pickle=False``: a file can only hold arrays, never code.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import numpy as np
from numpy.typing import NDArray


def load_arrays(file_name: str, path: Path | None = None) -> dict[str, NDArray[np.generic]]:
    """The arrays of the shipped model ``file_name`` (or of the file at ``path``)."""
    if path is None:
        source = resources.files("newsift.models").joinpath(file_name)
        with resources.as_file(source) as file, np.load(file, allow_pickle=False) as data:
            return dict(data)
    with np.load(path, allow_pickle=False) as data:
        return dict(data)
