"""Run a pipeline over loaded inputs: every input ends with exactly one outcome."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields
from typing import Literal

from newsift.document import Document
from newsift.errors import AnalyzerError, LimitExceeded, NewsiftError
from newsift.ingest import Loaded
from newsift.pipeline import Pipeline
from newsift.unicode import SURROGATES_CODE, clean_text, first_surrogate

Status = Literal["ok", "skipped", "failed"]


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one input: ``ok`` with its document, or why not.

    An ``ok`` outcome has ``reason`` and ``code`` only when the input was repaired
    on the way (lone surrogates replaced, code ``input.surrogates``).
    """

    id: str
    status: Status
    document: Document | None = None
    reason: str | None = None
    code: str | None = None  # the error's code, e.g. "input.empty"
    analyzer: str | None = None  # the analyzer that failed, if one did

    def to_dict(self) -> dict[str, str | None]:
        return {
            "id": self.id,
            "status": self.status,
            "reason": self.reason,
            "code": self.code,
            "analyzer": self.analyzer,
        }


def run(pipeline: Pipeline, items: Iterable[Loaded]) -> Iterator[Outcome]:
    """Analyse each loaded input; one failure never stops the others.

    Every id, text and meta field that holds a lone surrogate (which no UTF-8
    writer accepts) has it replaced with U+FFFD first, and the outcome says so.
    """
    source = iter(items)
    while True:
        try:
            item = next(source)
        except StopIteration:
            return
        except MemoryError:  # a reader ran out of memory: say so instead of a traceback
            yield Outcome("(input)", "failed", reason="out of memory while reading the input",
                          code=LimitExceeded.code)  # fmt: skip
            continue
        yield _outcome(pipeline, item)


def _outcome(pipeline: Pipeline, item: Loaded) -> Outcome:
    rid, id_fixed = clean_text(item.id)
    repaired = [*item.repaired, *([f"id ({first_surrogate(item.id)})"] if id_fixed else [])]
    if item.skipped is not None:
        return Outcome(rid, "skipped", reason=_with(clean_text(item.skipped)[0], repaired))
    if item.error is not None or item.document is None:
        error = item.error or NewsiftError("no document")
        reason = _with(clean_text(str(error))[0], repaired)
        return Outcome(rid, "failed", reason=reason, code=error.code)
    document, fixed = clean_document(item.document)
    repaired += [name for name in fixed if not (id_fixed and name.startswith("id "))]
    try:
        doc = pipeline(document)
    except AnalyzerError as exc:
        reason = _with(clean_text(str(exc))[0], repaired)
        return Outcome(rid, "failed", reason=reason, code=exc.code, analyzer=exc.analyzer)
    except NewsiftError as exc:  # LimitExceeded included
        return Outcome(
            rid, "failed", reason=_with(clean_text(str(exc))[0], repaired), code=exc.code
        )
    except MemoryError:
        return Outcome(
            rid, "failed", reason=_with("out of memory", repaired), code=LimitExceeded.code
        )
    if repaired:
        return Outcome(rid, "ok", document=doc, reason=_with(None, repaired), code=SURROGATES_CODE)
    return Outcome(rid, "ok", document=doc)


def clean_document(doc: Document) -> tuple[Document, list[str]]:
    """``doc`` with lone surrogates in its id, text and meta replaced; the fields fixed.

    The text keeps its length (one U+FFFD per surrogate), so spans stay valid.
    """
    fixed: list[str] = []
    doc_id, changed = clean_text(doc.id)
    if changed:
        fixed.append(f"id ({first_surrogate(doc.id)})")
    text, changed = clean_text(doc.text)
    if changed:
        fixed.append(f"text ({first_surrogate(doc.text)})")
        doc = Document(text, id=doc_id, meta=doc.meta, layers=doc.layers)
    doc.id = doc_id
    for field in fields(doc.meta):
        value = getattr(doc.meta, field.name)
        if isinstance(value, str):
            cleaned, changed = clean_text(value)
            if changed:
                fixed.append(f"meta.{field.name}")
                setattr(doc.meta, field.name, cleaned)
    return doc, fixed


def _with(reason: str | None, repaired: list[str]) -> str | None:
    if not repaired:
        return reason
    note = f"lone surrogates replaced with U+FFFD in {', '.join(repaired)}"
    return note if reason is None else f"{reason} ({note})"
