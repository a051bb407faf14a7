"""HTML, WARC and URL inputs end to end: ingest, the CLI, outcomes."""

from __future__ import annotations

import functools
import http.server
import io
import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

import newsift.ingest
from newsift.cli import main
from newsift.ingest import read_bytes, read_path
from newsift.ingest.fetch import fetch, public_only
from tests.conftest import FIXTURES

PAGE = (FIXTURES / "html" / "generic.html").read_bytes()


def make_warc(path: Path) -> Path:
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        pages = [
            ("https://news.example/stadium", PAGE, "text/html; charset=utf-8", "200 OK"),
            ("https://news.example/logo.png", b"\x89PNG\r\n\x1a\n....", "image/png", "200 OK"),
            (
                "https://news.example/gone",
                b"<html><body>gone</body></html>",
                "text/html",
                "404 Not Found",
            ),
        ]
        for url, body, kind, status in pages:
            head = StatusAndHeaders(status, [("Content-Type", kind)], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), http_headers=head,
                warc_headers_dict={"WARC-Date": "2025-03-10T12:00:00Z"},
            )  # fmt: skip
            writer.write_record(record)
    return path


def test_warc_round_trip_through_the_cli(tmp_path: Path) -> None:
    warc = make_warc(tmp_path / "crawl.warc.gz")
    out, outcomes = tmp_path / "docs.jsonl", tmp_path / "outcomes.jsonl"
    assert (
        main(
            [
                "analyze",
                str(warc),
                "--format",
                "jsonl",
                "--out",
                str(out),
                "--outcomes",
                str(outcomes),
                "-q",
            ]
        )
        == 0
    )
    docs = [json.loads(line) for line in out.read_text().splitlines()]
    assert [d["meta"]["url"] for d in docs] == ["https://news.example/stadium"]
    doc = docs[0]
    assert doc["meta"]["reference_date"] == "2025-03-10" and doc["meta"]["kind"] == "html"
    comments = [r for r in doc["regions"] if r["kind"] == "comment"]
    assert [c["when_resolved"] for c in comments] == ["2025-03-07", "2025-03-08"]
    rows = [json.loads(line) for line in outcomes.read_text().splitlines()]
    assert [r["status"] for r in rows] == ["ok", "skipped", "skipped"]
    assert "image/png" in rows[1]["reason"] and "404" in rows[2]["reason"]


def test_html_file_is_sniffed_and_kind_can_be_forced() -> None:
    [item] = list(read_bytes(PAGE, name="page.html"))
    assert item.document is not None and item.document.meta.kind == "html"
    [forced] = list(read_bytes(PAGE, name="page.html", kind="text"))
    assert forced.document is not None and forced.document.meta.kind == "text"


class _Pages(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/article":
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(PAGE)))
            self.end_headers()
            self.wfile.write(PAGE)
        else:
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[int]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd.server_address[1]
    httpd.shutdown()
    httpd.server_close()


def test_url_is_fetched_and_read_as_html(server: int, monkeypatch: pytest.MonkeyPatch) -> None:
    def resolver(host: str, port: int) -> list[str]:
        return ["127.0.0.1"] if host == "news.test" else []

    def policy(address: object) -> bool:
        return str(address) == "127.0.0.1" or public_only(address)  # type: ignore[arg-type]

    monkeypatch.setattr(
        newsift.ingest, "fetch", functools.partial(fetch, resolver=resolver, policy=policy)
    )
    [item] = list(read_path(f"http://news.test:{server}/article"))
    assert item.document is not None, item.error
    assert item.document.meta.url == f"http://news.test:{server}/article"
    assert [c.author for c in item.document.comments] == ["rivertown_dad", "Priya N."]
    [missing] = list(read_path(f"http://news.test:{server}/nothing"))
    assert missing.error is not None and "404" in str(missing.error)


def test_url_to_a_private_address_is_refused(
    server: int, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["analyze", f"http://127.0.0.1:{server}/article", "-q"]) == 1
    assert "newsift: error: http://127.0.0.1" in capsys.readouterr().err


def test_offline_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    def offline(host: str, port: int) -> list[str]:
        raise socket.gaierror(-3, "Temporary failure in name resolution")

    monkeypatch.setattr(newsift.ingest, "fetch", functools.partial(fetch, resolver=offline))
    [item] = list(read_path("https://example.org/story"))
    assert item.error is not None and "offline" in str(item.error)


def test_stray_nul_bytes_in_real_markup_are_dropped() -> None:
    page = PAGE.replace(b"<h1>", b"\x00<h1>", 1)
    [item] = list(read_bytes(page, name="nul.html"))
    assert item.document is not None and "\x00" not in item.document.text
    [binary] = list(read_bytes(b"<html>" + b"\x00" * 500 + b"</html>", name="bin.html"))
    assert binary.error is not None and "NUL" in str(binary.error)
