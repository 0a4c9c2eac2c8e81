"""The bundle spec ships every data file the code loads at run time, and nothing from tests/."""

from __future__ import annotations

import ast
import glob
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "tender_assistant.spec"


def spec_datas() -> list[tuple[str, str]]:
    """The DATAS list of the spec, with ROOT resolved (the spec is Python run by PyInstaller, not importable)."""
    tree = ast.parse(SPEC.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "DATAS":
            return [(str(ROOT / ast.literal_eval(src.args[0].right)), ast.literal_eval(dest))  # type: ignore[attr-defined]
                    for src, dest in (elt.elts for elt in node.value.elts)]  # type: ignore[attr-defined]
    raise AssertionError("no DATAS in the spec")


def test_every_spec_data_pattern_matches_files_outside_tests() -> None:
    for pattern, dest in spec_datas():
        files = glob.glob(pattern)
        assert files, f"{pattern} matches nothing: the bundle would miss it"
        assert not any("/tests/" in f for f in files)
        assert Path(pattern).parent == ROOT / dest


def test_every_package_data_file_is_in_the_bundle() -> None:
    package_data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"][
        "package-data"]
    bundled = {Path(f) for pattern, _ in spec_datas() for f in glob.glob(pattern)}
    needed = {Path(f) for package, patterns in package_data.items() for p in patterns
              for f in glob.glob(str(ROOT / package / p))
              if Path(f).is_file() and not f.endswith((".py", ".ts"))}
    assert needed - bundled == set()


def test_the_spec_builds_one_folder_without_upx_and_with_both_entries() -> None:
    text = SPEC.read_text(encoding="utf-8")
    assert "upx=True" not in text and "onefile" not in text.replace("--onefile", "")
    assert 'name="TenderAssistant", console=False' in text and 'name="tender-assistant", console=True' in text
