"""A seeded synthetic news network: fictional outlets, authors, experts and copies.

What it plants, so tests and the benchmark can check that corpus analysis finds it:

- a **network**: a few outlets that share authors (the same bylines write for
  several of them) and republish each other's articles with light edits;
- **network personas**: invented "experts" quoted only inside the network,
  with name variants ("Dr. Lennart Vosskuhl", "Dr. L. Vosskuhl") and often
  "told me" (spoke only to the author);
- **independent outlets** with their own authors, quoting real-looking experts
  who also appear in the network's articles (so they are not confined to it);
- **copies**: lightly edited republications (a few words swapped, a new headline
  prefix), recorded as duplicate groups.

Articles are newsift dumps (headline, "Posted on" date, "by" byline, body) in
JSON Lines records whose ``url`` host is the outlet, or plain ``.txt`` files.
Every name is invented; any likeness to real people or outlets is chance.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

_FIRST = (
    "Anna Jonas Mara Tobias Ines Ruben Clara Felix Nora Emil Lotte Hugo Vera Milan Ada "
    "Oskar Lena Pavel Greta Arne Sofia Bruno Elif Kasper Hanna Lukas Maren Theo"
)
FIRST = _FIRST.split()
_LAST = (
    "Pereira Ebner Lindqvist Okonkwo Haldane Moravec Quist Ferreira Tanaka Brennan Saar "
    "Kowalczyk Delacroix Nyberg Castellan Marlow Rasmussen Oduya Vidal Holt Adler Wren "
    "Strand Ivers Kessler Aalto Beaumont Cardoso Dunmore Falk"
)
LAST = _LAST.split()
_PLACES = (
    "Harbour Mill Granite River Cedar Lantern Meadow Summit Copper Beacon Willow Falcon "
    "Ashford Brook Crown"
)
PLACES = _PLACES.split()
_KINDS = "Ledger Courier Gazette Herald Review Dispatch Tribune Observer Post Chronicle"
KINDS = _KINDS.split()
TOPICS = (
    ("the harbour expansion", "the port authority", "steel costs"),
    ("the new transit line", "the transport board", "ridership"),
    ("the water utility", "the city council", "pipe repairs"),
    ("the school budget", "the education board", "teacher salaries"),
    ("the wind farm", "the energy regulator", "grid capacity"),
    ("the hospital merger", "the health trust", "waiting lists"),
    ("the housing plan", "the planning office", "rents"),
    ("the farm subsidies", "the agriculture ministry", "fertiliser prices"),
)
VERBS = ("delays", "expands", "cuts", "reviews", "doubles", "freezes", "revises")
INSTITUTES = (
    "the Institute for Maritime Strategy",
    "the Centre for Civic Resilience",
    "the Forum for Northern Security",
    "the Council on Strategic Continuity",
)
UNIVERSITIES = (
    "Westbrook University",
    "the University of Alderport",
    "Kestrel College",
    "the Granite Institute of Technology",
    "Marlow University",
)
ROLES = (
    "an economist at",
    "a professor of public policy at",
    "a researcher at",
    "an engineer at",
    "a historian at",
)
SYNONYMS = {
    "said": "stated",
    "large": "major",
    "warned": "cautioned",
    "plan": "proposal",
    "costs": "expenses",
    "officials": "authorities",
    "year": "twelve months",
    "residents": "locals",
    "new": "fresh",
    "figures": "numbers",
}
FOLLOW_UPS = (
    "said that residents had been warned for years.",
    "added that the board had ignored the warnings.",
    "said the public had a right to see the full contract.",
)
MONTHS = ("March", "May", "June", "September", "November")
LEADS = (
    "Officials at {body} said on Monday that {subject} would cost {amount} million euros more "
    "than planned, and that {issue} had risen by {share} percent in a year.",
    "{subject_cap} is running {amount} months behind schedule, according to figures from "
    "{body}, which blamed {issue}.",
    "A new review by {body} found that {issue} rose {share} percent last year, putting "
    "{subject} at risk of a {amount} million euro shortfall.",
    "Residents packed a hearing on Thursday as {body} defended {subject} against claims that "
    "{issue} had been ignored for {amount} months.",
)
FILLERS = (
    "The figures were published in a large report that {body} released last week.",
    "Opposition members asked for an independent audit of {subject} before any new money is spent.",
    "About {n} households wrote to {body} during the consultation, most of them in favour.",
    "The last comparable project in the region ran {n} percent over budget.",
    "Local businesses said they had not been consulted about the timetable.",
    "Earlier this year {body} replaced the contractor in charge of {subject}.",
    "A petition against the decision has gathered {n} thousand signatures.",
    "Unions representing staff at {body} said they would study the proposal.",
)
CLOSINGS = (
    "A spokesperson for {body} said a revised plan would follow in {month}.",
    "{body_cap} is expected to vote on the matter in {month}.",
    "No date has been set for the next public meeting on the issue.",
    "The regional parliament will debate the report in {month}.",
)
NETWORK_QUOTES = (
    "This is a pattern of mismanagement that the public should not tolerate",
    "The official figures hide the real damage being done to ordinary families",
    "Nobody in charge wants to admit that the whole plan was a mistake from the start",
    "Foreign interests are quietly steering this decision, and residents deserve to know",
)
EXPERT_QUOTES = (
    "The numbers are within the normal range for a project of this size",
    "It is too early to say whether the change will save money",
    "Similar schemes elsewhere took about three years to show results",
    "The main risk is that costs keep rising faster than the budget",
)


@dataclass(frozen=True, slots=True)
class Persona:
    title: str
    first: str
    last: str
    descriptor: str

    @property
    def full(self) -> str:
        return f"{self.title} {self.first} {self.last}".strip()

    @property
    def short(self) -> str:
        """The initial form of the name: "Dr. L. Vosskuhl"."""
        return f"{self.title} {self.first[0]}. {self.last}".strip()

    @property
    def canonical(self) -> str:
        return f"{self.first} {self.last}"


@dataclass(slots=True)
class SyntheticCorpus:
    """The articles (JSON Lines records) and the truth planted in them."""

    records: list[dict[str, str]] = field(default_factory=list)
    network_outlets: list[str] = field(default_factory=list)
    independent_outlets: list[str] = field(default_factory=list)
    network_personas: list[str] = field(default_factory=list)  # canonical "First Last"
    experts: list[str] = field(default_factory=list)
    duplicate_groups: list[list[str]] = field(default_factory=list)  # ids; first is original

    def truth(self) -> dict[str, object]:
        return {
            "network_outlets": self.network_outlets,
            "independent_outlets": self.independent_outlets,
            "network_personas": self.network_personas,
            "experts": self.experts,
            "duplicate_groups": self.duplicate_groups,
        }


def generate(
    n_docs: int = 200,
    *,
    seed: int = 0,
    network_outlets: int = 4,
    independent: int = 8,
    personas: int = 3,
    experts: int = 8,
    copy_share: float = 0.1,
) -> SyntheticCorpus:
    """A corpus of about ``n_docs`` articles (copies included), the same for the same seed."""
    rng = random.Random(seed)
    surnames = rng.sample(LAST, personas + experts)  # sources: one person per surname
    people = iter((rng.choice(FIRST), last) for last in surnames)
    rest = [la for la in LAST if la not in surnames]
    names = iter(rng.sample([(f, la) for f in FIRST for la in rest], len(FIRST) * len(rest)))
    outlets = _outlets(rng, network_outlets + independent)
    corpus = SyntheticCorpus(
        network_outlets=outlets[:network_outlets], independent_outlets=outlets[network_outlets:]
    )
    shared = [" ".join(next(names)) for _ in range(3)]
    own = {o: [" ".join(next(names)) for _ in range(2)] for o in outlets}
    fakes = [
        Persona(
            rng.choice(("Dr.", "Prof.")),
            *next(people),
            f"a senior fellow at {INSTITUTES[i % len(INSTITUTES)]}",
        )
        for i in range(personas)
    ]
    real = [
        Persona("", *next(people), f"{rng.choice(ROLES)} {rng.choice(UNIVERSITIES)}")
        for _ in range(experts)
    ]
    corpus.network_personas = [p.canonical for p in fakes]
    corpus.experts = [p.canonical for p in real]
    originals = max(1, round(n_docs * (1 - copy_share)))
    start = date(2025, 1, 6)
    for number in range(originals):
        day = start + timedelta(days=rng.randrange(300))
        second = rng.choice(real)
        if number % 3 == 0:  # the network rotates outlets, shared bylines and personas
            k = number // 3
            outlet = corpus.network_outlets[k % network_outlets]
            author = shared[k % len(shared)] if k % 4 != 3 else own[outlet][0]
            first = fakes[(k // network_outlets) % personas]
            short = k % 3 == 1
        else:
            outlet = rng.choice(corpus.independent_outlets)
            author = rng.choice(own[outlet])
            first, short = rng.choice(real), False
        record = _article(
            rng,
            f"doc-{number:06d}",
            outlet,
            author,
            day,
            first,
            second,
            network=number % 3 == 0,
            short=short,
        )
        corpus.records.append(record)
    _add_copies(rng, corpus, n_docs - originals, shared)
    return corpus


def write_jsonl(corpus: SyntheticCorpus, path: Path) -> Path:
    with path.open("w", encoding="utf-8") as stream:
        for record in corpus.records:
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def write_texts(corpus: SyntheticCorpus, folder: Path) -> Path:
    """One plain-text dump per article (the outlet is then unknown to newsift)."""
    folder.mkdir(parents=True, exist_ok=True)
    for record in corpus.records:
        (folder / f"{record['id']}.txt").write_text(record["text"], encoding="utf-8")
    return folder


def _outlets(rng: random.Random, count: int) -> list[str]:
    pairs = rng.sample([(p, k) for p in PLACES for k in KINDS], count)
    return [f"{p.lower()}-{k.lower()}.example" for p, k in pairs]


def _article(
    rng: random.Random,
    doc_id: str,
    outlet: str,
    author: str,
    day: date,
    first: Persona,
    second: Persona,
    *,
    network: bool,
    short: bool = False,
) -> dict[str, str]:
    subject, body, issue = rng.choice(TOPICS)
    verb = rng.choice(VERBS)
    headline = f"{body.title()} {verb.title()} Plans for {subject.title()[4:]}"
    amount = rng.randrange(2, 90)
    name = first.short if short else first.full
    told = network and rng.random() < 0.6
    first_line = (
        f'{name}, {first.descriptor}, told me that "{_quote(rng, network).lower()}."'
        if told
        else f'"{_quote(rng, network)}," said {name}, {first.descriptor}.'
    )
    words = {
        "body": body,
        "body_cap": body[0].upper() + body[1:],
        "subject": subject,
        "subject_cap": subject[0].upper() + subject[1:],
        "issue": issue,
        "amount": amount,
        "share": rng.randrange(3, 40),
        "n": rng.randrange(2, 60),
        "month": rng.choice(MONTHS),
    }
    middle = rng.sample(FILLERS, 2)
    paragraphs = [
        rng.choice(LEADS).format(**words),
        f"{first_line} {first.last} {rng.choice(FOLLOW_UPS)}",
        middle[0].format(**words),
        f'"{_quote(rng, False)}," said {second.full}, {second.descriptor}.',
        middle[1].format(**words),
        rng.choice(CLOSINGS).format(**words),
    ]
    text = (
        "\n\n".join(
            [headline, f"Posted on {day.strftime('%A, %B %-d, %Y')}\nby {author}", *paragraphs]
        )
        + "\n"
    )
    slug = "-".join(headline.lower().split()[:5])
    return {
        "id": doc_id,
        "url": f"https://www.{outlet}/{day.year}/{slug}-{doc_id[-4:]}",
        "text": text,
        "crawl_date": (day + timedelta(days=1)).isoformat(),
    }


def _quote(rng: random.Random, network: bool) -> str:
    return rng.choice(NETWORK_QUOTES if network else EXPERT_QUOTES)


def _add_copies(rng: random.Random, corpus: SyntheticCorpus, count: int, shared: list[str]) -> None:
    """Republish network articles on other network outlets, lightly edited."""
    network = [r for r in corpus.records if _host(r["url"]) in corpus.network_outlets]
    groups: dict[str, list[str]] = {}
    for number in range(count):
        original = rng.choice(network)
        others = [o for o in corpus.network_outlets if o != _host(original["url"])]
        outlet = rng.choice(others)
        copy_id = f"copy-{number:06d}"
        text = _edit(rng, original["text"]).replace(
            original["text"].split("\n", 1)[0], "Opinion: " + original["text"].split("\n", 1)[0]
        )
        lines = text.split("\n")
        day = date.fromisoformat(original["crawl_date"]) + timedelta(days=rng.randrange(1, 9))
        lines = [_relined(ln, rng.choice(shared), day) for ln in lines]
        corpus.records.append(
            {
                "id": copy_id,
                "url": f"https://www.{outlet}/copy/{copy_id}",
                "text": "\n".join(lines),
                "crawl_date": day.isoformat(),
            }
        )
        groups.setdefault(original["id"], [original["id"]]).append(copy_id)
    corpus.duplicate_groups = sorted(groups.values())


def _relined(line: str, author: str, day: date) -> str:
    if line.startswith("by "):
        return f"by {author}"
    if line.startswith("Posted on "):
        return f"Posted on {day.strftime('%A, %B %-d, %Y')}"
    return line


def _edit(rng: random.Random, text: str) -> str:
    """Swap up to three words for synonyms: a light edit."""
    words = text.split(" ")
    spots = [i for i, w in enumerate(words) if w in SYNONYMS]
    for i in rng.sample(spots, min(3, len(spots))):
        words[i] = SYNONYMS[words[i]]
    return " ".join(words)


def _host(url: str) -> str:
    return url.split("/")[2].removeprefix("www.")
