"""BRAT reading and role scoring for the PolNeAR benchmark."""

from __future__ import annotations

from newsift.attribution.annotations import Quote
from newsift.document import Span
from newsift.eval.attribution import gold_spans, predicted_spans, read_brat, score_spans

TEXT = "Smith said the plan failed. “It is over,” he added. “Done.”"
ANN = (
    "T1\tSource 0 5\tSmith\n"
    "T2\tCue 6 10\tsaid\n"
    "T3\tContent 11 26\tthe plan failed\n"
    "T4\tAttribution 6 10\tsaid\n"
    "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
    "T5\tContent 28 41;51 58\t“It is over,” “Done.”\n"
    "T6\tSource 42 44\the\n"
    "T7\tCue 45 50\tadded\n"
    "E2\tAttribution:T7 Content:T5 Cue:T7 Source:T6\n"
    "T8\tDiscard 0 1\tS\n"
)


def test_read_brat_relations_and_discontinuous_content() -> None:
    relations = read_brat(ANN)
    assert len(relations) == 2
    second = relations[1]
    assert second.contents[0].fragments == ((28, 41), (51, 58))
    assert (second.contents[0].start, second.contents[0].end) == (28, 58)
    gold = gold_spans(relations, TEXT)
    assert gold["source"] == {(0, 5), (42, 44)}
    assert gold["content"] == {(11, 26), (28, 58)}


def test_read_brat_finds_a_piece_written_after_its_relation() -> None:
    """An ``E`` line may name a ``T`` that the file writes later (PolNeAR does)."""
    later = "\n".join(line for line in ANN.splitlines() if line.startswith("E"))
    earlier = "\n".join(line for line in ANN.splitlines() if not line.startswith("E"))
    for text in (ANN, later + "\n" + earlier):
        gold = gold_spans(read_brat(text), TEXT)
        assert gold["content"] == {(11, 26), (28, 58)}
        assert gold["source"] == {(0, 5), (42, 44)}


def test_scores_exact_and_overlap_one_to_one() -> None:
    counts = score_spans({(0, 5), (10, 20), (30, 31)}, {(0, 5), (12, 25)})
    assert (counts.exact, counts.overlap, counts.predicted, counts.gold) == (1, 2, 3, 2)
    precision, recall, f1 = counts.prf("overlap")
    assert (round(precision, 3), recall) == (0.667, 1.0)
    assert round(f1, 3) == 0.8


def test_quotes_sharing_a_cue_are_one_relation() -> None:
    quotes = [
        Quote("q1", "direct", Span(28, 41), Span(45, 50), Span(42, 44)),
        Quote("q2", "direct", Span(51, 58), Span(45, 50), Span(42, 44)),
        Quote("q3", "indirect", Span(11, 26), Span(6, 10), Span(0, 5)),
    ]
    predicted = predicted_spans(quotes, TEXT)
    gold = gold_spans(read_brat(ANN), TEXT)
    assert predicted == gold
