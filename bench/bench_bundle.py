"""Bundle benchmark: start to a filled main window from the one-folder bundle beside the venv, and the sizes.

Run: .venv/bin/python bench/bench_bundle.py [--bundle dist/TenderAssistant] [--runs 5] [--limit 1.2]
Both sides start the same way (a fresh process, TENDER_ASSISTANT_QUIT_WHEN_FILLED=1, offscreen, the same data
folder whose starter library already exists) and are timed from launch until the process has exited after the
criteria table and package counts were filled and painted. Runs alternate bundle/venv so machine load hits both
alike; the medians and their ratio are printed (goal of issue 24: bundle at most 1.2x the venv). With --limit the
exit code is 1 when the ratio is above it.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def start_once(command: list[str], home: Path) -> float:
    """Seconds from launch to exit of one start that quits when its main window is filled."""
    env = dict(os.environ, TENDER_ASSISTANT_HOME=str(home), QT_QPA_PLATFORM="offscreen",
               TENDER_ASSISTANT_QUIT_WHEN_FILLED="1")
    # a fair venv: with its bytecode cached, as after any installation (the bundle's is compiled in its archive)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    start = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120, cwd=home)
    elapsed = time.perf_counter() - start
    if done.returncode != 0 or "main window filled" not in done.stdout:
        raise SystemExit(f"start failed ({' '.join(command)}): {done.stdout}{done.stderr}")
    return elapsed


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "TenderAssistant")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--limit", type=float, help="exit 1 when bundle/venv is above this ratio")
    args = parser.parse_args()
    exe = args.bundle / ("TenderAssistant.exe" if os.name == "nt" else "TenderAssistant")
    commands = {"bundle": [str(exe)], "venv": [sys.executable, str(ROOT / "main.py")]}
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        start_once(commands["venv"], home)  # creates the starter library once; not timed
        times: dict[str, list[float]] = {name: [] for name in commands}
        for command in commands.values():  # one warm-up each: the first start reads files from disk
            start_once(command, home)
        for _ in range(args.runs):
            for name, command in commands.items():
                times[name].append(start_once(command, home))
    bundle, venv = statistics.median(times["bundle"]), statistics.median(times["venv"])
    ratio = bundle / venv
    print(f"start to a filled main window (median of {args.runs}): bundle {bundle * 1000:.0f} ms, "
          f"venv {venv * 1000:.0f} ms, ratio {ratio:.2f}x (goal at most 1.2x)")
    zips = sorted(args.bundle.parent.glob(f"{args.bundle.name}-*.zip"))
    zipped = f", zip {zips[-1].stat().st_size / 1e6:.1f} MB" if zips else ""
    print(f"bundle size: {folder_size(args.bundle) / 1e6:.1f} MB unpacked{zipped}")
    return 1 if args.limit is not None and ratio > args.limit else 0


if __name__ == "__main__":
    sys.exit(main())
