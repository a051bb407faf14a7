"""The grammar of threat constructions (comments.threat_grammar) and the checks it lends
the older threat rules (comments.threats): person targets, negation, reports, quotes."""

from __future__ import annotations

import pytest

from newsift.comments import patterns, threat_grammar
from newsift.comments.normalise import normalised_words


def grammar(text: str) -> bool:
    found = normalised_words(text)
    plain = [w for _, _, w in found]
    return threat_grammar.threatening(text, found, set(plain), " ".join(plain))


def cue(text: str) -> bool:
    return "threat" in patterns.read(text, normalised_words(text)).cues


@pytest.mark.parametrize(
    "text",
    [
        # intent + harm verb + person (with what the verb needs after the person)
        "I'm going to push you off a bridge.",
        "Someone needs to run that man over.",
        "We'll drag every one of them out of their house and hang them.",
        "I swear I'm going to strangle Dana with my bare hands.",
        "Keep posting and I'll come to your house and stab you.",
        "I hope someone kills her.",
        # intent + body verb + the person's body; a harm given
        "I'll wring your neck.",
        "Next time I see you, I'm breaking your jaw.",
        "Somebody should give Senator Voss a beating.",
        # person + should/deserve + be + harm
        "He should be put against a wall.",
        "Marta Kellner should be put up against the wall.",
        "Those traitors should be stoned to death.",
        "Dana Whitcombe needs to be executed.",
        "Voss should be put in front of a firing squad.",
        "You will be shot if you come back.",
        # person + deserve/need + harm noun
        "People like her deserve a bullet.",
        "Immigrants deserve the rope.",
        "The Liberals need a bullet.",
        "Every one of them deserves to die.",
        # calls to violence
        "Hang them all.",
        "Shoot every last one of the Liberals.",
        "String him up.",
        "Somebody shoot Voss already.",
        "Death to the Tories!",
        # a wish to see it; the target's end foretold
        "I'd love to see Voss beaten to a pulp.",
        "If he shows up here he won't leave alive.",
        "You'll pay for this in blood.",
        "Keep running your mouth and you'll wake up in a hospital bed.",
        "Mei, I will make you disappear.",
        # a particle verb before the person, a weapon put in one, the means of a killing
        "Somebody please take out Sunak.",
        "Someone ought to run Harris down with a car.",
        "Someone should put a knife in Dutton.",
        "Get a rope for Albanese.",
        "Christians should be fed to the lions again.",
        "I'm going to cut you, Sienna.",
    ],
)
def test_constructions_are_found(text: str) -> None:
    assert grammar(text), text


@pytest.mark.parametrize(
    "text",
    [
        # counter-speech: the threat is quoted
        "Saying 'we will hurt you' is a threat and should be banned.",
        'Writing "I will kill you" to a stranger is a crime.',
        # negated
        "Nobody should hurt him.",
        "No one deserves to be shot for protesting.",
        "I would never hurt her.",
        # reported news
        "The suspect threatened to kill his neighbour.",
        "Police said the man vowed to hang the mayor.",
        "He deserves the death penalty, the jury said.",
        # figures of speech and things: no person is harmed
        "This traffic is killing me.",
        "I'll kill this exam.",
        "I'd kill for a coffee.",
        "We should kill the bill.",
        "The budget will hurt families most.",
        "The film should be shot in Vancouver.",
        "The plan should be killed before it kills the economy.",
        "Those ideas need to die.",
        "We need a wall on the border.",
        "They need the chair to sign off on it.",
        "My mom is going to kill me.",
        "The trees should be cut down.",
        "You'll be put in charge of the committee.",
        "He should be thrown out of office.",
        "Shoot them a message when you can.",
        "Hang them on the wall by the door.",
        "We'll end up with a nasty president.",
        # contests and questions
        "Let's beat them at the polls.",
        "They should be eliminated from the playoffs.",
        "I'm going to destroy you at chess.",
        "Should he be executed? The court will decide.",
        # a call verb after "and" describes, it does not call
        "They hate and kill Republicans, says the ad.",
        "I'll take her out to dinner on Friday.",
        "You could cut him some slack.",
        "We need to take out the trash.",
        "He ended up in the hospital after the crash.",
    ],
)
def test_look_alikes_are_not(text: str) -> None:
    assert not grammar(text), text


@pytest.mark.parametrize(
    "text",
    [
        # the older rules fired on each of these before the grammar's checks gated them
        "Nobody should hurt him.",
        "Saying 'we will hurt you' is a threat and should be banned.",
        "I'll kill this exam.",
        "No one deserves to be shot for protesting.",
        "No one deserves a bullet for their politics.",
        "Should he be executed? The court will decide.",
        "The film should be shot in Vancouver.",
        "The plan should be killed before it kills the economy.",
        "Those ideas need to die.",
        "The Greens want to hang the blame on the mayor.",
        "We need gun control.",
        "Americans need gun control now.",
        "They should burn in hell for this.",
        "The Dems need to beat the GOP in November.",
        "We should hang out sometime, Bruno.",
    ],
)
def test_older_rules_are_gated(text: str) -> None:
    assert not cue(text), text


@pytest.mark.parametrize(
    "text",
    [
        "Someone should shoot him.",
        "I will find you and make you regret it.",
        "Hang them all.",
        "He should be put against a wall.",
        "People like her deserve a bullet.",
        "Time to hang the traitors.",
        "We should burn down their homes.",
    ],
)
def test_threats_keep_the_cue(text: str) -> None:
    assert cue(text), text


def test_most_comments_pay_one_set_test() -> None:
    """A comment without a trigger word is not marked or read further."""
    text = "The council met on Tuesday to discuss the new library hours."
    found = normalised_words(text)
    plain = {w for _, _, w in found}
    assert plain.isdisjoint(threat_grammar.TRIGGERS)
    assert not grammar(text)
