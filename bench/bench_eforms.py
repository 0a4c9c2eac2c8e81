"""eForms notice import speed: 1,000 contract award notices (made from the SDK's examples, each with its own notice
id) into an empty register, next to a plain lxml loop that reads the same fields with fixed XPaths (no checks, no
dataclasses, no database), and the second import that adds nothing.

Run: .venv/bin/python bench/bench_eforms.py [SDK_NOTICES_FOLDER]   (prints figures; asserts nothing about time)
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from criteria_library.starter import open_library  # noqa: E402
from tender_assistant.monitoring.eforms import NAMESPACES  # noqa: E402
from tender_assistant.monitoring.importer import import_files  # noqa: E402
from tender_assistant.monitoring.register_store import RegisterStore  # noqa: E402

EXAMPLES = ("can_24_minimal.xml", "can_25_ITA.xml", "can-social_25.xml")
NOTICES = 1000
NOTICE_IDS = {"can_24_minimal.xml": "65667997-031a-4198-bd25-7225449ef479",
              "can_25_ITA.xml": "904890c7-9743-410c-b75c-8c60d9930633",
              "can-social_25.xml": "7dd018e3-e0ce-44c3-84b3-ee16a080bfd3"}


def make_notices(source: Path, folder: Path) -> list[Path]:
    """NOTICES files, the examples in turn, each with a notice id of its own."""
    texts = {name: (source / name).read_text(encoding="utf-8") for name in EXAMPLES}
    paths = []
    for i in range(NOTICES):
        name = EXAMPLES[i % len(EXAMPLES)]
        path = folder / f"notice-{i:04d}.xml"
        path.write_text(texts[name].replace(NOTICE_IDS[name], f"00000000-0000-4000-8000-{i:012d}"), encoding="utf-8")
        paths.append(path)
    return paths


def baseline(paths: list[Path]) -> int:
    """lxml parse and a handful of fixed XPaths per lot result: the floor any reader stands on."""
    ext = "ext:UBLExtensions/ext:UBLExtension/ext:ExtensionContent/efext:EformsExtension/"
    n = 0
    for path in paths:
        root = etree.fromstring(path.read_bytes())
        root.findtext("cbc:ID", namespaces=NAMESPACES)
        for result in root.iterfind(ext + "efac:NoticeResult/efac:LotResult", namespaces=NAMESPACES):
            result.findtext("cbc:TenderResultCode", namespaces=NAMESPACES)
            result.findtext("efac:TenderLot/cbc:ID", namespaces=NAMESPACES)
            for lot in root.iterfind("cac:ProcurementProjectLot", namespaces=NAMESPACES):
                lot.findtext("cac:ProcurementProject/cbc:Name", namespaces=NAMESPACES)
            n += 1
    return n


def main() -> None:
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "data" / "eforms" / "notices"
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths = make_notices(source, folder)
        library = open_library(folder / "library.db")
        register = RegisterStore.open(folder / "register.db")
        start = time.perf_counter()
        result = import_files(list(paths), register, library)
        first = time.perf_counter() - start
        start = time.perf_counter()
        again = import_files(list(paths), register, library)
        second = time.perf_counter() - start
        start = time.perf_counter()
        lots = baseline(paths)
        base = time.perf_counter() - start
        register.close()
        library.close()
    print(f"eForms: {NOTICES} award notices made from {', '.join(EXAMPLES)}")
    print(f"  import ({result.added} records, {len(result.notes)} lots left out): {first * 1000:7.0f} ms   "
          f"(goal <= 5000 ms)   baseline lxml loop ({lots} lot results) {base * 1000:5.0f} ms")
    print(f"  same notices again ({again.added} added):        {second * 1000:7.0f} ms")


if __name__ == "__main__":
    main()
