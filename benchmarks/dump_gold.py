"""Page dumps of held-out sites against hand-corrected gold: rules, line model, both.

    python benchmarks/dump_gold.py [--split dev|test] [--model PATH] [--pages]

The pages are held-out-site HTML pages of ../shared/data/extraction/adbar_eval
rendered line by line as benchmarks/rendered_dumps.py renders them; each line
carries a label a person gave it under docs/dump-gold-guideline.md
(benchmarks/data/dump_gold; the files hold no page text, only a hash of each
line, checked here). Printed against the goals of issue 21: per-label line F1,
headline exact, byline and dateline F1, body word F1, comment-boundary F1,
comment author and time exact, reply-parent accuracy; the line model alone is
scored on its line labels only. Last, how often the automatic DOM truth of
rendered_dumps.py disagrees with the gold, label by label. Tune on dev; the
test split is reported, never read page by page.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import math
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsift.document import Document, Region, Span
from newsift.errors import NewsiftError, SchemaError
from newsift.eval.lines import dom_labels, fold, line_scores, region_labels
from newsift.eval.metrics import NAN, accuracy, body_scores, share
from newsift.eval.structure import PageScore, aggregate, score_page
from newsift.ingest.dom import render
from newsift.ingest.dom.page import HtmlPage, read_html_page
from newsift.ingest.dom.render import RenderedLine, render_lines
from newsift.ingest.html_decode import decode_html
from newsift.structure.linemodel import LABELS, LineModel

sys.path.insert(0, str(Path(__file__).resolve().parent))  # a sibling benchmark script
try:
    from rendered_dumps import dump_document
finally:
    sys.path.pop(0)

HERE = Path(__file__).resolve().parent
GOLD = HERE / "data" / "dump_gold"
SHARED = HERE.parent.parent / "shared"
GUIDELINES = frozenset({"1.0"})
RENDERER = "newsift.ingest.dom.render.render_lines"

#: gold label -> the line model's label (``LABELS``) it is scored as
LINE_LABEL = {
    "boilerplate": "other", "kicker": "other", "headline": "headline",
    "standfirst": "other", "dateline": "dateline", "byline": "byline", "body": "body",
    "caption": "other", "bio": "other", "related": "other",
    "comment_author": "comment_author", "comment_time": "comment_time",
    "comment_text": "comment_text", "ui": "other", "footer": "other",
}  # fmt: skip
GOLD_LABELS = tuple(LINE_LABEL)
COMMENT_LABELS = frozenset({"comment_author", "comment_time", "comment_text"})
#: labels a line inside a comment may have (its own Reply, votes, quote header)
IN_COMMENT = COMMENT_LABELS | {"ui"}
#: issue 21's goals on held-out sites
GOALS = {
    "headline exact": 0.90, "body word F1": 0.90, "comment-boundary F1": 0.80,
    "comment author exact": 0.90, "comment time exact": 0.90, "reply parent": 0.85,
    "dateline F1": 0.80, "byline F1": 0.80,
}  # fmt: skip


def line_hash(text: str) -> str:
    """The short hash a gold file keeps of a line instead of its text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]


@dataclass(frozen=True, slots=True)
class GoldLine:
    label: str
    hash: str
    alt: str | None = None
    comment: str | None = None
    parent: str | None = None


@dataclass(frozen=True, slots=True)
class GoldPage:
    name: str
    key: str
    source: str
    split: str
    line_count: int
    lines: list[GoldLine]
    raw: Mapping[str, Any] = field(repr=False)


def parse_gold(data: Mapping[str, Any], name: str) -> GoldPage:
    """A gold page from its JSON form (see docs/dump-gold-guideline.md)."""
    lines = [
        GoldLine(row["label"], row["hash"], row.get("alt"), row.get("comment"), row.get("parent"))
        for row in data["lines"]
    ]
    return GoldPage(
        name, data["key"], data["source"], data["split"], data["line_count"], lines, data
    )


def load_gold(path: Path) -> GoldPage:
    return parse_gold(json.loads(path.read_text(encoding="utf-8")), path.stem)


def gold_files(split: str) -> list[Path]:
    return sorted((GOLD / split).glob("*.json"))


def format_problems(page: GoldPage) -> list[str]:
    """What is wrong with a gold file's form (empty when nothing is)."""
    problems: list[str] = []
    rows = page.raw.get("lines", [])
    if [row.get("i") for row in rows] != list(range(len(rows))):
        problems.append("line indices are not 0, 1, 2, ... in order")
    if page.line_count != len(page.lines):
        problems.append(f"line_count {page.line_count} but {len(page.lines)} lines")
    renderer = page.raw.get("renderer") or {}
    if renderer.get("function") != RENDERER or len(str(renderer.get("source_sha256", ""))) != 12:
        problems.append(f"renderer should name {RENDERER} and its 12-digit source hash")
    if page.raw.get("guideline") not in GUIDELINES:
        problems.append(f"unknown guideline {page.raw.get('guideline')!r}")
    for number, line in enumerate(page.lines):
        for name, value in (("label", line.label), ("alt", line.alt)):
            if value is not None and value not in LINE_LABEL:
                problems.append(f"line {number}: {name} {value!r} is not a gold label")
        if line.alt == line.label:
            problems.append(f"line {number}: alt repeats the label")
        if line.label in COMMENT_LABELS and line.comment is None:
            problems.append(f"line {number}: {line.label} outside a comment")
        if line.comment is not None and line.label not in IN_COMMENT:
            problems.append(f"line {number}: {line.label} inside comment {line.comment}")
    problems.extend(_comment_problems(page.lines))
    return problems


def _comment_problems(lines: Sequence[GoldLine]) -> list[str]:
    problems: list[str] = []
    order: list[str] = []  # comment ids in order of first appearance
    parents: dict[str, str | None] = {}
    previous: str | None = None
    for number, line in enumerate(lines):
        comment = line.comment
        if comment is not None and comment != previous:
            if comment in parents:
                problems.append(f"line {number}: comment {comment} is split in two runs")
            else:
                order.append(comment)
                parents[comment] = line.parent
        if comment is not None and parents.get(comment) != line.parent:
            problems.append(f"line {number}: comment {comment} has two parents")
        if comment is None and line.parent is not None:
            problems.append(f"line {number}: a parent outside a comment")
        previous = comment
    if order != [f"c{n}" for n in range(1, len(order) + 1)]:
        problems.append("comment ids are not c1, c2, ... in order of appearance")
    for comment, parent in parents.items():
        if parent is not None and (
            parent not in order or order.index(parent) >= order.index(comment)
        ):
            problems.append(f"comment {comment}: parent {parent} is not an earlier comment")
    return problems


# --- rendering and drift -------------------------------------------------------------------
def render_page(shared: Path, page: GoldPage) -> tuple[HtmlPage, list[RenderedLine]]:
    """The page read and rendered as rendered_dumps.py does."""
    with gzip.open(shared / page.source) as handle:
        raw = handle.read()
    url = page.key if page.key.startswith("http") else None
    html = read_html_page(decode_html(raw)[0], url=url)
    return html, render_lines(html.root) if html.root is not None else []


def renderer_hash() -> str:
    """The version a gold file records: the start of the SHA-256 of the renderer's source."""
    return hashlib.sha256(Path(render.__file__).read_bytes()).hexdigest()[:12]


def check_drift(page: GoldPage, texts: Sequence[str]) -> None:
    """Refuse to score a page whose rendering no longer matches the labelled one."""
    if len(texts) != page.line_count:
        raise SchemaError(
            f"dump gold drift: {page.name} renders to {len(texts)} lines, the gold has "
            f"{page.line_count}; the renderer (newsift/ingest/dom/render.py) or the page changed: "
            "label the page again under docs/dump-gold-guideline.md"
        )
    for number, (text, line) in enumerate(zip(texts, page.lines, strict=True)):
        if line_hash(text) != line.hash:
            raise SchemaError(
                f"dump gold drift: {page.name} line {number} changed (hash {line_hash(text)}, "
                f"gold {line.hash}); label the page again under docs/dump-gold-guideline.md"
            )


# --- truth derived from the gold and the rendered text ----------------------------------------
@dataclass(frozen=True, slots=True)
class GoldComment:
    lines: list[int]  # indices of all its lines
    author: int | None  # its author line
    time: int | None  # its time line
    text: list[int]  # its comment_text lines
    parent: int | None  # index of the parent among the page's comments; None: not shown


def gold_comments(page: GoldPage) -> list[GoldComment]:
    ids: list[str] = []
    members: dict[str, list[int]] = {}
    for number, line in enumerate(page.lines):
        if line.comment is not None:
            if line.comment not in members:
                ids.append(line.comment)
            members.setdefault(line.comment, []).append(number)
    comments = []
    for comment in ids:
        rows = members[comment]
        labels = {n: page.lines[n].label for n in rows}
        parent = page.lines[rows[0]].parent
        comments.append(
            GoldComment(
                rows,
                next((n for n in rows if labels[n] == "comment_author"), None),
                next((n for n in rows if labels[n] == "comment_time"), None),
                [n for n in rows if labels[n] == "comment_text"],
                ids.index(parent) if parent is not None else None,
            )
        )
    return comments


def structure_truth(comments: Sequence[GoldComment], texts: Sequence[str]) -> dict[str, Any]:
    """Comment truth in the form ``newsift.eval.structure.score_page`` reads: a comment
    matches when its text starts with its first text line and has one paragraph a line."""
    truth = []
    for comment in comments:
        row: dict[str, Any] = {
            "starts": texts[comment.text[0]] if comment.text else "",
            "paragraphs": len(comment.text),
        }
        if comment.parent is not None:
            row["parent"] = comment.parent
        truth.append(row)
    return {"comments": truth}


def line_spans(texts: Sequence[str]) -> list[Span]:
    """Where each line sits in the dump text (lines joined by a blank line)."""
    spans, offset = [], 0
    for text in texts:
        spans.append(Span(offset, offset + len(text)))
        offset += len(text) + 2
    return spans


def _inside(span: Span | None, line: Span) -> bool:
    return span is not None and line.start <= span.start and span.end <= line.end


@dataclass(slots=True)
class HeaderChecks:
    """Per gold comment the reader found, whether it got each shown field right."""

    authors: list[bool] = field(default_factory=list)
    times: list[bool] = field(default_factory=list)
    parents: list[bool] = field(default_factory=list)


def header_checks(
    doc: Document, comments: Sequence[GoldComment], spans: Sequence[Span]
) -> HeaderChecks:
    """For each gold comment the reader found (one whose first paragraph starts on the
    gold's first text line): the reader's author span lies on the gold author line, its
    time span on the time line (or on the author line when name and time share it), its
    parent is the comment the gold names (where the dump shows one). Names are not
    compared: the gold files hold no text."""
    starts: dict[int, Region] = {}
    for predicted in doc.comments:
        if predicted.paragraphs:
            starts.setdefault(predicted.paragraphs[0].start, predicted)
    found = [
        starts.get(spans[comment.text[0]].start) if comment.text else None for comment in comments
    ]
    gold_index = {region.id: n for n, region in enumerate(found) if region is not None}
    checks = HeaderChecks()
    for comment, region in zip(comments, found, strict=True):
        if region is None:
            continue
        if comment.author is not None:
            checks.authors.append(_inside(region.author_span, spans[comment.author]))
        time_line = comment.time if comment.time is not None else comment.author
        if time_line is not None:
            checks.times.append(_inside(region.when_span, spans[time_line]))
        if comment.parent is not None:
            checks.parents.append(gold_index.get(region.parent or "") == comment.parent)
    return checks


# --- scoring -----------------------------------------------------------------------------------
@dataclass(slots=True)
class Run:
    """Everything one reader (rules, model, both) produced over the pages."""

    labels: list[list[str]] = field(default_factory=list)
    bodies: list[tuple[str, str]] = field(default_factory=list)
    headlines: list[bool | None] = field(default_factory=list)  # None: no gold headline
    pages: list[PageScore] = field(default_factory=list)
    found: HeaderChecks = field(default_factory=HeaderChecks)


def body_pair(
    gold: Sequence[str], predicted: Sequence[str], texts: Sequence[str]
) -> tuple[str, str]:
    def body(labels: Sequence[str]) -> str:
        return "\n".join(t for t, label in zip(texts, labels, strict=True) if label == "body")

    return body(gold), body(predicted)


def headline_right(headline: str | None, page: GoldPage, texts: Sequence[str]) -> bool | None:
    """Is ``headline`` the gold headline (its lines joined, case and punctuation aside)?"""
    gold = [t for t, line in zip(texts, page.lines, strict=True) if line.label == "headline"]
    return fold(headline or "") == fold(" ".join(gold)) if gold else None


def score_reader(
    run: Run, doc: Document, page: GoldPage, texts: Sequence[str], gold: Sequence[str]
) -> None:
    """Add one page read by the dump reader to ``run``."""
    predicted = region_labels(doc)
    run.labels.append(predicted)
    run.bodies.append(body_pair(gold, predicted, texts))
    run.headlines.append(headline_right(doc.meta.headline, page, texts))
    comments = gold_comments(page)
    run.pages.append(score_page(doc, structure_truth(comments, texts)))
    checks = header_checks(doc, comments, line_spans(texts))
    run.found.authors.extend(checks.authors)
    run.found.times.extend(checks.times)
    run.found.parents.extend(checks.parents)


@dataclass(slots=True)
class Collected:
    gold: list[list[str]] = field(default_factory=list)  # mapped to LABELS
    alt: list[list[str]] = field(default_factory=list)  # the alt reading where there is one
    dom: list[list[str]] = field(default_factory=list)
    alts: int = 0
    lines: int = 0
    other_renderer: int = 0  # pages labelled under another render.py (lines unchanged)
    names: list[str] = field(default_factory=list)
    dom_headlines: list[bool | None] = field(default_factory=list)
    dom_comments: int = 0
    gold_comments: int = 0
    runs: dict[str, Run] = field(default_factory=dict)


def collect(paths: Iterable[Path], shared: Path, model: LineModel) -> Collected:
    out = Collected(runs={name: Run() for name in ("rules", "model", "both")})
    for path in paths:
        page = load_gold(path)
        html, rendered = render_page(shared, page)
        texts = [line.text for line in rendered]
        check_drift(page, texts)
        gold = [LINE_LABEL[line.label] for line in page.lines]
        out.gold.append(gold)
        out.alt.append([LINE_LABEL[line.alt or line.label] for line in page.lines])
        out.dom.append(dom_labels(html, rendered))
        out.names.append(page.name)
        out.dom_headlines.append(headline_right(html.meta.headline, page, texts))
        out.dom_comments += len(html.comments)
        out.gold_comments += len(gold_comments(page))
        out.alts += sum(line.alt is not None for line in page.lines)
        out.lines += len(texts)
        out.other_renderer += page.raw["renderer"]["source_sha256"] != renderer_hash()
        text = "\n\n".join(texts)
        score_reader(out.runs["rules"], dump_document(text, None), page, texts, gold)
        score_reader(out.runs["both"], dump_document(text, model), page, texts, gold)
        alone = model.predict(list(texts))
        out.runs["model"].labels.append(alone)
        out.runs["model"].bodies.append(body_pair(gold, alone, texts))
    return out


def figures(collected: Collected, run: Run) -> dict[str, float]:
    """The issue's figures for one reader; NaN where the reader gives none."""
    lines = line_scores(collected.gold, run.labels)
    found: dict[str, float] = {f"F1 {label}": lines.f1[label] for label in LABELS}
    found["line macro F1"] = lines.macro_f1
    found["line accuracy"] = lines.accuracy
    if collected.alt:
        found["line accuracy, alt too"] = share(
            p in (g, a)
            for p_page, g_page, a_page in zip(
                run.labels, collected.gold, collected.alt, strict=True
            )
            for p, g, a in zip(p_page, g_page, a_page, strict=True)
        )
    found["dateline F1"] = lines.f1["dateline"]
    found["byline F1"] = lines.f1["byline"]
    found["body word F1"] = body_scores(run.bodies).f1 if run.bodies else NAN
    found["headline exact"] = share(h for h in run.headlines if h is not None)
    if run.pages:
        corpus = aggregate(run.pages)
        found["comment-boundary F1"] = corpus.comment_f1
        found["reply parent"] = corpus.comment_field_accuracy["parent"]
    found["comment author exact"] = share(run.found.authors)
    found["comment time exact"] = share(run.found.times)
    found["reply parent, found"] = share(run.found.parents)
    return found


def dom_disagreement(collected: Collected) -> dict[str, tuple[int, float, float]]:
    """Per label: gold lines, the DOM truth's F1 against the gold, and the share of the
    gold's lines of that label the DOM truth labels otherwise."""
    scores = line_scores(collected.gold, collected.dom)
    pairs = [
        (g, d)
        for g_page, d_page in zip(collected.gold, collected.dom, strict=True)
        for g, d in zip(g_page, d_page, strict=True)
    ]
    out = {}
    for label in LABELS:
        of_label = [d != g for g, d in pairs if g == label]
        out[label] = (len(of_label), scores.f1[label], share(of_label))
    return out


def comment_counts(collected: Collected) -> str:
    """How many comments the comment figures rest on."""
    rules, both = collected.runs["rules"], collected.runs["both"]
    true = sum(p.true_comments for p in both.pages)
    parents = sum(len(p.comment_fields.get("parent", [])) for p in both.pages)
    matched = "/".join(str(sum(p.matched_comments for p in r.pages)) for r in (rules, both))
    return (
        f"comments: {true} in the gold; matched whole (rules/both) {matched}; "
        f"parents scored (both) {parents}; of the comments found by their first line (both): "
        f"{len(both.found.authors)} author, {len(both.found.times)} time, "
        f"{len(both.found.parents)} parent lines checked"
    )


def page_rows(collected: Collected) -> list[str]:
    """One line a page (dev only): line accuracy of each reader, headline, comments."""
    rows = [f"{'page':40} {'rules':>6} {'model':>6} {'both':>6} headline comments"]
    runs = collected.runs
    for n, name in enumerate(collected.names):
        gold = collected.gold[n]
        acc = [accuracy(runs[r].labels[n], gold) for r in ("rules", "model", "both")]
        cells = " ".join(f"{a:6.3f}" for a in acc)
        both = runs["both"]
        headline = {None: "-", True: "right", False: "wrong"}[both.headlines[n]]
        matched = f"{both.pages[n].matched_comments}/{both.pages[n].true_comments}"
        rows.append(f"{name[:40]:40} {cells} {headline:>8} {matched:>8}")
    return rows


def _cell(value: float) -> str:
    return f"{'n/a':>8}" if math.isnan(value) else f"{value:8.3f}"


def report(collected: Collected, split: str, pages: int, emit: Callable[[str], None]) -> None:
    table = {name: figures(collected, run) for name, run in collected.runs.items()}
    emit(
        f"dump gold, {split}: {pages} pages of held-out sites, {collected.lines} lines "
        f"({collected.alts} with an alt label)"
    )
    emit(f"{'figure':26} {'rules':>8} {'model':>8} {'both':>8} {'goal':>6}")
    for key in table["rules"]:
        goal = GOALS.get(key)
        cells = " ".join(_cell(table[name].get(key, NAN)) for name in ("rules", "model", "both"))
        emit(f"{key:26} {cells} {'' if goal is None else f'{goal:6.2f}'}")
    emit(comment_counts(collected))
    if collected.other_renderer:
        emit(
            f"{collected.other_renderer} pages were labelled under another render.py "
            "(their lines are unchanged)"
        )
    emit("automatic DOM truth (rendered_dumps.py) against the gold:")
    dom_headline = share(h for h in collected.dom_headlines if h is not None)
    emit(
        f"headline exact {dom_headline:.3f}; {collected.dom_comments} comment records where the "
        f"gold has {collected.gold_comments} comments"
    )
    emit(f"{'label':16} {'gold lines':>10} {'DOM F1':>8} {'disagree':>9}")
    for label, (count, f1, disagree) in dom_disagreement(collected).items():
        emit(f"{label:16} {count:10d} {_cell(f1)} {_cell(disagree):>9}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--split", choices=("dev", "test"), default="dev")
    parser.add_argument("--model", type=Path, default=None, help="line model (default: shipped)")
    parser.add_argument("--shared", type=Path, default=SHARED, help="the ../shared folder")
    parser.add_argument(
        "--pages", action="store_true", help="one line a page (dev only: test is never read so)"
    )
    args = parser.parse_args(argv)
    if args.pages and args.split != "dev":
        parser.error("--pages reads pages one by one: dev only")
    if not (args.shared / "data" / "extraction" / "adbar_eval").is_dir():
        print(
            f"no adbar_eval data under {args.shared}; clone ../shared beside the repo",
            file=sys.stderr,
        )
        return 1
    paths = gold_files(args.split)
    if not paths:
        print(f"no gold files under {GOLD / args.split}", file=sys.stderr)
        return 1
    try:
        collected = collect(paths, args.shared, LineModel.load(args.model))
    except NewsiftError as error:
        print(error, file=sys.stderr)
        return 2
    report(collected, args.split, len(paths), print)
    if args.pages:
        print("\n".join(page_rows(collected)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
