"""Fetching from a real local HTTP server: pages, redirects, size and time limits."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from eventcoder.errors import FetchError
from eventcoder.io.fetching import extract_main_text, fetch_url, refused_address_reason
from eventcoder.io.reading import Document, ReadOptions, read_documents

pytestmark = pytest.mark.slow

PARAGRAPH = ("The foreign ministers of Chile and Argentina met in Santiago on Thursday and agreed to "
             "reopen two mountain border crossings that had been closed since the winter storms.")
PAGE = (f"<html><head><title>Crossings reopen</title></head><body><nav>Home | Politics | Sport</nav>"
        f"<article><h1>Crossings reopen</h1><p>{PARAGRAPH}</p><p>{PARAGRAPH}</p></article>"
        f"<footer>Contact us</footer></body></html>").encode()


class Handler(BaseHTTPRequestHandler):
    routes = {
        "/page": (200, "text/html; charset=utf-8", PAGE),
        "/plain": (200, "text/plain", PARAGRAPH.encode()),
        "/big": (200, "text/html", b"<p>" + b"x" * 300_000 + b"</p>"),
        "/image": (200, "image/png", b"\x89PNG"),
    }
    redirects = {"/to-page": "/page", "/to-file": "file:///etc/passwd", "/loop": "/loop", "/to-ftp": "ftp://x/y"}

    def do_GET(self):
        if self.path == "/slow":
            time.sleep(2)
        if self.path == "/drip":
            self._drip()
            return
        if self.path in self.redirects:
            self.send_response(302)
            self.send_header("Location", self.redirects[self.path])
            self.end_headers()
            return
        status, content_type, body = self.routes.get(self.path, (404, "text/plain", b"not found"))
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _drip(self):
        """A page sent one byte at a time, 0.1 s apart: 30 s in all."""
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        try:
            for byte in (b"<p>" + b"x" * 300):
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(0.1)
        except OSError:
            pass  # the client gave up, as it should

    def log_message(self, *args):  # keep test output clean
        pass


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch):
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)


def test_fetch_page_and_extract_main_text(server):
    html, final_url = fetch_url(f"{server}/page", timeout=5, max_bytes=100_000, allow_private=True)
    assert final_url == f"{server}/page"
    text = extract_main_text(html, final_url)
    assert PARAGRAPH in text
    assert "Home | Politics" not in text and "Contact us" not in text


def test_relative_redirect_is_followed(server):
    _, final_url = fetch_url(f"{server}/to-page", timeout=5, max_bytes=100_000, allow_private=True)
    assert final_url == f"{server}/page"


@pytest.mark.parametrize(("path", "message"), [
    ("/to-file", "only http and https URLs are fetched, not file://"),
    ("/to-ftp", "only http and https URLs are fetched, not ftp://"),
    ("/loop", "more than 5 redirects"),
    ("/big", "response is larger than 100,000 bytes"),
    ("/image", "not a web page or text (Content-Type image/png)"),
    ("/missing", "HTTP 404"),
])
def test_refusals(server, path, message):
    with pytest.raises(FetchError, match=message.replace("(", r"\(").replace(")", r"\)")):
        fetch_url(f"{server}{path}", timeout=5, max_bytes=100_000, allow_private=True)


def test_timeout(server):
    started = time.monotonic()
    with pytest.raises(FetchError, match="timed out"):
        fetch_url(f"{server}/slow", timeout=0.5, max_bytes=100_000, allow_private=True)
    assert time.monotonic() - started < 1.5


def test_file_url_is_refused_without_reading_the_file():
    with pytest.raises(FetchError, match="not file://"):
        fetch_url("file:///etc/passwd", timeout=1, max_bytes=1000, allow_private=True)


def test_read_documents_from_a_url(server):
    (document,) = read_documents(f"{server}/page", ReadOptions(allow_private_urls=True))
    assert isinstance(document, Document)
    assert document.id == f"{server}/page"
    assert (document.title, document.flags) == ("Crossings reopen", ["fetched", "html_extracted"])
    assert PARAGRAPH in document.text


def test_rows_with_url_and_no_text_are_fetched(server, tmp_path):
    rows = [{"id": "a", "url": f"{server}/to-page"}, {"id": "b", "url": f"{server}/plain"},
            {"id": "c", "url": f"{server}/to-file"}, {"id": "d", "url": f"{server}/big"}]
    path = tmp_path / "urls.jsonl"
    path.write_text("".join(json.dumps(row) + "\n" for row in rows))
    a, b, c, d = read_documents(path, ReadOptions(max_fetch_bytes=100_000, allow_private_urls=True))
    assert (a.url, a.flags) == (f"{server}/page", ["fetched", "html_extracted"])
    assert (b.text, b.flags) == (PARAGRAPH, ["fetched"])
    assert (c.code, c.reason) == ("fetch_failed", "line 3: file:///etc/passwd: only http and https URLs "
                                                  "are fetched, not file://")
    assert (d.code, d.reason) == ("fetch_failed", "line 4: response is larger than 100,000 bytes")


def test_file_url_as_input_is_a_rejection_not_a_crash():
    (rejection,) = read_documents("file:///etc/passwd")
    assert rejection.code == "fetch_failed"
    assert rejection.reason == "file:///etc/passwd: only http and https URLs are fetched, not file://"


def test_a_dripping_server_cannot_hold_a_fetch_past_its_deadline(server):
    started = time.monotonic()
    with pytest.raises(FetchError, match="timed out"):
        fetch_url(f"{server}/drip", timeout=1.0, max_bytes=100_000, allow_private=True)
    assert time.monotonic() - started < 2.5


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "2130706433", "0x7f000001", "0.0.0.0"])
def test_the_machines_own_services_are_refused_by_default(server, host):
    port = server.rsplit(":", 1)[1]
    with pytest.raises(FetchError, match="refused to fetch from a loopback address 127.0.0.1"):
        fetch_url(f"http://{host}:{port}/page", timeout=5, max_bytes=100_000)


def test_a_refused_url_is_that_records_rejection(server, tmp_path):
    path = tmp_path / "urls.jsonl"
    path.write_text(json.dumps({"id": "local", "url": f"{server}/page"}) + "\n")
    (rejection,) = read_documents(path, ReadOptions())
    assert rejection.code == "fetch_failed"
    assert "refused to fetch from a loopback address" in rejection.reason


@pytest.mark.parametrize("address, reason", [
    ("10.1.2.3", "private address 10.1.2.3"), ("192.168.0.1", "private address 192.168.0.1"),
    ("169.254.169.254", "link-local address 169.254.169.254"), ("::1", "loopback address ::1"),
    ("::ffff:127.0.0.1", "loopback address 127.0.0.1"), ("0.0.0.0", "unspecified address 0.0.0.0"),
    ("fe80::1", "link-local address fe80::1"), ("93.184.215.14", None), ("2606:4700::1111", None),
])
def test_which_addresses_are_off_limits(address, reason):
    assert refused_address_reason(address) == reason
