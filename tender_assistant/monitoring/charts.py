"""Chart images (PNG) for the Word report and the Monitoring window, drawn with Pillow.

Pillow rather than matplotlib: the two charts are bars, one dashed line and labels, and matplotlib with numpy,
fontTools and kiwisolver added 81 MB to the Windows bundle (issue 24) for them; Pillow adds about 10 MB and draws
both charts in milliseconds. The font is the one Pillow ships (load_default at a size), so a chart looks the same on
every machine. Drawn at twice the size and scaled down, so edges and text are smooth. Imported only when a chart is
drawn, so the app's start does not pay for it.

The font: Arial (Windows), DejaVu Sans or Liberation Sans (Linux) where found; otherwise the font Pillow ships,
which has no euro sign, so amounts then read "EUR".
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable
from functools import cache

from PIL import Image, ImageDraw, ImageFont

from criteria_library.infra.text import dutch_number, euro

SHARE_COLOUR = "#1f7a4d"  # green: circular
TARGET_COLOUR = "#c0392b"  # red: the line to reach
REST_COLOUR = "#c8ccd0"  # grey: in scope, not circular
GRID_COLOUR = "#e3e5e8"
AXIS_COLOUR = "#333333"
SUPERSAMPLE = 2
FONT_FILES = ("arial.ttf", "DejaVuSans.ttf", "LiberationSans-Regular.ttf")

Font = ImageFont.FreeTypeFont | ImageFont.ImageFont


class _Canvas:
    """A white image in pixels of the final size times SUPERSAMPLE, with point sizes converted at the given dpi."""

    def __init__(self, width_in: float, height_in: float, dpi: int) -> None:
        self.dpi = dpi
        self.scale = dpi * SUPERSAMPLE / 72  # pixels per point
        self.image = Image.new("RGB", (round(width_in * dpi * SUPERSAMPLE), round(height_in * dpi * SUPERSAMPLE)),
                               "white")
        self.draw = ImageDraw.Draw(self.image)

    @property
    def size(self) -> tuple[int, int]:
        return self.image.size

    def px(self, points: float) -> int:
        return max(1, round(points * self.scale))

    def font(self, points: float) -> Font:
        name = _font_file()
        size = points * self.scale
        return ImageFont.truetype(name, size) if name else ImageFont.load_default(size=size)

    def text_size(self, text: str, font: Font) -> tuple[int, int]:
        if _font_file() is None:
            text = text.replace("€", "EUR")
        left, top, right, bottom = self.draw.textbbox((0, 0), text, font=font, anchor="ls")
        return int(right - left), int(bottom - top)

    def text(self, xy: tuple[float, float], text: str, font: Font, anchor: str, fill: str = AXIS_COLOUR,
             bold: bool = False) -> None:
        if _font_file() is None:
            text = text.replace("€", "EUR")
        self.draw.text(xy, text, font=font, anchor=anchor, fill=fill,
                       stroke_width=self.px(0.35) if bold else 0, stroke_fill=fill)

    def dashed(self, a: tuple[float, float], b: tuple[float, float], colour: str, width: int) -> None:
        length = math.dist(a, b)
        dash, gap = self.px(4), self.px(2.5)
        pos = 0.0
        while length and pos < length:
            end = min(pos + dash, length)
            self.draw.line([_along(a, b, pos / length), _along(a, b, end / length)], fill=colour, width=width)
            pos = end + gap

    def png(self) -> bytes:
        final = self.image.resize((self.size[0] // SUPERSAMPLE, self.size[1] // SUPERSAMPLE), Image.Resampling.BOX)
        buf = io.BytesIO()
        final.save(buf, format="PNG", dpi=(self.dpi, self.dpi))
        return buf.getvalue()


@cache
def _font_file() -> str | None:
    """The first of FONT_FILES Pillow finds (it looks in the system's font folders), or None."""
    for name in FONT_FILES:
        try:
            ImageFont.truetype(name, 10)
        except OSError:
            continue
        return name
    return None


def _along(a: tuple[float, float], b: tuple[float, float], t: float) -> tuple[float, float]:
    return a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t


def _nice_ticks(top: float, count: int) -> list[float]:
    """Round tick values from 0 up to at least `top`, about `count` of them (1, 2 or 5 times a power of ten)."""
    if top <= 0:
        return [0.0, 1.0]
    raw = top / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    return [i * step for i in range(math.ceil(top / step - 1e-9) + 1)]


def _euro_axis(value: float) -> str:
    if abs(value) >= 1e6:
        millions = value / 1e6
        return f"€ {millions:.0f} mln" if millions.is_integer() or abs(millions) >= 10 else \
            f"€ {dutch_number(millions, 1, fixed=True)} mln"
    return euro(value)


Symbol = Callable[[int, int, int], None]  # draws a legend key at (left, middle, width)


def _legend(c: _Canvas, items: list[tuple[str, Symbol]], corner: str,
            box: tuple[int, int, int, int], font: Font) -> None:
    """Legend rows (a symbol drawer and a label) in the upper-left or lower-right corner of the plot box."""
    row_h, key_w, pad = c.px(11), c.px(16), c.px(5)
    widest = max(c.text_size(label, font)[0] for label, _ in items)
    left = box[0] + pad if corner == "upper left" else box[2] - pad - key_w - pad - widest
    top = box[1] + pad if corner == "upper left" else box[3] - pad - row_h * len(items)
    for i, (label, symbol) in enumerate(items):
        middle = top + row_h * i + row_h // 2
        symbol(left, middle, key_w)
        c.text((left + key_w + pad, middle), label, font, "lm")


def share_chart(series: list[tuple[int, float | None, float | None]], title: str, *, width: float = 7.0,
                height: float = 3.6, dpi: int = 150) -> bytes:
    """Share of circular euros per year (bars) against the target line; PNG bytes."""
    c = _Canvas(width, height, dpi)
    title_font, small = c.font(11), c.font(8)
    years = [y for y, _, _ in series]
    targets = [(y, t) for y, _, t in series if t is not None]
    all_years = years + [y for y, _ in targets] or [0]
    lo, hi = min(all_years) - 0.6, max(all_years) + 0.6
    w, h = c.size
    c.text((w / 2, c.px(6)), title, title_font, "mt")
    box = (c.px(8) + c.text_size("100%", small)[0] + c.px(6), c.px(26), w - c.px(10), h - c.px(22))
    left, top, right, bottom = box

    def x(year: float) -> float:
        return left + (year - lo) / (hi - lo) * (right - left)

    def y(share: float) -> float:
        return bottom - share / 1.05 * (bottom - top)

    for tick in range(0, 101, 20):
        c.draw.line([(left, y(tick / 100)), (right, y(tick / 100))], fill=GRID_COLOUR, width=c.px(0.6))
        c.text((left - c.px(4), y(tick / 100)), f"{tick}%", small, "rm")
    half = 0.3 / (hi - lo) * (right - left)
    for year, share, _ in series:
        c.text((x(year), bottom + c.px(4)), str(year), small, "mt")
        if share is None:
            continue
        c.draw.rectangle([x(year) - half, y(share), x(year) + half, bottom], fill=SHARE_COLOUR)
        inside = share >= 0.12  # inside the bar's top, where the target line does not cross it; above it when low
        label = f"{share * 100:.0f}%"
        if inside:
            c.text((x(year), y(share) + c.px(3)), label, small, "mt", fill="white", bold=True)
        else:
            c.text((x(year), y(share) - c.px(2)), label, small, "mb", fill="black", bold=True)
    line_w, dot = c.px(1.5), c.px(1.5)
    points = [(x(year), y(t)) for year, t in targets]
    for a, b in zip(points, points[1:], strict=False):
        c.dashed(a, b, TARGET_COLOUR, line_w)
    for px_, py_ in points:
        c.draw.ellipse([px_ - dot, py_ - dot, px_ + dot, py_ + dot], fill=TARGET_COLOUR)
    c.draw.line([(left, top), (left, bottom), (right, bottom)], fill=AXIS_COLOUR, width=c.px(0.8), joint="curve")

    def bar_key(kx: int, ky: int, kw: int) -> None:
        c.draw.rectangle([kx, ky - c.px(3.5), kx + kw, ky + c.px(3.5)], fill=SHARE_COLOUR)

    def line_key(kx: int, ky: int, kw: int) -> None:
        c.dashed((kx, ky), (kx + kw, ky), TARGET_COLOUR, line_w)
        c.draw.ellipse([kx + kw / 2 - dot, ky - dot, kx + kw / 2 + dot, ky + dot], fill=TARGET_COLOUR)

    legend: list[tuple[str, Symbol]] = [("aandeel circulair (€)", bar_key)]
    if targets:
        legend.append(("doel / traject", line_key))
    _legend(c, legend, "upper left", box, small)
    return c.png()


def package_chart(breakdown: dict[str, tuple[float, float]], title: str, *, width: float = 7.0,
                  height: float | None = None, dpi: int = 150) -> bytes:
    """Circular euros per package (green) with the in-scope rest (grey), largest first; PNG bytes."""
    items = sorted(breakdown.items(), key=lambda kv: -kv[1][1])  # largest circular on top
    height = height or max(2.4, 0.38 * len(items) + 1.2)
    c = _Canvas(width, height, dpi)
    title_font, small = c.font(11), c.font(8)
    w, h = c.size
    c.text((w / 2, c.px(6)), title, title_font, "mt")
    names = [_shorten(c, name, small, w * 0.38) for name, _ in items]
    name_w = max((c.text_size(n, small)[0] for n in names), default=0)
    box = (c.px(8) + name_w + c.px(6), c.px(26), w - c.px(30), h - c.px(22))
    left, top, right, bottom = box
    ticks = _nice_ticks(max((v[0] for _, v in items), default=0.0), 4 if width < 6 else 6)

    def x(value: float) -> float:
        return left + value / ticks[-1] * (right - left)

    for tick in ticks:
        c.draw.line([(x(tick), top), (x(tick), bottom)], fill=GRID_COLOUR, width=c.px(0.6))
        c.text((x(tick), bottom + c.px(4)), _euro_axis(tick), small, "mt")
    slot = (bottom - top) / max(1, len(items))
    for i, (name, (in_scope, circular)) in enumerate(zip(names, (v for _, v in items), strict=True)):
        middle = top + slot * (i + 0.5)
        half = slot * 0.4
        if circular > 0:
            c.draw.rectangle([x(0), middle - half, x(circular), middle + half], fill=SHARE_COLOUR)
        if in_scope > circular:
            c.draw.rectangle([x(circular), middle - half, x(in_scope), middle + half], fill=REST_COLOUR)
        c.text((left - c.px(4), middle), name, small, "rm")
    c.draw.line([(left, top), (left, bottom), (right, bottom)], fill=AXIS_COLOUR, width=c.px(0.8), joint="curve")

    def key(colour: str) -> Callable[[int, int, int], None]:
        return lambda kx, ky, kw: c.draw.rectangle([kx, ky - c.px(3.5), kx + kw, ky + c.px(3.5)], fill=colour)

    _legend(c, [("circulair", key(SHARE_COLOUR)), ("niet circulair", key(REST_COLOUR))], "lower right", box, small)
    return c.png()


def _shorten(c: _Canvas, text: str, font: Font, limit: float) -> str:
    """The text, cut with an ellipsis where it is wider than `limit` pixels (long package names)."""
    if c.text_size(text, font)[0] <= limit:
        return text
    while len(text) > 1 and c.text_size(text + "…", font)[0] > limit:
        text = text[:-1]
    return text.rstrip() + "…"
