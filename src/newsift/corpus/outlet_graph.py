"""The outlet network as static SVG: outlets linked by copied text, shared experts, bylines.

Outlets sit on a circle, grouped by their outlet cluster (so a network of
outlets that copy each other sits together); a line joins two outlets that
published near-duplicates of one article (solid), quoted the same person
(dashed) or carry the same byline (dotted), thicker the more they share. Line
styles differ by dash pattern as well as colour, so the picture reads in black
and white on paper. No script: every line and circle carries a ``<title>``
saying what it counts, which a browser shows on hover.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from html import escape
from itertools import combinations
from typing import Any

#: Outlets drawn at most (the most linked, then the largest); the rest are counted.
MAX_OUTLETS = 36
SIZE = 900
RADIUS = 250

#: Outlets are drawn linked by experts when they share at least this many people (or as many
#: as the most-sharing pair, when fewer): one shared academic links half a corpus, a shared
#: circle of experts is the pattern to see. Every pair is in the SQLite export.
MIN_SHARED_EXPERTS = 3

#: (kind, what a link of that kind means, CSS class); the order they are drawn in.
LINK_KINDS = (
    ("text", "published near-duplicate copies", "l-text"),
    ("experts", "quoted the same person", "l-experts"),
    ("bylines", "carry the same byline", "l-bylines"),
)


@dataclass(frozen=True, slots=True)
class Link:
    a: str
    b: str
    kind: str
    weight: int


def outlet_links(result: Mapping[str, Any]) -> list[Link]:
    """Every pair of outlets that share copies, experts or bylines, with how many."""
    counts: dict[str, Counter[tuple[str, str]]] = {kind: Counter() for kind, _, _ in LINK_KINDS}
    clusters: dict[Any, set[str]] = {}
    for row in _rows(result, "duplicates"):
        if row.get("outlet"):
            clusters.setdefault(row.get("cluster"), set()).add(str(row["outlet"]))
    _count_pairs(counts["text"], clusters.values())
    outlets = {str(r["outlet"]) for r in _rows(result, "outlets") if r.get("outlet")}
    widest = max(2, len(outlets) // 2)
    quoting = (set(map(str, _list(r.get("outlets")))) for r in _rows(result, "ledger"))
    # someone quoted by most outlets links nothing: only a narrow circle of outlets counts
    _count_pairs(counts["experts"], (group for group in quoting if len(group) <= widest))
    _count_pairs(
        counts["bylines"],
        (set(map(str, _list(r.get("outlets")))) for r in _rows(result, "authors")),
    )
    return [
        Link(a, b, kind, weight)
        for kind, _, _ in LINK_KINDS
        for (a, b), weight in sorted(counts[kind].items())
    ]


def network_svg(result: Mapping[str, Any]) -> str:
    """The network figure (SVG and its legend), or a sentence when no outlets are linked."""
    links = _drawn(outlet_links(result))
    outlets = {str(r["outlet"]): r for r in _rows(result, "outlets") if r.get("outlet")}
    degree: Counter[str] = Counter()
    for link in links:
        degree[link.a] += link.weight
        degree[link.b] += link.weight
    if not links:
        return '<p class="muted">No two outlets share copied text, an expert or a byline.</p>'
    ranked = sorted(
        set(outlets) | set(degree),
        key=lambda o: (-degree[o], -_int(outlets.get(o, {}).get("documents")), o),
    )
    shown = ranked[:MAX_OUTLETS]
    order = sorted(shown, key=lambda o: (_cluster(outlets.get(o)), -degree[o], o))
    place = _circle(order)
    parts = [_link_svg(link, place) for link in links if link.a in place and link.b in place]
    shades = _shades(outlets)
    parts += [_node_svg(o, place[o], outlets.get(o, {}), degree[o], shades) for o in order]
    hidden = len(ranked) - len(shown)
    title = f"Outlet network: {len(shown)} outlets, {len(links)} links" + (
        f" ({hidden} less linked outlets not drawn)" if hidden > 0 else ""
    )
    top = SIZE // 2 - RADIUS - 50
    most_experts = max((link.weight for link in links if link.kind == "experts"), default=0)
    legend = "".join(
        f'<li><svg class="key" viewBox="0 0 40 10" aria-hidden="true">'
        f'<line class="{css}" x1="0" y1="5" x2="40" y2="5"/></svg> {escape(meaning)}</li>'
        for _, meaning, css in LINK_KINDS
    )
    return (
        '<figure class="network-box">'
        f'<svg class="network" role="img" viewBox="0 {top} {SIZE} {SIZE - 2 * top}" '
        f'xmlns="http://www.w3.org/2000/svg" font-size="14"><title>{escape(title)}</title>'
        f"{''.join(parts)}</svg>"
        f"<figcaption>{escape(title)}. Lines: thicker = more shared; circles: larger = more "
        "documents, same colour = one outlet cluster (outlets joined by bylines or copies; "
        "white = an outlet on its own). Dashed lines join outlets that quote "
        f"at least {min(MIN_SHARED_EXPERTS, most_experts)} of the same people (people quoted "
        "by more than half the outlets do not count)."
        f'<ul class="keys">{legend}</ul></figcaption></figure>'
    )


def _drawn(links: Sequence[Link]) -> list[Link]:
    """The links worth a line: all copies and bylines, experts from MIN_SHARED_EXPERTS up."""
    most = max((link.weight for link in links if link.kind == "experts"), default=0)
    least = min(MIN_SHARED_EXPERTS, most)
    return [link for link in links if link.kind != "experts" or link.weight >= least]


def _shades(outlets: Mapping[str, Mapping[str, Any]]) -> dict[str, int]:
    """A colour number (0 to 5) per outlet of a cluster of two or more; lone outlets get none."""
    members: dict[int, list[str]] = {}
    for outlet, row in outlets.items():
        members.setdefault(_cluster(row), []).append(outlet)
    groups = sorted(
        (sorted(group) for key, group in members.items() if len(group) > 1 and key < 10**6),
        key=lambda g: (-len(g), g),
    )
    return {outlet: index % 6 for index, group in enumerate(groups) for outlet in group}


def _count_pairs(counter: Counter[tuple[str, str]], groups: Iterable[set[str]]) -> None:
    for group in groups:
        for a, b in combinations(sorted(group), 2):
            counter[(a, b)] += 1


def _circle(order: Sequence[str]) -> dict[str, tuple[float, float]]:
    centre = SIZE / 2
    step = 2 * math.pi / max(len(order), 1)
    return {
        outlet: (
            centre + RADIUS * math.cos(i * step - math.pi / 2),
            centre + RADIUS * math.sin(i * step - math.pi / 2),
        )
        for i, outlet in enumerate(order)
    }


def _link_svg(link: Link, place: Mapping[str, tuple[float, float]]) -> str:
    """A curve between two outlets; each kind bends its own way so parallel links stay apart."""
    (x1, y1), (x2, y2) = place[link.a], place[link.b]
    bend = {"text": 0.0, "experts": 0.12, "bylines": -0.12}[link.kind]
    mx, my = (x1 + x2) / 2, (y1 + y2) / 2
    cx, cy = mx - (y2 - y1) * bend, my + (x2 - x1) * bend
    width = (2.4 if link.kind == "text" else 1.2) + 1.6 * math.log2(link.weight)
    meaning = next(m for k, m, _ in LINK_KINDS if k == link.kind)
    css = next(c for k, _, c in LINK_KINDS if k == link.kind)
    return (
        f'<path class="{css}" d="M{x1:.1f},{y1:.1f} Q{cx:.1f},{cy:.1f} {x2:.1f},{y2:.1f}" '
        f'stroke-width="{width:.1f}"><title>{escape(link.a)} and {escape(link.b)} '
        f"{escape(meaning)}: {link.weight}</title></path>"
    )


def _node_svg(
    outlet: str,
    at: tuple[float, float],
    row: Mapping[str, Any],
    degree: int,
    shades: Mapping[str, int],
) -> str:
    x, y = at
    documents = _int(row.get("documents"))
    radius = 5 + 2.2 * math.sqrt(documents)
    shade = f"c{shades[outlet]}" if outlet in shades else "c-none"
    angle = math.atan2(y - SIZE / 2, x - SIZE / 2)
    lx, ly = x + (radius + 6) * math.cos(angle), y + (radius + 6) * math.sin(angle) + 5
    anchor = "start" if math.cos(angle) > 0.2 else "end" if math.cos(angle) < -0.2 else "middle"
    if anchor == "middle":
        ly += 10 if math.sin(angle) > 0 else -6
    return (
        f'<circle class="node {shade}" cx="{x:.1f}" cy="{y:.1f}" r="{radius:.1f}">'
        f"<title>{escape(outlet)}: {documents} documents, {degree} shared items</title></circle>"
        f'<text class="node-label" x="{lx:.1f}" y="{ly:.1f}" text-anchor="{anchor}">'
        f"{escape(_clip(outlet, 26))}</text>"
    )


def _rows(result: Mapping[str, Any], name: str) -> list[Mapping[str, Any]]:
    rows = result.get(name)
    return [r for r in rows if isinstance(r, Mapping)] if isinstance(rows, list) else []


def _list(value: object) -> list[Any]:
    return value if isinstance(value, list) else []


def _int(value: object) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _cluster(row: Mapping[str, Any] | None) -> int:
    value = row.get("cluster") if row else None
    return value if isinstance(value, int) and not isinstance(value, bool) else 10**6


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
