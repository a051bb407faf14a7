"""Small hand-written word lists: profanity, insults, threats, identity terms, political groups.

They give the statistical models a few features that generalise across
domains (tweets to news comments) and let the analyzer name political targets.
The lists are deliberately short and written for this project; they are cues,
not a blocklist. Matching is on lower-cased word tokens; a trailing ``*`` in a
list entry matches any word with that prefix.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from itertools import accumulate

from newsift.text.case import lowers_plainly


def _entries(block: str) -> frozenset[str]:
    """The whitespace-separated entries of a word-list block."""
    return frozenset(block.split())


def _phrases(block: str) -> frozenset[str]:
    """The entries of a phrase-list block, separated by ``|`` or line ends."""
    return frozenset(p.strip() for line in block.splitlines() for p in line.split("|")) - {""}


_WORD = re.compile(r"[a-z0-9]+(?:['’*@$][a-z0-9*]+)*", re.IGNORECASE)
#: ``_WORD`` as the one group of a split pattern (words and the text between, alternately)
_WORD_SPLIT = re.compile(f"({_WORD.pattern})", re.IGNORECASE)

PROFANITY = _entries(
    """
    fuck* f*ck* fck* fuk* shit* sh*t bullshit* crap crappy damn damned goddamn* hell
    ass asses arse asshole* a**hole* bastard* bitch* b*tch* cock* dick dicks dickhead*
    piss* pissed prick* pussy* cunt* twat* wank* bollocks bloody slut* whore* screw screwed
    douche* jackass* dumbass* motherf*
    """
)

INSULT = _entries(
    """
    idiot* idiotic moron* moronic stupid stupidity dumb dumber dumbest imbecile* cretin*
    fool fools foolish clown* loser* pathetic ignorant ignoramus scum scumbag* lowlife
    trash garbage buffoon* dimwit* halfwit* nitwit* dolt* dope dopes hack hacks liar* lying
    hypocrite* hypocritical coward* cowardly traitor* treasonous vermin parasite* leech*
    sheep sheeple troll* shill* stooge* lackey* crook* crooked thug* disgusting despicable
    deplorable* degenerate* worthless useless incompetent clueless brainless brainwashed
    delusional deranged lunatic* nutjob* nutcase* nuts crazy insane psycho* retard* retarded
    loony loonies wacko* freak* creep* pig pigs snake snakes rat rats weasel* jerk*
    ugly fat
    """
)

THREAT = _entries(
    """
    kill killed killing shoot shot shooting hang hanged hanging lynch* burn beat beaten
    punch* stab* strangle* choke shoot die dead death murder* execute* executed bullet*
    gun guns rope tar feathered destroy eliminate exterminate*
    """
)

IDENTITY = _entries(
    """
    muslim* islam* christian* jew jews jewish catholic* hindu* sikh* atheist* black blacks
    white whites asian* african* arab* mexican* immigrant* migrant* refugee* native natives
    indian* chinese gay gays lesbian* homosexual* transgender* trans queer* women woman
    female* male men feminist* foreigner* minority minorities race racial illegal illegals
    """
)

#: Nouns that liken people to animals, pests or disease: dehumanising when said of people.
DEHUMANISING = _entries(
    """
    animal animals beast beasts savage savages subhuman subhumans vermin rat rats roach roaches
    cockroach* insect insects parasite* leech* maggot* lice louse locust* swarm infestation
    plague plagues disease diseases cancer cancers tumour tumor virus germ germs filth
    ape apes monkey monkeys dog dogs pig pigs swine cattle creature creatures scum
    """
)

#: Real words one letter dropped or two letters swapped away from an abuse word, never read
#: as its misspelling: those of that kind seen at least twice in the training corpora
#: (hand-checked: misspellings such as "bich" were left out of this list), and a few more.
NEAR_MISSES = _entries(
    """
    beats best blood coke cook cooked cray crew does east eaten garage hill hoot inane itch
    lech ling loon loonie lose money moon morn mother pick psych puss rick roll sake sakes
    shep sill strange swam toll wack waco warm wine wore rash dump cone clone idols idiom
    fowl frock truck stuck shirt shift sheet hello duck dock deck luck lick lock buck price
    carp crop cram crept jock joke
    """
)

#: Coded partisan jibes at politicians of either side: chants, nicknames, party-name puns
#: (lower-cased words, joined by one space). Patterns in ``patterns.py`` find more.
CODED_JIBES = _phrases(
    """
    let's go brandon|lets go brandon|go brandon|fjb|drumpf|sleepy joe|creepy joe|dementia joe
    cheeto|cheeto in chief|agent orange|orange man|tangerine|trumpanzee|trumpanzees|drumpfy
    trudope|trudeaupe|justin castro|castro's son|little potato|skippy|shillary|killary
    obummer|obozo|bojo the clown|demonrats|democraps|dumbocrats|repugnicans|rethuglicans
    republicants|trumptards|libtards|conservatards|magats|maggats|feckless|dotard
    """
)

#: Epithets written before a name to make a nickname of it ("Sleepy Joe", "Crooked Hillary").
EPITHETS = _entries(
    """
    sleepy creepy crooked lyin lyin' lying dementia shifty sleazy crazy dopey
    low-energy pencil cryin corrupt slimy
    """
)

#: Words of intent before a violent verb that make it a threat ("should hang", "will kill").
INTENT = _entries(
    """
    should shoud will gonna going deserve deserves deserved hope hoping needs need must ought
    gotta wanna i'll we'll you'll he'll she'll they'll let's lets wish want
    """
)

#: Threat idioms (lower-cased words joined by one space).
THREAT_IDIOMS = _phrases(
    """
    know where you live|coming for you|coming for them|watch your back|find you|put a bullet
    bullet in|string up|string them up|strung up|lined up against|line them up|against a wall
    against the wall|take you out|take him out|take her out|take them out|in a ditch
    six feet under|pay for this|what's coming|beat the crap|beat the shit|kick your ass
    hunt you down|hunt them down|wipe them out|you're dead|you are dead|from a tree
    sleep with the fishes|end you|a bullet
    """
)

#: Negators: an abuse word shortly after one (same clause) is negated, not used.
NEGATORS = _entries(
    """
    not never no nobody none nothing neither nor hardly isnt arent dont doesnt didnt wont
    wasnt werent cant couldnt wouldnt shouldnt aint
    """
)

#: Verbs that report or quote what someone said ("calling them X", "he said X").
REPORTING = _entries(
    """
    call calls called calling label labels labeled labelled labeling labelling refer refers
    referred referring say says said saying wrote write writes writing tweeted posted
    shouted yelled chanted chanting named brand branded branding describe described
    describing quote quotes quoted quoting claim claims claiming tell tells told telling
    """
)

#: Words that condemn what a comment reports (counter-speech), and phrases doing the same.
CONDEMNING = _entries(
    """
    wrong unacceptable hateful bigoted bigotry racist racism sexist sexism homophobic
    transphobic xenophobic stop reported booed dehumanising dehumanizing inexcusable tolerated
    tolerate vile shameful condemn condemned lies slur slurs harassment abusive uncalled
    offensive disgraceful dehumanises dehumanizes dehumanise dehumanize lie false untrue
    """
)
CONDEMNING_PHRASES = (
    "not ok", "not okay", "not acceptable", "never acceptable", "not fair", "has to stop",
    "must stop", "needs to stop", "not cool", "out of line", "make it okay", "make it ok",
    "no place", "should not be", "shouldn't be", "leads to violence", "hate speech", "is hate",
)  # fmt: skip

#: Words of praise that turn to derision in scare quotes or under "/s".
PRAISE = _entries(
    """
    genius geniuses brilliant smart smartest mastermind expert experts insight insights
    insightful wise wisdom hero heroes visionary savvy intellectual principled care cares
    clever bright sharp einstein
    """
)

#: Titles that scare quotes turn into a sneer (our "President").
TITLES = _phrases(
    """
    president|prime minister|pm|minister|leader|senator|governor|premier|mayor|honourable
    honorable|representative|congressman|congresswoman|journalist|journalists|reporter
    reporters|expert|experts|doctor|scientist|scientists|professor|judge|justice|chancellor
    speaker|commander in chief|leader of the free world|statesman|lawmaker|lawmakers|hon
    public servant|dear leader|news|newspaper|king|queen|chief|member|mp
    """
)

#: Names of political groups, parties and their supporters (US, Canada, UK) and of
#: political bodies; used to mark a group target as political.
POLITICAL = _entries(
    """
    liberal liberals libs lib libtard* leftist* lefties leftie lefty progressives
    progressive democrat democrats dems dem dnc conservative conservatives cons tory tories
    republican republicans gop rnc trumper* trumpists maga magats rightwing
    socialist* communist* commies commie* marxist* fascist* nazi* antifa
    libertarian* ndp ndpers grits grit reformers snowflake* neocon*
    labour labourites greens populist* nationalist* globalist* elites elitist*
    politician* politicos government govt congress congressmen senate senators senator
    parliament mps mp council councillor* councilor* councilmen commissioner* legislators
    legislature lawmakers mayor premier minister* cabinet administration regime party
    partisans partisan
    """
)

#: Surnames of prominent US, Canadian and UK politicians, folded to one placeholder by the
#: features so that the model cannot learn that one side's names are more offensive.
POLITICIANS = _entries(
    """
    trump biden obama clinton hillary harris pence desantis pelosi mcconnell schumer sanders
    trudeau poilievre harper scheer singh mulroney chretien freeland carney ford wynne kenney
    johnson sunak starmer corbyn truss farage
    """
)

#: Parties and their supporters, replaced by one neutral word in the text the sentence
#: encoder sees (``neutral_names``); insults built on a party name ("libtard") stay.
PARTIES = _entries(
    """
    liberal liberals libs lib democrat democrats dems dem dnc conservative conservatives
    tory tories republican republicans gop rnc trumper trumpers trumpist trumpists maga
    ndp ndpers grits grit labour libertarian libertarians progressive progressives
    leftist leftists lefties leftie lefty rightwing
    """
)
PERSON_PLACEHOLDER = "Smith"
PARTY_PLACEHOLDER = "members"
GROUP_PLACEHOLDER = "people"  # identity terms, in the text the sentence encoder sees
_REPEATED_GROUP = re.compile(rf"\b{GROUP_PLACEHOLDER}(?:\s+{GROUP_PLACEHOLDER}\b)+")

#: Plain nouns that name a group after an identity word ("Black people", "gay men").
GROUP_NOUNS = _entries("people folks person persons community communities men women kids")

SECOND_PERSON = frozenset({"you", "your", "you're", "youre", "u", "ur", "yourself", "ya"})

CATEGORIES: dict[str, frozenset[str]] = {
    "profanity": PROFANITY,
    "insult": INSULT,
    "threat": THREAT,
    "identity": IDENTITY,
    "political": POLITICAL,
    "dehumanising": DEHUMANISING,
}
#: the categories whose words are abuse (spelling variants are folded back to them)
ABUSE_CATEGORIES = ("profanity", "insult", "threat", "dehumanising")


def _matcher(entries: frozenset[str]) -> tuple[frozenset[str], tuple[str, ...]]:
    exact = frozenset(e for e in entries if not e.endswith("*"))
    prefixes = tuple(e[:-1] for e in entries if e.endswith("*"))
    return exact, prefixes


_MATCHERS = {name: _matcher(entries) for name, entries in CATEGORIES.items()}


def words(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, lower-cased word)`` for each word of ``text``.

    The text is lower-cased once and its words read from that when that is the
    same as matching case-blind (:func:`~newsift.text.case.lowers_plainly`), so
    the words and offsets are those of :func:`words_reference`.
    """
    if lowers_plainly(text):
        # split keeps the text between words and the words, alternately: the running
        # sum of their lengths gives every offset, with no match object per word
        pieces = _WORD_SPLIT.split(text.lower())
        ends = list(accumulate(map(len, pieces)))
        return list(zip(ends[:-1:2], ends[1::2], pieces[1::2], strict=True))
    return words_reference(text)


def words_reference(text: str) -> list[tuple[int, int, str]]:
    """:func:`words` in its plain form, for any text."""
    return [(m.start(), m.end(), m.group().lower()) for m in _WORD.finditer(text)]


def categories(word: str) -> list[str]:
    """The lexicon categories a lower-cased word belongs to, in a fixed order."""
    return list(_categories(word))


@lru_cache(maxsize=1 << 17)
def _categories(word: str) -> tuple[str, ...]:
    found = []
    for name, (exact, prefixes) in _MATCHERS.items():
        if word in exact or (prefixes and word.startswith(prefixes)):
            found.append(name)
    return tuple(found)


#: :func:`categories` as the remembered tuple itself (no copy), for loops over many words
categories_of = _categories


def is_political_name(word: str) -> bool:
    """True for a political group word or a listed politician's surname (lower-cased)."""
    exact, prefixes = _MATCHERS["political"]
    return word in POLITICIANS or word in exact or bool(prefixes and word.startswith(prefixes))


def political_groups(tokens: Iterable[str]) -> list[str]:
    """The political-group words among ``tokens``, in order, without repeats."""
    exact, prefixes = _MATCHERS["political"]
    seen: list[str] = []
    for word in tokens:
        if (word in exact or (prefixes and word.startswith(prefixes))) and word not in seen:
            seen.append(word)
    return seen


def neutral_names(text: str) -> str:
    """``text`` with politicians' surnames, party words and identity terms made neutral.

    The sentence encoder reads whole words, so this is its version of the
    n-gram features' folding: no side's or group's names reach the MiniLM
    vector (listed surnames become "Smith", party words "members", identity
    terms "people").
    """

    def swap(match: re.Match[str]) -> str:
        word = match.group().lower()
        if word in POLITICIANS:
            return PERSON_PLACEHOLDER
        if word in PARTIES:
            return PARTY_PLACEHOLDER
        if "identity" in _categories(word):
            return GROUP_PLACEHOLDER
        return match.group()

    return _REPEATED_GROUP.sub(GROUP_PLACEHOLDER, _WORD.sub(swap, text))
