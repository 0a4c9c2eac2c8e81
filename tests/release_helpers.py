"""Helpers for release tests: a publisher with a key, a subscriber library, serving a folder over http."""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

from criteria_library.publish import publish
from criteria_library.publishers import generate_key, load_private_key, trust
from criteria_library.store import LibraryStore

PASSPHRASE = "een lange wachtwoordzin"


def make_key(folder: Path, name: str = "uitgever") -> Path:
    """A new key pair in folder; returns the private key file (its .pub is beside it)."""
    keyfile = folder / f"{name}.key"
    generate_key(keyfile, PASSPHRASE)
    return keyfile


def release(store: LibraryStore, keyfile: Path, outdir: Path, version: str, **kwargs) -> Path:
    """Publish the store's published criteria as a signed release in outdir."""
    publish(store, outdir, load_private_key(keyfile, PASSPHRASE), publisher="MRA Regieteam", version=version,
            **kwargs)
    return outdir


def trust_key(keyfile: Path, name: str = "MRA") -> None:
    """Trust the publisher of this private key file by its .pub."""
    trust(keyfile.with_name(keyfile.name + ".pub"), name)


def subscriber(path: Path) -> LibraryStore:
    """An empty library of another organisation."""
    return LibraryStore.open(path)


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve a folder on 127.0.0.1 (a free port) in a thread; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass
