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


def _entries(block: str) -> frozenset[str]:
    """The whitespace-separated entries of a word-list block."""
    return frozenset(block.split())


_WORD = re.compile(r"[a-z0-9]+(?:['’*@$][a-z0-9*]+)*", re.IGNORECASE)

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

SECOND_PERSON = frozenset({"you", "your", "you're", "youre", "u", "ur", "yourself", "ya"})

CATEGORIES: dict[str, frozenset[str]] = {
    "profanity": PROFANITY,
    "insult": INSULT,
    "threat": THREAT,
    "identity": IDENTITY,
    "political": POLITICAL,
}


def _matcher(entries: frozenset[str]) -> tuple[frozenset[str], tuple[str, ...]]:
    exact = frozenset(e for e in entries if not e.endswith("*"))
    prefixes = tuple(e[:-1] for e in entries if e.endswith("*"))
    return exact, prefixes


_MATCHERS = {name: _matcher(entries) for name, entries in CATEGORIES.items()}


def words(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, lower-cased word)`` for each word of ``text``."""
    return [(m.start(), m.end(), m.group().lower()) for m in _WORD.finditer(text)]


def categories(word: str) -> list[str]:
    """The lexicon categories a lower-cased word belongs to, in a fixed order."""
    found = []
    for name, (exact, prefixes) in _MATCHERS.items():
        if word in exact or (prefixes and word.startswith(prefixes)):
            found.append(name)
    return found


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
    """``text`` with listed politicians' surnames and party words replaced by neutral words.

    The sentence encoder reads whole words, so this is its version of the
    n-gram features' folding: no side's names reach the MiniLM vector.
    """

    def swap(match: re.Match[str]) -> str:
        word = match.group().lower()
        if word in POLITICIANS:
            return PERSON_PLACEHOLDER
        if word in PARTIES:
            return PARTY_PLACEHOLDER
        return match.group()

    return _WORD.sub(swap, text)
