"""The monitoring charts drawn with Pillow: size, the colours a reader sees, and no matplotlib."""

from __future__ import annotations

import io
import subprocess
import sys

from PIL import Image

from tender_assistant.monitoring.charts import (
    REST_COLOUR,
    SHARE_COLOUR,
    TARGET_COLOUR,
    package_chart,
    share_chart,
)

SERIES = [(2024, 0.3, None), (2025, 0.62, 0.5), (2026, None, None), (2030, None, 1.0)]


def colours(png: bytes) -> set[tuple[int, int, int]]:
    image = Image.open(io.BytesIO(png)).convert("RGB")
    return {rgb for _, rgb in image.getcolors(maxcolors=1 << 20) or []}


def rgb(hex_colour: str) -> tuple[int, int, int]:
    return tuple(int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))  # type: ignore[return-value]


def test_share_chart_is_a_png_of_the_asked_size_with_bars_and_the_target_line() -> None:
    png = share_chart(SERIES, "Aandeel circulair per jaar: Regio (som)", width=7.0, height=3.6, dpi=100)
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG" and image.size == (700, 360)
    seen = colours(png)
    assert rgb(SHARE_COLOUR) in seen and rgb(TARGET_COLOUR) in seen


def test_share_chart_without_targets_draws_no_red_line() -> None:
    png = share_chart([(2024, 0.3, None), (2025, 0.4, None)], "Aandeel", dpi=80)
    assert rgb(TARGET_COLOUR) not in colours(png)


def test_package_chart_grows_with_packages_and_shows_circular_and_rest() -> None:
    few = package_chart({"meubilair": (900_000.0, 600_000.0)}, "Per pakket", dpi=80)
    many = {f"Pakket met een heel lange naam nummer {i}": (1_000_000.0 * i, 400_000.0 * i) for i in range(1, 12)}
    png = package_chart(many, "Per pakket", dpi=80)
    assert Image.open(io.BytesIO(png)).size[1] > Image.open(io.BytesIO(few)).size[1]
    assert {rgb(SHARE_COLOUR), rgb(REST_COLOUR)} <= colours(png)


def test_empty_package_breakdown_still_draws() -> None:
    assert Image.open(io.BytesIO(package_chart({}, "Leeg", dpi=80))).format == "PNG"


def test_drawing_a_chart_loads_neither_matplotlib_nor_numpy() -> None:
    code = ("import sys; from tender_assistant.monitoring.charts import share_chart; "
            "share_chart([(2025, 0.5, 0.5)], 't', dpi=50); "
            "print(sorted(m for m in ('matplotlib', 'numpy') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
