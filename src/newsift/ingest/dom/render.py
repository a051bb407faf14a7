"""Render an HTML page as a flattened text dump, keeping each line's element.

Web-text corpora store pages this way: the visible text, one line per block
element, with navigation, footers and comment threads all in. The lines keep a
link to the DOM element that produced them, so labels read from the DOM
(headline, body, comment author, ...) can be carried over to the dump, to train
and to measure the dump readers (see :mod:`newsift.structure.linemodel`).
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml.html import HtmlElement

from newsift.ingest.dom.dom import BLOCK_TAGS, clean_text, is_hidden


@dataclass(frozen=True, slots=True)
class RenderedLine:
    text: str
    element: HtmlElement  # the innermost block element the line came from


def render_lines(root: HtmlElement) -> list[RenderedLine]:
    """The page's visible text as lines, one per block element (and ``<br>``)."""
    body = next(root.iter("body"), root)
    lines: list[RenderedLine] = []
    parts: list[str] = []
    owner: list[HtmlElement] = [body]

    def flush() -> None:
        text = clean_text(" ".join(parts))
        if text:
            lines.append(RenderedLine(text, owner[-1]))
        parts.clear()

    def walk(element: HtmlElement) -> None:
        if is_hidden(element, frozenset()):
            return
        block = element.tag in BLOCK_TAGS
        if block:
            flush()
            owner.append(element)
        if element.text:
            parts.append(element.text)
        for child in element:
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if block:
            flush()
            owner.pop()

    walk(body)
    flush()
    return lines


def render_dump(root: HtmlElement) -> str:
    """The dump text: lines separated by blank lines, as many corpora write them."""
    return "\n\n".join(line.text for line in render_lines(root))
