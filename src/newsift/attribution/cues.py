"""The cue lexicon: verbs and phrases that attribute speech or writing.

Only acts of saying, writing and publishing count (and what documents
"show" or "find"); verbs of belief and feeling ("fears", "believes",
"hopes", "wants") do not, because they report the writer's view of someone's
mind rather than something the source said (see
``docs/analyzers/attribution.md``).
"""

from __future__ import annotations

import re

#: Lemmas of verbs that attribute speech or writing.
SPEECH_VERBS = frozenset(
    {
        "say",
        "tell",
        "add",
        "warn",
        "explain",
        "write",
        "argue",
        "note",
        "claim",
        "insist",
        "state",
        "declare",
        "announce",
        "report",
        "acknowledge",
        "admit",
        "confirm",
        "deny",
        "suggest",
        "predict",
        "contend",
        "assert",
        "maintain",
        "observe",
        "remark",
        "comment",
        "reply",
        "respond",
        "answer",
        "ask",
        "tweet",
        "post",
        "recall",
        "concede",
        "stress",
        "emphasize",
        "emphasise",
        "continue",
        "caution",
        "complain",
        "charge",
        "allege",
        "testify",
        "promise",
        "pledge",
        "vow",
        "boast",
        "brag",
        "joke",
        "quip",
        "muse",
        "reveal",
        "disclose",
        "estimate",
        "conclude",
        "find",
        "show",
        "indicate",
        "urge",
        "demand",
        "propose",
        "recommend",
        "agree",
        "counter",
        "retort",
        "exclaim",
        "shout",
        "yell",
        "whisper",
        "wonder",
        "speculate",
        "hint",
        "repeat",
        "reiterate",
        "assure",
        "lament",
        "protest",
        "proclaim",
        "affirm",
        "learn",
        "read",
        "tout",
        "point",
        "recount",
        "threaten",
        "advise",
        "inform",
    }
)

#: Verbs of belief and feeling: attributions of a mind, not of speech (not cues).
BELIEF_VERBS = frozenset(
    {
        "think",
        "believe",
        "feel",
        "fear",
        "hope",
        "want",
        "expect",
        "worry",
        "doubt",
        "suspect",
        "wish",
        "know",
        "consider",
        "assume",
        "guess",
        "imagine",
        "prefer",
    }
)

#: Verbs of public speech acts whose content is their object or a prepositional
#: phrase ("criticized the deal", "called for a recount"); cues only with one.
ACT_VERBS = frozenset(
    {"criticize", "praise", "denounce", "condemn", "accuse", "blame", "defend", "propose"}
    | {"reject", "dismiss", "question", "challenge", "discuss", "express", "thank", "applaud"}
    | {"mock", "slam", "blast", "decry", "endorse", "refer", "talk", "speak", "echo", "tout"}
    | {"call", "cite", "describe", "mention", "highlight"}
)

#: Speech and act verbs that take what was said as their object.
OBJECT_CONTENT_VERBS = ACT_VERBS | frozenset(
    {"announce", "deny", "confirm", "reveal", "disclose", "predict", "tweet", "post", "ask"}
    | {"recommend", "demand", "promise", "pledge", "vow", "repeat", "reiterate", "acknowledge"}
    | {"admit", "concede", "report", "urge", "suggest", "recount", "recall"}
)

#: Prepositions that introduce the content after a cue ("called for", "referring to").
PREP_CUES: dict[str, frozenset[str]] = {
    "call": frozenset({"for", "on"}),
    "refer": frozenset({"to"}),
    "talk": frozenset({"about"}),
    "speak": frozenset({"about", "of"}),
    "point": frozenset({"to"}),
    "ask": frozenset({"about", "for"}),
    "write": frozenset({"about", "of"}),
    "comment": frozenset({"on"}),
    "respond": frozenset({"to"}),
    "complain": frozenset({"about", "of"}),
    "warn": frozenset({"of", "about", "against"}),
    "argue": frozenset({"for", "against"}),
    "testify": frozenset({"about"}),
    "boast": frozenset({"about", "of"}),
    "brag": frozenset({"about"}),
    "joke": frozenset({"about"}),
    "agree": frozenset({"with"}),
    "insist": frozenset({"on"}),
}

#: Verbs of saying whose "to"-infinitive is what was said: "promised to build a
#: wall", "vowed to fight the ruling" (a commitment made in words; "wants to", "plans
#: to" are intentions and stay out).
COMMISSIVE_VERBS = frozenset({"promise", "pledge", "vow", "threaten"})

#: Verbs of saying and reporting that attribute the main clause from an "as" clause:
#: "As The Hill reported, ...", "..., as Clinton supporters point out", "As Vulture
#: put it, ...". The "as" clause's subject (or its "by" agent) is the speaker.
AS_CLAUSE_VERBS = frozenset(
    {"say", "report", "note", "write", "point", "explain", "observe", "remark", "argue"}
    | {"tell", "tweet", "put", "reveal", "recall", "confirm", "predict", "warn", "claim"}
    | {"state", "announce", "acknowledge", "document", "detail", "describe", "recount"}
)

#: Verbs by which a measurement reports a finding as its object: "a poll shows Sanders
#: with 47 percent", "the study found no link between ...".
MEASURE_VERBS = frozenset({"show", "find"})
#: Heads of measurements whose "shows"/"found" object is a finding ("polls", "the survey").
MEASURE_NOUNS = frozenset(
    {"poll", "survey", "study", "polling", "data", "datum", "figure", "number", "statistic"}
    | {"result", "finding", "analysis", "research", "estimate", "projection", "audit"}
    | {"review", "record", "count", "tally", "census", "report"}
)
#: Words of a measure of a set ("an average of recent polls", "most of the surveys").
MEASURE_OF = frozenset({"average", "majority", "most", "one", "each", "all", "none", "half"})

#: Every verb that can be a cue.
CUE_VERBS = SPEECH_VERBS | ACT_VERBS

#: A particle kept in the cue ("pointed out").
CUE_PARTICLES = frozenset({"out", "up"})

#: Phrase cues that are not verbs: ``according to SOURCE``.
ACCORDING = "according"

#: Words that mean the writer in "told me", "spoke to this reporter".
AUTHOR_WORDS = frozenset({"me", "us"})
AUTHOR_NOUNS = frozenset(
    {"writer", "reporter", "columnist", "author", "correspondent"}
    # the writer's outlet: "told this newspaper", "said in a statement to this publication"
    | {"newspaper", "publication", "site", "website", "magazine", "paper", "outlet"}
)

#: Second-level labels that are not the outlet's name ("bbc.co.uk": "bbc").
_HOST_SUFFIXES = frozenset({"co", "com", "org", "net", "ac", "gov", "edu", "ne", "or"})


def outlet_key(name: str) -> str:
    """An outlet name compared across spellings: "The New York Times" -> "newyorktimes"."""
    words = name.lower().replace("’", "'").split()
    if words and words[0] == "the":
        words = words[1:]
    return re.sub(r"[^\w]+", "", "".join(words).removesuffix("'s"))


def outlet_keys(site_name: str | None, url: str | None) -> frozenset[str]:
    """Keys of the page's own outlet: its site name and its host's name ("gizmodo.com")."""
    keys = {outlet_key(site_name), *outlet_initials(site_name)} if site_name else set()
    host = re.match(r"^[a-z][a-z0-9+.-]*://(?:[^@/]*@)?([^/:?#]+)", url or "", re.IGNORECASE)
    if host is not None:
        labels = [x for x in host.group(1).lower().split(".") if x and x != "www"]
        if len(labels) >= 3 and labels[-2] in _HOST_SUFFIXES:
            labels = labels[:-1]
        if len(labels) >= 2:
            keys.add(outlet_key(labels[-2]))
    return frozenset(k for k in keys if len(k) >= 2)


def outlet_initials(site_name: str) -> set[str]:
    """Initials an outlet goes by: "The Real Deal New York" -> "trd", "trdn", "trdny", "rdn", ...

    "told TRD" on The Real Deal's page is said to the writer. Initials of the
    name's first three or more words, with and without a leading "The".
    """
    words = [w for w in re.findall(r"[A-Za-z][\w'’]*", site_name) if w[:1].isupper()]
    found: set[str] = set()
    for names in (words, words[1:] if words[:1] == ["The"] else []):
        initials = "".join(w[0] for w in names).lower()
        found.update(initials[:k] for k in range(3, len(initials) + 1))
    return found


#: Verbs of talking or writing to someone: "who spoke to me", "speaking with this
#: reporter", "wrote to me" in a clause about the speaker mean said to the writer.
TALK_VERBS = frozenset(
    {"speak", "talk", "tell", "say", "write", "email", "e-mail", "text", "message", "chat"}
    | {"correspond", "explain", "describe", "confide", "reply", "respond", "answer", "recount"}
)

#: Verbs of the writer reaching the source: "When I asked him", "asked by me".
ASKING_VERBS = frozenset(
    {"ask", "interview", "reach", "call", "contact", "press", "question", "email", "text"}
)
