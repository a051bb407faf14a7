"""The one pipeline every front end uses: analyzers run in a checked order.

An analyzer is any object with ``name``, ``requires``, ``assigns``, ``setup()``
and ``__call__(doc) -> doc``. :class:`Pipeline` refuses, at build time, an
order in which some analyzer needs a layer that no earlier one assigns, and at
run time, an analyzer that changes the text or writes a layer it did not
declare.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import Any, ClassVar, Protocol, runtime_checkable

from newsift import registry
from newsift.document import BASE_LAYERS, Document
from newsift.errors import (
    AnalyzerError,
    ConfigError,
    ContractViolation,
    LimitExceeded,
    ModelError,
    NewsiftError,
    PipelineOrderError,
)
from newsift.limits import time_limit

#: What ``newsift analyze`` runs when no pipeline is given.
DEFAULT_PIPELINE: tuple[str, ...] = (
    "structure.v1",
    "attribution.quotes.v1",
    "attribution.flags.v1",
    "claims.checkworthy.v1",
    "persuasion.techniques.v1",
    "comments.toxicity.v1",
)

PipelineConfig = Sequence[str | Mapping[str, Any]]

#: ``--pipeline fast``: triage over many pages. Structure, claims and comments with
#: the n-gram models alone (no MiniLM encoder) and no spaCy: no attribution, and so
#: no persuasion (it needs the quotes layer) and no attribution flags. What else it
#: leaves out (docs/analyzers/structure.md and comments.md, parameters
#: ``line_model`` and ``detail``):
#:
#: - structure by the dump rules alone (``line_model=False``): the same regions on
#:   the dev, hard-dev and test splits of ``benchmarks/structure.py``, worse on
#:   hard-test (author bio accuracy 0.5 -> 0.1, comment boundary F1 0.722 -> 0.685);
#: - claims as in the default pipeline with the encoder off. (Their ``detail=False``
#:   would save about 0.7 ms more per article by leaving out claimant and type, but
#:   ``newsift show`` reads every claim's type);
#: - comments without detail (``detail=False``): each comment's scores,
#:   ``offensive``, ``would_remove``; the thread's counts, shares and
#:   ``most_offensive``; no targets, spans, reasons, duplicates, junk or off-topic
#:   checks (absent from the JSON).
FAST_PIPELINE: tuple[str | Mapping[str, Any], ...] = (
    MappingProxyType({"name": "structure.v1", "params": {"line_model": False}}),
    MappingProxyType({"name": "claims.checkworthy.v1", "params": {"encoder": "none"}}),
    MappingProxyType(
        {"name": "comments.toxicity.v1", "params": {"encoder": "none", "detail": False}}
    ),
)

#: Named pipelines: a name here may stand for its analyzers wherever a
#: pipeline configuration is read (:meth:`Pipeline.from_config`).
PIPELINES: Mapping[str, PipelineConfig] = MappingProxyType(
    {"default": DEFAULT_PIPELINE, "fast": FAST_PIPELINE}
)


def resolve(config: PipelineConfig | str) -> list[str | dict[str, Any]]:
    """``config`` with each preset name (:data:`PIPELINES`) replaced by its analyzers.

    A string is a preset name or comma-separated analyzer and preset names
    (``"fast"``, ``"structure.v1,claims.checkworthy.v1"``). Entries are copied,
    so the caller may change the result.
    """
    entries = (
        [n.strip() for n in config.split(",") if n.strip()] if isinstance(config, str) else config
    )
    out: list[str | dict[str, Any]] = []
    for entry in entries:
        if isinstance(entry, str) and entry in PIPELINES:
            out.extend(resolve(PIPELINES[entry]))
        elif isinstance(entry, Mapping):
            params = entry.get("params")
            copied = dict(entry)
            if isinstance(params, Mapping):
                copied["params"] = dict(params)
            out.append(copied)
        else:
            out.append(entry)
    return out


def read_config(option: str | None) -> list[str | dict[str, Any]]:
    """A front end's ``--pipeline`` value as a configuration (default :data:`DEFAULT_PIPELINE`).

    ``@FILE.json`` reads a JSON list of names and ``{"name": ..., "params": {...}}``
    entries (what :attr:`Pipeline.config` gives); anything else is a preset or
    comma-separated names (:func:`resolve`). Raises :class:`ConfigError` with the
    file's problem.
    """
    if option is None or not option.strip():
        return resolve(DEFAULT_PIPELINE)
    if not option.startswith("@"):
        return resolve(option)
    path = Path(option[1:])
    try:
        loaded = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"pipeline file {path}: cannot read it: {exc.strerror or exc}") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ConfigError(f"pipeline file {path}: not JSON: {exc}") from exc
    if not isinstance(loaded, list):
        raise ConfigError(
            f"pipeline file {path}: must hold a JSON list of analyzer names or "
            '{"name": ..., "params": {...}} entries'
        )
    return resolve(loaded)


def with_params(
    config: PipelineConfig | str, name: str, params: Mapping[str, Any]
) -> list[str | dict[str, Any]]:
    """``config`` with ``params`` added to analyzer ``name``'s (an option such as
    ``--match-index``); raises :class:`ConfigError` when ``name`` is not in it."""
    out = resolve(config)
    for position, entry in enumerate(out):
        if entry == name or (isinstance(entry, dict) and entry.get("name") == name):
            merged = _entry(entry)
            merged["params"].update(params)
            out[position] = merged
            return out
    raise ConfigError(f"{name} is not in the pipeline")


def _entry(item: str | Mapping[str, Any]) -> dict[str, Any]:
    """One configuration entry as ``{"name": ..., "params": {...}}`` with JSON params."""
    if isinstance(item, str):
        return {"name": item, "params": {}}
    if not isinstance(item, Mapping) or not isinstance(item.get("name"), str):
        raise ConfigError(f"pipeline entry must be a name or {{'name': ...}}: {item!r:.200}")
    unknown = set(item) - {"name", "params"}
    if unknown:
        raise ConfigError(f"pipeline entry {item['name']}: unknown keys {sorted(unknown)}")
    params = item.get("params", {})
    if not isinstance(params, Mapping):
        raise ConfigError(f"params of {item['name']} must be an object")
    return {"name": item["name"], "params": registry.plain_params(item["name"], params)}


@runtime_checkable
class Analyzer(Protocol):
    name: ClassVar[str]
    requires: ClassVar[frozenset[str]]
    assigns: ClassVar[frozenset[str]]

    def setup(self) -> None: ...

    def __call__(self, doc: Document) -> Document: ...


class Pipeline:
    """Analyzers applied in order to each document.

    ``time_limit_s`` bounds the whole pipeline on one document (see
    :func:`newsift.limits.time_limit` for where it can be enforced).
    """

    def __init__(self, analyzers: Sequence[Analyzer], *, time_limit_s: float | None = None):
        self.analyzers: tuple[Analyzer, ...] = tuple(analyzers)
        self.time_limit_s = time_limit_s
        self._ready = False
        #: the parameters :meth:`from_config` built each analyzer with (empty: built by hand)
        self._given: tuple[dict[str, Any], ...] = ()
        check_order(self.analyzers)

    @classmethod
    def from_config(cls, config: PipelineConfig, *, time_limit_s: float | None = None) -> Pipeline:
        """Build from names or ``{"name": ..., "params": {...}}`` entries.

        A name may also be a preset of :data:`PIPELINES` (``"fast"``), which
        stands for its analyzers.
        """
        entries = [_entry(item) for item in resolve(config)]
        pipeline = cls(
            [registry.create(e["name"], **e["params"]) for e in entries], time_limit_s=time_limit_s
        )
        pipeline._given = tuple(e["params"] for e in entries)
        return pipeline

    @property
    def config(self) -> list[dict[str, Any]]:
        """This pipeline as data: one ``{"name": ..., "params": {...}}`` per analyzer.

        Plain JSON that :meth:`from_config` turns back into the same pipeline
        (``Pipeline.from_config(p.config).config == p.config``): what server and
        batch workers, and Ray actors, are sent. The parameters are the ones each
        analyzer was built with by :meth:`from_config`; for an analyzer built by
        hand, the dataclass fields that differ from their defaults. Raises
        :class:`~newsift.errors.ConfigError` for an analyzer that can say neither
        (built by hand and not a dataclass) or a parameter with no JSON form.
        """
        out: list[dict[str, Any]] = []
        for position, analyzer in enumerate(self.analyzers):
            given = self._given[position] if position < len(self._given) else None
            params = given if given is not None else registry.params_of(analyzer)
            if params is None:
                raise ConfigError(
                    f"{analyzer.name} (step {position + 1}) cannot say its parameters: build "
                    "it with Pipeline.from_config, or make it a dataclass"
                )
            out.append({"name": analyzer.name, "params": copy.deepcopy(params)})
        return out

    @property
    def names(self) -> list[str]:
        return [a.name for a in self.analyzers]

    def setup(self) -> None:
        """Load models once; called by the first document if not before."""
        if not self._ready:
            for analyzer in self.analyzers:
                try:
                    analyzer.setup()
                except NewsiftError:
                    raise
                except (OSError, ValueError, ImportError, KeyError) as exc:
                    raise ModelError(f"{analyzer.name}: cannot load its model: {exc}") from exc
            self._ready = True

    def __call__(self, doc: Document) -> Document:
        self.setup()
        with time_limit(self.time_limit_s, what=f"analysing {doc.id}"):
            for analyzer in self.analyzers:
                doc = run_analyzer(analyzer, doc)
        return doc

    def pipe(self, docs: Iterable[Document]) -> Iterable[Document]:
        for doc in docs:
            yield self(doc)

    def __repr__(self) -> str:
        return f"Pipeline({self.names})"


def check_order(analyzers: Sequence[Analyzer]) -> None:
    available = set(BASE_LAYERS)
    for position, analyzer in enumerate(analyzers):
        missing = analyzer.requires - available
        if missing:
            raise PipelineOrderError(
                f"{analyzer.name} (step {position + 1}) requires {sorted(missing)}, "
                f"which no earlier analyzer assigns"
            )
        available |= analyzer.assigns


def run_analyzer(analyzer: Analyzer, doc: Document) -> Document:
    """Run one analyzer and check that it kept its contract."""
    text_before = doc.text
    layers_before = dict(doc.layers)
    try:
        result = analyzer(doc)
    except (LimitExceeded, AnalyzerError):
        raise
    except NewsiftError as exc:
        raise AnalyzerError(f"{analyzer.name}: {exc}", analyzer=analyzer.name) from exc
    except MemoryError as exc:
        raise LimitExceeded(f"{analyzer.name}: out of memory") from exc
    except Exception as exc:
        raise AnalyzerError(
            f"{analyzer.name} failed: {type(exc).__name__}: {exc}", analyzer=analyzer.name
        ) from exc
    if result is not doc:
        raise ContractViolation(f"{analyzer.name} returned a new document", analyzer.name)
    if doc.text is not text_before:
        raise ContractViolation(f"{analyzer.name} changed the text", analyzer.name)
    for name, items in doc.layers.items():
        if name in analyzer.assigns:
            continue
        if layers_before.get(name) is not items:
            raise ContractViolation(
                f"{analyzer.name} wrote layer {name!r}, which it does not assign", analyzer.name
            )
    for name in analyzer.assigns - {"meta"}:
        if name not in doc.layers:
            raise ContractViolation(f"{analyzer.name} did not assign {name!r}", analyzer.name)
    return doc


def default_pipeline(*, time_limit_s: float | None = 30.0) -> Pipeline:
    return Pipeline.from_config(DEFAULT_PIPELINE, time_limit_s=time_limit_s)


def fast_pipeline(*, time_limit_s: float | None = 30.0) -> Pipeline:
    """The ``fast`` preset (:data:`FAST_PIPELINE`): no spaCy, no encoder."""
    return Pipeline.from_config(FAST_PIPELINE, time_limit_s=time_limit_s)
