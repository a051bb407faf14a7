"""Expert flags on hand-made sources: one row per flag and per non-flag."""

from __future__ import annotations

import pytest

from newsift.attribution.annotations import Quote, Source
from newsift.attribution.flags import ExpertFlagger, load_leaders
from newsift.document import Document, Meta, Span
from tests.conftest import SHARED, needs_shared

TEXT = "x" * 400


def person(
    descriptor: str | None, *, named: bool = True, to_author: bool = False, words: int = 10
) -> Source:
    return Source(
        id="s1",
        name="Dr. Lennart Vosskuhl" if named else "a senior official",
        kind="person",
        named=named,
        descriptor=descriptor,
        descriptor_spans=(Span(10, 20),) if descriptor else (),
        to_author=to_author,
        mentions=(Span(0, 5),),
        quotes=("q1",),
        quoted_words=words,
    )


def flags_for(
    source: Source, *, to_author: bool = False, published: str = "2025-03-04"
) -> list[str]:
    quote = Quote(
        "q1",
        "direct",
        Span(30, 60),
        cue=Span(25, 29),
        speaker=Span(0, 5),
        source="s1",
        to_author=to_author,
    )
    doc = Document(
        TEXT, meta=Meta(published=published), layers={"sources": [source], "quotes": [quote]}
    )
    flagger = ExpertFlagger()
    flagger.setup()
    result = flagger(doc)
    return sorted(f.kind for f in result.layers["flags"])


@pytest.mark.parametrize(
    ("descriptor", "expected"),
    [
        ("a geopolitical risk consultant", ["former_or_advisory_only", "no_institution"]),
        ("a security analyst", ["no_institution"]),
        (
            "a water-security consultant and former adviser to the European Commission",
            ["former_or_advisory_only"],
        ),
        ("former analyst at the Federal Reserve", ["former_or_advisory_only"]),
        ("a professor of economics at Tilburg University", []),
        ("Councilmember, one of the two votes against the deal", []),
        ("senior economist at the Bank of England", []),
        ("adviser to Prime Minister Thatcher", ["former_or_advisory_only", "implausible_timeline"]),
        (
            "former aide to President Eisenhower",
            ["former_or_advisory_only", "implausible_timeline"],
        ),
        ("former aide to President Obama", ["former_or_advisory_only"]),
        ("chief of staff to Chancellor Merkel", []),
    ],
)
def test_credential_flags(descriptor: str, expected: list[str]) -> None:
    assert flags_for(person(descriptor)) == expected


def test_only_to_author() -> None:
    assert "only_to_author" in flags_for(
        person("a professor at Tilburg University", to_author=True), to_author=True
    )
    assert "only_to_author" not in flags_for(person("a professor at Tilburg University"))


def test_anonymous_majority_is_an_article_flag() -> None:
    kinds = flags_for(person(None, named=False, words=80))
    assert kinds == ["anonymous_majority"]


def test_flags_carry_evidence_and_a_reason() -> None:
    quote = Quote("q1", "direct", Span(30, 60), cue=Span(25, 29), source="s1", to_author=True)
    source = person("a geopolitical risk consultant", to_author=True)
    doc = Document(
        TEXT, meta=Meta(published="2025-03-04"), layers={"sources": [source], "quotes": [quote]}
    )
    flags = ExpertFlagger()(doc).layers["flags"]
    for flag in flags:
        assert flag.evidence and all(0 <= s.start < s.end <= len(TEXT) for s in flag.evidence)
        assert flag.reason.endswith(".") and "fake" not in flag.reason.lower()
        assert Document.from_dict(doc.to_dict()).to_dict() == doc.to_dict()


def test_leaders_table_is_shipped_and_covers_to_2015() -> None:
    spells = load_leaders()
    assert len(spells) > 3000
    assert max(s.end for s in spells).isoformat() == "2015-12-31"


@needs_shared
def test_shared_example_flags_the_consultant_only() -> None:
    pytest.importorskip("spacy")
    import newsift

    doc = newsift.analyze(SHARED / "examples" / "opinion-dump-harbor.txt")
    names = {s.id: s.name for s in doc.layers["sources"]}
    flagged = sorted((names.get(f.source or ""), f.kind) for f in doc.layers["flags"])
    assert flagged == [
        ("Dr. Lennart Vosskuhl", "former_or_advisory_only"),
        ("Dr. Lennart Vosskuhl", "only_to_author"),
    ]
