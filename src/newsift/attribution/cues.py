"""The cue lexicon: verbs and phrases that attribute speech or writing.

Only acts of saying, writing and publishing count (and what documents
"show" or "find"); verbs of belief and feeling ("fears", "believes",
"hopes", "wants") do not, because they report the writer's view of someone's
mind rather than something the source said (see
``docs/analyzers/attribution.md``).
"""

from __future__ import annotations

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

#: Every verb that can be a cue.
CUE_VERBS = SPEECH_VERBS | ACT_VERBS

#: A particle kept in the cue ("pointed out").
CUE_PARTICLES = frozenset({"out", "up"})

#: Phrase cues that are not verbs: ``according to SOURCE``.
ACCORDING = "according"

#: Words that mean the writer in "told me", "spoke to this reporter".
AUTHOR_WORDS = frozenset({"me", "us"})
AUTHOR_NOUNS = frozenset({"writer", "reporter", "columnist", "author", "correspondent"})

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
