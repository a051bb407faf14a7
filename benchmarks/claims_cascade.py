"""Choose the claims cascade's gate: quality and encoder work against the gate.

    python benchmarks/claims_cascade.py [--split dev|test] [--gates 0,0.1,0.2]

The claims analyzer scores every body sentence with the n-gram model and sends
to the fine-tuned model (claims-finetuned-v1) only those the n-gram model
gives at least the gate (``newsift.claims.analyzer.GATE``). For each gate,
over the annotated news pages of ``benchmarks/data/claims_pages`` (``--split
dev``, the default, is where the gate is chosen; ``--split test`` is for
reporting only), this prints precision at 5 per page, F1 of the check-worthy
decision, short-list precision, the share of short-listed sentences that are
the same as with every sentence encoded (gate 0), and the share of sentences
and of encoder tokens the encoder reads. Pages are aggregated; nothing is
printed page by page.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

# training/ and tests/ live at the repository root, outside the installed package
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from newsift.attribution.analyzer import QuoteAnalyzer
from newsift.claims.analyzer import body_sentences, find_claims, finetuned_available
from newsift.claims.finetuned import FineTunedClaimModel
from newsift.claims.model import ClaimModel
from newsift.eval.metrics import precision_at_k, prf_from_counts
from training import claims_pages as pages

DEFAULT_GATES = (0.0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--split", choices=("dev", "test"), default="dev")
    parser.add_argument("--gates", default=",".join(str(g) for g in DEFAULT_GATES))
    args = parser.parse_args()
    if not pages.available():
        print(f"news pages' text not found ({pages.GROUND_TRUTH})", file=sys.stderr)
        return 1
    if not finetuned_available():
        print("the minilm extra is not installed: no cascade to measure", file=sys.stderr)
        return 1
    model, fallback = FineTunedClaimModel.load(), ClaimModel.load()
    quotes = QuoteAnalyzer()
    loaded = [(page, quotes(page.document())) for page in pages.load_pages(args.split)]
    full: dict[str, set[int]] = {}
    print(f"{len(loaded)} {args.split} pages, {sum(len(p.labels) for p, _ in loaded)} sentences")
    print(
        "| gate | P@5 | F1 | short-list P | same short list | sentences encoded | tokens encoded |"
    )
    print("|---|---|---|---|---|---|---|")
    for gate in (float(g) for g in args.gates.split(",")):
        at5, same, tp, fp, fn, listed, listed_right = [], [], 0, 0, 0, 0, 0
        encoded = sentences = tokens_encoded = tokens = 0
        for page, doc in loaded:
            found = find_claims(model, doc, 0.0, fallback=fallback, gate=gate)
            by_start = {c.span.start: c for c in found}
            claims = [by_start[s.start] for s in page.spans]
            gold = page.labels
            at5.append(
                precision_at_k(
                    [gold[i] for i in sorted(range(len(gold)), key=lambda i: claims[i].rank)]
                )
            )
            for claim, truth in zip(claims, gold, strict=True):
                tp += claim.checkworthy and truth
                fp += claim.checkworthy and not truth
                fn += truth and not claim.checkworthy
            shortlist = {i for i, c in enumerate(claims) if c.shortlist}
            listed += len(shortlist)
            listed_right += sum(gold[i] for i in shortlist)
            if gate == 0.0:
                full[page.id] = shortlist
            if page.id in full:
                reference = full[page.id]
                same.append(len(shortlist & reference) / max(len(shortlist | reference), 1))
            counts = model.runner.token_counts([doc.span_text(s) for s in body_sentences(doc)])
            by_model = [c.model == model.name for c in found]
            encoded += sum(by_model)
            sentences += len(found)
            tokens += sum(counts)
            tokens_encoded += sum(n for n, e in zip(counts, by_model, strict=True) if e)
        f1 = prf_from_counts(tp, fp, fn).f1
        agreement = f"{statistics.fmean(same):.3f}" if same else "n/a"
        print(
            f"| {gate:.2f} | {statistics.fmean(at5):.3f} | {f1:.3f} | "
            f"{listed_right / max(listed, 1):.3f} | {agreement} | "
            f"{encoded / max(sentences, 1):.3f} | {tokens_encoded / max(tokens, 1):.3f} |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
