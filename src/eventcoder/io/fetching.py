"""Fetching a web page and extracting its main text.

Only http and https are fetched. Redirects are followed here, not by urllib, so that
each hop's scheme is checked (a page must not be able to redirect us to file:// or
ftp://), and the body is read in chunks so that an endless or huge response stops at
max_bytes instead of filling memory.
"""

from __future__ import annotations

import logging
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from eventcoder import __version__
from eventcoder.errors import FetchError

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

    def seconds_left(self, url: str) -> float:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise FetchError(f"{url}: timed out")
        return left


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None  # urllib then raises HTTPError for the 3xx, which _open_once handles


def check_scheme(url: str) -> None:
    """Raise FetchError unless url is http or https."""
    scheme = urllib.parse.urlsplit(url).scheme.lower()
    if scheme not in ALLOWED_SCHEMES:
        shown = f"{scheme}://" if scheme else "a URL without a scheme"
        raise FetchError(f"{url}: only http and https URLs are fetched, not {shown}")


def fetch_url(url: str, timeout: float, max_bytes: int) -> tuple[str, str]:
    """Return (page text, final URL) after at most MAX_REDIRECTS redirects.

    timeout bounds the whole download, not only each socket read.
    """
    limits = _Limits(time.monotonic() + timeout, max_bytes)
    opener = urllib.request.build_opener(_NoRedirect)
    current = url
    for _ in range(MAX_REDIRECTS + 1):
        check_scheme(current)
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
    except (urllib.error.URLError, OSError, ValueError) as error:
        reason = getattr(error, "reason", None) or error
        if isinstance(reason, TimeoutError) or "timed out" in str(reason):
            raise FetchError(f"{url}: timed out") from error
        raise FetchError(f"{url}: could not be fetched ({reason})") from error


def _read_body(response, url: str, limits: _Limits) -> str:
    content_type = response.headers.get("Content-Type", "text/html")
    if not content_type.lower().startswith(TEXT_TYPES):
        raise FetchError(f"{url}: not a web page or text (Content-Type {content_type})")
    chunks, size = [], 0
    while True:
        limits.seconds_left(url)
        chunk = response.read(_CHUNK)
        if not chunk:
            break
        size += len(chunk)
        if size > limits.max_bytes:
            raise FetchError(f"{url}: response is larger than {limits.max_bytes:,} bytes")
        chunks.append(chunk)
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


def extract_main_text(html: str, url: str = "") -> str:
    """The article text of a page (trafilatura), or "" when none can be found."""
    import trafilatura

    try:
        text = trafilatura.extract(html, url=url or None, include_comments=False, include_tables=False)
    except Exception as error:  # trafilatura raises many kinds on broken markup
        logger.debug("trafilatura failed on %s: %s", url or "a page", error)
        return ""
    return text or ""


def extract_metadata(html: str, url: str = "") -> tuple[str, str | None]:
    """(title, publication date YYYY-MM-DD or None) from a page's metadata."""
    import trafilatura

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
