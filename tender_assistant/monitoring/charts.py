"""Chart images (PNG) for the Word report and the Monitoring window, drawn with matplotlib.

Imported only when a chart is drawn, so the app's start does not pay for matplotlib. Figures are built with the
object API (Figure + Agg canvas), never pyplot, so nothing global changes and no window toolkit is involved.
"""

from __future__ import annotations

import io

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator, PercentFormatter

from criteria_library.infra.text import dutch_number, euro

SHARE_COLOUR = "#1f7a4d"  # green: circular
TARGET_COLOUR = "#c0392b"  # red: the line to reach
REST_COLOUR = "#c8ccd0"  # grey: in scope, not circular


def _png(fig: Figure, dpi: int) -> bytes:
    FigureCanvasAgg(fig)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi)
    return buf.getvalue()


def _euro_axis(value: float, _: object) -> str:
    if abs(value) >= 1e6:
        millions = value / 1e6
        return f"€ {millions:.0f} mln" if millions.is_integer() or abs(millions) >= 10 else \
            f"€ {dutch_number(millions, 1, fixed=True)} mln"
    return euro(value)


def share_chart(series: list[tuple[int, float | None, float | None]], title: str, *, width: float = 7.0,
                height: float = 3.6, dpi: int = 150) -> bytes:
    """Share of circular euros per year (bars) against the target line; PNG bytes."""
    fig = Figure(figsize=(width, height), layout="constrained")
    ax = fig.add_subplot()
    years = [y for y, _, _ in series]
    shares = [s if s is not None else 0.0 for _, s, _ in series]
    known = [s is not None for _, s, _ in series]
    bars = ax.bar(years, shares, color=[SHARE_COLOUR if k else "none" for k in known], width=0.6,
                  label="aandeel circulair (€)")
    for bar, share, k in zip(bars, shares, known, strict=True):
        if k:  # inside the bar's top, where the target line does not cross it; above it when the bar is low
            inside = share >= 0.12
            ax.annotate(f"{share * 100:.0f}%", (bar.get_x() + bar.get_width() / 2, share), ha="center",
                        va="top" if inside else "bottom", fontsize=8, xytext=(0, -3 if inside else 2),
                        textcoords="offset points", color="white" if inside else "black", fontweight="bold")
    target_years = [y for y, _, t in series if t is not None]
    targets = [t for _, _, t in series if t is not None]
    if targets:
        ax.plot(target_years, targets, color=TARGET_COLOUR, linestyle="--", marker="o", markersize=3,
                label="doel / traject")
    ax.set_ylim(0, 1.05)
    ax.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    ax.set_xticks(years)
    ax.tick_params(axis="x", labelsize=8)
    ax.set_title(title, fontsize=11)
    ax.grid(axis="y", alpha=0.3)
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(loc="upper left", fontsize=8, frameon=False)
    return _png(fig, dpi)


def package_chart(breakdown: dict[str, tuple[float, float]], title: str, *, width: float = 7.0,
                  height: float | None = None, dpi: int = 150) -> bytes:
    """Circular euros per package (green) with the in-scope rest (grey), largest first; PNG bytes."""
    items = sorted(breakdown.items(), key=lambda kv: kv[1][1])  # barh draws bottom-up: largest circular on top
    height = height or max(2.4, 0.38 * len(items) + 1.2)
    fig = Figure(figsize=(width, height), layout="constrained")
    ax = fig.add_subplot()
    names = [k for k, _ in items]
    circular = [v[1] for _, v in items]
    rest = [v[0] - v[1] for _, v in items]
    ax.barh(names, circular, color=SHARE_COLOUR, label="circulair")
    ax.barh(names, rest, left=circular, color=REST_COLOUR, label="niet circulair")
    ax.xaxis.set_major_formatter(FuncFormatter(_euro_axis))
    ax.xaxis.set_major_locator(MaxNLocator(nbins=4 if width < 6 else 6))  # long package names leave little room
    ax.tick_params(labelsize=8)
    ax.set_title(title, fontsize=11)
    ax.grid(axis="x", alpha=0.3)
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(loc="lower right", fontsize=8, frameon=False)
    return _png(fig, dpi)
