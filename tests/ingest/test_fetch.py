"""The URL fetcher against a local server: limits, redirects, address policy, TLS.

Nothing here touches the internet or any address but 127.0.0.1: invented names go
through a fake resolver, the test policy allows exactly 127.0.0.1 and sends
everything else through ``public_only``, and a guard on ``socket.create_connection``
records every connection and fails the test on any other address.
"""

from __future__ import annotations

import contextlib
import http.server
import ipaddress
import json
import shutil
import socket
import ssl
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

import pytest

import newsift
from newsift.errors import InputError
from newsift.ingest.fetch import (
    BlockedAddress,
    Fetched,
    FetchError,
    FetchLimits,
    IPAddress,
    fetch,
    public_only,
)

LOCAL = ipaddress.IPv4Address("127.0.0.1")
PAGE = "<html><title>Café</title><p>Olá</p></html>".encode("iso-8859-1")
QUICK = FetchLimits(timeout_s=2.0, total_s=5.0)
NAMES = {
    "news.test": ["127.0.0.1"],
    "other.test": ["127.0.0.1"],
    "xn--bcher-kva.test": ["127.0.0.1"],  # bücher.test
    "internal.test": ["10.0.0.5"],
    "meta.test": ["169.254.169.254"],
    "v6.test": ["::1"],
    "mapped.test": ["::ffff:127.0.0.1"],
    "mixed.test": ["93.184.216.34", "10.0.0.1"],
    "half.test": ["127.0.0.1", "10.0.0.1"],  # one allowed address is not enough
}


# -- the local server -----------------------------------------------------------------


class Handler(http.server.BaseHTTPRequestHandler):
    """Routes by path; see ``route``. Speaks HTTP/1.0, so a body without length ends at close."""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def do_GET(self) -> None:
        with contextlib.suppress(OSError):  # the client gave up (timeouts, limits): expected
            self.route()

    def reply(self, status: int, body: bytes = b"", **headers: str) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        if "Content_Length" not in headers:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def raw(self, data: bytes) -> None:
        self.wfile.write(data)
        self.wfile.flush()

    def route(self) -> None:
        parts = urlsplit(self.path)
        path, query = parts.path, {k: v[0] for k, v in parse_qs(parts.query).items()}
        if path == "/page":
            self.reply(200, PAGE, Content_Type="text/html; charset=iso-8859-1")
        elif path.startswith("/echo"):
            body = json.dumps({"path": self.path, "headers": dict(self.headers.items())})
            self.reply(200, body.encode(), Content_Type="application/json")
        elif path == "/ctype":
            self.reply(200, b"x", Content_Type=query["v"])
        elif path == "/no-ctype":
            self.raw(b"HTTP/1.0 200 OK\r\nContent-Length: 1\r\n\r\nx")
        elif path == "/chunked":
            self.raw(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n")
            self.raw(b"5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n")
        elif path.startswith("/r/"):  # /r/N redirects N times, varying status and form
            n = int(path.removeprefix("/r/"))
            if n == 0:
                self.reply(200, PAGE, Content_Type="text/html")
                return
            status = (301, 302, 303, 307, 308)[n % 5]
            location = f"/r/{n - 1}" if n % 2 else str(n - 1)  # absolute path, or relative
            self.reply(status, Location=location)
        elif path == "/to":
            self.reply(int(query.get("status", "302")), Location=query["loc"])
        elif path == "/loop/a":
            self.reply(302, Location="/loop/b")
        elif path == "/loop/b":
            self.reply(301, Location=f"http://{self.headers['Host']}/loop/a")
        elif path == "/no-location":
            self.reply(302)
        elif path in {"/404", "/500"}:
            self.reply(int(path[1:]), b"nope")
        elif path == "/huge":  # no Content-Length: ends when the connection closes
            self.raw(b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n")
            for _ in range(32):
                self.raw(b"x" * 8192)
        elif path == "/liar-huge":
            self.reply(200, b"short", Content_Length=str(10**12))
        elif path == "/liar-short":
            self.reply(200, b"0123456789", Content_Length="100")
        elif path == "/gzip":
            self.reply(200, b"\x1f\x8b\x08\x00", Content_Encoding="gzip")
        elif path == "/empty":
            pass  # close without a response
        elif path == "/slow":
            time.sleep(1.0)
            self.reply(200, b"late")
        elif path == "/drip-body":  # each byte well within timeout_s, the whole too slow
            self.raw(b"HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\n")
            for _ in range(30):
                time.sleep(0.05)
                self.raw(b"x")
        elif path == "/drip-headers":
            self.raw(b"HTTP/1.0 200 OK\r\n")
            for i in range(30):
                time.sleep(0.05)
                self.raw(b"X-Drip-%d: x\r\n" % i)
        else:
            self.reply(404)


@dataclass
class Server:
    port: int
    scheme: str = "http"

    def url(self, path: str, host: str = "news.test") -> str:
        return f"{self.scheme}://{host}:{self.port}{path}"


def serve(server: http.server.ThreadingHTTPServer) -> Iterator[None]:
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    for _ in serve(httpd):
        yield Server(httpd.server_port)


@pytest.fixture(scope="module")
def cert(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A self-signed certificate for news.test (skips without the openssl binary)."""
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("the openssl binary is needed to make a test certificate")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            *(openssl, "req", "-x509", "-nodes", "-days", "2"),
            *("-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"),
            *("-keyout", str(key), "-out", str(cert)),
            *("-subj", "/CN=news.test", "-addext", "subjectAltName=DNS:news.test"),
        ],
        check=True,
        capture_output=True,
        timeout=30,
    )
    return cert, key


@pytest.fixture(scope="module")
def tls_server(cert: tuple[Path, Path]) -> Iterator[Server]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(*cert)
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    for _ in serve(httpd):
        yield Server(httpd.server_port, "https")


# -- the fake network ---------------------------------------------------------------


@dataclass
class Net:
    """The fake resolver and test policy, with what each was asked, and every connection."""

    names: dict[str, list[str]] = field(default_factory=lambda: dict(NAMES))
    lookups: list[str] = field(default_factory=list)
    checked: list[IPAddress] = field(default_factory=list)
    connections: list[tuple[str, int]] = field(default_factory=list)

    def resolve(self, host: str, port: int) -> list[str]:
        self.lookups.append(host)
        if host not in self.names:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return self.names[host]

    def policy(self, address: IPAddress) -> bool:
        self.checked.append(address)
        return address == LOCAL or public_only(address)

    def fetch(self, url: str, limits: FetchLimits = QUICK) -> Fetched:
        return fetch(url, limits=limits, resolver=self.resolve, policy=self.policy)


@pytest.fixture(autouse=True)
def net(monkeypatch: pytest.MonkeyPatch) -> Net:
    """Record every connection; connecting anywhere but loopback fails the test."""
    state = Net()
    real = socket.create_connection

    def guarded(address: tuple[str, int], *args: object, **kwargs: object) -> socket.socket:
        state.connections.append(address)
        assert address[0] in {"127.0.0.1", "::1"}, f"tried to connect to {address}"
        return real(address, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(socket, "create_connection", guarded)
    return state


def fails(call: Callable[[], object], error: type[FetchError] = FetchError) -> str:
    """The one-line message of the error ``call`` raises."""
    with pytest.raises(error) as info:
        call()
    message = str(info.value)
    assert "\n" not in message and message
    return message


# -- success -----------------------------------------------------------------------------


def test_page(server: Server, net: Net) -> None:
    url = server.url("/page")
    got = net.fetch(url)
    assert (got.url, got.final_url, got.status) == (url, url, 200)
    assert (got.content_type, got.charset) == ("text/html", "iso-8859-1")
    assert got.headers["content-type"] == "text/html; charset=iso-8859-1"
    assert got.headers["content-length"] == str(len(PAGE))
    assert (
        got.body == PAGE
        and got.body.decode(got.charset or "?") == "<html><title>Café</title><p>Olá</p></html>"
    )
    assert net.lookups == ["news.test"]
    assert net.checked == [LOCAL]
    assert net.connections == [("127.0.0.1", server.port)]


def test_request_headers(server: Server, net: Net) -> None:
    sent = json.loads(net.fetch(server.url("/echo")).body)["headers"]
    assert sent["User-Agent"] == f"newsift/{newsift.__version__} (+https://github.com/newsift)"
    assert sent["Accept"] == "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"
    assert sent["Accept-Encoding"] == "identity"
    assert sent["Host"] == f"news.test:{server.port}"


def test_idn_host_and_non_ascii_path(server: Server, net: Net) -> None:
    echo = json.loads(net.fetch(f"http://bücher.test:{server.port}/echo/café?q=ü").body)
    assert net.lookups == ["xn--bcher-kva.test"]
    assert echo["headers"]["Host"] == f"xn--bcher-kva.test:{server.port}"
    assert echo["path"] == "/echo/caf%C3%A9?q=%C3%BC"


def test_resolves_once_and_connects_to_the_checked_address(server: Server, net: Net) -> None:
    answers = iter([["127.0.0.1"], ["10.0.0.5"]])  # a rebinding DNS server
    got = fetch(
        server.url("/page"), limits=QUICK, resolver=lambda h, p: next(answers), policy=net.policy
    )
    assert got.status == 200
    assert net.connections == [("127.0.0.1", server.port)]


@pytest.mark.parametrize(
    ("header", "content_type", "charset"),
    [
        ("text/html; charset=ISO-8859-1", "text/html", "iso-8859-1"),
        ('TEXT/HTML;Charset="UTF-8"', "text/html", "utf-8"),
        (
            "application/xhtml+xml ; q=1; charset=windows-1252",
            "application/xhtml+xml",
            "windows-1252",
        ),
        ("text/plain", "text/plain", None),
        ("text/plain; charset=", "text/plain", None),
    ],
)
def test_content_type(
    server: Server, net: Net, header: str, content_type: str, charset: str | None
) -> None:
    got = net.fetch(server.url("/ctype?v=" + quote(header)))
    assert (got.content_type, got.charset) == (content_type, charset)


def test_no_content_type(server: Server, net: Net) -> None:
    got = net.fetch(server.url("/no-ctype"))
    assert (got.content_type, got.charset, got.body) == (None, None, b"x")


def test_chunked_body(server: Server, net: Net) -> None:
    assert net.fetch(server.url("/chunked")).body == b"hello world"


def test_body_of_exactly_max_bytes(server: Server, net: Net) -> None:
    assert net.fetch(server.url("/page"), FetchLimits(max_bytes=len(PAGE))).body == PAGE


# -- redirects ---------------------------------------------------------------------------


def test_redirect_chain(server: Server, net: Net) -> None:
    got = net.fetch(server.url("/r/5"), FetchLimits(max_redirects=5))  # 301 308 307 303 302
    assert got.url == server.url("/r/5")
    assert got.final_url == server.url("/r/0")
    assert got.body == PAGE
    assert net.lookups == ["news.test"] * 6  # every hop resolved and checked again
    assert len(net.checked) == 6


def test_redirect_to_another_host_sends_its_host(server: Server, net: Net) -> None:
    target = server.url("/echo", host="other.test")
    got = net.fetch(server.url("/to?status=307&loc=" + quote(target)))
    assert got.final_url == target
    assert json.loads(got.body)["headers"]["Host"] == f"other.test:{server.port}"


@pytest.mark.parametrize(
    ("path", "limits", "words"),
    [
        ("/r/5", FetchLimits(max_redirects=4), "too many redirects: more than 4"),
        ("/r/1", FetchLimits(max_redirects=0), "too many redirects: more than 0"),
        ("/loop/a", QUICK, "redirect loop"),
        ("/to?loc=/to%3Floc%3D/page", QUICK, None),  # two hops, fine: checked below
        ("/no-location", QUICK, "redirect without a Location"),
        ("/to?loc=ftp://news.test/x", QUICK, "bad redirect from http://news.test"),
        ("/to?loc=http://user:pw@news.test/", QUICK, "user name or password"),
    ],
)
def test_redirect_errors(
    server: Server, net: Net, path: str, limits: FetchLimits, words: str | None
) -> None:
    if words is None:
        assert net.fetch(server.url(path), limits).final_url == server.url("/page")
        return
    assert words in fails(lambda: net.fetch(server.url(path), limits))


@pytest.mark.parametrize(
    ("location", "words"),
    [
        ("http://internal.test/", "internal.test (10.0.0.5)"),
        ("http://meta.test/latest/meta-data/", "169.254.169.254"),
        ("http://metadata.google.internal/computeMetadata/v1/", "cloud metadata"),
        ("http://169.254.169.254/latest/meta-data/", "169.254.169.254"),
        ("http://[::1]:{port}/page", "::1"),
    ],
)
def test_redirect_to_blocked_address(server: Server, net: Net, location: str, words: str) -> None:
    start = server.url("/to?loc=" + quote(location.format(port=server.port)))
    assert words in fails(lambda: net.fetch(start), BlockedAddress)
    assert net.connections == [("127.0.0.1", server.port)]  # the first hop only


# -- refused before any connection -------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("ftp://news.test/file", "cannot fetch ftp: URLs"),
        ("file:///etc/passwd", "cannot fetch file: URLs"),
        ("javascript:alert(1)", "cannot fetch javascript: URLs"),
        ("news.test/page", "not a URL"),
        ("http://user:secret@news.test/", "user name or password"),
        ("https://user@news.test/", "user name or password"),
        ("http:///page", "has no host"),
        ("http://:80/page", "has no host"),
        ("http://news.test:0/", "1 to 65535"),
        ("http://news.test:65536/", "1 to 65535"),
        ("http://news.test:http/", "1 to 65535"),
        ("http://news.test/a b", "spaces or control characters"),
        ("http://news.test/a\r\nX-Evil: 1", "spaces or control characters"),
        ("http://[::1/", "not a valid URL"),
    ],
)
def test_bad_urls(net: Net, url: str, words: str) -> None:
    message = fails(lambda: net.fetch(url))
    assert words in message
    assert "secret" not in message
    assert net.lookups == [] and net.connections == []


@pytest.mark.parametrize(
    ("host", "words"),
    [
        ("internal.test", "internal.test (10.0.0.5)"),
        ("meta.test", "meta.test (169.254.169.254)"),
        ("v6.test", "v6.test (::1)"),
        ("mapped.test", "mapped.test (::ffff:127.0.0.1)"),
        ("mixed.test", "mixed.test (10.0.0.1)"),
        ("half.test", "half.test (10.0.0.1)"),  # 127.0.0.1 is allowed, and listening
        ("metadata.google.internal", "cloud metadata"),
        ("METADATA.google.internal.", "cloud metadata"),
        ("10.0.0.5", "10.0.0.5"),
        ("169.254.169.254", "169.254.169.254"),
        ("0.0.0.0", "0.0.0.0"),
        ("[::1]", "::1"),
        ("[::ffff:127.0.0.1]", "::ffff:127.0.0.1"),
        ("[fd00:ec2::254]", "fd00:ec2::254"),
    ],
)
def test_blocked_hosts(server: Server, net: Net, host: str, words: str) -> None:
    assert words in fails(lambda: net.fetch(server.url("/page", host=host)), BlockedAddress)
    assert net.connections == []
    if host in NAMES:
        assert net.lookups == [host]
    else:  # IP literals and blocked names never reach the resolver
        assert net.lookups == []


@pytest.mark.parametrize("host", ["2130706433", "0x7f.1"])
def test_odd_ipv4_forms_are_checked_after_resolution(server: Server, net: Net, host: str) -> None:
    # the system resolver reads these as 127.0.0.1 without asking DNS
    assert "(127.0.0.1)" in fails(lambda: fetch(server.url("/page", host=host)), BlockedAddress)
    assert net.connections == []


@pytest.mark.parametrize(
    ("address", "allowed"),
    [
        ("93.184.216.34", True),
        ("8.8.8.8", True),
        ("2606:4700:4700::1111", True),
        ("::ffff:93.184.216.34", True),  # IPv4-mapped public
        ("2002:5db8:d822::1", True),  # 6to4 of 93.184.216.34
        ("2001:0:5db8:d822::f7f7:f7f7", True),  # Teredo: server 93.184.216.34, client 8.8.8.8
        ("10.0.0.5", False),
        ("172.16.0.1", False),
        ("192.168.1.1", False),
        ("127.0.0.1", False),
        ("127.255.255.254", False),
        ("0.0.0.0", False),
        ("169.254.1.1", False),
        ("169.254.169.254", False),  # metadata
        ("100.64.0.1", False),  # shared
        ("100.100.100.200", False),  # shared (a cloud's metadata)
        ("224.0.0.1", False),
        ("239.255.255.250", False),
        ("240.0.0.1", False),
        ("255.255.255.255", False),
        ("192.0.2.1", False),  # documentation
        ("198.18.0.1", False),  # benchmarking
        ("::1", False),
        ("::", False),
        ("fe80::1", False),
        ("fc00::1", False),
        ("fd00:ec2::254", False),  # metadata
        ("fec0::1", False),  # site-local
        ("ff02::1", False),
        ("2001:db8::1", False),
        ("::ffff:127.0.0.1", False),
        ("::ffff:10.0.0.1", False),
        ("::ffff:169.254.169.254", False),
        ("::ffff:100.64.0.1", False),
        ("2002:7f00:1::1", False),  # 6to4 of 127.0.0.1
        ("2002:a00:1::1", False),  # 6to4 of 10.0.0.1
        ("2002:a9fe:a9fe::1", False),  # 6to4 of 169.254.169.254
        ("2001:0:5db8:d822::f5ff:fffe", False),  # Teredo client 10.0.0.1
        ("2001:0:4136:e378:8000:63bf:3fff:fdd2", False),  # Teredo client 192.0.2.45
        ("64:ff9b::a00:1", False),  # NAT64 of 10.0.0.1
        ("::7f00:1", False),  # IPv4-compatible 127.0.0.1
    ],
)
def test_public_only(address: str, allowed: bool) -> None:
    assert public_only(ipaddress.ip_address(address)) is allowed


# -- network failures, HTTP errors, limits -----------------------------------------------


def test_offline(net: Net) -> None:
    def offline(host: str, port: int) -> list[str]:
        raise socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")

    with pytest.raises(FetchError) as info:
        fetch("https://example.org/news", resolver=offline, policy=net.policy)
    assert str(info.value).startswith("cannot resolve example.org: are you offline?")
    assert isinstance(info.value.__cause__, socket.gaierror)
    assert net.connections == []


@pytest.mark.parametrize(
    ("answers", "words"),
    [([], "cannot resolve news.test: no addresses"), (["not-an-ip"], "not an IP address")],
)
def test_odd_resolver_answers(net: Net, answers: list[str], words: str) -> None:
    call = lambda: fetch("http://news.test/", resolver=lambda h, p: answers, policy=net.policy)  # noqa: E731
    assert words in fails(call)


def test_connection_refused(net: Net) -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    message = fails(lambda: net.fetch(f"http://news.test:{port}/"))
    assert message == f"connection refused by news.test:{port}"


@pytest.mark.parametrize(
    ("path", "limits", "words"),
    [
        ("/404", QUICK, "HTTP 404 Not Found for http://news.test:{port}/404"),
        ("/500", QUICK, "HTTP 500 Internal Server Error for http://news.test:{port}/500"),
        ("/huge", FetchLimits(max_bytes=10_000), "sent more than 10,000 bytes (limit max_bytes)"),
        ("/liar-huge", FetchLimits(max_bytes=1_000), "is 1,000,000,000,000 bytes (Content-Length)"),
        ("/liar-short", QUICK, "closed the connection after 10 of 100 bytes"),
        ("/page", FetchLimits(max_bytes=len(PAGE) - 1), "(limit max_bytes)"),
        ("/gzip", QUICK, "came gzip-encoded"),
        ("/empty", QUICK, "closed the connection without a response"),
    ],
)
def test_response_errors(
    server: Server, net: Net, path: str, limits: FetchLimits, words: str
) -> None:
    assert words.format(port=server.port) in fails(lambda: net.fetch(server.url(path), limits))


@pytest.mark.parametrize(
    ("path", "limits", "words"),
    [
        ("/slow", FetchLimits(timeout_s=0.2), "nothing arrived for 0.2 s (limit timeout_s)"),
        (
            "/drip-body",
            FetchLimits(timeout_s=1.0, total_s=0.4),
            "took longer than 0.4 s (limit total_s)",
        ),
        (
            "/drip-headers",
            FetchLimits(timeout_s=1.0, total_s=0.4),
            "took longer than 0.4 s (limit total_s)",
        ),
    ],
)
def test_time_limits(server: Server, net: Net, path: str, limits: FetchLimits, words: str) -> None:
    start = time.monotonic()
    assert words in fails(lambda: net.fetch(server.url(path), limits))
    assert time.monotonic() - start < 0.9


@pytest.mark.parametrize(
    "options",
    [{"timeout_s": 0}, {"total_s": -1}, {"max_bytes": 0}, {"max_redirects": -1}],
)
def test_limits_are_checked(options: dict[str, float]) -> None:
    with pytest.raises(ValueError, match="must"):
        FetchLimits(**options)  # type: ignore[arg-type]


def test_error_codes() -> None:
    assert issubclass(BlockedAddress, FetchError) and issubclass(FetchError, InputError)
    assert (FetchError.code, BlockedAddress.code) == ("input.fetch", "input.fetch.blocked")


# -- TLS ---------------------------------------------------------------------------------


def test_untrusted_certificate_is_refused(tls_server: Server, net: Net) -> None:
    with pytest.raises(FetchError) as info:
        net.fetch(tls_server.url("/page"))
    assert str(info.value).startswith("certificate check failed for news.test")
    assert isinstance(info.value.__cause__, ssl.SSLCertVerificationError)


@pytest.fixture
def trusted(cert: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    """Trust the test certificate alone (ssl.create_default_context reads SSL_CERT_FILE)."""
    monkeypatch.setenv("SSL_CERT_FILE", str(cert[0]))
    monkeypatch.delenv("SSL_CERT_DIR", raising=False)


@pytest.mark.usefixtures("trusted")
def test_https_with_trusted_certificate(tls_server: Server, net: Net) -> None:
    got = net.fetch(tls_server.url("/page"))  # connected to 127.0.0.1, verified as news.test
    assert (got.status, got.body) == (200, PAGE)
    assert net.connections == [("127.0.0.1", tls_server.port)]


@pytest.mark.usefixtures("trusted")
def test_https_host_name_is_checked(tls_server: Server, net: Net) -> None:
    message = fails(lambda: net.fetch(tls_server.url("/page", host="other.test")))
    assert message.startswith("certificate check failed for other.test")


@pytest.mark.usefixtures("trusted")
def test_https_to_http_redirect_is_refused(tls_server: Server, server: Server, net: Net) -> None:
    start = tls_server.url("/to?loc=" + quote(server.url("/page")))
    assert "refusing a redirect from https to http" in fails(lambda: net.fetch(start))
    assert net.connections == [("127.0.0.1", tls_server.port)]
