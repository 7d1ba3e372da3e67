"""Web: fetch one http(s) URL the user asked for, politely and within limits.

Standard library only (urllib): a timeout on every socket operation plus an
overall deadline, a size cap checked while streaming, a Content-Type check
before the body is read, redirects followed (http and https only), and an
honest User-Agent. Every failure is a SourceError naming the URL.

With ``FetchSettings.public_only`` (the API served beyond this machine), every
connection, redirects included, is checked after it is made: a peer address that
is loopback, private, link-local or otherwise not global is refused, so neither a
URL nor a redirect nor a DNS answer can point the server at its own network.
Environment proxies are not used then, since the proxy would hide the real peer.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import time
import urllib.error
import urllib.request
import zlib
from datetime import UTC, datetime
from http.cookiejar import CookieJar
from typing import IO
from urllib.parse import quote, urljoin, urlsplit, urlunsplit

from storyline.errors import SourceError
from storyline.model import RawDocument
from storyline.sources import media
from storyline.sources.settings import FetchSettings

_ACCEPT = (
    "text/html,application/xhtml+xml;q=0.9,application/rss+xml;q=0.9,application/atom+xml;q=0.9,"
    "application/xml;q=0.8,text/xml;q=0.8,text/plain;q=0.7"
)
_CHUNK = 64 * 1024
_WEB_SCHEMES = ("http", "https")


def is_url(value: str) -> bool:
    """Return whether an input names a web address (http or https)."""
    return has_scheme(value) and value.partition("://")[0].lower() in _WEB_SCHEMES


def has_scheme(value: str) -> bool:
    """Return whether an input is written as a URL of any scheme (``file:``, ``ftp:``, ``http:`` …)."""
    scheme, sep, _ = value.partition("://")
    return bool(sep) and scheme.isascii() and scheme[:1].isalpha() and len(scheme) > 1


def fetch(url: str, settings: FetchSettings) -> RawDocument:
    """Fetch one http(s) URL into a RawDocument, or raise SourceError naming the URL."""
    name = url
    try:
        target = _to_ascii_url(url)
    except ValueError as err:
        raise SourceError(name, f"invalid URL ({_one_line(err)})") from None
    if urlsplit(target).scheme.lower() not in _WEB_SCHEMES:
        raise SourceError(name, "only http and https URLs are fetched")
    request = urllib.request.Request(
        target,
        headers={"User-Agent": settings.user_agent, "Accept": _ACCEPT, "Accept-Encoding": "gzip"},
    )
    deadline = time.monotonic() + settings.timeout
    try:
        with _opener(settings.public_only).open(request, timeout=settings.timeout) as response:
            return _read(name, response, settings, deadline)
    except _PrivateAddress as err:
        raise SourceError(name, f"refused: {err} is not a public address") from None
    except _RefusedRedirect as err:
        raise SourceError(name, f"refused redirect to a non-web URL {_one_line(err)}") from None
    except urllib.error.HTTPError as err:
        err.close()
        raise SourceError(name, _http_problem(err, target)) from None
    except urllib.error.URLError as err:
        if isinstance(err.reason, _PrivateAddress):  # urllib wraps what a connection raises
            raise SourceError(name, f"refused: {err.reason} is not a public address") from None
        raise SourceError(name, _network_problem(err.reason, target, settings)) from None
    except (OSError, http.client.HTTPException) as err:
        raise SourceError(name, _network_problem(err, target, settings)) from None


def _read(
    name: str, response: http.client.HTTPResponse, settings: FetchSettings, deadline: float
) -> RawDocument:
    final_url = response.geturl()
    where = f" at {final_url}" if final_url != _to_ascii_url(name) else ""
    declared = response.headers.get("Content-Type")
    media_type = response.headers.get_content_type() if declared else None
    charset = response.headers.get_content_charset() if declared else None
    if media_type and media_type != media.OCTET_STREAM and media.kind_of(media_type) is None:
        raise SourceError(name, _unsupported(media_type, where))
    encoding = (response.headers.get("Content-Encoding") or "identity").strip().lower()
    if encoding not in ("identity", "gzip", "x-gzip"):
        raise SourceError(name, f"unsupported content encoding {encoding}{where}")
    length = response.headers.get("Content-Length")
    if encoding == "identity" and length and length.isdigit() and int(length) > settings.max_bytes:
        raise SourceError(name, _too_large(settings, where, int(length)))
    body = _body(name, response, settings, deadline, gzipped=encoding != "identity", where=where)
    if not body.strip():
        raise SourceError(name, f"empty response{where}")
    if media_type in (None, media.OCTET_STREAM):
        media_type = media.sniff(body[:8192])
        if media.kind_of(media_type) is None:
            raise SourceError(name, _unsupported(media_type, where))
    return RawDocument(
        source=name,
        content=body,
        url=final_url,
        media_type=media_type,
        charset=charset,
        fetched_at=datetime.now(UTC).isoformat(timespec="seconds"),
    )


def _body(
    name: str,
    response: http.client.HTTPResponse,
    settings: FetchSettings,
    deadline: float,
    *,
    gzipped: bool,
    where: str,
) -> bytes:
    """Stream the body, stopping as soon as the size cap or the deadline is passed."""
    # read1 returns what has arrived, so a server that trickles bytes meets the deadline.
    inflate = zlib.decompressobj(zlib.MAX_WBITS | 16) if gzipped else None
    parts: list[bytes] = []
    size = 0
    while chunk := response.read1(_CHUNK):
        if time.monotonic() > deadline:
            raise SourceError(name, f"timed out after {settings.timeout:g} s{where}")
        if inflate is not None:
            try:
                # Ask for at most one byte past the cap, so a gzip bomb never inflates in memory.
                chunk = inflate.decompress(chunk, settings.max_bytes - size + 1)
            except zlib.error as err:
                raise SourceError(name, f"corrupt gzip response{where} ({_one_line(err)})") from None
        size += len(chunk)
        if size > settings.max_bytes:
            raise SourceError(name, _too_large(settings, where))
        parts.append(chunk)
    if inflate is not None and not inflate.eof:
        raise SourceError(name, f"truncated gzip response{where}")
    return b"".join(parts)


class _RefusedRedirect(Exception):
    """A redirect pointed outside http and https."""


class _WebOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects, but only to http and https (never ``file:``, ``ftp:`` …)."""

    def http_error_302(  # type: ignore[override]
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: http.client.HTTPMessage,
    ) -> object:
        """Refuse a redirect whose target is not http(s), else follow it as urllib does."""
        location = headers.get("Location") or headers.get("URI")
        if location and urlsplit(urljoin(req.full_url, location)).scheme.lower() not in _WEB_SCHEMES:
            fp.close()
            raise _RefusedRedirect(location)
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


class _PrivateAddress(OSError):
    """A connection reached an address that is not public."""


def _check_peer(sock: socket.socket) -> None:
    address = ipaddress.ip_address(sock.getpeername()[0].split("%", 1)[0])
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    if not address.is_global or address.is_multicast:
        sock.close()
        raise _PrivateAddress(str(address))


class _PeerChecked:
    """Checks the peer once a connection is made (for HTTPS, after TLS is set up on that socket)."""

    sock: socket.socket

    def connect(self) -> None:
        super().connect()  # type: ignore[misc]
        _check_peer(self.sock)


class _PublicHTTPConnection(_PeerChecked, http.client.HTTPConnection):
    pass


class _PublicHTTPSConnection(_PeerChecked, http.client.HTTPSConnection):
    pass


class _PublicHTTPHandler(urllib.request.HTTPHandler):
    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(_PublicHTTPConnection, req)


class _PublicHTTPSHandler(urllib.request.HTTPSHandler):
    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(_PublicHTTPSConnection, req, context=self._context)  # type: ignore[attr-defined]


def _opener(public_only: bool = False) -> urllib.request.OpenerDirector:
    # Built per fetch: no handler for file:, ftp: or data: URLs, and a fresh cookie jar,
    # because some news sites set a cookie on a redirect and loop without it.
    opener = urllib.request.OpenerDirector()
    connections: tuple[urllib.request.BaseHandler, ...] = (
        (urllib.request.ProxyHandler({}), _PublicHTTPHandler(), _PublicHTTPSHandler())
        if public_only
        else (urllib.request.ProxyHandler(), urllib.request.HTTPHandler(), urllib.request.HTTPSHandler())
    )
    for handler in (
        *connections,
        urllib.request.HTTPDefaultErrorHandler(),
        _WebOnlyRedirects(),
        urllib.request.HTTPErrorProcessor(),
        urllib.request.HTTPCookieProcessor(CookieJar()),
    ):
        opener.add_handler(handler)
    return opener


def _to_ascii_url(url: str) -> str:
    """Return ``url`` with an IDNA host and percent-encoded path and query (http.client needs ASCII)."""
    parts = urlsplit(url.strip())
    if not parts.hostname:
        raise ValueError("no host")
    if any(c.isspace() or c in "<>\"{}|\\^`" for c in parts.hostname):
        raise ValueError(f"bad host {parts.hostname!r}")
    host = parts.hostname.encode("idna").decode("ascii")
    if ":" in host:
        host = f"[{host}]"
    netloc = host if parts.port is None else f"{host}:{parts.port}"
    if parts.username:
        netloc = f"{parts.username}{':' + parts.password if parts.password else ''}@{netloc}"
    safe = "/:@!$&'()*+,;=%~-._"
    return urlunsplit(
        (parts.scheme, netloc, quote(parts.path, safe=safe), quote(parts.query, safe=safe + "?"), "")
    )


def _http_problem(err: urllib.error.HTTPError, target: str) -> str:
    if err.code in (301, 302, 303, 307, 308):
        return f"HTTP {err.code}: too many redirects"
    where = f" at {err.url}" if err.url and err.url != target else ""
    return f"HTTP {err.code} {_one_line(err.reason)}{where}".strip()


def _network_problem(reason: object, target: str, settings: FetchSettings) -> str:
    host = urlsplit(target).netloc
    if isinstance(reason, TimeoutError):
        return f"timed out after {settings.timeout:g} s"
    if isinstance(reason, socket.gaierror):
        return f"unknown host {host}"
    if isinstance(reason, ssl.SSLCertVerificationError):
        return f"TLS certificate not accepted for {host} ({_one_line(reason.verify_message)})"
    if isinstance(reason, ConnectionRefusedError):
        return f"cannot connect to {host} (connection refused)"
    if isinstance(reason, OSError) and reason.strerror:
        return f"cannot fetch from {host} ({_one_line(reason.strerror)})"
    return f"cannot fetch from {host} ({_one_line(reason)})"


def _unsupported(media_type: str, where: str) -> str:
    return f"unsupported content type {media_type}{where} (not HTML, text or a feed)"


def _too_large(settings: FetchSettings, where: str, size: int | None = None) -> str:
    got = f" ({size} bytes)" if size is not None else ""
    return f"response{where} larger than fetch_max_bytes = {settings.max_bytes} bytes{got}"


def _one_line(value: object) -> str:
    return " ".join(str(value).split())
