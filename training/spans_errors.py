"""Where PolNeAR content F1 is lost: shares of the missed and wrong contents by cause.

    python -m training.spans_errors [--shared ../shared] [--limit N]
                                    [--spans crf|encoder|none]

Runs the analyzer as :mod:`training.spans` scores it (rules, then the shipped
content-boundary model ``--spans``: the CRF by default, ``none`` for the rules
alone) on the held-out fifth of PolNeAR train (:func:`training.spans.split_train`;
dev is never read here) and sorts every gold content that is not matched
exactly, and every predicted content that matches none, by cause, so a learned
model is aimed where the loss is:

- ``boundary``: a predicted content overlaps it, and that prediction's cue
  overlaps the gold cue (the right speech, the wrong extent);
- ``wrong cue``: a predicted content overlaps it, under another cue;
- ``cue, no content``: nothing overlaps it, but a predicted cue overlaps the
  gold cue (the speech was found, its content drawn elsewhere);
- ``no cue``: nothing overlaps it and no predicted cue overlaps the gold cue
  (the rules missed the speech);
- on the predicted side, ``spurious`` contents overlap no gold content.

``split`` marks gold contents of relations with several content pieces
(PolNeAR scores each piece; newsift predicts one extent per cue).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from newsift.attribution.analyzer import SPAN_MODELS, analyse, load_spans
from newsift.attribution.nlp import load_english
from newsift.eval.attribution import predicted_spans, read_brat, trim
from training.paths import SHARED
from training.spans import article_blocks, split_train

Extent = tuple[int, int]


def _overlaps(a: Extent, b: Extent) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def predicted_relations(quotes: Sequence[object], text: str) -> list[tuple[Extent, Extent]]:
    """(cue, content) per predicted relation, grouped by cue as the scorer groups them."""
    groups: dict[Extent, list[Extent]] = {}
    for quote in quotes:
        cue = getattr(quote, "cue", None)
        content = quote.content  # type: ignore[attr-defined]
        if cue is None:
            continue
        groups.setdefault((cue.start, cue.end), []).append((content.start, content.end))
    return [
        (trim(text, *cue), trim(text, min(s for s, _ in parts), max(e for _, e in parts)))
        for cue, parts in groups.items()
    ]


def classify(
    gold: Sequence[tuple[Extent | None, list[Extent]]],
    predicted: Sequence[tuple[Extent, Extent]],
    predicted_contents: set[Extent],
) -> Counter[str]:
    """Counts of each gold content's fate and of each unmatched predicted content's cause."""
    out: Counter[str] = Counter()
    gold_contents = {c for _, contents in gold for c in contents}
    for cue, contents in gold:
        for content in contents:
            out["gold"] += 1
            if len(contents) > 1:
                out["gold split"] += 1
            if content in predicted_contents:
                out["exact"] += 1
                continue
            near = [p for p in predicted if _overlaps(p[1], content)]
            if cue is not None and any(_overlaps(p[0], cue) for p in near):
                kind = "boundary"
            elif near:
                kind = "wrong cue"
            elif cue is not None and any(_overlaps(p[0], cue) for p in predicted):
                kind = "cue, no content"
            else:
                kind = "no cue"
            out["missed: " + kind] += 1
            if len(contents) > 1:
                out["missed split: " + kind] += 1
    for content in predicted_contents:
        out["predicted"] += 1
        if content in gold_contents:
            continue
        touched = any(_overlaps(content, g) for g in gold_contents)
        out["wrong: " + ("boundary or cue" if touched else "spurious")] += 1
    return out


def tally(shared: Path, limit: int, spans: str) -> Counter[str]:
    """Fates of the held-out fifth's gold and predicted contents (see :func:`classify`)."""
    _, check_articles = split_train(shared, limit)
    nlp = load_english()
    refine = load_spans(spans).refine if spans != "none" else None
    totals: Counter[str] = Counter()
    for name, text_path, ann_path in check_articles:
        text, blocks = article_blocks(text_path.read_text(encoding="utf-8"), name)
        gold = [
            (
                trim(text, r.cue.start, r.cue.end) if r.cue is not None else None,
                [trim(text, c.start, c.end) for c in r.contents],
            )
            for r in read_brat(ann_path.read_text(encoding="utf-8"))
            if r.contents
        ]
        quotes, _, _ = analyse(nlp, text, blocks, refine)
        relations = predicted_relations(quotes, text)
        totals.update(classify(gold, relations, predicted_spans(quotes, text)["content"]))
    return totals


def report(totals: Counter[str]) -> list[str]:
    """Lines of counts and shares of the unmatched gold and predicted contents."""
    gold = totals["gold"]
    predicted = totals["predicted"]
    missed = gold - totals["exact"]
    wrong = sum(v for k, v in totals.items() if k.startswith("wrong: "))
    lines = [
        f"gold contents {gold}, exact {totals['exact']} "
        f"(recall {100 * totals['exact'] / max(gold, 1):.1f}), predicted {predicted}, "
        f"split pieces {totals['gold split']}",
        f"missed gold contents {missed}:",
    ]
    for kind in ("boundary", "wrong cue", "cue, no content", "no cue"):
        count = totals["missed: " + kind]
        split = totals["missed split: " + kind]
        lines.append(
            f"  {kind:16} {count:5} ({100 * count / max(missed, 1):.1f}% of missed;"
            f" {split} are pieces of split contents)"
        )
    lines.append(f"unmatched predicted contents {wrong}:")
    for kind in ("boundary or cue", "spurious"):
        count = totals["wrong: " + kind]
        lines.append(f"  {kind:16} {count:5} ({100 * count / max(wrong, 1):.1f}%)")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--limit", type=int, default=0, help="only the first N train articles")
    parser.add_argument("--spans", choices=[*SPAN_MODELS, "none"], default="crf")
    args = parser.parse_args(argv)
    print("\n".join(report(tally(args.shared, args.limit, args.spans))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
