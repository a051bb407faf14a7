"""Person names normalised across variants: "Dr. L. Vosskuhl" ~ "Lennart Vosskuhl".

Method: drop titles and suffixes ("Dr.", "Prof.", "Senator", "Jr.", "PhD"),
fold accents and case, and key a name by its surname (last token). Within one
surname, full first names make groups; an initial ("L.") joins the one group
whose first name starts with it, a bare surname joins the one group with that
surname; when there are several candidates it stays apart rather than guess.

Limits: Western name order only (surname last); two real people who share a
surname and an initial, with one of them quoted only by initial, are merged.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

_TITLES = (
    "dr doctor prof professor mr mrs ms miss mx sir dame rev reverend fr father sen senator "
    "rep representative gov governor gen general col colonel capt captain maj major lt "
    "judge justice mayor minister president chancellor ambassador sheriff hon"
)
TITLES = frozenset(_TITLES.split())
SUFFIXES = frozenset(("jr", "sr", "ii", "iii", "iv", "phd", "md", "mba", "esq", "obe", "mbe"))
_TOKEN = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*", re.UNICODE)


@dataclass(frozen=True, slots=True)
class ParsedName:
    """A name reduced to what identifies it: first name (or initial) and surname."""

    first: str  # lower case; "" when only a surname was given
    surname: str  # lower case, accents folded
    display: str  # the name without titles, as written

    @property
    def initial_only(self) -> bool:
        return len(self.first) == 1


def parse_name(name: str) -> ParsedName | None:
    """The first name and surname of a person's name, or ``None`` if none is left."""
    tokens = _TOKEN.findall(name)
    kept = [t for t in tokens if _fold(t) not in TITLES and _fold(t) not in SUFFIXES]
    if not kept:
        return None
    surname = _fold(kept[-1])
    first = _fold(kept[0]) if len(kept) > 1 else ""
    shown = " ".join(
        t for t in name.replace(",", " ").split() if _fold(t.strip(".")) not in TITLES | SUFFIXES
    )
    return ParsedName(first, surname, shown.strip() or name)


def group_names(names: Iterable[str]) -> dict[str, str]:
    """Map every name to a canonical person key: "first surname" (or "?surname")."""
    parsed = {name: parse_name(name) for name in set(names)}
    by_surname: dict[str, set[str]] = defaultdict(set)
    for value in parsed.values():
        if value is not None and value.first and not value.initial_only:
            by_surname[value.surname].add(value.first)
    mapping: dict[str, str] = {}
    for name, value in parsed.items():
        if value is None:
            continue
        firsts = by_surname.get(value.surname, set())
        if value.first and not value.initial_only:
            first = value.first
        elif value.initial_only:
            matches = [f for f in firsts if f.startswith(value.first)]
            first = matches[0] if len(matches) == 1 else value.first + "."
        else:
            first = next(iter(firsts)) if len(firsts) == 1 else "?"
        mapping[name] = f"{first} {value.surname}"
    return mapping


def display_names(mapping: dict[str, str]) -> dict[str, str]:
    """Per key, the most used full variant without titles ("Lennart Vosskuhl")."""
    variants: dict[str, Counter[str]] = defaultdict(Counter)
    for name, key in mapping.items():
        parsed = parse_name(name)
        if parsed is not None:
            variants[key][parsed.display] += 1
    return {
        key: max(c, key=lambda s: (not _has_initial(s), c[s], len(s), s))
        for key, c in variants.items()
    }


def _has_initial(name: str) -> bool:
    return any(len(t.strip(".")) == 1 for t in name.split())


def _fold(token: str) -> str:
    decomposed = unicodedata.normalize("NFKD", token.strip(".").lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
