"""Threats: a violent act with intent, a veiled threat, and violent words that are none.

:func:`threatens` gives :mod:`newsift.comments.patterns` its ``threat`` cue.
The offensive score leans on that cue almost alone for threats (a threat
written without a lexicon word scores like small talk), so the cue has to
reach the ways people write threats:

* a violent act after a word of intent in the same clause: the lexicon's
  threat words ("should hang", "deserve a bullet") and the acts of
  :data:`VIOLENT_ACTS` that the lexicon lacks ("someone should torch his
  house", "they should be gassed", "I'd happily run him over", "time to
  exterminate them");
* threats that need no violent word (:data:`THREAT_SHAPES`): veiled ("your
  days are numbered", "you'll be next", "enjoy your last days", "don't be
  surprised if he disappears one day"), normalised ("people like you end up
  in hospital") or conditional ("if they win, we'll be waiting for them with
  rifles");

and not to fire on the figures of speech and the news that share their words
(:func:`figurative`, :func:`not_aimed`): "kill it at the debate", "you're
killing me", "this deadline will be the death of me", "kill the bill", "shoot
a documentary", "beat them at the ballot box", "drown out the noise".

Everything is matched on lower-cased words; the acts and their blockers on the
comment's own text, so that a clause break (".", ";", "!", "?") ends an
intent's reach.
"""

from __future__ import annotations

import re

from newsift.comments.lexicon import INTENT, THREAT_IDIOMS


def _words_of(block: str) -> frozenset[str]:
    """The whitespace-separated words of a word-list block."""
    return frozenset(block.split())


AFTER_CHARS = 80  # how much text after a violent word :func:`not_aimed` reads
INTENT_WINDOW = 5  # words between a word of intent and the lexicon threat word it qualifies
_CLAUSE_BREAK = re.compile(r"[.;:!?]|\bbut\b|\bthough\b", re.IGNORECASE)

#: Threats whose words are no threat word of the lexicon: veiled, normalised or
#: conditional. Matched on the comment's normalised words joined by one space.
THREAT_SHAPES = re.compile(
    r"\bput (?:\w+ ){1,3}in (?:the|a) (?:ground|grave|hospital|morgue)\b"
    r"|\bend(?:s|ed)? up (?:in (?:the |a )?(?:hospital|morgue|ditch|grave|body bag|icu)|dead)\b"
    r"|\bknow where (?:you|your \w+|he|she|they) (?:live|lives|work|works|sleep|sleeps)\b"
    r"|\bknow where (?:your|his|her|their) (?:kids|children|family|wife|husband|mother) \w+"
    r"|\baccidents (?:can )?happen\b"
    r"|\b(?:shame|pity) if (?:something|anything) (?:happened|happens|were to happen|bad)\b"
    r"|\bwaiting for (?:you|them|him|her) with\b"
    r"|\b(?:break|snap|smash) (?:your|his|her|their) (?:legs?|neck|arms?|face|jaw|skull|knees?)\b"
    r"|\b(?:won't|wont|will not|not going to|never) live to\b"
    r"|\bsleep with one eye open\b"
    r"|\ba lesson with (?:a|an|my|our|their) \w+"
    r"|\b(?:one day|one of these days|someday|soon) (?:\w+ ){1,5}get(?:s)? what (?:he|she|they|you)"
    r" (?:deserves?|has coming|have coming)\b"
    r"|\bround (?:\w+ ){0,2}up (?:\w+ ){0,2}and (?:get rid of|shoot|kill|hang|lock|deport|gas)\b"
    # veiled: the victim's time is short, or they are next
    r"|\b(?:your|his|her|their) days are numbered\b"
    r"|\b(?:you'll|you will|you're|you are|he's|he'll|she's|she'll|they're|they'll) be next\b"
    r"|\b(?:you're|you are) next\b"
    r"|\bdead (?:man|men|woman|women|meat) walking\b|\b(?:you're|you are) dead meat\b"
    r"|\benjoy (?:your|his|her|their) (?:last|final|remaining) (?:days|hours|moments|weeks)\b"
    r"|\bnever (?:see|sees|live to see|lives to see) another (?:birthday|christmas|day|year"
    r"|election|summer|sunrise)\b"
    r"|\bmake sure (?:\w+ ){1,3}never (?:sees?|wakes? up|walks?|breathes?|lives?)\b"
    r"|\bbetter (?:hire|get) (?:some |a )?(?:bodyguards?|security)\b"
    r"|\bwatch what happens (?:to|if|when)\b"
    r"|\b(?:surprised|shocked) if (?:\w+ ){1,3}(?:disappears?|goes missing|go missing"
    r"|turns? up dead|gets? hurt|has an accident|have an accident)\b"
    r"|\b(?:you've|you have) been warned\b|\bconsider (?:yourself|yourselves) warned\b"
    r"|\bthis is your (?:last|final|only) warning\b"
    # the victim's body: a throat, a neck in someone's hands, a body bag to belong in
    r"|\b(?:slit|cut) (?:your|his|her|their|\w+'s) throats?\b"
    r"|\b(?:hands|fingers) around (?:your|his|her|their|\w+'s) (?:neck|throat)\b"
    r"|\bbelongs? in (?:a|the) (?:body bag|grave|coffin|morgue)\b"
    r"|\bwiped? (?:off|from) the (?:face of the )?(?:earth|planet|map)\b"
    r"|\bfind (?:\w+ ){1,2}and (?:make (?:you|him|her|them) (?:pay|suffer|bleed|regret)|hurt"
    r"|kill|beat|end|teach|finish)\b"
    # a weapon or a fist to the body, a visit, a way of leaving
    r"|\b(?:a|my|the) (?:fist|bat|baseball bat|boot|brick|knife|crowbar|hammer|machete|bullet"
    r"|tire iron) (?:to|in|across|through|into) (?:the|your|his|her|their|\w+'s) (?:head|face|mouth"
    r"|teeth|skull|chest|gut|back|throat|knees?)\b"
    r"|\bexpect (?:a|our|my) (?:visit|knock)\b"
    r"|\b(?:found|have|got|know) (?:your|his|her) (?:home )?address\b"
    r"|\b(?:won't|wont|will not|not) (?:be )?(?:leave|leaving|walk|walking) (?:out |away |home )?on"
    r" (?:your|his|her|their) own (?:two )?feet\b"
    r"|\b(?:leave|leaving|go home|going home|carried out|sent|shipped|deported|sent home|go back"
    r"|sent back) in (?:an ambulance|a stretcher|a box|boxes|a coffin|coffins|a body bag"
    r"|body bags)\b"
    r"|\bwhat happens to (?:snitches|traitors|rats|people like (?:you|him|her|them)|those who)\b"
    r"|\bsnitches get stitches\b"
    r"|\bbreak every bone\b|\bput (?:\w+ ){1,2}out of (?:his|her|their|your) misery\b"
    r"|\ba lesson (?:you|he|she|they) (?:won't|wont|will never|will not) forget\b"
    r"|\b(?:at|outside) (?:your|his|her|their) (?:kid's|kids|kids'|children's|son's|daughter's)"
    r" school\b"
    r"|\b(?:lucky|surprised) (?:nobody|no one|noone) (?:has|had|'s) (?:\w+ )?(?:shot|killed"
    r"|stabbed|hanged|lynched|beaten|strangled|attacked|hurt)\b"
    r"|\bknock (?:your|his|her|their) (?:\w+ )?(?:teeth|head|lights) (?:out|off|in)\b"
    r"|\b(?:head|face|teeth|skull) (?:kicked|bashed|smashed|caved|beaten|knocked) in\b"
    r"|\bkick (?:your|his|her|their) (?:head|face|teeth) in\b"
    r"|\btake (?:a|my|the) (?:hammer|bat|baseball bat|knife|crowbar|machete|axe|chainsaw|torch)"
    r" to\b"
    r"|\bswing(?:s|ing)? from (?:a|the) (?:rope|tree|lamppost|noose|gallows)\b|\bnoose\b"
    r"|\bwaiting (?:for you )?(?:outside|at|by) (?:your|his|her|their) (?:house|home|office|door"
    r"|work|school|car)\b"
    r"|\bshow up at (?:your|his|her|their) (?:door|doorstep|house|home)\b"
    r"|\bcoming (?:to|for|round to|over to) (?:your|his|her|their) (?:house|home|door|office"
    r"|family|kids|children)\b"
    r"|\bpray (?:that )?(?:we|i) never (?:meet|cross paths|run into)\b"
    r"|\blined up and (?:shot|killed|hanged|executed|gassed)\b"
    r"|\b(?:i'll|we'll|i will|we will|personally) make sure (?:\w+ ){1,3}(?:suffers?|pays?|bleeds?"
    r"|regrets?)\b"
    r"|\b(?:better|shouldn't|should not) show (?:your|his|her|their) (?:face|faces) (?:around|here"
    r"|in|again)\b"
    r"|\b(?:stay indoors|stay inside|lock your doors|keep your doors locked|look over your shoulder"
    r"|sleep lightly)\b"
    r"|\b(?:i'll|we'll|i will|we will|gonna|going to) make (?:\w+ ){1,2}(?:suffer|bleed|pay)\b"
    r"|\b(?:hope|wish) (?:\w+ ){0,3}(?:gets?|catches) (?:cancer|hit by a (?:bus|car|truck|train))\b"
)

#: Violent acts the lexicon's threat words lack; like those, a threat only after a word
#: of intent (``_INTENT_BEFORE``): "someone should torch ...", "they should be gassed".
VIOLENT_ACTS = (
    r"torch(?:es|ed)?|drown(?:s|ed)?|slits?|slap(?:ped)?|gassed|gas them|behead(?:s|ed)?"
    r"|decapitate[sd]?|bomb(?:ed)?|firebomb(?:ed)?"
    r"|blow (?:up|\w+ up)|(?:run|runs|running|ran) (?:[\w'’]+ ){1,3}?over"
    r"|thrown? (?:off|from) (?:\w+ )?"
    r"(?:roofs?|rooftops?|buildings?|bridges?|cliffs?|helicopters?|balcony)"
    r"|dragged (?:out )?(?:into|through) the streets?"
    r"|drag (?:him|her|them) (?:out )?(?:into|through)"
    r"|skinned alive|set (?:on )?fire|set (?:\w+ )?on fire|burned alive|burnt alive|kneecap(?:ped)?"
    r"|curb ?stomp(?:ed)?|maim(?:ed)?|castrated?|slaughter(?:ed)?|massacred?|butcher(?:ed)?"
    r"|poison(?:ed)?|tortured?|eradicated?|annihilated?|wipe (?:\w+ )?out|wiped out"
    r"|a (?:good )?(?:slap|beating|kicking|thrashing|hiding)|beaten (?:up|to death|senseless)"
    r"|beat up|hurt (?:you|him|her|them)|burn(?:ed|t)? at the stake"
    r"|(?:hunt|track) (?:(?!me\b)\w+ )?down|strung (?:up )?from"
    r"|finish (?:you|him|her|them) off"
    r"|gut (?:you|him|her|them)"
)
_ACT = re.compile(rf"\b(?:{VIOLENT_ACTS})\b")
#: Words of intent the lexicon's ``INTENT`` lacks: wishes and calls ("I'd happily ...",
#: "time to ...", "someone should ...").
MORE_INTENTS = frozenset(
    {"love to", "happily", "gladly", "time to", "i'd", "we'd", "someone please", "somebody please"}
)  # fmt: skip
#: The lexicon's threat words that name no act ("gun control", "tar sands", "dead wood"):
#: a wish of :data:`MORE_INTENTS` before them makes no threat.
NOT_ACTS = frozenset(
    {"gun", "guns", "rope", "tar", "feathered", "dead", "death", "bullet", "bullets", "shooting"}
)  # fmt: skip
INTENT_CHARS = 40  # characters between a word of intent and the act it qualifies


def _intent_before(intents: frozenset[str]) -> re.Pattern[str]:
    """A word of ``intents`` at most :data:`INTENT_CHARS` characters before the end, no
    clause break between."""
    alternatives = "|".join(re.escape(w) for w in sorted(intents))
    return re.compile(rf"\b(?:{alternatives})\b[^.;:!?]{{0,{INTENT_CHARS}}}$")


_INTENT_BEFORE = _intent_before(INTENT | MORE_INTENTS)
_MORE_INTENT_BEFORE = _intent_before(MORE_INTENTS)
#: After a violent word, the objects that make it a figure of speech: things, not people
#: ("kill the bill", "shoot a documentary", "torch that argument", "blow up the deal").
FIGURATIVE_OBJECTS = _words_of(
    """
    bill bills plan plans deal deals idea ideas motion motions proposal proposals project
    projects pipeline program programme programs legislation tax taxes law laws story stories
    joke jokes mood momentum competition argument arguments case record records odds budget
    deficit campaign policy policies rumour rumours rumor rumors vote amendment scheme
    documentary video videos film films movie movies scene scenes photo photos picture
    pictures episode episodes ad ads breeze messenger lights engine buzz vibe hopes chances
    dream dreams narrative myth myths theory treaty contract merger reform reforms agenda
    economy market markets deadline clock notion speech interview question questions
    burger burgers pizza coffee beer pint drink sandwich steak meal curry cigarette nap
    feelings pride ego reputation career image brand business businesses sales jobs industry
    industries companies growth investment innovation trade tourism
    """
)
#: Words right after a violent word that leave no person to harm ("shoot down the idea",
#: "drown out the noise", "kill it", "killing me", "killing time").
FIGURATIVE_PARTICLES = frozenset({"down", "out", "it", "me", "time"})
_SKIPPED = _words_of("the a an this that these those their his her its our your my off whole new")
#: In the clause after a violent word, words of a contest: "beat them at the polls".
_CONTEST = re.compile(
    r"^[^.;:!?]{0,60}\b(?:polls?|ballots?|ballot box|elections?|votes?|voting|midterms?|primary"
    r"|primaries|debates?|races?|ratings|match|game|court|playoffs?|finals?|box office|chess"
    r"|poker|tennis|golf|cards|scrabble|trivia|quiz)\b"
)
#: "death of me", "death of us": a complaint, not a threat
_DEATH_OF_ME = re.compile(r"^\s+of\s+(?:me|us)\b")
_PUNCTUATION = ".,;:!?'\"’”“()"
_DEAD_TO_ME = re.compile(r"\bdead to (?:me|us)\b")
#: a threat that ends its sentence on "or else"
_OR_ELSE = re.compile(r"\bor else\s*(?:[.!]|$)")
#: After "dead" or "death", words that make it no threat ("dead wrong", "death threats"
#: in a news report, "death toll", "dead to me").
NOT_THREAT_AFTER = frozenset(
    {
        "wrong",
        "serious",
        "set",
        "tired",
        "threat",
        "threats",
        "toll",
        "penalty",
        "certain",
        "end",
        "to",
    }
)
#: After a "kill" word, words that make it a figure of speech ("kill it at the debate",
#: "you're killing me", "I'd kill for a coffee", "killing time"), not a threat.
FIGURATIVE_AFTER = frozenset({"it", "me", "for", "time"})
#: Before "die for", "murder for": the speaker's own craving, not a threat.
WISHING = frozenset({"i'd", "i’d", "would", "could"})
_THREAT_IDIOM = re.compile("|".join(map(re.escape, sorted(THREAT_IDIOMS))))


def figurative(text: str, words: list[tuple[int, int, str]], i: int) -> bool:
    """True when lexicon threat word ``i`` is a figure of speech or news of a threat.

    Such a word is folded to a neutral word (:mod:`newsift.comments.patterns`):
    "kill it", "killing me", "death threats", "dead wrong", and a violent word
    that harms no one (:func:`not_aimed`: "kill the bill", "beat them at the polls").
    """
    following = words[i + 1][2] if i + 1 < len(words) else ""
    if words[i][2] in {"dead", "death"}:
        if following in NOT_THREAT_AFTER:
            return True
    elif following in FIGURATIVE_AFTER and words[i][2].startswith("kill"):
        return True
    if following == "for" and words[i][2] == "shoot":
        return True  # "shoot for a deal": aim at it
    if following == "for" and i > 0 and words[i - 1][2] in WISHING:
        return True  # "I'd die for a day off", "I could murder for a pint"
    return not_aimed(text[words[i][1] : words[i][1] + AFTER_CHARS].lower())


def not_aimed(after: str) -> bool:
    """True when the text right ``after`` a violent word leaves no one to harm.

    Its object is a thing ("the bill", "a documentary", "that pipeline plan"),
    a particle takes the violence away ("down", "out", "for"), the clause is a
    contest ("at the ballot box", "in the debate") or the word is "death" of
    the speaker ("the death of me").
    """
    if _CONTEST.search(after) or _DEATH_OF_ME.search(after):
        return True
    following = after[:40].split()
    if following and following[0].strip(_PUNCTUATION) in FIGURATIVE_PARTICLES:
        return True
    seen = 0
    for word in following:
        word = word.strip(_PUNCTUATION)
        if word in _SKIPPED:
            continue
        if word in FIGURATIVE_OBJECTS:
            return True
        seen += 1
        if seen == 2:  # the object and one word after it ("that pipeline plan")
            break
    return False


def _same_clause(text: str, words: list[tuple[int, int, str]], first: int, last: int) -> bool:
    return not _CLAUSE_BREAK.search(text[words[first][1] : words[last][0]])


def _intended_act(lower_text: str) -> bool:
    """A violent act of :data:`VIOLENT_ACTS` after a word of intent, aimed at someone."""
    for match in _ACT.finditer(lower_text):
        if _INTENT_BEFORE.search(lower_text, 0, match.start()) and not not_aimed(
            lower_text[match.end() :]
        ):
            return True
    return False


def threatens(
    text: str,
    words: list[tuple[int, int, str]],
    mentioned: set[int] | frozenset[int],
    lower: str,
    found: list[tuple[str, ...]],
) -> bool:
    """True when the comment threatens someone (the ``threat`` cue).

    ``words``: the comment's normalised words; ``mentioned``: the indexes of
    abuse words it only mentions (negated, reported, figurative); ``lower``:
    the words joined by one space; ``found``: each word's lexicon categories.
    """
    if "dead to" in lower:
        lower = _DEAD_TO_ME.sub("gone", lower)  # "you're dead to me" is no "you're dead"
    if _THREAT_IDIOM.search(lower) or THREAT_SHAPES.search(lower):
        return True
    if "or else" in lower and _OR_ELSE.search(text.lower()):
        return True
    for i, categories_found in enumerate(found):
        if "threat" not in categories_found or i in mentioned:
            continue
        for j in range(max(0, i - INTENT_WINDOW), i):
            if words[j][2] in INTENT and _same_clause(text, words, j, i):
                return True
        if words[i][2] in NOT_ACTS:
            continue
        before = text[max(0, words[i][0] - AFTER_CHARS) : words[i][0]].lower()
        if _MORE_INTENT_BEFORE.search(before):
            return True
    if not _ACT.search(lower):
        return False
    return _intended_act(text.lower())
