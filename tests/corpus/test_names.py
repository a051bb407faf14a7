"""Names grouped across variants: titles dropped, initials matched to one first name."""

from __future__ import annotations

import pytest

from newsift.corpus.names import display_names, group_names, parse_name


@pytest.mark.parametrize(
    ("names", "same", "different"),
    [
        (["Dr. L. Vosskuhl", "Lennart Vosskuhl", "Prof. Lennart Vosskuhl"], True, False),
        (["Vosskuhl", "Dr. Lennart Vosskuhl"], True, False),
        (["Dr. Jürgen Müller", "Jurgen Muller"], True, False),
        (["Senator Lucia Okafor", "Lucia Okafor, Jr."], True, False),
        (["John Smith", "Jane Smith"], False, True),
        (["J. Smith", "John Smith", "Jane Smith"], False, True),  # ambiguous initial
        (["Lennart Vosskuhl", "Anna Vosskuhl", "Vosskuhl"], False, True),  # ambiguous surname
    ],
)
def test_grouping(names: list[str], same: bool, different: bool) -> None:
    keys = set(group_names(names).values())
    assert (len(keys) == 1) is same
    assert (len(keys) > 1) is different


def test_display_prefers_the_full_untitled_name() -> None:
    mapping = group_names(["Dr. L. Vosskuhl", "Dr. Lennart Vosskuhl"])
    assert display_names(mapping) == {"lennart vosskuhl": "Lennart Vosskuhl"}


@pytest.mark.parametrize("name", ["", "Dr.", "Prof. Dr."])
def test_a_title_alone_is_no_name(name: str) -> None:
    assert parse_name(name) is None
