"""Flag precision (issue 15): descriptors read in full before a credential is flagged.

``no_institution`` holds back when an institution is named anywhere in the
descriptors the page gives: a capitalized name before or after the role ("NASA
planetary scientist", "senior fellow at the conservative Kohelet Policy Forum",
"CBS Sports NFL Insider"), a possessive ("the bank's"), or a definite employer
("an economist at the bank"); nationalities, regions, titles and sentence-initial
modifiers are not institutions. ``former_or_advisory_only`` treats "consultant"
as advisory unless it is a medical grade ("consultant chest physician"), and an
advisory title held at a named institution, or any current post elsewhere on the
page, is a current post. Sentences and names are invented.
"""

from __future__ import annotations

import pytest

from newsift.attribution.annotations import Quote, Source
from newsift.attribution.flags import ExpertFlagger
from newsift.document import Document, Meta, Span


def flags_in(text: str, name: str, descriptor: list[str], *, words: int = 12) -> list[str]:
    """Flag kinds for one named person in ``text`` with the given descriptor parts."""
    spans = []
    for part in descriptor:
        at = text.index(part)
        spans.append(Span(at, at + len(part)))
    at = text.index(name)
    source = Source(
        id="s1",
        name=name,
        kind="person",
        named=True,
        descriptor=", ".join(descriptor),
        descriptor_spans=tuple(spans),
        mentions=(Span(at, at + len(name)),),
        quotes=("q1",),
        quoted_words=words,
    )
    quote = Quote("q1", "indirect", Span(len(text) - 5, len(text)), source="s1")
    doc = Document(
        text, meta=Meta(published="2024-05-02"), layers={"sources": [source], "quotes": [quote]}
    )
    return sorted(f.kind for f in ExpertFlagger()(doc).layers["flags"])


NO_INSTITUTION = [
    # (text, name, descriptor parts, no_institution expected)
    ("Jane Roe, a geopolitical risk consultant, said the deal fails.", "Jane Roe",
     ["a geopolitical risk consultant"], True),
    ("Mark Ellery, an infectious disease expert, said cases will rise.", "Mark Ellery",
     ["an infectious disease expert"], True),
    ("Political analyst Tom Brandt said the vote is lost.", "Tom Brandt",
     ["Political analyst"], True),
    ("Belgian economist Pieter Claes said the euro holds.", "Pieter Claes",
     ["Belgian economist"], True),
    ("Lena Hart, a security analyst who has studied the region, said it is calm.", "Lena Hart",
     ["a security analyst who has studied the region"], True),
    ("Paul Verhoef, a retired engineer, said the bridge is unsafe.", "Paul Verhoef",
     ["a retired engineer"], True),
    ("Nadia Kos, a professor of economics, said prices rise.", "Nadia Kos",
     ["a professor of economics"], True),
    ("Ruth Ames, a researcher in climate policy, said the goal slips.", "Ruth Ames",
     ["a researcher in climate policy"], True),
    ("Energy strategist Carl Moe said oil will fall.", "Carl Moe",
     ["Energy strategist"], True),
    ("Omar Tell, a lawyer for the family, said they will appeal.", "Omar Tell",
     ["a lawyer for the family"], True),
    # an institution before or after the role, a possessive, an employer
    ("NASA planetary scientist Jane Roe said the crater is young.", "Jane Roe",
     ["NASA planetary scientist"], False),
    ("Avi Stern, a senior fellow at the conservative Kohelet Policy Forum, said no.",
     "Avi Stern", ["a senior fellow at the conservative Kohelet Policy Forum"], False),
    ("CBS Sports NFL Insider Jason Lacorte reported the trade is done.", "Jason Lacorte",
     ["CBS Sports NFL Insider"], False),
    ("Mia Ott, an economist at the bank, said rates stay.", "Mia Ott",
     ["an economist at the bank"], False),
    ("Harvard's chief economist Lee Park said growth slows.", "Lee Park",
     ["Harvard's chief economist"], False),
    ("Tom Ruiz, the company's lawyer, said the suit is baseless.", "Tom Ruiz",
     ["the company's lawyer"], False),
    ("Ana Beck, an analyst with Moody's, said debt is high.", "Ana Beck",
     ["an analyst with Moody's"], False),
    ("Sara Ito, a Stanford-trained economist, said wages lag.", "Sara Ito",
     ["a Stanford-trained economist"], False),
    ("Dr. Owen Dempster, a consultant chest physician at BMI Albyn Hospital, said so.",
     "Dr. Owen Dempster", ["a consultant chest physician at BMI Albyn Hospital"], False),
    # the institution is given at another mention of the same person
    ("Keller, an economist, warned of a slump. Later Keller, a senior economist at Deutsche "
     "Bank, said it had begun.", "Keller", ["an economist"], False),
    ("Analyst Rui Sousa said prices fall. As Goldman Sachs analyst Rui Sousa put it, cheap.",
     "Rui Sousa", ["Analyst"], False),
]  # fmt: skip


@pytest.mark.parametrize(("text", "name", "descriptor", "expected"), NO_INSTITUTION)
def test_no_institution(text: str, name: str, descriptor: list[str], expected: bool) -> None:
    assert ("no_institution" in flags_in(text, name, descriptor)) is expected


FORMER_OR_ADVISORY = [
    ("Jane Roe, a geopolitical risk consultant, said so.", "Jane Roe",
     ["a geopolitical risk consultant"], True),
    ("Tim Oy, a former analyst at the Federal Reserve, said so.", "Tim Oy",
     ["a former analyst at the Federal Reserve"], True),
    ("Political consultant Ida Berg said so.", "Ida Berg", ["Political consultant"], True),
    ("Paul Verhoef, a retired engineer, said so.", "Paul Verhoef", ["a retired engineer"], True),
    ("Eli Ross, who served as an adviser to the finance ministry, said so.", "Eli Ross",
     ["who served as an adviser to the finance ministry"], True),
    ("Kim Lau, an adviser to the campaign, said so.", "Kim Lau",
     ["an adviser to the campaign"], True),
    ("Rob Hahn, a strategic consultant and former diplomat, said so.", "Rob Hahn",
     ["a strategic consultant and former diplomat"], True),
    ("Jo Marsh, ex-director of the agency, said so.", "Jo Marsh",
     ["ex-director of the agency"], True),
    ("Ute Frei, a water-security consultant, said so.", "Ute Frei",
     ["a water-security consultant"], True),
    ("Val Ruiz, a onetime professor of law, said so.", "Val Ruiz",
     ["a onetime professor of law"], True),
    # a current post: medical consultant grade, advisory post at an institution, other posts
    ("Dr. Owen Dempster, a consultant chest physician at BMI Albyn Hospital, said so.",
     "Dr. Owen Dempster", ["a consultant chest physician at BMI Albyn Hospital"], False),
    ("Ann Lowe, a consultant cardiologist, said so.", "Ann Lowe",
     ["a consultant cardiologist"], False),
    ("Raj Nair, a consultant in respiratory medicine, said so.", "Raj Nair",
     ["a consultant in respiratory medicine"], False),
    ("Lia Moor, a consultant at Aberdeen Royal Infirmary, said so.", "Lia Moor",
     ["a consultant at Aberdeen Royal Infirmary"], False),
    ("Dan Eck, a senior adviser at the International Crisis Group, said so.", "Dan Eck",
     ["a senior adviser at the International Crisis Group"], False),
    ("Sue Park, a former senator and current professor at Yale, said so.", "Sue Park",
     ["a former senator and current professor at Yale"], False),
    ("Al Rook, director of the FBI, a former prosecutor, said so.", "Al Rook",
     ["director of the FBI", "a former prosecutor"], False),
    ("Bo Lund, chief executive of a consultancy, said so.", "Bo Lund",
     ["chief executive of a consultancy"], False),
    ("Ty Kerr, an analyst covering the former Soviet Union, said so.", "Ty Kerr",
     ["an analyst covering the former Soviet Union"], False),
    ("Ola Brun, a former diplomat, spoke first. Brun, the director of the Atlantic Forum, "
     "said so.", "Ola Brun", ["a former diplomat"], False),
]  # fmt: skip


@pytest.mark.parametrize(("text", "name", "descriptor", "expected"), FORMER_OR_ADVISORY)
def test_former_or_advisory_only(
    text: str, name: str, descriptor: list[str], expected: bool
) -> None:
    assert ("former_or_advisory_only" in flags_in(text, name, descriptor)) is expected


def test_flag_evidence_is_the_descriptor() -> None:
    text = "Jane Roe, a geopolitical risk consultant, said the deal fails."
    source_flags = ExpertFlagger()
    span = Span(text.index("a geo"), text.index(", said"))
    source = Source(
        "s1", "Jane Roe", "person", True, descriptor=text[span.start : span.end],
        descriptor_spans=(span,), mentions=(Span(0, 8),), quotes=("q1",), quoted_words=4,
    )  # fmt: skip
    quote = Quote("q1", "indirect", Span(47, 61), source="s1")
    doc = Document(
        text, meta=Meta(published="2024-05-02"), layers={"sources": [source], "quotes": [quote]}
    )
    flags = source_flags(doc).layers["flags"]
    assert {f.kind for f in flags} == {"no_institution", "former_or_advisory_only"}
    assert all(f.evidence == (span,) for f in flags)
