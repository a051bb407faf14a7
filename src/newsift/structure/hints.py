"""Where the line classifier may overrule or extend the dump reader's rules
(:class:`LineHints`; see :mod:`newsift.structure.dump`): comment times and authors
the rules miss, the model's headline, lines it decides are no article text."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from newsift.structure import headline
from newsift.structure.headline import HeadlineRanker, shipped_ranker
from newsift.structure.layout import is_prose
from newsift.structure.linemodel import LineModel
from newsift.text.header import is_european_header
from newsift.text.lines import (
    Line,
    is_european_time,
    is_time,
    is_ui,
    labelled_time,
    name_of,
    split_comment_header,
)

# the line classifier's thresholds (see LineHints)
TIME_THRESHOLD = 0.6
EUROPEAN_FLOOR = 0.2  # see LineHints.doubts_european
AUTHOR_THRESHOLD = 0.6
HEADLINE_THRESHOLD = 0.3
JUNK_THRESHOLD = 0.0  # the decided label suffices
MODEL_HEADLINE_WINDOW = 40
MAX_MODEL_TIME_CHARS = 80
MAX_MODEL_NAME_CHARS = 60
MAX_JUNK_WORDS = 100
TEXT_AFTER_DATE = 3  # lines under a time line read for text (see LineHints.dates_text)
_SAYS_TAIL = re.compile(r"\s+(?:says|said|sagt|schreibt|meint|dit|dice|wrote|writes)\s*:?$", re.I)


@dataclass(slots=True)
class LineHints:
    """Where the line classifier may overrule or extend the rules.

    - a line the rules do not read as a time, but the model calls a comment
      time ("19.04.2016 um 20:55 Uhr"), opens a comment like a time line;
    - a line the model calls a comment author names the comment ("Yvonne sagt:");
    - with no dateline or byline to anchor the page's top, the model's likeliest
      headline among the first lines is the headline (menus above it are UI);
    - a body line the model decides is not article text (menus, footers,
      widgets, related links) becomes boilerplate.
    ``decided`` holds each line's label from the model's sequence step
    (:meth:`LineModel.decide`), ``probs`` the probabilities it weighed.
    Without a model every rule decides alone.
    """

    probs: dict[int, dict[str, float]] = field(default_factory=dict)
    decided: dict[int, str] = field(default_factory=dict)
    #: each non-blank line's non-blank neighbours (line indices; -1 at the page's ends)
    around: dict[int, tuple[int, int]] = field(default_factory=dict)
    #: lines of running text or decided body (see :meth:`is_junk`)
    text_like: set[int] = field(default_factory=set)
    #: the headline ranker (with a line model whose ranker file is installed)
    ranker: HeadlineRanker | None = None
    #: the line model's probabilities, one column a label, for the ranker
    columns: dict[str, NDArray[np.float32]] = field(default_factory=dict)

    @classmethod
    def of(
        cls, lines: list[Line], model: LineModel | None, *, rank_headline: bool = True
    ) -> LineHints:
        if model is None:
            return cls()
        nonblank = [line for line in lines if not line.blank]
        probs = model.predict_proba([line.text for line in nonblank])
        table = probs.tolist()  # exact floats
        labels = model.labels
        decided = model.decide(probs)
        ends = [-1, *(line.index for line in nonblank), -1]
        return cls(
            {
                line.index: dict(zip(labels, row, strict=True))
                for line, row in zip(nonblank, table, strict=True)
            },
            {line.index: label for line, label in zip(nonblank, decided, strict=True)},
            {line.index: (ends[n], ends[n + 2]) for n, line in enumerate(nonblank)},
            {
                line.index
                for line, label in zip(nonblank, decided, strict=True)
                if label == "body" or is_prose(line.text)
            },
            shipped_ranker() if rank_headline else None,
            {label: probs[:, labels.index(label)] for label in headline.PROB_LABELS},
        )

    def ranked_headline(self, nonblank: list[Line], ruled: str | None) -> Line | None:
        """The line the ranker takes as headline instead of the rules' ``ruled``, or None."""
        if self.ranker is None:
            return None
        chosen = self.ranker.choose(self.headline_view(nonblank, ruled))
        return nonblank[chosen] if chosen is not None else None

    def headline_view(self, nonblank: list[Line], ruled: str | None) -> headline.PageView:
        """What the headline ranker reads of the page (``ruled``: the rules' headline)."""
        shown = nonblank[: headline.MAX_LINES]
        return headline.PageView(
            [line.text for line in shown],
            {label: column[: len(shown)] for label, column in self.columns.items()} or None,
            [self.decided.get(line.index, "other") for line in shown] if self.decided else None,
            next((i for i, line in enumerate(shown) if line.text == ruled), None),
        )

    def _p(self, line: Line, label: str) -> float:
        return self.probs.get(line.index, {}).get(label, 0.0)

    def headline_probability(self, line: Line) -> float:
        return self._p(line, "headline")

    def is_time(self, line: Line) -> bool:
        if is_time(line.text):
            return not self.doubts_european(line, "comment_time")
        if labelled_time(line.text) is not None:  # "Posted on March 5, 2025"
            return not self.probs or self._p(line, "comment_time") >= EUROPEAN_FLOOR
        return (
            len(line.text) <= MAX_MODEL_TIME_CHARS
            and self._p(line, "comment_time") >= TIME_THRESHOLD
        )

    def doubts_european(self, line: Line, label: str) -> bool:
        """A date only the European tables read ("15.03.2023 | 06:00") that the model,
        when there is one, does not take for ``label``: on real pages such dates are
        as often list items and sidebars as comment times or datelines. The model
        vouches the same way for a labelled time ("Posted on March 5, 2025"), which
        dates related posts as often as comments."""
        return (
            bool(self.probs)
            and is_european_time(line.text)
            and self._p(line, label) < EUROPEAN_FLOOR
        )

    def doubts_european_header(self, line: Line) -> bool:
        """A dateline or byline only the European forms read is no header anchor when
        the model is there: the line above such an anchor is too often a menu item on
        real pages, where the model's headline is right more often (rendered dumps of
        the fitting sites: headline exact 0.412 without these anchors, 0.392 with
        them, even with the model vouching for each); the facts under the headline
        are still read."""
        return bool(self.probs) and is_european_header(line.text)

    def doubts_european_comment(self, line: Line) -> bool:
        """A name-and-time line only the European forms read ("Anna Schmidt sagt: 5.
        Januar 2020"), which the model (when there is one) gives under
        ``EUROPEAN_FLOOR`` of being a comment's author or time line."""
        return (
            bool(self.probs)
            and split_comment_header(line.text, european=False) is None
            and max(self._p(line, "comment_author"), self._p(line, "comment_time")) < EUROPEAN_FLOOR
        )

    def name_of(self, line: Line) -> str | None:
        name = name_of(line.text)
        if name is None and self._p(line, "comment_author") >= AUTHOR_THRESHOLD:
            cleaned = _SAYS_TAIL.sub("", line.text).strip(" :")
            if 0 < len(cleaned) <= MAX_MODEL_NAME_CHARS:
                return cleaned
        return name

    def name_across_blank(self, lines: list[Line], i: int, floor: int) -> Line | None:
        """In dumps that put a blank line between every block, the author line
        above a comment's time is one blank line up: the model may vouch for it."""
        if not self.probs or i - 2 < floor or not lines[i - 1].blank:
            return None
        candidate = lines[i - 2]
        if candidate.blank or is_ui(candidate.text):
            return None
        if self._p(candidate, "comment_author") < AUTHOR_THRESHOLD:
            return None
        return candidate if self.name_of(candidate) else None

    def headline(self, lines: list[Line]) -> Line | None:
        top = [line for line in lines if not line.blank][:MODEL_HEADLINE_WINDOW]
        if not self.probs or not top:
            return None
        for best in sorted(top, key=lambda line: self._p(line, "headline"), reverse=True):
            if self._p(best, "headline") < HEADLINE_THRESHOLD:
                return None
            if not headline.never_headline(best.text):
                return best  # the likeliest line that can be a headline
        return None

    def is_junk(self, line: Line) -> bool:
        """The model decides the line is no article text. Lines that end like a
        sentence stay text (a bio or a paragraph is the rules' to place), and so
        does a subheading (:meth:`_between_text`)."""
        return (
            self.decided.get(line.index) == "other"
            and len(line.text.split()) <= MAX_JUNK_WORDS
            and not line.text.rstrip("_*\"'”’) ").endswith((".", "!", "?"))
            and self._p(line, "other") >= JUNK_THRESHOLD
            and not self._between_text(line)
        )

    def dates_text(self, line: Line) -> bool:
        """A time line the model decides is no comment's time, over lines it decides
        are article text and none it decides belong to a comment: a date in the body
        ("April 3, 2019" over a section), which opens no comment."""
        if not self.decided or self.decided.get(line.index) == "comment_time":
            return False
        following: list[str] = []
        at = line.index
        while len(following) < TEXT_AFTER_DATE and (at := self.around.get(at, (-1, -1))[1]) >= 0:
            following.append(self.decided.get(at, "other"))
        return "body" in following and not any(x.startswith("comment") for x in following)

    def _between_text(self, line: Line) -> bool:
        """A subheading: title case, and both non-blank neighbours running text or
        decided body ("Who Pays More"; not "Newsletter abonnieren")."""
        before, after = self.around.get(line.index, (-1, -1))
        return before in self.text_like and after in self.text_like and _title_case(line.text)


def _title_case(text: str) -> bool:
    """Every word of four letters or more starts with a capital."""
    return all(word[:1].isupper() for word in text.split() if len(word) > 3 and word[0].isalpha())
