"""Fetching a file over http(s) within bounds: redirects only to the same host, a size bound checked before reading,
one deadline for the whole request, and a progress callback that may cancel (it raises to stop)."""

from __future__ import annotations

import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from typing import Any

from .errors import UserError

SOCKET_TIMEOUT_S = 20  # one silent network operation
CHUNK = 64 * 1024


class _SameHostRedirects(urllib.request.HTTPRedirectHandler):
    """Follow a redirect only to the same scheme, host and port: a release server must not send the app elsewhere
    (to 127.0.0.1:8765/internal, say)."""

    def redirect_request(self, req: Any, fp: Any, code: int, msg: str, headers: Any, newurl: str) -> Any:
        old, new = urllib.parse.urlsplit(req.full_url), urllib.parse.urlsplit(newurl)
        if (old.scheme, old.hostname, old.port) != (new.scheme, new.hostname, new.port):
            raise urllib.error.HTTPError(newurl, code, f"redirect to another host refused: {new.scheme}://"
                                         f"{new.netloc}", headers, fp)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch(url: str, limit: int, deadline: float, *, error: type[UserError] = UserError,
          progress: Callable[[int, int], None] | None = None) -> bytes:
    """The body at url, at most `limit` bytes, read before time.monotonic() passes `deadline`.

    HTTP errors keep their status in `exc.status` (404 lets the caller say what is missing); anything the user can
    do something about is `error` with a Dutch and English line; whatever progress() raises (a cancel) passes through.
    """
    opener = urllib.request.build_opener(_SameHostRedirects())
    try:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError
        with opener.open(url, timeout=min(SOCKET_TIMEOUT_S, remaining)) as response:  # noqa: S310 - http(s) only
            declared = response.headers.get("Content-Length")
            if declared is not None and declared.isdigit() and int(declared) > limit:
                raise _too_large(url, limit, error)
            total = int(declared) if declared is not None and declared.isdigit() else 0
            chunks: list[bytes] = []
            size = 0
            while True:
                if time.monotonic() > deadline:
                    raise TimeoutError
                chunk = response.read1(min(CHUNK, limit + 1 - size))  # what has arrived: a trickle cannot block
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
                if size > limit:
                    raise _too_large(url, limit, error)
                if progress is not None:
                    progress(size, total)
            return b"".join(chunks)
    except urllib.error.HTTPError as exc:
        exc.close()  # it holds the refused response's connection
        if "another host" in str(exc.msg):
            err = error(f"{url} verwijst door naar een andere server ({exc.filename}); dat wordt niet gevolgd.",
                        en=f"{url} redirects to another server ({exc.filename}); that is not followed.")
        else:
            err = error(f"{url} kan niet worden gelezen: HTTP {exc.code}.", en=f"{url} cannot be read: HTTP {exc.code}.")
        err.status = exc.code  # type: ignore[attr-defined]
        raise err from None
    except TimeoutError:
        raise error(f"{url} antwoordt te traag; het ophalen is na de tijdslimiet gestopt. Er is niets gewijzigd.",
                    en=f"{url} answers too slowly; fetching stopped at the time limit. Nothing was changed.") from None
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        if isinstance(reason, TimeoutError):
            raise error(f"{url} antwoordt te traag; het ophalen is na de tijdslimiet gestopt. Er is niets gewijzigd.",
                        en=f"{url} answers too slowly; fetching stopped at the time limit. Nothing was changed."
                        ) from None
        raise error(f"{url} kan niet worden gelezen: {reason}.", en=f"{url} cannot be read: {reason}.") from None


def _too_large(url: str, limit: int, error: type[UserError]) -> UserError:
    return error(f"{url} is groter dan {limit // 2**10} kB; dat wordt niet opgehaald.",
                 en=f"{url} is larger than {limit // 2**10} kB; it is not fetched.")
