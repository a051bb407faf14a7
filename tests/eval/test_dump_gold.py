"""The hand-corrected dump gold (benchmarks/data/dump_gold) and its scorer."""

from __future__ import annotations

import math
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from newsift.document import Document, Meta, Region
from newsift.errors import SchemaError
from newsift.eval.lines import held_out, site_of
from newsift.structure.linemodel import LABELS
from tests.conftest import ROOT, SHARED

sys.path.insert(0, str(ROOT / "benchmarks"))
try:
    import dump_gold
finally:
    sys.path.pop(0)

FILES = dump_gold.gold_files("dev") + dump_gold.gold_files("test")
ADBAR = SHARED / "data" / "extraction" / "adbar_eval"
needs_adbar = pytest.mark.skipif(
    not ADBAR.is_dir(), reason=f"adbar_eval not found at {ADBAR} (clone ../shared beside the repo)"
)


# --- the gold files -----------------------------------------------------------------------------
def test_the_set_is_large_enough_and_split_by_site() -> None:
    pages = [dump_gold.load_gold(p) for p in FILES]
    splits = Counter(p.split for p in pages)
    assert len(pages) >= 40 and splits["dev"] >= 10 and splits["test"] >= 25
    sites = Counter(site_of(p.key) for p in pages)
    assert max(sites.values()) <= 2
    dev_sites = {site_of(p.key) for p in pages if p.split == "dev"}
    assert not dev_sites & {site_of(p.key) for p in pages if p.split == "test"}
    assert sum(any(line.comment for line in p.lines) for p in pages) >= 25


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_gold_file_is_well_formed(path: Path) -> None:
    page = dump_gold.load_gold(path)
    assert dump_gold.format_problems(page) == []
    assert page.split == path.parent.name
    assert held_out(page.key), "gold pages come only from sites the line model never saw"
    assert path.stem.startswith(site_of(page.key).replace("/", "-")[:20])
    assert page.source.startswith("data/extraction/") and "text" not in page.raw


def test_every_gold_label_maps_to_a_line_model_label() -> None:
    assert set(dump_gold.LINE_LABEL.values()) <= set(LABELS)
    assert {label for label in LABELS if label != "other"} <= set(dump_gold.GOLD_LABELS)


def _page(
    rows: Sequence[dict[str, Any]], texts: Sequence[str] | None = None, **top: Any
) -> dump_gold.GoldPage:
    lines = [
        {"i": n, "hash": dump_gold.line_hash(texts[n]) if texts else "0" * 10, **row}
        for n, row in enumerate(rows)
    ]
    raw: dict[str, Any] = {
        "key": "https://example.org/a", "source": "data/x.html.gz", "split": "dev",
        "guideline": "1.0", "line_count": len(lines), "lines": lines,
        "renderer": {"function": dump_gold.RENDERER, "source_sha256": "0" * 12}, **top,
    }  # fmt: skip
    return dump_gold.parse_gold(raw, "example")


GOOD = [
    {"label": "headline"},
    {"label": "comment_author", "comment": "c1"},
    {"label": "comment_text", "comment": "c1"},
    {"label": "ui", "comment": "c1"},
    {"label": "comment_author", "comment": "c2", "parent": "c1"},
    {"label": "comment_text", "comment": "c2", "parent": "c1"},
    {"label": "footer", "alt": "related"},
]


def _with(index: int, **change: Any) -> list[dict[str, Any]]:
    rows = [dict(row) for row in GOOD]
    rows[index] = {k: v for k, v in {**rows[index], **change}.items() if v is not None}
    return rows


@pytest.mark.parametrize(
    ("rows", "top", "problem"),
    [
        (GOOD, {}, None),
        (_with(0, label="title"), {}, "'title' is not a gold label"),
        (_with(6, alt="footer"), {}, "alt repeats the label"),
        (_with(2, comment=None), {}, "comment_text outside a comment"),
        (_with(6, comment="c2", parent="c1"), {}, "footer inside comment c2"),
        (_with(2, comment="c2", parent="c1"), {}, "comment c1 is split in two runs"),
        (_with(5, parent=None), {}, "comment c2 has two parents"),
        (_with(1, parent="c2"), {}, "parent c2 is not an earlier comment"),
        (_with(0, parent="c1"), {}, "a parent outside a comment"),
        (GOOD, {"line_count": 3}, "line_count 3 but 7 lines"),
        (GOOD, {"guideline": "0.9"}, "unknown guideline"),
        (GOOD, {"renderer": {"function": "render_dump"}}, "renderer should name"),
    ],
)
def test_format_problems_are_found(
    rows: list[dict[str, Any]], top: dict[str, Any], problem: str | None
) -> None:
    found = dump_gold.format_problems(_page(rows, **top))
    if problem is None:
        assert found == []
    else:
        assert any(problem in p for p in found), found


def test_comment_ids_must_count_up_in_order() -> None:
    rows = [
        {**row, "comment": {"c1": "c2", "c2": "c1"}.get(row.get("comment", ""))} for row in GOOD
    ]
    rows = [{k: v for k, v in r.items() if v is not None and k != "parent"} for r in rows]
    found = dump_gold.format_problems(_page(rows))
    assert any("c1, c2, ... in order" in p for p in found)


def test_indices_must_be_contiguous() -> None:
    page = _page(GOOD)
    page.raw["lines"][3]["i"] = 9
    assert any("indices" in p for p in dump_gold.format_problems(page))


# --- drift --------------------------------------------------------------------------------------
TEXTS = [
    "Home",
    "The Bridge Nobody Asked For",
    "By Ann Lee",
    "The council voted on Tuesday to build a bridge that nobody in the town asked for.",
    "It will cost ten million over five years.",
    "Marcus Obi says:",
    "March 5, 2025 at 3:14 pm",
    "Thanks for writing this.",
    "Reply",
    "Greta L. says:",
    "March 6, 2025 at 9:00 am",
    "@Marcus Obi I disagree with all of it.",
    "© 2025 Harbor Times",
]
LABELLED = [
    {"label": "boilerplate"},
    {"label": "headline"},
    {"label": "byline"},
    {"label": "body"},
    {"label": "body"},
    {"label": "comment_author", "comment": "c1"},
    {"label": "comment_time", "comment": "c1"},
    {"label": "comment_text", "comment": "c1"},
    {"label": "ui", "comment": "c1"},
    {"label": "comment_author", "comment": "c2", "parent": "c1"},
    {"label": "comment_time", "comment": "c2", "parent": "c1"},
    {"label": "comment_text", "comment": "c2", "parent": "c1"},
    {"label": "footer"},
]


def _gold() -> dump_gold.GoldPage:
    return _page(LABELLED, TEXTS)


@pytest.mark.parametrize(
    ("texts", "message"),
    [
        (TEXTS[:-1], "renders to 12 lines, the gold has 13"),
        ([*TEXTS[:3], "By Ann Lee-Smith", *TEXTS[4:]], "line 3 changed"),
    ],
)
def test_drift_is_refused_with_a_clear_message(texts: list[str], message: str) -> None:
    gold = _gold()
    dump_gold.check_drift(gold, TEXTS)  # the labelled rendering passes
    with pytest.raises(SchemaError, match=message):
        dump_gold.check_drift(gold, texts)


# --- the scorer on a hand-made page ---------------------------------------------------------------
Predicted = tuple[int | None, int | None, list[int], int | None]  # author, time, text lines, parent


def _document(headline: str, body: list[int], comments: list[Predicted]) -> Document:
    spans = dump_gold.line_spans(TEXTS)
    text = "\n\n".join(TEXTS)
    regions = [Region("r0", "headline", spans[1].start, spans[1].end)]
    if body:
        regions.append(
            Region(
                "r1", "body", spans[body[0]].start, spans[body[-1]].end, [spans[n] for n in body]
            )
        )
    for number, (author, time, lines, parent) in enumerate(comments):
        first = min(n for n in (author, time, *lines) if n is not None)
        regions.append(
            Region(
                f"c{number}", "comment", spans[first].start, spans[lines[-1]].end,
                [spans[n] for n in lines],
                author=TEXTS[author] if author is not None else None,
                author_span=spans[author] if author is not None else None,
                when=TEXTS[time] if time is not None else None,
                when_span=spans[time] if time is not None else None,
                parent=f"c{parent}" if parent is not None else None,
            )
        )  # fmt: skip
    return Document(text, meta=Meta(kind="dump", headline=headline), layers={"regions": regions})


RIGHT: list[Predicted] = [(5, 6, [7], None), (9, 10, [11], 0)]


@pytest.mark.parametrize(
    ("headline", "body", "comments", "expected"),
    [
        (TEXTS[1], [3, 4], RIGHT, {"headline exact": 1.0, "body word F1": 1.0,
         "comment-boundary F1": 1.0, "comment author exact": 1.0, "comment time exact": 1.0,
         "reply parent": 1.0, "reply parent, found": 1.0, "byline F1": 0.0}),
        ("Home", [3], RIGHT, {"headline exact": 0.0, "comment-boundary F1": 1.0}),
        (TEXTS[1], [3, 4], [(6, 6, [7], None), (9, 10, [11], 0)],
         {"comment author exact": 0.5, "comment time exact": 1.0}),
        (TEXTS[1], [3, 4], [(5, None, [7], None), (9, 10, [11], 0)],
         {"comment author exact": 1.0, "comment time exact": 0.5}),
        (TEXTS[1], [3, 4], [(5, 6, [7], None), (9, 10, [11], None)],
         {"reply parent": 0.0, "reply parent, found": 0.0}),
        (TEXTS[1], [3, 4], [(5, 6, [7], None), (9, 10, [11, 12], 0)],
         {"comment-boundary F1": 0.5, "reply parent": math.nan, "reply parent, found": 1.0,
          "comment author exact": 1.0}),
        (TEXTS[1], [3, 4], [(5, 6, [7, 8, 9, 10, 11], None)],
         {"comment-boundary F1": 0.0, "comment author exact": 1.0}),
        (TEXTS[1], [3, 4], [], {"comment-boundary F1": 0.0, "comment author exact": math.nan}),
    ],
)  # fmt: skip
def test_scorer_on_a_hand_made_page(
    headline: str, body: list[int], comments: list[Predicted], expected: dict[str, float]
) -> None:
    gold_page = _gold()
    gold = [dump_gold.LINE_LABEL[line.label] for line in gold_page.lines]
    run = dump_gold.Run()
    dump_gold.score_reader(run, _document(headline, body, comments), gold_page, TEXTS, gold)
    found = dump_gold.figures(dump_gold.Collected(gold=[gold]), run)
    for key, value in expected.items():
        assert found[key] == pytest.approx(value, nan_ok=True), key
    if body == [3]:
        assert 0.0 < found["body word F1"] < 1.0


@pytest.mark.parametrize(
    ("headline", "labels", "expected"),
    [
        ("The bridge nobody asked for!", LABELLED, True),
        ("The Bridge", LABELLED, False),
        (None, LABELLED, False),
        ("Home", [{"label": "boilerplate"}, *LABELLED[2:], {"label": "footer"}], None),
    ],
)
def test_headline_is_compared_case_and_punctuation_aside(
    headline: str | None, labels: list[dict[str, Any]], expected: bool | None
) -> None:
    # the last case has no gold headline: nothing to compare, the page is left out
    page = _page(labels, TEXTS)
    assert dump_gold.headline_right(headline, page, TEXTS) is expected


@pytest.mark.parametrize(
    ("predicted", "plain", "alt_too"),
    [
        (["body", "body", "other"], 2 / 3, 1.0),  # the doubtful line read the other way
        (["body", "other", "other"], 1.0, 1.0),
        (["other", "headline", "body"], 0.0, 0.0),
    ],
)
def test_an_alt_reading_counts_only_in_its_own_figure(
    predicted: list[str], plain: float, alt_too: float
) -> None:
    collected = dump_gold.Collected(
        gold=[["body", "other", "other"]], alt=[["body", "body", "other"]]
    )
    found = dump_gold.figures(collected, dump_gold.Run(labels=[predicted]))
    assert found["line accuracy"] == pytest.approx(plain)
    assert found["line accuracy, alt too"] == pytest.approx(alt_too)


def test_dom_disagreement_counts_each_label() -> None:
    gold = [["headline", "body", "body", "other"]]
    dom = [["other", "body", "other", "other"]]
    table = dump_gold.dom_disagreement(dump_gold.Collected(gold=gold, dom=dom))
    assert table["headline"][0] == 1 and table["headline"][2] == 1.0
    assert table["body"][0] == 2 and table["body"][2] == 0.5
    assert math.isnan(table["byline"][2])


@needs_adbar
def test_every_gold_page_still_renders_as_labelled() -> None:
    for path in FILES:
        page = dump_gold.load_gold(path)
        _, rendered = dump_gold.render_page(SHARED, page)
        dump_gold.check_drift(page, [line.text for line in rendered])
