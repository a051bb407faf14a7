"""Run a pipeline over loaded inputs: every input ends with exactly one outcome."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Literal

from newsift.document import Document
from newsift.errors import AnalyzerError, LimitExceeded, NewsiftError
from newsift.ingest import Loaded
from newsift.pipeline import Pipeline

Status = Literal["ok", "skipped", "failed"]


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one input: ``ok`` with its document, or why not."""

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
    """Analyse each loaded input; one failure never stops the others."""
    for item in items:
        if item.skipped is not None:
            yield Outcome(item.id, "skipped", reason=item.skipped)
            continue
        if item.error is not None or item.document is None:
            error = item.error or NewsiftError("no document")
            yield Outcome(item.id, "failed", reason=str(error), code=error.code)
            continue
        try:
            doc = pipeline(item.document)
        except AnalyzerError as exc:
            yield Outcome(item.id, "failed", reason=str(exc), code=exc.code, analyzer=exc.analyzer)
        except LimitExceeded as exc:
            yield Outcome(item.id, "failed", reason=str(exc), code=exc.code)
        except NewsiftError as exc:
            yield Outcome(item.id, "failed", reason=str(exc), code=exc.code)
        except MemoryError:
            yield Outcome(item.id, "failed", reason="out of memory", code=LimitExceeded.code)
        else:
            yield Outcome(item.id, "ok", document=doc)
