"""The news-comment term of ``toxicity-minilm-v1``'s ``offensive`` head.

Tweets transfer badly to news comments: the pooled ``offensive`` head
(OLID, Davidson, UCC, Toxic Spans) ranks SOCC's toxic Globe and Mail comments
only a little better than chance (cross-validated AUC about 0.60), and giving
SOCC's 700 comments a large weight in that head made it memorise their
n-grams (AUC 0.96 on the comments it saw, 0.59 on the others). A logistic
regression on the MiniLM vectors of SOCC alone generalises better (about
0.70), but added to every text it costs tweets (OLID) their accuracy. So the
MiniLM model trains its pooled head without SOCC and adds a gated term
(:class:`~newsift.comments.model.NewsPart`)::

    raw offensive = pooled + beta * gate(v) * news(v)

``news`` is the SOCC head, ``gate`` the probability that the text is a news
comment rather than a tweet (a logistic regression on the MiniLM vector:
SOCC, UCC and Toxic Spans comments against OLID and Davidson tweets, train
parts only; it learns the domain, not toxicity).

Everything here is chosen without the benchmark's test part:

- the news head's ``C`` by repeated stratified 5-fold cross-validation on the
  non-test SOCC comments (its validation part alone has 19 toxic comments,
  too few to choose with);
- ``beta`` on three sets: SOCC (pooled scores, which never saw SOCC, plus the
  news head's out-of-fold scores), OLID validation and UCC validation
  (hostile or antagonize against healthy). The rule: the best mean of the
  three AUCs (the smallest such ``beta`` on a tie) among the ``beta`` whose
  OLID validation macro-F1 stays within ``OLID_TOLERANCE`` of the pooled
  head's, so that tweets keep their floor;
- the Platt scaling and threshold of the whole ``offensive`` score on the
  pooled head's validation rows (OLID and UCC), as every other head.

Needs scikit-learn (the ``train`` extra).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from newsift.comments import data
from newsift.comments.model import NewsPart

if TYPE_CHECKING:
    from newsift.comments.train import FeatureCache, Head, HeadData

NEWS_C_GRID = (0.1, 0.3, 1.0)
FOLDS = 5
REPEATS = 4  # cross-validation rounds with different shuffles, averaged
BETA_GRID = (0.0, 0.5, 1.0, 1.5, 2.0, 3.0, 5.0)
OLID_TOLERANCE = 0.005  # largest drop of OLID validation macro-F1 a blend may cost
SEED = 13
NEWS_CORPORA = ("socc", "ucc", "typed")  # the gate's news comments; the rest are tweets
GATE_C = 1.0


@dataclass(frozen=True, slots=True)
class NewsHead:
    """A logistic regression on MiniLM vectors of SOCC comments (toxicity >= 2)."""

    dense: NDArray[np.float64]  # 384 weights
    bias: float
    c: float
    cv_auc: float
    texts: list[str]  # the non-test SOCC comments it was fitted on
    labels: NDArray[np.bool_]
    out_of_fold: NDArray[np.float64]  # each comment scored by the folds that did not see it

    def raw(self, vectors: NDArray[np.float64]) -> NDArray[np.float64]:
        return np.asarray(vectors @ self.dense + self.bias, dtype=np.float64)


@dataclass(frozen=True, slots=True)
class Gate:
    """Probability that a MiniLM vector is a news comment's rather than a tweet's."""

    weights: NDArray[np.float64]
    bias: float
    accuracy: float  # on the validation parts

    def probability(self, vectors: NDArray[np.float64]) -> NDArray[np.float64]:
        return np.asarray(1 / (1 + np.exp(-(vectors @ self.weights + self.bias))), np.float64)


def fit_gate(texts: dict[str, list[str]], vectors: dict[str, NDArray[np.float32]]) -> Gate:
    """The gate on the train parts of ``texts`` (corpus name -> texts); accuracy on validation."""
    from sklearn.linear_model import LogisticRegression

    rows: dict[str, tuple[list[NDArray[np.float32]], list[bool]]] = {
        "train": ([], []),
        "validation": ([], []),
    }
    for name, corpus in texts.items():
        for text in corpus:
            where = data.part(text)
            if where in rows:
                rows[where][0].append(vectors[text])
                rows[where][1].append(name in NEWS_CORPORA)
    x, y = (np.array(rows["train"][0], np.float64), np.array(rows["train"][1]))
    model = LogisticRegression(C=GATE_C, class_weight="balanced", max_iter=3000).fit(x, y)
    gate = Gate(np.asarray(model.coef_[0], np.float64), float(model.intercept_[0]), 0.0)
    x_val, y_val = np.array(rows["validation"][0], np.float64), np.array(rows["validation"][1])
    accuracy = float(np.mean((gate.probability(x_val) >= 0.5) == y_val))
    return Gate(gate.weights, gate.bias, accuracy)


def _logistic(c: float) -> Any:
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(
        C=c, solver="liblinear", class_weight="balanced", max_iter=3000, random_state=SEED
    )


def fit_news_head(rows: list[data.Labelled], vectors: dict[str, NDArray[np.float32]]) -> NewsHead:
    """The news head on SOCC comments ``rows``, ``C`` by repeated cross-validation."""
    from sklearn.model_selection import StratifiedKFold

    from newsift.comments.train import auc

    x = np.array([vectors[row.text] for row in rows], dtype=np.float64)
    y = np.array([row.labels["toxic"] for row in rows], dtype=np.bool_)
    best: tuple[float, float, NDArray[np.float64]] | None = None
    for c in NEWS_C_GRID:
        scores, folds = [], []
        for repeat in range(REPEATS):
            predicted = np.zeros(len(y))
            splitter = StratifiedKFold(FOLDS, shuffle=True, random_state=SEED + repeat)
            for train, held in splitter.split(x, y):
                model = _logistic(c).fit(x[train], y[train])
                predicted[held] = model.decision_function(x[held])
            scores.append(auc(predicted, y))
            folds.append(predicted)
        mean = float(np.mean(scores))
        if best is None or mean > best[0]:
            best = (mean, c, np.mean(folds, axis=0))
    assert best is not None
    cv_auc, c, out_of_fold = best
    model = _logistic(c).fit(x, y)
    return NewsHead(
        dense=np.asarray(model.coef_[0], dtype=np.float64),
        bias=float(model.intercept_[0]),
        c=c,
        cv_auc=cv_auc,
        texts=[row.text for row in rows],
        labels=y,
        out_of_fold=out_of_fold,
    )


@dataclass(frozen=True, slots=True)
class BlendSet:
    """One set ``beta`` is judged on: the pooled head's raw scores and the news head's."""

    name: str
    pooled: NDArray[np.float64]
    news: NDArray[np.float64]
    gold: NDArray[np.bool_]


def _best_macro_f1(scores: NDArray[np.float64], gold: NDArray[np.bool_]) -> float:
    from newsift.comments.train import macro_f1

    grid = np.quantile(scores, np.linspace(0.05, 0.95, 91))
    return max(macro_f1(scores, gold, float(t)) for t in grid)


def choose_beta(sets: list[BlendSet], log: Callable[[str], None]) -> float:
    """The ``beta`` of :data:`BETA_GRID` chosen by the rule in the module docstring.

    ``sets`` holds ``socc``, ``olid`` and ``ucc``.
    """
    from newsift.comments.train import auc

    olid = next(s for s in sets if s.name == "olid")
    floor = _best_macro_f1(olid.pooled, olid.gold) - OLID_TOLERANCE
    best = (-1.0, 0.0)
    for beta in BETA_GRID:
        aucs = {s.name: auc(s.pooled + beta * s.news, s.gold) for s in sets}
        olid_f1 = _best_macro_f1(olid.pooled + beta * olid.news, olid.gold)
        mean = float(np.mean(list(aucs.values())))
        allowed = olid_f1 >= floor
        log(
            f"offensive + {beta:.1f} x gated news: "
            + "  ".join(f"{name} AUC {value:.3f}" for name, value in aucs.items())
            + f"  mean {mean:.3f}  OLID macro-F1 {olid_f1:.3f}{'' if allowed else ' (too low)'}"
        )
        if allowed and mean > best[0]:
            best = (mean, beta)
    return best[1]


@dataclass(frozen=True, slots=True)
class BlendContext:
    """What choosing ``beta`` reads besides the news head: the pooled head, the gate, the data.

    ``head`` is the pooled head's training data (its validation part gives
    the UCC rows); ``vectors`` maps comment text to its MiniLM vector.
    """

    pooled: Head
    gate: Gate
    head: HeadData
    ucc: list[data.Labelled]
    olid: list[data.Olid]
    cache: FeatureCache
    vectors: dict[str, NDArray[np.float32]]

    def scores(self, texts: list[str]) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        """Pooled raw scores and gate probabilities of ``texts``."""
        v = np.array([self.vectors[t] for t in texts], dtype=np.float64)
        return self.pooled.raw(self.cache.matrix(texts), v), self.gate.probability(v)


def blend_sets(context: BlendContext, news: NewsHead) -> list[BlendSet]:
    """SOCC (out-of-fold news scores), OLID validation and UCC validation; news scores gated."""
    socc_pooled, socc_gate = context.scores(news.texts)
    out = [BlendSet("socc", socc_pooled, socc_gate * news.out_of_fold, news.labels)]
    in_validation = set(context.head.texts["validation"])
    olid_rows = [t for t in context.olid if data.part(t.text) == "validation"]
    ucc_rows = [
        r
        for r in context.ucc
        if r.text in in_validation
        and (r.labels["hostile"] or r.labels["antagonize"] or not r.labels["unhealthy"])
    ]
    ucc_gold = [r.labels["hostile"] or r.labels["antagonize"] for r in ucc_rows]
    for name, texts, gold in (
        ("olid", [t.text for t in olid_rows if t.text in context.vectors],
         [t.a == "OFF" for t in olid_rows if t.text in context.vectors]),
        ("ucc", [r.text for r in ucc_rows], ucc_gold),
    ):  # fmt: skip
        pooled, gate = context.scores(texts)
        v = np.array([context.vectors[t] for t in texts], dtype=np.float64)
        out.append(BlendSet(name, pooled, gate * news.raw(v), np.array(gold, dtype=np.bool_)))
    return out


def news_part(news: NewsHead, gate: Gate, beta: float) -> NewsPart:
    """The term the shipped model adds to ``offensive``: ``beta * gate * news``."""
    return NewsPart(
        gate=gate.weights.astype(np.float32),
        gate_bias=gate.bias,
        dense=news.dense.astype(np.float32),
        bias=news.bias,
        beta=beta,
    )


def nested_auc(socc: list[data.Labelled], context: BlendContext, seed: int = SEED) -> float:
    """AUC of ``pooled + beta * gate * news`` on SOCC, each comment scored by unseeing folds.

    For the benchmark: SOCC's fixed test part has 35 toxic comments, so its AUC
    is loose (a 95 % bootstrap interval about 0.2 wide). Here all of ``socc``
    is split in :data:`FOLDS` outer folds; on each, the news head (with its
    inner cross-validation for ``C``) and ``beta`` are chosen on the other
    folds exactly as in training, and the held-out fold is scored. The
    context's pooled head must not have seen SOCC (the MiniLM model's does not).
    """
    from sklearn.model_selection import StratifiedKFold

    from newsift.comments.train import auc

    x = np.array([context.vectors[row.text] for row in socc], dtype=np.float64)
    y = np.array([row.labels["toxic"] for row in socc], dtype=np.bool_)
    base, gated = context.scores([row.text for row in socc])
    predicted = np.zeros(len(y))
    splitter = StratifiedKFold(FOLDS, shuffle=True, random_state=seed)
    for train, held in splitter.split(x, y):
        found = fit_news_head([socc[i] for i in train], context.vectors)
        beta = choose_beta(blend_sets(context, found), lambda _: None)
        predicted[held] = base[held] + beta * gated[held] * found.raw(x[held])
    return auc(predicted, y)
