"""Small hand-written word lists that hint at a technique; model features, not rules.

Each list holds lower-case words (or ``word word`` bigrams) that often carry a
technique in news prose. A hit is one feature among thousands: the trained
weights decide how much it counts. ``PARTISAN_NAMES`` lists party and
politician names that features fold to one placeholder, so the models cannot
learn that one side's names are more "propagandistic" than the other's.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


LEXICONS: dict[str, frozenset[str]] = {
    "loaded": _words(
        """
        outrageous shocking disgraceful disgusting horrific horrible vile evil sinister
        despicable shameful shameless reckless radical extreme extremist brutal savage
        barbaric heinous insane crazy absurd ridiculous pathetic nasty corrupt rotten
        treacherous betrayal betray betrayed hysterical hysteria frenzy rampant slaughter
        massacre catastrophe catastrophic disaster disastrous devastating destroy destroyed
        destruction toxic poison poisonous plague cancer scourge thugs mob raid rigged
        hoax sham witch hunt scandal scandalous infamous notorious appalling atrocious
        monstrous wicked vicious blatant brazen cowardly coward sick twisted fanatical
        fanatic crusade propaganda lies liar lying fake deranged unhinged
        """
    ),
    "fear": _words(
        """
        threat threaten threatens threatened danger dangerous fear fears afraid terror
        terrorist terrorists terrorism invade invasion invaders attack attacks crisis
        collapse chaos deadly kill killing killed die dying death deaths risk risks
        warn warned warning alarming peril perilous menace doom doomed overrun flood
        epidemic violence violent criminals crime
        """
    ),
    "flag": _words(
        """
        patriot patriots patriotic patriotism nation national nation's country country's
        homeland flag america america's american americans our we us freedom liberty
        sovereignty heritage founding fathers constitution motherland fatherland people
        """
    ),
    "doubt": _words(
        """
        so-called allegedly alleged supposedly questionable dubious claims claimed
        purported purportedly credibility really truly whether doubt doubts doubtful
        suspicious unproven unverified
        """
    ),
    "exaggeration": _words(
        """
        most ever never always all every everyone everything nothing nobody totally
        completely absolutely entirely utterly biggest greatest worst best largest
        unprecedented historic massive huge enormous tremendous countless only mere
        merely just simply literally
        """
    ),
    "certainty": _words(
        """
        obviously clearly undeniably certainly surely definitely undoubtedly period
        simply fact truth everyone knows
        """
    ),
    "causal": _words(
        """
        because therefore thus hence so consequently result results resulted caused cause
        causes blame blamed led leads responsible
        """
    ),
    "dilemma": _words(
        """
        either or only choice choose alternative unless nothing else must
        """
    ),
    "authority": _words(
        """
        expert experts scientist scientists study studies professor dr official officials
        according pope president leader
        """
    ),
    "hitler": _words(
        """
        hitler nazi nazis fascist fascists fascism stalin communist communists
        totalitarian dictator dictatorship gestapo
        """
    ),
    "whatabout": _words(
        """
        what about while meanwhile yet hypocrisy hypocrite hypocrites double standard
        """
    ),
}

#: party and politician names folded to ``<name>`` before features are made
PARTISAN_NAMES: frozenset[str] = _words(
    """
    democrat democrats democratic republican republicans gop dnc rnc
    trump trump's obama obama's clinton clinton's hillary biden biden's sanders pelosi
    mcconnell schumer pence harris bush romney mccain cruz rubio warren ocasio-cortez
    aoc desantis haley kennedy reagan kavanaugh mueller comey
    labour tory tories
    """
)
