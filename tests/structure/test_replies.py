"""Reply parents in dumps (newsift.structure.replies): one table row per form a dump shows."""

from __future__ import annotations

import pytest

from newsift.document import Region, Span
from newsift.structure.dump import parse_dump
from newsift.structure.replies import ReplyFinder

ARTICLE = "The council voted on the water deal on Tuesday, and the vote was close."

# a comment: (author, paragraphs, its header has a title line: the first paragraph)
Comment = tuple[str | None, list[str], bool]


def _parents(comments: list[Comment], article: str = ARTICLE) -> list[str | None]:
    """Each comment's parent's author ("?" for an anonymous parent), read in order."""
    text, spans = article, []
    for author, paragraphs, _ in comments:
        text += "\n\n" + (author or "Anonymous") + "\n"
        start = len(text)
        own = []
        for paragraph in paragraphs:
            own.append(Span(len(text), len(text) + len(paragraph)))
            text += paragraph + "\n\n"
        spans.append((start, own))
    finder = ReplyFinder(text, Span(0, len(article)))
    found: list[str | None] = []
    for k, ((author, _, titled), (start, own)) in enumerate(zip(comments, spans, strict=True)):
        region = Region(f"c{k}", "comment", start, own[-1].end, own, author=author)
        parent = finder.parent(region, None, own)
        found.append(None if parent is None else (parent.author or "?"))
        finder.add(region, text[own[0].start : own[0].end] if titled else None)
    return found


@pytest.mark.parametrize(
    ("comments", "expected"),
    [
        # "@Name" with a space after the at sign
        (
            [
                ("Stadler", ["Das ist so."], False),
                ("Peter Harlander", ["@ Stadler", "Nein."], False),
            ],
            [None, "Stadler"],
        ),
        # addressed by first name, then a comma ("Ramón, para serte sincero")
        (
            [
                ("Ramón García", ["Creo que sí."], False),
                ("Lucía", ["Ramón, para serte sincero, no."], False),
            ],
            [None, "Ramón García"],
        ),
        # addressed by full name, then a colon
        (
            [
                ("Mathias Autor", ["Ich sehe das so."], False),
                ("Jo", ["Mathias Autor: das stimmt nicht."], False),
            ],
            [None, "Mathias Autor"],
        ),
        # a name no commenter has
        (
            [("Ana Ruiz", ["Good point."], False), ("Jo", ["Peter, you are wrong here."], False)],
            [None, None],
        ),
        # a sentence opener is no name, even where a commenter is called so
        (
            [("Well", ["First."], False), ("Jo", ["Well, I am not sure about that."], False)],
            [None, None],
        ),
        # one's own name opens no reply
        (
            [
                ("Ana Ruiz", ["First."], False),
                ("Ana Ruiz", ["Ana, note to self: check this."], False),
            ],
            [None, None],
        ),
        # the name in capitals, then text
        (
            [
                ("Cindy Cats", ["Marché ?"], False),
                ("habsb", ["CINDY CATS Aucun parallèle n’est possible."], False),
            ],
            [None, "Cindy Cats"],
        ),
        (
            [("Tristan", ["Non."], False), ("habsb", ["TRISTAN", "Si, vraiment."], False)],
            [None, "Tristan"],
        ),
        # a forum quote's header names the quoted commenter
        (
            [
                ("michaelbrandi", ["Tubeless is easy."], False),
                ("Jo", ["michaelbrandi said:", "Tubeless is easy.", "Not for me."], False),
            ],
            [None, "michaelbrandi"],
        ),
        (
            [
                ("Anna Schmidt", ["Das stimmt so."], False),
                ("Jo", ["Zitat von Anna Schmidt", "Das stimmt so.", "Nein."], False),
            ],
            [None, "Anna Schmidt"],
        ),
        # ... and a quote of someone who did not comment names no comment
        (
            [("Ana Ruiz", ["First."], False), ("Jo", ["The mayor said:", "We pay."], False)],
            [None, None],
        ),
        # a title answering an earlier comment's title
        (
            [
                ("GeorgQuaas", ["Kurze Antworten", "Sie haben nichts spezifiziert."], True),
                ("wScherf", ["AW: Kurze Antworten", "Doch."], True),
            ],
            [None, "GeorgQuaas"],
        ),
        # ... but not an untitled comment that opens with those words
        (
            [
                ("GeorgQuaas", ["Kurze Antworten", "Sie haben nichts spezifiziert."], False),
                ("wScherf", ["AW: Kurze Antworten", "Doch."], True),
            ],
            [None, None],
        ),
        # a quote of an earlier comment's line, then text of its own
        (
            [
                (
                    "RockyRider66",
                    ["Ich ziehe die Reifen so auf.", "Wo gehört das Logo regulär hin?"],
                    False,
                ),
                ("JensDey", ["Ganz anderes Thema hier."], False),
                (
                    "dasK",
                    ["Wo gehört das Logo regulär hin?", "Und peng! Als Trail unwürdig geoutet!"],
                    False,
                ),
            ],
            [None, None, "RockyRider66"],
        ),
        # the quote alone (a post repeated) is no reply
        (
            [
                ("RockyRider66", ["Wo gehört das Logo regulär hin?"], False),
                ("dasK", ["Wo gehört das Logo regulär hin?"], False),
            ],
            [None, None],
        ),
        # a quote of the article names no comment
        (
            [
                (
                    "Ana Ruiz",
                    ["The council voted on the water deal on Tuesday, and I agree."],
                    False,
                ),
                ("Jo", ["The council voted on the water deal", "Yes it did."], False),
            ],
            [None, None],
        ),
        # a quote found in two comments tells no parent
        (
            [
                ("A One", ["This is the quoted line here."], False),
                ("B Two", ["This is the quoted line here.", "Indeed."], False),
                ("C Three", ["This is the quoted line here.", "Hm."], False),
            ],
            [None, "A One", None],
        ),
        # a comment repeating more than one paragraph of another is a list shown twice
        (
            [
                (
                    "A One",
                    ["Tozeur: plus de dattes exportées cette année", "Kébili : trois cas"],
                    False,
                ),
                (
                    "B Two",
                    ["Tozeur: plus de dattes exportées cette année", "Kébili : trois cas"],
                    False,
                ),
            ],
            [None, None],
        ),
        # a short opening is no quote
        (
            [("A One", ["Thanks a lot."], False), ("B Two", ["Thanks a lot.", "Really."], False)],
            [None, None],
        ),
        # an anonymous comment's quote is not read
        (
            [
                ("A One", ["This is the quoted line here."], False),
                (None, ["This is the quoted line here.", "Indeed."], False),
            ],
            [None, None],
        ),
    ],
)
def test_reply_parents(comments: list[Comment], expected: list[str | None]) -> None:
    assert _parents(comments) == expected


def test_replies_in_a_thread_whose_headers_follow_their_text() -> None:
    """Comments with their header under their text ("…" / "Comment by Daniel — date")
    show replies as any others do."""
    lines = [
        "Verstößt der Ausschluss von Pseudonymen gegen deutsches Recht?",
        "Von Thomas Stadler",
        "Google hat mehrfach die Profile solcher Nutzer gesperrt, die sich nicht mit ihrem "
        "Namen angemeldet haben, und das wirft rechtliche Fragen auf.",
        "Die Regelung wirkt auf den ersten Blick eindeutig, aber nur solange man davon "
        "ausgeht, dass das Profil privat genutzt wird.",
        "Comments (3)",
        "Wenn das in den AGB steht, finde ich es lächerlich.",
        "Comment by Daniel — 17.07, 2011 @ 13:04",
        "Es geht um den Zweck, nicht um die Öffentlichkeit.",
        "Comment by Christoph Kappes — 17.07, 2011 @ 13:10",
        "@Daniel: Das Gesetz steht im Zweifelsfall aber wohl über den AGB.",
        "Comment by Gerhard Torges — 17.07, 2011 @ 13:22",
        "Leave a comment",
    ]
    layout = parse_dump("\n\n".join(lines))
    comments = [r for r in layout.regions if r.kind == "comment"]
    by_id = {r.id: r.author for r in comments}
    assert [(r.author, by_id.get(r.parent or "")) for r in comments] == [
        ("Daniel", None),
        ("Christoph Kappes", None),
        ("Gerhard Torges", "Daniel"),
    ]
