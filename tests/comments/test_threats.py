"""Threats the lexicon misses and violent words that are no threat (comments.threats)."""

from __future__ import annotations

import pytest

from newsift.comments import patterns, threats
from newsift.comments.normalise import normalised_words


def threatening(text: str) -> bool:
    return "threat" in patterns.read(text, normalised_words(text)).cues


@pytest.mark.parametrize(
    "text",
    [
        # a violent act the lexicon lacks, after a word of intent
        "Somebody should torch her house.",
        "They should be gassed.",
        "I'd happily run the mayor over with my truck.",
        "Someone needs to blow up their office.",
        "I hope someone slits his throat.",
        "Those people should be thrown off roofs.",
        "She should be burned at the stake.",
        "I'll gut you like a fish.",
        "We should hunt down every last one of them.",
        # a lexicon threat word after a wish the lexicon's intents lack
        "Time to exterminate them once and for all.",
        "I'd love to shoot him.",
        # veiled, with no violent word
        "Your days are numbered.",
        "Watch yourself, or you'll be next.",
        "Enjoy your last days.",
        "You're a dead man walking.",
        "Don't be surprised if he disappears one day.",
        "I'll make sure he never sees another birthday.",
        "I found your address. Expect a visit.",
        "He better not show his face around here again, or else.",
        "You won't be leaving on your own two feet.",
        "Keep it up and you'll find out what happens to snitches.",
        "Every one of them belongs in a body bag.",
        "They should be wiped off the face of the earth.",
        "We will make them suffer for this.",
        "He deserves a fist in the mouth.",
        "Somebody ought to take a hammer to his skull.",
        "He deserves to get his head kicked in.",
        "I'm coming to your house tonight.",
        "You better pray we never meet.",
        "They need to be lined up and shot.",
        "If I were you I'd stay indoors for a while.",
        "I will track you down and break every bone in your body.",
        "Somebody please put him out of his misery.",
        "Hope someone runs you over.",
        "Someone should teach them a lesson they won't forget.",
        "I'll be at your kid's school on Monday.",
        "He should be strung from the nearest tree.",
        "I'm going to hurt the next one I meet.",
        "We should get rid of them once and for all.",
        "I want to cut the throats of all of them.",
        "They should be made to suffer.",
        "The only good one is a dead one.",
        "Someone needs to deal with him permanently.",
        "You'd better run while you still can.",
        "All of them must be eliminated.",
        "We should burn down their homes.",
        "They need to be put down.",
    ],
)
def test_threats_without_a_lexicon_shape_are_found(text: str) -> None:
    assert threatening(text), text


@pytest.mark.parametrize(
    "text",
    [
        # the violent word's object is a thing
        "They want to kill the bill in committee.",
        "They should kill off that pipeline plan for good.",
        "Someone should shoot a documentary about her.",
        "The campaign is going to shoot a new ad this week.",
        "I'd murder a burger right now.",
        "They need to kill this tax before it kills the economy.",
        "Conservatives will torch the budget surplus.",
        # a contest, an aim, a craving, a complaint
        "We should beat them at the ballot box.",
        "I'll murder you at chess next week.",
        "He should shoot for a bipartisan deal.",
        "I'd die for a day off.",
        "This deadline will be the death of me.",
        # no intent: news and harm done by things
        "The budget will hurt pensioners most, economists warn.",
        "The senator vowed to hunt down the gunmen.",
        "They were targeted in a shooting last year, police said.",
        "Break a leg at the show tonight.",
        "His reforms will kill small businesses, critics warn.",
        "You're dead to me after that spoiler.",
        "I'm going to destroy you at Scrabble tonight.",
        "They hope to wipe out the deficit by 2030.",
        "Vinnie's gonna hunt me down at the march.",
        "Is it time to talk about gun control?",
        "His paycheck will hurt her feelings.",
        "We should get rid of the carbon tax for good.",
        "He wants to eliminate the deficit by 2030.",
        "The critics will shoot down that idea in a minute.",
        "We need to drown out the noise.",
        # the lexicon's threat words that name a person or an event, and whole-word idioms
        "This strategy should consider how many murders happened in ten years.",
        "The executive should resign.",
        "We will have all frozen to death by then.",
        "They should be shouting bloody murder to the government.",
        "I'm not going to shoot my mouth off.",
        "I was surprised to find your comment deleted.",
        "New barbarians will destroy this civilization.",
    ],
)
def test_figures_of_speech_and_news_are_no_threat(text: str) -> None:
    assert not threatening(text), text


@pytest.mark.parametrize(
    ("verb", "after", "aimed"),
    [
        ("kill", " the bill tomorrow", False),
        ("kill", " that pipeline plan", False),
        ("kill", " it at the debate", False),
        ("shoot", " down the idea", False),
        ("drown", " out the noise", False),
        ("beat", " them at the polls in November", False),
        ("death", " of me", False),
        ("burn", " down their homes", True),
        ("shoot", " him in the street", True),
        ("kill", " the whole lot of them", True),
        ("hunt", " down every last one of them", True),
    ],
)
def test_not_aimed_reads_the_object_and_the_clause(verb: str, after: str, aimed: bool) -> None:
    assert threats.not_aimed(after, verb) is not aimed
