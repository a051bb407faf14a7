"""Near-duplicate articles across outlets: MinHash LSH over word shingles (datasketch).

Each document's body (its ``body`` regions, else its whole text) becomes a set
of lower-cased word 4-grams; datasketch's MinHash (128 permutations) and
MinHashLSH find candidate pairs, kept when the estimated Jaccard similarity
is at least ``threshold``; connected pairs make a cluster. Per cluster: the
first-seen copy (earliest published date, then crawl order, then id), its
outlet, and for every other copy its similarity to the first and a short
word-level diff (difflib) of what was changed.

Limits: shared boilerplate (a template every article of a site repeats) raises
similarity; a copy rewritten more than about a third of its words is missed.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

NUM_PERM = 128
SHINGLE = 4
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Copy:
    doc_id: str
    outlet: str | None
    author: str | None
    published: str | None
    similarity: float  # estimated Jaccard with the first-seen copy
    diff: str  # what changed from the first-seen copy, "" for the first


def body_text(doc: Mapping[str, Any]) -> str:
    """The body regions' text of a document dict, else its whole text."""
    text = str(doc.get("text", ""))
    regions = doc.get("regions")
    if isinstance(regions, list):
        parts = [
            text[r["start"] : r["end"]]
            for r in regions
            if isinstance(r, Mapping) and r.get("kind") == "body"
        ]
        if parts:
            return "\n".join(parts)
    return text


def shingles(text: str, size: int = SHINGLE) -> set[str]:
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


Bodies = Callable[[], Iterable[tuple[str, str]]]


def find_clusters(
    documents: Sequence[Mapping[str, Any]],
    threshold: float = 0.6,
    bodies: Bodies | None = None,
) -> list[list[Copy]]:
    """Clusters of near-duplicates, each first-seen first.

    ``documents`` are ``documents`` table rows (``id, outlet, author, published``);
    ``bodies()`` yields ``(id, body text)`` and is called twice (hashing, then the
    diffs of cluster members only), so the texts need not all fit in memory. Without
    it the bodies come from the rows' ``json``.
    """
    from datasketch import MinHash, MinHashLSH

    bodies = bodies or (lambda: rows_bodies(documents))
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    hashes: dict[str, Any] = {}
    for key, body in bodies():
        grams = shingles(body)
        if not grams or key in hashes:
            continue
        minhash = MinHash(num_perm=NUM_PERM, seed=1)
        minhash.update_batch([g.encode("utf-8") for g in grams])
        hashes[key] = minhash
        lsh.insert(key, minhash)
    parent = {key: key for key in hashes}
    for key, minhash in hashes.items():
        for other in lsh.query(minhash):
            if other != key and minhash.jaccard(hashes[other]) >= threshold:
                parent[_root(parent, key)] = _root(parent, other)
    groups: dict[str, list[str]] = {}
    for key in hashes:
        groups.setdefault(_root(parent, key), []).append(key)
    rows = {str(row["id"]): row for row in documents}
    members = {key for group in groups.values() if len(group) > 1 for key in group}
    texts = {key: body for key, body in bodies() if key in members}
    clusters = [
        _cluster(members, rows, hashes, texts) for members in groups.values() if len(members) > 1
    ]
    return sorted(clusters, key=lambda c: (-len(c), c[0].doc_id))


def rows_bodies(documents: Iterable[Mapping[str, Any]]) -> Iterator[tuple[str, str]]:
    """``(id, body text)`` of ``documents`` table rows with their ``json``."""
    for row in documents:
        yield str(row["id"]), body_text(json.loads(row["json"]))


def word_diff(before: str, after: str, limit: int = 6) -> str:
    """A short word-level diff: ``-old +new`` per change, at most ``limit`` changes."""
    old, new = before.split(), after.split()
    changes: list[str] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        removed, added = " ".join(old[i1:i2])[:80], " ".join(new[j1:j2])[:80]
        changes.append(
            " ".join(
                p for p in (f"-{removed}" if removed else "", f"+{added}" if added else "") if p
            )
        )
    extra = len(changes) - limit
    return "; ".join(changes[:limit]) + (f"; ... {extra} more" if extra > 0 else "")


def _cluster(
    members: Iterable[str],
    rows: Mapping[str, Mapping[str, Any]],
    hashes: Mapping[str, Any],
    texts: Mapping[str, str],
) -> list[Copy]:
    ordered = sorted(members, key=lambda m: (rows[m].get("published") or "9999", m))
    first = ordered[0]
    copies = []
    for member in ordered:
        row = rows[member]
        similarity = 1.0 if member == first else float(hashes[first].jaccard(hashes[member]))
        diff = "" if member == first else word_diff(texts[first], texts[member])
        copies.append(
            Copy(
                member,
                row.get("outlet"),
                row.get("author"),
                row.get("published"),
                round(similarity, 3),
                diff,
            )
        )
    return copies


def _root(parent: dict[str, str], key: str) -> str:
    while parent[key] != key:
        parent[key] = parent[parent[key]]
        key = parent[key]
    return key
