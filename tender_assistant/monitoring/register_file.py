"""Which register belongs to a library, and the counting rule read from it: one rule for the command line, the
Monitoring window, the wizard's badge and the checks.

The register is `register.db` beside the library: the data folder's for the user's own library, the workspace's for
the demo, the folder of `--db` when one is given. `--register` on the `monitor` commands overrides it.
"""

from __future__ import annotations

from pathlib import Path

from criteria_library.infra import paths

from .register_store import REGISTER_FILE, RegisterError, RegisterStore
from .rule import CountingRule


def register_path_for(library_path: Path | None = None) -> Path:
    """The register that belongs to the library at library_path (the data folder's library when None)."""
    folder = Path(library_path).parent if library_path is not None else paths.data_dir()
    return folder / REGISTER_FILE


def read_rule(register_path: Path) -> CountingRule:
    """The counting rule stored in a register, without creating one; the region's defaults when there is none."""
    if not register_path.exists():
        return CountingRule()
    try:
        register = RegisterStore.open(register_path)
    except RegisterError:
        return CountingRule()  # a damaged register is reported where it is used, not in every check
    try:
        return register.rule()
    finally:
        register.close()


def rule_for_library(library_path: Path | None = None) -> CountingRule:
    """The counting rule in the register that belongs to the library at library_path."""
    return read_rule(register_path_for(library_path))
