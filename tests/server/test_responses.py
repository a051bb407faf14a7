"""The web app's JSON writing: one-line safe error messages, documents that always encode."""

from __future__ import annotations

import json

import pytest

pytest.importorskip("fastapi", reason="the web app tests need the serve extra")

from newsift.server.responses import (
    SafeJSONResponse,
    clean_message,
    error_body,
    lone_surrogate,
)


@pytest.mark.parametrize(
    ("message", "shown"),
    [
        ("plain words", "plain words"),
        ("evil\u202egpj.warc", "evil\\u202egpj.warc"),
        ("zero\u200bwidth\u200djoin\ufeff", "zero\\u200bwidth\\u200djoin\\ufeff"),
        ("isolate \u2066x\u2069", "isolate \\u2066x\\u2069"),
        ("two\nlines\r\tand a tab", "two\\nlines\\r\\tand a tab"),
        ("bell \x07 and DEL \x7f", "bell \\u0007 and DEL \\u007f"),
        ("lone \ud800 surrogate", "lone \\ud800 surrogate"),
        ("café, 東京, emoji \U0001f600", "café, 東京, emoji \U0001f600"),
    ],
)
def test_clean_message_escapes_what_would_act_on_the_text(message: str, shown: str) -> None:
    assert clean_message(message) == shown
    assert json.loads(error_body(message, "x.y")) == {"error": shown, "code": "x.y"}


def test_clean_message_cuts_long_messages() -> None:
    cleaned = clean_message("a" * 5000)
    assert len(cleaned) == 1000 and cleaned.endswith("…")


def test_a_document_with_a_lone_surrogate_still_encodes_offsets_intact() -> None:
    doc = {"id": "a\ud800", "text": "Budget \udfff passes", "spans": [{"start": 9, "end": 15}]}
    body = SafeJSONResponse(doc).body.decode("utf-8")  # strict: valid UTF-8
    out = json.loads(body)
    assert out["id"] == "a\ufffd"
    assert out["text"] == "Budget \ufffd passes" and len(out["text"]) == len(doc["text"])
    assert out["text"][9:15] == "passes"
    assert lone_surrogate(doc["text"]) == 7 and lone_surrogate(out["text"]) is None
