"""The expert ledger: every named person quoted in the corpus, across name variants.

One entry per person (names grouped by :mod:`newsift.corpus.names`): the
variants used, the documents, outlets, authors and dates that quote them, the
descriptors given, the share of quotes said to the author, and flags:

- ``cluster_confined``: quoted by two or more outlets, all inside one *outlet
  cluster* (outlets linked by a shared byline or by near-duplicate copies),
  and never outside it, while the corpus has outlets outside it;
- ``only_to_author``: every quote was said to the article's author ("told me");
- ``varying_descriptors``: described in more than two different ways.

Outlet clusters are the connected components of that link graph
(:func:`outlet_clusters`). A flag is a lead to check, not a verdict.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from newsift.corpus.duplicates import Copy
from newsift.corpus.names import display_names, group_names

Row = dict[str, Any]


def outlet_clusters(
    documents: Sequence[Mapping[str, Any]], clusters: Iterable[Sequence[Copy]]
) -> dict[str, int]:
    """Outlet -> cluster number; outlets share a cluster through authors or copied text."""
    parent: dict[str, str] = {}

    def root(key: str) -> str:
        parent.setdefault(key, key)
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    def link(a: str, b: str) -> None:
        parent[root(a)] = root(b)

    by_author: dict[str, str] = {}
    for row in documents:
        outlet, author = row.get("outlet"), row.get("author")
        if not outlet:
            continue
        root(outlet)
        if author:
            key = author.strip().lower()
            if key in by_author:
                link(outlet, by_author[key])
            else:
                by_author[key] = outlet
    for cluster in clusters:
        outlets = [c.outlet for c in cluster if c.outlet]
        for other in outlets[1:]:
            link(outlets[0], other)
    roots = sorted({root(o) for o in parent})
    numbers = {r: n for n, r in enumerate(roots)}
    return {outlet: numbers[root(outlet)] for outlet in parent}


def build_ledger(
    sources: Sequence[Mapping[str, Any]],
    documents: Sequence[Mapping[str, Any]],
    clusters_of_outlets: Mapping[str, int],
) -> list[Row]:
    """One row per named person, most quoted first."""
    people = [s for s in sources if s.get("kind") == "person" and s.get("named") and s.get("name")]
    keys = group_names(str(s["name"]) for s in people)
    shown = display_names(keys)
    docs = {str(d["id"]): d for d in documents}
    entries: dict[str, dict[str, Any]] = defaultdict(lambda: defaultdict(set))
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # sources, quotes, to_author
    for source in people:
        key = keys.get(str(source["name"]))
        if key is None:
            continue
        doc = docs.get(str(source["doc_id"]), {})
        entry = entries[key]
        entry["variants"].add(str(source["name"]))
        entry["documents"].add(str(source["doc_id"]))
        for field, value in (
            ("outlets", doc.get("outlet")),
            ("authors", doc.get("author")),
            ("dates", doc.get("published")),
            ("descriptors", source.get("descriptor")),
        ):
            if value:
                entry[field].add(str(value))
        counts[key][0] += 1
        counts[key][1] += int(source.get("quotes") or 0)
        counts[key][2] += int(bool(source.get("to_author")))
    total_clusters = len(set(clusters_of_outlets.values()))
    rows = [
        _row(key, shown.get(key, key), entry, counts[key], clusters_of_outlets, total_clusters)
        for key, entry in entries.items()
    ]
    return sorted(rows, key=lambda r: (-r["documents"], r["person"]))


def _row(
    key: str,
    person: str,
    entry: Mapping[str, set[str]],
    counts: list[int],
    clusters_of_outlets: Mapping[str, int],
    total_clusters: int,
) -> Row:
    outlets = sorted(entry.get("outlets", set()))
    dates = sorted(entry.get("dates", set()))
    descriptors = sorted(entry.get("descriptors", set()))
    clusters = sorted({clusters_of_outlets[o] for o in outlets if o in clusters_of_outlets})
    mentions, quotes, to_author = counts
    flags = []
    if len(outlets) >= 2 and len(clusters) == 1 and total_clusters > 1:
        flags.append("cluster_confined")
    if mentions and to_author == mentions:
        flags.append("only_to_author")
    if len(descriptors) > 2:
        flags.append("varying_descriptors")
    return {
        "key": key,
        "person": person,
        "variants": sorted(entry.get("variants", set())),
        "documents": len(entry.get("documents", set())),
        "quotes": quotes,
        "outlets": outlets,
        "outlet_clusters": clusters,
        "authors": sorted(entry.get("authors", set())),
        "first_seen": dates[0] if dates else None,
        "last_seen": dates[-1] if dates else None,
        "descriptors": descriptors,
        "to_author_share": round(to_author / mentions, 3) if mentions else None,
        "flags": flags,
    }
