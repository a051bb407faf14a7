"""Parse untrusted HTML into an lxml tree, within limits, and read text from it.

The parser never touches the network, never expands entities from a DTD, and
leaves libxml2's default depth limit on (nesting past it is cut, not followed).
A page with more than ``max_elements`` elements is refused, since every later
step walks the tree.
"""

from __future__ import annotations

import re
from typing import cast

import lxml.etree
import lxml.html
from lxml.html import HtmlElement

from newsift.errors import InputTooLarge, UnsupportedInput

MAX_ELEMENTS = 300_000
_TAG = re.compile(r"<\s*[a-zA-Z!/]")
_SPACE = re.compile(r"\s+")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
#: Elements whose text is never page text.
SKIP_TAGS = frozenset(
    {"script", "style", "noscript", "template", "svg", "math", "iframe", "object", "head",
     "select", "option", "textarea", "button", "input", "form"}
)  # fmt: skip
BLOCK_TAGS = frozenset(
    {"p", "div", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6",
     "blockquote", "pre", "section", "article", "aside", "header", "footer", "nav", "main",
     "figure", "figcaption", "table", "tr", "td", "th", "tbody", "thead", "address", "br",
     "hr", "details", "summary"}
)  # fmt: skip


#: Every element an ``HtmlElement``, chosen in C: lxml.html's own lookup (a Python call
#: for each element object made, to give forms and inputs classes of their own, which
#: nothing here uses) cost about a tenth of reading a page.
_PLAIN_CLASSES = lxml.etree.ElementDefaultClassLookup(
    element=HtmlElement,
    comment=lxml.html.HtmlComment,
    pi=lxml.html.HtmlProcessingInstruction,
    entity=lxml.html.HtmlEntity,
)


def parse_html(text: str, *, max_elements: int = MAX_ELEMENTS) -> HtmlElement:
    """The document element of ``text``; raises for a page that is not HTML or too big."""
    if not _TAG.search(text[:100_000]):
        raise UnsupportedInput("not HTML: no tags found")
    text = _XML_DECLARATION.sub("", text, count=1)  # lxml refuses str input that declares bytes
    parser = lxml.html.HTMLParser(
        remove_comments=True,
        remove_pis=True,
        no_network=True,
        huge_tree=False,
        recover=True,
        default_doctype=False,
        collect_ids=False,  # nothing looks elements up by id; the table costs parse time
    )
    parser.set_element_class_lookup(_PLAIN_CLASSES)
    try:
        root = lxml.html.document_fromstring(text, parser=parser)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise UnsupportedInput(f"not HTML: {exc}") from exc
    if _count_nodes(root) > max_elements:
        raise InputTooLarge(f"page has over {max_elements:,} elements")
    return root


#: What ``root.iter()`` walks (elements, comments, processing instructions), counted by libxml2.
_COUNT_NODES = lxml.etree.XPath(
    "count(descendant-or-self::*) + count(descendant::comment())"
    " + count(descendant::processing-instruction())"
)


def _count_nodes(root: HtmlElement) -> int:
    """How many nodes ``root.iter()`` would give, without making a Python object of each."""
    return int(cast(float, _COUNT_NODES(root)))


def clean_text(text: str) -> str:
    """Collapse white space (including non-breaking spaces) to single spaces."""
    return _SPACE.sub(" ", text.replace("\xa0", " ")).strip()


def text_of(element: HtmlElement, *, skip: frozenset[HtmlElement] = frozenset()) -> str:
    """Visible text of ``element`` on one line, leaving out scripts and ``skip`` subtrees."""
    return clean_text(" ".join(_texts(element, skip)))


def short_text_of(element: HtmlElement, limit: int) -> str | None:
    """``text_of(element)`` when it is at most ``limit`` characters long, else None.

    Stops reading once the pieces hold more than ``limit`` non-space characters
    (the cleaned text is at least that long), so a big element costs little.
    """
    pieces: list[str] = []
    solid = 0
    stack: list[HtmlElement | str] = [element]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            pieces.append(item)
            solid += len("".join(item.split()))
            if solid > limit:
                return None
            continue
        if is_hidden(item, frozenset()):
            continue
        later: list[HtmlElement | str] = []
        for child in item:
            later.append(child)
            if child.tail:
                later.append(child.tail)
        stack.extend(reversed(later))
        if item.text:
            stack.append(item.text)
    text = clean_text(" ".join(pieces))
    return text if len(text) <= limit else None


def word_count(element: HtmlElement) -> int:
    """How many words ``text_of(element)`` holds, without building that string.

    One walk in document order that skips hidden subtrees (their tails still
    count, as in :func:`_texts`), instead of a Python call per element.
    """
    if is_hidden(element, frozenset()):
        return 0
    count = 0
    walk = lxml.etree.iterwalk(element, events=("start", "comment", "pi"))
    for _, node in walk:
        if node is not element and node.tail:
            count += len(node.tail.split())
        tag = node.tag
        if not isinstance(tag, str) or tag in SKIP_TAGS:
            walk.skip_subtree()
            continue
        style = node.get("style")
        if style and "display:none" in style.replace(" ", "").lower():
            walk.skip_subtree()
            continue
        if node.get("hidden") is not None:
            walk.skip_subtree()
            continue
        if node.text:
            count += len(node.text.split())
    return count


def blocks_of(element: HtmlElement, *, skip: frozenset[HtmlElement] = frozenset()) -> list[str]:
    """Visible text of ``element`` split at block elements and line breaks."""
    lines: list[list[str]] = [[]]
    _walk_blocks(element, skip, lines)
    blocks = (clean_text(" ".join(parts)) for parts in lines)
    return [b for b in blocks if b]


def _texts(element: HtmlElement, skip: frozenset[HtmlElement]) -> list[str]:
    out: list[str] = []
    if is_hidden(element, skip):
        return out
    if element.text:
        out.append(element.text)
    for child in element:
        out.extend(_texts(child, skip))
        if child.tail:
            out.append(child.tail)
    return out


def _walk_blocks(
    element: HtmlElement, skip: frozenset[HtmlElement], lines: list[list[str]]
) -> None:
    if is_hidden(element, skip):
        return
    block = isinstance(element.tag, str) and element.tag in BLOCK_TAGS
    if block:
        lines.append([])
    if element.text:
        lines[-1].append(element.text)
    for child in element:
        _walk_blocks(child, skip, lines)
        if child.tail:
            lines[-1].append(child.tail)
    if block:
        lines.append([])


def is_hidden(element: HtmlElement, skip: frozenset[HtmlElement]) -> bool:
    tag = element.tag
    if not isinstance(tag, str):  # comments, processing instructions
        return True
    if tag in SKIP_TAGS or element in skip:
        return True
    style = element.get("style", "")
    return "display:none" in style.replace(" ", "").lower() or element.get("hidden") is not None
