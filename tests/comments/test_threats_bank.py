"""The written threat bank: kept apart from the functional tests, filled once per name."""

from __future__ import annotations

import pytest
from training.threats_bank import (
    MORE_NOT_THREATS,
    MORE_THREATS,
    NAMES,
    NOT_THREATS,
    THREATS,
    bank,
    filled,
)

from tests.comments.functional.cases import HALVES, cases


def test_no_bank_text_is_a_functional_case() -> None:
    texts, _ = bank(more=True)
    functional = {case.text.lower() for half in HALVES for case in cases(half)}
    assert not {text.lower() for text in texts} & functional


def test_threats_and_look_alikes_share_no_template() -> None:
    assert not set(THREATS + MORE_THREATS) & set(NOT_THREATS + MORE_NOT_THREATS)


def test_the_plain_bank_is_the_one_threats_v1_was_fitted_on() -> None:
    """Session 11's shapes come only with ``more``, so ``make models`` rebuilds threats-v1."""
    plain, plain_threat = bank()
    more, more_threat = bank(more=True)
    assert (len(plain), sum(plain_threat)) == (849, 474)
    assert set(plain) < set(more) and sum(more_threat) > sum(plain_threat)
    assert not set(plain) & set(filled(MORE_THREATS + MORE_NOT_THREATS))


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        ("Sleep tight, {p}.", [f"Sleep tight, {name}." for name in NAMES["p"]]),
        ("The storm hammered the coast overnight.", ["The storm hammered the coast overnight."]),
    ],
)
def test_a_template_is_filled_with_every_name_of_its_slot(
    template: str, expected: list[str]
) -> None:
    assert list(filled((template,))) == expected


def test_bank_lists_threats_first_without_repeats() -> None:
    texts, is_threat = bank()
    assert len(texts) == len(set(texts)) == len(is_threat)
    first_other = is_threat.index(False)
    assert all(is_threat[:first_other]) and not any(is_threat[first_other:])
