"""Attacker-written page content, and a check that rendered HTML keeps it inert.

Every payload tries a different way in: a script element, an event-handler
attribute, a ``javascript:`` link, breaking out of an attribute value, and a
fake closing tag. A report is inert when, parsed as HTML, it holds no script,
no element with an ``on*`` attribute, no ``javascript:`` or ``data:`` URL, and
nothing from the page became an element.
"""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

SCRIPT = "<script>alert('script')</script>"
ONERROR = "<img src=x onerror=\"alert('img')\">"
JS_LINK = "<a href=\"javascript:alert('link')\">click me</a>"
ATTR_BREAK = '"><svg onload=alert(1)>'
CLOSE_STYLE = "</style><script>alert('style')</script>"
PAYLOADS = (SCRIPT, ONERROR, JS_LINK, ATTR_BREAK, CLOSE_STYLE)

#: A page dump that the structure analyzer reads: the payloads sit in the
#: headline, the byline, the body's quotes and the comments (authors and text).
HOSTILE_DUMP = f"""Council Vote {SCRIPT} Sparks Row

Posted on Tuesday, March 4, 2025
by Clara {ONERROR} Wendt

The council voted 5-4 on Monday to sell the harbour land for $3 million {JS_LINK}.

"This is a {SCRIPT} disgrace," said Mayor Ann Bell {ONERROR}.

A senior official, who spoke on condition of anonymity, said the deal "was done in secret {ATTR_BREAK}."

Clara Wendt writes about local government.

Mallory {ONERROR}
Mallory {ONERROR}
2 days ago

Great article {SCRIPT} {JS_LINK} {CLOSE_STYLE}
Reply

Eve
Eve
1 day ago

Visit javascript:alert(document.cookie) now {ATTR_BREAK}
Reply
"""


def hostile_document() -> dict[str, Any]:
    """A document dict with a payload in every string field the report shows."""
    parts = [
        f"Headline {SCRIPT}",  # 0 headline
        f"by {ONERROR}",  # 1 byline
        f'Body with a quote "{SCRIPT} {JS_LINK}" said {ATTR_BREAK} today.',  # 2 body
        f"{ONERROR} first comment {CLOSE_STYLE}",  # 3 comment
        f"second comment {JS_LINK}",  # 4 comment
    ]
    text, spans = "", []
    for part in parts:
        start = len(text)
        text += part
        spans.append({"start": start, "end": len(text)})
        text += "\n\n"
    body = spans[2]
    quote = {"start": body["start"] + 18, "end": body["start"] + 18 + len(SCRIPT + JS_LINK) + 1}

    def region(i: int, rid: str, kind: str, **extra: Any) -> dict[str, Any]:
        return {"id": rid, "kind": kind, **spans[i], "paragraphs": [spans[i]], **extra}

    return {
        "schema": "newsift.document/1.1",
        "id": f'"><script>alert("id")</script>{ONERROR}',
        "text": text,
        "meta": {
            "headline": f"Title {SCRIPT}{CLOSE_STYLE}",
            "author": f"Author {ONERROR}",
            "published": f"2025 {ATTR_BREAK}",
            "url": "javascript:alert('url')",
            "source": JS_LINK,
        },
        "regions": [
            region(0, "r1", "headline"),
            region(1, "r2", "byline"),
            region(2, "r3", "body"),
            region(
                3,
                f"r4{ATTR_BREAK}",
                "comment",
                author=f"Mallory {ONERROR}",
                when=SCRIPT,
                parent=None,
            ),
            region(4, "r5", "comment", author=None, when=JS_LINK, parent=f"r4{ATTR_BREAK}"),
        ],
        "quotes": [
            {
                "id": f"q1{ATTR_BREAK}",
                "kind": f"direct{SCRIPT}",
                "content": quote,
                "cue": None,
                "speaker": None,
                "source": "s1",
                "to_author": True,
            },
        ],
        "sources": [
            {
                "id": "s1",
                "name": f"Mayor {SCRIPT}",
                "kind": "person",
                "named": False,
                "anonymous": True,
                "descriptor": f"official {ONERROR}",
                "anonymous_reason": f"not allowed {JS_LINK}",
                "to_author": True,
                "quotes": [f"q1{ATTR_BREAK}"],
                "quoted_words": 3,
            },
        ],
        "sourcing": [
            {
                "sources": 1,
                "counts": {"anonymous": 1, SCRIPT: 2},
                "shares": {"anonymous": 1.0},
                "quotes": 1,
                "quoted_words": 3,
                "anonymous_word_share": 1.0,
                "only_to_author": 1,
                "nonresponses": 0,
            },
        ],
        "flags": [
            {
                "kind": f"only_to_author{SCRIPT}",
                "source": "s1",
                "reason": f"reason {ONERROR}",
                "evidence": [quote],
            },
            {
                "kind": "anonymous_majority",
                "source": None,
                "reason": f"most {JS_LINK}",
                "evidence": [],
            },
        ],
        "nonresponses": [{"span": spans[2], "who": f"CEO {SCRIPT}", "source": None}],
        "claims": [
            {
                "span": body,
                "score": 0.9,
                "rank": 1,
                "checkworthy": True,
                "type": f"t{SCRIPT}",
                "features": [ONERROR],
                "matches": [
                    {
                        "claim": f"old {SCRIPT}",
                        "rating": ONERROR,
                        "url": "javascript:alert('match')",
                        "score": 0.8,
                    }
                ],
            },
        ],
        "techniques": [
            {
                "span": quote,
                "label": f"Loaded_Language{SCRIPT}",
                "score": 0.7,
                "explanation": f"because {ONERROR}",
                "speaker": "s1",
                "quote": "q1",
            },
        ],
        "toxicity": [
            {
                "region": f"r4{ATTR_BREAK}",
                "scores": {SCRIPT: 0.9, "insult": 0.5},
                "offensive": True,
                "targeted": True,
                "target": f"group{ONERROR}",
                "political_target": True,
                "spans": [{**spans[3], "label": SCRIPT}],
                "duplicate_of": "r5",
                "junk": [JS_LINK],
                "off_topic": True,
            },
        ],
        "thread": [
            {
                "comments": 2,
                "named": 1,
                "anonymous": 1,
                "offensive": 1,
                "offensive_share": 0.5,
                "top_targets": [{"target": SCRIPT, "count": 1}],
                "most_offensive": [f"r4{ATTR_BREAK}", SCRIPT],
                "duplicates": 1,
                "junk": 1,
                "off_topic": 1,
            },
        ],
    }


class _Inspector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag in {"script", "img", "iframe", "object", "embed", "base", "link", "form"}:
            self.problems.append(f"<{tag}> element")
        if tag == "meta" and any(v and "refresh" in v.lower() for _, v in attrs):
            self.problems.append("<meta> refresh")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"{name}= on <{tag}>")
            if name in {"href", "src", "action", "formaction", "xlink:href"} and value:
                scheme = value.strip().lower().split(":", 1)[0]
                if ":" in value and scheme not in {"http", "https"}:
                    self.problems.append(f"{name}={value!r} on <{tag}>")


def inert_problems(page: str) -> list[str]:
    """What in ``page`` could run or load something; empty when it is inert."""
    inspector = _Inspector()
    inspector.feed(page)
    inspector.close()
    problems = list(inspector.problems)
    if page.lower().count("<style") != 1 or page.lower().count("</style") != 1:
        problems.append("a second style element, or a closing tag broke out of the first")
    return problems
