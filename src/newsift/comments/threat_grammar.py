"""A grammar of threat constructions: who is to be harmed, by whom, and how it is said.

:mod:`newsift.comments.threats` lists wordings (a violent word after a word of
intent, ~70 shapes of veiled threat); a threat written another way is missed.
This module reads the few constructions nearly every direct or normalised
threat is built from, with open slots, so that a new verb, a new target or a
new filler still matches:

* **intent + harm + person** (:data:`_AGENT`): a speaker's intent, a call or a
  wish ("I will", "we're going to", "someone should", "somebody ought to",
  "I hope someone", "let's") before a harm verb (:data:`HARM_VERBS`) whose
  object is a person ("... push him off a bridge", "... wring your neck",
  "... drag every one of them out and hang them");
* **person + should/deserve + be + harm** (:data:`_PASSIVE`): "he should be put
  against a wall", "they need to be stoned", "she deserves to be shot";
* **person + deserve/need + harm noun** (:data:`_DESERVE`): "people like her
  deserve a bullet", "the lot of them need a rope";
* **calls to violence** (:data:`_CALL`): a harm verb opening its clause, aimed at
  people ("hang them all", "shoot every last one of them"), and "death to ...";
* **the target's death foretold** (:data:`_FATE`): "you won't leave alive", "he
  won't make it home", "you'll pay in blood", "you're going to die";
* a wish to see a person harmed (:data:`_SEE`: "I'd love to see him beaten to a
  pulp") and a harm given (:data:`_AGENT_GIVE`: "someone should give him a beating").

A person is a pronoun of a person, a name (:func:`newsift.comments.names.name_spans`),
an identity or political group word, or a noun of people (:data:`PEOPLE`); never
"me", "it", "this" or a thing, so "this traffic is killing me", "I'll kill this
exam", "kill the bill" find no one. A construction is dropped when its clause
is negated ("nobody should hurt him", "I would never hurt her"), reports a
threat ("the suspect threatened to kill", "police said he vowed to shoot"), or
quotes one ("saying 'we will hurt you' is a threat"), or is a question.
Words are matched on the comment's normalised words (:mod:`newsift.comments.normalise`)
joined by one space, with each person word rewritten as ``@p``; only the sentences
whose plain words could complete a construction (:data:`_CANDIDATE`, read near a
trigger word) are marked and read, so most comments pay one set test.

The same checks gate the older rules of :mod:`newsift.comments.threats`:
:class:`Aim` (a lexicon threat word after a word of intent must have a person in
its clause, no negation before it, no thing for its object, no report, question or
quote) and :func:`stands` (a violent act or a threat idiom, by its place in the text).
"""

from __future__ import annotations

import re

from newsift.comments.lexicon import categories_of, is_political_name
from newsift.comments.names import name_spans


def _words_of(block: str) -> frozenset[str]:
    return frozenset(block.split())


def _alternatives(words: frozenset[str] | set[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))


#: Pronouns and determiners that point at people (the object or subject of a threat).
PERSON_PRONOUNS = _words_of(
    """
    you u ya yall y'all ye him her them em 'em yourself yourselves himself herself themselves
    he she they his
    """
)
#: Nouns of people: a harm aimed at one is aimed at a person.
PEOPLE = _words_of(
    """
    people person persons folks folk guy guys man men woman women boy boys girl girls kid kids
    everyone everybody anyone anybody whoever lot bastard bastards idiot idiots
    traitor traitors scum vermin animals animal pigs pig rats rat cowards coward thugs thug
    politician politicians liberal liberals libs lib conservative conservatives cons leftist
    leftists rightist rightists commie commies fascist fascists nazi nazis protester
    protesters protestors rioters rioter cop cops officer officers soldier soldiers judge
    judges journalist journalists reporter reporters member members voter voters supporter
    supporters senator senators mp mps minister ministers president mayor governor premier
    leader leaders immigrant immigrants migrant migrants refugee refugees foreigner
    foreigners illegals invader invaders boss neighbour neighbor neighbours neighbors
    wife husband son daughter mother father family families children child
    """
)
#: Verbs of bodily harm (every form): an intent, call or wish before one, aimed at a person,
#: is a threat. Verbs whose plain sense harms no one ("hit", "destroy", "crush") are not here.
HARM_VERBS = _words_of(
    """
    kill kills killing murder murders murdering shoot shoots shooting stab stabs stabbing hang
    hangs hanging lynch lynches lynching behead beheads beheading strangle strangles
    strangling choke chokes choking wring wrings wringing beat beats beating punch punches
    punching kick kicks kicking bash bashes bashing hurt hurts hurting harm harms harming
    maim maims maiming cripple cripples crippling burn burns burning torch torches torching
    drown drowns drowning bury buries burying push pushes pushing throw throws throwing
    shove shoves shoving execute executes executing slaughter slaughters slaughtering gas
    gasses gassing bomb bombs bombing slit slits slitting gut guts gutting skin skins skinning
    rape rapes raping exterminate exterminates exterminating butcher butchers butchering
    stomp stomps stomping poison poisons poisoning torture tortures torturing whip whips
    whipping flog flogs flogging castrate castrates castrating decapitate decapitates
    decapitating stone stones stoning knife knifes knifing smash smashes smashing slap
    slaps slapping break breaks breaking string strings stringing drag drags dragging
    end ends ending waste wastes wasting snap snaps snapping bleed bleeds bleeding
    run runs ram rams ramming blow blows hunt hunts hunting line lines lining put puts putting
    cut
    """
)
#: Verbs that only harm with a particle or phrase after the person: "put him down",
#: "run her over", "line them up against a wall", "blow him away".
NEEDS_MORE = {
    "put": r"(?:down|(?:up )?against (?:a|the) wall|in (?:the|a) (?:ground|grave|hospital)"
    r"|six feet under|to death|out of (?:his|her|their|your) misery|to sleep)",
    "puts": r"(?:down|(?:up )?against (?:a|the) wall|in (?:the|a) (?:ground|grave|hospital))",
    "putting": r"(?:down|(?:up )?against (?:a|the) wall|in (?:the|a) (?:ground|grave|hospital))",
    "run": r"(?:over|down (?:with|in))",
    "runs": r"(?:over|down (?:with|in))",
    "ram": r"(?:off|into|with)",
    "rams": r"(?:off|into|with)",
    "blow": r"(?:away|up|(?:\w+ )?brains? out|(?:\w+ )?head off)",
    "blows": r"(?:away|up|(?:\w+ )?brains? out|(?:\w+ )?head off)",
    "hunt": r"down",
    "hunts": r"down",
    "hunting": r"down",
    "line": r"up (?:against|and (?:shoot|kill|hang|gas))",
    "lines": r"up (?:against|and (?:shoot|kill|hang|gas))",
    "lining": r"up (?:against|and (?:shoot|kill|hang|gas))",
    "cut": r"(?:$|[.!,;]|up|open|deep|to (?:pieces|ribbons|bits)|with|into (?:pieces|bits))",
    "string": r"up",
    "strings": r"up",
    "stringing": r"up",
    "end": r"(?:$|[.!,;]|for good|once and for all|permanently|right now|myself|personally)",
    "ends": r"(?:$|[.!,;]|for good|permanently)",
    "waste": r"(?:$|[.!,;]|for good)",
    "beat": r"(?:up|to death|senseless|to a pulp|bloody|black and blue|(?:within an inch"
    r" of (?:his|her|their|your) li(?:fe|ves)))",
    "beats": r"(?:up|to death|senseless|to a pulp|bloody)",
    "beating": r"(?:up|to death|senseless|to a pulp|bloody)",
    "burn": r"(?:alive|to death|at the stake|(?:in|with) (?:\w+ )?(?:house|home|car))",
    "burns": r"(?:alive|to death|at the stake)",
    "burning": r"(?:alive|to death|at the stake)",
    "bury": r"(?:alive|in (?:the|a) (?:ground|grave|ditch)|six feet)",
    "buries": r"(?:alive|in (?:the|a) (?:ground|grave|ditch))",
    "burying": r"(?:alive|in (?:the|a) (?:ground|grave|ditch))",
    "push": r"(?:off|under|out of (?:a|the) window|down (?:the|a) stairs|in front of)",
    "pushes": r"(?:off|under|out of (?:a|the) window|in front of)",
    "pushing": r"(?:off|under|out of (?:a|the) window|in front of)",
    "throw": r"(?:off|under|out of (?:a|the) window|in front of|into (?:the|a) (?:river|lake"
    r"|sea|fire|oven|ovens|furnace|pit|volcano)|in (?:the |a )?(?:river|lake|fire|ovens?)|to the"
    r" (?:wolves|lions|sharks))",
    "throws": r"(?:off|under|out of (?:a|the) window|in front of)",
    "throwing": r"(?:off|under|out of (?:a|the) window|in front of)",
    "shove": r"(?:off|under|out of|in front of|into)",
    "shoves": r"(?:off|under|out of|in front of|into)",
    "drag": r"(?:out|into|through|behind)",
    "drags": r"(?:out|into|through|behind)",
    "dragging": r"(?:out|into|through|behind)",
    "break": r"(?:\w+ )?(?:legs?|neck|arms?|jaw|skull|bones?|knees?|nose|face|spine|fingers)",
    "breaks": r"(?:\w+ )?(?:legs?|neck|arms?|jaw|skull|bones?|knees?|nose|face|spine)",
    "breaking": r"(?:\w+ )?(?:legs?|neck|arms?|jaw|skull|bones?|knees?|nose|face|spine)",
    "snap": r"(?:\w+ )?(?:neck|arms?|legs?|spine|fingers)",
    "snaps": r"(?:\w+ )?(?:neck|arms?|legs?|spine)",
    "snapping": r"(?:\w+ )?(?:neck|arms?|legs?|spine)",
    "smash": r"(?:\w+ )?(?:head|face|skull|teeth|knees?)",
    "smashes": r"(?:\w+ )?(?:head|face|skull|teeth|knees?)",
    "smashing": r"(?:\w+ )?(?:head|face|skull|teeth|knees?)",
    "kick": r"(?:\w+ )?(?:head|face|teeth|skull) in|to death|(?:\w+ )?(?:ribs|teeth)",
    "kicks": r"(?:\w+ )?(?:head|face|teeth|skull) in|to death",
    "kicking": r"(?:\w+ )?(?:head|face|teeth|skull) in|to death",
    "bleed": r"(?:out|dry|to death)",
    "bleeds": r"(?:out|to death)",
    "bleeding": r"(?:out|to death)",
    "stone": r"to death",
    "stones": r"to death",
    "stoning": r"to death",
    "whip": r"(?:to death|bloody|raw|until|till)",
    "skin": r"alive",
    "skins": r"alive",
    "slap": r"(?:silly|senseless|so hard|around|across)",
    "slaps": r"(?:silly|senseless|so hard|around|across)",
    "slapping": r"(?:silly|senseless|so hard|around|across)",
}
#: The object of these verbs is the person's body, written after the verb: "wring your neck",
#: "slit his throat", "snap her neck" (the possessive is the person).
BODY_VERBS = _words_of(
    "wring wrings wringing slit slits slitting break breaks breaking snap snaps snapping smash "
    "smashes smashing cut cuts cutting kick kicks kicking bash bashes bashing"
)
_BODY = (
    r"(?:neck|necks|throat|throats|skull|skulls|head|heads|face|faces|legs?|arms?|jaw|teeth"
    r"|knees?|spine|guts)"
)
_POSSESSOR = r"(?:your|his|her|their|@p's|@p’s|@p)"

#: Intents, calls and wishes that open a threat (lower-cased words joined by one space).
INTENTS = (
    r"i will|i'll|i am going to|i'm going to|im going to|i'm gonna|im gonna|i am gonna"
    r"|i'm about to|i'm coming to|i'm gonna go|i'd love to|i would love to|i'd like to"
    r"|i want to|i wanna|i'd happily|i would happily|i'd gladly|i would gladly|i swear i'll"
    r"|i swear i will|i promise i'll|i promise i will|i'll personally|i will personally"
    r"|i'm going to personally|i'd|i would|i'd just|i'm just gonna|i'll just"
    r"|we will|we'll|we are going to|we're going to|were going to|we're gonna|we are gonna"
    r"|we should|we must|we need to|we ought to|we gotta|we have to|we'd|we want to"
    r"|we would|let's|lets|let us|time to|it's time to|its time to|it is time to"
    r"|someone should|somebody should|someone needs to|somebody needs to|someone ought to"
    r"|somebody ought to|someone has to|somebody has to|someone must|somebody must"
    r"|someone gotta|someone's gotta|someone is going to|someone's going to|somebody is going"
    r" to|someone will|somebody will|someone please|somebody please|someone better"
    r"|somebody better|someone oughta|somebody oughta|someone needs ta"
    r"|people should|people need to|people ought to|everyone should|you should all"
    r"|hope someone|hope somebody|wish someone would|wish somebody would|hope they|hope you"
    r"|hope he|hope she|someone's going to|somebody's going to|someone is gonna"
)
#: Adverbs and fillers allowed between the intent and the verb.
_FILLER = r"(?:(?:just|really|personally|gladly|happily|finally|actually|go|come|and|then|all|"
_FILLER += r"simply|totally|literally|seriously|probably|definitely|absolutely|fucking|f'ing|"
_FILLER += r"goddamn|damn|bloody|have|to|first|also|quietly|slowly|soon|over|round|your|his"
_FILLER += r"|her|their|house|home|place|office|door) )"
#: A person as the object: "you", "him", "@p" (a name or group), "every last one of them",
#: "all of the @p", "each of those @p", "the next @p", "people like you".
_TARGET = (
    r"(?:(?:every|each|all|any|some|the|those|these|that|this|a|one|more|next|last|few|of|and"
    r"|single|damn|fucking|stinking|filthy|little|last|one|other|such|same|remaining|two"
    r"|three|\w+ing) ){0,6}"
    r"(?:you|u|ya|yall|y'all|ye|him|her|them|em|'em|yourself|yourselves|(?:@p ){0,2}@p"
    r"|(?:@p ){0,2}@p's|(?:@p ){0,2}@p’s)(?= |$)"
    r"(?:'s|’s)?"
)

_VERBS = _alternatives(HARM_VERBS)


def _verb_phrase(verbs: str) -> str:
    return rf"(?P<verb>{verbs})"


#: intent + harm verb + person (+ the rest the verb needs)
_AGENT = re.compile(
    rf"(?:^|\b)(?P<intent>{INTENTS}) {_FILLER}{{0,6}}{_verb_phrase(_VERBS)} "
    rf"(?P<target>{_TARGET})(?P<rest>(?: [^ ]+){{0,6}})"
)
#: intent + a verb and its particle + person: "someone should take out @p", "gun down @p"
_AGENT_PARTICLE = re.compile(
    rf"(?:^|\b)(?:{INTENTS}) {_FILLER}{{0,6}}(?:take out|bump off|rub out|knock off|wipe out"
    rf"|hunt down|gun down|mow down|run down|snuff out|string up|beat up|finish off|blow away"
    rf"|track down and kill) (?P<target>{_TARGET})(?P<rest>(?: [^ ]+){{0,6}})"
    rf"|(?:^|\b)(?:{INTENTS}) {_FILLER}{{0,6}}(?:take|bump|rub|knock) (?P<target2>{_TARGET})"
    r" (?:out|off)(?P<rest2>(?: [^ ]+){0,6})"
)
#: intent + a weapon put in a person: "someone should put a knife in @p"
_AGENT_WEAPON = re.compile(
    rf"(?:^|\b)(?:{INTENTS}) {_FILLER}{{0,6}}(?:put|stick|plant|shove|sink|drive|pump|empty)"
    r" (?:a|the|my|his|some|\w+) ?(?:knife|knives|blade|bullet|bullets|shiv|axe|sword|bat|round"
    rf"|rounds|clip|magazine|lead|spear|stake) (?:in|into|through|between) (?P<target>{_TARGET})"
)
#: a call to bring the means of a killing: "get a rope for @p", "bring out the guillotine"
_MEANS = re.compile(
    r"(?:^|[.!;:,] |\b(?:so|just|now|then|go|please|someone|somebody|time to|let's|lets"
    r"|we need to|we should) )(?:get|bring|grab|fetch|find|build|fire up|sharpen|bring out"
    r"|dust off|ready) (?:out )?(?:a|the|some|more|your|our) (?:rope|ropes|noose|nooses|gallows"
    r"|guillotine|guillotines|tar and feathers|pitchforks|stake|lamppost|lampposts|firing"
    r" squad)\b"
)
#: intent + body verb + the person's body: "I'll wring your neck", "slit his throat"
_AGENT_BODY = re.compile(
    rf"(?:^|\b)(?:{INTENTS}|i'm|im|i am|we're|we are) {_FILLER}{{0,6}}"
    rf"(?:{_alternatives(BODY_VERBS)}) "
    rf"(?:\w+ ){{0,3}}?{_POSSESSOR} (?:\w+ )?{_BODY}\b"
)
#: intent + give + person + a harm: "somebody should give him a beating"
_AGENT_GIVE = re.compile(
    rf"(?:^|\b)(?:{INTENTS}) {_FILLER}{{0,4}}(?:give|gives|giving) (?P<target>{_TARGET}) (?:a |the"
    r" )?(?:(?:good|proper|real|serious) )?(?:beating|kicking|thrashing|hiding|bullet|bullets"
    r"|slap|punch|knife|one-way ticket to the bottom)\b"
)
#: Past participles of harm for the passive: "should be shot", "deserve to be hanged".
HARM_PARTICIPLES = _words_of(
    """
    killed murdered shot stabbed hanged hung lynched beheaded strangled choked beaten punched
    kicked bashed maimed crippled burned burnt torched drowned executed slaughtered gassed
    bombed gutted skinned raped exterminated butchered stomped poisoned tortured whipped
    flogged castrated decapitated stoned knifed wasted lined strung hunted dragged shoved
    pushed thrown buried put run blown smashed curbstomped kneecapped guillotined electrocuted
    nuked massacred annihilated eliminated eradicated liquidated culled purged neutered fed
    """
)
#: Participles that need more after them to harm: "be put against a wall", "be thrown off
#: a roof" (not "be put in charge", "be thrown out of office", "be eliminated from the race").
PARTICIPLE_NEEDS = {
    "put": r"(?:down|(?:up )?against (?:a|the) wall|in (?:the|a) (?:ground|grave|hospital"
    r"|body bag)|to death|six feet under|to sleep|out of (?:his|her|their) misery|(?:in front"
    r" of|before) (?:a|the) firing squad)",
    "lined": r"up (?:against|and (?:shot|killed|hanged|gassed|executed))",
    "strung": r"(?:up|from)",
    "hunted": r"down",
    "dragged": r"(?:out|into|through|behind|from)",
    "thrown": r"(?:off|from|under|into (?:the |a )?(?:river|lake|sea|fire|oven|ovens|furnace|pit"
    r"|volcano|wood ?chipper)|out of (?:a|the) (?:window|plane|helicopter)|to the (?:wolves"
    r"|lions|sharks))",
    "pushed": r"(?:off|from|under|out of (?:a|the) window|in front of)",
    "shoved": r"(?:off|from|under|into|in front of)",
    "buried": r"(?:alive|in (?:a|the) (?:ground|ditch|grave))",
    "run": r"(?:over|down (?:with|in))",
    "fed": r"to (?:the )?(?:lions|wolves|sharks|crocodiles|alligators|pigs|dogs|wood ?chipper)",
    "blown": r"(?:up|away|to (?:bits|pieces|smithereens))",
    "burned": r"(?:alive|to death|at the stake)",
    "burnt": r"(?:alive|to death|at the stake)",
    "beaten": r"(?:$|[.!,;]|up|to death|senseless|to a pulp|bloody|black and blue|until|till"
    r"|with|within|in the street|in public|like)",
    "kicked": r"(?:to death|in the (?:head|face|teeth)|senseless)",
    "punched": r"(?:in the (?:face|head|mouth|teeth)|senseless|to death)",
    "smashed": r"(?:in|to (?:bits|pieces))",
    "wasted": r"(?:$|[.!,;])",
    "eliminated": r"(?:$|[.!,;]|physically|for good|once and for all|permanently|one by one)",
    "purged": r"(?:$|[.!,;]|for good|once and for all|permanently)",
    "culled": r"(?:$|[.!,;]|like)",
    "neutered": r"(?:$|[.!,;]|like)",
}
#: Modals of what ought to happen to someone: a harm after one wishes it on its subject.
_MODAL = (
    r"should|shoud|must|need to|needs to|ought to|oughta|deserve to|deserves to|deserved to"
    r"|have to|has to|gotta|better|had better|should all|must all|need to all|should each"
)
_PASSIVE_TAIL = (
    r"(?: all| every one| each| just| really| simply| publicly| immediately| finally| also)?"
    r" (?:be|get|all be|be publicly|be immediately|be all) (?:(?:\w+ly|all|just|then|summarily"
    rf"|publicly) )?(?P<verb>{_alternatives(HARM_PARTICIPLES)})(?P<rest>(?: [^ ]+){{0,8}})"
)
#: a person + modal + be + harm participle
_PASSIVE = re.compile(rf"(?<![^ ])(?P<modal>{_MODAL}){_PASSIVE_TAIL}")
_FUTURE_PLAIN = r"will|going to|gonna|you'll|youll"
#: a wish to see a person harmed: "I'd love to see him beaten to a pulp"
_SEE = re.compile(
    rf"(?:^|\b)(?:{INTENTS}|want to|wanna|love to|like to|hope to|can't wait to|cannot wait to"
    rf"|cant wait to|would pay to|i'd pay to) see (?P<target>{_TARGET}) (?:get |getting |be"
    rf" |being )?(?:(?:\w+ly|all|just|publicly) )?(?P<verb>{_alternatives(HARM_PARTICIPLES)})"
    r"(?P<rest>(?: [^ ]+){0,5})"
)
#: "you" + will + be + harm participle: "you will be shot", "you're going to be hanged"
_PASSIVE_YOU = re.compile(
    r"\b(?P<modal>(?:you|u|y'all|yall|you all) (?:will|are going to|are gonna)|you'll"
    rf"|you're going to|you're gonna|youre going to|youll){_PASSIVE_TAIL}"
)
#: Nouns of a harm one is given, after "deserve": "deserve a bullet", "deserves the rope".
HARM_NOUNS = (
    r"a bullet|bullets|the bullet|a bullet in (?:the|his|her|their|your) (?:head|face|brain"
    r"|skull)|a rope|the rope|ropes|a noose|the noose|nooses|a beating|a good beating|a"
    r" kicking|a good kicking|a slow death|a painful death|a slow painful death|to die"
    r"|death(?! (?:penalty|penalties|sentence|sentences|threats?|of|row|toll|certificate))"
    r"|the chair|the electric chair|the gallows|the guillotine|a firing squad"
    r"|the firing squad|a knife in (?:the|his|her|their) (?:back|gut|chest|throat)"
    r"|a tree and a rope|a lamppost|a lamp post|a pistol whipping|a bat to the head|a shallow"
    r" grave|an unmarked grave|a body bag|body bags|to hang|to swing|to burn|to be put down"
    r"|to bleed|to suffer and die|the wall|a wall and a blindfold"
)
#: Nouns of a harm one needs or gets: fewer, since one needs "the chair" of a meeting.
NEEDED_HARM_NOUNS = (
    r"a bullet|bullets|the bullet|a bullet in (?:the|his|her|their|your) (?:head|face|brain"
    r"|skull)|a rope|the rope|a noose|the noose|a good beating|a good kicking|a firing squad"
    r"|to die|to hang|to be put down|a shallow grave|a body bag"
)
_SUBJECT = r"(?<![^ ])"
_ADVERBS = r"(?:(?:all|each|just|nothing but|only|really|and|every one) )?"
#: a person + deserve + harm noun
_DESERVE = re.compile(
    rf"{_SUBJECT}(?:deserve|deserves|deserved|earned|have earned|has earned|have it coming"
    rf" with|should all get|should get|ought to get) {_ADVERBS}(?P<noun>{HARM_NOUNS})\b"
)
#: a person + need/should get + harm noun
_NEED = re.compile(
    rf"{_SUBJECT}(?:need|needs|should be given|should get|should all get|ought to get|are"
    rf" getting|is getting|is gonna get|are gonna get) {_ADVERBS}(?P<noun>{NEEDED_HARM_NOUNS})\b"
)
#: a call: a harm verb opening its clause with people as its object
CALL_VERBS = _words_of(
    "kill murder shoot stab hang lynch behead gas burn torch execute slaughter exterminate "
    "butcher drown stone string"
)
_CALL = re.compile(
    rf"(?:^|[.!;:,] |\b(?:so|just|now|then|go|please|someone|somebody) )"
    rf"(?P<verb>{_alternatives(CALL_VERBS)}) (?P<target>(?:(?:every|each|all|the|those|these"
    rf"|of|one|last|single|fucking|damn|filthy|stinking) ){{0,6}}(?:them|em|'em|him|her|@p))"
    rf"(?P<rest>(?: [^ ]+){{0,4}})"
)
#: after a called-for act, words that make it no violence ("shoot them a message",
#: "hang them on the wall", "kill them with kindness", "string him along")
_CALL_NOT = re.compile(
    r"\s*(?:an? |the |some )?(?:email|message|note|text|line|call|look|glance|on\b|up on"
    r"|out to dry|with kindness|along|at the|in the (?:polls|election)|down\b)"
)
_STRING_UP = re.compile(r"\s*(?:all )?up\b")
#: "death to ..." at the opening of a clause
_DEATH_TO = re.compile(r"(?:^|[.!;:,] )death to (?:all |the |every )?(?P<target>[^ .!,;?]+)")
#: the target's end foretold: "you won't leave alive", "you'll pay in blood"
_FATE = re.compile(
    rf"(?<![^ ])(?:{_TARGET}|he|she|they) (?:won't|wont|will not|will never|are not going to|is not"
    rf" going to|isn't going to|aren't going to|ain't gonna|ain't going to) (?:leave|make it"
    rf" (?:out|home|back)|get out|walk out|go home|come out|make it out|leave here|walk away)"
    rf" (?:\w+ ){{0,3}}?(?:alive|in one piece|breathing)\b"
    rf"|(?<![^ ])(?:you'll|you will|you are going to|you're going to|you're gonna|you are gonna"
    rf"|he'll|she'll|they'll|he will|she will|they will|@p will|@p'll) (?:pay|answer) (?:for"
    rf" (?:this|that|it) )?(?:in|with) (?:blood|your life|his life|her life|their lives)\b"
    rf"|(?<![^ ])(?:you'll|you will|you're going to|you are going to|you're gonna|he'll|she'll"
    rf"|they'll|@p'll|@p will) (?:wake up|end up|be waking up|find yourself|be lying) in (?:a |the"
    rf" )?(?:hospital|hospital bed|morgue|grave|coffin|body bag|wheelchair|ambulance|icu"
    rf"|ditch|casket)\b"
    rf"|(?<![^ ])(?:{INTENTS}) {_FILLER}{{0,4}}make (?P<vanished>{_TARGET}) (?:disappear|vanish"
    rf"|scream|beg for (?:your|his|her|their) li(?:fe|ves)|wish (?:you|he|she|they) (?:were|was)"
    rf" dead|eat (?:a|this|that) bullet)\b"
    rf"|\b(?:you're|you are|you) (?:going to|gonna|about to) (?:die|get (?:shot|killed"
    rf"|stabbed|hanged|lynched|beaten)|be killed|be shot)(?= ?(?:[.!,;]|$))"
)

#: A sentence reporting a threat, or a threat reported: "threatened to", "police said".
_REPORTED = re.compile(
    r"\b(?:threat\w*|vow\w*|police|court|charged|convicted|sentenced|arrested|accused|alleged"
    r"|allegedly|suspect|suspects|prosecutors?|investigat\w*|reportedly|according|said|says"
    r"|saying|say|told|tells|wrote|writes|posted|tweeted|claimed|shouted|yelled|chanted"
    r"|chanting|screamed|quote|quoted|quoting|called for|calling for|calls for|joke|joking"
    r"|kidding|movie|film|novel|episode|character|zombies?|fiction|warn|warns|warned|fear"
    r"|paraphras\w*|lyrics?|song|sings?|sang"
    r"|fears|feared|afraid|worried|worry|risk|risks|banned|ban)\b"
)
#: A negated clause: "nobody should", "I would never", "should not", "no one deserves".
_NEGATED = re.compile(
    r"\b(?:not|never|no|nobody|noone|none|nothing|neither|nor|don't|dont|doesn't|doesnt"
    r"|didn't|didnt|won't|wont|wouldn't|wouldnt|shouldn't|shouldnt|can't|cant|cannot"
    r"|couldn't|couldnt|mustn't|isn't|isnt|aren't|arent|ain't|aint|without|nobody's)\b"
)
_CLAUSE_BREAK = re.compile(r"[.;:!?,]| but | though | because | so that ")
_SENTENCE_BREAK = re.compile(r"[.!?]")
_QUOTED = re.compile(r"[\"“”«»]([^\"“”«»]{1,200})[\"“”«»]|(?<!\w)['‘]([^'‘’]{1,80})['’](?!\w)")
#: A word that any construction needs: a comment with none is no threat of this grammar.
TRIGGERS = (
    HARM_VERBS
    | HARM_PARTICIPLES
    | BODY_VERBS
    | _words_of("bullet bullets rope ropes noose nooses beating kicking death die wall chair")
    | _words_of("gallows guillotine squad knife grave bag bags lamppost lamp alive blood")
    | _words_of("hospital morgue coffin wheelchair ambulance icu ditch casket disappear vanish")
    | _words_of("guillotines pitchforks stake lampposts blade shiv take bump rub knock mow")
    | _words_of("snuff fed feathers")
)
#: What a harmed person's possession may be: a body, kin, a home ("torch @p's house").
POSSESSED = _words_of(
    """
    house houses home homes car cars family families kids children wife husband son daughter
    mother father dog head heads face faces neck necks throat throats skull skulls legs leg
    arms arm body bodies office door doorstep
    """
)


def _person_marked(
    text: str, words: list[tuple[int, int, str]], quoted: list[tuple[int, int]]
) -> list[str]:
    """The comment's words, each word of a person (a name, an identity or political group
    word, a noun of people) rewritten as ``@p`` (``'s`` kept), and each word inside
    ``quoted`` (character spans) as ``#q`` (a quoted threat is mentioned, not made)."""
    names = set(name_spans(text, words))
    out: list[str] = []
    for i, (start, _, word) in enumerate(words):
        bare = word.removesuffix("'s").removesuffix("’s")
        if quoted and any(a <= start < b for a, b in quoted):
            out.append("#q")
        elif (
            i in names
            or bare in PEOPLE
            or is_political_name(bare)
            or "identity" in categories_of(bare)
        ):
            out.append("@p" + word[len(bare) :])
        else:
            out.append(word)
    return out


def _quoted(text: str) -> list[tuple[int, int]]:
    """The character spans of ``text`` inside quotes."""
    return [m.span() for m in _QUOTED.finditer(text)] if _has_quote(text) else []


def _has_quote(text: str) -> bool:
    return any(c in text for c in '"“”«»‘') or " '" in text or text.startswith("'")


def _joined(text: str, words: list[tuple[int, int, str]], marked: list[str], stop: int) -> str:
    """The marked words joined by one space, with the last clause-ending mark of the text
    between two words kept as a word of its own ("." "!" "?" ";" ":" ","), so that a
    construction can see a clause end and a question be told (``stop``: where the text
    after the last word ends)."""
    pieces: list[str] = []
    for i, word in enumerate(marked):
        if i:
            between = text[words[i - 1][1] : words[i][0]]
            if "?" in between:
                pieces.append("?")
            else:
                marks = [c for c in between if c in ".!;:,"]
                if marks:
                    pieces.append(marks[-1])
        pieces.append(word)
    tail = text[words[-1][1] : stop] if words else ""
    if "?" in tail:
        pieces.append("?")
    elif any(c in tail for c in ".!"):
        pieces.append(".")
    return " ".join(pieces)


def _sentences(text: str, words: list[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """``(first, after last)`` word indexes of each sentence of ``text`` ("." "!" "?")."""
    out: list[tuple[int, int]] = []
    first = 0
    for i in range(1, len(words)):
        between = text[words[i - 1][1] : words[i][0]]
        if "." in between or "!" in between or "?" in between:
            out.append((first, i))
            first = i
    out.append((first, len(words)))
    return out


def _plainly_stated(text: str, start: int, end: int, clause_break: re.Pattern[str]) -> bool:
    """Whether ``text[start:end]`` is stated plainly: no negation in its clause before it
    (clauses end at ``clause_break``), no report in its sentence, the sentence no question."""
    clause = 0
    for m in clause_break.finditer(text, 0, start):
        clause = m.end()
    if _NEGATED.search(text, clause, start):
        return False
    sentence = 0
    for m in _SENTENCE_BREAK.finditer(text, 0, start):
        sentence = m.end()
    found = _SENTENCE_BREAK.search(text, end)
    stop = found.end() if found else len(text)
    if text[stop - 1 : stop] == "?":
        return False
    return not _REPORTED.search(text, sentence, stop)


def _kept(joined: str, start: int, end: int) -> bool:
    """Whether a construction at ``joined[start:end]`` (the comment's words joined by
    spaces) stands as a threat (:func:`_plainly_stated`)."""
    return _plainly_stated(joined, start, end, _CLAUSE_BREAK)


def _rest_fits(needs: dict[str, str], verb: str, rest: str) -> bool:
    pattern = needs.get(verb)
    return pattern is None or re.match(rf" ?(?:{pattern})", rest.lstrip() + " ") is not None


_THING_SUBJECT = re.compile(r"(?:^|\b)(?:it|this|that|which|what|there|i|we|me|us)\s*$")
_PERSON_SUBJECT = re.compile(
    r"(?<![^ ])(?:he|she|they|you|u|ya|@p|them|him|her|all|each|everyone|everybody|ones"
    r"|y'all|yall)(?: all| too| alike| first| here| there| included)?\s*$"
    r"|(?<![^ ])(?:like|as) (?:him|her|them|you|that|this|@p|those|these)(?: \w+)?\s*$"
    r"|(?<![^ ])@p (?:who|that|which) (?:[^ .!?;,]+ ){0,3}$"
)


def _subject_person(subject: str) -> bool:
    """Whether the words before a modal end on a person ("he", "people like her", "@p")."""
    subject = subject.strip()
    return (
        bool(subject)
        and not _THING_SUBJECT.search(subject)
        and bool(_PERSON_SUBJECT.search(subject))
    )


def _target_fits(target: str, rest: str) -> bool:
    """A possessive target harms a person only through their body, kin or home."""
    if target.endswith(("'s", "’s")):
        following = rest.split()[:1]
        return bool(following) and following[0] in POSSESSED
    return True


#: What any construction needs in the comment's plain words (no person marks, no
#: punctuation): most comments with a trigger word have none of these, and pay no more.
_CANDIDATE = re.compile(
    rf"\b(?:(?:{INTENTS}|i'm|im|i am|we're|we are) (?:[^ ]+ ){{0,6}}?"
    rf"(?:{_VERBS}|{_alternatives(BODY_VERBS)}|give|gives|giving|take|bump|rub|knock|wipe|hunt"
    rf"|gun|mow|snuff|track)"
    rf"|see (?:[^ ]+ ){{1,4}}?(?:{_alternatives(HARM_PARTICIPLES)})"
    rf"|(?:{_MODAL}|{_FUTURE_PLAIN}) (?:[^ ]+ ){{0,2}}?(?:be|get) (?:[^ ]+ )?"
    rf"(?:{_alternatives(HARM_PARTICIPLES)})"
    rf"|(?:deserve|deserves|deserved|earned|coming|get|need|needs|given|getting) (?:[^ ]+ )"
    rf"{{0,3}}?(?:bullets?|ropes?|noose|nooses|beating|kicking|death|die|chair|gallows"
    rf"|guillotine|squad|knife|lamppost|lamp|grave|bag|bags|hang|swing|burn|bleed|down|tree"
    rf"|whipping|head|wall)"
    rf"|(?:{_alternatives(CALL_VERBS)}) [^ ]+"
    rf"|death to"
    rf"|(?:won't|wont|not|never|ain't) (?:[^ ]+ ){{1,5}}?(?:alive|piece|breathing)"
    rf"|(?:pay|answer) (?:[^ ]+ ){{0,3}}?(?:blood|life|lives)"
    rf"|(?:wake|end|find|lying) (?:[^ ]+ ){{0,3}}?in (?:a |the )?(?:hospital|morgue|grave"
    rf"|coffin|body|wheelchair|ambulance|icu|ditch|casket)"
    rf"|make (?:[^ ]+ ){{1,3}}?(?:disappear|vanish|scream|beg|wish|eat)"
    rf"|(?:put|stick|plant|shove|sink|drive|pump|empty|get|bring|grab|fetch|build|fire|sharpen"
    rf"|dust|ready) (?:[^ ]+ ){{0,3}}?(?:knife|knives|blade|bullet|bullets|shiv|rope|ropes|noose"
    rf"|nooses|gallows|guillotine|guillotines|pitchforks|stake|lamppost|lampposts|squad"
    rf"|feathers)"
    rf"|fed to"
    rf"|(?:going to|gonna|about to) (?:die|get (?:shot|killed|stabbed|hanged|lynched|beaten)"
    rf"|be (?:killed|shot)))\b"
)


_REACH = 80  # characters before a trigger word that :data:`_CANDIDATE` reads
_AFTER = 40  # and after it


def _candidate(lower: str, found: set[str] | frozenset[str]) -> bool:
    """Whether :data:`_CANDIDATE` matches near a trigger word of ``found`` in ``lower``
    (reading windows around the triggers costs less than the whole of a long comment)."""
    padded = f" {lower} "
    for word in found:
        at = padded.find(f" {word} ")
        while at >= 0:
            if _CANDIDATE.search(padded, max(0, at - _REACH), at + len(word) + _AFTER):
                return True
            at = padded.find(f" {word} ", at + 1)
    return False


def threatening(
    text: str, words: list[tuple[int, int, str]], tokens: set[str] | frozenset[str], lower: str
) -> bool:
    """True when one construction of this grammar threatens a person in ``text``
    (``words``: its normalised words, ``tokens`` the set of them, ``lower`` the words
    joined by one space). Only the sentences whose plain words could hold a construction
    (:data:`_CANDIDATE`) are read."""
    if not words or tokens.isdisjoint(TRIGGERS) or not _candidate(lower, tokens & TRIGGERS):
        return False
    quoted = _quoted(text)
    for first, last in _sentences(text, words):
        part = words[first:last]
        if _CANDIDATE.search(" ".join(w for _, _, w in part)):
            stop = words[last][0] if last < len(words) else len(text)
            if _sentence_threatens(_joined(text, part, _person_marked(text, part, quoted), stop)):
                return True
    return False


def _subject(joined: str, start: int) -> str:
    """The (at most five) words before ``joined[start]``."""
    return " ".join(joined[max(0, start - 100) : start].split()[-5:])


def _sentence_threatens(joined: str) -> bool:
    """:func:`threatening` on one sentence, its words marked and joined (:func:`_joined`)."""
    for m in _AGENT.finditer(joined):
        verb, rest = m.group("verb"), m.group("rest")
        if (
            _rest_fits(NEEDS_MORE, verb, rest)
            and _target_fits(m.group("target"), rest)
            and not _CONTEST.match(rest)
            and _kept(joined, m.start(), m.end("target"))
        ):
            return True
    for m in _AGENT_GIVE.finditer(joined):
        if _kept(joined, m.start(), m.end()):
            return True
    for m in _AGENT_PARTICLE.finditer(joined):
        rest = m.group("rest") or m.group("rest2") or ""
        target = m.group("target") or m.group("target2") or ""
        if (
            _target_fits(target, rest)
            and not _CONTEST.match(rest)
            and not re.match(r" (?:to|for|on|with) ", rest)
            and _kept(joined, m.start(), m.start() + len(m.group().rstrip()))
        ):
            return True
    for pattern in (_AGENT_BODY, _AGENT_WEAPON, _MEANS):
        for m in pattern.finditer(joined):
            if _kept(joined, m.start(), m.end()):
                return True
    for pattern in (_PASSIVE, _PASSIVE_YOU):
        for m in pattern.finditer(joined):
            if (
                _rest_fits(PARTICIPLE_NEEDS, m.group("verb"), m.group("rest"))
                and not _CONTEST.match(m.group("rest"))
                and (pattern is _PASSIVE_YOU or _subject_person(_subject(joined, m.start())))
                and _kept(joined, m.start("modal"), m.end("verb"))
            ):
                return True
    for m in _SEE.finditer(joined):
        if (
            _rest_fits(PARTICIPLE_NEEDS, m.group("verb"), m.group("rest"))
            and not _CONTEST.match(m.group("rest"))
            and _kept(joined, m.start(), m.end("verb"))
        ):
            return True
    for pattern in (_DESERVE, _NEED):
        for m in pattern.finditer(joined):
            if _subject_person(_subject(joined, m.start())) and _kept(
                joined, m.start("noun"), m.end("noun")
            ):
                return True
    for m in _CALL.finditer(joined):
        rest = m.group("rest")
        if _CALL_NOT.match(rest) or (m.group("verb") == "string" and not _STRING_UP.match(rest)):
            continue
        if _kept(joined, m.start("verb"), m.end("target")):
            return True
    for m in _DEATH_TO.finditer(joined):
        if m.group("target") not in {"me", "us", "it", "this", "that", "#q"} and _kept(
            joined, m.start(), m.end()
        ):
            return True
    return any(_kept(joined, m.start(), m.end()) for m in _FATE.finditer(joined))


#: After a harm, a contest: "beat them at the polls", "kill them in the debate".
_CONTEST = re.compile(
    r" ?(?:[^ .!?;,]+ ){0,4}(?:polls?|ballots?|ballot box|elections?|votes?|voting|midterms?"
    r"|primary|primaries|debates?|races?|ratings|match|game|court|playoffs?|finals?|chess|poker"
    r"|tennis|golf|cards|scrabble|trivia|quiz|november|paintball|laser tag|arm wrestling"
    r"|fortnite|video games?|xbox|playstation)\b"
)


#: Words that negate a clause, as the comment's normalised words ("nobody should shoot him").
NEGATING = _words_of(
    """
    not never no nobody noone none nothing neither nor don't dont doesn't doesnt didn't didnt
    won't wont wouldn't wouldnt shouldn't shouldnt can't cant cannot couldn't couldnt mustn't
    isn't isnt aren't arent ain't aint without nobody's
    """
)
_PERSON_WORDS = PERSON_PRONOUNS - {"his"}
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "some", "my", "our"})
_POSSESSIVES = frozenset({"their", "his", "her", "your", "@p's", "@p’s"})


class Aim:
    """What tells whether a violent word with a word of intent before it is aimed at a
    person, read once per comment (:meth:`aimed`): the person words, the quoted words
    and the clause and sentence breaks of ``text``."""

    __slots__ = ("_breaks", "_marked", "_text", "_words")

    def __init__(self, text: str, words: list[tuple[int, int, str]]) -> None:
        self._text = text
        self._words = words
        self._marked = _person_marked(text, words, _quoted(text))
        # the mark between word k-1 and word k: "?" "." "," or ""
        self._breaks: list[str] = [""]
        for k in range(1, len(words)):
            between = text[words[k - 1][1] : words[k][0]]
            if "?" in between:
                self._breaks.append("?")
            elif any(c in between for c in ".!"):
                self._breaks.append(".")
            elif any(c in between for c in ",;:"):
                self._breaks.append(",")
            else:
                self._breaks.append("")
        tail = text[words[-1][1] :] if words else ""
        self._breaks.append("?" if "?" in tail else "." if tail.strip() else "")

    def _thing_after(self, word: int) -> bool:
        """Whether violent verb ``word`` has a thing for its object: a determiner and a
        word of no person right after it ("hang the blame", "shoot the breeze")."""
        marked = self._marked
        if marked[word] not in HARM_VERBS or word + 2 >= len(marked) or self._breaks[word + 1]:
            return False
        if marked[word + 1] not in _DETERMINERS or self._breaks[word + 2]:
            return False
        noun = marked[word + 2]
        return not (noun.startswith("@p") or noun in _PERSON_WORDS or categories_of(noun))

    def aimed(self, intent: int, word: int) -> bool:
        """Whether violent word ``word`` after word of intent ``intent`` is aimed at a
        person: neither quoted, no negation in the clause before it, no report or
        question in its sentence, and a person in its clause (a pronoun of a person, a
        name, a group; not the speaker)."""
        marked, breaks = self._marked, self._breaks
        if marked[intent] == "#q" or marked[word] == "#q":
            return False
        start = intent
        while start > 0 and not breaks[start]:
            start -= 1
        end = word + 1
        while end < len(marked) and not breaks[end] and end <= word + 6:
            end += 1
        if any(w in NEGATING for w in marked[start:word]):
            return False
        if self._thing_after(word) or _CONTEST.match(" " + " ".join(marked[word + 1 : end])):
            return False
        first = intent
        while first > 0 and breaks[first] not in {".", "?"}:
            first -= 1
        last = word + 1
        while last < len(marked) and breaks[last] not in {".", "?"}:
            last += 1
        if breaks[last] == "?" or _REPORTED.search(" ".join(marked[first:last])):
            return False
        return any(
            w.startswith("@p")
            or w in _PERSON_WORDS
            or (w in _POSSESSIVES and k + 1 < len(marked) and marked[k + 1] in POSSESSED)
            for k, w in enumerate(marked[start:end], start)
            if k not in (intent, word)
        )


_CHAR_CLAUSE = re.compile(r"[.;:!?,]")


def stands(lower_text: str, start: int, end: int) -> bool:
    """Whether a threat found at ``lower_text[start:end]`` (the comment's text, lower-cased)
    stands: not quoted, no negation in its clause before it, no report in its sentence and
    the sentence no question."""
    if _has_quote(lower_text) and any(
        a <= start < b for a, b in (m.span() for m in _QUOTED.finditer(lower_text))
    ):
        return False
    return _plainly_stated(lower_text, start, end, _CHAR_CLAUSE)


def unquoted(text: str, words: list[tuple[int, int, str]]) -> tuple[str, frozenset[str]] | None:
    """The words of ``text`` outside quotes, joined by one space, and their set; None when
    the text quotes nothing (then every word counts)."""
    if not _has_quote(text):
        return None
    spans = [m.span() for m in _QUOTED.finditer(text)]
    if not spans:
        return None
    kept = [w for start, _, w in words if not any(a <= start < b for a, b in spans)]
    return " ".join(kept), frozenset(kept)
