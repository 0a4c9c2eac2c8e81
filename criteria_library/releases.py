"""Signed library releases: keys, the trusted publishers of this installation, publishing and verifying.

A release is a folder of plain files (a shared drive or any static web server serves it): `index.json` (format
`tender-assistant.release`, version 1) naming every pack file with its SHA-256, the pack files, and
`index.json.sig`, an Ed25519 signature over the exact bytes of index.json. Nothing in a release is used before the
signature is checked against a trusted publisher's key and every file's hash and size match.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
import re
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from .errors import LibraryError, PackError
from .exchange import MAX_PACK_BYTES, Pack, pack_from_dict, pack_to_dict
from .infra import paths, strict_json
from .infra.files import atomic_write
from .models import Package, Status
from .store import LibraryStore

RELEASE_FORMAT = "tender-assistant.release"
RELEASE_FORMAT_VERSION = 1
INDEX_NAME = "index.json"
SIGNATURE_NAME = "index.json.sig"
MAX_INDEX_BYTES = 1024 * 1024
PASSPHRASE_ENV = "TENDER_ASSISTANT_KEY_PASSPHRASE"
TRUST_FILE = "trusted_publishers.json"
PACK_FILE_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*\.json$")
VERSION_RE = re.compile(r"^\d{1,9}(?:\.\d{1,9}){0,5}$")
URL_TIMEOUT_S = 20

DATA_DIR = Path(__file__).with_name("data")
BUILTIN_NAME = "Tender Assistant startbibliotheek"
BUILTIN_PUBKEY = DATA_DIR / "starter_publisher.pub"
STARTER_INDEX = DATA_DIR / "starter_release.json"


# --------------------------------------------------------------------------- keys
def fingerprint(public_key: Ed25519PublicKey) -> str:
    """The SHA-256 of the raw public key, hex: what index.json and the trust list name a publisher by."""
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()


def short_fingerprint(fp: str) -> str:
    """The first 16 hex digits in groups of four, for people to compare by phone."""
    return " ".join(fp[i : i + 4] for i in range(0, 16, 4))


def _public_pem(public_key: Ed25519PublicKey) -> bytes:
    return public_key.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)


def load_public_key(path: Path | str) -> Ed25519PublicKey:
    """Read a publisher's public key file (PEM, as `library keygen` writes it)."""
    path = Path(path)
    return public_key_from_pem(_read_key_file(path), path.name)


def _read_key_file(path: Path) -> bytes:
    """A key file's bytes; LibraryError naming the file when it cannot be read."""
    try:
        return path.read_bytes()
    except OSError as exc:
        raise LibraryError(f"De sleutel {path} kan niet worden gelezen: {exc.strerror or exc}.",
                           en=f"The key {path} cannot be read: {exc.strerror or exc}.") from None


def public_key_from_pem(data: bytes, name: str) -> Ed25519PublicKey:
    """A public key from PEM bytes; LibraryError when it is no Ed25519 public key."""
    try:
        key = serialization.load_pem_public_key(data)
    except (ValueError, TypeError):
        key = None
    if not isinstance(key, Ed25519PublicKey):
        raise LibraryError(f"{name} is geen openbare Ed25519-sleutel (verwacht een .pub-bestand van library keygen).",
                           en=f"{name} is not an Ed25519 public key (expected a .pub file from library keygen).")
    return key


def generate_key(keyfile: Path | str, passphrase: str) -> str:
    """Write a new key pair: keyfile (private, encrypted with the passphrase) and keyfile.pub; returns the fingerprint."""
    keyfile = Path(keyfile)
    pubfile = keyfile.with_name(keyfile.name + ".pub")
    for target in (keyfile, pubfile):
        if target.exists():
            raise LibraryError(f"{target} bestaat al; kies een andere naam (een sleutel wordt nooit overschreven).",
                               en=f"{target} already exists; choose another name (a key is never overwritten).")
    if len(passphrase) < 8:
        raise LibraryError("Kies een wachtwoordzin van minstens 8 tekens.", en="Choose a passphrase of at least 8 characters.")
    private = Ed25519PrivateKey.generate()
    secret = private.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                   serialization.BestAvailableEncryption(passphrase.encode("utf-8")))
    def write_secret(tmp: Path) -> None:
        tmp.write_bytes(secret)
        os.chmod(tmp, 0o600)  # readable by its owner only

    atomic_write(keyfile, write_secret, error=LibraryError)
    public = private.public_key()
    atomic_write(pubfile, lambda tmp: tmp.write_bytes(_public_pem(public)), error=LibraryError)
    return fingerprint(public)


def load_private_key(keyfile: Path | str, passphrase: str) -> Ed25519PrivateKey:
    """Read and decrypt a private key written by generate_key."""
    keyfile = Path(keyfile)
    data = _read_key_file(keyfile)
    try:
        key = serialization.load_pem_private_key(data, password=passphrase.encode("utf-8"))
    except (ValueError, TypeError):
        raise LibraryError(f"De sleutel {keyfile.name} kan niet worden geopend: verkeerde wachtwoordzin of geen "
                           "privésleutel.",
                           en=f"The key {keyfile.name} cannot be opened: wrong passphrase or not a private key.") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise LibraryError(f"{keyfile.name} is geen Ed25519-sleutel.", en=f"{keyfile.name} is not an Ed25519 key.")
    return key


# -------------------------------------------------------------------------- trust
@dataclass
class Publisher:
    """A publisher this installation trusts: a name chosen here and the key it signs with."""

    name: str
    fingerprint: str
    public_key: Ed25519PublicKey
    builtin: bool = False


def _trust_path() -> Path:
    return paths.data_dir() / TRUST_FILE


def _read_trust_file() -> dict[str, Any]:
    path = _trust_path()
    if not path.exists():
        return {"publishers": [], "builtin_untrusted": False}
    try:
        data = strict_json.loads_exact(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or not isinstance(data.get("publishers", []), list):
            raise ValueError("shape")
    except (OSError, ValueError) as exc:
        raise LibraryError(f"De lijst met vertrouwde uitgevers ({path}) is beschadigd: {exc}.",
                           en=f"The list of trusted publishers ({path}) is damaged: {exc}.") from None
    return data


def _write_trust_file(data: dict[str, Any]) -> None:
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    atomic_write(_trust_path(), lambda tmp: tmp.write_text(text, encoding="utf-8"), error=LibraryError)


def builtin_publisher() -> Publisher:
    """The publisher of the starter library shipped inside the package."""
    key = public_key_from_pem(BUILTIN_PUBKEY.read_bytes(), BUILTIN_PUBKEY.name)
    return Publisher(BUILTIN_NAME, fingerprint(key), key, builtin=True)


def trusted_publishers() -> list[Publisher]:
    """The publishers this installation trusts: the built-in starter publisher (unless untrusted) and those added."""
    data = _read_trust_file()
    found = [] if data.get("builtin_untrusted") else [builtin_publisher()]
    for entry in data.get("publishers", []):
        try:
            key = public_key_from_pem(str(entry["public_key"]).encode("ascii"), str(entry.get("name")))
        except (KeyError, LibraryError, UnicodeEncodeError):
            continue  # a damaged entry trusts nobody
        found.append(Publisher(str(entry["name"]), fingerprint(key), key))
    return found


def trust(pubkey_file: Path | str, name: str) -> Publisher:
    """Trust the publisher whose public key is in this file, under a name of your choosing."""
    name = name.strip()
    if not name or len(name) > 100 or any(ord(ch) < 32 for ch in name):
        raise LibraryError("Geef de uitgever een naam (hoogstens 100 tekens).",
                           en="Give the publisher a name (at most 100 characters).")
    key = load_public_key(pubkey_file)
    fp = fingerprint(key)
    data = _read_trust_file()
    for p in trusted_publishers():
        if p.fingerprint == fp:
            raise LibraryError(f"Deze sleutel wordt al vertrouwd als '{p.name}'.",
                               en=f"This key is already trusted as '{p.name}'.")
        if p.name.casefold() == name.casefold():
            raise LibraryError(f"Er is al een vertrouwde uitgever met de naam '{p.name}'.",
                               en=f"There already is a trusted publisher named '{p.name}'.")
    data.setdefault("publishers", []).append({"name": name, "fingerprint": fp,
                                              "public_key": _public_pem(key).decode("ascii")})
    _write_trust_file(data)
    return Publisher(name, fp, key)


def untrust(name: str) -> None:
    """Stop trusting a publisher (by the name given in `trust`); the built-in one can be untrusted too."""
    data = _read_trust_file()
    if name.casefold() == BUILTIN_NAME.casefold() and not data.get("builtin_untrusted"):
        data["builtin_untrusted"] = True
        _write_trust_file(data)
        return
    kept = [e for e in data.get("publishers", []) if str(e.get("name", "")).casefold() != name.casefold()]
    if len(kept) == len(data.get("publishers", [])):
        raise LibraryError(f"Er is geen vertrouwde uitgever met de naam '{name}'.",
                           en=f"There is no trusted publisher named '{name}'.")
    data["publishers"] = kept
    _write_trust_file(data)


# ---------------------------------------------------------------------- versions
def version_key(version: str) -> tuple[int, ...]:
    """A release version ('2026.3' or '1.2.0') as numbers for comparing."""
    return tuple(int(part) for part in version.split("."))


def check_version_text(version: str) -> str:
    """The version if it is numbers separated by dots, else LibraryError."""
    version = version.strip()
    if not VERSION_RE.match(version):
        raise LibraryError(f"Versie '{version}' is ongeldig; gebruik getallen met punten, bijvoorbeeld 2026.3 of 1.2.0.",
                           en=f"Version '{version}' is invalid; use numbers with dots, e.g. 2026.3 or 1.2.0.")
    return version


def default_version() -> str:
    """A version from the current date and time (UTC), so releases made later are always newer."""
    now = datetime.now(UTC)
    return f"{now:%Y}.{now:%m%d}.{now:%H%M%S}"


# -------------------------------------------------------------------- publishing
@dataclass
class PublishResult:
    """What `publish` wrote."""

    folder: Path
    version: str
    fingerprint: str
    files: list[str]
    criteria: int


def sha256_hex(data: bytes) -> str:
    """The SHA-256 of some bytes, hex."""
    return hashlib.sha256(data).hexdigest()


def publish(store: LibraryStore, outdir: Path | str, private_key: Ed25519PrivateKey, *, publisher: str,
            version: str | None = None, notes: str = "", packages: list[str] | None = None) -> PublishResult:
    """Write a signed release of the library's published criteria (all packages, or the ones named) into outdir."""
    outdir = Path(outdir)
    version = check_version_text(version) if version else default_version()
    slugs = packages or [p.slug for p in store.packages()]
    chosen: list[tuple[Package, list]] = []
    for slug in dict.fromkeys(slugs):
        pkg = store.package(slug)
        criteria = store.criteria(package=slug, status=Status.PUBLISHED.value)
        if criteria or packages:
            chosen.append((pkg, criteria))
    if not any(criteria for _, criteria in chosen):
        raise LibraryError("Er zijn geen gepubliceerde criteria om uit te brengen.",
                           en="There are no published criteria to release.")
    if outdir.exists() and not outdir.is_dir():
        raise LibraryError(f"{outdir} is geen map.", en=f"{outdir} is not a folder.")
    try:
        outdir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise LibraryError(f"De map {outdir} kan niet worden gemaakt: {exc.strerror or exc}.",
                           en=f"The folder {outdir} cannot be created: {exc.strerror or exc}.") from None
    entries = []
    blobs: dict[str, bytes] = {}
    for pkg, criteria in chosen:
        name = f"{pkg.slug}.json"
        blob = (json.dumps(pack_to_dict([pkg], criteria), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
        blobs[name] = blob
        entries.append({"file": name, "package": pkg.slug, "criteria": len(criteria), "size": len(blob),
                        "sha256": sha256_hex(blob)})
    public = private_key.public_key()
    fp = fingerprint(public)
    index: dict[str, Any] = {
        "format": RELEASE_FORMAT,
        "version": RELEASE_FORMAT_VERSION,
        "publisher": publisher,
        "fingerprint": fp,
        "release": version,
        "date": datetime.now(UTC).replace(microsecond=0).isoformat(),
        "notes": notes,
        "packs": entries,
    }
    index_bytes = (json.dumps(index, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    signature = base64.b64encode(private_key.sign(index_bytes)) + b"\n"
    # packs first, the signed index last: a reader that sees the new index finds every file it names
    for name, blob in [*blobs.items(), (INDEX_NAME, index_bytes), (SIGNATURE_NAME, signature)]:
        _write_bytes(outdir / name, blob)
    return PublishResult(outdir, version, fp, [INDEX_NAME, *blobs, SIGNATURE_NAME],
                         sum(len(c) for _, c in chosen))


def _write_bytes(path: Path, data: bytes) -> None:
    atomic_write(path, lambda tmp: tmp.write_bytes(data), error=LibraryError)


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


class _Source:
    """Where a release is read from: a folder or an http(s) address; every read is bounded."""

    def __init__(self, location: str | Path) -> None:
        self.text = str(location)
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
                with urllib.request.urlopen(url, timeout=URL_TIMEOUT_S) as response:  # noqa: S310 - http(s) only
                    data = bytes(response.read(limit + 1))
            except urllib.error.HTTPError as exc:
                if exc.code == 404 and missing:
                    raise LibraryError(missing[0], en=missing[1]) from None
                raise LibraryError(f"{url} kan niet worden gelezen: HTTP {exc.code}.",
                                   en=f"{url} cannot be read: HTTP {exc.code}.") from None
            except (urllib.error.URLError, OSError, ValueError) as exc:
                reason = getattr(exc, "reason", exc)
                raise LibraryError(f"{url} kan niet worden gelezen: {reason}.",
                                   en=f"{url} cannot be read: {reason}.") from None
        else:
            path = Path(self.text) / name
            if not path.is_file():
                if missing:
                    raise LibraryError(missing[0], en=missing[1])
                raise LibraryError(f"{path} ontbreekt.", en=f"{path} is missing.")
            try:
                with open(path, "rb") as fh:
                    data = fh.read(limit + 1)
            except OSError as exc:
                raise LibraryError(f"{path} kan niet worden gelezen: {exc.strerror or exc}.",
                                   en=f"{path} cannot be read: {exc.strerror or exc}.") from None
        if len(data) > limit:
            raise LibraryError(f"{name} is te groot voor een release.", en=f"{name} is too large for a release.")
        return data


def _tampered(what: str) -> LibraryError:
    return LibraryError(f"De release is beschadigd of onderweg gewijzigd ({what}); er is niets gewijzigd.",
                        en=f"The release is damaged or was changed on the way ({what}); nothing was changed.")


def read_release(location: str | Path, publishers: list[Publisher] | None = None, *,
                 pack_dir: Path | None = None) -> Release:
    """Read and verify a release (signature against the trusted publishers, every file's hash); writes nothing.

    pack_dir reads the pack files from another folder than the index (the starter release shipped in the package).
    """
    source = _Source(location)
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
        raise LibraryError(
            f"De uitgever '{claimed}' (sleutel {short_fingerprint(str(fp))}) wordt niet vertrouwd; er is niets "
            "gewijzigd. Vertrouw de uitgever eerst met 'library trust SLEUTEL.pub --name NAAM'.",
            en=f"The publisher '{claimed}' (key {short_fingerprint(str(fp))}) is not trusted; nothing was changed. "
            "Trust the publisher first with 'library trust KEY.pub --name NAME'.")
    try:
        signature = base64.b64decode(signature_text.strip(), validate=True)
        publisher.public_key.verify(signature, index_bytes)
    except (InvalidSignature, binascii.Error, ValueError):
        raise _tampered(f"de handtekening klopt niet bij {INDEX_NAME}") from None
    # from here on the index is the publisher's own; still check its shape before using it
    version = index.get("release")
    entries = index.get("packs")
    if not isinstance(version, str) or not VERSION_RE.match(version) or not isinstance(entries, list):
        raise LibraryError(f"{INDEX_NAME} mist de releaseversie of de lijst met pakketten.",
                           en=f"{INDEX_NAME} lacks the release version or the list of packs.")
    merged = Pack()
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
    not_published = [c.id for c in merged.criteria if c.status != Status.PUBLISHED]
    if not_published:
        raise LibraryError(f"De release bevat criteria die niet gepubliceerd zijn: {', '.join(not_published[:5])}.",
                           en=f"The release contains criteria that are not published: {', '.join(not_published[:5])}.")
    return Release(publisher=publisher, version=version, date=str(index.get("date", ""))[:40],
                   notes=str(index.get("notes", ""))[:2000], index_sha256=sha256_hex(index_bytes), pack=merged,
                   source=source.text)


# ------------------------------------------------------------- the shipped starter
def sign_starter_release(starter_dir: Path, version: str | None = None) -> str:
    """Sign the starter packs as a release of the built-in publisher with a new one-time key; returns its fingerprint.

    The private key exists only while this runs: nobody can sign anything else in the built-in publisher's name.
    Run `scripts/sign_starter` after changing any file in criteria_library/starter/.
    """
    private = Ed25519PrivateKey.generate()
    fp = fingerprint(private.public_key())
    entries = []
    for path in sorted(starter_dir.glob("*.json")):
        blob = path.read_bytes()
        entries.append({"file": path.name, "package": path.stem, "size": len(blob), "sha256": sha256_hex(blob)})
    index = {
        "format": RELEASE_FORMAT, "version": RELEASE_FORMAT_VERSION, "publisher": BUILTIN_NAME,
        "fingerprint": fp, "release": version or default_version(),
        "date": datetime.now(UTC).replace(microsecond=0).isoformat(),
        "notes": "De startbibliotheek die met Tender Assistant wordt meegeleverd.", "packs": entries,
    }
    index_bytes = (json.dumps(index, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    STARTER_INDEX.write_bytes(index_bytes)
    STARTER_INDEX.with_name(STARTER_INDEX.name + ".sig").write_bytes(base64.b64encode(private.sign(index_bytes)) + b"\n")
    BUILTIN_PUBKEY.write_bytes(_public_pem(private.public_key()))
    return fp


def starter_release(starter_dir: Path) -> Release:
    """The starter library shipped in the package, verified against the built-in publisher's key."""
    index_bytes = STARTER_INDEX.read_bytes()
    signature = STARTER_INDEX.with_name(STARTER_INDEX.name + ".sig").read_bytes()
    release = verify_release(index_bytes, signature, _Source(starter_dir), [builtin_publisher()])
    signed = {entry["file"] for entry in json.loads(index_bytes)["packs"]}
    if signed != {p.name for p in starter_dir.glob("*.json")}:
        raise LibraryError("De startbibliotheek heeft andere bestanden dan ondertekend; voer scripts/sign_starter uit.",
                           en="The starter library has other files than were signed; run scripts/sign_starter.")
    return release
