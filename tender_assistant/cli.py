"""Command-line sub-commands of the drafting core: match, tender check, export."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    """Add the drafting sub-commands to the main parser."""
