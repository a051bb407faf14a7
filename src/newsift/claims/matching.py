"""Fact-check matching: look a claim up in a local archive of verified claims.

The archive is not shipped; :func:`build_index` indexes any iterable of
:class:`FactCheck` records (:mod:`newsift.claims.claimreview` reads them from
ClaimReview JSON-LD, JSON Lines, HTML pages and WARC files). Each record's text
(its claim, plus its title when ``use_title``) is turned into two TF-IDF
vectors, each of unit length: character 3- to 5-grams of the space-padded words
(n-grams never cross a word boundary) and word unigrams plus bigrams;
sub-linear term frequency, smoothed IDF fitted on the archive. The TF-IDF
cosine of a record is the weighted sum of the two cosines, ``char_weight * char
+ (1 - char_weight) * word``, which is the cosine of the concatenated,
re-weighted vectors.

With the ``minilm`` extra, :func:`build_index` can also store each record's
all-MiniLM-L6-v2 vector (``encoder=``); searches then rank by the fused score:
each cosine list is standardised (z-score over the archive) and the two are
added, so a record both methods rank high wins. Without the encoder at query
time, or in an index built without vectors, TF-IDF alone ranks.

What a search returns is not that ranking score but a calibrated probability
(:class:`MatchCalibration`, fitted on CheckThat! 2022 2A train queries) over
the candidates' raw cosines, which mean the same in every search; candidates
are re-ranked by it and those below the calibrated floor are dropped, so a
claim that was never checked gets no match (:func:`select_matches`).

The index is an inverted file (per term: record numbers and weights) held in
NumPy arrays; :meth:`MatchIndex.save` writes it with the record metadata as
parallel unicode arrays to ``.npz``, :meth:`MatchIndex.load` reads it with
``allow_pickle=False``. Building, loading and searching need only NumPy.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from newsift.encoders import Encoder
from newsift.errors import ModelError

INDEX_VERSION = 3
READABLE_VERSIONS = (1, 2, 3)  # version 1: no dense vectors; before 3: no outlet
CHAR_NGRAMS = (3, 4, 5)
MAX_CHARS = 2000
DEFAULT_CHAR_WEIGHT = 0.6

_URL = re.compile(r"https?://\S+|pic\.twitter\.com/\S+|www\.\S+", re.IGNORECASE)
_TAG = re.compile(r"[#@](\w+)")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z0-9])")
_TOKEN = re.compile(r"\w+(?:['’]\w+)*", re.UNICODE)
_SPACE = re.compile(r"\s+")
_FIELDS = ("id", "claim", "rating", "url", "date", "title", "outlet")


@dataclass(frozen=True, slots=True)
class FactCheck:
    """One verified claim: ``claim`` is the checked statement, ``rating`` the verdict."""

    id: str
    claim: str
    rating: str = ""
    url: str = ""
    date: str = ""
    title: str = ""
    outlet: str = ""  # who published the check: a publisher's name or the site's host


def clean(text: str) -> str:
    """Lower-cased text without URLs, spaces folded.

    A tweet's embed attribution ("— Name (@handle) January 6, 2020") is kept: on
    the CheckThat! train queries it helps (it often names whom a check is about).

    Hashtags and handles lose their sign and are split at case changes:
    ``#AustralianFires`` -> ``australian fires``.
    """
    text = _URL.sub(" ", text[:MAX_CHARS])
    text = _TAG.sub(lambda tag: _CAMEL.sub(" ", tag.group(1)), text)
    return _SPACE.sub(" ", text.lower().replace("’", "'")).strip()


def _terms(text: str) -> tuple[Counter[str], Counter[str]]:
    """Character n-gram counts and word uni/bigram counts of one text."""
    words = _TOKEN.findall(clean(text))
    word_counts: Counter[str] = Counter(words)
    word_counts.update(a + " " + b for a, b in pairwise(words))
    char_counts: Counter[str] = Counter()
    for word in words:
        padded = " " + word + " "
        for n in CHAR_NGRAMS:
            char_counts.update(padded[i : i + n] for i in range(len(padded) - n + 1))
    return char_counts, word_counts


def _document(record: FactCheck, use_title: bool) -> str:
    if use_title and record.title and record.title not in record.claim:
        return record.claim + " . " + record.title
    return record.claim


def _block(counts: Counter[str], prefix: str, idf: dict[str, float]) -> dict[str, float]:
    weighted = {
        prefix + term: (1.0 + math.log(n)) * idf[prefix + term]
        for term, n in counts.items()
        if prefix + term in idf
    }
    norm = math.sqrt(sum(v * v for v in weighted.values()))
    return {k: v / norm for k, v in weighted.items()} if norm else {}


@dataclass(frozen=True, slots=True)
class MatchCalibration:
    """A logistic model of "this candidate checks the same claim as the query", and a floor.

    ``probability = 1 / (1 + exp(-(intercept + sparse * s + dense * d)))`` with
    ``s`` the candidate's TF-IDF cosine and ``d`` its MiniLM cosine (``dense``
    is 0 for TF-IDF alone). Cosines have a fixed meaning, unlike the fused
    z-score, so a probability means the same in every search and every archive.
    ``floor`` is the lowest probability shown.
    """

    intercept: float
    sparse: float
    dense: float = 0.0
    floor: float = 0.5

    def probability(
        self, sparse: NDArray[np.float64], dense: NDArray[np.float64] | None
    ) -> NDArray[np.float64]:
        logit = self.intercept + self.sparse * sparse
        if dense is not None:
            logit = logit + self.dense * dense
        return np.asarray(1.0 / (1.0 + np.exp(-logit)), dtype=np.float64)


# Fitted by `python benchmarks/claims_matching.py --calibrate [--encoder minilm]` on the
# CheckThat! 2022 2A English TRAIN queries (996) against the 14,231 Snopes checks of
# vclaims.jsonl, each query asked twice: with its fact-check in the archive and with it
# removed; features of the five best candidates by the fused score (L2 1e-3). Each floor
# is the lowest of 0.30, 0.35, ..., 0.80 at which the train queries reach precision of
# shown matches >= 0.9 and "no match" on removed-target queries >= 0.9.
TFIDF_CALIBRATION = MatchCalibration(intercept=-7.841, sparse=23.918, floor=0.55)
FUSED_CALIBRATION = MatchCalibration(intercept=-12.15, sparse=13.447, dense=13.56, floor=0.45)
#: candidates (best by the fused score) that the calibrated probability re-ranks
CANDIDATES = 20


@dataclass(frozen=True, slots=True)
class MatchIndex:
    """An inverted TF-IDF index over fact-checks; see the module docstring."""

    records: tuple[FactCheck, ...]
    vocabulary: dict[str, int]
    idf: NDArray[np.float32]
    term_start: NDArray[np.int64]
    postings_doc: NDArray[np.int32]
    postings_weight: NDArray[np.float32]
    char_weight: float = DEFAULT_CHAR_WEIGHT
    use_title: bool = True
    dense: NDArray[np.float16] | None = None  # one unit vector per record (MiniLM), or None
    encoder: Encoder | None = field(default=None, compare=False, repr=False)

    def __len__(self) -> int:
        return len(self.records)

    def vector(self, text: str) -> dict[int, float]:
        """Term number -> weight of ``text``, unit length (empty if no known term)."""
        char_counts, word_counts = _terms(text)
        idf: dict[str, float] = {}
        for prefix, counts in (("c:", char_counts), ("w:", word_counts)):
            for term in counts:
                number = self.vocabulary.get(prefix + term)
                if number is not None:
                    idf[prefix + term] = float(self.idf[number])
        char_vec = _block(char_counts, "c:", idf)
        word_vec = _block(word_counts, "w:", idf)
        a, b = math.sqrt(self.char_weight), math.sqrt(1.0 - self.char_weight)
        if not char_vec or not word_vec:
            a = b = 1.0  # one block alone is already of unit length
        out = {self.vocabulary[t]: a * v for t, v in char_vec.items()}
        out.update({self.vocabulary[t]: b * v for t, v in word_vec.items()})
        return out

    def scores(self, text: str) -> NDArray[np.float64]:
        """The cosine of ``text`` with every record, in record order."""
        query = self.vector(text)
        if not query:
            return np.zeros(len(self.records), dtype=np.float64)
        terms = np.fromiter(query.keys(), dtype=np.int64, count=len(query))
        weights = np.fromiter(query.values(), dtype=np.float64, count=len(query))
        starts, ends = self.term_start[terms], self.term_start[terms + 1]
        lengths = ends - starts
        total = int(lengths.sum())
        if total == 0:
            return np.zeros(len(self.records), dtype=np.float64)
        # Positions of every posting of every query term, without a Python loop.
        offsets = np.repeat(starts - np.cumsum(lengths) + lengths, lengths)
        positions = offsets + np.arange(total, dtype=np.int64)
        contribution = self.postings_weight[positions].astype(np.float64) * np.repeat(
            weights, lengths
        )
        summed = np.bincount(
            self.postings_doc[positions], weights=contribution, minlength=len(self.records)
        )
        return summed.astype(np.float64)

    @property
    def fused(self) -> bool:
        """True when searches fuse TF-IDF with dense vectors."""
        return self.dense is not None and self.encoder is not None

    def cosines(self, text: str) -> tuple[NDArray[np.float64], NDArray[np.float64] | None]:
        """TF-IDF cosines with every record, and MiniLM cosines when :attr:`fused`."""
        sparse = self.scores(text)
        if self.dense is None or self.encoder is None:
            return sparse, None
        query = self.encoder.encode([text])[0].astype(np.float32)
        dense = (self.dense.astype(np.float32) @ query).astype(np.float64)
        return sparse, dense

    def fused_scores(self, text: str) -> NDArray[np.float64]:
        """TF-IDF cosine, or with dense vectors the sum of both z-scored cosines."""
        return fused_score(*self.cosines(text))

    def search(
        self, text: str, k: int = 5, *, floor: float | None = None
    ) -> list[tuple[FactCheck, float]]:
        """Up to ``k`` fact-checks of ``text``, best first, each with its match probability.

        Candidates are the :data:`CANDIDATES` records ranked first by
        :meth:`fused_scores`; each gets the probability that it checks the same
        claim (:data:`TFIDF_CALIBRATION` or, fused, :data:`FUSED_CALIBRATION`),
        they are ranked by it, and those below ``floor`` (default: the
        calibration's floor) are dropped, so an unrelated claim gets no match.
        ``floor=0`` keeps every candidate (for measuring the ranking).
        """
        if k <= 0 or not self.records:
            return []
        sparse, dense = self.cosines(text)
        return [(self.records[i], p) for i, p in select_matches(sparse, dense, k, floor)]

    def save(self, path: Path) -> None:
        terms = sorted(self.vocabulary, key=self.vocabulary.__getitem__)
        arrays: dict[str, NDArray[np.generic]] = {
            "record_" + name: np.array([getattr(r, name) for r in self.records], dtype=np.str_)
            for name in _FIELDS
        }
        arrays.update(
            version=np.array([INDEX_VERSION], dtype=np.int64),
            char_weight=np.array([self.char_weight], dtype=np.float64),
            use_title=np.array([self.use_title], dtype=np.bool_),
            terms=np.array(terms, dtype=np.str_),
            idf=self.idf,
            term_start=self.term_start,
            postings_doc=self.postings_doc,
            postings_weight=self.postings_weight,
        )
        if self.dense is not None:
            arrays["dense"] = self.dense
        np.savez_compressed(path, allow_pickle=False, **arrays)

    @classmethod
    def load(cls, path: Path, *, encoder: Encoder | None = None) -> MatchIndex:
        """An index written by :meth:`save`; refuses other versions or inconsistent arrays.

        Searches fuse in the stored dense vectors only when ``encoder`` is given.
        """
        try:
            with np.load(path, allow_pickle=False) as data:
                arrays = dict(data)
            return cls._from_arrays(path, arrays, encoder)
        except ModelError:
            raise
        except Exception as exc:  # truncated, foreign, a missing or misshapen array
            reason = "inconsistent arrays" if isinstance(exc, ValueError) else type(exc).__name__
            raise ModelError(
                f"cannot read the match index {path}: not a valid index file ({reason}); "
                "rebuild it with 'newsift claims index'"
            ) from exc

    @classmethod
    def _from_arrays(
        cls, path: Path, arrays: dict[str, NDArray[np.generic]], encoder: Encoder | None
    ) -> MatchIndex:
        if int(arrays["version"][0]) not in READABLE_VERSIONS:
            raise ModelError(
                f"{path}: match index version {int(arrays['version'][0])} is not one this "
                "newsift reads; rebuild it with 'newsift claims index'"
            )
        count = arrays["record_id"].shape[0]
        columns = [
            [""] * count
            if name == "outlet" and "record_outlet" not in arrays  # an index before version 3
            else arrays["record_" + name].tolist()
            for name in _FIELDS
        ]
        records = tuple(FactCheck(*(str(c) for c in row)) for row in zip(*columns, strict=True))
        terms: list[str] = [str(t) for t in arrays["terms"].tolist()]
        term_start = arrays["term_start"].astype(np.int64)
        postings_doc = arrays["postings_doc"].astype(np.int32)
        ok = (
            term_start.shape == (len(terms) + 1,)
            and arrays["idf"].shape == (len(terms),)
            and int(term_start[-1]) == postings_doc.size == arrays["postings_weight"].size
            and (postings_doc.size == 0 or int(postings_doc.max()) < len(records))
        )
        dense = arrays.get("dense")
        if dense is not None and (dense.ndim != 2 or dense.shape[0] != len(records)):
            ok = False
        if not ok:
            raise ValueError(f"{path}: inconsistent match index arrays")
        return cls(
            records=records,
            vocabulary={t: i for i, t in enumerate(terms)},
            idf=arrays["idf"].astype(np.float32),
            term_start=term_start,
            postings_doc=postings_doc,
            postings_weight=arrays["postings_weight"].astype(np.float32),
            char_weight=float(arrays["char_weight"][0]),
            use_title=bool(arrays["use_title"][0]),
            dense=None if dense is None else dense.astype(np.float16),
            encoder=encoder,
        )


def build_index(
    records: Iterable[FactCheck],
    *,
    char_weight: float = DEFAULT_CHAR_WEIGHT,
    use_title: bool = True,
    min_df: int = 1,
    encoder: Encoder | None = None,
) -> MatchIndex:
    """An index over ``records`` (IDF fitted on them); ``char_weight`` in [0, 1].

    With an ``encoder`` each record's text is also encoded and stored as float16.
    """
    if not 0.0 <= char_weight <= 1.0:
        raise ValueError("char_weight must be in [0, 1]")
    kept = tuple(records)
    counted = [_terms(_document(r, use_title)) for r in kept]
    df: Counter[str] = Counter()
    for char_counts, word_counts in counted:
        df.update("c:" + t for t in char_counts)
        df.update("w:" + t for t in word_counts)
    terms = sorted(t for t, n in df.items() if n >= min_df)
    n_docs = len(kept)
    idf = {t: math.log((1 + n_docs) / (1 + df[t])) + 1.0 for t in terms}
    vocabulary = {t: i for i, t in enumerate(terms)}
    a, b = math.sqrt(char_weight), math.sqrt(1.0 - char_weight)
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    for doc, (char_counts, word_counts) in enumerate(counted):
        char_vec = _block(char_counts, "c:", idf)
        word_vec = _block(word_counts, "w:", idf)
        ca, wb = (a, b) if char_vec and word_vec else (1.0, 1.0)
        for vec, scale in ((char_vec, ca), (word_vec, wb)):
            for term, value in vec.items():
                rows.append(doc)
                cols.append(vocabulary[term])
                vals.append(scale * value)
    col = np.array(cols, dtype=np.int64)
    order = np.argsort(col, kind="stable")
    term_start = np.zeros(len(terms) + 1, dtype=np.int64)
    np.cumsum(np.bincount(col, minlength=len(terms)), out=term_start[1:])
    return MatchIndex(
        records=kept,
        vocabulary=vocabulary,
        idf=np.array([idf[t] for t in terms], dtype=np.float32),
        term_start=term_start,
        postings_doc=np.array(rows, dtype=np.int32)[order],
        postings_weight=np.array(vals, dtype=np.float32)[order],
        char_weight=char_weight,
        use_title=use_title,
        dense=(
            None
            if encoder is None
            else encoder.encode([_document(r, use_title) for r in kept]).astype(np.float16)
        ),
        encoder=encoder,
    )


def select_matches(
    sparse: NDArray[np.float64], dense: NDArray[np.float64] | None, k: int, floor: float | None
) -> list[tuple[int, float]]:
    """Record numbers and match probabilities of the best ``k`` at or above ``floor``
    (None: the calibrated floor).

    ``sparse`` and ``dense`` are a query's cosines with every record
    (:meth:`MatchIndex.cosines`); see :meth:`MatchIndex.search`.
    """
    if k <= 0 or sparse.size == 0:
        return []
    fused = fused_score(sparse, dense)
    count = min(max(k, CANDIDATES), fused.size)
    top = np.argpartition(-fused, count - 1)[:count]
    if dense is None:
        top = top[sparse[top] > 0.0]
    calibration = TFIDF_CALIBRATION if dense is None else FUSED_CALIBRATION
    probability = calibration.probability(sparse[top], None if dense is None else dense[top])
    order = np.lexsort((top, -probability))
    lowest = calibration.floor if floor is None else floor
    kept = [int(i) for i in order if probability[i] >= lowest][:k]
    return [(int(top[i]), float(probability[i])) for i in kept]


def match_rows(
    index: MatchIndex, text: str, k: int = 5, *, floor: float | None = None
) -> list[dict[str, str | float]]:
    """Matches of ``text`` at or above ``floor`` (None: calibrated) as JSON rows, best first.

    Each row: id, claim, rating (the verdict), outlet, url, date, score (the
    match probability); rating, outlet, url and date are empty when the
    archive does not have them.
    """
    return [
        {
            "id": fc.id,
            "claim": fc.claim,
            "rating": fc.rating,
            "outlet": fc.outlet,
            "url": fc.url,
            "date": fc.date,
            "score": round(score, 4),
        }
        for fc, score in index.search(text, k=k, floor=floor)
    ]


def fused_score(
    sparse: NDArray[np.float64], dense: NDArray[np.float64] | None
) -> NDArray[np.float64]:
    """The ranking score: the TF-IDF cosine alone, or the sum of both cosines' z-scores."""
    return sparse if dense is None else _z(sparse) + _z(dense)


def _z(scores: NDArray[np.float64]) -> NDArray[np.float64]:
    spread = float(scores.std())
    return (scores - float(scores.mean())) / spread if spread > 0 else scores * 0.0
