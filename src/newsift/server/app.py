"""The web app: ``create_app(pipeline, settings)`` -> a FastAPI application.

Routes: ``GET /`` (the form), ``POST /report`` (form -> HTML report),
``POST /api/analyze`` (JSON -> document JSON), ``POST /api/analyze/upload``
(a file -> documents), ``GET /api/health``, ``GET /api/analyzers``,
``GET /api/openapi.json``. The interactive docs pages are off (they load
scripts from a CDN, which the CSP forbids and offline use cannot reach).

Thin by design: reading goes through :mod:`newsift.ingest` (URLs through its
guarded fetcher, and only when ``Settings.allow_urls``), analysis through the
one :class:`~newsift.pipeline.Pipeline` via :mod:`newsift.runner`, reports
through :mod:`newsift.report`.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterable
from contextlib import asynccontextmanager
from functools import partial
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException

from newsift import __version__, registry
from newsift.errors import InputTooLarge
from newsift.ingest import KINDS, Loaded, read_bytes
from newsift.ingest.fetch import is_web_url
from newsift.limits import Limits
from newsift.pipeline import Pipeline, default_pipeline
from newsift.report import ReportError
from newsift.report.html import render_documents
from newsift.runner import Outcome
from newsift.server.engine import Batch, Busy, Engine, TimedOut
from newsift.server.isolation import NoWorkers, ProcessEngine, WorkerCrashed
from newsift.server.pages import error_page, index_page
from newsift.server.reading import read_fetched, read_pasted
from newsift.server.responses import (
    SafeJSONResponse,
    clean_message,
    error_response,
    lone_surrogate,
    scrub_surrogates,
)
from newsift.server.schemas import (
    AnalyzeRequest,
    AnalyzerInfo,
    DocumentOut,
    ErrorOut,
    Health,
    UploadOut,
)
from newsift.server.security import (
    RETRY_AFTER_S,
    UNAUTHORIZED,
    Guard,
    key_from_headers,
    key_matches,
)
from newsift.server.settings import Settings
from newsift.text.dates import parse_iso_date

ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorOut, "description": "the input cannot be read or analysed"},
    401: {"model": ErrorOut, "description": "missing or wrong API key"},
    408: {"model": ErrorOut, "description": "the request body arrived too slowly"},
    413: {"model": ErrorOut, "description": "request body over the size limit"},
    422: {"model": ErrorOut, "description": "the request does not match the schema"},
    500: {"model": ErrorOut, "description": "the analysis crashed its worker process"},
    503: {
        "model": ErrorOut,
        "description": "too many requests or request bodies in flight; see Retry-After",
    },
    504: {"model": ErrorOut, "description": "the analysis ran past the time limit"},
}
# the routes whose API key is checked from the headers before the body is read
KEYED_PATHS = ("/api/analyze",)
HTTP_CODES = {404: "request.not_found", 405: "request.method_not_allowed"}
FORM_FIELDS = 8  # text, file, url, kind, key, and a little slack


class RequestFailed(Exception):
    """A request that ends with an error status and a one-line reason."""

    def __init__(self, status: int, message: str, code: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.code = code


def create_app(pipeline: Pipeline | None = None, settings: Settings | None = None) -> FastAPI:
    """The application around one pipeline (default: newsift's default pipeline).

    With ``settings.isolation == "process"`` the analyses run in worker
    processes that rebuild the pipeline from its configuration
    (:attr:`~newsift.pipeline.Pipeline.config`: analyzer names and parameters;
    :class:`~newsift.server.isolation.ProcessEngine`); the ``pipeline`` object
    itself then never loads its models here.
    """
    settings = settings or Settings()
    pipeline = pipeline or default_pipeline(time_limit_s=None)
    engine: Engine | ProcessEngine
    if settings.isolation == "process":
        engine = ProcessEngine(pipeline.config, settings, settings.imports)
    else:
        engine = Engine(pipeline, settings)
    limits = Limits(max_bytes=settings.max_upload_bytes, time_per_document_s=None)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        engine.start()
        yield
        engine.close()

    app = FastAPI(
        title="newsift",
        version=__version__,
        summary="Read news pages and their comment threads; show how each is built.",
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/openapi.json",
        lifespan=lifespan,
    )
    app.state.engine = engine
    app.state.settings = settings
    app.add_middleware(
        Guard,
        max_body=settings.max_upload_bytes + 65_536,
        api_key=settings.api_key,
        keyed=KEYED_PATHS,
        max_requests=settings.max_requests,
        max_buffered=settings.max_buffered_bytes,
        body_timeout_s=settings.body_timeout_s,
    )

    _add_error_handlers(app)
    _add_browser_routes(app, engine, settings, limits)
    _add_api_routes(app, engine, settings, limits)
    return app


def _add_error_handlers(app: FastAPI) -> None:
    """Every error in one JSON shape under ``/api/``, as an HTML page elsewhere."""

    @app.exception_handler(RequestFailed)
    async def failed(request: Request, exc: RequestFailed) -> Response:
        headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else {}
        if exc.status == 503:
            headers["Retry-After"] = str(RETRY_AFTER_S)
        if request.url.path.startswith("/api/"):
            return error_response(exc.status, exc.message, exc.code, headers)
        page = error_page(clean_message(exc.message), exc.status)
        return HTMLResponse(page, exc.status, headers)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()) if p != "body")
        message = f"{where}: {first.get('msg', 'invalid')}" if where else str(first.get("msg"))
        return error_response(422, message, "request.invalid")

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        """Starlette's and FastAPI's own errors (404, 405, an unreadable body) in our shape."""
        if isinstance(exc.__cause__, RecursionError):  # json.loads on very deep nesting
            return error_response(400, "JSON nested too deeply to read", "input.nesting")
        code = HTTP_CODES.get(exc.status_code, "request.invalid")
        if exc.status_code >= 500:
            code = "server.internal"
        return error_response(exc.status_code, str(exc.detail), code, exc.headers)


def _add_browser_routes(
    app: FastAPI, engine: Engine | ProcessEngine, settings: Settings, limits: Limits
) -> None:
    """The form page and the report it posts to (no script; see pages.py)."""

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    async def index() -> HTMLResponse:
        return HTMLResponse(index_page(settings, engine.names))

    @app.post("/report", response_class=HTMLResponse, include_in_schema=False)
    async def report(request: Request) -> HTMLResponse:
        fields = await _form(request, settings)
        if not key_matches(
            _text(fields.get("key")) or key_from_headers(request.headers), settings.api_key
        ):
            raise RequestFailed(401, UNAUTHORIZED, "request.unauthorized")
        kind = _kind(_text(fields.get("kind")) or "auto")
        reference = _reference_date((_text(fields.get("reference_date")) or "").strip() or None)
        upload = fields.get("file")
        text = _text(fields.get("text")) or ""
        url = (_text(fields.get("url")) or "").strip()
        source = "the pasted text"
        if isinstance(upload, UploadFile) and upload.filename:
            data = await _read_upload(upload, settings)
            source = name = _file_name(upload.filename)
            batch = await _run(engine, _upload_reader(data, name, kind, limits, reference))
        elif text.strip():
            batch = await _run(engine, _text_reader(text, kind, reference, limits))
        elif url:
            source = url
            batch = await _run(engine, _url_reader(url, settings, limits, reference))
        else:
            raise RequestFailed(400, "paste some text, choose a file or give a URL", "input.empty")
        documents = _documents(batch)
        failures = [
            (o.id, clean_message(o.reason or o.status))
            for o in batch.outcomes
            if o.document is None
        ]
        try:
            page = render_documents(documents, failures=failures, home="/", source=source)
        except ReportError as exc:  # pragma: no cover - the pipeline's documents always render
            raise RequestFailed(400, str(exc), exc.code) from exc
        return HTMLResponse(page)


def _add_api_routes(
    app: FastAPI, engine: Engine | ProcessEngine, settings: Settings, limits: Limits
) -> None:
    """The REST API: analyse one page or an upload, health, the registered analyzers."""

    @app.post(
        "/api/analyze",
        response_model=DocumentOut,
        responses=ERRORS,
        summary="Analyse one page given as text, HTML or (if allowed) a URL",
        tags=["analyze"],
    )
    async def analyze(body: AnalyzeRequest, request: Request) -> Response:
        _check_key(request, settings)
        given = [v is not None for v in (body.text, body.html, body.url)]
        if sum(given) != 1:
            raise RequestFailed(400, "give exactly one of text, html or url", "request.invalid")
        reference = _reference_date(body.reference_date)
        for field in ("text", "html", "url"):
            _check_unicode(field, getattr(body, field))
        if body.url is not None:
            read = _url_reader(body.url, settings, limits, reference)
        elif body.text is not None:
            read = _text_reader(body.text, _kind(body.kind), reference, limits)
        else:
            read = _text_reader(body.html or "", "html", reference, limits)
        doc = _first_document(await _run(engine, read))
        return SafeJSONResponse(doc)

    @app.post(
        "/api/analyze/upload",
        response_model=UploadOut,
        responses=ERRORS,
        summary="Analyse every page in an uploaded file (HTML, dump, WARC, JSON Lines)",
        tags=["analyze"],
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {
                    "multipart/form-data": {
                        "schema": {
                            "type": "object",
                            "required": ["file"],
                            "properties": {
                                "file": {"type": "string", "format": "binary"},
                                "kind": {"type": "string", "enum": list(KINDS), "default": "auto"},
                            },
                        }
                    }
                },
            }
        },
    )
    async def upload(request: Request) -> Response:
        _check_key(request, settings)
        fields = await _form(request, settings)
        upload = fields.get("file")
        if not isinstance(upload, UploadFile):
            raise RequestFailed(422, "file: a multipart file field is required", "request.invalid")
        data = await _read_upload(upload, settings)
        name = _file_name(upload.filename or "upload")
        kind = _kind(_text(fields.get("kind")) or "auto")
        batch = await _run(engine, _upload_reader(data, name, kind, limits, None))
        documents = [o.document.to_dict() for o in batch.outcomes if o.document is not None]
        failures = [
            {"id": o.id, "reason": clean_message(o.reason or o.status), "code": o.code}
            for o in batch.outcomes
            if o.document is None
        ]
        return SafeJSONResponse(
            {"documents": documents, "failures": failures, "truncated": batch.truncated}
        )

    @app.get("/api/health", response_model=Health, tags=["service"])
    async def health() -> dict[str, Any]:
        return {"status": "ok", "version": __version__, "pipeline": engine.names}

    @app.get("/api/analyzers", response_model=list[AnalyzerInfo], tags=["service"])
    async def analyzers() -> list[dict[str, Any]]:
        names = set(engine.names)
        out = []
        for name in registry.names():
            cls = registry.get(name)
            doc = (cls.__doc__ or "").strip()
            out.append(
                {
                    "name": name,
                    "requires": sorted(cls.requires),
                    "assigns": sorted(cls.assigns),
                    "summary": doc.splitlines()[0] if doc else "",
                    "in_pipeline": name in names,
                }
            )
        return out


# ----------------------------------------------------------------- helpers
def _check_key(request: Request, settings: Settings) -> None:
    """Again inside the route (the Guard checked it before reading the body)."""
    if not key_matches(key_from_headers(request.headers), settings.api_key):
        raise RequestFailed(401, UNAUTHORIZED, "request.unauthorized")


def _check_unicode(field: str, value: str | None) -> None:
    """Refuse a JSON string with a lone surrogate (``"\\ud800"``): it is not text."""
    where = None if value is None else lone_surrogate(value)
    if where is not None:
        assert value is not None
        raise RequestFailed(
            400,
            f"{field} is not valid Unicode: a lone surrogate U+{ord(value[where]):04X} at "
            f"character {where}",
            "input.decode",
        )


def _file_name(name: str) -> str:
    """An uploaded file's name as an input id: lone surrogates replaced."""
    cleaned: str = scrub_surrogates(name)
    return cleaned


async def _form(request: Request, settings: Settings) -> dict[str, Any]:
    """The multipart or urlencoded form, with the part sizes bounded."""
    try:
        form = await request.form(
            max_files=1, max_fields=FORM_FIELDS, max_part_size=settings.max_upload_bytes
        )
    except Exception as exc:
        if type(exc).__name__ == "BodyTooLarge":
            raise
        raise RequestFailed(400, f"cannot read the form: {exc}", "request.bad_form") from exc
    return dict(form.items())


async def _read_upload(upload: UploadFile, settings: Settings) -> bytes:
    data = await upload.read(settings.max_upload_bytes + 1)
    if len(data) > settings.max_upload_bytes:
        raise RequestFailed(
            413,
            f"file over {settings.max_upload_bytes:,} bytes (limit --max-upload-mb)",
            InputTooLarge.code,
        )
    return data


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _kind(kind: str) -> str:
    if kind not in KINDS:
        raise RequestFailed(
            400, f"unknown kind {kind!r}; use one of {', '.join(KINDS)}", "request.invalid"
        )
    return kind


def _reference_date(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return parse_iso_date(value).isoformat()
    except ValueError:
        raise RequestFailed(400, "reference_date must be YYYY-MM-DD", "request.invalid") from None


def _text_reader(
    text: str, kind: str, reference: str | None, limits: Limits
) -> Callable[[], Iterable[Loaded]]:
    return partial(read_pasted, text, kind, reference, limits)


def _upload_reader(
    data: bytes, name: str, kind: str, limits: Limits, reference: str | None
) -> Callable[[], Iterable[Loaded]]:
    return partial(read_bytes, data, name=name, kind=kind, limits=limits, reference_date=reference)


def _url_reader(
    url: str, settings: Settings, limits: Limits, reference: str | None
) -> Callable[[], Iterable[Loaded]]:
    """Fetch through the guarded fetcher, only when allowed and only http(s)."""
    if not settings.allow_urls:
        raise RequestFailed(
            400,
            "this server does not fetch URLs (start it with --allow-urls)",
            "request.urls_disabled",
        )
    if not is_web_url(url):
        raise RequestFailed(400, "url must start with http:// or https://", "request.invalid")
    # read_url fetches or fails; it never opens a local path, whatever the string holds
    return partial(read_fetched, url, limits, reference)


async def _run(engine: Engine | ProcessEngine, read: Callable[[], Iterable[Loaded]]) -> Batch:
    try:
        return await engine.analyze(read)
    except Busy as exc:
        raise RequestFailed(503, str(exc), "server.busy") from exc
    except NoWorkers as exc:
        raise RequestFailed(503, str(exc), "server.no_workers") from exc
    except TimedOut as exc:
        raise RequestFailed(504, str(exc), "limit.time") from exc
    except WorkerCrashed as exc:
        raise RequestFailed(500, str(exc), "server.worker_crashed") from exc


def _documents(batch: Batch) -> list[dict[str, Any]]:
    """Every analysed document of a batch; none: the first failure as a 400/413."""
    documents = [o.document.to_dict() for o in batch.outcomes if o.document is not None]
    return documents or [_first_document(batch)]


def _first_document(batch: Batch) -> dict[str, Any]:
    """The first analysed document, or the first failure as a 400/413."""
    for outcome in batch.outcomes:
        if outcome.document is not None:
            return outcome.document.to_dict()
    failure: Outcome | None = next((o for o in batch.outcomes if o.status == "failed"), None)
    if failure is None:
        raise RequestFailed(400, "no page found in the input", "input.empty")
    status = 413 if failure.code == InputTooLarge.code else 400
    raise RequestFailed(
        status, failure.reason or "cannot analyse the input", failure.code or "input"
    )
