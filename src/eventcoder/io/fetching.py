"""Fetching a web page and extracting its main text.

Only http and https are fetched. Redirects are followed here, not by urllib, so that
each hop's scheme is checked (a page must not be able to redirect us to file:// or
ftp://), and the body is read in chunks so that an endless or huge response stops at
max_bytes instead of filling memory.

A fetch never reaches the machine's own services or its private network unless asked
(`allow_private`): the address every connection actually reaches is checked after DNS
resolution, on every redirect hop, so neither a name that resolves to 127.0.0.1, nor
"2130706433", nor a redirect to http://localhost gets through. The timeout is a total
deadline: a watchdog closes the connection when it passes, so a server that drips one
byte a second cannot hold a fetch past it.
"""

from __future__ import annotations

import http.client
import ipaddress
import logging
import re
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field

from eventcoder import __version__
from eventcoder.errors import FetchError, InvalidURLError

logger = logging.getLogger(__name__)

MAX_REDIRECTS = 5
ALLOWED_SCHEMES = ("http", "https")
REDIRECT_CODES = (301, 302, 303, 307, 308)
TEXT_TYPES = ("text/", "application/xhtml", "application/xml")
_CHUNK = 65_536
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", re.IGNORECASE)


@dataclass
class _Limits:
    deadline: float
    max_bytes: int
    allow_private: bool = False
    watchdogs: list[threading.Timer] = field(default_factory=list)

    def seconds_left(self, url: str) -> float:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise FetchError(f"{url}: timed out")
        return left


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None  # urllib then raises HTTPError for the 3xx, which _open_once handles


class _RefusedAddress(OSError):
    """The connection reached an address that public fetching must not reach."""


def refused_address_reason(address: str) -> str | None:
    """Why an IP address is off limits for fetching (loopback, private, ...), or None."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    for kind in ("loopback", "unspecified", "link_local", "multicast", "private", "reserved"):
        if getattr(ip, f"is_{kind}"):
            return f"{kind.replace('_', '-')} address {ip}"
    return None


def _guarded_connection(limits: _Limits):
    """socket.create_connection that checks the peer's address before any byte is sent
    and arms the deadline watchdog on the socket."""

    def connect(address, timeout=socket._GLOBAL_DEFAULT_TIMEOUT, source_address=None, **kwargs):
        sock = socket.create_connection(address, timeout, source_address, **kwargs)
        reason = None if limits.allow_private else refused_address_reason(sock.getpeername()[0])
        if reason is not None:
            sock.close()
            raise _RefusedAddress(f"refused to fetch from a {reason} (use --allow-private-urls to permit)")
        _watchdog(sock, limits)
        return sock

    return connect


def _watchdog(sock: socket.socket, limits: _Limits) -> None:
    """Shut the socket down at the deadline, whatever a blocked read is waiting for."""
    def expire() -> None:
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass  # already closed: the fetch finished in time

    timer = threading.Timer(max(0.0, limits.deadline - time.monotonic()), expire)
    timer.daemon = True
    timer.start()
    limits.watchdogs.append(timer)


def _opener(limits: _Limits) -> urllib.request.OpenerDirector:
    connect = _guarded_connection(limits)

    class GuardedHTTP(http.client.HTTPConnection):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._create_connection = connect

    class GuardedHTTPS(http.client.HTTPSConnection):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._create_connection = connect

    class HTTPHandler(urllib.request.HTTPHandler):
        def http_open(self, req):
            return self.do_open(GuardedHTTP, req)

    class HTTPSHandler(urllib.request.HTTPSHandler):
        def https_open(self, req):
            return self.do_open(GuardedHTTPS, req, context=self._context)

    return urllib.request.build_opener(_NoRedirect, HTTPHandler, HTTPSHandler)


def check_scheme(url: str) -> None:
    """Raise FetchError unless url is http or https."""
    try:
        scheme = urllib.parse.urlsplit(url).scheme.lower()
    except ValueError as error:  # "Invalid IPv6 URL" and the like
        raise InvalidURLError(f"{url}: not a valid URL ({error})") from error
    if scheme not in ALLOWED_SCHEMES:
        shown = f"{scheme}://" if scheme else "a URL without a scheme"
        raise FetchError(f"{url}: only http and https URLs are fetched, not {shown}")


_UNSAFE_IN_URL = re.compile(r"[\x00-\x20\x7f-\x9f]")


def check_url(url: str) -> None:
    """Raise InvalidURLError unless url is a well-formed http(s) URL: a scheme, a host, a
    numeric port if any, and no whitespace or control character anywhere (http.client would
    raise InvalidURL on them, or send them on the wire)."""
    check_scheme(url)
    unsafe = _UNSAFE_IN_URL.search(url)
    if unsafe:
        raise InvalidURLError(f"{ascii(url)[1:-1]}: not a valid URL (it contains {ascii(unsafe.group())})")
    try:
        parts = urllib.parse.urlsplit(url)
        parts.port  # raises ValueError on a port that is not a number from 0 to 65535
    except ValueError as error:
        raise InvalidURLError(f"{url}: not a valid URL ({error})") from error
    if not parts.hostname:
        raise InvalidURLError(f"{url}: not a valid URL (no host)")


def fetch_url(url: str, timeout: float, max_bytes: int, allow_private: bool = False) -> tuple[str, str]:
    """Return (page text, final URL) after at most MAX_REDIRECTS redirects.

    timeout bounds the whole download, redirects included, not only each socket read.
    Loopback, private, link-local and unspecified addresses are refused unless
    allow_private is set.
    """
    limits = _Limits(time.monotonic() + timeout, max_bytes, allow_private)
    check_url(url)
    try:
        return _follow(_opener(limits), url, limits)
    finally:
        for watchdog in limits.watchdogs:
            watchdog.cancel()


def _follow(opener, url: str, limits: _Limits) -> tuple[str, str]:
    current = url
    for _ in range(MAX_REDIRECTS + 1):
        check_url(current)
        result = _open_once(opener, current, limits)
        if isinstance(result, str):
            logger.debug("redirect %s -> %s", current, result)
            current = result
            continue
        return result
    raise FetchError(f"{url}: more than {MAX_REDIRECTS} redirects")


def _open_once(opener, url: str, limits: _Limits) -> str | tuple[str, str]:
    """One request: a redirect target (str), or the decoded body and its URL."""
    request = urllib.request.Request(url, headers={"User-Agent": f"eventcoder/{__version__}"})
    try:
        with opener.open(request, timeout=limits.seconds_left(url)) as response:
            return _read_body(response, url, limits), url
    except urllib.error.HTTPError as error:
        error.close()
        location = error.headers.get("Location") if error.code in REDIRECT_CODES else None
        if location:
            return urllib.parse.urljoin(url, location)
        raise FetchError(f"{url}: HTTP {error.code} {error.reason}") from error
    except FetchError:
        raise
    except (urllib.error.URLError, http.client.HTTPException, OSError, ValueError) as error:
        reason = getattr(error, "reason", None) or error
        if isinstance(reason, _RefusedAddress):
            raise FetchError(f"{url}: {reason}") from error
        if isinstance(reason, TimeoutError) or "timed out" in str(reason) or time.monotonic() >= limits.deadline:
            raise FetchError(f"{url}: timed out") from error
        raise FetchError(f"{url}: could not be fetched ({reason})") from error


def _read_body(response, url: str, limits: _Limits) -> str:
    content_type = response.headers.get("Content-Type", "text/html")
    if not content_type.lower().startswith(TEXT_TYPES):
        raise FetchError(f"{url}: not a web page or text (Content-Type {content_type})")
    chunks, size = [], 0
    while True:
        limits.seconds_left(url)
        chunk = response.read1(_CHUNK)  # one socket read: the deadline is checked between them
        if not chunk:
            break
        size += len(chunk)
        if size > limits.max_bytes:
            raise FetchError(f"{url}: response is larger than {limits.max_bytes:,} bytes")
        chunks.append(chunk)
    limits.seconds_left(url)  # the watchdog ends a late body like a finished one
    return _decode(b"".join(chunks), response.headers.get_content_charset())


def _decode(body: bytes, declared: str | None) -> str:
    """Decode with the declared charset, a <meta charset>, UTF-8, or with replacement."""
    match = _META_CHARSET.search(body[:4096])
    for charset in (declared, match.group(1).decode("ascii") if match else None, "utf-8"):
        if not charset:
            continue
        try:
            return body.decode(charset)
        except (LookupError, UnicodeDecodeError):
            continue
    return body.decode("utf-8", errors="replace")


def looks_like_html(text: str) -> bool:
    """True when text is an HTML page or fragment rather than plain prose."""
    head = text[:2048].lstrip().lower()
    return head.startswith("<") and bool(_HTML_TAG.search(head))


_HTML_TAG = re.compile(r"<(!doctype html|html|head|body|p|div|article|section|br|span|h[1-6])\b")


EXTRACTOR_LOGGERS = ("trafilatura", "htmldate", "courlan", "justext")
"""Loggers of the extraction libraries: their ERROR/WARNING lines are about a page's markup,
not about the run, so they go to this module's logger at DEBUG (see --verbose), not stderr."""


class _ToDebug(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        logger.debug("%s: %s", record.name, record.getMessage())


def _quiet_extractors() -> None:
    # Set before every extraction, not once: a logging.config.dictConfig call elsewhere in
    # the process (some libraries make one on import) turns propagation back on.
    for name in EXTRACTOR_LOGGERS:
        extractor_logger = logging.getLogger(name)
        if not any(isinstance(handler, _ToDebug) for handler in extractor_logger.handlers):
            extractor_logger.addHandler(_ToDebug())
        extractor_logger.propagate = False


def extract_main_text(html: str, url: str = "") -> str:
    """The article text of a page (trafilatura), or "" when none can be found."""
    import trafilatura

    _quiet_extractors()

    try:
        text = trafilatura.extract(html, url=url or None, include_comments=False, include_tables=False)
    except Exception as error:  # trafilatura raises many kinds on broken markup
        logger.debug("trafilatura failed on %s: %s", url or "a page", error)
        return ""
    return text or ""


def extract_metadata(html: str, url: str = "") -> tuple[str, str | None]:
    """(title, publication date YYYY-MM-DD or None) from a page's metadata."""
    import trafilatura

    _quiet_extractors()

    try:
        metadata = trafilatura.extract_metadata(html, default_url=url or None)
    except Exception as error:  # metadata is a bonus: never fail a document on it
        logger.debug("no metadata from %s: %s", url or "a page", error)
        return "", None
    if metadata is None:
        return "", None
    return metadata.title or "", metadata.date or None


def strip_tags(html: str) -> str:
    """Text of an HTML fragment, for snippets too small for main-text extraction."""
    import lxml.html

    try:
        return lxml.html.fromstring(html).text_content()
    except (ValueError, lxml.etree.ParserError):
        return ""
