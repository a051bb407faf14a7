"""The request and response models of the REST API (they make the OpenAPI schema)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

TextKind = Literal["auto", "dump", "text", "html"]


class AnalyzeRequest(BaseModel):
    """One page to analyse: exactly one of ``text``, ``html`` or ``url``."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"text": "Headline\n\nby A. Writer\n\nBody text ...", "kind": "auto"}]
        },
    )

    text: str | None = Field(None, description="page text: a page dump or plain article text")
    html: str | None = Field(None, description="one HTML page")
    url: str | None = Field(
        None, description="an http(s) URL to fetch (only when the server allows URLs)"
    )
    kind: TextKind = Field("auto", description="what `text` is; `auto` sniffs it")
    reference_date: str | None = Field(
        None, description="YYYY-MM-DD: 'now' for relative times such as '2 weeks ago'"
    )


class MetaOut(BaseModel):
    """Facts about the page (see docs/schema.md); every field may be null."""

    model_config = ConfigDict(extra="allow")

    headline: str | None = None
    author: str | None = None
    published: str | None = None
    url: str | None = None
    language: str | None = None
    kind: str | None = None


def _published_document_schema(schema: dict[str, Any]) -> None:
    """Describe every layer in the OpenAPI as ``docs/document.schema.json`` does
    (:func:`newsift.document_schema.document_schema`, written in place: no references)."""
    from newsift.document_schema import document_schema

    published = document_schema(refs=False)
    schema["properties"] = published["properties"]
    schema["required"] = published["required"]


class DocumentOut(BaseModel):
    """A newsift document: fixed ``text``, ``meta``, and one list per analysed layer.

    Layers (``regions``, ``quotes``, ``sources``, ``flags``, ``claims``, ...) are
    lists of stand-off annotations with half-open ``[start, end)`` character
    offsets into ``text``; see docs/schema.md and docs/document.schema.json.
    """

    model_config = ConfigDict(extra="allow", json_schema_extra=_published_document_schema)

    schema_: str = Field(alias="schema", description="schema version, newsift.document/MAJOR.MINOR")
    id: str
    text: str
    meta: MetaOut
    regions: list[dict[str, Any]] | None = None


class Failure(BaseModel):
    """An input that did not become a document, and why."""

    id: str
    reason: str
    code: str | None = None


class UploadOut(BaseModel):
    """Every document read from one uploaded file (up to the server's limit)."""

    documents: list[DocumentOut]
    failures: list[Failure]
    truncated: bool = Field(description="true when the file held more documents than analysed")


class ErrorOut(BaseModel):
    """Why a request failed, in one line."""

    error: str
    code: str


class Health(BaseModel):
    status: Literal["ok"]
    version: str
    pipeline: list[str]


class AnalyzerInfo(BaseModel):
    name: str
    requires: list[str]
    assigns: list[str]
    summary: str
    in_pipeline: bool
