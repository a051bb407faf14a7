"""Role-to-office-holder chains in descriptors (issue 15, class 5).

The role-timeline check reads nationality, "former", "late", "then-", domains
("on economic policy") and links ("for the government of") between the role
and the leader's name. Rule: a current role ("an adviser to") to a leader out
of office a year or more is flagged; to a leader the text itself calls
"former", only 20 years or more after the term; a past role ("former
adviser", "then-Prime Minister", "the late", "who served as") only when it
would date back 40 years or more. A leader in office at the article's date,
after 2015 (beyond the record), unknown to the record, or of another
nationality than the text gives is never flagged. Source names are invented;
leaders come from Archigos 4.1.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from newsift.document import Document
from tests.attribution.test_flags import flags_for, person

Analyse = Callable[[str], Document]

PUBLISHED = "2020-06-01"

CASES = [
    # (descriptor, implausible_timeline expected)
    ("an advisor on economic policy to former Belgian Prime Minister Wilfried Martens", True),
    ("an adviser to Greek Prime Minister Andreas Papandreou", True),
    ("a spokesman for Belgium's former prime minister, Wilfried Martens", True),
    ("a policy adviser to German Chancellor Helmut Kohl", True),
    ("a consultant for the government of Prime Minister Thatcher", True),
    ("a former economic adviser to President Dwight Eisenhower", True),
    ("a senior aide to the late President Eisenhower", True),
    # past roles within 40 years: the wording does not present a current voice
    ("a former adviser to Greek Prime Minister Andreas Papandreou", False),
    ("a senior adviser to the late Swedish Prime Minister Olof Palme", False),
    ("who served as an adviser to Swedish Prime Minister Olof Palme", False),
    ("an aide to then-Prime Minister Margaret Thatcher", False),
    # current role to a former leader who left office less than 20 years before
    ("an adviser to former German Chancellor Gerhard Schröder", False),
    ("an adviser to German Chancellor Gerhard Schröder", True),
    # in office, beyond the record, not in the record, or another nationality
    ("chief of staff to Chancellor Angela Merkel", False),
    ("an adviser to French President Wilfried Martens", False),
    ("an adviser to Greek Prime Minister George Papandreou", False),
    ("an adviser to Finance Minister Ruth Hale", False),
    ("an adviser to Prime Minister Vera Koslund", False),
]


@pytest.mark.parametrize(("descriptor", "flagged"), CASES)
def test_role_timeline(descriptor: str, flagged: bool) -> None:
    kinds = flags_for(person(descriptor), published=PUBLISHED)
    assert ("implausible_timeline" in kinds) is flagged


def test_took_office_after_the_article() -> None:
    kinds = flags_for(person("an adviser to Prime Minister Thatcher"), published="1975-01-01")
    assert "implausible_timeline" in kinds


def test_no_date_no_timeline() -> None:
    kinds = flags_for(person("an adviser to Prime Minister Thatcher"), published="")
    assert "implausible_timeline" not in kinds


def test_evidence_is_the_chain_in_the_text(analyse: Analyse) -> None:
    import newsift.attribution.flags  # noqa: F401  registers attribution.flags.v1
    from newsift.attribution.flags import ExpertFlagger

    text = (
        "Rolf Haber, an advisor on economic policy to former Belgian Prime Minister "
        "Wilfried Martens, said the euro would collapse."
    )
    doc = analyse(text)
    doc.meta.published = PUBLISHED
    flags = [f for f in ExpertFlagger()(doc).layers["flags"] if f.kind == "implausible_timeline"]
    assert len(flags) == 1
    (span,) = flags[0].evidence
    assert text[span.start : span.end] == (
        "advisor on economic policy to former Belgian Prime Minister Wilfried Martens"
    )
    assert "Wilfried Martens left office in 1992" in flags[0].reason
    assert "yet the role is given as current" in flags[0].reason


def test_past_role_within_forty_years_keeps_the_advisory_flag(analyse: Analyse) -> None:
    from newsift.attribution.flags import ExpertFlagger

    doc = analyse(
        "Nikos Vlahos, a former adviser to Greek Prime Minister Andreas Papandreou, "
        "told me the sanctions had failed."
    )
    doc.meta.published = PUBLISHED
    kinds = sorted(f.kind for f in ExpertFlagger()(doc).layers["flags"])
    assert kinds == ["former_or_advisory_only", "only_to_author"]
