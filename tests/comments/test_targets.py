"""Targets that name someone (issue 17, item 2): a person of the article, the author, a commenter, a group."""

from __future__ import annotations

import pytest

from newsift.comments.analyzer import ToxicityAnalyzer, reconcile
from newsift.comments.targets import (
    ArticlePeople,
    NamedTarget,
    Person,
    article_names,
    find_target,
)
from newsift.document import Document, Meta, Region, Span

PEOPLE = ArticlePeople.from_people(
    [
        Person("Marisol Quenby", "source", ("Marisol Quenby", "Quenby")),
        Person("Tobias Ferrant", "article", ("Tobias Ferrant", "Ferrant")),
        Person("Ada Morrow", "article", ("Ada Morrow", "Morrow"), ("president",)),
        Person("Odile Brask", "byline", ("Odile Brask", "Brask")),
    ],
    author="Odile Brask",
)
PARENT = Region("c1", "comment", 0, 10, author="Renata Holm")


def _offending(text: str, word: str) -> list[tuple[int, int]]:
    start = text.index(word)
    return [(start, start + len(word))]


@pytest.mark.parametrize(
    ("text", "word", "reply", "expected"),
    [
        # a person of the article, by full name, surname alone, or title and surname
        (
            "Marisol Quenby is a liar and a fraud.",
            "liar",
            False,
            ("Marisol Quenby", "person", "source"),
        ),
        ("Quenby is a clueless hack.", "hack", False, ("Marisol Quenby", "person", "source")),
        (
            "Councillor Ferrant is a spineless coward.",
            "coward",
            False,
            ("Tobias Ferrant", "person", "article"),
        ),
        # the author: by role, by byline name, and "you" in a top-level comment
        (
            "This writer is an idiot.",
            "idiot",
            False,
            ("the author (Odile Brask)", "author", "byline"),
        ),
        (
            "Brask should stick to gardening, what a moron.",
            "moron",
            False,
            ("the author (Odile Brask)", "author", "byline"),
        ),
        (
            "You are a pathetic hack.",
            "hack",
            False,
            ("the author (Odile Brask)", "author", "byline"),
        ),
        # another commenter: "you" in a reply, or the parent's name
        ("You are a pathetic hack.", "hack", True, ("Renata Holm", "commenter", "reply")),
        ("Renata, nobody cares, idiot.", "idiot", True, ("Renata Holm", "commenter", "reply")),
        # a group of the lexicon, and "you people"
        ("The council are clowns, all of them.", "clowns", False, ("council", "group", None)),
        ("Immigrants are vermin.", "vermin", False, ("immigrants", "group", None)),
        ("You people are morons.", "morons", True, ("other commenters", "group", "thread")),
        # the nearest reference to the abuse wins
        (
            "Quenby had a point, but the liberals are idiots.",
            "idiots",
            False,
            ("liberals", "group", None),
        ),
        # a title used alone for the one person of the article who holds it
        (
            "Our \u201cPresident\u201d is a fraud.",
            "fraud",
            False,
            ("Ada Morrow", "person", "article"),
        ),
        ("The president is a clown.", "clown", False, ("Ada Morrow", "person", "article")),
        # a listed politician the article does not name
        ("Trudeau is a clown.", "clown", False, ("Trudeau", "person", "politician")),
    ],
)
def test_find_target(
    text: str, word: str, reply: bool, expected: tuple[str, str, str | None]
) -> None:
    found = find_target(
        text, PEOPLE, offending=_offending(text, word), parent=PARENT if reply else None
    )
    assert found is not None
    assert (found.name, found.kind, found.link) == expected
    assert text[found.span.start : found.span.end]  # evidence in the comment


@pytest.mark.parametrize(
    "text",
    [
        "What a load of garbage.",
        "This is complete crap.",
        "quenby is lowercase here, so it is not the surname: trash.",
    ],
)
def test_no_target(text: str) -> None:
    assert find_target(text, PEOPLE) is None


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        # the abuse's sentence refers to others than the person named before it
        ("Ferrant is right for once. The rest of them are idiots.", "idiots", None),
        # the abuse's sentence names no one and refers to no one: the nearest name stands
        ("Ferrant again. Pathetic.", "Pathetic", "Tobias Ferrant"),
        # a name in the abuse's sentence beats a nearer one outside it
        ("Quenby is a clown! Ferrant was fine.", "clown", "Marisol Quenby"),
    ],
)
def test_the_sentence_of_the_abuse_decides(text: str, word: str, expected: str | None) -> None:
    found = find_target(text, PEOPLE, offending=_offending(text, word))
    assert (found.name if found else None) == expected


def test_mentions_of_other_commenters() -> None:
    found = find_target("@Yusuf you clown", PEOPLE, commenters=["Yusuf Amari"], parent=None)
    assert found is not None and (found.name, found.kind) == ("Yusuf Amari", "commenter")
    stranger = find_target("@djw, you clown", PEOPLE, offending=[(10, 15)])
    assert stranger is not None and (stranger.name, stranger.kind) == ("@djw", "commenter")
    described = find_target("You liberal idiot.", PEOPLE, offending=[(12, 17)], parent=PARENT)
    assert described is not None and described.name == "Renata Holm"  # not "liberal"
    only = find_target("@Yusuf clown", PEOPLE, commenters=["Yusuf Amari"])
    assert only is not None and (only.name, only.kind, only.link) == (
        "Yusuf Amari", "commenter", "thread",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Councilmember Dana Ortiz voted no.", ["Councilmember Dana Ortiz"]),
        ("Mayor Quill said nothing.", ["Mayor Quill"]),
        ("The Harbor City Council met on Thursday.", []),
        ("Aquavance Holdings bought the utility.", []),
        ("Dr. Lennart Vosskuhl told me so.", ["Dr Lennart Vosskuhl"]),
    ],
)
def test_article_names(text: str, names: list[str]) -> None:
    assert article_names(text) == names


@pytest.mark.parametrize(
    ("named", "text", "model", "expected"),
    [
        # no name and no one referred to: not "individual"
        (None, "What utter garbage this is.", (True, "individual", False), (False, None, False)),
        # a pronoun keeps the model's individual
        (None, "He is a fraud.", (True, "individual", False), (True, "individual", False)),
        # the model's kind is kept apart from the named target
        (
            NamedTarget("Marisol Quenby", "person", "source", Span(0, 6)),
            "Quenby is a fraud.",
            (True, "group", False),
            (True, "group", False),
        ),
        # ... but a comment the model calls untargeted that names someone is targeted
        (
            NamedTarget("Marisol Quenby", "person", "source", Span(0, 6)),
            "Quenby is a fraud.",
            (False, None, False),
            (True, "individual", False),
        ),
        (
            NamedTarget("council", "group", None, Span(4, 11)),
            "The council are clowns.",
            (False, None, False),
            (True, "group", True),
        ),
    ],
)
def test_reconcile(
    named: NamedTarget | None,
    text: str,
    model: tuple[bool, str | None, bool],
    expected: tuple[bool, str | None, bool],
) -> None:
    assert reconcile(named, text, *model) == expected


def test_analyzer_links_a_named_person_of_the_article() -> None:
    article = (
        "Councillor Petra Lindqvist said the budget was balanced. "
        "Treasurer Amos Kettering disagreed with her figures."
    )
    comments = [
        ("Ines", "Lindqvist is a lying idiot and a disgrace."),
        ("Joel", "Thanks for the clear explanation of the budget."),
    ]
    text = "Budget\n\n" + article + "\n\n"
    regions = [Region("h", "headline", 0, 6, [Span(0, 6)])]
    regions.append(Region("b", "body", 8, 8 + len(article), [Span(8, 8 + len(article))]))
    for i, (author, body) in enumerate(comments):
        start = len(text)
        text += body + "\n\n"
        regions.append(
            Region(
                f"c{i}",
                "comment",
                start,
                start + len(body),
                [Span(start, start + len(body))],
                author=author,
            )
        )
    doc = Document(text, meta=Meta(author="Hal Verity"), layers={"regions": regions})
    doc = ToxicityAnalyzer(encoder="none")(doc)
    first = doc.layers["toxicity"][0]
    assert first.offensive and first.named_target is not None
    assert (first.named_target.name, first.named_target.link) == ("Petra Lindqvist", "article")
    assert doc.span_text(first.named_target.span) == "Lindqvist"
    assert first.target == "individual"
    assert doc.layers["toxicity"][1].named_target is None
    assert doc.layers["thread"][0].top_targets == (("Petra Lindqvist", 1),)


def test_named_target_round_trip() -> None:
    target = NamedTarget("the author (Odile Brask)", "author", "byline", Span(0, 3))
    assert NamedTarget.from_dict(target.to_dict()) == target
    with pytest.raises(ValueError, match="unknown target kind"):
        NamedTarget("x", "mayor", None, Span(0, 1))
