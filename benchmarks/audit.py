"""Page-level sourcing audit: newsift's sources, speakers, to-author and flags against hand truth.

    python benchmarks/audit.py [--split dev|test] [--pages N] [--details]

``--details`` (dev only) lists the wrong sources, speakers and flags page by
page; on the test split only the summary figures are printed, so the figures
reported from it are never tuned by reading its pages.

Truth: ``benchmarks/data/audit/<split>/*.json``, one file per page, annotated by
hand from the page text under ``docs/audit-guideline.md`` (see the README
there). Pages: ``../shared/data/<page>`` (gzip HTML), read in place; the
benchmark skips with a message when ``../shared`` is absent.

Each page is read as the CLI reads an HTML file (``read_bytes`` with
kind ``html``) and run through ``structure.v1``, ``attribution.quotes.v1`` and
``attribution.flags.v1`` with default parameters. Then:

- displayed sources are matched one to one to truth sources by name
  (``newsift.attribution.audit_matching.name_score``: normalised name, surname
  for named persons, content words otherwise; truth alternatives count). A
  second displayed source for a truth source already matched is a duplicate
  (wrong), unless the truth marks the source ``several``;
- quotes are matched one to one by content (a run of at least four words of
  the truth snippet, or the whole of a shorter one); a displayed quote's
  speaker is right when its source's best truth match is the truth speaker or
  one of its alternatives;
- flags are matched by kind and source.

Optional truth items (``optional: true``) never count against precision and are
left out of recall. Goals (issue 15): speaker precision >= 0.95, source
precision >= 0.90, flag precision >= 0.90 per kind; no abstraction, event or
scare-quoted name shown as a source.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import math
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsift.eval.metrics import NAN, ratio

HERE = Path(__file__).resolve().parent
TRUTH = HERE / "data" / "audit"
SHARED = HERE.parent.parent / "shared"
DATA = SHARED / "data"
PIPELINE = ["structure.v1", "attribution.quotes.v1", "attribution.flags.v1"]
GOALS = {"speaker precision": 0.95, "source precision": 0.90, "flag precision": 0.90}
KIND_MAP = {"anonymous": "person"}


@dataclass
class Tally:
    counts: Counter[str] = field(default_factory=Counter)
    shown: list[str] = field(default_factory=list)  # spurious / not-source sources shown
    wrong: list[str] = field(default_factory=list)  # wrong speakers

    def ratio(self, num: str, den: str) -> str:
        """``num / den`` of the counts (:func:`newsift.eval.metrics.ratio`), "n/a" over none."""
        value = ratio(self.counts[num], self.counts[den], empty=NAN)
        return "  n/a" if math.isnan(value) else f"{value:.3f}"


def load_truth(split: str) -> list[dict[str, Any]]:
    return [
        json.loads(path.read_text(encoding="utf-8"))
        for path in sorted((TRUTH / split).glob("*.json"))
    ]


def truth_names(source: dict[str, Any]) -> list[str]:
    return [source["name"], *source.get("alternatives", [])]


def named_person(source: dict[str, Any]) -> bool:
    return bool(source["kind"] == "person" and not source.get("anonymous"))


def analyse(truth: dict[str, Any], pipeline: Any) -> Any:
    from newsift.ingest import read_bytes

    path = DATA / truth["page"]
    raw = path.read_bytes()
    if hashlib.sha256(raw).hexdigest() != truth["sha256"]:
        print(f"  warning: {truth['page']} does not match its sha256", file=sys.stderr)
    loaded = next(read_bytes(gzip.decompress(raw), name=path.name, kind="html"))
    if loaded.document is None:
        raise RuntimeError(f"{truth['page']}: {loaded.error}")
    return pipeline(loaded.document)


def score_page(truth: dict[str, Any], doc: Any, tally: Tally, details: bool) -> None:
    from newsift.attribution.audit_matching import (
        NAME_THRESHOLD,
        assign,
        content_words,
        name_score,
        snippet_score,
    )

    c = tally.counts
    page = truth["page"].rsplit("/", 1)[-1][:12]
    sources = doc.layers.get("sources", [])
    quotes = doc.layers.get("quotes", [])
    flags = doc.layers.get("flags", [])
    t_sources: list[dict[str, Any]] = truth["sources"]

    def fit(shown: Any, t: dict[str, Any]) -> float:
        return max(name_score(shown.name, n, named_person=named_person(t)) for n in truth_names(t))

    pairs = assign(
        sources, t_sources, fit, threshold=NAME_THRESHOLD, reusable=lambda t: bool(t.get("several"))
    )
    best: dict[str, dict[str, Any]] = {}  # displayed source id -> best truth source (any)
    for i, s in enumerate(sources):
        scored = [(fit(s, t), k) for k, t in enumerate(t_sources)]
        value, k = max(scored, default=(0.0, -1))
        if value >= NAME_THRESHOLD:
            best[s.id] = t_sources[k]
        c["sources shown"] += 1
        if i in pairs:
            t = t_sources[pairs[i]]
            c["sources right"] += 1
            kinds = {KIND_MAP.get(k2, k2) for k2 in [t["kind"], *t.get("kind_alternatives", [])]}
            c["kind right"] += s.kind in kinds
            c["kind judged"] += 1
            c["anonymous right"] += bool(s.anonymous) == bool(t.get("anonymous"))
            allowed = {bool(t["to_author"]), *map(bool, t.get("to_author_alternatives", []))}
            if s.to_author:
                c["to_author shown"] += 1
                c["to_author right"] += True in allowed
        else:
            not_source = any(
                (content_words(n) and content_words(n) <= content_words(s.name))
                or name_score(s.name, n, named_person=False) >= NAME_THRESHOLD
                for n in truth.get("not_sources", [])
            )
            label = "duplicate" if s.id in best else ("not-source" if not_source else "spurious")
            c[f"sources {label}"] += 1
            if s.to_author:
                c["to_author shown"] += 1
            tally.shown.append(f"{page}  {label:10s} {s.kind:12s} {s.name[:70]!r}")
    for k, t in enumerate(t_sources):
        if not t.get("optional"):
            c["sources truth"] += 1
            c["sources found"] += k in pairs.values()
            if t["to_author"] and False not in t.get("to_author_alternatives", []):
                c["to_author truth"] += 1
                c["to_author found"] += any(
                    sources[i].to_author for i, j in pairs.items() if j == k
                )

    t_quotes: list[dict[str, Any]] = truth["quotes"]
    qpairs = assign(
        quotes,
        t_quotes,
        lambda q, t: snippet_score(t["text"], doc.text[q.content.start : q.content.end]),
        threshold=1e-9,
    )
    by_id = {s.id: s for s in sources}
    right_speaker: set[int] = set()
    for i, q in enumerate(quotes):
        content = doc.text[q.content.start : q.content.end]
        c["quotes shown"] += 1
        matched = i in qpairs
        c["quotes matched"] += matched
        if q.source is None:
            if matched and t_quotes[qpairs[i]]["speaker"] is not None:
                c["quotes left without speaker"] += 1
            continue
        c["attributed shown"] += 1
        shown_truth = best.get(q.source)
        shown_name = by_id[q.source].name if q.source in by_id else q.source
        if not matched:
            c["attributed unmatched"] += 1
            tally.wrong.append(f"{page}  no such quote   {shown_name[:30]!r} <- {content[:60]!r}")
            continue
        t = t_quotes[qpairs[i]]
        c["attributed matched"] += 1
        speakers = {t["speaker"], *t.get("alternatives", [])} - {None}
        if shown_truth is not None and shown_truth["name"] in speakers:
            c["speaker right"] += 1
            right_speaker.add(qpairs[i])
        else:
            who = t["speaker"] or "(author/none)"
            tally.wrong.append(
                f"{page}  wrong speaker   {shown_name[:30]!r} for {who[:30]!r}: {content[:50]!r}"
            )
    for k, t in enumerate(t_quotes):
        if t.get("optional") or t["speaker"] is None:
            continue
        c["quotes truth"] += 1
        c["quotes found"] += k in qpairs.values()
        c["speaker found"] += k in right_speaker

    t_flags = [(f["kind"], f["source"], bool(f.get("optional"))) for f in truth["flags"]]
    kinds = {f.kind for f in flags} | {k for k, _, _ in t_flags}
    for kind in sorted(kinds):
        hit: set[int] = set()
        for f in (f for f in flags if f.kind == kind):
            c[f"flag {kind} shown"] += 1
            target = None if f.source is None else best.get(f.source, {}).get("name", "?")
            found = [j for j, (k2, s2, _) in enumerate(t_flags) if k2 == kind and s2 == target]
            if found:
                c[f"flag {kind} right"] += 1
                hit.update(found)
            elif details:
                print(f"  {page} wrong flag {kind} on {target!r}")
        for j, (k2, _, optional) in enumerate(t_flags):
            if k2 == kind and not optional:
                c[f"flag {kind} truth"] += 1
                c[f"flag {kind} found"] += j in hit
    c["pages"] += 1


def report(split: str, tally: Tally, seconds: float, details: bool = False) -> None:
    c = tally.counts

    def line(label: str, num: str, den: str, goal: float | None = None) -> None:
        value = tally.ratio(num, den)
        mark = ""
        if goal is not None and c[den]:
            mark = f"  goal >= {goal:.2f} {'met' if c[num] / c[den] >= goal else 'NOT met'}"
        print(f"{label:44s} {value}  ({c[num]}/{c[den]}){mark}")

    print(f"\nsplit {split}: {c['pages']} pages, {seconds:.1f} s")
    line("source precision (displayed sources)", "sources right", "sources shown", 0.90)
    line("source recall", "sources found", "sources truth")
    print(
        f"{'  wrong sources: duplicate / not-source / spurious':44s} "
        f"{c['sources duplicate']} / {c['sources not-source']} / {c['sources spurious']}"
    )
    line("kind agreement (matched sources)", "kind right", "kind judged")
    line("anonymous agreement (matched sources)", "anonymous right", "kind judged")
    line("speaker precision (attributed quotes)", "speaker right", "attributed shown", 0.95)
    line("speaker precision (matched attributed)", "speaker right", "attributed matched")
    line("speaker recall", "speaker found", "quotes truth")
    line("quote content recall", "quotes found", "quotes truth")
    line("quotes shown that match a truth quote", "quotes matched", "quotes shown")
    print(f"{'  matched quotes left without a speaker':44s} {c['quotes left without speaker']}")
    line("to_author precision", "to_author right", "to_author shown")
    line("to_author recall", "to_author found", "to_author truth")
    from newsift.attribution.flags import FLAG_KINDS

    kinds = sorted({*FLAG_KINDS, *(k.split()[1] for k in c if k.startswith("flag "))})
    for kind in kinds:
        line(f"flag {kind} precision", f"flag {kind} right", f"flag {kind} shown", 0.90)
        line(f"flag {kind} recall", f"flag {kind} found", f"flag {kind} truth")
    shown = [s for s in tally.shown if "not-source" in s]
    print(f"\nabstraction / event / scare-quote sources shown (goal: none): {len(shown)}")
    if not details:  # page by page only on the dev split: test pages are for reporting
        return
    for entry in shown:
        print("  " + entry)
    other = [s for s in tally.shown if "not-source" not in s]
    print(f"other wrong displayed sources (duplicate or spurious): {len(other)}")
    for entry in other:
        print("  " + entry)
    print(f"wrong or unmatched speakers: {len(tally.wrong)}")
    for entry in tally.wrong:
        print("  " + entry)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", default="test", choices=["dev", "test"])
    parser.add_argument("--pages", type=int, default=0, help="only the first N pages")
    parser.add_argument(
        "--details",
        action="store_true",
        help="print the wrong sources, speakers and flags page by page (dev split only)",
    )
    args = parser.parse_args(argv)
    if args.details and args.split == "test":
        parser.error("--details works on the dev split only: tune on dev, report test figures")
    if not DATA.is_dir():
        print(f"skipped: {DATA} is absent (the shared data folder beside the repository)")
        return 0
    truths = load_truth(args.split)
    if args.pages:
        truths = truths[: args.pages]
    import newsift
    import newsift.attribution.analyzer
    import newsift.attribution.flags  # registers the analyzers

    pipeline = newsift.Pipeline.from_config(PIPELINE)
    pipeline.setup()
    tally = Tally()
    start = time.perf_counter()
    for truth in truths:
        doc = analyse(truth, pipeline)
        score_page(truth, doc, tally, args.details)
    report(args.split, tally, time.perf_counter() - start, args.details)
    return 0


if __name__ == "__main__":
    sys.exit(main())
