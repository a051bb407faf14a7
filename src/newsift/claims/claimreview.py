"""schema.org ClaimReview in and out: fact-check archives from what fact-checkers publish.

In, :func:`read_archive` reads one file into :class:`~newsift.claims.matching.FactCheck`
records, whatever its shape (sniffed from its first bytes):

- JSON: one ClaimReview, a list of them, a JSON-LD ``@graph``, a ``DataFeed``
  (``dataFeedElement`` -> ``item``) or any other object they are nested in;
- JSON Lines: one such value per line, or a flat record per line (``claim`` or
  ``vclaim``, ``rating``, ``url`` or ``page_url``, ``date``, ``title``,
  ``outlet``), or a Google Fact Check Tools ``claims`` row (``text`` with a
  ``claimReview`` list);
- HTML: a fact-check page; its ``<script type="application/ld+json">`` blocks;
- WARC / WARC.gz: every HTML response in it, read as above (newsift's WARC reader).

Any of the others may be gzip-compressed (``feed.jsonl.gz``, ``page.html.gz``).

From a ClaimReview: the claim is ``claimReviewed``; the verdict
``reviewRating.alternateName`` (else ``ratingValue/bestRating``); the outlet the
name of an ``Organization`` author, else of the ``publisher``, else the host of
the review's URL, else any author's name; the URL ``url`` (else the page's);
the date ``datePublished``; the title ``headline`` or ``name``. ``@id``
references (``"author": {"@id": "#org"}``) are resolved within one JSON value.

A record that cannot be used is skipped with a reason, counted in
:attr:`ArchiveRead.skipped` (reason -> count); a second record with the same id
(the same review crawled twice) is skipped as a duplicate. Nothing raises for
bad content; an unreadable file raises :class:`~newsift.errors.InputError`.
Limits: a JSON file is parsed whole up to :data:`MAX_JSON_BYTES`; a JSON Lines
line, an HTML page and a WARC HTML payload up to :data:`MAX_PAGE_BYTES`; JSON
is searched for ClaimReviews down to :data:`MAX_DEPTH` levels; a claim longer
than :data:`MAX_CLAIM_CHARS` characters is skipped.

Out, :func:`claimreview_drafts` turns an analysed document's check-worthy claims
into ClaimReview-shaped drafts for a fact-checking desk: ``claimReviewed``,
``itemReviewed`` (a ``Claim`` with its ``author``, the claimant, and its
``appearance``, the page's URL and date) and ``creativeWorkStatus: "Draft"``;
no ``reviewRating``, which is the desk's to give.
"""

from __future__ import annotations

import gzip
import json
import re
import zlib
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, cast
from urllib.parse import urlsplit

from newsift.claims.annotations import Claim
from newsift.claims.matching import FactCheck
from newsift.document import Document
from newsift.errors import InputError, NewsiftError
from newsift.ingest.dom.dom import parse_html
from newsift.ingest.dom.meta import jsonld_objects
from newsift.ingest.html_decode import decode_html
from newsift.ingest.sniff import sniff_kind
from newsift.ingest.warc import WarcPage, WarcSkip, iter_warc

MAX_JSON_BYTES = 200_000_000
MAX_PAGE_BYTES = 10_000_000
MAX_DEPTH = 32
MAX_CLAIM_CHARS = 5_000
FORMATS = ("auto", "json", "jsonl", "html", "warc")

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_GZIP_MAGIC = b"\x1f\x8b"
_HEAD_BYTES = 4096
_CLAIM_KEYS = ("claim", "claimReviewed", "vclaim", "text")


@dataclass
class ArchiveRead:
    """Fact-checks read from one or more files and why the others were skipped."""

    records: list[FactCheck] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)
    _seen: set[str] = field(default_factory=set, repr=False)

    def add(self, record: FactCheck | str) -> None:
        """Keep a record (unless its id was seen) or count a skip reason."""
        if isinstance(record, str):
            self.skipped[record] += 1
        elif record.id in self._seen:
            self.skipped["duplicate of an earlier record (same id)"] += 1
        else:
            self._seen.add(record.id)
            self.records.append(record)

    def summary(self, most: int = 5) -> str:
        """``"3 not valid JSON; 1 ClaimReview without claimReviewed"``: the commonest reasons."""
        parts = [f"{n:,} {reason}" for reason, n in self.skipped.most_common(most)]
        rest = sum(self.skipped.values()) - sum(n for _, n in self.skipped.most_common(most))
        return "; ".join(parts + ([f"{rest:,} other"] if rest else []))


def read_archive(paths: list[Path], *, fmt: str = "auto") -> ArchiveRead:
    """Fact-checks in ``paths`` (see the module docstring), duplicates dropped across files."""
    if fmt not in FORMATS:
        raise ValueError(f"fmt must be one of {FORMATS}, not {fmt!r}")
    archive = ArchiveRead()
    for path in paths:
        try:
            for record in _read_file(path, fmt):
                archive.add(record)
        except OSError as exc:
            raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    return archive


def _read_file(path: Path, fmt: str) -> Iterator[FactCheck | str]:
    """Records of one file; a gzip-compressed file (not WARC) is read through gzip."""
    with path.open("rb") as raw:
        head = raw.read(_HEAD_BYTES)
        raw.seek(0)
        if not head.startswith(_GZIP_MAGIC) or sniff_kind(head) == "warc":
            kind = fmt if fmt != "auto" else _sniff(head, path)
            yield from _read(raw, kind, str(path))
            return
        with gzip.GzipFile(fileobj=raw) as unzipped:
            try:
                inner = unzipped.read(_HEAD_BYTES)
                unzipped.seek(0)
                kind = fmt if fmt != "auto" else _sniff(inner, path.with_suffix(""))
                yield from _read(cast(IO[bytes], unzipped), kind, str(path))
            except (gzip.BadGzipFile, EOFError, zlib.error) as exc:
                yield f"damaged gzip data ({type(exc).__name__}), reading stopped"


def _sniff(head: bytes, path: Path) -> str:
    kind = sniff_kind(head)
    if kind == "warc" or kind == "html":
        return kind
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    suffix = path.suffix.lower()
    if start.startswith(b"["):
        return "json"
    if start.startswith(b"{"):
        return "json" if suffix in (".json", ".jsonld") else "jsonl"
    if start.startswith(b"<"):
        return "html"
    if not start or suffix in (".jsonl", ".ndjson"):
        return "jsonl"  # nothing to read, or lines to skip one by one
    raise InputError(f"{path}: not JSON, JSON Lines, HTML or WARC (it starts with {start[:20]!r})")


def _read(stream: IO[bytes], kind: str, name: str) -> Iterator[FactCheck | str]:
    if kind == "warc":
        yield from _read_warc(stream, name)
    elif kind == "html":
        data = stream.read(MAX_PAGE_BYTES + 1)
        yield from _from_page(data, None, None, name)
    elif kind == "json":
        data = stream.read(MAX_JSON_BYTES + 1)
        if len(data) > MAX_JSON_BYTES:
            yield f"JSON file over {MAX_JSON_BYTES:,} bytes (split it into JSON Lines)"
            return
        yield from _from_json_text(data.decode("utf-8", "replace"), name)
    else:
        yield from _read_lines(stream, name)


def _read_lines(stream: IO[bytes], name: str) -> Iterator[FactCheck | str]:
    for number, line in enumerate(iter(lambda: stream.readline(MAX_PAGE_BYTES + 1), b""), 1):
        if len(line) > MAX_PAGE_BYTES:
            yield f"line over {MAX_PAGE_BYTES:,} bytes"
            _skip_rest_of_line(stream)
            continue
        if line.strip():
            yield from _from_json_text(line.decode("utf-8", "replace"), f"{name}:{number}")


def _skip_rest_of_line(stream: IO[bytes]) -> None:
    while (chunk := stream.readline(1 << 16)) and not chunk.endswith(b"\n"):
        pass


def _from_json_text(text: str, where: str) -> Iterator[FactCheck | str]:
    try:
        value = json.loads(text, strict=False)
    except RecursionError:
        yield "JSON nested too deeply"
        return
    except ValueError:
        yield "not valid JSON"
        return
    yield from _from_json(value, where, page_url=None)


def _from_json(value: Any, where: str, page_url: str | None) -> Iterator[FactCheck | str]:
    """Records in one JSON value: its ClaimReviews, else flat records, else one reason."""
    by_id = _ids(value)
    reviews = list(_claimreviews(value, 0))
    if reviews:
        for number, review in enumerate(reviews, 1):
            yield _from_claimreview(review, by_id, page_url, f"{where}#{number}")
        return
    rows = value if isinstance(value, list) else [value]
    for number, row in enumerate(rows, 1):
        yield _from_flat(row, f"{where}#{number}" if len(rows) > 1 else where)


def _is_claimreview(obj: Mapping[str, Any]) -> bool:
    kinds = obj.get("@type")
    for kind in kinds if isinstance(kinds, list) else [kinds]:
        if isinstance(kind, str) and re.split(r"[/:#]", kind)[-1].lower() == "claimreview":
            return True
    return False


def _claimreviews(value: Any, depth: int) -> Iterator[Mapping[str, Any]]:
    """ClaimReview objects in ``value``, outermost first, not looking inside one."""
    if depth > MAX_DEPTH:
        return
    if isinstance(value, dict):
        if _is_claimreview(value):
            yield value
            return
        for child in value.values():
            yield from _claimreviews(child, depth + 1)
    elif isinstance(value, list):
        for child in value:
            yield from _claimreviews(child, depth + 1)


def _ids(value: Any, depth: int = 0) -> dict[str, Mapping[str, Any]]:
    """Objects with an ``@id`` and more than it, by that id (for resolving references)."""
    found: dict[str, Mapping[str, Any]] = {}
    if depth > MAX_DEPTH:
        return found
    children: list[Any] = []
    if isinstance(value, dict):
        key = value.get("@id")
        if isinstance(key, str) and len(value) > 1:
            found.setdefault(key, value)
        children = list(value.values())
    elif isinstance(value, list):
        children = value
    for child in children:
        if isinstance(child, dict | list):
            for key, obj in _ids(child, depth + 1).items():
                found.setdefault(key, obj)
    return found


def _resolve(value: Any, by_id: Mapping[str, Mapping[str, Any]]) -> Any:
    if isinstance(value, dict) and set(value) == {"@id"} and isinstance(value["@id"], str):
        return by_id.get(value["@id"], value)
    return value


def _string(value: Any) -> str:
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, int | float) and not isinstance(value, bool):
        return format(value, "g")
    return ""


def _first(obj: Mapping[str, Any], *keys: str) -> str:
    for key in keys:
        if text := _string(obj.get(key)):
            return text
    return ""


def _objects(value: Any, by_id: Mapping[str, Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """A JSON-LD value that may be one object, a list, a reference or a bare name."""
    items = value if isinstance(value, list) else [value]
    out: list[Mapping[str, Any]] = []
    for item in items:
        item = _resolve(item, by_id)
        if isinstance(item, dict):
            out.append(item)
        elif isinstance(item, str) and item.strip():
            out.append({"name": item})
    return out


def _rating(review: Mapping[str, Any], by_id: Mapping[str, Mapping[str, Any]]) -> str:
    for rating in _objects(review.get("reviewRating"), by_id):
        if name := _first(rating, "alternateName", "name"):
            return name
        value, best = _string(rating.get("ratingValue")), _string(rating.get("bestRating"))
        if value:
            return f"{value}/{best}" if best else value
    return _first(review, "textualRating", "rating")


def _outlet(review: Mapping[str, Any], by_id: Mapping[str, Mapping[str, Any]], url: str) -> str:
    authors = _objects(review.get("author"), by_id)
    for author in authors:
        if "organization" in str(author.get("@type", "")).lower() and _first(author, "name"):
            return _first(author, "name")
    for publisher in _objects(review.get("publisher"), by_id):
        if name := _first(publisher, "name"):
            return name
    if host := _host(url):
        return host
    return next((name for a in authors if (name := _first(a, "name"))), "")


def _host(url: str) -> str:
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    return host.removeprefix("www.")


def _date(value: str) -> str:
    """``YYYY-MM-DD`` of an ISO date or date-time; other date text as it is."""
    match = _ISO_DATE.match(value)
    return match.group(0) if match else value


def _checked_claim(claim: str) -> str | None:
    """None when ``claim`` can be indexed, else the reason it cannot."""
    if len(claim) > MAX_CLAIM_CHARS:
        return f"claim over {MAX_CLAIM_CHARS:,} characters"
    return None


def _from_claimreview(
    review: Mapping[str, Any],
    by_id: Mapping[str, Mapping[str, Any]],
    page_url: str | None,
    fallback_id: str,
) -> FactCheck | str:
    claim = _string(review.get("claimReviewed"))
    if not claim:
        items = _objects(review.get("itemReviewed"), by_id)
        claim = next((text for item in items if (text := _first(item, "text"))), "")
    if not claim:
        return "ClaimReview without claimReviewed"
    if problem := _checked_claim(claim):
        return problem
    url = _string(review.get("url")) or (page_url or "")
    return FactCheck(
        id=_string(review.get("@id")) or url or fallback_id,
        claim=claim,
        rating=_rating(review, by_id),
        url=url,
        date=_date(_string(review.get("datePublished"))),
        title=_first(review, "headline", "name"),
        outlet=_outlet(review, by_id, url),
    )


def _from_flat(row: Any, where: str) -> FactCheck | str:
    """A flat record (newsift's JSON Lines, CheckThat! vclaims, Fact Check Tools rows)."""
    if not isinstance(row, dict):
        return "not a JSON object"
    reviews = row.get("claimReview")
    review = reviews[0] if isinstance(reviews, list) and reviews else {}
    review = review if isinstance(review, dict) else {}
    claim = _first(row, *_CLAIM_KEYS)
    if not claim:
        return "no ClaimReview and no claim text (claim, claimReviewed, vclaim or text)"
    if problem := _checked_claim(claim):
        return problem
    url = _first(row, "url", "page_url") or _first(review, "url")
    publisher = _objects(review.get("publisher"), {})
    return FactCheck(
        id=_first(row, "id", "vclaim_id") or url or where,
        claim=claim,
        rating=_rating(row, {}) or _first(review, "textualRating"),
        url=url,
        date=_date(_first(row, "date", "datePublished") or _first(review, "reviewDate")),
        title=_first(row, "title") or _first(review, "title"),
        outlet=_first(row, "outlet", "publisher")
        or next((n for p in publisher if (n := _first(p, "name", "site"))), "")
        or _host(url),
    )


def _from_page(
    data: bytes, charset: str | None, url: str | None, where: str
) -> Iterator[FactCheck | str]:
    """Records in the JSON-LD of one HTML page."""
    if len(data) > MAX_PAGE_BYTES:
        yield f"HTML page over {MAX_PAGE_BYTES:,} bytes"
        return
    try:
        root = parse_html(decode_html(data, charset)[0])
    except NewsiftError as exc:
        yield f"unreadable HTML page ({exc.code})"
        return
    page_url = url or _canonical(root)
    seen: set[int] = set()
    reviews: list[tuple[Mapping[str, Any], dict[str, Mapping[str, Any]]]] = []
    for obj in jsonld_objects(root):
        by_id = _ids(obj)
        for review in _claimreviews(obj, 0):
            if id(review) not in seen:
                seen.add(id(review))
                reviews.append((review, by_id))
    if not reviews:
        yield "HTML page without ClaimReview JSON-LD"
    for number, (review, by_id) in enumerate(reviews, 1):
        yield _from_claimreview(review, by_id, page_url, f"{page_url or where}#{number}")


def _canonical(root: Any) -> str | None:
    for link in root.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split() and link.get("href"):
            return str(link.get("href")).strip()
    return None


def _read_warc(stream: IO[bytes], name: str) -> Iterator[FactCheck | str]:
    for outcome in iter_warc(stream, name=name, max_record_bytes=MAX_PAGE_BYTES):
        if isinstance(outcome, WarcPage):
            yield from _from_page(outcome.body, outcome.charset, outcome.url, outcome.id)
        elif isinstance(outcome, WarcSkip):
            yield f"WARC response that is not an HTML page ({outcome.reason})"
        else:
            yield f"WARC: {outcome.code} ({outcome})"


# out ----------------------------------------------------------------------------
def claimreview_drafts(doc: Document) -> list[dict[str, Any]]:
    """The document's check-worthy claims, most check-worthy first, as ClaimReview drafts.

    The claimant (``itemReviewed.author``): when the claim's ``claimant`` is a
    ``source`` or ``document`` with a ``source`` id, that source's name from the
    ``sources`` layer (a ``Person`` for a person, else an ``Organization``);
    otherwise (the author's own claim, or no attribution) the page's author,
    else its site name as an ``Organization``; left out when none is known.
    """
    claims = [c for c in doc.layers.get("claims", []) if isinstance(c, Claim) and c.checkworthy]
    claims.sort(key=lambda c: c.rank)
    appearance: dict[str, Any] = {"@type": "CreativeWork"}
    for key, value in (
        ("url", doc.meta.url),
        ("headline", doc.meta.headline),
        ("datePublished", doc.meta.published),
    ):
        if value:
            appearance[key] = value
    drafts: list[dict[str, Any]] = []
    for claim in claims:
        item: dict[str, Any] = {"@type": "Claim"}
        if author := _claimant(claim.to_dict(), doc):
            item["author"] = author
        if doc.meta.published:
            item["datePublished"] = doc.meta.published
        item["appearance"] = appearance
        drafts.append(
            {
                "@context": "https://schema.org",
                "@type": "ClaimReview",
                "creativeWorkStatus": "Draft",
                "claimReviewed": " ".join(doc.span_text(claim.span).split()),
                "itemReviewed": item,
            }
        )
    return drafts


def _claimant(claim: Mapping[str, Any], doc: Document) -> dict[str, str] | None:
    """Who made the claim, as a schema.org Person or Organization (see claimreview_drafts)."""
    kind = claim.get("claimant")
    source_id = claim.get("source")
    if kind in ("source", "document") and source_id:
        # read through the layer's JSON form: analyzers meet in the Document, not in
        # each other's classes
        for source in doc.layers.get("sources", []):
            data = source.to_dict()
            if data.get("id") == source_id:
                schema_type = "Person" if data.get("kind") == "person" else "Organization"
                return {"@type": schema_type, "name": str(data.get("name", ""))}
    if doc.meta.author:
        return {"@type": "Person", "name": doc.meta.author}
    if doc.meta.site_name:
        return {"@type": "Organization", "name": doc.meta.site_name}
    return None


def write_drafts(doc: Document, out: IO[str]) -> int:
    """Write the document's drafts to ``out`` as JSON Lines; the number written."""
    drafts = claimreview_drafts(doc)
    for draft in drafts:
        out.write(json.dumps(draft, ensure_ascii=False) + "\n")
    return len(drafts)
