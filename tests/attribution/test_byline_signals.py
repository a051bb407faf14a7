"""Issue 15, class 6: the byline as a sourcing signal (pen name, no bio, no affiliation, no byline).

Each case is a small page dump with invented names, read by ``structure.v1``
(no spaCy needed), and the byline signals it must give, with the text of each
signal's first evidence span.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import pytest

import newsift
from newsift.attribution.byline import BylineSignal, byline_signals, confident_article
from newsift.document import Document, Meta, Region, Span
from newsift.errors import SchemaError
from tests.conftest import SHARED

HEADLINE = "Harbor Pumps Fail Again, and the Council Looks Away"
DATELINE = "Posted on Tuesday, March 4, 2025"
BODY = [
    "The third pump failure this winter left the eastern district of Harbor City without "
    "water pressure for eleven hours on Sunday, and the utility has still not said why the "
    "backup units did not start when the main line lost power late in the afternoon.",
    "Residents along Quayside Road described filling buckets from a tanker truck that arrived "
    "six hours after the outage began. Several shops closed early, and the district's only "
    "clinic moved two dialysis appointments to a hospital across the river that evening.",
    "The council approved a maintenance contract for the pumping station two years ago, but "
    "the minutes of its public works committee show that the promised inspections were never "
    "scheduled, and nobody at city hall has explained where the money for them went since.",
    "A spokesman for the utility said on Monday that a review was under way and that its "
    "findings would be published before the council meets again at the end of the month.",
]
AUTHOR = "Mirela Santangelo"


def page(byline: str | None, bio: str | None = None, body: list[str] | None = None) -> str:
    lines = [HEADLINE, "", DATELINE]
    if byline is not None:
        lines.append(byline)
    lines.append("")
    for paragraph in body if body is not None else BODY:
        lines += [paragraph, ""]
    if bio is not None:
        lines += [bio, ""]
    return "\n".join(lines)


_STRUCTURE = newsift.Pipeline.from_config(
    [{"name": "structure.v1", "params": {"line_model": False}}]
)


def signals(text: str, kind: str = "dump") -> tuple[Document, list[BylineSignal]]:
    doc = _STRUCTURE(newsift.load(text, kind=kind))
    return doc, byline_signals(doc)


@dataclass(frozen=True)
class Case:
    text: str
    expected: list[tuple[str, str]]  # (kind, text of the first evidence span)


CASES = {
    # bios with pen-name wording
    "bio: writes under a pen name": Case(
        page(f"by {AUTHOR}", f"{AUTHOR} writes under a pen name. She works in the water sector."),
        [("pen_name", f"{AUTHOR} writes under a pen name.")],
    ),
    "bio: is the pseudonym of": Case(
        page(f"by {AUTHOR}", f"{AUTHOR} is the pseudonym of a retired harbor pilot."),
        [("pen_name", f"{AUTHOR} is the pseudonym of a retired harbor pilot.")],
    ),
    "bio: nom de plume, second sentence": Case(
        page(f"by {AUTHOR}", f"{AUTHOR} is a columnist. Santangelo is her nom de plume."),
        [("pen_name", "Santangelo is her nom de plume.")],
    ),
    "bio: writing anonymously": Case(
        page(f"by {AUTHOR}", f"{AUTHOR} is writing anonymously because her employer forbids it."),
        [("pen_name", f"{AUTHOR} is writing anonymously because her employer forbids it.")],
    ),
    "bio: name has been changed": Case(
        page(f"by {AUTHOR}", f"{AUTHOR}'s name has been changed to protect her family."),
        [("pen_name", f"{AUTHOR}'s name has been changed to protect her family.")],
    ),
    # bios without (or with negated, or other) pen-name wording
    "bio: not a pen name": Case(
        page(
            f"by {AUTHOR}",
            f"{AUTHOR} is not a pen name: she has written for this paper since 2009.",
        ),
        [],
    ),
    "bio: a pseudonym for her novels only": Case(
        page(
            f"by {AUTHOR}",
            f"{AUTHOR} has published three thrillers under the pseudonym M. S. Crane. "
            "She is a reporter for the Harbor Ledger.",
        ),
        [],
    ),
    "bio: fellow at an institute": Case(
        page(f"by {AUTHOR}", f"{AUTHOR} is a senior fellow at the Lindqvist Institute."),
        [],
    ),
    "bio: names nothing checkable": Case(
        page(
            f"by {AUTHOR}",
            f"{AUTHOR} writes about the city. She lives in Harbor City with two cats.",
        ),
        [("no_affiliation", f"by {AUTHOR}")],
    ),
    "bio: a past role with no outlet still names a role": Case(
        page(f"by {AUTHOR}", f"{AUTHOR} writes about sport. She coached a youth league."), []
    ),
    "bio: gives a handle": Case(
        page(f"by {AUTHOR}", f"{AUTHOR} (@mirela_s) writes about schools."), []
    ),
    "bio names nothing but the byline has a role": Case(
        page(f"By {AUTHOR} | Staff Writer", f"{AUTHOR} writes about the city."), []
    ),
    # bylines with and without affiliation, pages without a bio
    "byline only, no bio": Case(page(f"by {AUTHOR}"), [("no_bio", f"by {AUTHOR}")]),
    "dateline with the author, no bio": Case(
        page(None).replace(DATELINE, f"Posted on March 4, 2025 by {AUTHOR}"),
        [("no_bio", f"Posted on March 4, 2025 by {AUTHOR}")],
    ),
    "byline with a role": Case(page(f"By {AUTHOR} | Staff Writer"), []),
    "byline with an outlet": Case(page(f"By {AUTHOR}, Harbor Ledger"), []),
    "byline with a handle": Case(page(f"By {AUTHOR} (@mirela_s)"), []),
    "byline names a board, not a person": Case(page("By The Editorial Board"), []),
    "byline only, author named in the body": Case(
        page(f"by {AUTHOR}", body=[BODY[0], "Ask Santangelo about the pumps.", *BODY[1:]]), []
    ),
    # pen names said in the article itself
    "editor's note in the body": Case(
        page(
            f"by {AUTHOR}",
            body=[*BODY, "Editor's note: the author writes under a pen name to keep her job."],
        ),
        [("pen_name", "Editor's note: the author writes under a pen name to keep her job.")],
    ),
    "first person in the body": Case(
        page(
            f"by {AUTHOR}",
            body=[*BODY, "I write this column under a pen name because I work for the utility."],
        ),
        [("pen_name", "I write this column under a pen name because I work for the utility.")],
    ),
    "a source's pseudonym is not the byline's": Case(
        page(
            f"by {AUTHOR}",
            body=[*BODY, "Tomasz (a pseudonym) told this writer that the pumps were never tested."],
        ),
        [],
    ),
    # no byline at all
    "no byline on a confident article": Case(page(None), [("no_byline", HEADLINE)]),
    "no byline, too short to be sure": Case(page(None, body=BODY[:1]), []),
    "byline only, but too little body to be sure": Case(page(f"by {AUTHOR}", body=BODY[:2]), []),
}


@pytest.mark.parametrize("case", list(CASES.values()), ids=list(CASES))
def test_byline_signals(case: Case) -> None:
    doc, found = signals(case.text)
    assert [(s.kind, doc.span_text(s.evidence[0])) for s in found] == case.expected
    for signal in found:
        assert signal.reason
        assert all(0 <= s.start < s.end <= len(doc.text) for s in signal.evidence)


def test_no_bio_evidence_is_the_byline_and_names_the_author() -> None:
    doc, (signal,) = signals(page(f"by {AUTHOR}"))
    assert signal.author == AUTHOR
    (byline,) = doc.regions_of("byline")
    assert signal.evidence == (byline.span,)


def test_no_affiliation_shows_byline_and_bio() -> None:
    doc, (signal,) = signals(page(f"by {AUTHOR}", f"{AUTHOR} writes about the city."))
    (bio,) = doc.regions_of("bio")
    assert signal.kind == "no_affiliation"
    assert signal.evidence[1] == bio.span


def test_no_byline_needs_a_dump() -> None:
    doc, found = signals(page(None), kind="text")
    assert not confident_article(doc)
    assert found == []


def test_html_page_gets_pen_name_only() -> None:
    """An HTML page's byline is from metadata and it has no bio region: only pen names count."""
    text = f"{HEADLINE}\n\n{AUTHOR}\n\n{BODY[0]}\n\n{AUTHOR} writes under a pen name."
    head, name = Span(0, len(HEADLINE)), Span(len(HEADLINE) + 2, len(HEADLINE) + 2 + len(AUTHOR))
    first = Span(name.end + 2, name.end + 2 + len(BODY[0]))
    last = Span(first.end + 2, len(text))
    regions = [
        Region("r1", "headline", head.start, head.end, [head]),
        Region("r2", "byline", name.start, name.end, [name]),
        Region("r3", "body", first.start, last.end, [first, last]),
    ]
    doc = Document(text, meta=Meta(kind="html", author=AUTHOR), layers={"regions": regions})
    assert [(s.kind, s.evidence) for s in byline_signals(doc)] == [("pen_name", (last,))]
    bare = Document(
        text[: first.end], meta=Meta(kind="html", author=AUTHOR), layers={"regions": regions[:2]}
    )
    assert byline_signals(bare) == []


def test_layer_round_trips_through_json() -> None:
    doc, found = signals(page(f"by {AUTHOR}", f"{AUTHOR} writes under a pen name."))
    doc.layers["byline"] = found
    again = Document.from_dict(json.loads(json.dumps(doc.to_dict())))
    assert again.layers["byline"] == found
    with pytest.raises(SchemaError):
        BylineSignal.from_dict({"kind": "fake_author", "reason": "x", "evidence": []})


def test_shared_example_has_no_byline_signal() -> None:
    """The shared example's truth gives a bio that names a column and no pen name."""
    path = SHARED / "examples" / "opinion-dump-harbor.txt"
    if not path.exists():
        pytest.skip("../shared/examples is not here")
    truth = json.loads(path.with_name("opinion-dump-harbor.truth.json").read_text("utf-8"))
    doc, found = signals(path.read_text("utf-8"))
    assert doc.meta.author == truth["author"]
    assert [doc.region_text(r) for r in doc.regions_of("bio")] == [truth["author_bio"]]
    assert found == []


def test_signals_are_shown_by_show_and_both_reports() -> None:
    from newsift.report import render_html, render_markdown
    from newsift.summary import summarise

    bio = f"{AUTHOR} is the pseudonym of a retired harbor pilot."
    doc, found = signals(page(f"by {AUTHOR}", bio))
    doc.layers["byline"] = found
    shown = summarise(doc, width=200)
    assert "! byline, pen name: The bio says the byline Mirela Santangelo" in shown
    assert f"evidence: \u201c{bio}\u201d" in shown
    data = doc.to_dict()
    html_page = render_html(data)
    assert "<h3>Byline</h3>" in html_page
    assert 'class="n-byline"' in html_page and f"Evidence: “{bio}”" in html_page
    assert '<mark class="f"' in html_page  # the evidence is highlighted in the bio
    markdown = render_markdown(data)
    assert "### Byline" in markdown and "**Pen name**" in markdown and bio in markdown
    bare, none = signals(page(f"By {AUTHOR} | Staff Writer"))
    bare.layers["byline"] = none
    assert "Nothing to flag about the byline." in render_html(bare.to_dict())
    assert "byline," not in summarise(bare)
