"""Parties that did not comment: "did not respond to a request for comment".

A sentence pattern finds the statement; the subject of its verb (from the
parse) says who: "The mayor's office did not respond ...", "Smith declined to
comment", "A spokesperson could not be reached".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsift.document import Span

if TYPE_CHECKING:
    from spacy.tokens import Doc as SpacyDoc
    from spacy.tokens import Token

_NOT = r"(?:did\s+not|didn[’']t|has\s+not|have\s+not|had\s+not|hasn[’']t|haven[’']t|hadn[’']t)"
NONRESPONSE = re.compile(
    rf"\b{_NOT}\s+(?:yet\s+|immediately\s+|otherwise\s+)?"
    r"(?:respond(?:ed)?|repl(?:y|ied)|return(?:ed)?|answer(?:ed)?)\b"
    r"[^.;]*?\b(?:comment|request|message|call|email|e-mail|inquir\w*|questions?|phone)"
    r"|\bdeclined\s+(?:to\s+(?:comment|be\s+interviewed|answer|discuss|elaborate|respond|"
    r"provide\s+(?:a\s+)?comment|speak|talk)|(?:an?\s+)?(?:requests?\s+for|interview)|comment)"
    r"|\brefused\s+to\s+(?:comment|answer|be\s+interviewed)"
    r"|\b(?:could\s+not|couldn[’']t)\s+(?:immediately\s+)?be\s+reached"
    r"|\b(?:was|were|is|are)\s+(?:not\s+(?:immediately\s+)?available|unavailable)\s+for\s+comment"
    r"|\bno\s+comment\b",
    re.IGNORECASE,
)
_VERBS = frozenset({"respond", "reply", "return", "answer", "decline", "refuse", "reach", "be"})


@dataclass(frozen=True, slots=True)
class Refusal:
    span: Span
    who: Token | None
    who_span: Span | None
    offset: int  # where the parsed paragraph starts in the text


def find_nonresponses(parsed: SpacyDoc, offset: int) -> list[Refusal]:
    """Non-responses in one parsed paragraph; ``offset`` is its start in the text."""
    found: list[Refusal] = []
    for sentence in parsed.sents:
        match = NONRESPONSE.search(sentence.text)
        if match is None:
            continue
        start = sentence.start_char + match.start()
        end = sentence.start_char + match.end()
        verb = next(
            (
                t
                for t in sentence
                if start <= t.idx < end + 1 and t.lemma_.lower() in _VERBS and t.pos_ != "NOUN"
            ),
            None,
        )
        who = _subject(verb) if verb is not None else None
        who_span = None
        if who is not None:
            tokens = [t for t in who.subtree if not t.is_space]
            while tokens and tokens[-1].is_punct:
                tokens.pop()
            if tokens:
                who_span = Span(
                    offset + tokens[0].idx, offset + tokens[-1].idx + len(tokens[-1].text)
                )
                start = min(start, tokens[0].idx)
        found.append(Refusal(Span(offset + start, offset + end), who, who_span, offset))
    return found


def _subject(token: Token, depth: int = 0) -> Token | None:
    for child in token.children:
        if child.dep_ in {"nsubj", "nsubjpass"}:
            return child
    if depth < 3 and token.head.i != token.i and token.dep_ in {"xcomp", "conj", "auxpass", "aux"}:
        return _subject(token.head, depth + 1)
    return None
