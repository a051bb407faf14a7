"""The corpus dashboard: charts on real axes, readable cells, the network, timelines, export."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from newsift.cli import main
from newsift.corpus.charts import bar_chart, cluster_timeline, ledger_timeline, nice_axis
from newsift.corpus.export import export_sqlite
from newsift.corpus.outlet_graph import outlet_links
from newsift.corpus.report import cell, render_report
from newsift.report.style import css_hash

SCRIPT = "<script>alert(1)</script>"


def corpus_result() -> dict[str, Any]:
    """A small corpus.json: a network of three outlets and two independents."""
    net = ["a.example", "b.example", "c.example"]
    return {
        "summary": {
            "documents": 9,
            "outcomes": {"ok": 8, "failed": 1},
            "outlets": 5,
            "outlet_clusters": 3,
            "duplicate_clusters": 1,
            "people": 3,
            "flagged_people": 1,
            "layers": ["sources"],
        },
        "duplicates": [
            {
                "cluster": 0,
                "doc_id": "d1",
                "first": True,
                "outlet": "a.example",
                "author": "X",
                "published": "2025-01-01",
                "similarity": 1.0,
                "diff": "",
            },
            {
                "cluster": 0,
                "doc_id": "d2",
                "first": False,
                "outlet": "b.example",
                "author": "X",
                "published": "2025-01-04",
                "similarity": 0.8,
                "diff": "-said +stated",
            },
            {
                "cluster": 0,
                "doc_id": "d3",
                "first": False,
                "outlet": "c.example",
                "author": None,
                "published": None,
                "similarity": 0.7,
                "diff": "-May +June",
            },
        ],
        "ledger": [
            {
                "person": "Dr. L. Falk",
                "flags": ["cluster_confined"],
                "variants": ["L. Falk"],
                "documents": 3,
                "outlets": net,
                "authors": ["X"],
                "first_seen": "2025-01-01",
                "last_seen": "2025-01-04",
                "descriptors": [],
                "to_author_share": None,
            },
            {
                "person": SCRIPT,
                "flags": [],
                "variants": [],
                "documents": 2,
                "outlets": ["a.example", "b.example"],
                "authors": [],
                "first_seen": None,
                "last_seen": None,
                "descriptors": [],
                "to_author_share": 0.5,
            },
            {
                "person": "Everyone",
                "flags": [],
                "variants": [],
                "documents": 5,
                "outlets": [*net, "d.example", "e.example"],
                "authors": [],
                "first_seen": None,
                "last_seen": None,
                "descriptors": [],
                "to_author_share": 0.0,
            },
        ],
        "authors": [
            {
                "author": "X",
                "documents": 3,
                "outlets": ["a.example", "b.example"],
                "byline_reuse": True,
                "anonymous_share": None,
                "techniques_per_1000_words": None,
                "checkworthy_per_1000_words": None,
                "comment_toxicity": None,
            },
        ],
        "outlets": [
            {
                "outlet": name,
                "cluster": 0 if name in net else n,
                "documents": 3 - n % 2,
                "authors": 1,
                "shared_bylines": ["X"] if name in net[:2] else [],
                "anonymous_share": 0.33 if n else None,
                "techniques_per_1000_words": None,
                "checkworthy_per_1000_words": 1.25,
                "comment_toxicity": None,
            }
            for n, name in enumerate([*net, "d.example", "e.example"])
        ],
    }


@pytest.fixture(scope="module")
def page() -> str:
    return render_report(corpus_result())


@pytest.mark.parametrize(
    ("largest", "percent", "top", "ticks"),
    [
        (0.33, True, 1.0, 6),  # a share runs 0 to 100%: 0.33 is a third of the width
        (7, False, 8, 5),
        (123, False, 150, 4),
        (1, False, 1, 6),
        (0, False, 1.0, 6),
    ],
)
def test_axes_start_at_zero_with_round_ticks(
    largest: float, percent: bool, top: float, ticks: int
) -> None:
    axis = nice_axis(largest, percent)
    assert axis.top == pytest.approx(top) and axis.top >= largest
    assert axis.ticks()[0] == 0 and len(axis.ticks()) == ticks


def test_a_share_of_a_third_fills_a_third_of_the_plot() -> None:
    svg = bar_chart([("x", 0.33)], axis_label="share (%)", title="t", percent=True)
    width = float(re.search(r'class="bar" x="[\d.]+" y="[\d.]+" width="([\d.]+)"', svg)[1])  # type: ignore[index]
    assert width == pytest.approx(0.33 * 400, abs=1)
    assert 'class="axis-label"' in svg and ">share (%)<" in svg
    assert [t for t in re.findall(r'class="tick"[^>]*>([^<]+)<', svg)] == [
        "0%",
        "20%",
        "40%",
        "60%",
        "80%",
        "100%",
    ]


@pytest.mark.parametrize(
    ("column", "value", "shown"),
    [
        ("comment_toxicity", None, "—"),
        ("shared_bylines", [], "—"),
        ("byline_reuse", True, "yes"),
        ("byline_reuse", False, "no"),
        ("anonymous_share", 0.333, "33%"),
        ("checkworthy_per_1000_words", 1.2345, "1.23"),
        ("documents", 12000, "12,000"),
        ("outlets", ["a", "b"], "a, b"),
        ("person", SCRIPT, "&lt;script&gt;alert(1)&lt;/script&gt;"),
    ],
)
def test_cells_read_as_words(column: str, value: Any, shown: str) -> None:
    assert re.sub(r"<[^>]+>", "", cell(column, value)) == shown


def test_no_raw_null_true_or_false_in_any_cell(page: str) -> None:
    cells = re.findall(r"<td[^>]*>(.*?)</td>", page, re.S)
    assert cells
    assert not [c for c in cells if c.strip() in {"null", "None", "True", "False", "nan"}]


def test_every_chart_has_an_axis_label_and_ticks(page: str) -> None:
    charts = re.findall(r'<svg class="chart".*?</svg>', page, re.S)
    assert len(charts) == 4  # outcomes, people over time, anonymous shares, one cluster
    for svg in charts:
        assert 'class="axis-label"' in svg and svg.count('class="tick"') >= 2


def test_self_contained_under_a_csp_that_pins_the_stylesheet(page: str) -> None:
    assert "<script" not in page.lower() and not re.search(r"\s(src|href)=\"?http", page)
    style = re.search(r"<style>(.*?)</style>", page, re.S)[1]  # type: ignore[index]
    assert css_hash(style).replace("'", "&#x27;") in page
    assert "style=" not in page
    assert "&lt;script&gt;" in page


def test_network_links_outlets_by_copies_experts_and_bylines() -> None:
    links = {(link.a, link.b, link.kind): link.weight for link in outlet_links(corpus_result())}
    assert links[("a.example", "b.example", "text")] == 1
    assert links[("a.example", "c.example", "text")] == 1
    assert links[("a.example", "b.example", "experts")] == 1
    assert links[("a.example", "b.example", "bylines")] == 1
    # quoted by more than half the outlets (Falk: 3 of 5, "Everyone": 5) links nothing
    assert ("a.example", "c.example", "experts") not in links
    assert ("a.example", "d.example", "experts") not in links


def test_network_is_drawn_with_a_legend(page: str) -> None:
    svg = re.search(r'<svg class="network".*?</svg>', page, re.S)[0]  # type: ignore[index]
    assert svg.count('<circle class="node ') == 5 and 'class="l-text"' in svg
    assert "published near-duplicate copies" in page and "quoted the same person" in page


def test_timeline_places_each_copy_by_days_after_the_first() -> None:
    svg = cluster_timeline(corpus_result()["duplicates"], 0)
    assert "first seen" in svg and "+3 d · similarity 0.80" in svg
    assert "no date · similarity 0.70" in svg
    assert "days after the first-seen copy" in svg
    assert 'b.example: <span class="diff">-said +stated</span>' in svg  # how the copy changed


def test_sqlite_export_for_datasette(tmp_path: Path) -> None:
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "corpus.json").write_text(json.dumps(corpus_result()))
    target = tmp_path / "explore" / "corpus.sqlite"
    assert main(["corpus", "export", str(tmp_path), "--sqlite", str(target)]) == 0
    with sqlite3.connect(target) as db:
        flagged = db.execute(
            "select person from ledger, json_each(ledger.flags) "
            "where json_each.value = 'cluster_confined'"
        ).fetchall()
        reuse = db.execute("select byline_reuse from authors").fetchall()
        links = db.execute("select count(*) from outlet_links where kind = 'text'").fetchone()
        missing = db.execute("select comment_toxicity from outlets limit 1").fetchone()
    assert flagged == [("Dr. L. Falk",)] and reuse == [(1,)] and links == (3,)
    assert missing == (None,)


def test_export_of_a_folder_never_analysed_fails_cleanly(tmp_path: Path) -> None:
    assert main(["corpus", "export", str(tmp_path), "--sqlite", str(tmp_path / "x.db")]) == 1
    assert not (tmp_path / "x.db").exists()
    with pytest.raises(FileNotFoundError):
        export_sqlite(tmp_path, tmp_path / "y.db")


@pytest.mark.parametrize(
    ("rows", "first_label", "bars"),
    [
        (corpus_result()["ledger"], "Dr. L. Falk", 1),  # the only dated person
        (
            [
                {"person": "Quoted often", "flags": [], "documents": 9, "outlets": ["a", "b"],
                 "first_seen": "2025-01-10", "last_seen": "2025-03-01"},
                {"person": "Flagged", "flags": ["only_to_author"], "documents": 1, "outlets": [],
                 "first_seen": "2025-02-01", "last_seen": "2025-02-01"},
            ],
            "Flagged",  # flagged people come first, whatever their count
            2,
        ),
    ],
)  # fmt: skip
def test_ledger_timeline_spans_first_to_last_quote(
    rows: list[dict[str, Any]], first_label: str, bars: int
) -> None:
    svg = ledger_timeline(rows)
    labels = re.findall(r'<text class="lbl"[^>]*>([^<]+)<title>', svg)
    assert labels[0] == first_label and len(labels) == bars
    widths = [
        float(w) for w in re.findall(r'class="bar" x="[\d.]+" y="[\d.]+" width="([\d.]+)"', svg)
    ]
    assert all(w > 0 for w in widths)  # a person quoted on one day still shows
    assert "days since" in svg and "(from first to last quote)" in svg


def test_ledger_timeline_of_undated_people_says_so() -> None:
    assert "No dated quotes" in ledger_timeline([{"person": "x", "first_seen": None}])
