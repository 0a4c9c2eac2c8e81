"""Publishing a release: the library's published criteria as signed pack files in a folder, and signing the
starter library shipped in the package as a release of the built-in publisher."""

from __future__ import annotations

import base64
import contextlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from .app_files import library_inputs
from .errors import LibraryError
from .infra.errors import UserError
from .infra.files import atomic_write, read_regular
from .infra.output_paths import refuse_onto_inputs
from .models import Package, Status
from .pack_export import pack_to_dict
from .publishers import BUILTIN_NAME, BUILTIN_PUBKEY, fingerprint, public_pem
from .releases import (
    INDEX_NAME,
    LEGACY_DATE_VERSION_RE,
    MAX_INDEX_BYTES,
    PACK_FILE_RE,
    RELEASE_FORMAT,
    RELEASE_FORMAT_VERSION,
    SIGNATURE_NAME,
    STARTER_INDEX,
    VERSION_RE,
    check_version_text,
    date_version,
    next_version,
    sha256_hex,
    version_key,
)
from .store import LibraryStore


# -------------------------------------------------------------------- publishing
@dataclass
class PublishResult:
    """What `publish` wrote."""

    folder: Path
    version: str
    fingerprint: str
    files: list[str]
    criteria: int
    retired: int = 0  # named retired in the index


def publish(store: LibraryStore, outdir: Path | str, private_key: Ed25519PrivateKey, *, publisher: str,
            version: str | None = None, notes: str = "", packages: list[str] | None = None,
            key_file: Path | str | None = None) -> PublishResult:
    """Write a signed release of the library's published criteria (all packages, or the ones named) into outdir;
    the index names each released package's retired criteria, so a retirement reaches the subscribers.

    No file of the release may land on the library, the trust list or key_file (a key named index.json in outdir).
    """
    outdir = Path(outdir)
    previous = previous_release(outdir)
    signed = last_signed(key_file)  # a release into a new folder still follows the last one this key signed
    if version is None and signed is not None and (previous is None or version_key(signed) > version_key(previous)):
        previous = signed
    version = check_version_text(version) if version else next_version(previous)
    if previous is not None and version_key(version) <= version_key(previous):
        raise LibraryError(f"In {outdir} staat al release {previous}; een nieuwe release moet nieuwer zijn dan die "
                           f"(bijvoorbeeld {next_version(previous)}), anders nemen abonnees hem niet over.",
                           en=f"{outdir} already holds release {previous}; a new release must be newer (for example "
                           f"{next_version(previous)}), or subscribers will not take it.")
    slugs = packages or [p.slug for p in store.packages()]
    chosen: list[tuple[Package, list]] = []
    retired: dict[str, list[str]] = {}  # slug -> ids: a retirement travels, named in the signed index
    for slug in dict.fromkeys(slugs):
        pkg = store.package(slug)
        criteria = store.criteria(package=slug, status=Status.PUBLISHED.value)
        retired[slug] = store.criterion_ids(package=slug, status=Status.RETIRED.value)
        if criteria or retired[slug] or packages:
            chosen.append((pkg, criteria))
    if not any(criteria for _, criteria in chosen):
        raise LibraryError("Er zijn geen gepubliceerde criteria om uit te brengen.",
                           en="There are no published criteria to release.")
    if outdir.exists() and not outdir.is_dir():
        raise LibraryError(f"{outdir} is geen map.", en=f"{outdir} is not a folder.")
    inputs = library_inputs(store.path)
    if key_file is not None:
        inputs += [(Path(key_file), "de sleutel", "the key"), (Path(f"{key_file}.pub"), "de openbare sleutel",
                                                               "the public key")]
    for name in [*(f"{pkg.slug}.json" for pkg, _ in chosen), INDEX_NAME, SIGNATURE_NAME]:
        refuse_onto_inputs(outdir / name, inputs, error=LibraryError)
    try:
        outdir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise LibraryError(f"De map {outdir} kan niet worden gemaakt: {exc.strerror or exc}.",
                           en=f"The folder {outdir} cannot be created: {exc.strerror or exc}.") from None
    entries = []
    blobs: dict[str, bytes] = {}
    for pkg, criteria in chosen:
        name = f"{pkg.slug}.json"
        if not PACK_FILE_RE.match(name):  # what a subscriber accepts (a name every file system takes)
            raise LibraryError(f"De code van pakket {pkg.slug[:40]}... is te lang voor een release (hoogstens 95 "
                               "tekens).", en=f"The code of package {pkg.slug[:40]}... is too long for a release "
                               "(at most 95 characters).")
        blob = (json.dumps(pack_to_dict([pkg], criteria), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
        blobs[name] = blob
        entry: dict[str, Any] = {"file": name, "package": pkg.slug, "criteria": len(criteria), "size": len(blob),
                                 "sha256": sha256_hex(blob)}
        if retired[pkg.slug]:
            entry["retired"] = retired[pkg.slug]
        entries.append(entry)
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
    if key_file is not None and (signed is None or version_key(version) > version_key(signed)):
        with contextlib.suppress(OSError, UserError):  # only the next default version depends on it
            atomic_write(_signed_record(key_file), lambda tmp: tmp.write_text(version + "\n", encoding="utf-8"),
                         private=True)
    return PublishResult(outdir, version, fp, [INDEX_NAME, *blobs, SIGNATURE_NAME],
                         sum(len(c) for _, c in chosen), sum(len(retired[pkg.slug]) for pkg, _ in chosen))


def _signed_record(key_file: Path | str) -> Path:
    return Path(f"{key_file}.laatste-release")


def last_signed(key_file: Path | str | None) -> str | None:
    """The newest release version signed with this key file (kept beside it), or None."""
    if key_file is None:
        return None
    try:
        text = read_regular(_signed_record(key_file), 200, ("de laatste releaseversie", "the last release version"))
    except (OSError, UserError):
        return None
    version = text.decode("utf-8", errors="replace").strip()
    return version if VERSION_RE.fullmatch(version) else None


def previous_release(outdir: Path) -> str | None:
    """The release version of the index already in the folder, or None (no index, or one that cannot be read)."""
    index = outdir / INDEX_NAME
    try:
        data = json.loads(read_regular(index, MAX_INDEX_BYTES, ("release-index", "release index")))
    except (UserError, ValueError):
        return None
    version = data.get("release") if isinstance(data, dict) else None
    if not isinstance(version, str):
        return None
    return version if VERSION_RE.match(version) or LEGACY_DATE_VERSION_RE.match(version) else None


def _write_bytes(path: Path, data: bytes) -> None:
    atomic_write(path, lambda tmp: tmp.write_bytes(data), error=LibraryError)


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
        "fingerprint": fp, "release": version or date_version(),
        "date": datetime.now(UTC).replace(microsecond=0).isoformat(),
        "notes": "De startbibliotheek die met Tender Assistant wordt meegeleverd.", "packs": entries,
    }
    index_bytes = (json.dumps(index, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    STARTER_INDEX.write_bytes(index_bytes)
    STARTER_INDEX.with_name(STARTER_INDEX.name + ".sig").write_bytes(base64.b64encode(private.sign(index_bytes)) + b"\n")
    BUILTIN_PUBKEY.write_bytes(public_pem(private.public_key()))
    return fp
