"""Forum posts in a comment thread (issue 21): the poster's name alone at the post's top,
a profile under it ("dabei seit 12/2006", "Fotos Videos"), the text, and a footer that
closes the post with the name and its time ("RockyRider66 , 26. Januar 2022 13:05")."""

from __future__ import annotations

import pytest

from newsift.structure.comment_heads import find_comment_heads, thread_ui
from newsift.structure.dump import parse_dump
from newsift.structure.hints import LineHints
from newsift.text.lines import split_comment_header, split_lines

ARTICLE = (
    "Tubeless Reifen montieren\n\n"
    "So montierst du deine Reifen ohne Schlauch, Schritt für Schritt und ohne Kompressor.\n\n"
    "Wir zeigen, welche Ventile passen und wie viel Milch in einen Reifen gehört.\n\n"
)
FORUM = (
    "120 Kommentare\n\n"
    "RockyRider66\n\ndabei seit 12/2006\n\nFotos Videos\n\n"
    "Ich ziehe meine Reifen mit dem Logo mit Absicht unpassend auf.\n\n"
    "Wo gehört das Logo den regulär hin?\n\n"
    "RockyRider66 , 26. Januar 2022 13:05\n\n"
    "dasK\n\ndabei seit 12/2004\n\nFotos Videos\n\n"
    "Und peng! Als Trail unwürdig geoutet!\n\n"
    "dasK , 26. Januar 2022 13:11\n\n"
    "JensDey\n\nMitglied seit 2016\n\nFotos Videos\n\n"
    "Mir fehlt kriminelle Energie.\n\n"
    "JensDey , 26. Januar 2022 13:31\n\n"
    "Alle 120 Kommentare im Forum lesen →\n\n"
    "Was meinst du?\n"
)
#: the same thread, the profile written otherwise: a post count, no template line
COUNTS = (
    "12 Kommentare\n\n"
    "Haentz\n\nBeiträge: 1.234\n\n"
    "Quatsch. Stehen doch genug von den Dingern draußen rum.\n\n"
    "Haentz , 26. Januar 2022 13:30\n\n"
    "Mara\n\nPosts: 56\n\n"
    "Stimmt, die Tankstelle um die Ecke hat einen Kompressor.\n\n"
    "Mara , 26. Januar 2022 14:02\n"
)


@pytest.mark.parametrize(
    ("thread", "expected"),
    [
        (
            FORUM,
            [
                ("RockyRider66", "26. Januar 2022 13:05",
                 ["Ich ziehe meine Reifen mit dem Logo mit Absicht unpassend auf.",
                  "Wo gehört das Logo den regulär hin?"]),
                ("dasK", "26. Januar 2022 13:11", ["Und peng! Als Trail unwürdig geoutet!"]),
                ("JensDey", "26. Januar 2022 13:31", ["Mir fehlt kriminelle Energie."]),
            ],
        ),
        (
            COUNTS,
            [
                ("Haentz", "26. Januar 2022 13:30",
                 ["Quatsch. Stehen doch genug von den Dingern draußen rum."]),
                ("Mara", "26. Januar 2022 14:02",
                 ["Stimmt, die Tankstelle um die Ecke hat einen Kompressor."]),
            ],
        ),
    ],
)  # fmt: skip
def test_forum_posts_are_read_name_profile_text_footer(
    thread: str, expected: list[tuple[str, str, list[str]]]
) -> None:
    text = ARTICLE + thread
    layout = parse_dump(text)
    comments = [r for r in layout.regions if r.kind == "comment"]
    got = [(c.author, c.when, [text[p.start : p.end] for p in c.paragraphs]) for c in comments]
    assert got == expected
    for comment, (name, _, _) in zip(comments, expected, strict=True):
        assert comment.author_span is not None
        # the name line at the post's top is the author's, the region starts there
        assert text[comment.author_span.start : comment.author_span.end] == name
        assert comment.start == comment.author_span.start
        assert comment.when_span is not None
        assert text[comment.when_span.end : comment.end] == ""  # the footer closes it
    profile = [r for r in layout.regions if r.kind == "ui"]
    shown = {text[r.start : r.end] for r in profile}
    assert {"dabei seit 12/2006", "Fotos Videos"} <= shown or "Beiträge: 1.234" in shown


@pytest.mark.parametrize(
    "thread",
    [
        # the name right above its header is the avatar's: headers first, as before
        "3 Kommentare\n\nAnna\n\nAnna, 5. Januar 2020, 10:15\n\nSchöner Text, danke.\n\n"
        "Bernd\n\nBernd, 5. Januar 2020, 11:20\n\nSehe ich anders.\n",
        # only one header has its name above it: no forum, headers first
        "3 Kommentare\n\nAnna, 5. Januar 2020, 10:15\n\nSchöner Text, danke.\n\n"
        "Bernd\n\nGuter Punkt.\n\nBernd, 5. Januar 2020, 11:20\n\nSehe ich anders.\n",
    ],
)
def test_no_forum_without_a_name_line_over_every_post(thread: str) -> None:
    text = ARTICLE + thread
    comments = [r for r in parse_dump(text).regions if r.kind == "comment"]
    first_texts = [text[c.paragraphs[0].start : c.paragraphs[0].end] for c in comments]
    assert first_texts[:1] == ["Schöner Text, danke."]  # the text under the first header


def _doubting(text: str) -> tuple[list[int], LineHints]:
    """Header lines found where a model gives every line to "other"."""
    lines = split_lines(text)
    hints = LineHints(probs={x.index: {"other": 0.99} for x in lines if not x.blank})
    return [h.time_line for h in find_comment_heads(lines, 0, True, hints)], hints


@pytest.mark.parametrize(
    ("thread", "heads"),
    [
        (FORUM, 3),  # each footer's name stands alone at its post's top: the model is overruled
        # the same footers with no name lines: the model's doubt stands
        ("120 Kommentare\n\nIch ziehe meine Reifen unpassend auf.\n\n"
         "RockyRider66 , 26. Januar 2022 13:05\n\nUnd peng! Als Trail unwürdig geoutet!\n\n"
         "dasK , 26. Januar 2022 13:11\n", 0),
        # one post has its name line, the other not: neither is taken against the model
        ("120 Kommentare\n\nRockyRider66\n\nIch ziehe meine Reifen unpassend auf.\n\n"
         "RockyRider66 , 26. Januar 2022 13:05\n\nUnd peng! Als Trail unwürdig geoutet!\n\n"
         "dasK , 26. Januar 2022 13:11\n", 0),
    ],
)  # fmt: skip
def test_a_name_line_vouches_for_a_footer_the_model_doubts(thread: str, heads: int) -> None:
    found, _ = _doubting(ARTICLE + thread)
    assert len(found) == heads


@pytest.mark.parametrize(
    ("text", "ui"),
    [
        ("pokaż odpowiedzi (2)", True),
        ("Antworten anzeigen (2)", True),
        ("2 Antworten anzeigen", True),
        ("Afficher les 3 réponses", True),
        ("Ver respuestas", True),
        ("#12", True),
        ("Quote", True),
        ("Gefällt mir (3)", True),
        ("Aufklappen", True),
        ("Antworten", True),  # is_ui's already
        ("#hashtag", False),
        ("Quote of the day", False),
        ("Zitat: Er sagte, das sei falsch.", False),
        ("Antworten gibt es keine.", False),
        ("12 Affen", False),
    ],
)
def test_thread_buttons(text: str, ui: bool) -> None:
    assert thread_ui(text) is ui


#: a thread whose every block stands between blank lines, with vote counts and a
#: "show replies" button under each comment
VOTES = (
    "Komentarze (9)\n\n"
    "Legart\n\n2021-05-05 09:58:37\n\nA w razie stwierdzenia konstytucyjności ustawy.\n\n"
    "8\n\n3\n\n"
    "Humbak\n\n2021-05-05 08:40:36\n\nW tym temacie Korwin wskazał najważniejszy aspekt.\n\n"
    "7\n\n4\n\npokaż odpowiedzi (1)\n\n"
    "Kętrzyna\n\n2021-05-05 09:28:39\n\nW naszym kraju do dziś żądza Ubecy.\n\n"
    "3\n\n11\n\npokaż odpowiedzi (1)\n"
)


def test_a_name_after_a_thread_button_names_the_next_comment() -> None:
    text = ARTICLE + VOTES
    comments = [r for r in parse_dump(text).regions if r.kind == "comment"]
    got = [(c.author, [text[p.start : p.end] for p in c.paragraphs]) for c in comments]
    assert got[-2:] == [
        ("Humbak", ["W tym temacie Korwin wskazał najważniejszy aspekt."]),
        ("Kętrzyna", ["W naszym kraju do dziś żądza Ubecy."]),
    ]


def test_a_name_after_text_is_no_comments_name() -> None:
    """The rule asks for a button above the name: a short line after a paragraph stays
    the comment's text."""
    text = ARTICLE + VOTES.replace("pokaż odpowiedzi (1)\n\nKętrzyna", "Danke!\n\nKętrzyna")
    comments = [r for r in parse_dump(text).regions if r.kind == "comment"]
    assert comments[-1].author is None


#: an article with its byline and dateline on top (a first header is no dateline then)
DATED = ARTICLE.replace("\n\n", "\n\nVon Thomas Stadler\n\n4. März 2025\n\n", 1)
FOOTER = "Am meisten gelesen\n\nImpressum\n\nDatenschutz\n\n7.4.30\n\nISO-8859-1\n\nMSO Modus\n"


@pytest.mark.parametrize(
    ("thread", "last_paragraphs", "comments"),
    [
        # the comment form after the last comment's text ends the thread; the footer's
        # nameless date line ("7.4.30") opens no comment
        ("Kommentare\n\nKritiker2010\n\n06.11.2023, 13:47 Uhr\n\n"
         "Quantensprung? Wohl eher ein kleiner Schritt.\n\n"
         "Kommentar hinzufügen\n\nEs gibt kein Recht auf Veröffentlichung.\n\n" + FOOTER,
         ["Quantensprung? Wohl eher ein kleiner Schritt."], 1),
        ("Comments\n\nJo Kim\n\nMarch 5, 2025 at 3:14 pm\n\nGreat piece, thanks.\n\n"
         "Leave a Reply\n\nYour email address will not be published.\n\n"
         "Recent posts\n\nA story about the harbor council and its water deal\n",
         ["Great piece, thanks."], 1),
        # a named header after the form: the form stands over the thread, which goes on
        ("Comments\n\nJo Kim\n\nMarch 5, 2025 at 3:14 pm\n\nGreat piece, thanks.\n\n"
         "Leave a Reply\n\nAnna Lee\n\nMarch 6, 2025 at 9:00 am\n\nI disagree.\n",
         ["I disagree."], 2),
    ],
)  # fmt: skip
def test_a_comment_form_ends_the_thread(
    thread: str, last_paragraphs: list[str], comments: int
) -> None:
    text = DATED + thread
    found = [r for r in parse_dump(text).regions if r.kind == "comment"]
    assert len(found) == comments
    assert [text[p.start : p.end] for p in found[-1].paragraphs] == last_paragraphs


@pytest.mark.parametrize(
    ("text", "name", "when"),
    [
        # a permalink at the end vouches like a reply button, and lets one word name it
        ("Gerhard Baierlein am 18. Oktober 2023 - 13:11 Permanenter Link", "Gerhard Baierlein",
         "18. Oktober 2023 - 13:11"),
        ("malte am 18. Oktober 2023 - 19:48 Permanenter Link", "malte",
         "18. Oktober 2023 - 19:48"),
        ("Jo Kim · March 5, 2025 at 3:14 pm | Permalink", "Jo Kim", "March 5, 2025 at 3:14 pm"),
        ("Jean le 5 janvier 2020 à 10 h 15 - Lien permanent", "Jean", "5 janvier 2020 à 10 h 15"),
    ],
)  # fmt: skip
def test_a_permalink_vouches_for_a_header(text: str, name: str, when: str) -> None:
    header = split_comment_header(text, thread=True)
    assert header is not None
    assert (header.name, header.when, header.vouched) == (name, when, True)


@pytest.mark.parametrize(
    "text",
    [
        "malte am 18. Oktober 2023 - 19:48",  # one word, nothing vouches: no header
        "Heute am 5. Januar 2020",
        "Heute am 5. Januar 2020 Permanenter Link",  # a date with no clock before the link
    ],
)
def test_one_word_before_a_date_needs_a_button(text: str) -> None:
    assert split_comment_header(text, thread=True) is None


@pytest.mark.parametrize(
    ("thread", "expected"),
    [
        # a translated WordPress theme: the month's name first, under the name
        ("12 Kommentare\n\nSabine Gimm\n\nMärz 9, 2018\n\nDas Ergebnis kann sich sehen lassen.\n\n"
         "Reply\n\nPetra\n\nMärz 12, 2018\n\nIch war einmal mit einer Freundin unterwegs.\n\n"
         "Reply\n",
         [("Sabine Gimm", "März 9, 2018", "Das Ergebnis kann sich sehen lassen."),
          ("Petra", "März 12, 2018", "Ich war einmal mit einer Freundin unterwegs.")]),
        # the time over a "Name sagt:" line
        ("Ein Gedanke zu “ Über uns ”\n\nJanuar 15, 2014 um 23:36\n\nAgi Joe sagt:\n\n"
         "Hey ihr beiden! Leb seit einiger Zeit in Frankreich.\n",
         [("Agi Joe", "Januar 15, 2014 um 23:36",
           "Hey ihr beiden! Leb seit einiger Zeit in Frankreich.")]),
        ("2 Comments\n\nMarch 5, 2025 at 3:14 pm\n\nJo Kim says:\n\nGreat piece.\n",
         [("Jo Kim", "March 5, 2025 at 3:14 pm", "Great piece.")]),
    ],
)  # fmt: skip
def test_translated_wordpress_headers(thread: str, expected: list[tuple[str, str, str]]) -> None:
    text = DATED + thread
    comments = [r for r in parse_dump(text).regions if r.kind == "comment"]
    got = [(c.author, c.when, text[c.paragraphs[0].start : c.paragraphs[0].end]) for c in comments]
    assert got == expected


@pytest.mark.parametrize(
    "thread",
    [
        # a month-first date with no name above it (a sidebar's list) opens no comment
        "Kommentare\n\nJo Kim · 2 hours ago\n\nGreat piece.\n\nArchiv\n\nMärz 9, 2018\n\n"
        "Ein anderer Artikel über Haare\n",
    ],
)
def test_a_month_first_date_needs_a_name(thread: str) -> None:
    text = DATED + thread
    comments = [r for r in parse_dump(text).regions if r.kind == "comment"]
    assert len(comments) == 1
