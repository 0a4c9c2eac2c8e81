"""Who may publish releases: Ed25519 keys (generate, load, fingerprint) and the trusted publishers of this
installation (the trust list in the data folder, and the built-in publisher of the starter library)."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from .errors import LibraryError
from .infra import paths, strict_json
from .infra.files import atomic_write, read_regular
from .infra.text import escape_unprintable

PASSPHRASE_ENV = "TENDER_ASSISTANT_KEY_PASSPHRASE"
TRUST_FILE = "trusted_publishers.json"
DATA_DIR = Path(__file__).with_name("data")
BUILTIN_NAME = "Tender Assistant startbibliotheek"
BUILTIN_PUBKEY = DATA_DIR / "starter_publisher.pub"
MAX_KEY_FILE_BYTES = 64 * 2**10  # a PEM key is a few hundred bytes
MAX_TRUST_FILE_BYTES = 10 * 2**20
SCOPE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$")  # a package slug or the start of a criterion id


# --------------------------------------------------------------------------- keys
def fingerprint(public_key: Ed25519PublicKey) -> str:
    """The SHA-256 of the raw public key, hex: what index.json and the trust list name a publisher by."""
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()


def short_fingerprint(fp: str) -> str:
    """The first 16 hex digits in groups of four, for people to compare by phone."""
    return " ".join(fp[i : i + 4] for i in range(0, 16, 4))


def public_pem(public_key: Ed25519PublicKey) -> bytes:
    """A public key as PEM bytes, as keygen writes it and the trust list keeps it."""
    return public_key.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)


def load_public_key(path: Path | str) -> Ed25519PublicKey:
    """Read a publisher's public key file (PEM, as `library keygen` writes it)."""
    path = Path(path)
    return public_key_from_pem(_read_key_file(path), path.name)


def _read_key_file(path: Path) -> bytes:
    """A key file's bytes; LibraryError naming the file when it cannot be read."""
    return read_regular(path, MAX_KEY_FILE_BYTES, ("sleutelbestand", "key file"), error=LibraryError)


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
    atomic_write(keyfile, lambda tmp: tmp.write_bytes(secret), error=LibraryError, private=True)
    public = private.public_key()
    atomic_write(pubfile, lambda tmp: tmp.write_bytes(public_pem(public)), error=LibraryError)
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
    # What the regisseur lets this publisher change: packages (slugs) and criterion id prefixes; both empty is all.
    packages: tuple[str, ...] = ()
    prefixes: tuple[str, ...] = ()

    @property
    def scoped(self) -> bool:
        """True when the publisher may change only some packages or criteria."""
        return bool(self.packages or self.prefixes)

    def allows_package(self, slug: str) -> bool:
        """May this publisher create or change the package itself (its name, description)?"""
        return not self.scoped or slug.casefold() in {p.casefold() for p in self.packages}

    def allows_criterion(self, criterion_id: str, package: str) -> bool:
        """May this publisher create or change this criterion (by its package, or its id's prefix)?"""
        return self.allows_package(package) or any(criterion_id.upper().startswith(p.upper()) for p in self.prefixes)

    def scope_text(self, lang: str = "nl") -> str:
        """What the publisher may change, in words: 'alles', or the packages and id prefixes."""
        if not self.scoped:
            return "alles" if lang == "nl" else "everything"
        parts = []
        if self.packages:
            parts.append(("pakketten " if lang == "nl" else "packages ") + ", ".join(self.packages))
        if self.prefixes:
            parts.append(("codes die beginnen met " if lang == "nl" else "codes starting with ")
                         + ", ".join(self.prefixes))
        return "; ".join(parts)


def _trust_path() -> Path:
    return paths.data_dir() / TRUST_FILE


def _read_trust_file() -> dict[str, Any]:
    path = _trust_path()
    if not path.exists():
        return {"publishers": [], "builtin_untrusted": False}
    raw = read_regular(path, MAX_TRUST_FILE_BYTES, ("lijst met vertrouwde uitgevers", "list of trusted publishers"),
                       error=LibraryError)
    try:
        data = strict_json.loads_exact(raw.decode("utf-8"))
        if not isinstance(data, dict) or not isinstance(data.get("publishers", []), list):
            raise ValueError("shape")
    except (OSError, ValueError) as exc:  # UnicodeDecodeError is a ValueError
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
        scope = [entry.get(k) for k in ("packages", "prefixes")]
        if not all(isinstance(v, list) and all(isinstance(x, str) for x in v) for v in scope if v is not None):
            continue  # a scope that cannot be read must not widen into 'everything'
        packages, prefixes = (tuple(v or ()) for v in scope)
        found.append(Publisher(str(entry["name"]), fingerprint(key), key, packages=packages, prefixes=prefixes))
    return found


def trust(pubkey_file: Path | str, name: str, packages: list[str] | None = None,
          prefixes: list[str] | None = None) -> Publisher:
    """Trust the publisher whose public key is in this file, under a name of your choosing; with packages or
    prefixes it may change only those packages and criteria whose id starts with a prefix."""
    name = name.strip()
    if not name or len(name) > 100 or escape_unprintable(name) != name:
        raise LibraryError("Geef de uitgever een naam (hoogstens 100 tekens, zonder stuurtekens of regeleinden).",
                           en="Give the publisher a name (at most 100 characters, without control characters or "
                           "line breaks).")
    scope_packages = tuple(dict.fromkeys(p.strip() for p in packages or ()))
    scope_prefixes = tuple(dict.fromkeys(p.strip().upper() for p in prefixes or ()))
    for value in (*scope_packages, *scope_prefixes):
        if not SCOPE_RE.match(value):
            raise LibraryError(f"'{escape_unprintable(value)[:40]}' is geen pakket of begin van een code (letters, "
                               "cijfers en '-', hoogstens 40 tekens).", en=f"'{escape_unprintable(value)[:40]}' is "
                               "not a package or start of a code (letters, digits and '-', at most 40 characters).")
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
    entry: dict[str, Any] = {"name": name, "fingerprint": fp, "public_key": public_pem(key).decode("ascii")}
    if scope_packages:
        entry["packages"] = list(scope_packages)
    if scope_prefixes:
        entry["prefixes"] = list(scope_prefixes)
    data.setdefault("publishers", []).append(entry)
    _write_trust_file(data)
    return Publisher(name, fp, key, packages=scope_packages, prefixes=scope_prefixes)


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
