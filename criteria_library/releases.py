"""Signed library releases: the format, versions, and reading and verifying a release (publish.py writes one;
publishers.py holds the keys and the trusted publishers).

A release is a folder of plain files (a shared drive or any static web server serves it): `index.json` (format
`tender-assistant.release`, version 1) naming every pack file with its SHA-256, the pack files, and
`index.json.sig`, an Ed25519 signature over the exact bytes of index.json. Nothing in a release is used before the
signature is checked against a trusted publisher's key and every file's hash and size match.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature

from .errors import LibraryError, PackError
from .infra import strict_json
from .infra.files import read_regular
from .infra.http_fetch import fetch
from .infra.text import escape_unprintable
from .models import CRITERION_ID_RE, Status
from .pack_reading import MAX_PACK_BYTES, Pack, Progress, pack_from_dict
from .publishers import DATA_DIR, Publisher, builtin_publisher, short_fingerprint, trusted_publishers

RELEASE_FORMAT = "tender-assistant.release"
RELEASE_FORMAT_VERSION = 1
INDEX_NAME = "index.json"
SIGNATURE_NAME = "index.json.sig"
MAX_INDEX_BYTES = 1024 * 1024
PACK_FILE_RE = re.compile(r"^(?=.{1,100}$)[a-z0-9]+(?:-[a-z0-9]+)*\.json$")  # a name any file system takes
# The one version scheme (docs/releases.md): one to four whole numbers separated by dots, without leading zeros,
# compared part by part as numbers (2026.10 is newer than 2026.9; a missing part counts as 0).
VERSION_RE = re.compile(r"^(?:0|[1-9]\d{0,8})(?:\.(?:0|[1-9]\d{0,8})){0,3}$")
# Releases published before the scheme, without --version, carry the date and time with leading zeros
# (2026.1201.032318); they are still read and compared as numbers, never written again.
LEGACY_DATE_VERSION_RE = re.compile(r"^\d{4}\.\d{4}\.\d{6}$")
MAX_RETIRED_PER_PACK = 10_000
RELEASE_DEADLINE_S = 600  # a whole release over http: a server sending a byte a second is given up on
STARTER_INDEX = DATA_DIR / "starter_release.json"


# ---------------------------------------------------------------------- versions
def version_key(version: str) -> tuple[int, ...]:
    """A release version ('2026.3' or '1.2.0') as numbers for comparing; trailing zero parts do not count, so
    1.2 and 1.2.0 are the same version."""
    parts = [int(part) for part in version.split(".")]
    while len(parts) > 1 and parts[-1] == 0:
        parts.pop()
    return tuple(parts)


def check_version_text(version: str) -> str:
    """The version if it follows the scheme (VERSION_RE), else LibraryError saying what the scheme is."""
    version = version.strip()
    if not VERSION_RE.match(version):
        raise LibraryError(f"Versie '{version}' is ongeldig; gebruik één tot vier gehele getallen met punten, zonder "
                           "voorloopnullen, bijvoorbeeld 2026.3 of 1.2.0.", en=f"Version '{version}' is invalid; use "
                           "one to four whole numbers with dots, without leading zeros, e.g. 2026.3 or 1.2.0.")
    return version


def next_version(previous: str | None, today: datetime | None = None) -> str:
    """The version a release gets when none is given: the previous one with its last part raised by one, or
    YEAR.1 when there is none (a later year starts again at YEAR.1 only if that is newer)."""
    year = (today or datetime.now(UTC)).year
    fresh = f"{year}.1"
    if previous is None or not (VERSION_RE.match(previous) or LEGACY_DATE_VERSION_RE.match(previous)):
        return fresh
    if version_key(fresh) > version_key(previous):
        return fresh
    parts = [str(int(part)) for part in previous.split(".")]  # a legacy 032318 is written as 32318
    parts[-1] = str(int(parts[-1]) + 1)
    return ".".join(parts)


def date_version() -> str:
    """A version from the current date and time (UTC): the shipped starter library's scheme, so each build is
    newer than the one before."""
    now = datetime.now(UTC)  # written without leading zeros (the scheme has none): 3:23:18 is 32318
    return f"{now.year}.{now.month * 100 + now.day}.{now.hour * 10000 + now.minute * 100 + now.second}"


def sha256_hex(data: bytes) -> str:
    """The SHA-256 of some bytes, hex."""
    return hashlib.sha256(data).hexdigest()


# --------------------------------------------------------------------- receiving
@dataclass
class Release:
    """A release whose signature and every file were verified; nothing of it has been written yet."""

    publisher: Publisher
    version: str
    date: str
    notes: str
    index_sha256: str
    pack: Pack = field(default_factory=Pack)
    source: str = ""
    # criteria the publisher retired, named in the signed index beside their package's pack file: id -> package.
    # The pack files hold only published criteria, so an older reader still takes the release.
    retired: dict[str, str] = field(default_factory=dict)


class _Source:
    """Where a release is read from: a folder or an http(s) address; every read is bounded."""

    def __init__(self, location: str | Path, progress: Progress | None = None) -> None:
        self.text = str(location)
        self.deadline = time.monotonic() + RELEASE_DEADLINE_S  # one deadline for the whole release
        self.progress = progress
        self.is_url = self.text.startswith(("http://", "https://"))
        if not self.is_url and "://" in self.text:
            raise LibraryError(f"'{self.text}': alleen een map of een http(s)-adres kan een release zijn.",
                               en=f"'{self.text}': only a folder or an http(s) address can be a release.")
        if not self.is_url:
            folder = Path(self.text)
            if not folder.is_dir():
                raise LibraryError(f"De map {folder} bestaat niet.", en=f"The folder {folder} does not exist.")

    def read(self, name: str, limit: int, *, missing: tuple[str, str] | None = None) -> bytes:
        if self.is_url:
            url = self.text.rstrip("/") + "/" + name
            try:
                data = fetch(url, limit, self.deadline, error=LibraryError, progress=self.progress)
            except LibraryError as exc:
                if getattr(exc, "status", None) == 404 and missing:
                    raise LibraryError(missing[0], en=missing[1]) from None
                raise
        else:
            path = Path(self.text) / name
            if not path.exists():
                if missing:
                    raise LibraryError(missing[0], en=missing[1])
                raise LibraryError(f"{path} ontbreekt.", en=f"{path} is missing.")
            data = read_regular(path, limit, ("deel van een release", "part of a release"), error=LibraryError)
        if len(data) > limit:
            raise LibraryError(f"{name} is te groot voor een release.", en=f"{name} is too large for a release.")
        return data


class UntrustedPublisherError(LibraryError):
    """A release signed with a key this installation does not trust: who it claims to be and the key's fingerprint,
    so the window can offer to trust that key (after comparing the fingerprint)."""

    def __init__(self, claimed: str, fingerprint: str) -> None:
        super().__init__(
            f"De uitgever '{claimed}' (sleutel {short_fingerprint(fingerprint)}) wordt niet vertrouwd; er is niets "
            "gewijzigd. Vertrouw de uitgever eerst met 'library trust SLEUTEL.pub --name NAAM'.",
            en=f"The publisher '{claimed}' (key {short_fingerprint(fingerprint)}) is not trusted; nothing was changed. "
            "Trust the publisher first with 'library trust KEY.pub --name NAME'.")
        self.claimed = claimed
        self.fingerprint = fingerprint


def _tampered(what: str) -> LibraryError:
    return LibraryError(f"De release is beschadigd of onderweg gewijzigd ({what}); er is niets gewijzigd.",
                        en=f"The release is damaged or was changed on the way ({what}); nothing was changed.")


def read_release(location: str | Path, publishers: list[Publisher] | None = None, *,
                 pack_dir: Path | None = None, progress: Progress | None = None) -> Release:
    """Read and verify a release (signature against the trusted publishers, every file's hash); writes nothing.

    pack_dir reads the pack files from another folder than the index (the starter release shipped in the package);
    progress(bytes, total) is called while reading over http and may raise Cancelled to stop.
    """
    source = _Source(location, progress)
    index_bytes = source.read(INDEX_NAME, MAX_INDEX_BYTES, missing=(
        f"In {source.text} staat geen release ({INDEX_NAME} ontbreekt).",
        f"There is no release in {source.text} ({INDEX_NAME} is missing)."))
    signature_text = source.read(SIGNATURE_NAME, 4096, missing=(
        f"De release in {source.text} is niet ondertekend ({SIGNATURE_NAME} ontbreekt); er is niets gewijzigd.",
        f"The release in {source.text} is not signed ({SIGNATURE_NAME} is missing); nothing was changed."))
    return verify_release(index_bytes, signature_text, source if pack_dir is None else _Source(pack_dir),
                          publishers if publishers is not None else trusted_publishers())


def verify_release(index_bytes: bytes, signature_text: bytes, source: _Source,
                   publishers: list[Publisher]) -> Release:
    """Check the signature, then read every pack file named in the index and check its size and hash."""
    try:
        index = strict_json.loads_exact(index_bytes.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise _tampered(INDEX_NAME) from None
    if not isinstance(index, dict) or index.get("format") != RELEASE_FORMAT:
        raise LibraryError(f"{INDEX_NAME} is geen Tender Assistant-release.",
                           en=f"{INDEX_NAME} is not a Tender Assistant release.")
    if index.get("version") != RELEASE_FORMAT_VERSION:
        raise LibraryError(f"Releaseformaat {index.get('version')!r} wordt niet ondersteund; werk Tender Assistant bij.",
                           en=f"Release format {index.get('version')!r} is not supported; update Tender Assistant.")
    fp = index.get("fingerprint")
    claimed = str(index.get("publisher", ""))[:100]
    publisher = next((p for p in publishers if p.fingerprint == fp), None)
    if publisher is None:
        raise UntrustedPublisherError(claimed, str(fp))
    try:
        signature = base64.b64decode(signature_text.strip(), validate=True)
        publisher.public_key.verify(signature, index_bytes)
    except (InvalidSignature, binascii.Error, ValueError):
        raise _tampered(f"de handtekening klopt niet bij {INDEX_NAME}") from None
    # from here on the index is the publisher's own; still check its shape before using it
    version = index.get("release")
    entries = index.get("packs")
    if (not isinstance(version, str) or not (VERSION_RE.match(version) or LEGACY_DATE_VERSION_RE.match(version))
            or not isinstance(entries, list)):
        raise LibraryError(f"{INDEX_NAME} mist de releaseversie of de lijst met pakketten.",
                           en=f"{INDEX_NAME} lacks the release version or the list of packs.")
    merged = Pack()
    retired: dict[str, str] = {}
    seen: set[str] = set()
    for entry in entries:
        name = entry.get("file") if isinstance(entry, dict) else None
        if not isinstance(name, str) or not PACK_FILE_RE.match(name) or name in seen or name == INDEX_NAME:
            raise LibraryError(f"{INDEX_NAME} noemt een ongeldige bestandsnaam: {str(name)[:60]!r}.",
                               en=f"{INDEX_NAME} names an invalid file name: {str(name)[:60]!r}.")
        seen.add(name)
        data = source.read(name, MAX_PACK_BYTES)
        if len(data) != entry.get("size") or sha256_hex(data) != entry.get("sha256"):
            raise _tampered(f"{name} is niet het bestand dat de uitgever ondertekende")
        try:
            pack = pack_from_dict(strict_json.loads(data.decode("utf-8")), name)
        except (UnicodeDecodeError, ValueError):
            raise _tampered(name) from None
        except PackError:
            raise
        merged.packages.extend(pack.packages)
        merged.criteria.extend(pack.criteria)
        retired.update(_retired_ids(entry, name))
    not_published = [c.id for c in merged.criteria if c.status != Status.PUBLISHED]
    if not_published:
        raise LibraryError(f"De release bevat criteria die niet gepubliceerd zijn: {', '.join(not_published[:5])}.",
                           en=f"The release contains criteria that are not published: {', '.join(not_published[:5])}.")
    refuse_outside_scope(publisher, merged, retired)
    return Release(publisher=publisher, version=version, date=str(index.get("date", ""))[:40],
                   notes=str(index.get("notes", ""))[:2000], index_sha256=sha256_hex(index_bytes), pack=merged,
                   source=source.text, retired=retired)


def _retired_ids(entry: dict[str, Any], name: str) -> dict[str, str]:
    """The criteria a pack entry of the index names as retired (id -> its package); LibraryError when malformed."""
    ids = entry.get("retired", [])
    package = entry.get("package")
    if (not isinstance(ids, list) or len(ids) > MAX_RETIRED_PER_PACK or not isinstance(package, str)
            or not all(isinstance(cid, str) and CRITERION_ID_RE.match(cid) for cid in ids)):
        raise LibraryError(f"{INDEX_NAME} noemt bij {name} ongeldige ingetrokken criteria.",
                           en=f"{INDEX_NAME} names invalid retired criteria for {name}.")
    return dict.fromkeys(ids, package)



def refuse_outside_scope(publisher: Publisher, pack: Pack, retired: dict[str, str] | None = None,
                         local: dict[str, str] | None = None) -> None:
    """LibraryError naming the first package or criterion (retired ones included) the regisseur did not entrust to
    this publisher; local (id -> package here) makes a criterion count by where it is now as well, so one cannot be
    'moved' into an entrusted package."""
    if not publisher.scoped:
        return
    carried = {c.package for c in pack.criteria}
    # a package row is only the vehicle of prefix-scoped criteria; it changes nothing when none of them is outside
    outside = [f"pakket {p.slug}" for p in pack.packages if not publisher.allows_package(p.slug)
               and (p.slug not in carried or not publisher.prefixes)]
    outside += [f"criterium {c.id}" for c in pack.criteria if not publisher.allows_criterion(c.id, c.package)
                or c.id in (local or {}) and not publisher.allows_criterion(c.id, (local or {})[c.id])]
    outside += [f"criterium {cid}" for cid, slug in (retired or {}).items()
                if not publisher.allows_criterion(cid, slug)]
    if outside:
        shown = escape_unprintable(", ".join(outside[:3]))[:200]
        more = f" en nog {len(outside) - 3}" if len(outside) > 3 else ""
        raise LibraryError(
            f"De release van '{publisher.name}' valt buiten wat u deze uitgever toevertrouwt ({shown}{more}; "
            f"toegestaan: {publisher.scope_text()}); er is niets gewijzigd.",
            en=f"The release of '{publisher.name}' goes beyond what you entrust to this publisher "
            f"({shown.replace('pakket', 'package').replace('criterium', 'criterion')}; allowed: "
            f"{publisher.scope_text('en')}); nothing was changed.")


def starter_release(starter_dir: Path) -> Release:
    """The starter library shipped in the package, verified against the built-in publisher's key."""
    index_bytes = STARTER_INDEX.read_bytes()
    signature = STARTER_INDEX.with_name(STARTER_INDEX.name + ".sig").read_bytes()
    release = verify_release(index_bytes, signature, _Source(starter_dir), [builtin_publisher()])
    signed = {entry["file"] for entry in strict_json.loads_exact(index_bytes.decode("utf-8"))["packs"]}
    if signed != {p.name for p in starter_dir.glob("*.json")}:
        raise LibraryError("De startbibliotheek heeft andere bestanden dan ondertekend; voer scripts/sign_starter uit.",
                           en="The starter library has other files than were signed; run scripts/sign_starter.")
    return release
