"""People's names in a comment, whoever they are, so that no name moves a score.

The lexicon folds the surnames of listed politicians (``POLITICIANS``) to one
placeholder; every other name reached the models as written, and swapping one
unlisted politician for another changed the offensive score by 0.036 on
average (issue 17: goal under 0.02). :func:`name_spans` finds the words of a
comment that are written as names, listed or not, and :func:`fold_people`
replaces them, for the n-gram features and for the text the encoder reads.

A name is a capitalised word (``Macron``, ``Le Pen``, ``O'Neill``) that is no
word of the lexicon, no common capitalised word (:data:`NOT_NAMES`) and no word
of a coded jibe ("Let's go Brandon" stays visible). Inside a sentence, every
such word counts. A sentence's first word is capitalised anyway, so it counts
only when what follows shows it is a name: a possessive ``'s``, a verb a subject
takes (``Newsom is``, ``Abbott should``), or another capitalised word followed by
one (``Dana Whitcombe lied``; not ``Ask Olu``).
Places and organisations inside a sentence are folded too: they say nothing about
offence, and the fold is the same on every side.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import compress, count
from operator import itemgetter

from newsift.comments.lexicon import CODED_JIBES, POLITICIANS, TITLES, categories_of, words

_NAME = re.compile(r"[A-Z](?:[a-z]+|['’][A-Z][a-z]+)(?:['’]s)?")
_SENTENCE_BREAK = re.compile(r"[.!?:;\"“”\n]")


def _entries(block: str) -> frozenset[str]:
    return frozenset(block.split())


#: Capitalised words that are not names: function words that open sentences, titles,
#: days and months, interjections.
NOT_NAMES = _entries(
    """
    the a an this that these those it its it's he she they we you his her hers their our my
    your there here what which who whom whose when where why how if and but or so yes no not
    all some any every each everyone everybody someone somebody nobody anyone anybody
    nothing something everything one none both either neither such same other another
    most many much more few less then now today tonight tomorrow yesterday also just only
    even still again ever never always maybe perhaps please thanks thank sorry sure wow
    yeah yep nope oh ah hey hi hello ok okay lol well great good nice bravo amen
    let let's lets i'm i've i'd i'll im ive he's she's they're we're you're that's there's
    what's who's isn't aren't wasn't don't doesn't didn't can't won't
    mr mrs ms miss dr prof sir madam dame lord lady god jesus christ
    president prime minister senator sen premier governor gov mayor judge justice chief
    king queen prince princess honourable honorable representative rep congressman
    congresswoman speaker chancellor secretary commissioner councillor councilor
    professor doctor officer general captain sheriff deputy leader
    monday tuesday wednesday thursday friday saturday sunday january february march
    april may june july august september october november december
    english french spanish german canadian american british australian
    people folks guys everyone man men woman women
    for from with without about after before because since while during until unless
    in on at of to by as into onto over under again against between through
    """
)

#: Verbs and adverbs that, right after a sentence's first word, make it a subject named.
SUBJECT_WORDS = _entries(
    """
    is isn't was wasn't has hasn't had hadn't have should shouldn't will won't would wouldn't
    can can't could couldn't must may might did didn't does doesn't do don't needs need
    wants wanted said says lied lies lie gave gets got keeps kept made makes thinks thought
    knows knew deserves deserved just always never really already also still again
    received receives signed signs spoke speaks met meets answered ran runs wrote writes
    """
)

_CAPITALS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
_JIBE_WORDS = frozenset(w for phrase in CODED_JIBES for w in phrase.split())
_TITLE_WORDS = frozenset(w for title in TITLES for w in title.split())


def _may_be_name(written: str, word: str) -> bool:
    return (
        _NAME.fullmatch(written) is not None
        and word not in NOT_NAMES
        and word not in _JIBE_WORDS
        and word not in _TITLE_WORDS
        and word.removesuffix("'s").removesuffix("’s") not in POLITICIANS
        and not categories_of(word)
    )


def name_spans(text: str, found: Sequence[tuple[int, int, str]] | None = None) -> list[int]:
    """Indexes into ``found`` (default: :func:`~newsift.comments.lexicon.words` of
    ``text``) of the words written as people's names (see the module docstring)."""
    found = words(text) if found is None else found
    out: list[int] = []
    # a name opens with a capital A-Z (``_NAME``): only such words are looked at
    firsts = map(text.__getitem__, map(itemgetter(0), found))
    for i in compress(count(), map(_CAPITALS.__contains__, firsts)):
        start, end, word = found[i]
        if not _may_be_name(text[start:end], word):
            continue
        opens = i == 0 or _SENTENCE_BREAK.search(text[found[i - 1][1] : start]) is not None
        if opens and not _named_by_what_follows(text, found, i):
            continue
        out.append(i)
    return out


def _named_by_what_follows(
    text: str, found: Sequence[tuple[int, int, str]], i: int, *, depth: int = 1
) -> bool:
    """True when what follows word ``i`` shows it is a name: a possessive, a subject's
    verb, or another name followed by one ("Dana Whitcombe lied", not "Ask Olu")."""
    end, word = found[i][1], found[i][2]
    if word.endswith(("'s", "’s")):
        return True
    if i + 1 >= len(found):
        return False
    start, after, following = found[i + 1]
    if text[end:start].strip():
        return False  # punctuation between: "Careful, Marta" opens with no name
    if following in SUBJECT_WORDS:
        return True
    return (
        depth > 0
        and _may_be_name(text[start:after], following)
        and _named_by_what_follows(text, found, i + 1, depth=depth - 1)
    )


def fold_people(
    text: str, placeholder: str, found: Sequence[tuple[int, int, str]] | None = None
) -> str:
    """``text`` with every word of :func:`name_spans` replaced by ``placeholder``
    (``found``: the :func:`~newsift.comments.lexicon.words` of ``text``, when known)."""
    found = words(text) if found is None else found
    pieces: list[str] = []
    last = 0
    for i in name_spans(text, found):
        start, end, _ = found[i]
        pieces.extend((text[last:start], placeholder))
        last = end
    if not pieces:
        return text
    pieces.append(text[last:])
    return "".join(pieces)
