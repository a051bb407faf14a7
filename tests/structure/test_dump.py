"""Text dumps into structure: one table row per layout variant."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

import newsift
from newsift.document import Document
from newsift.eval.structure import load_truth, score_page
from tests.conftest import FIXTURES, SHARED, needs_shared


@dataclass
class Case:
    text: str
    headline: str | None
    author: str | None
    published: str | None
    body_paragraphs: int
    bio: str | None = None
    # (author, when, first words, paragraphs, parent index)
    comments: list[tuple[str | None, str, str, int, int | None]] = field(default_factory=list)
    reference_date: str | None = None
    when_resolved: list[str | None] | None = None


CASES = {
    "shared layout": Case(
        "A Bridge Too Costly\n\nPosted on Tuesday, March 4, 2025\nby Ana Ruiz\n\n"
        "First paragraph of the body.\n\nSecond paragraph.\n\n"
        "Ana Ruiz writes about transport.\n\n"
        "Jo Kim\nJo Kim\n2 weeks ago\n\nGreat piece.\nReply\n\n"
        "3 weeks ago\n\nAnonymous view.\n",
        "A Bridge Too Costly", "Ana Ruiz", "2025-03-04", 2, "Ana Ruiz writes about transport.",
        [("Jo Kim", "2 weeks ago", "Great piece.", 1, None),
         (None, "3 weeks ago", "Anonymous view.", 1, None)],
        reference_date="2025-04-01", when_resolved=["2025-03-18", "2025-03-11"],
    ),
    "no bio": Case(
        "Title Here\n\nPosted on March 4, 2025\nby Ana Ruiz\n\nOne.\n\nTwo.\n\n"
        "Jo Kim\nJo Kim\n1 year ago\n\nComment.\n",
        "Title Here", "Ana Ruiz", "2025-03-04", 2, None, [("Jo Kim", "1 year ago", "Comment.", 1, None)],
    ),
    "no comments": Case(
        "Title Here\n\nPosted on March 4, 2025\nby Ana Ruiz\n\nOne.\n\nTwo.\n\n"
        "Ana Ruiz is a reporter in Milford.\n",
        "Title Here", "Ana Ruiz", "2025-03-04", 2, "Ana Ruiz is a reporter in Milford.",
    ),
    "relative publication date": Case(
        "Title Here\n\nPosted 3 days ago\nby Ana Ruiz\n\nOne.\n\nTwo.\n",
        "Title Here", "Ana Ruiz", "2025-03-07", 2, reference_date="2025-03-10",
    ),
    "relative date without reference": Case(
        "Title Here\n\nPosted 3 days ago\nby Ana Ruiz\n\nOne.\n\nTwo.\n",
        "Title Here", "Ana Ruiz", None, 2,
    ),
    "byline first, ISO date, kicker, standfirst": Case(
        "OPINION\nTitle Here\nA standfirst that sums it up\nBy ANA RUIZ | Staff Writer\n"
        "Published: 2025-03-04\nUpdated: 2025-03-05\n\nOne.\n\nTwo.\n",
        "Title Here", "ANA RUIZ", "2025-03-04", 2,
    ),
    "name, role byline": Case(
        "Title Here\n\nAna Ruiz, Contributing Columnist\n4 March 2025\n\nOne.\n\nTwo.\n",
        "Title Here", "Ana Ruiz", "2025-03-04", 2,
    ),
    "names once, absolute and mixed times": Case(
        "Title Here\n\nPosted on March 4, 2025\nby Ana Ruiz\n\nOne.\n\nTwo.\n\n"
        "rivertown_dad\nMarch 5, 2025 at 3:14 pm\n\nFirst.\n\n"
        "Greta L.\n5 hours ago\n\nSecond.\n\n"
        "yesterday\n\nThird.\n",
        "Title Here", "Ana Ruiz", "2025-03-04", 2, None,
        [("rivertown_dad", "March 5, 2025 at 3:14 pm", "First.", 1, None),
         ("Greta L.", "5 hours ago", "Second.", 1, None),
         (None, "yesterday", "Third.", 1, None)],
        reference_date="2025-03-10", when_resolved=["2025-03-05", "2025-03-10", "2025-03-09"],
    ),
    "long comments look like body": Case(
        "Title Here\n\nPosted on March 4, 2025\nby Ana Ruiz\n\nOne.\n\n"
        "Jo Kim\nJo Kim\n2 days ago\n\n"
        'The council, as Dr. Vosskuhl said, "always pays twice." That is the point.\n\n'
        "A second long paragraph that reads like journalism, with figures: 62 percent.\n\n"
        "And a third one.\n",
        "Title Here", "Ana Ruiz", "2025-03-04", 1, None,
        [("Jo Kim", "2 days ago", "The council, as Dr.", 3, None)],
    ),
    "UI junk everywhere": Case(
        "Title Here\n\nPosted on March 4, 2025\nby Ana Ruiz\n5 min read\n\nOne.\n\nTwo.\n\n"
        "Share this:\nFacebook\nTwitter\nEmail\n\n12 comments\n\nLeave a reply\n\nSort by: Newest\n\n"
        "Jo Kim\nJo Kim\n2 days ago\n\nComment one.\nLike (3)\nReply · Report\n\n"
        "1 day ago\n\nComment two.\n\nLoad more comments\n",
        "Title Here", "Ana Ruiz", "2025-03-04", 2, None,
        [("Jo Kim", "2 days ago", "Comment one.", 1, None), (None, "1 day ago", "Comment two.", 1, None)],
    ),
    "replies": Case(
        "Title Here\n\nPosted on March 4, 2025\nby Ana Ruiz\n\nOne.\n\n"
        "Jo Kim\nJo Kim\n3 days ago\n\nFirst.\n\n"
        "Sam Roe\nSam Roe\n2 days ago\n\nIn reply to Jo Kim\n\nI disagree.\n\n"
        "Jo Kim\nJo Kim\n1 day ago\n\n@Sam Roe fair enough.\n\n"
        "5 hours ago\n\n@nobody here\n",
        "Title Here", "Ana Ruiz", "2025-03-04", 1, None,
        [("Jo Kim", "3 days ago", "First.", 1, None), ("Sam Roe", "2 days ago", "I disagree.", 1, 0),
         ("Jo Kim", "1 day ago", "@Sam Roe fair", 1, 1), (None, "5 hours ago", "@nobody", 1, None)],
    ),
    "replies that greet the commenter they answer": Case(
        "Title Here\n\nPosted on March 4, 2025\nby Ana Ruiz\n\nOne.\n\n"
        "Chrissy Quattro says:\nMarch 5, 2025 at 9:00 am\n\nMy seeds get moldy.\n\n"
        "Paul says:\nMarch 5, 2025 at 9:30 am\n\nMine too.\n\n"
        "Site Editor says:\nMarch 6, 2025 at 8:00 am\n\nHi Chrissy! Try less water.\n\n"
        "Ann says:\nMarch 6, 2025 at 9:00 am\n\nHello, Paul, which soil?\n\n"
        "Jo says:\nMarch 6, 2025 at 9:10 am\n\nHi everyone, great guide.\n\n"
        "Kim says:\nMarch 6, 2025 at 9:20 am\n\nHi Chris, not a commenter here.\n\n"
        "Lee says:\nMarch 6, 2025 at 9:30 am\n\nhi paul lower case is no greeting of a name.\n",
        "Title Here", "Ana Ruiz", "2025-03-04", 1, None,
        [("Chrissy Quattro", "March 5, 2025 at 9:00 am", "My seeds", 1, None),
         ("Paul", "March 5, 2025 at 9:30 am", "Mine too.", 1, None),
         ("Site Editor", "March 6, 2025 at 8:00 am", "Hi Chrissy!", 1, 0),
         ("Ann", "March 6, 2025 at 9:00 am", "Hello, Paul,", 1, 1),
         ("Jo", "March 6, 2025 at 9:10 am", "Hi everyone", 1, None),
         ("Kim", "March 6, 2025 at 9:20 am", "Hi Chris,", 1, None),
         ("Lee", "March 6, 2025 at 9:30 am", "hi paul", 1, None)],
    ),
    "a German blog thread: name and time on one line, reply buttons": Case(
        "Title Here\n\nPosted on March 4, 2025\nby Ana Ruiz\n\nOne.\n\n"
        "Update 5. Januar 2020 um 10:00\n\nTwo.\n\n"
        "2 Gedanken zu „Title Here“\n\n"
        "photobix 11. Dezember 2012 um 11:07\n\nDanke!\n\nAntwort ↓\n\n"
        "Ben 19. Juni 2018 um 15:28 Uhr - Antworten\n\nGuter Punkt.\n\nZweiter Absatz.\n",
        "Title Here", "Ana Ruiz", "2025-03-04", 2, None,
        [("photobix", "11. Dezember 2012 um 11:07", "Danke!", 1, None),
         ("Ben", "19. Juni 2018 um 15:28 Uhr", "Guter Punkt.", 2, None)],
    ),
    "about the author bio": Case(
        "Title Here\n\nPosted on March 4, 2025\nby Ana Ruiz\n\nOne.\n\nTwo.\n\n"
        "About the author: Ana Ruiz is a retired teacher.\n",
        "Title Here", "Ana Ruiz", "2025-03-04", 2, "About the author: Ana Ruiz is a retired teacher.",
    ),
    "dash bio": Case(
        "Title Here\n\nPosted on March 4, 2025\nby Ana Ruiz\n\nOne.\n\nTwo.\n\n"
        "— Ana Ruiz is a retired teacher in Milford.\n",
        "Title Here", "Ana Ruiz", "2025-03-04", 2, "— Ana Ruiz is a retired teacher in Milford.",
    ),
    "comment first in thread is anonymous": Case(
        "Title Here\n\nPosted on March 4, 2025\nby Ana Ruiz\n\nOne.\n\nAna Ruiz covers schools.\n\n"
        "2 hours ago\n\nFirst!\n\nJo Kim\nJo Kim\n1 hour ago\n\nSecond.\n",
        "Title Here", "Ana Ruiz", "2025-03-04", 1, "Ana Ruiz covers schools.",
        [(None, "2 hours ago", "First!", 1, None), ("Jo Kim", "1 hour ago", "Second.", 1, None)],
    ),
    "one line per block, no blank lines": Case(
        "Title Here\nPosted on March 4, 2025\nby Ana Ruiz\nOne.\nTwo.\nThree.\n"
        "Jo Kim\nJo Kim\n2 days ago\nFirst comment.\nIts second paragraph.\nReply\n"
        "1 day ago\nAnonymous.\n",
        "Title Here", "Ana Ruiz", "2025-03-04", 3, None,
        [("Jo Kim", "2 days ago", "First comment.", 2, None), (None, "1 day ago", "Anonymous.", 1, None)],
    ),
    "windows line endings": Case(
        "Title Here\r\n\r\nPosted on March 4, 2025\r\nby Ana Ruiz\r\n\r\nOne.\r\n\r\n"
        "Jo Kim\r\nJo Kim\r\n2 days ago\r\n\r\nHi.\r\n",
        "Title Here", "Ana Ruiz", "2025-03-04", 1, None, [("Jo Kim", "2 days ago", "Hi.", 1, None)],
    ),
    "one-line header, joined comment headers, edited": Case(
        "Opinion\nTitle Here\nA standfirst line.\nBy Ana Ruiz · March 4, 2025 · 5 min read\n\nOne.\n\n"
        "Ana Ruiz is a columnist.\n\n14 Comments\n\n"
        "Jo Kim · 3 weeks ago\nFirst.\nReply · Share · Report\n\n"
        "Guest · 4 days ago · Edited\nSecond.\n\nSecond paragraph.\nReply · Share · Report\n",
        "Title Here", "Ana Ruiz", "2025-03-04", 1, "Ana Ruiz is a columnist.",
        [("Jo Kim", "3 weeks ago", "First.", 1, None), ("Guest", "4 days ago", "Second.", 2, None)],
    ),
    "no blank lines, posted by, name - time headers": Case(
        "Transport\nTitle Here\nPosted by Ana Ruiz on March 4, 2025\nOne.\nTwo.\n"
        "Ana Ruiz covers ferries.\n4 Comments\n"
        "Jo-Ann Lee - March 4, 2025 at 3:14 pm\nFirst.\nReply\n"
        "Anonymous - March 5, 2025 at 7:02 am\n@Jo-Ann Lee nope.\nAnd more.\nReply\n",
        "Title Here", "Ana Ruiz", "2025-03-04", 2, "Ana Ruiz covers ferries.",
        [("Jo-Ann Lee", "March 4, 2025 at 3:14 pm", "First.", 1, None),
         ("Anonymous", "March 5, 2025 at 7:02 am", "@Jo-Ann Lee nope.", 2, 0)],
    ),
    "bare-name byline, caption, read more, sign-up block": Case(
        "UK news\nTitle here, in sentence case\nA standfirst\nAna Ruiz\nTue 4 Mar 2025 08.30 GMT\n"
        "Last modified on Tue 4 Mar 2025 14.02 GMT\n\nOne.\n\n"
        "A bus leaves the depot.\nPhotograph: Lee Park/The Ledger\n\nTwo.\n\n"
        "Read more: Another story\n\nAdvertisement\n\nThree.\n\n"
        "Get the Morning Brief\nTop stories delivered to your inbox.\nEnter your email\nSign up\n",
        "Title here, in sentence case", "Ana Ruiz", "2025-03-04", 3,
    ),
    "says: headers, sign-offs, comments closed then bio": Case(
        "Title Here\n\nMay 6, 2025 | By Ana Ruiz | 2 Comments\n\nOne.\n\n2 thoughts on this story\n\n"
        "Pat Nwosu says:\n3 weeks ago\n\nFirst.\n\n— Pat\n\nReport this comment\n\n"
        "Avatar for Dr. Moira Chen\nDr. Moira Chen\n2 weeks ago\n\nReplying to Pat Nwosu\nSecond.\n\n"
        "Comments are closed.\n\nAna Ruiz reports on parks.\n",
        "Title Here", "Ana Ruiz", "2025-05-06", 1, "Ana Ruiz reports on parks.",
        [("Pat Nwosu", "3 weeks ago", "First.", 2, None), ("Dr. Moira Chen", "2 weeks ago", "Second.", 1, 0)],
    ),
    "breadcrumb kicker, author badge, about heading after closed comments": Case(
        "Home » Community » Land Use\nTitle Here\nStory by Ana Ruiz-Lee\nPublished 10:45 AM EST, Tue March 4, 2025\n\n"
        "One.\n\nTwo.\n\nComments\n\nJo Kim · 1 week ago\nFirst.\nReply · 6\n\n"
        "Ana Ruiz-Lee\nAuthor\n1 week ago\nReplying to Jo Kim\nSecond.\nReply · 9\n\n"
        "Comments are closed.\n\nAbout the author\nAna Ruiz-Lee is a reporter.\n",
        "Title Here", "Ana Ruiz-Lee", "2025-03-04", 2, "Ana Ruiz-Lee is a reporter.",
        [("Jo Kim", "1 week ago", "First.", 1, None), ("Ana Ruiz-Lee", "1 week ago", "Second.", 1, 0)],
    ),
    "credit run into a caption, photographs-by line in the header": Case(
        "Weather & Roads\nTitle Here\nBy Ana Ruiz and Jo Kim\nPhotographs by Lee Park\nFebruary 12, 2025 | 5:05 PM\n\n"
        "One.\n\nRust runs down a pier. Lee Park for the Halden Ledger\n\nTwo.\n\n"
        "_Ana Ruiz covers transport. Jo Kim is a data reporter._\n",
        "Title Here", "Ana Ruiz and Jo Kim", "2025-02-12", 2,
        "_Ana Ruiz covers transport. Jo Kim is a data reporter._",
    ),
}  # fmt: skip


def analyse(text: str, reference_date: str | None = None) -> Document:
    return newsift.analyze(text, kind="dump", reference_date=reference_date)


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_dump_variants(case: Case) -> None:
    doc = analyse(case.text, case.reference_date)
    assert doc.meta.headline == case.headline
    assert doc.meta.author == case.author
    assert doc.meta.published == case.published
    assert sum(len(r.paragraphs) for r in doc.regions_of("body")) == case.body_paragraphs
    bios = doc.regions_of("bio")
    assert (doc.region_text(bios[0]) if bios else None) == case.bio
    got = []
    index = {c.id: i for i, c in enumerate(doc.comments)}
    for c in doc.comments:
        first = (
            doc.region_text(c)[: len(case.comments[len(got)][2])]
            if len(got) < len(case.comments)
            else ""
        )
        got.append((c.author, c.when, first, len(c.paragraphs), index.get(c.parent or "")))
    assert got == case.comments
    if case.when_resolved is not None:
        assert [c.when_resolved for c in doc.comments] == case.when_resolved


def test_ui_words_are_never_comment_text() -> None:
    doc = analyse(CASES["UI junk everywhere"].text)
    texts = [doc.region_text(c) for c in doc.comments]
    assert texts == ["Comment one.", "Comment two."]
    ui = {doc.span_text(r) for r in doc.regions_of("ui")}
    assert {"Reply · Report", "Like (3)", "12 comments", "Load more comments"} <= ui


def test_regions_are_in_order_and_in_bounds() -> None:
    doc = analyse(CASES["replies"].text)
    starts = [r.start for r in doc.regions]
    assert starts == sorted(starts)
    assert [r.id for r in doc.regions] == [f"r{i}" for i in range(1, len(doc.regions) + 1)]
    for region in doc.regions:
        assert 0 <= region.start <= region.end <= len(doc.text)


def test_plain_text_kind_is_all_body() -> None:
    text = "Posted on March 4, 2025\nby Ana Ruiz\n\nOne.\n\nTwo.\n"
    doc = newsift.analyze(text, kind="text")
    assert doc.meta.headline is None and doc.meta.author is None
    assert [r.kind for r in doc.regions] == ["body"]
    assert len(doc.regions[0].paragraphs) == 3  # the two top lines are one paragraph


@needs_shared
def test_shared_example_matches_truth_exactly() -> None:
    path = SHARED / "examples" / "opinion-dump-harbor.txt"
    truth = load_truth(path.with_name("opinion-dump-harbor.truth.json"))
    doc = newsift.analyze(path)
    score = score_page(doc, truth)
    assert score.mismatches == []
    assert score.matched_comments == 5
    assert not any("Reply" in doc.region_text(c) for c in doc.comments)
    assert doc.meta.language == "en"


def test_bundled_sample_matches_its_truth() -> None:
    truth = load_truth(FIXTURES / "sample-dump.truth.json")
    doc = newsift.analyze(newsift.sample_path(), reference_date=truth.get("reference_date"))
    assert score_page(doc, truth).mismatches == []


def test_junk_becomes_caption_and_boilerplate_regions() -> None:
    doc = analyse(CASES["bare-name byline, caption, read more, sign-up block"].text)
    kinds = {doc.span_text(r).split("\n")[0]: r.kind for r in doc.regions}
    assert kinds["A bus leaves the depot."] == "caption"
    assert kinds["Read more: Another story"] == "boilerplate"
    assert kinds["Get the Morning Brief"] == "boilerplate"
    assert kinds["Advertisement"] == "ui"
    assert kinds["Ana Ruiz"] == "byline"
    assert doc.meta.updated == "2025-03-04"


MENU = ["Home", "News", "Sports", "Opinion", "Weather", "Contact us", "Subscribe"]
PROSE = (
    "The county council voted on Tuesday night to close the old ferry terminal, "
    "ending a service that had run for more than sixty years."
)


@pytest.mark.parametrize(
    ("top", "headline"),
    [
        # a long menu, then the headline and a tag list: the headline sits above the text
        ([*MENU, "Council votes to close the ferry terminal", "Local, Transport, Harbour"],
         "Council votes to close the ferry terminal"),
        # a dateline between headline and text is not the headline
        ([*MENU, "Council votes to close the ferry terminal", "Anna Berg 15. Januar 2015"],
         "Council votes to close the ferry terminal"),
        # a menu path and a byline with leading dashes are not either
        ([*MENU, "Ferry terminal to close after sixty years", "Home > Local > Transport",
          "---- by Anna Berg"], "Ferry terminal to close after sixty years"),
        # a short top: the usual first-line rule decides
        (["Council votes to close the ferry terminal", "News"],
         "Council votes to close the ferry terminal"),
    ],
)  # fmt: skip
def test_headline_above_the_first_running_text(top: list[str], headline: str) -> None:
    from newsift.structure.dump import parse_dump

    layout = parse_dump("\n\n".join([*top, PROSE, PROSE]) + "\n")
    assert layout.headline == headline
    kinds = {r.kind for r in layout.regions if r.kind in {"ui", "headline", "body"}}
    assert {"headline", "body"} <= kinds


@pytest.mark.parametrize(
    ("after", "footer"),
    [
        # two lines of page furniture after the last comment: the footer starts
        (["Impressum", "Datenschutz"], True),
        # one such line is a sign-off and stays in the comment
        (["— Pat"], False),
        # interface words do not count as the second line
        (["— Pat", "Report this comment"], False),
        # a sentence after the furniture line: still the comment
        (["— Pat", "See you at the meeting."], False),
    ],
)
def test_footer_after_the_last_comment(after: list[str], footer: bool) -> None:
    from newsift.structure.hints import LineHints
    from newsift.structure.thread import _footer_starts
    from newsift.text.lines import split_lines

    lines = split_lines("\n".join(["I support the change.", *after]))
    other = {"Impressum", "Datenschutz", "— Pat", "Report this comment"}
    hints = LineHints(
        {line.index: {"other": 0.99 if line.text in other else 0.0} for line in lines},
        {line.index: "other" if line.text in other else "comment_text" for line in lines},
    )
    assert _footer_starts(lines, 1, hints, lines[:1]) is footer
    assert _footer_starts(lines, 1, hints, []) is False  # nothing kept yet: not after a comment


def test_dateline_under_a_headline_found_above_the_text() -> None:
    from newsift.structure.dump import apply_layout, parse_dump

    top = [*MENU, "Council votes to close the ferry terminal", "Local, Transport, Harbour",
           "Anna Berg 15. Januar 2015"]  # fmt: skip
    text = "\n\n".join([*top, PROSE, PROSE]) + "\n"
    layout = parse_dump(text)
    kinds = {text[r.start : r.end]: r.kind for r in layout.regions if r.kind != "body"}
    assert kinds["Anna Berg 15. Januar 2015"] == "dateline"
    assert kinds["Local, Transport, Harbour"] == "ui"
    meta = newsift.Document(text).meta
    apply_layout(layout, meta, None)
    assert (meta.published, meta.published_raw) == ("2015-01-15", "Anna Berg 15. Januar 2015")


LONG_MENU = [f"Section {n}" for n in range(14)]  # past the header window: no anchor there
HEADLINE = "Council votes to close the ferry terminal"
STANDFIRST = "The service ran for sixty years. Its last boat sails in May."


@pytest.mark.parametrize(
    ("under", "author", "kinds"),
    [
        # a byline under the text's first sentence line: the sentence stays text
        ([STANDFIRST, "Von Georg Kasch"], "Georg Kasch", ["body", "byline"]),
        ([STANDFIRST, "Auteur : Kossivi Tiassou"], "Kossivi Tiassou", ["body", "byline"]),
        # and the dateline right under that byline
        ([STANDFIRST, "Von Georg Kasch", "15. Januar 2015"], "Georg Kasch",
         ["body", "byline", "dateline"]),
        # under two sentence lines
        ([STANDFIRST, "The old terminal at dawn.", "By Ana Ruiz"], "Ana Ruiz",
         ["body", "body", "byline"]),
        # a bare name right over the dateline, and right under it
        (["Paulina Nowosielska", "15. Januar 2015"], "Paulina Nowosielska", ["byline", "dateline"]),
        (["15. Januar 2015", "Boris T. Kaiser"], "Boris T. Kaiser", ["dateline", "byline"]),
        # a bare name with a line between it and the dateline is no byline
        (["Paulina Nowosielska", "Share", "15. Januar 2015"], None, ["ui", "ui", "dateline"]),
        # text starting "By" under a standfirst is text, and so is the standfirst
        ([STANDFIRST, "By then, it was over."], None, ["body", "body"]),
        # three sentences down, a byline right over the running text is still read (the
        # search near the text's start), and the sentences stay text
        ([STANDFIRST, STANDFIRST, STANDFIRST, "Von Georg Kasch"], "Georg Kasch",
         ["body", "body", "body", "byline"]),
        # but a "Von" line after the running text has begun is text
        ([PROSE, PROSE, PROSE, "Von Georg Kasch"], None, ["body", "body", "body", "body"]),
    ],
)  # fmt: skip
def test_bylines_under_a_headline_found_above_the_text(
    under: list[str], author: str | None, kinds: list[str]
) -> None:
    from newsift.structure.dump import parse_dump

    text = "\n\n".join([*LONG_MENU, HEADLINE, *under, PROSE, PROSE]) + "\n"
    layout = parse_dump(text)
    assert layout.headline == HEADLINE
    assert layout.facts.author == author
    kind_of = {text[r.start : r.end]: r.kind for r in layout.regions if r.kind != "body"}
    body = " ".join(text[r.start : r.end] for r in layout.regions if r.kind == "body")
    assert [kind_of.get(line, "body" if line in body else "?") for line in under] == kinds


@pytest.mark.parametrize(
    ("under", "headline", "author"),
    [
        # a bare name under the date is the byline, though it has more words
        (["19. Oktober 2019", "Boris T. Kaiser"], "Ferry Closes", "Boris T. Kaiser"),
        (["Boris T. Kaiser", "19. Oktober 2019"], "Ferry Closes", "Boris T. Kaiser"),
        # with no date beside it, the longer line is still the headline
        (["Boris T. Kaiser"], "Boris T. Kaiser", None),
    ],
)  # fmt: skip
def test_a_name_beside_a_date_is_never_the_headline(
    under: list[str], headline: str, author: str | None
) -> None:
    from newsift.structure.dump import parse_dump

    text = "\n\n".join([*LONG_MENU, "Ferry Closes", *under, PROSE, PROSE]) + "\n"
    layout = parse_dump(text)
    assert (layout.headline, layout.facts.author) == (headline, author)


DATELINE = "Posted on March 4, 2025 by Ana Ruiz"


@pytest.mark.parametrize(
    ("top", "headline", "kicker"),
    [
        # a menu of short labels above a kicker and the headline: the menu is interface
        (["HOME", "NEWS", "BOOK CLUB", "OPINION", "The Bridge Nobody Asked For"],
         "The Bridge Nobody Asked For", "OPINION"),
        (["Home", "World", "Local News", "Sport", "Council votes to close the ferry"],
         "Council votes to close the ferry", "Sport"),
        (["HOME", "NEWS", "Why the ferry still matters to the town"],
         "Why the ferry still matters to the town", "NEWS"),
        (["Home", "Local News", "Book Club", "Council votes to close the ferry"],
         "Council votes to close the ferry", "Book Club"),
        # two labels, one of them two title-case words (a short headline looks so): no menu
        (["OPINION", "Title Here", "A standfirst that sums it up"], "Title Here", "OPINION"),
        # labels that are not a kicker above the headline are all interface
        (["Home", "Anna Berg", "Tom Baker", "The Bridge Nobody Asked For"],
         "The Bridge Nobody Asked For", None),
        (["HOME", "NEWS", "SPORT", "Ferry Plan Approved", "Why the town needs its ferry back"],
         "Why the town needs its ferry back", "Ferry Plan Approved"),
        # one label: the kicker rule decides, as before
        (["OPINION", "The Bridge Nobody Asked For"], "The Bridge Nobody Asked For", "OPINION"),
        # no headline of four or more words under the labels: no menu, the old reading
        (["HOME", "NEWS", "Ferry Rescue Plan"], "NEWS", "HOME"),
        (["HOME", "NEWS", "SPORT", "WEATHER"], "NEWS", "HOME"),
        # a label with sentence punctuation, or in lower case, is no menu entry
        (["Home.", "News", "Sport", "Council votes to close the ferry"], "Home.", None),
        (["home", "news", "sport", "Council votes to close the ferry"], "news", "home"),
        # a headline with its standfirst under it: unchanged
        (["The Bridge Nobody Asked For", "A town divided over a river crossing"],
         "The Bridge Nobody Asked For", None),
    ],
)  # fmt: skip
def test_a_menu_above_the_dateline_is_not_the_headline(
    top: list[str], headline: str, kicker: str | None
) -> None:
    from newsift.structure.dump import parse_dump

    text = "\n\n".join([*top, DATELINE, PROSE, PROSE]) + "\n"
    layout = parse_dump(text)
    assert layout.headline == headline
    kickers = [text[r.start : r.end] for r in layout.regions if r.kind == "kicker"]
    assert kickers == ([kicker] if kicker else [])


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        # a line with author and date: byline when the author comes first
        ("By Ana Ruiz | May 6, 2025", "byline"),
        ("Von Felix Eisenreich // 1. November 2023", "byline"),
        ("Posted on May 6, 2025 by Ana Ruiz", "dateline"),
        ("Veröffentlicht am 10. Februar 2019 von Heiko Beyss", "dateline"),
        ("By Ana Ruiz", "byline"),
        ("May 6, 2025", "dateline"),
    ],
)
def test_header_line_kind(line: str, kind: str) -> None:
    from newsift.structure.dump import parse_dump

    text = "\n\n".join(["Council votes to close the ferry terminal", line, PROSE, PROSE]) + "\n"
    kinds = {text[r.start : r.end]: r.kind for r in parse_dump(text).regions}
    assert kinds[line] == kind


@pytest.mark.parametrize(
    ("top", "author", "published", "kinds"),
    [
        # a byline a few lines over the running text, under a long top, and a date beside it
        (["Related: Ferry fares rise", "By Ian Mohr", "Feb 21, 2020"], "Ian Mohr",
         "Feb 21, 2020", {"By Ian Mohr": "byline", "Feb 21, 2020": "dateline"}),
        (["6. Oktober 2022", "Von Fiona Bornhöft und Mariam Hofbeck"],
         "Fiona Bornhöft und Mariam Hofbeck", "6. Oktober 2022",
         {"Von Fiona Bornhöft und Mariam Hofbeck": "byline", "6. Oktober 2022": "dateline"}),
        # no person's name after the marker: no byline (the line stays in the text)
        (["Related: Ferry fares rise", "Par ailleurs"], None, None, {"Par ailleurs": None}),
        # an agency alone beside the dateline the header found
        (["Reuters", "Updated: January 16, 2020"], "Reuters", "January 16, 2020",
         {"Reuters": "byline", "Updated: January 16, 2020": "dateline"}),
        (["January 16, 2020", "(AFP)"], "AFP", "January 16, 2020", {"(AFP)": "byline"}),
        # a word that is no agency stays what it was
        (["Reuters staff picks", "January 16, 2020"], None, "January 16, 2020",
         {"Reuters staff picks": "ui"}),
    ],
)  # fmt: skip
def test_byline_near_the_text(
    top: list[str], author: str | None, published: str | None, kinds: dict[str, str | None]
) -> None:
    from newsift.structure.dump import parse_dump

    text = "\n\n".join([*LONG_MENU, HEADLINE, *top, PROSE, PROSE]) + "\n"
    layout = parse_dump(text)
    assert (layout.facts.author, layout.facts.published or layout.facts.updated) == (
        author,
        published,
    )
    found = {text[r.start : r.end]: r.kind for r in layout.regions}
    assert {line: found.get(line) for line in kinds} == kinds


def test_byline_near_the_text_is_no_comment_time() -> None:
    """The date under a byline found near the text is the article's, not a comment's."""
    from newsift.structure.dump import parse_dump

    top = ["Android ransomware spreads via game links", "Author: Lindsey O'Donnell",
           "July 30, 2019 1:16 pm"]  # fmt: skip
    text = "\n\n".join([*LONG_MENU, *top, PROSE, PROSE]) + "\n"
    layout = parse_dump(text)
    assert not [r for r in layout.regions if r.kind == "comment"]
    assert layout.facts.author == "Lindsey O'Donnell"


TEASER = (
    "Follow your favourite topics and never miss a story again, with alerts on every new "
    "article we publish."
)


@pytest.mark.parametrize(
    ("top", "author", "published", "kinds"),
    [
        # a date-only line under a standfirst of running text is the dateline
        ([STANDFIRST + " " + STANDFIRST, "17 April 2012 • 2:54pm"], None, "17 April 2012",
         {"17 April 2012 • 2:54pm": "dateline"}),
        # with the header's reading first: a byline with a photo credit cut, the line
        # under it a dateline (a short line with a date in it)
        (["von Alexander Karper Foto: © GEPA", "Wien - Mittwoch, 02.02.2022, 11:17 Uhr"],
         "Alexander Karper", "Wien - Mittwoch, 02.02.2022, 11:17 Uhr",
         {"von Alexander Karper Foto: © GEPA": "byline",
          "Wien - Mittwoch, 02.02.2022, 11:17 Uhr": "dateline"}),
    ],
)  # fmt: skip
def test_dateline_near_the_text(
    top: list[str], author: str | None, published: str | None, kinds: dict[str, str]
) -> None:
    from newsift.structure.dump import parse_dump

    text = "\n\n".join([*LONG_MENU, HEADLINE, *top, PROSE, PROSE]) + "\n"
    layout = parse_dump(text)
    assert (layout.facts.author, layout.facts.published) == (author, published)
    found = {text[r.start : r.end]: r.kind for r in layout.regions}
    assert {line: found.get(line) for line in kinds} == kinds


def test_a_lone_teaser_in_the_menu_does_not_start_the_text() -> None:
    """The byline search is anchored where running text runs on, not at a teaser."""
    from newsift.structure.dump import parse_dump

    top = [TEASER, *LONG_MENU, HEADLINE, "Von Lisa Borch"]
    text = "\n\n".join([*top, PROSE, PROSE]) + "\n"
    layout = parse_dump(text)
    assert layout.facts.author == "Lisa Borch"


@pytest.mark.parametrize(
    ("line", "published"),
    [
        ("Wien - Mittwoch, 02.02.2022, 11:17 Uhr", "Mittwoch, 02.02.2022, 11:17 Uhr"),
        ("Feb 21, 2020", "Feb 21, 2020"),
        ("New York Times - Opinion", None),  # no date after the place
        ("Share - Feb 21, 2020 - Tweet", None),
        ("By Ana Ruiz, Feb 21, 2020", None),  # an author in it: not a dateline beside one
    ],
)
def test_dateline_beside_a_byline(line: str, published: str | None) -> None:
    from newsift.structure.layout import DumpLayout, RegionBuilder
    from newsift.structure.near_text import _dateline_beside
    from newsift.text.lines import split_lines

    out, regions = DumpLayout(), []
    found = _dateline_beside(split_lines(line)[0], out, RegionBuilder(line, regions), set())
    assert (found, out.facts.published) == (published is not None, published)
    assert [r.kind for r in regions] == (["dateline"] if published else [])
