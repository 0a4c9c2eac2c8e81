"""Release benchmark: publish, verify and apply a signed release of 20,000 criteria, beside a plain pack import.

Run: .venv/bin/python bench/bench_release.py [--criteria 20000]. Prints figures; asserts nothing about time.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.synthetic import synthetic_pack  # noqa: E402
from bench.timing import timed  # noqa: E402
from criteria_library.merge import apply_update, plan_update  # noqa: E402
from criteria_library.models import Status  # noqa: E402
from criteria_library.pack_import import apply_import, plan_import  # noqa: E402
from criteria_library.pack_reading import read_pack  # noqa: E402
from criteria_library.publish import publish  # noqa: E402
from criteria_library.publishers import generate_key, load_private_key, trust  # noqa: E402
from criteria_library.releases import read_release  # noqa: E402
from criteria_library.store import LibraryStore  # noqa: E402


def publish_edits(store: LibraryStore, edits: list) -> None:
    """Edits published through the workflow in one transaction, four-eyes off (the bench is one user)."""
    store.set_four_eyes(False)
    with store.transaction():
        for c in edits:
            store.save_criterion(c, note="bench")
            store.set_status(c.id, Status.IN_REVIEW)
            store.set_status(c.id, Status.PUBLISHED)

def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--criteria", type=int, default=20_000)
    parser.add_argument("--packages", type=int, default=100)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="ta-bench-release-"))
    os.environ["TENDER_ASSISTANT_HOME"] = str(work / "home")  # own trust list, never the user's
    pack = synthetic_pack(args.criteria, args.packages)
    for c in pack["criteria"]:
        c["status"] = Status.PUBLISHED.value
    pack_path = work / "pack.json"
    pack_path.write_text(json.dumps(pack, ensure_ascii=False), encoding="utf-8")
    print(f"synthetic pack: {args.criteria} criteria over {args.packages} packages, "
          f"{pack_path.stat().st_size / 2**20:.1f} MB")

    # baseline: a plain import of the same pack into an empty library (read + validate + plan + write)
    plain = LibraryStore.open(work / "plain.db")
    plain.set_accept_trusted_releases(True)  # the regisseur's own pack: published as it says
    plain_ms, _ = timed(lambda: apply_import(plain, plan_import(plain, read_pack(pack_path)), backup=False))
    plain.close()

    publisher = LibraryStore.open(work / "publisher.db")
    publisher.set_accept_trusted_releases(True)
    apply_import(publisher, plan_import(publisher, read_pack(pack_path)), backup=False)
    generate_key(work / "k.key", "bench-wachtwoord")
    trust(work / "k.key.pub", "Bench")
    key = load_private_key(work / "k.key", "bench-wachtwoord")
    publish_ms, _ = timed(lambda: publish(publisher, work / "r1", key, publisher="Bench", version="1"))

    verify_ms, release = timed(lambda: read_release(work / "r1"))
    subscriber = LibraryStore.open(work / "subscriber.db")
    plan_ms, plan = timed(lambda: plan_update(subscriber, release))
    apply_ms, _ = timed(lambda: apply_update(subscriber, plan, backup=False))
    first = verify_ms + plan_ms + apply_ms

    # a second release with 10 % of the criteria changed upstream and 1 % changed locally (some conflicts)
    ids = publisher.criterion_ids()
    changed = publisher.criteria_by_ids(ids[::10])
    publish_edits(publisher, [replace(c, title=c.title + " (herzien)") for c in changed.values()])
    local = subscriber.criteria_by_ids(ids[::100])
    publish_edits(subscriber, [replace(c, rationale=c.rationale + " Lokaal.") for c in local.values()])
    subscriber.set_accept_trusted_releases(True)  # changes are published at once, as before the review rule
    publish(publisher, work / "r2", key, publisher="Bench", version="2")
    verify2_ms, release2 = timed(lambda: read_release(work / "r2"))
    plan2_ms, plan2 = timed(lambda: plan_update(subscriber, release2))
    apply2_ms, _ = timed(lambda: apply_update(subscriber, plan2, backup=True))

    print(f"plain import (baseline)                 : {plain_ms:8.0f} ms")
    print(f"publish (export + hash + sign)          : {publish_ms:8.0f} ms")
    print(f"first update: verify {verify_ms:6.0f} + plan {plan_ms:6.0f} + apply {apply_ms:6.0f} = {first:8.0f} ms"
          f"   ratio to plain import {first / plain_ms:4.1f}x")
    print(f"second update ({plan2.summary()}):")
    print(f"              verify {verify2_ms:6.0f} + plan {plan2_ms:6.0f} + apply {apply2_ms:6.0f} "
          f"(with backup) = {verify2_ms + plan2_ms + apply2_ms:8.0f} ms")


if __name__ == "__main__":
    main()
