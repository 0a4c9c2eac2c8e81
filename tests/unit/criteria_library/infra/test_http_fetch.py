"""Fetching over http within bounds: redirects stay on the host, one deadline, a size bound, a cancel that stops."""

from __future__ import annotations

import http.server
import threading
import time
from collections.abc import Iterator

import pytest

from criteria_library.errors import LibraryError
from criteria_library.infra.http_fetch import fetch
from criteria_library.pack_reading import Cancelled


class _Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass

    def do_GET(self) -> None:  # noqa: N802 - the base class's name
        port = self.server.server_address[1]
        if self.path == "/elders":  # the same port, but another host name: another server
            self._redirect(f"http://localhost:{port}/internal")
        elif self.path == "/hier":
            self._redirect("/index.json")
        elif self.path == "/index.json":
            self._body(b'{"ok": true}')
        elif self.path == "/groot":
            self.send_response(200)
            self.send_header("Content-Length", str(10 * 2**20))
            self.end_headers()
        elif self.path == "/traag":
            self.send_response(200)
            self.end_headers()
            for _ in range(100):  # a byte at a time, never finishing in time
                try:
                    self.wfile.write(b"x")
                    self.wfile.flush()
                except OSError:
                    return
                time.sleep(0.1)
        else:
            self.send_error(404)

    def _redirect(self, where: str) -> None:
        self.send_response(302)
        self.send_header("Location", where)
        self.end_headers()

    def _body(self, data: bytes) -> None:
        self.send_response(200)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


@pytest.fixture
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def soon(seconds: float = 30) -> float:
    return time.monotonic() + seconds


def test_a_redirect_on_the_same_host_is_followed(server: str) -> None:
    assert fetch(f"{server}/hier", 1000, soon(), error=LibraryError) == b'{"ok": true}'


def test_a_redirect_to_another_host_is_refused(server: str) -> None:
    with pytest.raises(LibraryError, match="verwijst door naar een andere server"):
        fetch(f"{server}/elders", 1000, soon(), error=LibraryError)


def test_a_declared_size_beyond_the_bound_is_refused_before_reading(server: str) -> None:
    with pytest.raises(LibraryError, match="groter dan 1024 kB"):
        fetch(f"{server}/groot", 2**20, soon(), error=LibraryError)


def test_a_server_that_trickles_is_given_up_at_the_deadline(server: str) -> None:
    started = time.monotonic()
    with pytest.raises(LibraryError, match="te traag"):
        fetch(f"{server}/traag", 1000, soon(1.0), error=LibraryError)
    assert time.monotonic() - started < 5  # the whole request, not each silent second


def test_progress_can_cancel_a_slow_fetch(server: str) -> None:
    def cancel(done: int, total: int) -> None:
        if done >= 3:
            raise Cancelled

    with pytest.raises(Cancelled):
        fetch(f"{server}/traag", 1000, soon(), error=LibraryError, progress=cancel)


def test_missing_is_reported_with_its_status(server: str) -> None:
    with pytest.raises(LibraryError) as info:
        fetch(f"{server}/weg", 1000, soon(), error=LibraryError)
    assert info.value.status == 404  # type: ignore[attr-defined]
