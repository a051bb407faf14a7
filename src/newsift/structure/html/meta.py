"""Headline, author and dates of an HTML page.

Order of evidence, first found wins: JSON-LD / schema.org (``NewsArticle``,
``Article``, ``BlogPosting``, ...), then meta tags (Open Graph, ``author``,
``article:published_time``, Dublin Core, ...), then markup (``h1``,
``rel=author``, ``itemprop=author``, byline classes, ``<time>``), then htmldate
for the date. Limits: one article per page; JSON-LD over 1 MB per script is
skipped.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from lxml.html import HtmlElement

from newsift.structure.dates import parse_iso_date, search_date
from newsift.structure.html.dom import clean_text, text_of

ARTICLE_TYPES = {
    "article", "newsarticle", "blogposting", "reportagenewsarticle", "opinionnewsarticle",
    "analysisnewsarticle", "backgroundnewsarticle", "reviewnewsarticle", "scholarlyarticle",
    "techarticle", "socialmediaposting", "liveblogposting", "posting", "report",
}  # fmt: skip
MAX_JSONLD_CHARS = 1_000_000
_WORD = re.compile(r"\w+")
_TITLE_SPLIT = re.compile(r"\s+(?:[|–—»·:]|-{1,2})\s+")
_BY = re.compile(r"^(?:by|von|par|por|di|door|from)\s*:?\s+", re.I)
_BYLINE_CLASS = re.compile(
    r"(?:^|[-_\s])(?:byline|author|autor|auteur|writer|by)(?:$|[-_\s])", re.I
)
_NOT_NAME = re.compile(r"https?://|@|\d{4}|[|]", re.I)


@dataclass(slots=True)
class PageMeta:
    headline: str | None = None
    author: str | None = None
    published_raw: str | None = None  # as the page states it (ISO in most metadata)
    published: date | None = None
    updated: date | None = None
    description: str | None = None
    site_name: str | None = None


def read_meta(root: HtmlElement, *, use_htmldate: bool = True) -> PageMeta:
    """Headline, author and dates; htmldate decides the date when it finds one.

    htmldate (original date, extensive search) is measured better than taking
    structured metadata first (F1 0.952 against 0.945 on adbar_eval dev), so
    structured dates are the fallback.
    """
    meta = PageMeta()
    if use_htmldate:
        meta.published = _htmldate(root)
        meta.published_raw = meta.published.isoformat() if meta.published else None
    for article in _jsonld_articles(root):
        meta.headline = meta.headline or _clean_str(article.get("headline") or article.get("name"))
        meta.author = meta.author or _jsonld_author(article.get("author"))
        published = _clean_str(article.get("datePublished") or article.get("dateCreated"))
        if published and meta.published is None:
            meta.published, meta.published_raw = _iso(published), published
        modified = _clean_str(article.get("dateModified"))
        meta.updated = meta.updated or (_iso(modified) if modified else None)
    tags = _meta_tags(root)
    meta.site_name = tags.get("og:site_name")
    meta.description = tags.get("og:description") or tags.get("description")
    meta.headline = meta.headline or _headline(root, tags)
    meta.author = meta.author or _tag_author(tags) or _markup_author(root)
    if meta.published is None:
        for key in _DATE_TAGS:
            if tags.get(key) and (found := _iso(tags[key])):
                meta.published, meta.published_raw = found, tags[key]
                break
    if meta.published is None:
        meta.published, meta.published_raw = _markup_date(root)
    if meta.updated is None:
        modified = tags.get("article:modified_time") or tags.get("og:updated_time")
        meta.updated = _iso(modified) if modified else None
    return meta


# JSON-LD -----------------------------------------------------------------------
def jsonld_objects(root: HtmlElement) -> Iterator[dict[str, Any]]:
    """Every JSON object in the page's ``application/ld+json`` scripts, flattened."""
    for script in root.iter("script"):
        if "ld+json" not in (script.get("type") or "").lower():
            continue
        raw = script.text or ""
        if len(raw) > MAX_JSONLD_CHARS:
            continue
        try:
            data = json.loads(raw)
        except (ValueError, RecursionError):
            continue
        yield from _flatten(data, depth=0)


def _flatten(data: Any, depth: int) -> Iterator[dict[str, Any]]:
    if depth > 8:
        return
    if isinstance(data, list):
        for item in data:
            yield from _flatten(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        for key in ("@graph", "mainEntity", "mainEntityOfPage", "itemListElement"):
            if key in data:
                yield from _flatten(data[key], depth + 1)


def types_of(obj: dict[str, Any]) -> set[str]:
    kind = obj.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {k.lower() for k in kinds if isinstance(k, str)}


def _jsonld_articles(root: HtmlElement) -> Iterator[dict[str, Any]]:
    for obj in jsonld_objects(root):
        if types_of(obj) & ARTICLE_TYPES:
            yield obj


def _jsonld_author(value: Any) -> str | None:
    names: list[str] = []
    for item in value if isinstance(value, list) else [value]:
        name = _clean_str(item.get("name") if isinstance(item, dict) else item)
        if name and not _NOT_NAME.search(name) and name not in names:
            names.append(name)
    return ", ".join(names) if names else None


# meta tags ------------------------------------------------------------------------
_DATE_TAGS = (
    "article:published_time", "og:published_time", "datepublished", "date", "pubdate",
    "publishdate", "publish-date", "publication_date", "dc.date.issued", "dc.date",
    "dcterms.date", "dcterms.created", "sailthru.date", "parsely-pub-date",
    "cxenseparse:recs:publishtime", "article.published", "published_time",
    "citation_publication_date",
)  # fmt: skip


def _meta_tags(root: HtmlElement) -> dict[str, str]:
    tags: dict[str, str] = {}
    for element in root.iter("meta"):
        key = element.get("property") or element.get("name") or element.get("itemprop") or ""
        content = element.get("content")
        if key and content and key.lower() not in tags:
            tags[key.lower()] = clean_text(html.unescape(content))
    return tags


_HEADLINE_CLASS = re.compile(
    r"(?:^|[-_\s])(?:entry-title|post-title|article-title|article__title|articletitle|"
    r"story-title|headline|article-headline|page-title|title-post|single-title|c-title)(?:$|[-_\s])",
    re.I,
)


_ASIDE_CLASS = re.compile(r"related|widget|sidebar|teaser|promo|recommend|footer|nav|menu", re.I)


def _headline(root: HtmlElement, tags: dict[str, str]) -> str | None:
    site = (tags.get("og:site_name") or "").lower()
    og = tags.get("og:title") or tags.get("twitter:title")
    title_el = next(root.iter("title"), None)
    title = text_of(title_el) if title_el is not None else None
    marked = [
        text_of(e)
        for e in root.iter()
        if isinstance(e.tag, str)
        and e.tag in {"h1", "h2", "h3", "div", "span", "header"}
        and (e.get("itemprop") == "headline" or _HEADLINE_CLASS.search(e.get("class") or ""))
        and not _ASIDE_CLASS.search(e.get("class") or "")
    ]
    h1s = [text_of(h) for h in root.iter("h1")]
    candidates = [h for h in marked + h1s if 3 <= len(h) <= 300 and h.lower() != site]
    for reference in (og, title):
        if reference:
            for candidate in candidates:  # markup that the title or og:title confirms
                if _similar(candidate, reference):
                    return candidate
    if marked and 3 <= len(marked[0]) <= 300:
        return marked[0]
    if og and og.lower() != site:
        return _strip_site(og, tags.get("og:site_name"))
    if len(candidates) == 1:
        return candidates[0]
    return _strip_site(title, tags.get("og:site_name")) if title else None


def _similar(candidate: str, reference: str) -> bool:
    a, b = candidate.lower(), reference.lower()
    if a in b or b in a:
        return True
    words_a, words_b = set(_WORD.findall(a)), set(_WORD.findall(b))
    return bool(words_a) and len(words_a & words_b) / len(words_a) >= 0.7


def _strip_site(title: str, site: str | None) -> str:
    parts = _TITLE_SPLIT.split(title)
    if len(parts) > 1:
        if site and any(site.lower() in p.lower() for p in parts):
            parts = [p for p in parts if site.lower() not in p.lower()]
        else:
            parts = sorted(parts, key=len, reverse=True)[:1]
    return " - ".join(parts) if parts else title


def _tag_author(tags: dict[str, str]) -> str | None:
    for key in ("author", "article:author", "dc.creator", "dcterms.creator", "sailthru.author",
                "parsely-author", "byl", "twitter:creator"):  # fmt: skip
        value = tags.get(key)
        if value and not _NOT_NAME.search(value):
            return _BY.sub("", value).strip() or None
    return None


_LABEL = re.compile(
    r"^(?:(?:posted|published|written|written and posted|veröffentlicht|geschrieben|erstellt|"
    r"publié|publicado|pubblicato|artikel|article|text|story|words|autor(?:in)?|author|auteur)"
    r"(?:\s+(?:by|von|par|por|da|di))?|by|von|par|por|di|door)\s*:?\s*",
    re.I,
)
_LABEL_ONLY = re.compile(
    r"^(?:posted|published|veröffentlicht|geschrieben|artikel|publié|publicado)\b.*\b(?:on|am|le|el)?$",
    re.I,
)


def _markup_author(root: HtmlElement) -> str | None:
    candidates: list[HtmlElement] = []
    for element in root.iter():
        if not isinstance(element.tag, str) or element.tag in {"body", "html", "meta", "link"}:
            continue
        by_attribute = element.get("itemprop") == "author" or "author" in (element.get("rel") or "")
        if by_attribute or _BYLINE_CLASS.search(element.get("class") or ""):
            candidates.append(element)
    for element in candidates:
        if _inside_comments(element):
            continue
        inner = next(
            (
                e
                for e in element.iter()
                if e.get("itemprop") == "name" or "fn" in (e.get("class") or "").split()
            ),
            None,
        )
        if inner is None and element.tag != "a":
            inner = next((a for a in element.iter("a") if "author" in (a.get("rel") or "") or
                          "author" in (a.get("href") or "")), None)  # fmt: skip
        name = _LABEL.sub("", text_of(inner if inner is not None else element)).strip(" ,|:-–")
        if _LABEL_ONLY.match(name) or not 2 <= len(name) <= 60 or _NOT_NAME.search(name):
            continue
        if len(name.split()) <= 6:
            return name
    return None


def _inside_comments(element: HtmlElement) -> bool:
    for ancestor in element.iterancestors():
        marker = f"{ancestor.get('id') or ''} {ancestor.get('class') or ''}".lower()
        if "comment" in marker or "kommentar" in marker:
            return True
    return False


def _markup_date(root: HtmlElement) -> tuple[date | None, str | None]:
    for element in root.iter("time"):
        if _inside_comments(element):
            continue
        raw = element.get("datetime") or text_of(element)
        if raw and (found := _iso(raw) or search_date(raw)):
            return found, raw
    for element in root.iter():
        if isinstance(element.tag, str) and element.get("itemprop") == "datePublished":
            raw = element.get("content") or element.get("datetime") or text_of(element)
            if raw and (found := _iso(raw) or search_date(raw)):
                return found, raw
    return None, None


def _htmldate(root: HtmlElement) -> date | None:
    try:
        from htmldate import find_date
    except ImportError:  # pragma: no cover - htmldate comes with trafilatura
        return None
    try:
        found = find_date(root, original_date=True, extensive_search=True)
    except Exception:  # noqa: BLE001 - htmldate may fail on odd pages; a date is optional
        return None
    return _iso(found) if isinstance(found, str) else None


def _iso(value: str) -> date | None:
    try:
        return parse_iso_date(value)
    except ValueError:
        return search_date(value)


def _clean_str(value: Any) -> str | None:
    if isinstance(value, list) and value:
        value = value[0]
    if isinstance(value, str):
        cleaned = clean_text(html.unescape(value))
        return cleaned or None
    return None
