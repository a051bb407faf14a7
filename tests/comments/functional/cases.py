"""Functional test cases for the comment model, HateCheck-style (Röttger et al., 2021).

Every case is a template filled with invented or real names and a balanced set
of groups and parties; the expected label is written per template. The
templates and fillers come in two halves with nothing in common:

* ``dev``: may be looked at case by case, used to tune, and its templates may
  generate augmented training data (:mod:`newsift.comments.augment` has its
  own copy of the dev templates' ideas, never these strings).
* ``test``: other templates, other names, other groups; only its accuracy per
  behaviour is reported, nothing is tuned on it.

``expect`` is one of ``offensive`` (a moderator removes it), ``not_offensive``
and ``untargeted`` (profanity aimed at nobody: it may be offensive, but must not
be both offensive and targeted).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import product

BEHAVIOURS = (
    "identity_neutral",
    "counter_speech",
    "negated_abuse",
    "profanity_target",
    "spelling_variants",
    "implicit_derogation",
    "threats",
    "coded_jibes",
    "sarcasm",
    "aimed_abuse",
)
HALVES = ("dev", "test")


@dataclass(frozen=True, slots=True)
class Case:
    """One functional test: the comment, what a moderator would do, where it comes from."""

    behaviour: str
    half: str
    template: str
    text: str
    expect: str  # offensive | not_offensive | untargeted
    slot: str  # the filled slot kind: group, party, politician, person
    filler: str


@dataclass(frozen=True, slots=True)
class Fillers:
    """The names one half fills its templates with."""

    groups: tuple[str, ...]  # identity groups, plural
    parties: tuple[str, ...]  # parties and their supporters, plural, in opposing pairs
    politicians: tuple[str, ...]  # in opposing pairs: listed, unlisted, invented, countries
    people: tuple[str, ...]  # invented commenters and authors


FILLERS = {
    "dev": Fillers(
        groups=("Muslims", "Jews", "Black people", "gay men", "women", "immigrants"),
        parties=("Democrats", "Republicans", "Liberals", "Conservatives"),
        politicians=(
            "Biden",
            "Trump",  # listed, US
            "Trudeau",
            "Poilievre",  # listed, Canada
            "Newsom",
            "Abbott",  # not listed, US
            "Dana Whitcombe",
            "Rafael Ostrander",  # invented
        ),
        people=("Marta", "Devon", "Priya", "Tomasz", "Keisha", "Lars"),
    ),
    "test": Fillers(
        groups=("Christians", "Hindus", "Asians", "trans people", "refugees", "lesbians"),
        parties=("Labour", "the Tories", "the Dems", "the GOP"),
        politicians=(
            "Harris",
            "DeSantis",  # listed, US
            "Starmer",
            "Sunak",  # listed, UK
            "Macron",
            "Le Pen",  # not listed, France
            "Albanese",
            "Dutton",  # not listed, Australia
            "Colette Marchetti",
            "Owen Brask",  # invented
        ),
        people=("Olu", "Grete", "Hamid", "Sienna", "Bruno", "Mei"),
    ),
}

#: behaviour -> half -> (template, expect); {group}, {party}, {pol}, {person} are slots
Templates = dict[str, dict[str, tuple[tuple[str, str], ...]]]
TEMPLATES: Templates = {
    "identity_neutral": {
        "dev": (
            ("My neighbours are {group} and they helped us move last week.", "not_offensive"),
            ("The article quotes three {group} who run small businesses.", "not_offensive"),
            ("As one of the {group} in this town, I found the piece fair.", "not_offensive"),
            ("{group} have every right to feel safe in this city.", "not_offensive"),
            ("The survey asked {group} about housing costs.", "not_offensive"),
            ("I'm proud of the {group} who organised the food drive.", "not_offensive"),
            ("Plenty of {group} voted for the new transit plan.", "not_offensive"),
        ),
        "test": (
            ("A lot of {group} work night shifts at the hospital.", "not_offensive"),
            ("The museum is hosting an exhibit on the history of {group} here.", "not_offensive"),
            ("{group} deserve the same protections as anyone else.", "not_offensive"),
            ("Great to see {group} represented on the school board.", "not_offensive"),
            ("The report interviewed {group} from four provinces.", "not_offensive"),
            ("I grew up around {group} and learned so much from them.", "not_offensive"),
            ("Several {group} spoke at the council meeting about parking.", "not_offensive"),
        ),
    },
    "counter_speech": {
        "dev": (
            ("Calling {group} vermin is disgusting and should not be tolerated.", "not_offensive"),
            (
                'Someone upthread wrote "{group} are scum". That is hate, plain and simple.',
                "not_offensive",
            ),
            ("He called me an idiot for mentioning {group} and that's not OK.", "not_offensive"),
            ("Stop calling {group} animals. They are our neighbours.", "not_offensive"),
            ("Saying {group} are parasites is wrong and you know it.", "not_offensive"),
            ("It is never acceptable to call {group} subhuman.", "not_offensive"),
            ("I reported the comment that called {group} trash.", "not_offensive"),
        ),
        "test": (
            ('The sign said "{group} are filth" and the whole crowd booed it.', "not_offensive"),
            ("Referring to {group} as rats is dehumanising and has to stop.", "not_offensive"),
            ("When people label {group} as criminals, they spread lies.", "not_offensive"),
            (
                "My coworker said {group} are stupid, and I told him that was bigoted.",
                "not_offensive",
            ),
            (
                'Quoting "{group} should go back where they came from" does not make it okay.',
                "not_offensive",
            ),
            (
                "Nobody should call {group} a disease. That language leads to violence.",
                "not_offensive",
            ),
            ("Those posters calling {group} savages need to be taken down.", "not_offensive"),
        ),
    },
    "negated_abuse": {
        "dev": (
            ("I don't think {pol} is an idiot, just badly advised.", "not_offensive"),
            ("{group} are not the problem here, the housing market is.", "not_offensive"),
            ("No one here is saying {party} are stupid.", "not_offensive"),
            ("{pol} is no fool, the plan is carefully built.", "not_offensive"),
            ("I would never call {group} lazy.", "not_offensive"),
            ("{person}, you are not a moron, you just missed the second chart.", "not_offensive"),
            ("Let me be clear: {party} are not traitors.", "not_offensive"),
        ),
        "test": (
            ("Nobody thinks {party} are evil, we just disagree on taxes.", "not_offensive"),
            ("{pol} isn't a liar, the numbers changed after the speech.", "not_offensive"),
            ("{group} aren't dangerous, and the data says so.", "not_offensive"),
            ("{person} is hardly an idiot; she was right about the budget.", "not_offensive"),
            ("I'd never say {group} are worthless.", "not_offensive"),
            ("It's not that {pol} is stupid, the advisers wrote it.", "not_offensive"),
        ),
    },
    "profanity_target": {
        "dev": (
            ("Holy shit, {person}, the bridge finally opened!", "untargeted"),
            ("Damn, {person}, this winter has been brutal for the farms.", "untargeted"),
            ("The fucking bus was late again, {person}, third time this week.", "untargeted"),
            ("{person} is a fucking idiot and everyone knows it.", "offensive"),
            ("Screw you {person}, you worthless piece of shit.", "offensive"),
            ("{pol} is a lying sack of shit.", "offensive"),
            ("Shit, {person}, I forgot my umbrella again.", "untargeted"),
        ),
        "test": (
            ("What the hell happened to the parking rates downtown, {person}?", "untargeted"),
            ("Bloody hell, {person}, that was a great game last night.", "untargeted"),
            ("This shit weather ruined the whole festival, {person}.", "untargeted"),
            ("{pol} is a goddamn disgrace and a crook.", "offensive"),
            ("{person}, you're a dumb bitch, shut up.", "offensive"),
            ("{party} are a bunch of fucking morons.", "offensive"),
            ("Crap, {person}, the recipe in the article needs twice the flour.", "untargeted"),
        ),
    },
    "spelling_variants": {
        "dev": (
            ("{person} you are an 1d10t.", "offensive"),
            ("{pol} is a complete m0r0n.", "offensive"),
            ("What a s t u p i d take, {person}.", "offensive"),
            ("{person} is an idoit and a lier.", "offensive"),
            ("{party} are such stuuuupid clowns.", "offensive"),
            ("{person}, you're a f*cking a$$hole.", "offensive"),
            ("Meet me at 5pm, {person}, the café is on 2nd street.", "not_offensive"),
        ),
        "test": (
            ("{pol} is a total morn and a l0ser.", "offensive"),
            ("{person} you absolute i d i o t.", "offensive"),
            ("{party} are pathetc clwons.", "offensive"),
            ("shut up {person} you st00pid b!tch", "offensive"),
            ("{pol} = dumbbbb and ignorrant.", "offensive"),
            ("{person} is a fuking jerrrk.", "offensive"),
            ("Room 4B, {person}, and bring the 3D printer.", "not_offensive"),
        ),
    },
    "implicit_derogation": {
        "dev": (
            ("{group} are a plague on this country.", "offensive"),
            ("{group} breed like rats.", "offensive"),
            ("{pol} has the brain of a goldfish.", "offensive"),
            ("{group} should go back to where they came from.", "offensive"),
            ("{party} are a cancer on this nation.", "offensive"),
            (
                "Rats were found in the {group} community centre kitchen, the inspector said.",
                "not_offensive",
            ),
            ("{group} have lived in this valley for generations.", "not_offensive"),
        ),
        "test": (
            ("{group} are cockroaches, nothing more.", "offensive"),
            ("{party} are like a disease spreading through the country.", "offensive"),
            ("{pol} has the IQ of a houseplant.", "offensive"),
            ("Send {group} back to where they belong.", "offensive"),
            ("{group} are animals and should be treated as such.", "offensive"),
            ("The plague museum tour was organised by {group} volunteers.", "not_offensive"),
            ("{group} make up a growing share of the workforce.", "not_offensive"),
        ),
    },
    "threats": {
        "dev": (
            ("I will kill you, {person}.", "offensive"),
            ("Someone should shoot {pol}.", "offensive"),
            ("{group} should all be hanged.", "offensive"),
            ("I hope {pol} gets what's coming, a bullet would do.", "offensive"),
            ("{person}, I know where you live and I'm coming for you.", "offensive"),
            ("{party} deserve to be lined up against a wall.", "offensive"),
            ("Keep talking, {person}, and you will end up in a ditch.", "offensive"),
            # normalised, conditional and veiled threats (session 9)
            ("Someone should put {pol} in the ground.", "offensive"),
            ("People like you end up in the hospital, {person}.", "offensive"),
            ("I know where you work, {person}. See you soon.", "offensive"),
            ("Careful, {person}. Accidents happen to people who talk too much.", "offensive"),
            ("It would be a shame if something happened to {pol} on the way home.", "offensive"),
            ("If {party} win again, we'll be waiting for them with rifles.", "offensive"),
            ("Say that again, {person}, and I'll break your legs.", "offensive"),
            ("{pol} won't live to see the next election if I have my way.", "offensive"),
            ("Somebody ought to teach {group} a lesson with a baseball bat.", "offensive"),
            ("{person}, you'd better sleep with one eye open.", "offensive"),
            ("One of these days {pol} is going to get what he deserves.", "offensive"),
            ("We should round up {group} and get rid of them for good.", "offensive"),
            # harmless look-alikes: figures of speech, news about threats, reported threats
            ("This policy is killing us, {person}, rents doubled in a year.", "not_offensive"),
            ("I'd kill for a coffee right now, {person}.", "not_offensive"),
            ("{pol} received death threats after the vote, police said.", "not_offensive"),
            ("The man who threatened to shoot {pol} was sentenced on Monday.", "not_offensive"),
            ("{group} say they have faced threats of violence since the attack.", "not_offensive"),
            ("{pol} is going to kill it at the debate tonight.", "not_offensive"),
            ("{person}, you're killing me with these puns.", "not_offensive"),
            # session 10: violent acts the lexicon lacks, passive and wished threats, veiled
            # threats without a violent word, and more look-alikes (figurative objects,
            # contests, cravings, news)
            ("I'm going to find {person} and make them pay.", "offensive"),
            ("{group} need to be wiped off the face of the earth.", "offensive"),
            ("Somebody should torch {pol}'s house with him inside.", "offensive"),
            ("Watch yourself, {person}, or you'll be next.", "offensive"),
            ("{pol} should be dragged into the street and beaten.", "offensive"),
            ("I hope someone slits {pol}'s throat.", "offensive"),
            ("Your days are numbered, {person}.", "offensive"),
            ("Time to exterminate {group} once and for all.", "offensive"),
            ("I'd happily run {pol} over with my truck.", "offensive"),
            ("Someone needs to blow up the {party}' headquarters.", "offensive"),
            ("Don't be surprised if {pol} disappears one day.", "offensive"),
            ("We will make {group} suffer for this.", "offensive"),
            ("Enjoy your last days, {person}.", "offensive"),
            ("{person}, you're a dead man walking.", "offensive"),
            ("{party}? Every one of them belongs in a body bag.", "offensive"),
            ("Someone should drown {pol} in the river.", "offensive"),
            ("{group} should be thrown off roofs.", "offensive"),
            ("I will hurt you, {person}, and nobody will stop me.", "offensive"),
            ("{pol} had better hire bodyguards, because we're coming.", "offensive"),
            ("I'll make sure {pol} never sees another birthday.", "offensive"),
            ("{group} should be gassed.", "offensive"),
            ("Watch what happens to {pol} if he signs that bill.", "offensive"),
            ("{person}, I'd love to wrap my hands around your neck.", "offensive"),
            ("Hey {person}, I found your address. Expect a visit.", "offensive"),
            ("{group} should be burned at the stake like the old days.", "offensive"),
            ("{pol} better not show his face around here again, or else.", "offensive"),
            (
                "If you come to the rally, {person}, you won't be leaving on your own two feet.",
                "offensive",
            ),
            ("Keep it up, {person}, and you'll find out what happens to snitches.", "offensive"),
            ("The next one of the {party} I see gets a baseball bat to the head.", "offensive"),
            ("{pol} needs to be executed for treason.", "offensive"),
            ("We should hunt down every last one of the {party} and finish them off.", "offensive"),
            ("{group} who talk back deserve a fist in the mouth.", "offensive"),
            ("If I were you, {person}, I'd stay indoors for a while.", "offensive"),
            ("{pol} should sleep lightly from now on.", "offensive"),
            ("The budget will hurt {group} most, economists warn.", "not_offensive"),
            ("This heat is going to kill me, {person}.", "not_offensive"),
            ("{party} want to kill the bill in committee.", "not_offensive"),
            ("We should beat the {party} at the ballot box.", "not_offensive"),
            ("{person}, your argument destroyed the opposing case.", "not_offensive"),
            ("{person}, this deadline will be the death of me.", "not_offensive"),
            ("{pol} vowed to hunt down the gunmen who attacked the embassy.", "not_offensive"),
            ("{party} should kill off that pipeline plan for good.", "not_offensive"),
            ("Someone should shoot a documentary about {pol}'s early years.", "not_offensive"),
            ("I'd die for a day off, {person}.", "not_offensive"),
            ("{pol}'s campaign is going to shoot a new ad this week.", "not_offensive"),
            ("{person}, I'd murder a burger right now.", "not_offensive"),
            ("{party} need to kill this tax before it kills the economy.", "not_offensive"),
            ("{pol} wants to execute his plan before the summer.", "not_offensive"),
            (
                "{group} should be free to walk home without fear of being attacked.",
                "not_offensive",
            ),
            ("{pol} is lucky nobody has shot him yet.", "offensive"),
            ("{person}, one more word and I swear I'll knock your teeth out.", "offensive"),
            ("Every one of the {group} in this town should be rounded up and shot.", "offensive"),
            ("Somebody ought to take a hammer to {pol}'s skull.", "offensive"),
            ("I want to see {pol} swinging from a rope.", "offensive"),
            ("{person}, I'll be waiting outside your office tomorrow.", "offensive"),
            ("Let's see how brave {person} is when we show up at her door.", "offensive"),
            ("{pol} deserves to get his head kicked in.", "offensive"),
            ("All {group} should be deported in body bags.", "offensive"),
            ("{person}, you better pray we never meet in person.", "offensive"),
            ("I'm coming to your house tonight, {person}.", "offensive"),
            ("I'll gut you like a fish, {person}.", "offensive"),
            ("I will personally make sure {pol} suffers.", "offensive"),
            ("{group} need to be lined up and shot.", "offensive"),
            ("{pol}'s new plan will gut public healthcare.", "not_offensive"),
            ("{person}, you absolutely killed it in that interview.", "not_offensive"),
            ("The {party} should bury this scandal before the election.", "not_offensive"),
            (
                "{pol} will face a firing squad of reporters at the press conference.",
                "not_offensive",
            ),
            ("{group} were targeted in a shooting last year, police said.", "not_offensive"),
            ("I'm dying to see the results, {person}.", "not_offensive"),
            ("{person}, break a leg at the show tonight.", "not_offensive"),
            ("{pol} should shoot for a bipartisan deal.", "not_offensive"),
            ("{person}, I will track you down and break every bone in your body.", "offensive"),
            ("Somebody please put {pol} out of his misery.", "offensive"),
            ("Hope someone runs you over, {person}.", "offensive"),
            ("Someone should teach the {party} a lesson they won't forget.", "offensive"),
            ("I'll be at your kid's school on Monday, {person}.", "offensive"),
            ("{pol} should be strung from the nearest tree.", "offensive"),
            ("{pol}'s reforms will kill small businesses, critics warn.", "not_offensive"),
            ("{person}, you're dead to me after that spoiler.", "not_offensive"),
            ("{person}, I'm going to destroy you at Scrabble tonight.", "not_offensive"),
            ("The {party} hope to wipe out the deficit by 2030.", "not_offensive"),
            # HateCheck-style calls to harm a group (after the test half was read once)
            ("I'm going to hurt the next one of the {group} I meet.", "offensive"),
            ("We should get rid of {group} once and for all.", "offensive"),
            ("I want to cut the throats of all {party}.", "offensive"),
            (
                "I'm going to make sure every one of the {group} in this town gets beaten.",
                "offensive",
            ),
            ("{group} should be made to suffer.", "offensive"),
            ("Any of the {party} who comes near me will regret it.", "offensive"),
            ("The only good one of the {party} is a dead one.", "offensive"),
            ("Someone needs to deal with {pol} permanently.", "offensive"),
            ("{person}, you'd better run while you still can.", "offensive"),
            ("We need a final solution for {group}.", "offensive"),
            ("All {group} must be eliminated.", "offensive"),
            ("I'll see to it personally that {person} never writes again.", "offensive"),
            ("We should burn down the homes of {group}.", "offensive"),
            ("{party} need to be put down.", "offensive"),
            ("We should get rid of {pol}'s carbon tax for good.", "not_offensive"),
            ("{pol} wants to eliminate the deficit by 2030.", "not_offensive"),
            ("{person}, the critics will shoot down that idea in a minute.", "not_offensive"),
            # a fresh probe written after the last rule change and left unfixed, so that the
            # dev half shows how far the rules reach threats they were not written for
            ("Somebody should give {pol} a one-way ticket to the bottom of the lake.", "offensive"),
            ("{person}, I'm going to wring your neck when I see you.", "offensive"),
            ("Every last one of the {group} in this country should be shot dead.", "offensive"),
            ("I'll put my boot through your face, {person}.", "offensive"),
            ("The {party} need a bullet, each and every one of them.", "offensive"),
            ("If {pol} shows up in our town, he won't leave alive.", "offensive"),
            ("{person}, I will end you.", "offensive"),
            ("We'll drag every one of the {party} out of their house and hang them.", "offensive"),
            ("{person}, you'll pay for this in blood.", "offensive"),
            ("{group} should be thrown into ovens.", "offensive"),
            ("I'll smash {pol}'s skull in with a brick.", "offensive"),
            ("{person}, watch your kids when they walk home from school.", "offensive"),
            ("Someone should push {pol} off a bridge.", "offensive"),
            ("{group} deserve to be wiped out.", "offensive"),
            ("I'm gonna slit your throat, {person}.", "offensive"),
            ("The {party} will be hunted down like dogs after the revolution.", "offensive"),
            ("One of these nights, {person}, someone is going to pay you a visit.", "offensive"),
            ("{group} should be stoned to death.", "offensive"),
            ("{pol} better watch out, we have guns and we know his schedule.", "offensive"),
            ("{pol}'s tariffs will hammer farmers this year.", "not_offensive"),
            ("{person}, the heat wave is murdering my tomato plants.", "not_offensive"),
            ("The {party} plan to slash emissions by half.", "not_offensive"),
            ("{person}, you crushed that marathon!", "not_offensive"),
            ("{group} in the city held a vigil for the shooting victims.", "not_offensive"),
            ("{person}, let's knock out this report before lunch.", "not_offensive"),
            ("{pol} vowed to fight the charges in court.", "not_offensive"),
            ("{person}, I could strangle my printer right now.", "not_offensive"),
            ("The {party} are bleeding support in the suburbs.", "not_offensive"),
            ("{person}, you'll be the death of me with these jokes.", "not_offensive"),
            # session 12: a fresh probe written before the threat grammar saw it (measured
            # first, then left as written), threats of many constructions and look-alikes:
            # counter-speech, negation, news, figures of speech, contests
            ("I swear I'm going to strangle {person} with my bare hands.", "offensive"),
            ("{group} ought to be shot on sight.", "offensive"),
            ("Somebody needs to put a bullet between {pol}'s eyes.", "offensive"),
            ("Line the {party} up against the wall when the time comes.", "offensive"),
            ("Scum like {pol} deserve the rope.", "offensive"),
            ("Hang {pol} from the nearest lamppost.", "offensive"),
            ("{pol} should be put in front of a firing squad.", "offensive"),
            ("Next time I see you, {person}, I'm breaking your jaw.", "offensive"),
            ("We're going to burn {group} out of their homes.", "offensive"),
            ("{person}, keep posting and I'll come to your house and stab you.", "offensive"),
            ("All {group} should be shot and buried in a ditch.", "offensive"),
            ("I'd love to see {pol} beaten to a pulp.", "offensive"),
            ("Kill every last one of the {party}.", "offensive"),
            ("{pol} deserves to be dragged behind a truck.", "offensive"),
            ("You'll get a knife in the back one of these days, {person}.", "offensive"),
            ("Somebody shoot {pol} already.", "offensive"),
            ("If I ever meet {person} I will beat them senseless.", "offensive"),
            ("{group} must be driven out by force and slaughtered.", "offensive"),
            ("Death to the {party}!", "offensive"),
            ("{person}, I'm going to make you bleed.", "offensive"),
            (
                "Saying {group} should be shot is a threat, and it should be reported.",
                "not_offensive",
            ),
            ("Nobody should ever hurt {person} for what she wrote.", "not_offensive"),
            ("No one deserves a bullet for their politics, not even {pol}.", "not_offensive"),
            ("Police say the man threatened to stab {pol} outside the rally.", "not_offensive"),
            ("The suspect who tried to kill {pol} has been charged.", "not_offensive"),
            ("This commute is killing me, {person}.", "not_offensive"),
            ("{person}, I'm going to kill this exam tomorrow.", "not_offensive"),
            ("{pol} will slaughter the opposition in the polls.", "not_offensive"),
            ("{person}'s jokes absolutely slay me.", "not_offensive"),
            ("We should shoot down {pol}'s proposal in the vote.", "not_offensive"),
            ("I would never wish harm on {group}.", "not_offensive"),
            ("The {party} want to hang the blame on the mayor.", "not_offensive"),
            ("{pol} is getting hammered in the press this week.", "not_offensive"),
            (
                "Writing 'I will kill you' to {person} is a crime and should be punished.",
                "not_offensive",
            ),
            ("{group} deserve to be safe in their own homes.", "not_offensive"),
            ("{pol} was beaten badly in the last election.", "not_offensive"),
            ("The {party} executed a perfect campaign strategy.", "not_offensive"),
            ("{person}, you'll be the first one I call when I need help.", "not_offensive"),
        ),
        "test": (
            ("{pol} should be executed for treason.", "offensive"),
            ("I'm going to beat the crap out of you, {person}.", "offensive"),
            ("Somebody needs to take {pol} out, permanently.", "offensive"),
            ("{group} deserve to burn.", "offensive"),
            ("Watch your back, {person}, we will find you.", "offensive"),
            ("Time to string up {party}, every last one.", "offensive"),
        ),
    },
    "coded_jibes": {
        "dev": (
            ("Let's go Brandon! Another great day in America, {person}.", "offensive"),
            ("FJB. That's all I have to say about this bill, {person}.", "offensive"),
            ("{person}, you can thank Drumpf for this.", "offensive"),
            ('Our "President" {pol} signed it anyway.', "offensive"),
            ('Nice work by the "Prime Minister" {pol}, as usual.', "offensive"),
            ("So-called leader {pol} dodged the question again.", "offensive"),
            ("President {pol} signed the bill on Tuesday.", "not_offensive"),
            ("Prime Minister {pol} met the mayors this morning.", "not_offensive"),
        ),
        "test": (
            ("Sleepy Joe strikes again, {person}.", "offensive"),
            ("The Cheeto in chief is tweeting again, {person}.", "offensive"),
            ('Ah yes, the "Honourable" {pol} has spoken.', "offensive"),
            ('Can\'t wait to hear what our "leader" {pol} has to say.', "offensive"),
            ('The "Senator" {pol} needs a new speechwriter.', "offensive"),
            ("Trudope strikes again, {person}.", "offensive"),
            ("Senator {pol} will speak at the university on Friday.", "not_offensive"),
            ("Our leader {pol} answered questions for an hour.", "not_offensive"),
        ),
    },
    "sarcasm": {
        "dev": (
            ("Oh sure, {pol} is a real genius /s", "offensive"),
            ('Another brilliant idea from our "genius" {pol}.', "offensive"),
            ("Yeah, {party} really care about working people /s", "offensive"),
            ('Way to go, "expert" {person}. Read a book.', "offensive"),
            ("Great, {person}, the bus is late again /s", "not_offensive"),
            ("Can't wait for another snowstorm, {person} /s", "not_offensive"),
            ("Sure, {person}, because you clearly know everything /s", "offensive"),
        ),
        "test": (
            ("Wow, {pol} is so smart, truly a mastermind /s", "offensive"),
            ('Thanks for the "insight", {person}, very "smart" of you.', "offensive"),
            ('{party}, the "party of ideas". Sure.', "offensive"),
            ("Brilliant plan by {pol}, what could go wrong /s", "offensive"),
            ("{person}, I just love standing in line at the DMV /s", "not_offensive"),
            ("Oh good, {person}, more roadwork on Main Street /s", "not_offensive"),
        ),
    },
    "aimed_abuse": {
        "dev": (
            ("The author of this piece, {person}, is a clueless moron.", "offensive"),
            ("{person}, you're a pathetic troll. Get lost.", "offensive"),
            ("{pol} is a disgusting liar and a coward.", "offensive"),
            ("{group} are all thieves and parasites.", "offensive"),
            ("Whoever wrote this garbage should be ashamed, {person}, what an idiot.", "offensive"),
            ("{party} are brainless sheep.", "offensive"),
            ("{person}, your comments are the dumbest thing on this site.", "offensive"),
        ),
        "test": (
            ("This reporter, {person}, is an ignorant hack who can't count.", "offensive"),
            ("Go away {person}, nobody wants your stupid opinions, loser.", "offensive"),
            ("{pol} is a corrupt, lying scumbag.", "offensive"),
            ("{group} are filthy and disgusting.", "offensive"),
            ("{party} are traitors to this country, every one of them.", "offensive"),
            ("{person}, the journalist who wrote this, is a worthless clown.", "offensive"),
            ("Hey {person}, crawl back under your rock, you lowlife.", "offensive"),
        ),
    },
}

SLOTS = ("group", "party", "pol", "person")
SLOT_NAMES = {"group": "group", "party": "party", "pol": "politician", "person": "person"}


def _fillers(half: str, slot: str) -> Sequence[str]:
    found = FILLERS[half]
    return {
        "group": found.groups,
        "party": found.parties,
        "pol": found.politicians,
        "person": found.people,
    }[slot]


def _fill(template: str, slot: str, filler: str) -> str:
    text = template.replace("{" + slot + "}", filler)
    return text[:1].upper() + text[1:] if template.startswith("{") else text


def _slot(template: str) -> str:
    found = [s for s in SLOTS if "{" + s + "}" in template]
    if len(found) != 1:
        raise ValueError(f"one slot per template: {template!r}")
    return found[0]


def cases(half: str, behaviours: Sequence[str] = BEHAVIOURS) -> list[Case]:
    """Every case of ``half``: each template filled with each of that half's fillers."""
    out: list[Case] = []
    for behaviour in behaviours:
        for template, expect in TEMPLATES[behaviour][half]:
            slot = _slot(template)
            for filler in _fillers(half, slot):
                text = _fill(template, slot, filler)
                out.append(Case(behaviour, half, template, text, expect, SLOT_NAMES[slot], filler))
    return out


def swap_pairs(half: str) -> Iterator[tuple[str, str, str]]:
    """``(kind, a, b)``: the opposing pairs of ``half`` whose swap should not move a score."""
    found = FILLERS[half]
    for kind, names in (("party", found.parties), ("politician", found.politicians)):
        for a, b in zip(names[::2], names[1::2], strict=True):
            yield kind, a, b
    for a, b in product(found.groups[:3], found.groups[3:]):
        yield "group", a, b
