"""Accessible names for every control, given once for the whole application instead of widget by widget.

A screen reader announces a control by its accessible name. Qt falls back to a button's text, but a line edit,
a combo box, a list or a table has no name unless someone sets one, and a blind user hears only "edit" or
"table". `install(app)` puts an event filter on the application that names each control when it is shown or
gets the focus, from what a sighted user reads next to it:

1. the label whose buddy it is, or its QFormLayout row label;
2. its own text (buttons, check boxes), placeholder text or tooltip;
3. the short label just before it in its layout (a title above a list);
4. the title of the group box it is the only control of;
5. for the parts of a compound control (the line edit inside a spin box or an editable combo box), the name of
   the whole.

A name set in code (`setAccessibleName`) always wins and is never touched. Derived names are marked and derived
again on every show and focus, so they follow changed texts and a live language switch (labels are translated
already). Controls where none of these exists get an explicit, translated name in their own module.

Tab leaves every table (item views move Tab between cells and wrap round otherwise: a trap). The same `install`
puts a thick focus ring around whatever control has the keyboard focus (see FocusRing).
"""

from __future__ import annotations

import re
from typing import cast

import shiboken6
from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt, QTimer
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QRegion
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QBoxLayout,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QSlider,
    QSplitter,
    QTextEdit,
    QWidget,
)

# The interactive controls that need a name (QCheckBox, QRadioButton, QToolButton are QAbstractButtons;
# QDateEdit is a QAbstractSpinBox).
CONTROLS: tuple[type[QWidget], ...] = (QAbstractButton, QLineEdit, QTextEdit, QPlainTextEdit, QComboBox,
                                       QAbstractSpinBox, QAbstractItemView, QSlider)
DERIVED = "a11y_derived"  # dynamic property: the accessible name was derived here (not set in code)
DERIVED_DESCRIPTION = "a11y_derived_description"
MAX_LABEL = 80  # a longer label is an explanation, not a name
_TAGS = re.compile(r"<[^>]+>")


def clean(text: str) -> str:
    """A label's text as a name: without mnemonics ('&Titel' -> 'Titel'), markup, a trailing colon or star."""
    text = _TAGS.sub("", text).replace("&&", "\0").replace("&", "").replace("\0", "&")
    text = " ".join(text.split())
    return text.rstrip(":*").strip()


def _label_text(label: QWidget | None) -> str:
    if isinstance(label, QLabel):
        return clean(label.text())
    return ""


def _holding_layout(widget: QWidget) -> QLayout | None:
    """The layout that holds the widget directly.

    Found through QLayout.indexOf on the layouts (QObjects) only: Python wrappers of layout items are not tracked
    by PySide, and a layout that deletes and re-adds its items (QWizard's button row, a rebuilt form) leaves stale
    ones behind that crash when touched."""
    parent = widget.parentWidget()
    if parent is None:
        return None
    for layout in parent.findChildren(QLayout):
        if layout.indexOf(widget) >= 0:
            return layout
    return None


def _siblings(widget: QWidget, kind: type[QWidget]) -> list[QWidget]:
    parent = widget.parentWidget()
    return parent.findChildren(kind, options=Qt.FindChildOption.FindDirectChildrenOnly) if parent is not None else []


def _buddy_label(widget: QWidget) -> str:
    parent = widget.parentWidget()
    while parent is not None:
        for label in parent.findChildren(QLabel):
            if label.buddy() is widget and label.text().strip():
                return _label_text(label)
        if parent.isWindow():
            break
        parent = parent.parentWidget()
    return ""


def _form_label(widget: QWidget, layout: QLayout, *, first_only: bool = True) -> str:
    """The row label of the QFormLayout row that holds the widget (directly or in a row's sub-layout), when the
    widget is the first control of its sub-layout (or any control of it, not first_only)."""
    row: QObject = widget
    current: QObject | None = layout
    while isinstance(current, QLayout):
        if isinstance(current, QFormLayout):
            label = current.labelForField(row)  # type: ignore[call-overload]
            if first_only and row is not widget and _control_before(widget, layout):
                return ""
            return _label_text(label)
        row, current = current, current.parent()
    return ""


def _control_before(widget: QWidget, layout: QLayout) -> bool:
    """True when a control comes before the widget in its layout (a form row's label is that control's then)."""
    index = layout.indexOf(widget)
    return any(0 <= layout.indexOf(other) < index for other in _siblings(widget, QWidget)
               if isinstance(other, CONTROLS) and other is not widget)


def _grid_position(layout: QGridLayout, index: int) -> tuple[int, int, int, int]:
    """Row, column, row span and column span of a grid item (PySide6's stub says getItemPosition returns object)."""
    return cast(tuple[int, int, int, int], layout.getItemPosition(index))


def _neighbour_label(widget: QWidget, layout: QLayout) -> str:
    """A short label right before the widget in its box layout, or left of / above it in a grid."""
    index = layout.indexOf(widget)
    for label in _siblings(widget, QLabel):
        other = layout.indexOf(label)
        if other < 0:
            continue
        if isinstance(layout, QGridLayout):
            row, column, _rows, _columns = _grid_position(layout, index)
            l_row, l_column, l_rows, l_columns = _grid_position(layout, other)
            before = (l_row == row and l_column + l_columns == column) or (l_column == column and l_row + l_rows == row)
        else:
            before = isinstance(layout, QBoxLayout) and other == index - 1
        text = _label_text(label) if before else ""
        if text and len(text) <= MAX_LABEL:
            return text
    return ""


def _group_title(widget: QWidget) -> str:
    parent = widget.parentWidget()
    if isinstance(parent, QGroupBox) and parent.title().strip():
        controls = [w for w in parent.findChildren(QWidget) if isinstance(w, CONTROLS) and w.parentWidget() is parent]
        if controls == [widget]:
            return clean(parent.title())
    return ""


def _whole(widget: QWidget) -> QWidget | None:
    """The compound control a part belongs to: the spin box or combo box around its line edit."""
    parent = widget.parentWidget()
    if isinstance(widget, QLineEdit) and isinstance(parent, (QAbstractSpinBox, QComboBox)):
        return parent
    return None


def derive_name(widget: QWidget) -> str:
    """The name a user would give the control from what is shown around it; '' when nothing fits."""
    whole = _whole(widget)
    if whole is not None:
        return whole.accessibleName() or derive_name(whole)
    if isinstance(widget, QAbstractButton) and clean(widget.text()):
        return clean(widget.text())
    name = _buddy_label(widget)
    if name:
        return name
    layout = _holding_layout(widget)
    if layout is not None:
        name = _form_label(widget, layout)
        if name:
            return name
    placeholder = ""
    if isinstance(widget, (QLineEdit, QTextEdit, QPlainTextEdit)):
        placeholder = widget.placeholderText()
    elif isinstance(widget, QComboBox):
        line = widget.lineEdit()
        placeholder = widget.placeholderText() or (line.placeholderText() if line is not None else "")
    for text in (placeholder, widget.toolTip()):
        if clean(text):
            return clean(text)
    if layout is not None:
        name = _neighbour_label(widget, layout)
        if name:
            return name
    return _group_title(widget)


def derive_description(widget: QWidget) -> str:
    """For a button beside a field ('Bladeren...' in the 'Document:' row): the row it belongs to."""
    if not isinstance(widget, QAbstractButton) or widget.toolTip():
        return ""  # Qt describes a control by its tooltip already
    parent = widget.parentWidget()
    if parent is None or not parent.findChildren(QFormLayout):
        return ""  # not in a form (QWizard's button row, whose layout is made anew on every page, is not)
    layout = _holding_layout(widget)
    label = _form_label(widget, layout, first_only=False) if layout is not None else ""
    return label if label != clean(widget.text()) else ""


def name(widget: QWidget, *, describe: bool = False) -> None:
    """Give one control a derived name (and, describe, a button beside a field a description), unless code gave
    it one; keep what was derived up to date.

    Descriptions are derived on focus only: a button's Show event can come while its parent rebuilds the layout
    (QWizard's button row does), and its layout items must not be read then."""
    if not widget.accessibleName() or widget.property(DERIVED):
        derived = derive_name(widget)
        if derived and derived != widget.accessibleName():
            widget.setAccessibleName(derived)
            widget.setProperty(DERIVED, True)
    if describe and (not widget.accessibleDescription() or widget.property(DERIVED_DESCRIPTION)):
        description = derive_description(widget)
        if description != widget.accessibleDescription():
            widget.setAccessibleDescription(description)
            widget.setProperty(DERIVED_DESCRIPTION, bool(description))


def name_all(root: QWidget) -> None:
    """Name every control in a window or part of one (what the event filter does as they are shown)."""
    for widget in [root, *root.findChildren(QWidget)]:
        if isinstance(widget, CONTROLS):
            name(widget)


def unnamed(root: QWidget) -> list[QWidget]:
    """The visible controls that take the focus but have no accessible name (what the tests look for)."""
    return [w for w in [root, *root.findChildren(QWidget)]
            if isinstance(w, CONTROLS) and w.isVisible() and w.focusPolicy() != Qt.FocusPolicy.NoFocus
            and not w.accessibleName().strip()]


class _Namer(QObject):
    """Names each control as it is shown or receives the focus; lets Tab leave every table.

    The work waits for the event loop's next turn: a Show or FocusIn can come while the parent rebuilds its
    layout (QWizard's button row deletes and re-adds its items while it shows and hides the buttons), and the
    layout must not be read then."""

    EVENTS = (QEvent.Type.Show, QEvent.Type.FocusIn)

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.pending: dict[int, tuple[QWidget, bool]] = {}

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in self.EVENTS and isinstance(watched, CONTROLS):
            focus = event.type() == QEvent.Type.FocusIn
            if not self.pending:
                QTimer.singleShot(0, self.flush)
            key = id(watched)
            self.pending[key] = (watched, focus or (key in self.pending and self.pending[key][1]))
        return False

    def flush(self) -> None:
        pending, self.pending = self.pending, {}
        for widget, focus in pending.values():
            if not shiboken6.isValid(widget):
                continue
            try:
                name(widget, describe=focus)
                if isinstance(widget, QAbstractItemView) and widget.tabKeyNavigation():
                    # a table moves Tab from cell to cell and wraps round at the end: a keyboard user can never
                    # leave it (WCAG 2.1.2). The arrow keys still move between cells.
                    widget.setTabKeyNavigation(False)
            except RuntimeError:  # a layout torn down under it ("Internal C++ object already deleted")
                continue


# ------------------------------------------------------------------ focus visible
FOCUS_COLOUR = "#0b5cad"  # dark blue: 6:1 against the light grey of the windows
FOCUS_COLOUR_PRESENTATION = "#d4006a"  # the presentation style sheet's focus colour
RING = 3  # pixels


class FocusRing(QWidget):
    """A thick ring around the control with the keyboard focus, so a keyboard user sees where typing goes.

    Fusion marks a focused line edit with a 1-pixel line and a button with a dotted one: too faint on a laptop,
    invisible on a projector. The ring lies just outside the control (inside where the parent would clip it), is
    masked to the ring so it hides nothing, and lets mouse clicks through."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("a11y_focus_ring")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.target: QWidget | None = None

    @staticmethod
    def host(target: QWidget) -> QWidget | None:
        """The widget the ring lives in: the target's parent, but never a QSplitter (it would make the ring a
        pane of its own)."""
        host = target.parentWidget()
        while isinstance(host, QSplitter):
            host = host.parentWidget()
        return host

    def follow(self, target: QWidget) -> None:
        host = self.host(target)
        if host is None:
            return
        self.target = target
        if self.parentWidget() is not host:
            self.setParent(host)
        self.place()

    def place(self) -> None:
        target = self.target
        parent = self.parentWidget()
        if target is None or parent is None or not shiboken6.isValid(target) or not target.isVisible():
            self.hide()
            return
        outer = QRect(target.mapTo(parent, QPoint(0, 0)), target.size()).adjusted(-RING, -RING, RING, RING)
        outer = outer.intersected(parent.rect())
        self.setGeometry(outer)
        inner = QRect(0, 0, outer.width(), outer.height()).adjusted(RING, RING, -RING, -RING)
        self.setMask(QRegion(0, 0, outer.width(), outer.height()) - QRegion(inner))
        self.raise_()
        self.show()
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        from . import presentation

        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(FOCUS_COLOUR_PRESENTATION if presentation.active() else FOCUS_COLOUR))


class _FocusTracker(QObject):
    """Moves the one focus ring to each control that gets the focus and keeps it on the control as it moves."""

    EVENTS = (QEvent.Type.Move, QEvent.Type.Resize, QEvent.Type.Show, QEvent.Type.Hide)

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.placing = False
        self.ring: FocusRing | None = None
        self.target: QWidget | None = None
        app.focusChanged.connect(self.focus_changed)

    def focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if self.target is not None and shiboken6.isValid(self.target):
            self.target.removeEventFilter(self)
        self.target = None
        ring = self.ring if self.ring is not None and shiboken6.isValid(self.ring) else None
        if new is None or new.isWindow() or FocusRing.host(new) is None:
            if ring is not None:
                ring.hide()
            return
        if ring is None:
            ring = self.ring = FocusRing(FocusRing.host(new))  # type: ignore[arg-type]
        self.target = new
        self.placing = True
        try:
            ring.follow(new)
        finally:
            self.placing = False
        new.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self.target and event.type() in self.EVENTS and not self.placing
                and self.ring is not None and shiboken6.isValid(self.ring)):
            self.placing = True  # placing the ring sends the target events of its own
            try:
                self.ring.place()
            finally:
                self.placing = False
        return False


_namer: _Namer | None = None
_tracker: _FocusTracker | None = None


def install(app: QApplication) -> None:
    """Name controls and ring the focused one in every window of the application from now on (once)."""
    global _namer, _tracker
    if installed(app):
        return
    _namer = _Namer(app)
    app.installEventFilter(_namer)
    _tracker = _FocusTracker(app)


def uninstall(app: QApplication) -> None:
    """Undo install (for tests that should see Qt's own behaviour again)."""
    global _namer, _tracker
    if _namer is not None and shiboken6.isValid(_namer):
        app.removeEventFilter(_namer)
        _namer.deleteLater()
    if _tracker is not None and shiboken6.isValid(_tracker):
        app.focusChanged.disconnect(_tracker.focus_changed)
        if _tracker.ring is not None and shiboken6.isValid(_tracker.ring):
            _tracker.ring.deleteLater()
        _tracker.deleteLater()
    _namer = _tracker = None


def installed(app: QApplication) -> bool:
    return _namer is not None and shiboken6.isValid(_namer) and _namer.parent() is app
