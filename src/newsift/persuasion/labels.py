"""The 14 techniques of the Propaganda Techniques Corpus and how to explain them to a reader.

The label strings are exactly those of the corpus
(``propaganda-techniques-names-semeval2020task11.txt``); merged classes keep
their comma-joined names.
"""

from __future__ import annotations

TECHNIQUES: tuple[str, ...] = (
    "Appeal_to_Authority",
    "Appeal_to_fear-prejudice",
    "Bandwagon,Reductio_ad_hitlerum",
    "Black-and-White_Fallacy",
    "Causal_Oversimplification",
    "Doubt",
    "Exaggeration,Minimisation",
    "Flag-Waving",
    "Loaded_Language",
    "Name_Calling,Labeling",
    "Repetition",
    "Slogans",
    "Thought-terminating_Cliches",
    "Whataboutism,Straw_Men,Red_Herring",
)

#: a reader-facing name and a one-clause description of each technique
DESCRIPTIONS: dict[str, tuple[str, str]] = {
    "Appeal_to_Authority": (
        "Appeal to authority",
        "leans on who says something rather than on evidence for it",
    ),
    "Appeal_to_fear-prejudice": (
        "Appeal to fear or prejudice",
        "builds support by stirring fear or prejudice against something or someone",
    ),
    "Bandwagon,Reductio_ad_hitlerum": (
        "Bandwagon or guilt by association",
        "urges agreement because everyone agrees, or rejects an idea because of who holds it",
    ),
    "Black-and-White_Fallacy": (
        "Black-and-white fallacy",
        "offers two options as the only ones when more exist",
    ),
    "Causal_Oversimplification": (
        "Causal oversimplification",
        "pins a complex outcome on a single cause",
    ),
    "Doubt": ("Doubt", "questions someone's credibility rather than their argument"),
    "Exaggeration,Minimisation": (
        "Exaggeration or minimisation",
        "makes something seem much bigger or much smaller than it is",
    ),
    "Flag-Waving": (
        "Flag-waving",
        "appeals to patriotism or group identity to justify an idea",
    ),
    "Loaded_Language": (
        "Loaded language",
        "uses words chosen for their emotional charge rather than their content",
    ),
    "Name_Calling,Labeling": (
        "Name calling",
        "attaches a label meant to make the audience dislike or admire its target",
    ),
    "Repetition": ("Repetition", "repeats a message so that it sticks"),
    "Slogans": ("Slogan", "uses a short, striking phrase in place of an argument"),
    "Thought-terminating_Cliches": (
        "Thought-terminating cliché",
        "uses a stock phrase that discourages further thought",
    ),
    "Whataboutism,Straw_Men,Red_Herring": (
        "Whataboutism, straw man or red herring",
        "deflects to another issue or attacks a distorted version of the other side",
    ),
}
