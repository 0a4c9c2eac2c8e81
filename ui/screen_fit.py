"""Windows that fit the screen they are on: preferred sizes shrunk to the available area, restored geometry clamped."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

from . import presentation

PREFERRED = "tenderAssistantPreferredSize"


def available(widget: QWidget) -> QRect:
    """The usable area of the widget's screen (without task bars), or of the primary screen."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def fit_to_screen(widget: QWidget, width: int, height: int) -> None:
    """Resize to the preferred size (larger in presentation mode), or to the screen when that is smaller, and keep
    the window on the screen."""
    widget.setProperty(PREFERRED, (width, height))
    factor = presentation.scale()
    area = available(widget)
    frame_extra = 40  # title bar and borders, which the window manager adds outside the geometry
    widget.resize(min(int(width * factor), area.width()), min(int(height * factor), area.height() - frame_extra))
    clamp_to_screen(widget)


def refit_open_windows() -> None:
    """Fit every open window that was sized with fit_to_screen again, after the type size changed."""
    for widget in QApplication.topLevelWidgets():
        preferred = widget.property(PREFERRED)
        if widget.isVisible() and preferred:
            fit_to_screen(widget, *preferred)


def clamp_to_screen(widget: QWidget) -> None:
    """Move and shrink the window so that all of it, buttons included, lies on the available screen area."""
    area = available(widget)
    geo = widget.geometry()
    w, h = min(geo.width(), area.width()), min(geo.height(), area.height())
    x = min(max(geo.x(), area.x()), area.right() - w + 1)
    y = min(max(geo.y(), area.y()), area.bottom() - h + 1)
    if (x, y, w, h) != (geo.x(), geo.y(), geo.width(), geo.height()):
        widget.setGeometry(x, y, w, h)


def restore_geometry(widget: QWidget, geometry: QByteArray | None, width: int, height: int) -> None:
    """The saved geometry when there is one (clamped: the screen may be smaller now), else the preferred size."""
    if geometry is None or not widget.restoreGeometry(geometry):
        fit_to_screen(widget, width, height)
    else:
        clamp_to_screen(widget)


def roomy_size(widget: QWidget, width: int, height: int) -> tuple[int, int]:
    """A working window's preferred size: at least width x height, and most of a larger screen (a wizard at
    1100x760 left two thirds of a 1920x1080 screen empty while its pages scrolled)."""
    area = available(widget)
    return max(width, min(int(area.width() * 0.8), 1700)), max(height, min(int(area.height() * 0.9), 1150))
