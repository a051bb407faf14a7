"""Fetch one page over HTTP or HTTPS, refusing what a public fetcher must not reach.

``newsift analyze https://...`` and the web app call :func:`fetch` and hand
``Fetched.body`` to ingest. Every URL may be attacker-written, so:

- **Where it connects.** Only ``http`` and ``https``, no user name or password in
  the URL, a host and a port from 1 to 65535. The host is resolved once, *every*
  address is checked with the policy (default :func:`public_only`), and the socket
  connects to a checked address itself: a second DNS answer cannot move the target
  (DNS rebinding). The request still carries the original ``Host`` header, and TLS
  checks the certificate against the original host name. ``metadata.google.internal``
  is refused by name before resolution, whatever the policy. An IP literal host is
  checked as it is, without asking the resolver.
- **Redirects** (301, 302, 303, 307, 308) are followed by hand, up to
  ``max_redirects``; every hop is parsed, resolved and checked again; a redirect
  from https to http, back to a URL already visited, or past the limit is an error.
- **TLS** uses ``ssl.create_default_context()``: certificate and host name are
  always checked. There is no switch to turn that off; a bad certificate is an error.
- **Size and time** (:class:`FetchLimits`): connecting, the TLS handshake, sending
  and each single read may take ``timeout_s``; the whole fetch, redirects included,
  ``total_s``, checked before each hop and before every read (status and header
  lines too, so a server that drips bytes cannot hold a fetch open). The body may
  not pass ``max_bytes``; a ``Content-Length`` over it fails before reading.

Limits of this module: name resolution is not bounded by ``timeout_s`` (the
system's ``getaddrinfo`` has no timeout; ``total_s`` is checked right after it).
GET only; no cookies, no caching, no proxies (proxy environment variables are
ignored), no decompression: it asks for ``identity`` and refuses any other
``Content-Encoding``. Status 400 and above is an error, never a :class:`Fetched`.
"""

from __future__ import annotations

import http.client
import io
import ipaddress
import re
import socket
import ssl
import string
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeAlias
from urllib.parse import quote, urljoin, urlsplit

from newsift.errors import InputError
from newsift.ingest.html_decode import parse_content_type

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer

IPAddress: TypeAlias = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver: TypeAlias = Callable[[str, int], list[str]]
"""``(host, port) -> IP address strings``; may raise :class:`socket.gaierror`."""
AddressPolicy: TypeAlias = Callable[[IPAddress], bool]
"""True when connecting to the address is allowed."""

__all__ = [
    "ACCEPT",
    "BLOCKED_NAMES",
    "METADATA_ADDRESSES",
    "REDIRECTS",
    "AddressPolicy",
    "BlockedAddress",
    "FetchError",
    "FetchLimits",
    "Fetched",
    "Resolver",
    "fetch",
    "public_only",
    "system_resolver",
    "user_agent",
]

REDIRECTS = frozenset({301, 302, 303, 307, 308})
ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"
BLOCKED_NAMES = frozenset({"metadata.google.internal"})  # refused before resolution
METADATA_ADDRESSES = frozenset(
    {ipaddress.ip_address("169.254.169.254"), ipaddress.ip_address("fd00:ec2::254")}
)
_SHARED = ipaddress.ip_network("100.64.0.0/10")  # carrier-grade NAT, RFC 6598
_DEFAULT_PORTS = {"http": 80, "https": 443}
_CHUNK = 1 << 16
_SHOWN_CHARS = 200  # URLs in messages are cut to this length
_SAFE = string.punctuation  # quote() then encodes only non-ASCII characters


class FetchError(InputError):
    """A URL that could not be fetched: bad URL, network failure, HTTP error, a limit."""

    code = "input.fetch"


class BlockedAddress(FetchError):
    """The host is, or resolves to, an address the policy refuses; nothing was sent."""

    code = "input.fetch.blocked"


@dataclass(frozen=True, slots=True)
class FetchLimits:
    timeout_s: float = 10.0  # connecting, TLS handshake, sending, and each single read
    total_s: float = 30.0  # the whole fetch, redirects included
    max_bytes: int = 10_000_000  # the body of the final response
    max_redirects: int = 5  # redirects followed after the first request

    def __post_init__(self) -> None:
        for name in ("timeout_s", "total_s", "max_bytes"):
            if getattr(self, name) <= 0:
                raise ValueError(f"{name} must be positive")
        if self.max_redirects < 0:
            raise ValueError("max_redirects must not be negative")


@dataclass(frozen=True, slots=True)
class Fetched:
    """The final response of a fetch (status below 400, redirects followed)."""

    url: str  # as asked
    final_url: str  # after redirects
    status: int
    content_type: str | None  # media type only, lower-case: "text/html"
    charset: str | None  # from the Content-Type header, lower-case
    headers: dict[str, str]  # lower-case names; repeated headers joined with ", "
    body: bytes


def public_only(address: IPAddress) -> bool:
    """Allow only public unicast addresses.

    Refuses private, loopback, link-local, multicast, reserved, unspecified, shared
    (100.64.0.0/10), IPv6 site-local, cloud metadata addresses (169.254.169.254,
    fd00:ec2::254), and IPv4-mapped, 6to4 and Teredo addresses whose embedded IPv4
    address is any of those. Other IPv6 forms that embed IPv4 (NAT64 ``64:ff9b::/96``,
    IPv4-compatible ``::/96``) lie in reserved space and are refused outright.
    """
    if address in METADATA_ADDRESSES:
        return False
    if isinstance(address, ipaddress.IPv6Address):
        embedded = _embedded_ipv4(address)
        if embedded:
            return all(public_only(inner) for inner in embedded)
        if address.is_site_local:
            return False
    elif address in _SHARED:
        return False
    refused = (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
    )
    return address.is_global and not refused


def _embedded_ipv4(address: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    if address.ipv4_mapped is not None:
        return [address.ipv4_mapped]
    if address.sixtofour is not None:
        return [address.sixtofour]
    if address.teredo is not None:
        return list(address.teredo)  # server and client
    return []


def system_resolver(host: str, port: int) -> list[str]:
    """The host's addresses from ``socket.getaddrinfo``, in its order, without repeats."""
    found: list[str] = []
    for family, _, _, _, sockaddr in socket.getaddrinfo(
        host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP
    ):
        if family in (socket.AF_INET, socket.AF_INET6) and str(sockaddr[0]) not in found:
            found.append(str(sockaddr[0]))
    return found


_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")


def url_scheme(text: str) -> str | None:
    """The scheme of ``text`` lower-cased (RFC 3986: letters are case-insensitive), else None.

    The one place that decides whether an input name is a URL: ``HTTP://x`` and
    ``hTtPs://x`` are web URLs; ``C:/x`` and plain paths have no web scheme.
    """
    found = _SCHEME.match(text)
    return found.group(1).lower() if found else None


def is_web_url(text: str) -> bool:
    """Whether ``text`` names an ``http`` or ``https`` URL, in any letter case."""
    return url_scheme(text) in _DEFAULT_PORTS and text[text.index(":") :].startswith("://")


def user_agent() -> str:
    import newsift  # at call time: newsift/__init__ may import this module one day

    return f"newsift/{newsift.__version__} (+https://github.com/newsift)"


def fetch(
    url: str,
    *,
    limits: FetchLimits | None = None,
    resolver: Resolver | None = None,
    policy: AddressPolicy | None = None,
) -> Fetched:
    """GET ``url`` within ``limits``, connecting only to addresses ``policy`` allows.

    Raises :class:`BlockedAddress` when the host or a redirect target is refused
    (before any connection to it), and :class:`FetchError` for everything else that
    keeps the page from arriving: a bad URL, DNS, connection or TLS failure, a
    timeout, too many redirects, HTTP status 400 and above, a body over the limit.
    """
    limits = limits or FetchLimits()
    clock = _Clock(limits, url)
    hop = _Hop(
        clock=clock,
        resolver=resolver or system_resolver,
        policy=policy or public_only,
        agent=user_agent(),
    )
    target = _Target.parse(url)
    visited = {target.key}
    redirects = 0
    while True:
        reply = hop.request(target)
        if reply.status not in REDIRECTS:
            break
        location = reply.headers.get("location", "").strip()
        if not location:
            raise FetchError(
                f"HTTP {reply.status} redirect without a Location from {_show(target)}"
            )
        redirects += 1
        if redirects > limits.max_redirects:
            raise FetchError(
                f"too many redirects: more than {limits.max_redirects} from {_show(url)} "
                "(limit max_redirects)"
            )
        following = urljoin(target.url, _header_text(location))
        try:
            after = _Target.parse(following)
        except FetchError as exc:
            raise FetchError(f"bad redirect from {_show(target)}: {exc}") from exc
        if target.scheme == "https" and after.scheme == "http":
            raise FetchError(
                f"refusing a redirect from https to http: {_show(target)} -> {_show(after)}"
            )
        if after.key in visited:
            raise FetchError(f"redirect loop: {_show(target)} leads back to {_show(after)}")
        visited.add(after.key)
        target = after
    if reply.status >= 400:
        status = f"{reply.status} {reply.reason}".strip()
        raise FetchError(f"HTTP {status} for {_show(target)}")
    content_type, charset = parse_content_type(reply.headers.get("content-type"))
    return Fetched(
        url=url,
        final_url=target.url,
        status=reply.status,
        content_type=content_type,
        charset=charset,
        headers=reply.headers,
        body=reply.body,
    )


@dataclass(frozen=True, slots=True)
class _Target:
    """One URL checked and split into what a request needs."""

    url: str
    scheme: str
    host: str  # ASCII (IDNA), lower-case, IPv6 without brackets
    port: int
    path: str  # request target: path and query, ASCII

    @property
    def key(self) -> tuple[str, str, int, str]:
        return (self.scheme, self.host, self.port, self.path)

    @property
    def host_header(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return host if self.port == _DEFAULT_PORTS[self.scheme] else f"{host}:{self.port}"

    @classmethod
    def parse(cls, url: str) -> _Target:
        shown = _show(url)
        if any(ord(char) <= 0x20 or ord(char) == 0x7F for char in url):
            raise FetchError(f"URL contains spaces or control characters: {shown}")
        try:
            parts = urlsplit(url)
            port = parts.port
        except ValueError as exc:
            if "port" in str(exc).lower():
                raise FetchError(f"port must be a number from 1 to 65535: {shown}") from exc
            raise FetchError(f"not a valid URL ({exc}): {shown}") from exc
        scheme = parts.scheme.lower()
        if not scheme:
            raise FetchError(f"not a URL: {shown} (give one starting with http:// or https://)")
        if scheme not in _DEFAULT_PORTS:
            raise FetchError(f"cannot fetch {scheme}: URLs, only http and https: {shown}")
        if "@" in parts.netloc:
            raise FetchError("refusing a URL with a user name or password in it")
        if not parts.hostname:
            raise FetchError(f"URL has no host: {shown}")
        if port == 0:
            raise FetchError(f"port must be a number from 1 to 65535: {shown}")
        try:
            host = parts.hostname.encode("idna").decode("ascii")
        except UnicodeError as exc:
            raise FetchError(f"bad host name {parts.hostname!r}: {shown}") from exc
        path = parts.path or "/"
        if parts.query:
            path = f"{path}?{parts.query}"
        return cls(
            url=url,
            scheme=scheme,
            host=host.lower(),
            port=port or _DEFAULT_PORTS[scheme],
            path=quote(path, safe=_SAFE),
        )


@dataclass(frozen=True, slots=True)
class _Reply:
    status: int
    reason: str
    headers: dict[str, str]
    body: bytes  # empty for redirects and errors: their bodies are not read


class _Clock:
    """The fetch's deadline; every blocking step asks it how long it may take."""

    def __init__(self, limits: FetchLimits, url: str) -> None:
        self.limits = limits
        self.url = url
        self.deadline = time.monotonic() + limits.total_s

    def timeout(self) -> float:
        """``timeout_s``, or less when ``total_s`` runs out first; raises once it has."""
        remaining = self.deadline - time.monotonic()
        if remaining <= 0:
            raise FetchError(
                f"fetching {_show(self.url)} took longer than {self.limits.total_s:g} s "
                "(limit total_s)"
            )
        return min(self.limits.timeout_s, remaining)

    def expired(self) -> bool:
        return time.monotonic() >= self.deadline - 0.01  # a socket timeout may end early


class _DeadlineReader(io.RawIOBase):
    """The socket as a raw stream whose every single read is bounded by the clock."""

    def __init__(self, sock: socket.socket, clock: _Clock) -> None:
        super().__init__()
        self._sock = sock
        self._clock = clock

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: WriteableBuffer) -> int:
        self._sock.settimeout(self._clock.timeout())
        return self._sock.recv_into(buffer)


@dataclass(frozen=True, slots=True)
class _Hop:
    """One request: resolve, check, connect to the checked address, ask, read."""

    clock: _Clock
    resolver: Resolver
    policy: AddressPolicy
    agent: str

    def request(self, target: _Target) -> _Reply:
        self.clock.timeout()
        addresses = self.resolve(target)
        sock = self.connect(target, addresses)
        try:
            if target.scheme == "https":
                sock = self.secure(target, sock)
            return self.exchange(target, sock)
        finally:
            sock.close()

    def resolve(self, target: _Target) -> list[IPAddress]:
        host = target.host
        if host.rstrip(".") in BLOCKED_NAMES:
            raise BlockedAddress(f"refusing to fetch from {host}: a cloud metadata service")
        try:
            addresses = [ipaddress.ip_address(host)]
        except ValueError:
            addresses = self.lookup(host, target.port)
        for address in addresses:
            if not self.policy(address):
                text = _address_text(address)
                shown = host if host == text else f"{host} ({text})"
                raise BlockedAddress(
                    f"refusing to connect to {shown}: not a public address "
                    "(private, local, reserved or metadata)"
                )
        return addresses

    def lookup(self, host: str, port: int) -> list[IPAddress]:
        try:
            answers = self.resolver(host, port)
        except socket.gaierror as exc:
            raise FetchError(f"cannot resolve {host}: are you offline? ({exc.strerror})") from exc
        except (OSError, UnicodeError) as exc:
            raise FetchError(f"cannot resolve {host}: {exc}") from exc
        if not answers:
            raise FetchError(f"cannot resolve {host}: no addresses")
        addresses: list[IPAddress] = []
        for answer in answers:
            try:
                addresses.append(ipaddress.ip_address(answer))
            except ValueError as exc:
                raise FetchError(f"resolving {host} gave {answer!r}, not an IP address") from exc
        return addresses

    def connect(self, target: _Target, addresses: list[IPAddress]) -> socket.socket:
        where = f"{target.host}:{target.port}"
        error: OSError | None = None
        for address in addresses:  # each one already allowed by the policy
            try:
                return socket.create_connection(
                    (str(address), target.port), timeout=self.clock.timeout()
                )
            except OSError as exc:
                error = exc
        if isinstance(error, TimeoutError):
            self.clock.timeout()  # raises if total_s ran out
            raise FetchError(
                f"timed out connecting to {where} after {self.clock.limits.timeout_s:g} s "
                "(limit timeout_s)"
            ) from error
        if isinstance(error, ConnectionRefusedError):
            raise FetchError(f"connection refused by {where}") from error
        assert error is not None  # addresses is never empty
        raise FetchError(f"cannot connect to {where}: {error.strerror or error}") from error

    def secure(self, target: _Target, sock: socket.socket) -> ssl.SSLSocket:
        context = ssl.create_default_context()
        try:
            sock.settimeout(self.clock.timeout())
            return context.wrap_socket(sock, server_hostname=target.host)
        except ssl.SSLCertVerificationError as exc:
            sock.close()
            raise FetchError(
                f"certificate check failed for {target.host}: {exc.verify_message}"
            ) from exc
        except ssl.SSLError as exc:
            sock.close()
            raise FetchError(f"TLS handshake with {target.host} failed: {exc.reason}") from exc
        except TimeoutError as exc:
            sock.close()
            self.clock.timeout()
            raise FetchError(
                f"timed out in the TLS handshake with {target.host} after "
                f"{self.clock.limits.timeout_s:g} s (limit timeout_s)"
            ) from exc
        except OSError as exc:
            sock.close()
            raise FetchError(
                f"connection to {target.host} failed in the TLS handshake: {exc.strerror or exc}"
            ) from exc

    def exchange(self, target: _Target, sock: socket.socket) -> _Reply:
        request = (
            f"GET {target.path} HTTP/1.1\r\n"
            f"Host: {target.host_header}\r\n"
            f"User-Agent: {self.agent}\r\n"
            f"Accept: {ACCEPT}\r\n"
            "Accept-Encoding: identity\r\n"
            "Connection: close\r\n\r\n"
        )
        try:
            sock.settimeout(self.clock.timeout())
            sock.sendall(request.encode("ascii"))
            response = http.client.HTTPResponse(sock, method="GET")
            response.fp.close()  # its own socket file: every read goes through the clock instead
            response.fp = io.BufferedReader(_DeadlineReader(sock, self.clock), _CHUNK)
            try:
                response.begin()
                headers = _headers(response)
                body = b""
                if response.status < 400 and response.status not in REDIRECTS:
                    body = self.read_body(target, response, headers)
            finally:
                response.close()
        except http.client.RemoteDisconnected as exc:
            raise FetchError(f"{target.host} closed the connection without a response") from exc
        except http.client.IncompleteRead as exc:
            raise FetchError(
                f"{target.host} closed the connection before the whole body arrived"
            ) from exc
        except http.client.HTTPException as exc:
            raise FetchError(
                f"bad HTTP response from {target.host}: {type(exc).__name__} {exc}"
            ) from exc
        except TimeoutError as exc:
            self.clock.timeout()
            raise FetchError(
                f"timed out waiting for {_show(target)}: nothing arrived for "
                f"{self.clock.limits.timeout_s:g} s (limit timeout_s)"
            ) from exc
        except OSError as exc:
            raise FetchError(f"connection to {target.host} failed: {exc.strerror or exc}") from exc
        return _Reply(response.status, response.reason, headers, body)

    def read_body(
        self, target: _Target, response: http.client.HTTPResponse, headers: dict[str, str]
    ) -> bytes:
        limit = self.clock.limits.max_bytes
        expected = response.length  # from Content-Length; None when chunked or absent
        if expected is not None and expected > limit:
            raise FetchError(
                f"{_show(target)} is {expected:,} bytes (Content-Length), "
                f"over {limit:,} (limit max_bytes)"
            )
        encoding = headers.get("content-encoding", "identity").strip().lower()
        if encoding not in ("", "identity"):
            raise FetchError(
                f"{_show(target)} came {encoding}-encoded although newsift asked for identity"
            )
        chunks: list[bytes] = []
        size = 0
        while True:
            self.clock.timeout()
            chunk = response.read1(_CHUNK)  # at most one read from the socket
            if not chunk:
                break
            size += len(chunk)
            if size > limit:
                raise FetchError(
                    f"{_show(target)} sent more than {limit:,} bytes (limit max_bytes)"
                )
            chunks.append(chunk)
        if expected is not None and size < expected:
            raise FetchError(
                f"{target.host} closed the connection after {size:,} of {expected:,} bytes"
            )
        return b"".join(chunks)


def _headers(response: http.client.HTTPResponse) -> dict[str, str]:
    headers: dict[str, str] = {}
    for name, value in response.getheaders():
        key = name.lower()
        headers[key] = f"{headers[key]}, {value}" if key in headers else value
    return headers


def _header_text(value: str) -> str:
    """A header http.client decoded as Latin-1, decoded as UTF-8 where it is that."""
    try:
        return value.encode("latin-1").decode("utf-8")
    except UnicodeError:
        return value


def _address_text(address: IPAddress) -> str:
    """``::ffff:127.0.0.1`` rather than ``::ffff:7f00:1``, as newer Pythons write it."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return f"::ffff:{address.ipv4_mapped}"
    return str(address)


def _show(url: str | _Target) -> str:
    """A URL for a one-line message: control characters escaped, cut to a readable length."""
    text = url.url if isinstance(url, _Target) else url
    text = "".join(char if char.isprintable() else repr(char)[1:-1] for char in text)
    return text if len(text) <= _SHOWN_CHARS else text[: _SHOWN_CHARS - 3] + "..."
