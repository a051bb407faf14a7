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
* threats that need no violent word (:data:`SHAPES`): veiled ("your
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

from newsift.comments import threat_grammar
from newsift.comments.lexicon import INTENT, THREAT_IDIOMS


def _words_of(block: str) -> frozenset[str]:
    """The whitespace-separated words of a word-list block."""
    return frozenset(block.split())


AFTER_CHARS = 80  # how much text after a violent word :func:`not_aimed` reads
INTENT_WINDOW = 5  # words between a word of intent and the lexicon threat word it qualifies
_CLAUSE_BREAK = re.compile(r"[.;:!?]|\bbut\b|\bthough\b", re.IGNORECASE)

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
    industries companies growth investment innovation trade tourism life lives careers
    mouth civilization civilisation society democracy country nation world environment
    """
)
_THINGS = "|".join(sorted(FIGURATIVE_OBJECTS))

#: Threats whose words are no threat word of the lexicon: veiled, normalised or
#: conditional. Each is ``(trigger words, shape)``: the shape is matched on the
#: comment's normalised words joined by one space, and only tried when one of its
#: trigger words (which every match contains) is a word of the comment, so that a
#: comment pays for the few shapes its words could complete.
SHAPES: tuple[tuple[str, str], ...] = (
    (
        "ground grave hospital morgue",
        r"\bput (?:\w+ ){1,3}in (?:the|a) (?:ground|grave|hospital|morgue)\b",
    ),
    (
        "up",
        r"\bend(?:s|ed)? up (?:in (?:the |a )?(?:hospital|morgue|ditch|grave|body bag|icu)"
        r"|dead)\b",
    ),
    (
        "where",
        r"\bknow where (?:you|your \w+|he|she|they) (?:live|lives|work|works|sleep|sleeps)\b",
    ),
    (
        "where",
        r"\bknow where (?:your|his|her|their) (?:kids|children|family|wife|husband|mother) \w+",
    ),
    ("accidents", r"\baccidents (?:can )?happen\b"),
    (
        "shame pity",
        r"\b(?:shame|pity) if (?:something|anything) (?:happened|happens|were to happen|bad)\b",
    ),
    ("waiting", r"\bwaiting for (?:you|them|him|her) with\b"),
    (
        "break snap smash",
        r"\b(?:break|snap|smash) (?:your|his|her|their) (?:legs?|neck|arms?|face|jaw|skull"
        r"|knees?)\b",
    ),
    ("live", r"\b(?:won't|wont|will not|not going to|never) live to\b"),
    ("eye", r"\bsleep with one eye open\b"),
    ("lesson", r"\ba lesson with (?:a|an|my|our|their) \w+"),
    (
        "deserve deserves coming",
        r"\b(?:one day|one of these days|someday|soon) (?:\w+ ){1,5}get(?:s)? what (?:he|she"
        r"|they|you) (?:deserves?|has coming|have coming)\b",
    ),
    (
        "round",
        r"\bround (?:\w+ ){0,2}up (?:\w+ ){0,2}and (?:get rid of|shoot|kill|hang|lock|deport"
        r"|gas)\b",
    ),
    # veiled: the victim's time is short, or they are next
    ("numbered", r"\b(?:your|his|her|their) days are numbered\b"),
    (
        "next",
        r"\b(?:you'll|you will|you're|you are|he's|he'll|she's|she'll|they're|they'll) be"
        r" next\b",
    ),
    ("next", r"\b(?:you're|you are) next\b"),
    (
        "walking meat",
        r"\bdead (?:man|men|woman|women|meat) walking\b|\b(?:you're|you are) dead meat\b",
    ),
    (
        "enjoy",
        r"\benjoy (?:your|his|her|their) (?:last|final|remaining) (?:days|hours|moments"
        r"|weeks)\b",
    ),
    (
        "another",
        r"\bnever (?:see|sees|live to see|lives to see) another (?:birthday|christmas|day|year"
        r"|election|summer|sunrise)\b",
    ),
    ("sure", r"\bmake sure (?:\w+ ){1,3}never (?:sees?|wakes? up|walks?|breathes?|lives?)\b"),
    (
        "bodyguard bodyguards security",
        r"\bbetter (?:hire|get) (?:some |a )?(?:bodyguards?|security)\b",
    ),
    ("happens", r"\bwatch what happens (?:to|if|when)\b"),
    (
        "surprised shocked",
        r"\b(?:surprised|shocked) if (?:\w+ ){1,3}(?:disappears?|goes missing|go missing"
        r"|turns? up dead|gets? hurt|has an accident|have an accident)\b",
    ),
    ("warned", r"\b(?:you've|you have) been warned\b|\bconsider (?:yourself|yourselves) warned\b"),
    ("warning", r"\bthis is your (?:last|final|only) warning\b"),
    # the victim's body: a throat, a neck in someone's hands, a body bag to belong in
    ("throat throats", r"\b(?:slit|cut) (?:your|his|her|their|\w+'s) throats?\b"),
    ("around", r"\b(?:hands|fingers) around (?:your|his|her|their|\w+'s) (?:neck|throat)\b"),
    ("belong belongs", r"\bbelongs? in (?:a|the) (?:body bag|grave|coffin|morgue)\b"),
    ("earth planet map", r"\bwiped? (?:off|from) the (?:face of the )?(?:earth|planet|map)\b"),
    (
        "find",
        r"\bfind (?:\w+ ){1,2}and (?:make (?:you|him|her|them) (?:pay|suffer|bleed|regret)"
        r"|hurt|kill|beat|end|teach|finish)\b",
    ),
    # a weapon or a fist to the body, a visit, a way of leaving
    (
        "fist bat boot brick knife crowbar hammer machete bullet iron",
        r"\b(?:a|my|the) (?:fist|bat|baseball bat|boot|brick|knife|crowbar|hammer|machete"
        r"|bullet|tire iron) (?:to|in|across|through|into) (?:the|your|his|her|their|\w+'s)"
        r" (?:head|face|mouth|teeth|skull|chest|gut|back|throat|knees?)\b",
    ),
    ("expect", r"\bexpect (?:a|our|my) (?:visit|knock)\b"),
    ("address", r"\b(?:found|have|got|know) (?:your|his|her) (?:home )?address\b"),
    (
        "feet",
        r"\b(?:won't|wont|will not|not) (?:be )?(?:leave|leaving|walk|walking) (?:out |away "
        r"|home )?on (?:your|his|her|their) own (?:two )?feet\b",
    ),
    (
        "ambulance stretcher box boxes coffin coffins bag bags",
        r"\b(?:leave|leaving|go home|going home|carried out|sent|shipped|deported|sent home|go"
        r" back|sent back) in (?:an ambulance|a stretcher|a box|boxes|a coffin|coffins|a body"
        r" bag|body bags)\b",
    ),
    (
        "happens",
        r"\bwhat happens to (?:snitches|traitors|rats|people like (?:you|him|her|them)|those"
        r" who)\b",
    ),
    ("stitches", r"\bsnitches get stitches\b"),
    ("bone", r"\bbreak every bone\b"),
    ("misery", r"\bput (?:\w+ ){1,2}out of (?:his|her|their|your) misery\b"),
    ("lesson", r"\ba lesson (?:you|he|she|they) (?:won't|wont|will never|will not) forget\b"),
    (
        "school",
        r"\b(?:at|outside) (?:your|his|her|their) (?:kid's|kids|kids'|children's|son's"
        r"|daughter's) school\b",
    ),
    (
        "lucky surprised",
        r"\b(?:lucky|surprised) (?:nobody|no one|noone) (?:has|had|'s) (?:\w+ )?(?:shot|killed"
        r"|stabbed|hanged|lynched|beaten|strangled|attacked|hurt)\b",
    ),
    ("knock", r"\bknock (?:your|his|her|their) (?:\w+ )?(?:teeth|head|lights) (?:out|off|in)\b"),
    (
        "kicked bashed smashed caved beaten knocked",
        r"\b(?:head|face|teeth|skull) (?:kicked|bashed|smashed|caved|beaten|knocked) in\b",
    ),
    ("kick", r"\bkick (?:your|his|her|their) (?:head|face|teeth) in\b"),
    (
        "take",
        r"\btake (?:a|my|the) (?:hammer|bat|baseball bat|knife|crowbar|machete|axe|chainsaw"
        r"|torch) to\b",
    ),
    (
        "swing swings swinging noose",
        r"\bswing(?:s|ing)? from (?:a|the) (?:rope|tree|lamppost|noose|gallows)\b|\bnoose\b",
    ),
    (
        "waiting",
        r"\bwaiting (?:for you )?(?:outside|at|by) (?:your|his|her|their) (?:house|home|office"
        r"|door|work|school|car)\b",
    ),
    ("show", r"\bshow up at (?:your|his|her|their) (?:door|doorstep|house|home)\b"),
    (
        "coming",
        r"\bcoming (?:to|for|round to|over to) (?:your|his|her|their) (?:house|home|door"
        r"|office|family|kids|children)\b",
    ),
    ("pray", r"\bpray (?:that )?(?:we|i) never (?:meet|cross paths|run into)\b"),
    ("lined", r"\blined up and (?:shot|killed|hanged|executed|gassed)\b"),
    (
        "sure",
        r"\b(?:i'll|we'll|i will|we will|personally) make sure (?:\w+ ){1,3}(?:suffers?|pays?"
        r"|bleeds?|regrets?)\b",
    ),
    (
        "show",
        r"\b(?:better|shouldn't|should not) show (?:your|his|her|their) (?:face|faces)"
        r" (?:around|here|in|again)\b",
    ),
    (
        "indoors inside doors shoulder lightly",
        r"\b(?:stay indoors|stay inside|lock your doors|keep your doors locked|look over your"
        r" shoulder|sleep lightly)\b",
    ),
    (
        "suffer bleed pay",
        r"\b(?:i'll|we'll|i will|we will|gonna|going to) make (?:\w+ ){1,2}(?:suffer|bleed"
        r"|pay)\b",
    ),
    (
        "cancer hit",
        r"\b(?:hope|wish) (?:\w+ ){0,3}(?:gets?|catches) (?:cancer|hit by a (?:bus|car|truck"
        r"|train))\b",
    ),
    # HateCheck-style calls to kill or remove a group, and a few more veiled forms
    (
        "rid",
        rf"\bget rid of (?!(?:\w+ ){{0,2}}(?:{_THINGS})\b)(?:\w+ ){{1,4}}(?:once and for all"
        r"|for good|permanently)\b",
    ),
    ("throat throats", r"\b(?:slit|cut) (?:the |their |his |her )?throats? of\b"),
    (
        "sure",
        r"\bmake sure (?:\w+ ){1,10}(?:gets?|is|are) (?:beaten|killed|shot|hurt|hanged"
        r"|stabbed)\b",
    ),
    (
        "made",
        r"\b(?:should|must|need to|needs to|deserve to|deserves to|ought to) be made to"
        r" (?:suffer|pay|bleed)\b",
    ),
    (
        "near",
        r"\bcomes? near (?:me|my \w+) (?:\w+ ){0,3}(?:will|'ll|is going to|gonna) regret\b",
    ),
    ("good", r"\bonly good (?:\w+ ){1,6}is a dead (?:one|\w+)\b"),
    ("permanently", r"\bdeal with (?:\w+ ){1,3}permanently\b|\bpermanently silence[ds]?\b"),
    ("run", r"\brun while (?:you|he|she|they) (?:still )?can\b"),
    ("solution", r"\bfinal solution\b"),
    ("again", r"\bnever (?:walks?|talks?|speaks?|writes?|works?|breathes?) again\b"),
    (
        "down",
        r"\b(?:should|must|need to|needs to|deserve to|deserves to|ought to) be put down\b",
    ),
)  # fmt: skip


def _by_trigger(shapes: tuple[tuple[str, str], ...]) -> dict[str, tuple[re.Pattern[str], ...]]:
    """Trigger word -> the compiled shapes it can start (:data:`SHAPES`)."""
    found: dict[str, list[re.Pattern[str]]] = {}
    for triggers, shape in shapes:
        compiled = re.compile(shape)
        for word in triggers.split():
            found.setdefault(word, []).append(compiled)
    return {word: tuple(patterns) for word, patterns in found.items()}


_SHAPES_BY_TRIGGER = _by_trigger(SHAPES)
_SHAPE_TRIGGERS = frozenset(_SHAPES_BY_TRIGGER)


def veiled(tokens: set[str] | frozenset[str], lower: str) -> bool:
    """True when a shape of :data:`SHAPES` is in ``lower`` (``tokens``: its words)."""
    for word in tokens & _SHAPE_TRIGGERS:
        for shape in _SHAPES_BY_TRIGGER[word]:
            if shape.search(lower):
                return True
    return False


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
    r"|beat up|hurt (?:you|him|her|them|every|all|any|the next)|burn(?:ed|t)? at the stake"
    r"|eliminated|eliminating"
    r"|(?:hunt|track) (?:(?!me\b)\w+ )?down|strung (?:up )?from"
    r"|finish (?:you|him|her|them) off"
    r"|gut (?:you|him|her|them)"
)
_ACT = re.compile(rf"\b(?:{VIOLENT_ACTS})\b")
#: the words that open an act of :data:`VIOLENT_ACTS`: a comment with none has no act
ACT_WORDS = _words_of(
    """
    torch torches torched drown drowns drowned slit slits slap slapped gassed gas behead beheads
    beheaded decapitate decapitates decapitated bomb bombed firebomb firebombed blow run runs
    running ran thrown throw dragged drag skinned set burned burnt kneecap kneecapped curb
    curbstomp curbstomped maim maimed castrate castrated slaughter slaughtered massacre massacred
    butcher butchered poison poisoned torture tortured eradicate eradicated annihilate annihilated
    wipe wiped beating kicking thrashing hiding beaten beat hurt burn hunt track strung finish gut
    eliminated eliminating
    """
)
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
#: Words right after a violent word that leave no person to harm ("kill it", "killing
#: me", "killing time").
FIGURATIVE_PARTICLES = frozenset({"it", "me", "time"})
#: Particles that take the violence away after one verb only: "shoot down the idea",
#: "drown out the noise", "gun for the job" (but "burn down their homes").
PARTICLES_OF = {
    "shoot": frozenset({"down"}),
    "drown": frozenset({"out"}),
    "gun": frozenset({"for"}),
}
_SKIPPED = _words_of("the a an this that these those their his her its our your my off whole new")
#: In the clause after a violent word, words of a contest: "beat them at the polls".
_CONTEST = re.compile(
    r"^[^.;:!?]{0,60}\b(?:polls?|ballots?|ballot box|elections?|votes?|voting|midterms?|primary"
    r"|primaries|debates?|races?|ratings|match|game|court|playoffs?|finals?|box office|chess"
    r"|poker|tennis|golf|cards|scrabble|trivia|quiz)\b"
)
#: "death of me", "death of us": a complaint, not a threat
_DEATH_OF_ME = re.compile(r"^\s+of\s+(?:me|us)\b")
_NOT_LETTERS = re.compile(r"[^\w'’]+")  # punctuation and emoji around a word
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
#: The lexicon's threat words (prefix matches) that name a person or an event, no act.
NOT_ACT_NOUNS = _words_of(
    """
    murders murderer murderers murderous executions executioner executive executives
    stabbings punchline punchlines punchy
    """
)
#: Before "to death": ways to die that no one inflicts ("frozen to death", "bored to death").
BY_NO_ONE = _words_of(
    """
    frozen freeze freezing starve starved starving bored scared scare frightened worried
    laughed laughing tickled loved sick tired worked working talked drink drank drunk
    """
)
#: Before "die for", "murder for": the speaker's own craving, not a threat.
WISHING = frozenset({"i'd", "i’d", "would", "could"})
#: the lexicon's threat idioms as whole words ("find you", not "find your comment")
_THREAT_IDIOM = re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(THREAT_IDIOMS))) + r")\b")
_IDIOM_STRINGS = tuple(sorted(THREAT_IDIOMS))


def has_threat_idiom(lower: str) -> bool:
    """Whether ``_THREAT_IDIOM`` finds an idiom in ``lower``: searched only when one of the
    idioms is in it as a plain string (needed for any match; most comments hold none, and
    34 substring tests cost a fraction of the regex's scan)."""
    return any(map(lower.__contains__, _IDIOM_STRINGS)) and bool(_THREAT_IDIOM.search(lower))


def _idiom_stands(text: str, lower: str) -> bool:
    """Whether a threat idiom of ``lower`` (the comment's words) is said, not quoted,
    negated or reported (:func:`~newsift.comments.threat_grammar.stands`): read where it
    is in the text; an idiom only the normalised words show ("f1nd y0u") stands."""
    text_lower = text.lower()
    shown = False
    for match in _THREAT_IDIOM.finditer(text_lower):
        shown = True
        if threat_grammar.stands(text_lower, match.start(), match.end()):
            return True
    return not shown


def figurative(text: str, words: list[tuple[int, int, str]], i: int) -> bool:
    """True when lexicon threat word ``i`` is a figure of speech or news of a threat.

    Such a word is folded to a neutral word (:mod:`newsift.comments.patterns`):
    "kill it", "killing me", "death threats", "dead wrong", and a violent word
    that harms no one (:func:`not_aimed`: "kill the bill", "beat them at the polls").
    """
    word = words[i][2]
    following = words[i + 1][2] if i + 1 < len(words) else ""
    if word in {"dead", "death"}:
        if following in NOT_THREAT_AFTER:
            return True
    elif following in FIGURATIVE_AFTER and word.startswith("kill"):
        return True
    if following == "for" and words[i][2] == "shoot":
        return True  # "shoot for a deal": aim at it
    if following == "for" and i > 0 and words[i - 1][2] in WISHING:
        return True  # "I'd die for a day off", "I could murder for a pint"
    return not_aimed(text[words[i][1] : words[i][1] + AFTER_CHARS].lower(), words[i][2])


#: Lexicon threat words that, before a word of :data:`TOPICS`, name a topic of debate.
TOPIC_WORDS = frozenset({"gun", "guns", "shooting", "shootings", "bullet", "bullets"})
TOPICS = _words_of(
    """
    control controls law laws rights right owner owners ownership violence lobby lobbies free
    show shows range ranges safety sale sales reform reforms culture crime crimes deaths death
    policy policies legislation registry registration ban bans debate store stores shop shops
    club clubs permit permits license licence licenses licences owning ownership manufacturers
    industry nuts nut lovers victims victim survivors survivor suspect suspects spree sprees
    proof points point train
    """
)


def _harms_no_one(words: list[tuple[int, int, str]], i: int) -> bool:
    """True when lexicon threat word ``i`` names no act of harm, for the cue only (the word
    itself is still read by the model): a person or an event ("how many murders", "the
    executive"), a death no one inflicts ("frozen to death"), "bloody murder", a topic
    ("gun control", "shooting victims"), a curse ("burn in hell").
    """
    word = words[i][2]
    if word in NOT_ACT_NOUNS:
        return True
    following = words[i + 1][2] if i + 1 < len(words) else ""
    if word in TOPIC_WORDS and following in TOPICS:
        return True  # "we need gun control", "shooting victims": a topic, no act
    if following == "in" and i + 2 < len(words) and words[i + 2][2] == "hell":
        return True  # "they should burn in hell": a curse, no act of the speaker's
    before = words[i - 1][2] if i else ""
    if word == "murder" and before == "bloody":
        return True
    return word == "death" and before == "to" and i > 1 and words[i - 2][2] in BY_NO_ONE


def not_aimed(after: str, verb: str = "") -> bool:
    """True when the text right ``after`` violent word ``verb`` leaves no one to harm.

    Its object is a thing ("the bill", "a documentary", "that pipeline plan"),
    a particle takes the violence away ("kill it", "shoot down", "drown out"),
    the clause is a contest ("at the ballot box", "in the debate") or the word
    is "death" of the speaker ("the death of me").
    """
    if _CONTEST.search(after) or _DEATH_OF_ME.search(after):
        return True
    following = [_NOT_LETTERS.sub("", word) for word in after[:40].split()]
    if following and (
        following[0] in FIGURATIVE_PARTICLES or following[0] in PARTICLES_OF.get(verb, ())
    ):
        return True
    seen = 0
    for word in following:
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
        verb = match.group().split(" ", 1)[0]
        before = lower_text[max(0, match.start() - AFTER_CHARS) : match.start()]
        if (
            _INTENT_BEFORE.search(before)
            and not not_aimed(lower_text[match.end() : match.end() + AFTER_CHARS], verb)
            and threat_grammar.stands(lower_text, match.start(), match.end())
        ):
            return True
    return False


def threatens(
    text: str,
    words: list[tuple[int, int, str]],
    mentioned: set[int] | frozenset[int],
    lower: str,
    tokens: set[str] | frozenset[str],
    found: list[tuple[str, ...]],
) -> bool:
    """True when the comment threatens someone (the ``threat`` cue).

    ``words``: the comment's normalised words; ``mentioned``: the indexes of
    abuse words it only mentions (negated, reported, figurative); ``lower``:
    the words joined by one space, ``tokens`` the set of them; ``found``: each
    word's lexicon categories.
    """
    if "dead to" in lower:
        lower = _DEAD_TO_ME.sub("gone", lower)  # "you're dead to me" is no "you're dead"
    if veiled(tokens, lower):
        outside = threat_grammar.unquoted(text, words)  # a quoted threat is mentioned, not made
        if outside is None or veiled(outside[1], outside[0]):
            return True
    if has_threat_idiom(lower) and _idiom_stands(text, lower):
        return True
    if "or else" in lower and _OR_ELSE.search(text.lower()):
        return True
    aim: threat_grammar.Aim | None = None
    for i, categories_found in enumerate(found):
        if "threat" not in categories_found or i in mentioned or _harms_no_one(words, i):
            continue
        for j in range(max(0, i - INTENT_WINDOW), i):
            if words[j][2] in INTENT and _same_clause(text, words, j, i):
                aim = aim or threat_grammar.Aim(text, words)
                if aim.aimed(j, i):
                    return True
        if words[i][2] in NOT_ACTS:
            continue
        before = text[max(0, words[i][0] - AFTER_CHARS) : words[i][0]].lower()
        if _MORE_INTENT_BEFORE.search(before):
            aim = aim or threat_grammar.Aim(text, words)
            if aim.aimed(max(0, i - 1), i):
                return True
    if not tokens.isdisjoint(ACT_WORDS) and _ACT.search(lower) and _intended_act(text.lower()):
        return True
    return threat_grammar.threatening(text, words, tokens, lower)
