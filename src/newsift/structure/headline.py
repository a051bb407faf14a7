"""The headline ranker for page dumps: which title-like line is the page's headline.

On rendered real pages the headline often sits tens or hundreds of lines down,
under menus, and the line model's headline probability is small there. The
rules of :mod:`newsift.structure.dump` pick the line above the first running
text; this ranker weighs every title-like line of the page's top with a small
logistic regression over cues a reader uses (shape, where it sits against the
first run of body lines, whether the page repeats it in a title or share line,
a dateline or byline beside it, its words in the text under it, the line
model's probabilities) and overrules the rules only when it is confident.

The weights (``headline-v2.npz``, trained by ``python -m training.headlines``)
are checked against the SHA-256 in their card before use; without the file
the rules decide alone.
"""

from __future__ import annotations

import io
import math
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import numpy as np
from numpy.typing import NDArray

from newsift.errors import ModelError
from newsift.models import REINSTALL, ModelArrays, build_model, load_model
from newsift.text.header import parse_byline, person_name
from newsift.text.lines import SHARE_VERBS, is_ui

MODEL_FILE = "headline-v2.npz"
CARD_FILE = "headline-v2.md"
MAX_LINES = 300  # non-blank lines at the top searched for candidates
MIN_WORDS, MAX_WORDS = 2, 30
MAX_CHARS = 250
PROSE_WORDS = 15  # as in dump.py: a line of running text
FOLLOWING = 15  # lines under a candidate whose words it may share
NEAR = 4  # lines either side searched for a dateline or byline
HEAD_LABELS = ("dateline", "byline")
#: the line model's labels whose probabilities the ranker reads
PROB_LABELS = ("headline", "body", "other", *HEAD_LABELS)
_FOLD = re.compile(r"[\W_]+")
_FOLD_LINES = re.compile(r"(?:[^\w\n]|_)+")  # as _FOLD, line by line in one pass
QUOTES = "\"'„“”‚‘’«»‹›"
_SHA = re.compile(r"SHA-256\W+([0-9a-f]{64})")

FEATURES = (
    "log_words", "log_chars", "ends_sentence", "title_case", "all_upper", "opens_quote",
    "above_text", "log_lines_above", "log_lines_below", "just_above", "log_titles_between",
    "repeated", "near_head_after", "near_head_before", "overlap_after", "p_headline",
    "log_p_headline", "p_body", "p_other", "decided_headline", "rules_choice", "log_position",
    "first_line", "best_p_headline", "name_or_byline", "picture_credit", "share_words",
)  # fmt: skip
#: a picture's credit or label in a caption: "©", "Foto:", "Mike Blake/Reuters files"
_PICTURE_CREDIT = re.compile(
    r"©|\b(?:photo|foto|bild|image|picture|credit|crédit|fotos?|imago|getty images|shutterstock)"
    r"\s*:|\b\w+/(?:reuters|ap|afp|dpa|epa|getty|ansa|efe)\b|\bfiles?\s*$",
    re.I,
)
#: words of sharing, printing and mailing buttons in the common European languages
_BUTTON_WORDS = """
    tweet twitter facebook whatsapp linkedin pinterest telegram reddit email mail
    print drucken imprimer imprimir stampa afdrukken drukuj
"""
SHARE_WORDS = frozenset(SHARE_VERBS) | frozenset(_BUTTON_WORDS.split())


#: lines no reader takes for a page's headline, whatever the rules or the ranker make of
#: them (read at the line's start): breadcrumbs, picture credits and sources, skip links
#: and image buttons, time lines
_NOT_HEADLINE = re.compile(
    r"(?:sie sind hier|you are here|vous êtes ici|usted está en|estás en|jesteś tutaj)\b"
    r"|(?:quelle|source|fuente|fonte|crédits?|credits?|photo|foto|fotos|bild|image)\s*:"
    r"|(?:photo(?:graph)?s? by|fotos? von|photo de)\b"
    r"|(?:direkt zum inhalt|zum inhalt springen|skip to (?:main )?content|navigation und service"
    r"|bild vergrößern|zum vergrößern anklicken|article history)$"
    r"|(?:[^\W\d]+,?\s+)?\d{1,2}:\d{2}\b",  # a time line: "dzisiaj, 08:07 ...", "3:59 PM"
    re.I,
)
#: a picture agency after a slash ("smolaw11/iStock", "Mike Blake/Reuters")
_AGENCY_SLASH = re.compile(
    r"\b\w+/(?:reuters|ap|afp|dpa|epa|getty|ansa|efe|istock|shutterstock)\b", re.I
)
_FOT = re.compile(r"\bfot\.\s")
_CREDIT_ENDS = ("getty images", "shutterstock", "istock", "imago images")
#: a step of a breadcrumb path ("Home » Politik » Land"; "home / Betrieb / IT")
_PATH_STEP = re.compile(r"\s(?:»|›+|>+|/|\|)\s")
#: a short line of figures is no headline: "257,48 g", "7 von 8", "12 References", "EURO 2020"
MAX_FIGURE_WORDS = 3
FIGURE_SHARE = 0.8  # ... nor any line whose words are nearly all figures


def never_headline(text: str) -> bool:
    """A line no reader takes for the page's headline: a breadcrumb ("Sie sind hier: »
    Home » Presse"; two or more path steps), a picture's credit or source ("Photo :
    YONHAP News", "Quelle: Juergen Hasenkopf", "(smolaw11/iStock)"), a skip link or
    image button, a tag list ("ARD , Demonstrationen , Neu"), or a line of figures."""
    if _NOT_HEADLINE.match(text) or text.count(" , ") >= 2 or "©" in text:
        return True
    lower = text.lower()
    if lower.rstrip(" )").endswith(_CREDIT_ENDS) or ("fot." in lower and _FOT.search(lower)):
        return True
    if "/" in text and _AGENCY_SLASH.search(text):
        return True
    if len(_PATH_STEP.findall(text)) >= 2:
        return True
    words = text.split()
    # "45" and "257,48" are figures; "M45", "5G" and "3D-Druck" are names
    figures = sum(word[:1].isdigit() and not any(c.isalpha() for c in word) for word in words)
    if len(words) <= MAX_FIGURE_WORDS:
        return 2 * figures >= len(words)
    return figures >= FIGURE_SHARE * len(words)


def fold(text: str) -> str:
    """Lower case, punctuation as spaces: how headlines are compared."""
    return _FOLD.sub(" ", text.lower()).strip()


def is_candidate(text: str) -> bool:
    """Could be a headline: a few words, no clause punctuation at its end, no UI label."""
    words = len(text.split())
    return (
        MIN_WORDS <= words <= MAX_WORDS
        and len(text) <= MAX_CHARS
        and not text.endswith((",", ";", ":"))
        and not is_ui(text)
    )


def _ends_sentence(text: str) -> bool:
    return text.rstrip(" \"'”’»)").endswith((".", "!", "?", "…"))


def _title_case(text: str) -> bool:
    return all(word[:1].isupper() for word in text.split() if len(word) > 3 and word[0].isalpha())


def first_text_line(texts: list[str], decided: list[str] | None) -> int:
    """The first line of running text or of decided body; ``len(texts)`` if none."""
    for i, text in enumerate(texts):
        if (decided is not None and decided[i] == "body") or (
            len(text.split()) >= PROSE_WORDS and _ends_sentence(text)
        ):
            return i
    return len(texts)


@dataclass(frozen=True, slots=True)
class PageView:
    """What the ranker reads of a page: its non-blank lines and the line model's say.

    ``probs`` maps label to one probability per line; ``decided`` is each line's
    label from the model's sequence step (both None without a line model);
    ``rules_choice`` is the index of the rules' headline, if any."""

    texts: list[str]
    probs: dict[str, NDArray[np.float32]] | None = None
    decided: list[str] | None = None
    rules_choice: int | None = None


def candidate_features(view: PageView) -> tuple[list[int], NDArray[np.float32]]:
    """The candidate lines' indices and one feature row each (columns: ``FEATURES``)."""
    texts = view.texts[:MAX_LINES]
    candidates = [i for i, text in enumerate(texts) if is_candidate(text)]
    if not candidates:
        return [], np.zeros((0, len(FEATURES)), dtype=np.float32)
    first = first_text_line(texts, view.decided)
    reach = min(len(texts), candidates[-1] + 1 + FOLLOWING)
    folded = [
        line.strip() for line in _FOLD_LINES.sub(" ", "\n".join(texts[:reach]).lower()).split("\n")
    ]
    page = "\n".join(folded)
    words = [{word for word in line.split() if len(word) >= 4} for line in folded]
    probs = {label: view.probs[label].tolist() for label in PROB_LABELS} if view.probs else None
    zeros = [0.0] * len(texts)
    p_head = probs["headline"] if probs else zeros
    head = (
        [d + b for d, b in zip(probs["dateline"], probs["byline"], strict=True)] if probs else zeros
    )
    best_p = max(candidates, key=p_head.__getitem__) if probs else -1
    titles_above_text = [i for i in candidates if i < first]
    rows = []
    for i in candidates:
        text = texts[i]
        above = first - i
        own = words[i]
        shared = set().union(*words[i + 1 : i + 1 + FOLLOWING]) & own if own else own
        p = p_head[i]
        rows.append(
            [
                math.log1p(len(text.split())),
                math.log1p(len(text)) / 5,
                float(_ends_sentence(text)),
                float(_title_case(text)),
                float(text.isupper()),
                float(text[:1] in QUOTES),
                float(above > 0),
                math.log1p(max(above, 0)),
                math.log1p(max(-above, 0)),
                float(0 < above <= 3),
                math.log1p(sum(1 for j in titles_above_text if i < j)),
                float(bool(folded[i]) and page.count(folded[i]) > 1),
                max(head[i + 1 : i + 1 + NEAR], default=0.0),
                max(head[max(0, i - NEAR) : i], default=0.0),
                len(shared) / len(own) if own else 0.0,
                p,
                math.log(max(p, 1e-6)) / 10,
                probs["body"][i] if probs else 0.0,
                probs["other"][i] if probs else 0.0,
                float(view.decided is not None and view.decided[i] == "headline"),
                float(view.rules_choice == i),
                math.log1p(i) / 5,
                float(i == 0),
                float(i == best_p),
                float(person_name(text) is not None or parse_byline(text) is not None),
                float(_PICTURE_CREDIT.search(text) is not None),
                float(not SHARE_WORDS.isdisjoint(folded[i].split())),
            ]
        )
    return candidates, np.array(rows, dtype=np.float32)


@dataclass(frozen=True, slots=True)
class HeadlineRanker:
    """Logistic weights over ``FEATURES``; ``threshold`` and ``margin`` decide when
    its top line overrules the rules' choice."""

    weights: NDArray[np.float32]
    bias: float
    threshold: float
    margin: float

    def scores(self, rows: NDArray[np.float32]) -> NDArray[np.float32]:
        """Each candidate's probability of being the headline."""
        logits = rows @ self.weights + self.bias
        return np.asarray(1 / (1 + np.exp(-logits)), dtype=np.float32)

    def choose(self, view: PageView) -> int | None:
        """The index of the line to take as headline instead of the rules' choice,
        or None to keep the rules' (not confident enough, or the same line)."""
        candidates, rows = candidate_features(view)
        if not candidates:
            return None
        scores = self.scores(rows)
        top = int(scores.argmax())
        while scores[top] >= self.threshold and never_headline(view.texts[candidates[top]]):
            scores[top] = 0.0  # the next best line, when this one can be no headline
            top = int(scores.argmax())
        if candidates[top] == view.rules_choice or scores[top] < self.threshold:
            return None
        kept = (
            float(scores[candidates.index(view.rules_choice)])
            if view.rules_choice in candidates and not never_headline(view.texts[view.rules_choice])
            else 0.0
        )
        return candidates[top] if scores[top] - kept >= self.margin else None

    def arrays(self) -> dict[str, Any]:
        return {
            "weights": self.weights,
            "bias": np.array([self.bias], dtype=np.float32),
            "decision": np.array([self.threshold, self.margin], dtype=np.float32),
            "features": np.array(FEATURES),
        }

    @classmethod
    def from_arrays(cls, data: ModelArrays) -> HeadlineRanker:
        if tuple(str(x) for x in data["features"]) != FEATURES:
            raise ValueError("headline ranker weights do not match this version's features")
        decision = data["decision"].astype(float)
        return cls(
            data["weights"].astype(np.float32).reshape(len(FEATURES)),
            float(data["bias"][0]),
            float(decision[0]),
            float(decision[1]),
        )


def card_sha256(card: str) -> str | None:
    """The SHA-256 a model card gives for its file, or None."""
    found = _SHA.search(card)
    return found.group(1) if found else None


@cache
def shipped_ranker() -> HeadlineRanker | None:
    """The shipped ranker, or None when its file is not installed (the rules decide).

    A file whose SHA-256 differs from its card's, or that cannot be read, is a
    :class:`~newsift.errors.ModelError`."""
    folder = resources.files("newsift.models")
    source, card = folder.joinpath(MODEL_FILE), folder.joinpath(CARD_FILE)
    if not source.is_file():
        return None
    wanted = card_sha256(card.read_text(encoding="utf-8")) if card.is_file() else None
    if wanted is None:
        raise ModelError(f"model card {CARD_FILE} gives no SHA-256 for {MODEL_FILE}; {REINSTALL}")
    return load_model(MODEL_FILE, None, HeadlineRanker.from_arrays, sha256=wanted)


def load_ranker_bytes(raw: bytes, where: str) -> HeadlineRanker:
    """A ranker from an npz file's bytes (arrays only, never pickles)."""

    try:
        with np.load(io.BytesIO(raw), allow_pickle=False) as data:
            arrays = ModelArrays(dict(data), where)
    except Exception as exc:  # any failure to read the file is damage
        raise ModelError(f"model file {where} cannot be read ({exc}); {REINSTALL}") from exc
    return build_model(arrays, HeadlineRanker.from_arrays)
