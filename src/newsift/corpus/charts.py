"""Static SVG charts for the corpus dashboard: bars on a real axis, and copy timelines.

Every chart starts its axis at zero and carries tick marks, tick labels and an
axis label with the unit, so a share of 0.33 reads as a third of the scale and
not as a full bar. The SVG is plain markup (no script, no ``style=``
attributes), so it draws under a CSP that allows nothing but the page's own
stylesheet, scales with its ``viewBox`` and prints. Every label from the corpus
is escaped.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from html import escape
from typing import Any

#: Width of the drawing in SVG units; the page scales it to its column.
WIDTH = 760
ROW = 22
LABEL_W = 290
RIGHT_PAD = 70
AXIS_H = 46


@dataclass(frozen=True, slots=True)
class Axis:
    """How values map to the bar length: from 0 to ``top``, ticks every ``step``."""

    top: float
    step: float
    percent: bool = False

    def ticks(self) -> list[float]:
        count = round(self.top / self.step)
        return [i * self.step for i in range(count + 1)]

    def label(self, value: float) -> str:
        if self.percent:
            return f"{value * 100:.0f}%"
        return f"{value:,.0f}" if self.step >= 1 else f"{value:,.2g}"


def nice_axis(largest: float, percent: bool = False) -> Axis:
    """An axis from zero past ``largest`` with 4 to 6 round ticks (1, 2 or 5 times 10^k).

    Shares (``percent``) always run 0 to 100%, so outlets compare on one scale.
    """
    if percent:
        return Axis(1.0, 0.2, percent=True)
    if largest <= 0 or not math.isfinite(largest):
        return Axis(1.0, 0.2 if largest < 1 else 1.0)
    raw = largest / 5
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    top = step * math.ceil(largest / step - 1e-9)
    return Axis(top, step)


def bar_chart(
    items: Sequence[tuple[str, float]],
    *,
    axis_label: str,
    title: str,
    percent: bool = False,
    value_text: Sequence[str] | None = None,
    starts: Sequence[float] | None = None,
) -> str:
    """Horizontal bars from zero on a labelled axis; ``axis_label`` names the unit.

    ``value_text`` replaces the printed value of each bar (e.g. "12 of 40"); ``starts``
    makes each bar a range from its start to its value (a span of time), on the same axis.
    """
    if not items:
        return '<p class="muted">(nothing to plot)</p>'
    axis = nice_axis(max(float(v) for _, v in items), percent)
    plot_w = WIDTH - LABEL_W - RIGHT_PAD
    height = ROW * len(items) + AXIS_H + 8
    parts = [_grid(axis, plot_w, ROW * len(items) + 4, axis_label)]
    for index, (label, value) in enumerate(items):
        y = index * ROW + 4
        begin = plot_w * max(0.0, min(float(starts[index]), axis.top)) / axis.top if starts else 0
        length = plot_w * max(0.0, min(float(value), axis.top)) / axis.top - begin
        shown = value_text[index] if value_text else axis_label_value(axis, float(value))
        parts.append(
            f'<text class="lbl" x="{LABEL_W - 8}" y="{y + 15}" text-anchor="end">'
            f"{escape(_clip(str(label), 38))}<title>{escape(str(label))}</title></text>"
            f'<rect class="bar" x="{LABEL_W + begin:.1f}" y="{y + 3}" '
            f'width="{length:.1f}" height="{ROW - 7}"/>'
            + _value_label(shown, begin, begin + length, y)
        )
    return _svg(title, height, "".join(parts))


def _value_label(text: str, begin: float, end: float, y: int) -> str:
    """The value beside its bar: after its end, else inside it (light on dark), else before
    its start: wherever it fits, so no label runs off the chart or onto a pale background."""
    wide = len(text) * 7.2
    x_end, x_begin = LABEL_W + end, LABEL_W + begin
    if x_end + 5 + wide <= WIDTH:
        return f'<text class="val" x="{x_end + 5:.1f}" y="{y + 15}">{escape(text)}</text>'
    if end - begin >= wide + 10 or x_begin - 5 - wide < LABEL_W:
        return (
            f'<text class="val-in" x="{x_end - 5:.1f}" y="{y + 15}" text-anchor="end">'
            f"{escape(text)}</text>"
        )
    return (
        f'<text class="val" x="{x_begin - 5:.1f}" y="{y + 15}" text-anchor="end">'
        f"{escape(text)}</text>"
    )


def axis_label_value(axis: Axis, value: float) -> str:
    """A bar's own value, as precise as its axis needs."""
    if axis.percent:
        return f"{value * 100:.0f}%"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.3g}"


@dataclass(frozen=True, slots=True)
class Spread:
    """One copy of a near-duplicate article on the timeline of its cluster."""

    outlet: str
    published: str | None
    similarity: float
    first: bool


def cluster_timeline(copies: Sequence[Mapping[str, Any]], number: int) -> str:
    """When each copy of cluster ``number`` appeared: days after the first-seen copy.

    One bar per copy, labelled with its outlet and date; the first-seen copy sits at
    zero and says so; each other bar ends with its similarity to the first.
    Copies without a date are listed with "no date" and no bar.
    """
    spread = [
        Spread(
            str(c.get("outlet") or "no outlet"),
            c.get("published") if isinstance(c.get("published"), str) else None,
            float(c.get("similarity") or 0.0),
            c.get("first") is True,
        )
        for c in copies
    ]
    start = min((d for d in (_date(s.published) for s in spread) if d), default=None)
    items, texts = [], []
    for copy in spread:
        day = _date(copy.published)
        offset = float((day - start).days) if day and start else 0.0
        items.append((f"{copy.outlet}, {copy.published or 'no date'}", offset))
        if copy.first:
            texts.append("first seen")
        elif day is None:
            texts.append(f"no date · similarity {copy.similarity:.2f}")
        else:
            texts.append(f"+{offset:.0f} d · similarity {copy.similarity:.2f}")
    outlets = len({s.outlet for s in spread})
    title = f"Cluster {number}: {len(spread)} copies in {outlets} outlets, by days after the first"
    chart = bar_chart(
        items, axis_label="days after the first-seen copy", title=title, value_text=texts
    )
    changes = "".join(
        f"<li>{escape(str(c.get('outlet') or 'no outlet'))}: "
        f'<span class="diff">{escape(_clip(str(c["diff"]), 200))}</span></li>'
        for c in copies
        if isinstance(c.get("diff"), str) and c["diff"]
    )
    if not changes:
        return chart
    return chart.replace(
        "</figcaption></figure>", f'</figcaption><ul class="changes">{changes}</ul></figure>', 1
    )


#: People drawn on the ledger timeline at most (flagged first, then the most quoted).
MAX_PEOPLE = 15


def ledger_timeline(ledger: Sequence[Mapping[str, Any]]) -> str:
    """When each person was quoted: a bar from their first to their last quote.

    Flagged people first, then the most quoted; the axis counts days from the earliest
    first quote drawn, and each bar ends with how many outlets and documents quote them.
    A person quoted on one day only gets a thin bar, so every row shows where it is.
    """
    spans = [(row, _span(row)) for row in ledger]
    dated = [(row, span) for row, span in spans if span is not None]
    if not dated:
        return '<p class="muted">No dated quotes of named people.</p>'
    dated.sort(key=lambda rs: (not rs[0].get("flags"), -_count(rs[0].get("documents"))))
    chosen = dated[:MAX_PEOPLE]
    origin = min(first for _, (first, _) in chosen)
    items, starts, texts = [], [], []
    for row, (first, last) in chosen:
        start = float((first - origin).days)
        starts.append(start)
        items.append((str(row.get("person") or "?"), max(float((last - origin).days), start + 0.4)))
        outlets = row.get("outlets")
        flag = " ⚑" if row.get("flags") else ""
        texts.append(
            f"{len(outlets) if isinstance(outlets, list) else 0} outlets, "
            f"{_count(row.get('documents'))} documents{flag}"
        )
    return bar_chart(
        items,
        axis_label=f"days since {origin.isoformat()} (from first to last quote)",
        title=f"When the {len(chosen)} most notable people were quoted (⚑ = flagged)",
        value_text=texts,
        starts=starts,
    )


def _span(row: Mapping[str, Any]) -> tuple[date, date] | None:
    first, last = row.get("first_seen"), row.get("last_seen")
    start = _date(first) if isinstance(first, str) else None
    end = _date(last) if isinstance(last, str) else None
    return (start, max(start, end or start)) if start else None


def _count(value: object) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _grid(axis: Axis, plot_w: int, plot_h: int, axis_label: str) -> str:
    """Gridlines, tick marks and tick labels under the plot, and the axis label."""
    out = [
        f'<line class="axis" x1="{LABEL_W}" y1="0" x2="{LABEL_W}" y2="{plot_h}"/>'
        f'<line class="axis" x1="{LABEL_W}" y1="{plot_h}" x2="{LABEL_W + plot_w}" y2="{plot_h}"/>'
    ]
    for tick in axis.ticks():
        x = LABEL_W + plot_w * tick / axis.top
        out.append(
            f'<line class="grid" x1="{x:.1f}" y1="0" x2="{x:.1f}" y2="{plot_h}"/>'
            f'<line class="axis" x1="{x:.1f}" y1="{plot_h}" x2="{x:.1f}" y2="{plot_h + 5}"/>'
            f'<text class="tick" x="{x:.1f}" y="{plot_h + 18}" text-anchor="middle">'
            f"{escape(axis.label(tick))}</text>"
        )
    out.append(
        f'<text class="axis-label" x="{LABEL_W + plot_w / 2:.1f}" y="{plot_h + 38}" '
        f'text-anchor="middle">{escape(axis_label)}</text>'
    )
    return "".join(out)


def _svg(title: str, height: int, body: str) -> str:
    return (
        f'<figure class="chart-box"><svg class="chart" role="img" viewBox="0 0 {WIDTH} {height}" '
        f'xmlns="http://www.w3.org/2000/svg" font-size="12.5"><title>{escape(title)}</title>'
        f"{body}</svg><figcaption>{escape(title)}</figcaption></figure>"
    )


def _date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
