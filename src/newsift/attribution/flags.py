"""Expert flags: where a source's standing cannot be checked, and why.

A flag never says that a person is fake. It says what a reader cannot verify
from the page and the public record, with the evidence span:

- ``no_institution``: a credential with no named institution to check it
  against ("a geopolitical risk consultant");
- ``former_or_advisory_only``: every role given is former or advisory
  ("former analyst", "adviser to", "consultant");
- ``implausible_timeline``: a role tied to a national leader through a
  descriptor chain ("an advisor on economic policy to former Belgian Prime
  Minister X") whose term the record puts far from the article's date, by a
  rule that reads the wording (current or past role, "former" leader; see
  ``ExpertFlagger._timeline``), from Archigos 4.1 (national leaders to 2015;
  see ``attribution/data/leaders.tsv``);
- ``only_to_author``: everything the source says was said to the writer, and
  the source appears nowhere else in the article;
- ``anonymous_majority``: anonymous sources carry most of the quoted words
  (of real sources only, as in the sourcing profile, with the words of quotes
  whose speaker was hidden as uncertain counted as not anonymous).

Reads: sources, quotes, meta.published. Writes: flags.
"""

from __future__ import annotations

import csv
import functools
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from typing import Any, ClassVar

from newsift import fields
from newsift.attribution.annotations import Quote, Source, real_sources
from newsift.attribution.nouns import HONORIFICS, ORG_NOUNS, PERSON_NOUNS, TITLES
from newsift.attribution.sources import name_parts
from newsift.document import Document, LayerReport, LayerSummary, Span, Wrap, declare_layer
from newsift.errors import SchemaError
from newsift.registry import register
from newsift.text.dates import parse_iso_date

FLAG_KINDS = (
    "no_institution", "former_or_advisory_only", "implausible_timeline", "only_to_author",
    "anonymous_majority",
)  # fmt: skip
ANONYMOUS_MAJORITY = 0.5  # share of quoted words
FORMER_YEARS = 40  # a "former" role with a leader who left office this long ago is flagged
_ROLE_NOUN = re.compile(
    r"\b(?:consultant|analyst|expert|strategist|advis[eo]r|researcher|specialist|scholar|"
    r"commentator|economist|scientist|professor|fellow|authority|insider|observer|"
    r"campaigner|activist|lobbyist|doctor|physician|lawyer|attorney|engineer|historian)s?\b",
    re.I,
)
#: Credentials a reader would check against an institution ("an infectious disease
#: expert"); activists and campaigners claim no credential.
_CREDENTIAL = re.compile(
    r"\b(?:consultant|analyst|expert|strategist|advis[eo]r|researcher|specialist|scholar|"
    r"commentator|economist|scientist|professor|fellow|authority|insider|observer|"
    r"lobbyist|doctor|physician|lawyer|attorney|engineer|historian)s?\b",
    re.I,
)
#: Posts: a part of the descriptor naming one is a role even without a credential word.
_POST = re.compile(
    r"\b(?:director|president|chair(?:man|woman|person)?|ceo|cfo|coo|cto|chief|head|manager|"
    r"editor|officer|founder|co-founder|partner|member|lecturer|dean|secretary|minister|"
    r"senator|governor|mayor|judge|reporter|correspondent|columnist|journalist|producer|"
    r"host|coach|owner|executive|administrator|commissioner|councilmember|councill?or|"
    r"representative|spokes(?:man|woman|person)|surgeon|nurse|teacher|principal|"
    r"superintendent|ambassador|envoy|aide|official|staffer|prosecutor|investigator|"
    r"agent|detective|sheriff|captain|general|colonel|diplomat|judge|instructor|"
    r"psychiatrist|psychologist|\w+ologist|\w+iatrician|anaesthetist|anesthetist|"
    r"pharmacist|radiographer|midwife|paramedic|vet|veterinarian|pastor|rabbi|imam)s?\b",
    re.I,
)
_FORMER = re.compile(r"\b(?:former|ex-|one-time|onetime|retired|erstwhile|previously|past)\b", re.I)
#: A role put in the past by the words that open its part ("who served as", "until 2019").
_PAST_PART = re.compile(
    r"^\W*(?:served|was|were|worked|had\s+been|has\s+been|once|previously|formerly|"
    r"until|till)\b",
    re.I,
)
_ADVISORY = re.compile(r"\b(?:advis[eo]r|advisory|consultant|consultancy)s?\b", re.I)
#: "Consultant" as a medical grade (UK and Irish hospitals): "consultant chest physician",
#: "consultant in respiratory medicine", "a consultant at Aberdeen Royal Infirmary".
_MEDICAL_CONSULTANT = re.compile(
    r"\bconsultants?\s+(?:(?:[a-z-]+\s+){0,3}(?:physician|surgeon|doctor|radiologist|"
    r"anaesthetist|anesthetist|psychiatrist|paediatrician|pediatrician|obstetrician|"
    r"gynaecologist|midwife|nurse|pathologist|\w+ologist|\w+iatrician|\w+iatrist)s?\b"
    r"|in\s+(?:[a-z-]+\s+){0,3}(?:medicine|surgery|psychiatry|paediatrics|pediatrics|"
    r"radiology|anaesthesia|anesthesia|\w+ology)\b"
    r"|(?:at|with)\s+(?:the\s+)?(?:[\w'’.-]+\s+){0,4}(?:hospital|infirmary|clinic|"
    r"NHS|health\s+board|trust)\b)",
    re.I,
)
#: An advisory title held as a post at a named institution ("senior adviser at the
#: International Crisis Group", "a consultant with McKinsey"): a current post.
_ADVISORY_POST = re.compile(
    r"\b(?:advis[eo]r|consultant)s?\s+(?:at|with|in)\s+(?:the\s+)?(?:[a-z-]+\s+){0,2}"
    r"[A-Z]"
)
#: A definite common noun for an employer after a role: "a doctor at the hospital".
_DEFINITE_EMPLOYER = re.compile(
    r"\b(?:at|with|for|of|from)\s+(?:the|this|that|its|his|her|their)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:"
    + "|".join(
        sorted(
            ORG_NOUNS
            | {
                "firm",
                "clinic",
                "infirmary",
                "practice",
                "lab",
                "laboratory",
                "think\\s+tank",
                "institute",
                "outlet",
                "publication",
                "channel",
            }
        )
    )
    + r")s?\b",
    re.I,
)
_POSSESSIVE = re.compile(r"[A-Za-z0-9](?:'s|’s|s'|s’)(?=\s)")
_WORD = re.compile(r"[A-Za-z][\w&.'’-]*")
_NAME_PREFIX = re.compile(r"^(?:al|el|ad|an|ar|as|at|az|ash|bin|ibn|abu)[-'’]", re.I)
_PARTS = re.compile(r"\s*(?:,|;|\band\b|\bwho\b)\s*")
CURRENT_TO_FORMER_YEARS = 20  # "adviser to former Prime Minister X": X left this long ago
#: A role tied to a head of state or government through a descriptor chain: the role
#: with its "former" and qualifiers, a domain ("on economic policy"), the link ("to",
#: "under", "in the government of"), then "the", "late", "former", "then-", a
#: nationality ("Belgian", "Belgium's") and the office before the name.
_LEADER_ROLE = re.compile(
    r"(?i:\b(?P<role>(?:(?P<former>former|ex-|one-time|onetime|erstwhile|retired)\s*)?"
    r"(?:(?:senior|chief|special|top|longtime|long-time|close|personal|principal|deputy|"
    r"leading|economic|financial|policy|political|foreign[- ]policy|security|"
    r"national[- ]security|legal|media|press|communications|military|trade)\s+){0,3}"
    r"(?:advis[eo]r|aide|assistant|counsel(?:lor|or)?|speechwriter|spokes(?:man|woman|person)|"
    r"chief of staff|consultant|envoy|minister|secretary|strategist|confidant|interpreter|"
    r"economist|analyst|lawyer|physician|doctor|bodyguard|negotiator|emissary)s?)"
    r"(?:\s+(?:on|for|in)\s+(?!the\s+(?:government|administration|cabinet)\b)"
    r"(?:[\w'’-]+\s+){1,4}?)?"
    r"\s*(?:(?:to|for|in|with|at|under)\s+the\s+(?:government|administration|cabinet|office|"
    r"team)\s+of|to|for|of|under|with)"
    r"\s+(?:the\s+)?"
    r"(?P<mark>(?:(?:late|former|ex-|one-time|then(?:-|\s+))\s*)*)"
    r")"
    r"(?:(?P<nation>[A-Z][a-z]+(?:[- ][A-Z][a-z]+)?)(?:'s|’s)?\s+)?"
    r"(?P<mark2>(?i:(?:(?:late|former|ex-|then-)\s*)*))"
    r"(?P<title>(?i:prime\s+minister|president|chancellor|premier|taoiseach|king|queen|emperor|"
    r"sultan|emir|shah|head\s+of\s+(?:state|government)))"
    r",?\s+(?P<name>(?:[A-Z][\w'’.-]*|(?:van|von|de|der|den|da|di|du|bin|ibn|al-\w+))"
    r"(?:\s+(?:[A-Z][\w'’.-]*|van|von|de|der|den|da|di|du|bin|ibn|al-\w+)){0,3})"
)
#: States the record splits in time: "German" is West Germany (GFR) to 1990.
_SAME_STATE: dict[str, tuple[str, ...]] = {"GMY": ("GFR",)}
#: Words before a role that put it in the past: "who served as an adviser to ...".
_PAST_LEAD = re.compile(
    r"\b(?:served|was|worked|had\s+been|once|previously|formerly)\s+(?:as\s+)?"
    r"(?:an?\s+|the\s+)?(?:\w+\s+){0,2}$",
    re.I,
)
#: Nationality words and country names, to the Correlates-of-War codes of leaders.tsv.
NATIONS: dict[str, str] = {
    "american": "USA", "united states": "USA", "us": "USA", "canadian": "CAN", "canada": "CAN",
    "mexican": "MEX", "mexico": "MEX", "british": "UKG", "britain": "UKG", "uk": "UKG",
    "irish": "IRE", "ireland": "IRE", "dutch": "NTH", "netherlands": "NTH", "belgian": "BEL",
    "belgium": "BEL", "french": "FRN", "france": "FRN", "swiss": "SWZ", "switzerland": "SWZ",
    "spanish": "SPN", "spain": "SPN", "portuguese": "POR", "portugal": "POR",
    "german": "GMY", "west german": "GFR", "germany": "GMY", "austrian": "AUS",
    "austria": "AUS", "italian": "ITA", "italy": "ITA", "greek": "GRC", "greece": "GRC",
    "polish": "POL", "poland": "POL", "hungarian": "HUN", "hungary": "HUN",
    "czech": "CZR", "swedish": "SWD", "sweden": "SWD", "norwegian": "NOR", "norway": "NOR",
    "danish": "DEN", "denmark": "DEN", "finnish": "FIN", "finland": "FIN",
    "russian": "RUS", "russia": "RUS", "soviet": "RUS", "ukrainian": "UKR", "ukraine": "UKR",
    "turkish": "TUR", "turkey": "TUR", "israeli": "ISR", "israel": "ISR",
    "egyptian": "EGY", "egypt": "EGY", "iranian": "IRN", "iran": "IRN", "iraqi": "IRQ",
    "iraq": "IRQ", "syrian": "SYR", "syria": "SYR", "lebanese": "LEB", "lebanon": "LEB",
    "jordanian": "JOR", "jordan": "JOR", "saudi": "SAU", "indian": "IND", "india": "IND",
    "pakistani": "PAK", "pakistan": "PAK", "chinese": "CHN", "china": "CHN",
    "japanese": "JPN", "japan": "JPN", "korean": "ROK", "south korean": "ROK",
    "australian": "AUL", "australia": "AUL", "brazilian": "BRA", "brazil": "BRA",
    "argentine": "ARG", "argentinian": "ARG", "argentina": "ARG", "chilean": "CHL",
    "chile": "CHL", "south african": "SAF", "nigerian": "NIG", "nigeria": "NIG",
    "kenyan": "KEN", "kenya": "KEN", "luxembourgish": "LUX", "luxembourg": "LUX",
}  # fmt: skip
#: Capitalized words that name no institution: roles and titles, their modifiers,
#: nationalities and regions, articles and honorifics.
_NOT_INSTITUTION = (
    TITLES
    | PERSON_NOUNS
    | HONORIFICS
    | frozenset(NATIONS)
    | frozenset(
        {"a", "an", "the", "and", "of", "at", "for", "in", "on", "with", "to", "i", "who"}
        | {"senior", "junior", "chief", "associate", "assistant", "deputy", "former"}
        | {"retired", "visiting", "distinguished", "emeritus", "emerita", "lead", "managing"}
        | {"executive", "special", "independent", "research", "fellow", "insider", "top"}
        | {"leading", "prominent", "renowned", "veteran", "longtime", "political"}
        | {"american", "european", "african", "asian", "arab", "latino", "latina", "scottish"}
        | {"welsh", "english", "scots", "western", "eastern", "northern", "southern"}
        | {"jewish", "muslim", "christian", "catholic", "hindu", "sikh", "buddhist"}
        | {"dr", "mr", "mrs", "ms", "prof", "sr", "jr"}
    )
)
#: Lower-case modifiers a role takes at the start of a sentence ("Political consultant X").
_ROLE_MODIFIERS = frozenset(
    {"political", "strategic", "economic", "financial", "security", "defence", "defense"}
    | {"energy", "health", "medical", "legal", "military", "foreign", "climate", "data"}
    | {"environmental", "tech", "technology", "market", "investment", "policy", "risk"}
    | {"geopolitical", "infectious", "public", "private", "freelance", "local", "global"}
    | {"international", "regional", "industry", "marketing", "media", "campaign", "crisis"}
    | {"communications", "management", "terrorism", "intelligence", "cyber", "conservative"}
    | {"liberal", "progressive", "republican", "democratic", "veteran", "longtime", "noted"}
    | {"respected", "self-described", "self-styled", "well-known", "disease", "water"}
)


@dataclass(frozen=True, slots=True)
class Flag:
    """One thing a reader cannot check about a source, with the evidence."""

    kind: str
    reason: str  # a sentence a reader understands
    evidence: tuple[Span, ...]
    source: str | None = None  # the source's id; None for article-level flags

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "source": self.source,
            "reason": self.reason,
            "evidence": [s.to_dict() for s in self.evidence],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Flag:
        flag = fields.read(cls, data, "flag")
        if flag.kind not in FLAG_KINDS:
            raise SchemaError(f"bad flag {data!r:.200}: unknown flag kind {flag.kind!r}")
        return flag


def _flag_lines(doc: Document, wrap: Wrap) -> list[str]:
    """Each flag with its reason, under the sources' lines (only where they are)."""
    if "sources" not in doc.layers:
        return []
    return [wrap(f"  ! {flag.kind}: {flag.reason}") for flag in doc.layers["flags"]]


FLAGS_LAYER = declare_layer(
    "flags",
    Flag,
    package="newsift.attribution",
    order=25,
    summary=LayerSummary(_flag_lines),
    report=LayerReport(
        "Flags", "newsift.report.html:flags_card", "newsift.report.markdown:flags_lines"
    ),
)


@dataclass(frozen=True, slots=True)
class LeaderSpell:
    name: str
    surname: str
    country: str
    start: date
    end: date
    running: bool  # still in office when the data ends (2015-12-31)


def load_leaders() -> list[LeaderSpell]:
    """The shipped table of national leaders (Archigos 4.1, 1875-2015)."""
    source = resources.files("newsift.attribution").joinpath("data/leaders.tsv")
    spells: list[LeaderSpell] = []
    with source.open(encoding="utf-8") as handle:
        rows = (line for line in handle if not line.startswith("#"))
        for row in csv.DictReader(rows, delimiter="\t"):
            spells.append(
                LeaderSpell(
                    row["name"],
                    row["surname"],
                    row["country"],
                    parse_iso_date(row["start"]),
                    parse_iso_date(row["end"]),
                    row["running_at_data_end"] == "1",
                )
            )
    return spells


def _fold(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z ]+", "", plain.lower()).strip()


@register
@dataclass
class ExpertFlagger:
    """Flag what cannot be checked about the article's sources, with evidence.

    Reads: sources, quotes, meta.published (else meta.reference_date). Writes: flags.
    Limits: English role words; the leaders table covers national leaders to 2015.
    """

    name: ClassVar[str] = "attribution.flags.v1"
    requires: ClassVar[frozenset[str]] = frozenset({"sources", "quotes"})
    assigns: ClassVar[frozenset[str]] = frozenset({"flags"})

    former_years: int = FORMER_YEARS
    current_to_former_years: int = CURRENT_TO_FORMER_YEARS
    _by_name: dict[str, list[LeaderSpell]] = field(default_factory=dict, init=False, repr=False)
    _by_surname: dict[str, list[LeaderSpell]] = field(default_factory=dict, init=False, repr=False)

    def setup(self) -> None:
        if not self._by_name:
            for spell in load_leaders():
                for key in {_fold(spell.name), _fold(spell.surname)}:
                    if key:
                        self._by_name.setdefault(key, []).append(spell)
                for name in {spell.name, spell.surname}:
                    key = _fold(name_parts(name)[1])
                    if key and spell not in self._by_surname.get(key, []):
                        self._by_surname.setdefault(key, []).append(spell)

    def __call__(self, doc: Document) -> Document:
        self.setup()
        sources: list[Source] = doc.layers.get("sources", [])
        quotes: list[Quote] = doc.layers.get("quotes", [])
        when = _article_date(doc)
        flags: list[Flag] = []
        by_source: dict[str, list[Quote]] = {}  # each source's quotes, in page order
        for quote in quotes:
            if quote.source is not None:
                by_source.setdefault(quote.source, []).append(quote)
        places = _Elsewhere(doc.text)
        for source in sources:
            own = by_source.get(source.id, [])
            flags.extend(self._source_flags(doc, source, own, when, places))
        flags.extend(_anonymous_majority(sources, quotes, doc.text))
        doc.layers["flags"] = flags
        return doc

    def _source_flags(
        self,
        doc: Document,
        source: Source,
        own: list[Quote],
        when: date | None,
        places: _Elsewhere | None = None,
    ) -> list[Flag]:
        """The flags of one source; ``own`` are its quotes, in page order."""
        found: list[Flag] = []
        evidence = source.descriptor_spans or source.mentions[:1]
        descriptor = source.descriptor or ""
        places = places if places is not None else _Elsewhere(doc.text)
        if source.kind == "person" and descriptor:
            segments = _segments(doc.text, descriptor, source.descriptor_spans)
            parts = [p for p in _PARTS.split(descriptor) if p.strip()]
            roles = [p for p in parts if _is_role(p)]
            lower = _lower_words(doc.text)
            if (
                any(_credential(p) for p in parts)
                and not any(_names_institution(text, start, lower) for text, start in segments)
                and not places.institution(source)
            ):
                found.append(Flag(
                    "no_institution",
                    f"{source.name} is described as \u201c{descriptor}\u201d with no institution "
                    "named, so the credential cannot be checked against one.",
                    evidence, source.id,
                ))  # fmt: skip
            if (
                roles
                and not places.current_roles(source)
                and all(_former(p) or _advisory(p) for p in roles)
            ):
                found.append(Flag(
                    "former_or_advisory_only",
                    f"Every role given for {source.name} is former or advisory "
                    f"(\u201c{descriptor}\u201d): none is a current post someone could confirm.",
                    evidence, source.id,
                ))  # fmt: skip
            found.extend(self._timeline(doc, source, descriptor, evidence, when))
        if (
            own
            and all(q.to_author for q in own)
            and len(source.mentions) <= len(own) + 1
            and not _named_elsewhere(doc.text, source, own)
        ):
            cues = tuple(q.cue for q in own if q.cue is not None) or evidence
            found.append(Flag(
                "only_to_author",
                f"{source.name} is quoted only as speaking to the writer, and appears nowhere "
                "else in the article: no other record of the statement is given.",
                cues, source.id,
            ))  # fmt: skip
        return found

    def _timeline(
        self,
        doc: Document,
        source: Source,
        descriptor: str,
        evidence: tuple[Span, ...],
        when: date | None,
    ) -> list[Flag]:
        """Roles tied to a national leader whose term the record puts far from the article.

        The rule (see ``docs/analyzers/attribution.md``): a leader still in
        office at the article's date, or beyond the record (after 2015), is never
        flagged. Otherwise the flag fires when the leader took office only after
        the article; when the role is given as current ("an adviser to Prime
        Minister X") and X had left office a year or more before; when the role
        is current but the text calls X former ("an adviser to former Prime
        Minister X") and X left office 20 years or more before; and when the role
        is past ("former adviser", "adviser to then-Prime Minister X", "the late
        X", "who served as") only if it would date back 40 years or more.
        """
        if when is None:
            return []
        found: list[Flag] = []
        for match in _LEADER_ROLE.finditer(descriptor):
            name = match.group("name").removesuffix("'s").removesuffix("’s")
            spells = self._spells(name, match.group("nation"))
            if not spells:
                continue
            if any(s.running or s.start <= when <= s.end for s in spells):
                continue  # in office at the article's date, or beyond what the record covers
            marks = f"{match.group('mark')} {match.group('mark2')}".lower()
            office_former = bool(re.search(r"\b(?:former|ex-|one-time)", marks))
            role_past = (
                match.group("former") is not None
                or bool(re.search(r"\b(?:late|then)\b", marks))
                or _PAST_LEAD.search(descriptor[: match.start()]) is not None
            )
            last = max(s.end for s in spells)
            years = (when - last).days / 365.25
            if all(s.start > when for s in spells):
                verdict = "took office only after the article's date"
            elif role_past and years >= self.former_years:
                verdict = f"left office at least {int(years)} years before the article"
            elif not role_past and office_former and years >= self.current_to_former_years:
                verdict = (
                    f"left office in {last.year}, {int(years)} years before the article, "
                    "yet the role is given as current"
                )
            elif not role_past and not office_former and years >= 1:
                verdict = f"had left office by {last.year}, yet the role is given as current"
            else:
                continue
            chain = " ".join(match.group(0).split())
            found.append(Flag(
                "implausible_timeline",
                f"{source.name} is described as \u201c{chain}\u201d, but by the "
                f"public record (Archigos 4.1) {name} {verdict}.",
                _chain_evidence(doc.text, match.group(0), evidence), source.id,
            ))  # fmt: skip
        return found

    def _spells(self, name: str, nation: str | None) -> list[LeaderSpell]:
        """The spells of the leader a name refers to, narrowed by nationality when given.

        A full name is looked up as written; otherwise by surname, keeping the
        leaders whose given names fit ("Andreas Papandreou" is not "G.
        Papandreou"). A nationality the record does not give this leader means
        no match: the text names someone else, who cannot be checked.
        """
        spells = list(self._by_name.get(_fold(name), []))
        if not spells:
            given, key = name_parts(name)
            spells = [
                s
                for s in self._by_surname.get(_fold(key), [])
                if _given_fits(given, name_parts(s.name)[0])
            ]
        code = NATIONS.get((nation or "").lower())
        if code is not None:
            codes = {code, *_SAME_STATE.get(code, ())}
            spells = [s for s in spells if s.country in codes]
        return spells


def _is_role(part: str) -> bool:
    return bool(_ROLE_NOUN.search(part) or _POST.search(part) or _FORMER.search(part))


def _first_role(part: str) -> re.Match[str] | None:
    found = [m for m in (r.search(part) for r in (_ROLE_NOUN, _POST, _ADVISORY)) if m]
    return min(found, key=lambda m: m.start(), default=None)


def _former(part: str) -> bool:
    """A part whose role is put in the past: "former analyst", "who served as an adviser"."""
    if _PAST_PART.match(part):
        return True
    former = _FORMER.search(part)
    role = _first_role(part)
    return former is not None and (role is None or former.start() < role.start())


def _advisory(part: str) -> bool:
    """A part whose role is advisory: its first role word is an adviser or a consultant.

    "Consultant" as a medical grade ("consultant chest physician") and an advisory
    title held at a named institution ("senior adviser at the International Crisis
    Group") are current posts.
    """
    role = _first_role(part)
    if role is None or not _ADVISORY.fullmatch(role.group(0)):
        return False
    return not (_MEDICAL_CONSULTANT.search(part) or _ADVISORY_POST.search(part))


#: Lower-case words before a credential that still leave it a noun phrase ("a retired
#: engineer"), though they end like verbs.
_PARTICIPLE_MODIFIERS = frozenset(
    {"retired", "noted", "respected", "self-described", "self-styled", "licensed"}
    | {"certified", "qualified", "leading", "practicing", "practising", "visiting"}
    | {"consulting", "renowned", "unnamed", "trained", "registered", "acclaimed"}
)
_VERBISH = re.compile(r"^(?:is|was|are|were|has|had|have|been|be|said|says|\w+ed|\w+ing)$")


def _credential(part: str) -> bool:
    """A credential as the head of a noun phrase ("an infectious disease expert"), not a
    credential the source acts on ("who criticized the consultant")."""
    found = _CREDENTIAL.search(part)
    if found is None:
        return False
    before = [w.lower() for w in _WORD.findall(part[: found.start()])]
    return not any(_VERBISH.match(w) and w not in _PARTICIPLE_MODIFIERS for w in before)


def _segments(text: str, descriptor: str, spans: tuple[Span, ...]) -> list[tuple[str, bool]]:
    """The descriptor's parts, each with whether it opens a sentence in the text."""
    if spans and ", ".join(text[s.start : s.end] for s in spans) == descriptor:
        return [(text[s.start : s.end], _opens_sentence(text, s.start)) for s in spans]
    return [(descriptor, False)]


_OPENERS = frozenset(" \t\"'\u201c\u2018(")


def _opens_sentence(text: str, start: int) -> bool:
    """Whether ``text[:start]``, less spaces, quotation marks and brackets, ends a sentence.

    Read backwards from ``start``, so a page's descriptors cost their own
    length, not the page's (``text[:start].rstrip(...)`` copied the page before
    each one).
    """
    at = min(start, len(text)) - 1 if start >= 0 else len(text) + start - 1
    while at >= 0 and text[at] in _OPENERS:
        at -= 1
    return at < 0 or text[at] in ".!?\n:;"


@functools.lru_cache(maxsize=4)
def _lower_words(text: str) -> frozenset[str]:
    """The page's lower-case words (cached: every person source of a page asks for them)."""
    return frozenset(re.findall(r"(?<![\w-])[a-z][a-z-]+", text))


_WORD_RUN = re.compile(r"[\w-]+")
_PLAIN_WORD = re.compile(r"[\w-]+\Z")


@functools.lru_cache(maxsize=4)
def _word_starts(text: str) -> dict[str, list[int]]:
    """Each maximal run of word characters and hyphens on the page -> where it starts.

    Cached per page, so finding a surname costs a lookup, not a scan of the
    page per source (a 3,000-paragraph page has hundreds of sources).
    """
    starts: dict[str, list[int]] = {}
    for match in _WORD_RUN.finditer(text):
        starts.setdefault(match.group(), []).append(match.start())
    return starts


def _occurrences(text: str, word: str) -> list[tuple[int, int]]:
    """Start and end of each place ``word`` stands alone (no word character or hyphen beside)."""
    if _PLAIN_WORD.match(word):
        return [(start, start + len(word)) for start in _word_starts(text).get(word, [])]
    pattern = re.compile(r"(?<![\w-])" + re.escape(word) + r"(?![\w-])")
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


def _names_institution(segment: str, opens_sentence: bool, lower: frozenset[str]) -> bool:
    """Whether a descriptor part names an institution or employer.

    A possessive ("NASA's", "the bank's"), a definite employer noun ("a doctor at
    the hospital"), or a capitalized word that is not a role, title, honorific,
    nationality or region ("NASA planetary scientist", "senior fellow at the
    conservative Kohelet Policy Forum", "CBS Sports NFL Insider"). A capitalized
    first word of a sentence counts unless it is a common modifier or occurs in
    lower case elsewhere on the page ("Political consultant X").
    """
    if _POSSESSIVE.search(segment) or _DEFINITE_EMPLOYER.search(segment):
        return True
    for i, match in enumerate(_WORD.finditer(segment)):
        word = match.group(0).rstrip(".'’")
        if not word[:1].isupper():
            continue
        key = word.lower()
        if key in _NOT_INSTITUTION or all(p in _NOT_INSTITUTION for p in key.split("-")):
            continue
        if any(r.fullmatch(word) for r in (_ROLE_NOUN, _POST, _CREDENTIAL)):
            continue
        common = key in _ROLE_MODIFIERS or key in lower
        if i == 0 and opens_sentence and not word.isupper() and common:
            continue
        return True
    return False


_STOP_BEFORE_TITLE = frozenset(
    {"a", "an", "the", "to", "and", "or", "but", "with", "by", "from", "for", "as", "said"}
    | {"told", "says", "that", "when", "while", "according", "of", "at", "in", "on", "is"}
    | {"was", "who", "whom", "spoke", "asked", "wrote"}
)


class _Elsewhere:
    """What the page says of each surname elsewhere, found once per surname.

    Every source with the same surname sees the same places (see
    :func:`_descriptors_at`), so a page with many sources sharing a
    surname looks the surname's occurrences over once, not once per source.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._found: dict[str, list[tuple[str, bool]]] = {}
        self._facts: dict[tuple[str, str], bool] = {}

    def descriptors(self, source: Source) -> list[tuple[str, bool]]:
        surname = _elsewhere_key(source)
        if surname is None:
            return []
        if surname not in self._found:
            self._found[surname] = _descriptors_at(self.text, surname)
        return self._found[surname]

    def current_roles(self, source: Source) -> bool:
        """Whether a descriptor elsewhere gives a current post (not former, not advisory)."""
        return self._fact("current", source)

    def institution(self, source: Source) -> bool:
        """Whether a descriptor elsewhere names an institution."""
        return self._fact("institution", source)

    def _fact(self, what: str, source: Source) -> bool:
        surname = _elsewhere_key(source)
        if surname is None:
            return False
        if (what, surname) not in self._facts:
            found = self.descriptors(source)
            if what == "current":
                fact = any(
                    _is_role(p) and not (_former(p) or _advisory(p))
                    for text, _ in found
                    for p in _PARTS.split(text)
                )
            else:
                lower = _lower_words(self.text)
                fact = any(_names_institution(text, start, lower) for text, start in found)
            self._facts[what, surname] = fact
        return self._facts[what, surname]


def _elsewhere_key(source: Source) -> str | None:
    """The surname :func:`_descriptors_at` looks for, or None when it looks for none."""
    if not source.named:
        return None
    words = [w for w in source.name.replace("\u2019", "'").split() if w[:1].isupper()]
    if not words:
        return None
    surname = words[-1].removesuffix("'s")
    return surname if len(surname) >= 2 else None


def _descriptors_at(text: str, surname: str) -> list[tuple[str, bool]]:
    """Descriptors of a named person at every place the page names them.

    The title before the name ("NASA planetary scientist Jane Roe", "CBS Sports
    NFL Insider Jason La Canfora") and the appositive after it ("Roe, a senior
    fellow at the Kohelet Policy Forum,"). They only hold a flag back: another
    descriptor naming an institution or a current post is what the page says too.
    """
    found: list[tuple[str, bool]] = []
    for start, end in _occurrences(text, surname):
        after = text[end : end + 200]
        if after.startswith(","):
            stop = re.search(r"[,.;:()\u2014\n]|\s(?:said|says|told|added|wrote)\b", after[1:])
            appositive = after[1 : 1 + stop.start()] if stop else after[1:]
            if appositive.strip():
                found.append((appositive.strip(), False))
        title = _title_before(text, start)
        if title is not None:
            found.append(title)
    return found


def _title_before(text: str, end: int) -> tuple[str, bool] | None:
    """The words written before a name as its title, skipping given names."""
    tokens = list(re.finditer(r"\S+", text[max(0, end - 120) : end]))
    base = max(0, end - 120)
    i = len(tokens) - 1
    names = 0
    while i >= 0 and names < 3:  # given names and particles: capitalized, no title word
        word = tokens[i].group(0)
        plain = word.rstrip(".").lower()
        if word[-1:] in ',;:!?"\u201c\u201d' or not word[:1].isupper():
            break
        if plain in _NOT_INSTITUTION or _ROLE_NOUN.fullmatch(plain) or "'" in word or "’" in word:
            break
        i, names = i - 1, names + 1
    last = i
    while i >= 0 and last - i < 6:
        word = tokens[i].group(0)
        if word.lower() in _STOP_BEFORE_TITLE or word[-1:] in '.,;:!?"\u201c\u201d':
            break
        i -= 1
    if i == last:
        return None
    start = base + tokens[i + 1].start()
    return text[start : base + tokens[last].end()], _opens_sentence(text, start)


def _given_fits(text: tuple[str, ...], record: tuple[str, ...]) -> bool:
    """Whether the given names in the text can be the record's leader's.

    No given name in the text fits every leader of that surname (the verdict
    must then hold for all of them). A given name in the text must be the
    record's first given name in full: an initial in the record ("G.
    Papandreou") or another form ("George" for "Georgios") is not enough to
    date a role by.
    """
    if not text:
        return True
    return bool(record) and _fold(text[0]) == _fold(record[0]) and len(record[0]) > 1


def _chain_evidence(text: str, chain: str, evidence: tuple[Span, ...]) -> tuple[Span, ...]:
    """The span of the role-to-leader chain in the text, else the descriptor's spans."""
    for span in evidence:
        at = text.find(chain, span.start, span.end)
        if at >= 0:
            return (Span(at, at + len(chain)),)
    return evidence


def _named_elsewhere(text: str, source: Source, own: list[Quote]) -> bool:
    """Whether a named person's surname occurs outside their own speaker phrases and quotes.

    "Van Loon's 2019 study was never published" is the source appearing elsewhere
    in the article, even though it is not a statement.
    """
    if source.kind != "person" or not source.named:
        return False
    words = [w for w in source.name.replace("\u2019", "'").split() if w]
    if not words:
        return False
    core = _NAME_PREFIX.sub("", words[-1].removesuffix("'s"))
    if len(core) < 2 or not core[:1].isupper():
        return False
    taken = [*source.mentions, *(q.content for q in own), *(q.cue for q in own if q.cue)]
    pattern = re.compile(r"(?<![\w-])(?:[A-Za-z]{1,3}[-'’])?" + re.escape(core) + r"(?![\w-])")
    return any(
        not any(s.start <= found.start() < s.end for s in taken) for found in pattern.finditer(text)
    )


#: Words as the analyzer counts a source's quoted words.
_QUOTED_WORD = re.compile(r"\w+(?:['’]\w+)*")


def _anonymous_majority(sources: list[Source], quotes: list[Quote], text: str) -> list[Flag]:
    """Over real sources only, like the sourcing profile (see ``real_sources``).

    The words of quotes whose speaker was hidden as uncertain (a confidence but
    no source) count in the total as not anonymous: a named source hidden for
    want of evidence must not make the page look anonymously sourced.
    """
    real = real_sources(sources, quotes)
    hidden = sum(
        len(_QUOTED_WORD.findall(text[q.content.start : q.content.end]))
        for q in quotes
        if q.source is None and q.confidence is not None
    )
    total = sum(s.quoted_words for s in real) + hidden
    anonymous = [s for s in real if s.anonymous]
    words = sum(s.quoted_words for s in anonymous)
    if not total or words / total <= ANONYMOUS_MAJORITY:
        return []
    ids = {s.id for s in anonymous}
    evidence = tuple(q.content for q in quotes if q.source in ids)
    return [Flag(
        "anonymous_majority",
        f"Anonymous sources carry {words} of the {total} quoted words ({words / total:.0%}): "
        "most of what the article quotes cannot be traced to a named person.",
        evidence,
    )]  # fmt: skip


def _article_date(doc: Document) -> date | None:
    for raw in (doc.meta.published, doc.meta.reference_date):
        if raw:
            try:
                return parse_iso_date(raw)
            except ValueError:
                continue
    return None
