"""The regisseur's editor: one criterion, validated while typing, every edit undoable, saved as a new version."""

from __future__ import annotations

import contextlib
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QColor,
    QKeyEvent,
    QKeySequence,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextDocument,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from criteria_library.errors import ChangedMeanwhileError
from criteria_library.infra.errors import UserError
from criteria_library.models import (
    PLACEHOLDER_RE,
    R_STRATEGIES,
    Criterion,
    Kind,
    Level,
    Status,
    placeholders_in,
)
from criteria_library.store import LibraryStore
from criteria_library.validation import criterion_problems

from . import i18n
from .error_dialogs import show_user_error
from .field_labels import field_label
from .field_marks import mark_invalid
from .screen_fit import fit_to_screen
from .undo_commands import FieldEditCommand

TEXT_FIELDS = ("title", "source")
MULTILINE_FIELDS = ("rationale", "clause", "verification", "scoring", "placeholders")
COMBO_FIELDS = ("package", "kind", "level", "r_strategy")
SPIN_FIELDS = ("weight_min", "weight_max")
NO_WEIGHT = -1
# The problem list keeps the same height whether it lists nothing or ten problems (it scrolls), so the form above
# it never moves while typing.
PROBLEM_LINES = 3
# How often an open editor looks whether another program (a command-line import, a second window) changed its
# criterion: a PRAGMA per tick, the criterion itself only read when the library moved.
OUTSIDE_CHECK_MS = 2000


class PlaceholderHighlighter(QSyntaxHighlighter):
    """Highlights {{placeholders}} in a clause while it is edited."""

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self.fmt = QTextCharFormat()
        self.fmt.setBackground(QColor("#fff2a8"))
        self.fmt.setForeground(QColor("#3d3000"))
        self.fmt.setFontWeight(700)

    def highlightBlock(self, text: str) -> None:
        for match in PLACEHOLDER_RE.finditer(text):
            self.setFormat(match.start(), match.end() - match.start(), self.fmt)


class _UndoKeys(QObject):
    """Routes Ctrl+Z / Ctrl+Y in text fields to the editor's stack instead of the field's own undo."""

    def __init__(self, stack: QUndoStack, parent: QObject) -> None:
        super().__init__(parent)
        self.stack = stack

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress) and isinstance(event, QKeyEvent):
            undo = event.matches(QKeySequence.StandardKey.Undo)
            redo = event.matches(QKeySequence.StandardKey.Redo) or (
                event.key() == Qt.Key.Key_Y and event.modifiers() == Qt.KeyboardModifier.ControlModifier)
            if undo or redo:
                if event.type() == QEvent.Type.ShortcutOverride:
                    event.accept()  # deliver it as a key press, which we handle below
                    return True
                (self.stack.undo if undo else self.stack.redo)()
                return True
        return False


def placeholders_to_text(placeholders: dict[str, str]) -> str:
    return "\n".join(f"{k} = {v}" for k, v in placeholders.items())


def text_to_placeholders(text: str) -> dict[str, str]:
    result: dict[str, str] = {}
    for line in text.splitlines():
        if not line.strip():
            continue
        name, _sep, value = line.partition("=")
        result[name.strip()] = value.strip()
    return result


class CriterionEditor(QDialog):
    """Edit one criterion; Save writes a new version through the store (same rules as import)."""

    saved = Signal(str)
    changed_outside = Signal(str)  # another program changed this criterion: windows showing it read it again

    def __init__(self, store: LibraryStore, criterion: Criterion, *, is_new: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.original = criterion
        self.is_new = is_new
        self.criterion_id = criterion.id
        self.read_only = store.read_only
        self.stack = QUndoStack(self)
        self._values: dict[str, Any] = {}
        self._applying = False
        self.widgets: dict[str, QWidget] = {}
        self.known_packages = {p.slug for p in store.packages()}
        self.setObjectName("CriterionEditor")
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self._build()
        self.load(criterion)
        self.stack.cleanChanged.connect(self._clean_changed)
        self.stack.indexChanged.connect(self._stack_moved)
        self._update_title()
        self._outside_timer = QTimer(self)
        self._outside_timer.setInterval(OUTSIDE_CHECK_MS)
        self._outside_timer.timeout.connect(self.check_outside_change)
        self._outside_timer.start()
        fit_to_screen(self, 860, 760)
        # the destructive buttons come first in the tab order but never get the first focus or Enter
        for button in (self.status_buttons[Status.CONCEPT], self.status_buttons[Status.RETIRED], self.discard_button):
            button.setAutoDefault(False)
        self.widgets["title"].setFocus(Qt.FocusReason.OtherFocusReason)

    @classmethod
    def for_existing(cls, store: LibraryStore, cid: str, parent: QWidget | None = None) -> CriterionEditor:
        # a published criterion being edited opens its pending concept version; buyers still see the published one
        return cls(store, store.working_copy(cid), is_new=False, parent=parent)

    @classmethod
    def for_new(cls, store: LibraryStore, package: str, parent: QWidget | None = None,
                kind: Kind = Kind.REQUIREMENT) -> CriterionEditor:
        blank = Criterion(id=store.new_criterion_id(package, kind), package=package, kind=kind, level=Level(1),
                          r_strategy="R3", title="", rationale="", clause="", verification="", source="",
                          status=Status.CONCEPT)
        return cls(store, blank, is_new=True, parent=parent)

    # -------------------------------------------------------------- building
    def field_label(self, name: str) -> str:
        return field_label(name)

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        top = QHBoxLayout()
        self.id_label = QLabel(self)
        self.id_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status_label = QLabel(self)
        top.addWidget(self.id_label)
        top.addStretch(1)
        top.addWidget(self.status_label)
        outer.addLayout(top)

        self.status_bar = QHBoxLayout()
        self.status_buttons: dict[Status, QPushButton] = {}
        labels = {Status.IN_REVIEW: self.tr("Ter review aanbieden"), Status.PUBLISHED: self.tr("Publiceren"),
                  Status.CONCEPT: self.tr("Terug naar concept"), Status.RETIRED: self.tr("Intrekken")}
        for status, text in labels.items():
            button = QPushButton(text, self)
            button.clicked.connect(lambda _c=False, s=status: self.change_status(s))
            self.status_buttons[status] = button
            self.status_bar.addWidget(button)
        # a pending new version of a published criterion can be thrown away; the published one stays
        self.discard_button = QPushButton(self.tr("Nieuwe versie &verwerpen"), self)
        self.discard_button.clicked.connect(self.discard_pending)
        self.status_bar.addWidget(self.discard_button)
        # a reviewer reads the proposal as a change to what buyers see now
        self.compare_button = QPushButton(self.tr("Verschil met de &gepubliceerde versie..."), self)
        self.compare_button.setAutoDefault(False)
        self.compare_button.clicked.connect(self.show_difference)
        self.status_bar.addWidget(self.compare_button)
        self.status_bar.addStretch(1)
        outer.addLayout(self.status_bar)

        form_host = QWidget(self)
        form = QFormLayout(form_host)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        lang = i18n.lang()
        self._combo("package", [(p.slug, p.name(lang)) for p in self.store.packages()])
        self._combo("kind", [(k.value, i18n.label(k)) for k in Kind])
        self._combo("level", [(int(lv), f"{int(lv)} {i18n.label(lv)}") for lv in Level])
        self._combo("r_strategy", [(code, f"{code} {names[1] if lang == 'en' else names[0]}")
                                   for code, names in R_STRATEGIES.items()])
        for name in TEXT_FIELDS:
            edit = QLineEdit(self)
            edit.textEdited.connect(lambda _t, n=name: self._widget_changed(n))
            self.widgets[name] = edit
        for name in MULTILINE_FIELDS:
            box = QPlainTextEdit(self)
            box.setUndoRedoEnabled(False)
            box.setTabChangesFocus(True)
            box.textChanged.connect(lambda n=name: self._widget_changed(n))
            box.setMinimumHeight(70 if name != "placeholders" else 54)
            self.widgets[name] = box
        self.highlighter = PlaceholderHighlighter(self.widgets["clause"].document())  # type: ignore[attr-defined]
        self.widgets["placeholders"].setPlaceholderText(self.tr("naam = standaardwaarde, één per regel"))  # type: ignore[attr-defined]
        for name in SPIN_FIELDS:
            spin = QSpinBox(self)
            spin.setRange(NO_WEIGHT, 100)
            spin.setSuffix(" %")
            spin.setSpecialValueText(self.tr("geen"))
            spin.valueChanged.connect(lambda _v, n=name: self._widget_changed(n))
            self.widgets[name] = spin
        self.undo_keys = _UndoKeys(self.stack, self)
        for widget in self.widgets.values():
            widget.installEventFilter(self.undo_keys)
            widget.setAccessibleName(self.field_label(next(k for k, v in self.widgets.items() if v is widget)))

        add = form.addRow
        add(self.field_label("title") + ":", self.widgets["title"])
        row = QHBoxLayout()
        for name in COMBO_FIELDS:
            row.addWidget(self.widgets[name], 2 if name == "package" else 1)  # package names are the longest
        add(self.tr("Indeling") + ":", row)
        add(self.field_label("rationale") + ":", self.widgets["rationale"])
        clause_box = QVBoxLayout()
        clause_box.addWidget(self.widgets["clause"])
        hint = QLabel(self.tr("Invulvelden schrijft u als {{naam}}; ze worden geel gemarkeerd."), self)
        hint.setStyleSheet("color:#555")
        clause_box.addWidget(hint)
        add(self.field_label("clause") + ":", clause_box)
        ph_box = QHBoxLayout()
        ph_box.addWidget(self.widgets["placeholders"], 1)
        self.take_placeholders = QPushButton(self.tr("Uit de tekst overnemen"), self)
        self.take_placeholders.setToolTip(self.tr("Voeg elk {{invulveld}} uit de voorbeeldtekst toe aan de lijst"))
        self.take_placeholders.clicked.connect(self.placeholders_from_clause)
        ph_box.addWidget(self.take_placeholders, 0, Qt.AlignmentFlag.AlignTop)
        add(self.field_label("placeholders") + ":", ph_box)
        add(self.field_label("verification") + ":", self.widgets["verification"])
        add(self.field_label("source") + ":", self.widgets["source"])
        weights = QHBoxLayout()
        self.weight_from_label = QLabel(self.tr("van"), self)
        self.weight_to_label = QLabel(self.tr("tot"), self)
        weights.addWidget(self.weight_from_label)
        weights.addWidget(self.widgets["weight_min"])
        weights.addWidget(self.weight_to_label)
        weights.addWidget(self.widgets["weight_max"])
        weights.addStretch(1)
        self.weights_label = QLabel(self.tr("Gewicht") + ":", self)
        form.addRow(self.weights_label, weights)
        self.scoring_label = QLabel(self.field_label("scoring") + ":", self)
        form.addRow(self.scoring_label, self.widgets["scoring"])
        self.note_edit = QLineEdit(self)
        self.note_edit.setPlaceholderText(self.tr("waarom deze wijziging (komt in de geschiedenis)"))
        self.note_edit.setAccessibleName(self.tr("Notitie bij de wijziging"))
        add(self.tr("Notitie") + ":", self.note_edit)

        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(form_host)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        outer.addWidget(scroll, 1)

        # what another program changed meanwhile: said here, never saved over silently
        self.outside_label = QLabel(self)
        self.outside_label.setWordWrap(True)
        self.outside_label.setStyleSheet("color:#8a4b00; font-weight:bold")
        self.outside_label.setAccessibleName(self.tr("Gewijzigd door een ander programma"))
        self.outside_label.setVisible(False)
        outer.addWidget(self.outside_label)

        self.problems_label = QLabel(self)
        self.problems_label.setWordWrap(True)
        self.problems_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.problems_label.setStyleSheet("color:#b71c1c")
        self.problems_label.setAccessibleName(self.tr("Problemen"))
        self.problems_area = QScrollArea(self)
        self.problems_area.setWidgetResizable(True)
        self.problems_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.problems_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.problems_area.setWidget(self.problems_label)
        self.problems_area.setFixedHeight(self.fontMetrics().lineSpacing() * PROBLEM_LINES + 6)
        outer.addWidget(self.problems_area)

        buttons = QDialogButtonBox(self)
        self.undo_button = buttons.addButton(self.tr("Ongedaan maken"), QDialogButtonBox.ButtonRole.ActionRole)
        self.redo_button = buttons.addButton(self.tr("Opnieuw"), QDialogButtonBox.ButtonRole.ActionRole)
        self.save_button = buttons.addButton(self.tr("Opslaan"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button = buttons.addButton(self.tr("Sluiten"), QDialogButtonBox.ButtonRole.RejectRole)
        self.undo_button.clicked.connect(self.stack.undo)
        self.redo_button.clicked.connect(self.stack.redo)
        self.stack.canUndoChanged.connect(self.undo_button.setEnabled)
        self.stack.canRedoChanged.connect(self.redo_button.setEnabled)
        self.undo_button.setEnabled(False)
        self.redo_button.setEnabled(False)
        # a click leaves the focus in the field being edited: the button is disabled once saved, and Qt would pass
        # the focus on to 'Ongedaan maken', where the next Enter undid the save
        self.save_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.save_button.clicked.connect(self.save)
        self.close_button.clicked.connect(self.close)
        outer.addWidget(buttons)

        undo_action = self.stack.createUndoAction(self, self.tr("Ongedaan maken"))
        undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        redo_action = self.stack.createRedoAction(self, self.tr("Opnieuw"))
        redo_action.setShortcuts([QKeySequence(QKeySequence.StandardKey.Redo), QKeySequence("Ctrl+Y")])
        save_action = self.addAction(self.tr("Opslaan"))
        save_action.setShortcut(QKeySequence.StandardKey.Save)
        save_action.triggered.connect(self.save)
        self.addActions([undo_action, redo_action])
        self.undo_action, self.redo_action = undo_action, redo_action

    def _combo(self, name: str, items: list[tuple[Any, str]]) -> None:
        combo = QComboBox(self)
        for value, text in items:
            combo.addItem(text, value)
        combo.currentIndexChanged.connect(lambda _i, n=name: self._widget_changed(n))
        combo.setToolTip(self.field_label(name))
        # the four combos share one row: sized by their longest item (long English package names) they pushed
        # the form wider than a 1280x720 screen's editor, behind a sideways scroll bar
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(8)
        self.widgets[name] = combo

    # ------------------------------------------------------------ field values
    def read_field(self, name: str) -> Any:
        widget = self.widgets[name]
        if isinstance(widget, QComboBox):
            return widget.currentData()
        if isinstance(widget, QLineEdit):
            return widget.text()
        if isinstance(widget, QPlainTextEdit):
            return widget.toPlainText()
        if isinstance(widget, QSpinBox):
            return widget.value()
        raise KeyError(name)

    def _write_widget(self, name: str, value: Any) -> None:
        widget = self.widgets[name]
        widget.blockSignals(True)
        try:
            if isinstance(widget, QComboBox):
                index = widget.findData(value)
                widget.setCurrentIndex(max(index, 0))
            elif isinstance(widget, QLineEdit):
                widget.setText(value)
            elif isinstance(widget, QPlainTextEdit):
                if widget.toPlainText() != value:
                    widget.setPlainText(value)
            elif isinstance(widget, QSpinBox):
                widget.setValue(value)
        finally:
            widget.blockSignals(False)
        if name == "clause":
            self.highlighter.rehighlight()

    def apply_field(self, name: str, value: Any) -> None:
        """Set a field from an undo/redo command (no new command is recorded)."""
        self._applying = True
        try:
            self._write_widget(name, value)
            self._values[name] = value
            widget = self.widgets[name]
            if not widget.hasFocus() and self.isVisible():
                widget.setFocus(Qt.FocusReason.OtherFocusReason)
        finally:
            self._applying = False
        self._field_side_effects(name)
        self.validate()

    def set_field(self, name: str, value: Any) -> None:
        """Change a field as the user would (recorded on the undo stack); used by buttons and tests."""
        self._write_widget(name, value)
        self._widget_changed(name)

    def _widget_changed(self, name: str) -> None:
        if self._applying:
            return
        new = self.read_field(name)
        old = self._values.get(name)
        if new == old:
            return
        self._values[name] = new
        mergeable = name in TEXT_FIELDS or name in MULTILINE_FIELDS
        self.stack.push(FieldEditCommand(self, name, old, new, mergeable=mergeable))
        self._field_side_effects(name)
        self.validate()

    def _field_side_effects(self, name: str) -> None:
        if name in ("kind", "package") and self.is_new:
            with contextlib.suppress(UserError):
                self.criterion_id = self.store.new_criterion_id(self._values["package"], self._values["kind"])
            self._update_title()
        if name == "kind":
            self._update_award_fields()

    def _update_award_fields(self) -> None:
        award = self._values.get("kind") == Kind.AWARD.value
        for widget in (self.widgets["weight_min"], self.widgets["weight_max"], self.widgets["scoring"],
                       self.weights_label, self.weight_from_label, self.weight_to_label, self.scoring_label):
            widget.setVisible(award)

    def load(self, c: Criterion) -> None:
        """Show a criterion; clears the undo history."""
        values = {
            "package": c.package, "kind": c.kind.value, "level": int(c.level), "r_strategy": c.r_strategy,
            "title": c.title, "rationale": c.rationale, "clause": c.clause, "verification": c.verification,
            "source": c.source, "scoring": c.scoring_text, "placeholders": placeholders_to_text(c.placeholders),
            "weight_min": NO_WEIGHT if c.weight_min is None else c.weight_min,
            "weight_max": NO_WEIGHT if c.weight_max is None else c.weight_max,
        }
        self._applying = True
        try:
            for name, value in values.items():
                self._write_widget(name, value)
                self._values[name] = self.read_field(name)
        finally:
            self._applying = False
        self.original = c
        self.criterion_id = c.id
        self._marker = self.store.change_marker()
        self.stack.clear()
        self.stack.setClean()
        self._update_award_fields()
        self._update_status()
        self._set_read_only(self.read_only)
        self.validate()

    def show_difference(self) -> QDialog:
        """The pending new version against the published one, word by word (the history's newest entry)."""
        from .history_dialog import HistoryDialog

        dialog = HistoryDialog(self.store, self.criterion_id, self)
        dialog.open()
        return dialog

    def _set_read_only(self, read_only: bool) -> None:
        for widget in self.widgets.values():
            if isinstance(widget, QLineEdit | QPlainTextEdit):
                widget.setReadOnly(read_only)
            else:
                widget.setEnabled(not read_only)
        self.note_edit.setReadOnly(read_only)
        self.take_placeholders.setEnabled(not read_only)
        self.save_button.setVisible(not read_only)

    def current_criterion(self) -> Criterion:
        """The criterion as the fields now describe it."""
        v = self._values
        w_min = None if v["weight_min"] == NO_WEIGHT else v["weight_min"]
        w_max = None if v["weight_max"] == NO_WEIGHT else v["weight_max"]
        award = v["kind"] == Kind.AWARD.value
        return replace(
            self.original, id=self.criterion_id, package=v["package"], kind=Kind(v["kind"]), level=Level(v["level"]),
            r_strategy=v["r_strategy"], title=v["title"].strip(), rationale=v["rationale"].strip(),
            clause=v["clause"].strip(), verification=v["verification"].strip(), source=v["source"].strip(),
            placeholders=(placeholders := text_to_placeholders(v["placeholders"])),
            placeholder_meta={k: m for k, m in self.original.placeholder_meta.items() if k in placeholders},
            weight_min=w_min if award else None, weight_max=w_max if award else None,
            scoring_text=v["scoring"].strip() if award else "", scoring=self.original.scoring if award else None,
        )

    # -------------------------------------------------------------- validation
    def problems(self) -> list[tuple[str, str]]:
        """Every problem with the current fields: (field, message in the interface language)."""
        found = criterion_problems(self.current_criterion(), self.known_packages)
        return [(p.where, p.en if i18n.lang() == "en" else p.nl) for p in found]

    def validate(self) -> list[tuple[str, str]]:
        problems = [] if self.read_only else self.problems()
        bad = {f for f, _ in problems}
        for name, widget in self.widgets.items():
            mark_invalid(widget, name in bad)
            widget.setToolTip("; ".join(m for f, m in problems if f == name) or self.field_label(name))
        if problems:
            lines = [f"• {self.field_label(f)}: {m}" for f, m in problems[:6]]
            if len(problems) > 6:
                lines.append(self.tr("... en nog %1").replace("%1", str(len(problems) - 6)))
            self.problems_label.setText("\n".join(lines))
        else:
            self.problems_label.clear()
        self.save_button.setEnabled(not problems and (self.is_dirty() or self.is_new))
        self._update_status()
        return problems

    def _stack_moved(self, _index: int) -> None:
        self.validate()

    def is_dirty(self) -> bool:
        return not self.stack.isClean()

    # ------------------------------------------------------------------ saving
    def placeholders_from_clause(self) -> None:
        current = text_to_placeholders(self._values["placeholders"])
        names = placeholders_in(self._values["clause"])
        merged = {n: current.get(n, "") for n in names}
        merged.update({k: v for k, v in current.items() if k in names})
        self.set_field("placeholders", placeholders_to_text(merged))

    def save(self) -> bool:
        """Write the criterion as a new version; False (and a dialog) when it is invalid or the store refuses."""
        if self.read_only:
            return False
        problems = self.validate()
        if problems:
            QMessageBox.warning(self, self.tr("Niet opgeslagen"),
                                self.tr("Los eerst deze problemen op:") + "\n" + self.problems_label.text())
            return False
        if not self.is_dirty() and not self.is_new:
            return True
        if not self.is_new and not self._may_save_over_outside_change():
            return False
        try:
            stored = self.store.save_criterion(self.current_criterion(), note=self.note_edit.text().strip(),
                                               new=self.is_new, expected=None if self.is_new else self.original)
        except ChangedMeanwhileError as exc:
            # an import ran between the look above and the write: ask as for a change noticed earlier
            if exc.stored is not None and self._may_save_over_outside_change(exc.stored):
                return self.save()
            if exc.stored is None:
                show_user_error(self, exc, self.tr("Niet opgeslagen"))
            return False
        except UserError as exc:
            show_user_error(self, exc, self.tr("Niet opgeslagen"))
            return False
        if self.save_button.hasFocus():  # reached with Tab: about to be disabled, so not on to 'Ongedaan maken'
            self.widgets["title"].setFocus(Qt.FocusReason.OtherFocusReason)
        self.is_new = False
        self.original = stored
        self.criterion_id = stored.id
        self._marker = self.store.change_marker()
        self.outside_label.setVisible(False)
        self.stack.setClean()
        self.note_edit.clear()
        self._update_title()
        self.validate()
        self.saved.emit(stored.id)
        return True

    # -------------------------------------------------------------- changes by another program
    def _stored_now(self) -> Criterion | None:
        """What the library holds for this criterion now (its pending version if any); None when it cannot be read."""
        try:
            return self.store.working_copy(self.criterion_id)
        except UserError:
            return None

    def check_outside_change(self) -> None:
        """Notice a change another program made to this criterion: reload it when there is nothing unsaved here,
        else say so (Save then asks what to do)."""
        if self.is_new or self.read_only:
            return
        try:
            marker = self.store.change_marker()
        except Exception:  # noqa: BLE001 - a library gone or locked for a moment: look again at the next tick
            return
        if marker == self._marker:
            return
        self._marker = marker
        stored = self._stored_now()
        if stored is None or stored == self.original:
            return
        self.changed_outside.emit(self.criterion_id)
        version = str(stored.version)
        if not self.is_dirty():
            self.load(stored)
            self.outside_label.setText(self.tr(
                "%1 is intussen door een ander programma gewijzigd; de nieuwe inhoud (versie %2) is geladen.")
                .replace("%1", self.criterion_id).replace("%2", version))
        else:
            self.outside_label.setText(self.tr(
                "Let op: %1 is intussen door een ander programma gewijzigd (versie %2). Uw wijzigingen zijn nog niet "
                "opgeslagen; bij Opslaan kiest u of u de nieuwe inhoud laadt of uw versie eroverheen zet.")
                .replace("%1", self.criterion_id).replace("%2", version))
        self.outside_label.setVisible(True)

    def _may_save_over_outside_change(self, stored: Criterion | None = None) -> bool:
        """True when nobody changed the criterion since it was loaded, or the user chose to save over that change;
        choosing to load the new content discards the edits here. stored: what the library refused the save for."""
        stored = stored or self._stored_now()
        if stored is None or stored == self.original:
            return True
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Intussen gewijzigd"), self.tr(
            "%1 is gewijzigd door een ander programma (bijvoorbeeld een import) sinds u het opende; nu versie %2. "
            "Opslaan zet uw versie over die wijziging heen.").replace("%1", self.criterion_id)
            .replace("%2", str(stored.version)), parent=self)
        load_button = box.addButton(self.tr("Nieuwe inhoud &laden"), QMessageBox.ButtonRole.DestructiveRole)
        save_button = box.addButton(self.tr("&Toch opslaan"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Annuleren"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(load_button)
        box.exec()
        if box.clickedButton() is load_button:
            self.load(stored)
            self.outside_label.setVisible(False)
            return False
        if box.clickedButton() is save_button:
            self.original = stored  # saved knowingly over that version
            return True
        return False

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            self.check_outside_change()  # back from the terminal: look at once, not at the next tick

    def change_status(self, status: Status) -> None:
        if self.is_dirty() or self.is_new:
            QMessageBox.information(self, self.tr("Eerst opslaan"),
                                    self.tr("Sla uw wijzigingen eerst op; daarna kunt u de status wijzigen."))
            return
        if status == Status.CONCEPT and not confirm_back_to_concept(self, self.criterion_id):
            return
        why = ""
        if status == Status.RETIRED:
            from .retire_dialog import ask_retire_reason

            why = ask_retire_reason(self, self.criterion_id, self.note_edit.text().strip()) or ""
            if not why:
                return
        try:
            stored = self.store.set_status(self.criterion_id, status, why=why)
        except UserError as exc:
            show_user_error(self, exc)
            return
        self.load(stored)
        # the button pressed may be hidden now and another one takes its place: a second Space must not press
        # that one (after 'Publiceren' it is 'Terug naar concept'), so the focus goes to the title
        self.widgets["title"].setFocus(Qt.FocusReason.OtherFocusReason)
        self.saved.emit(stored.id)

    def discard_pending(self) -> None:
        """Throw away the pending new version; the editor shows the published one again."""
        answer = QMessageBox.question(
            self, self.tr("Nieuwe versie verwerpen"),
            self.tr("De nieuwe versie van %1 weggooien? De gepubliceerde versie blijft zoals ze is.")
            .replace("%1", self.criterion_id),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            published = self.store.discard_draft(self.criterion_id)
        except UserError as exc:
            show_user_error(self, exc)
            return
        self.load(published)
        self.saved.emit(published.id)

    # -------------------------------------------------------------- appearance
    def _update_status(self) -> None:
        status = self.original.status
        version = self.tr("nieuw") if self.is_new else self.tr("versie %1").replace("%1", str(self.original.version))
        self.status_label.setText(f"{self.field_label('status')}: <b>{i18n.label(status)}</b> ({version})")
        allowed = () if self.is_new or self.read_only else self.store.allowed_transitions(self.criterion_id)
        pending = not self.is_new and self.store.draft(self.criterion_id) is not None
        self.discard_button.setVisible(pending and not self.read_only)
        self.compare_button.setVisible(pending)
        self.discard_button.setEnabled(not self.is_dirty())
        if pending:
            self.status_label.setText(self.status_label.text() + " - " + self.tr("nieuwe versie, nog niet goedgekeurd"))
            self.status_label.setToolTip(self.tr(
                "nieuwe versie; de gepubliceerde versie blijft zichtbaar tot deze is goedgekeurd"))
        else:
            self.status_label.setToolTip("")
        for target, button in self.status_buttons.items():
            button.setVisible(target in allowed)
            button.setEnabled(target in allowed and not self.is_dirty())

    def _update_title(self) -> None:
        self.id_label.setText(f"<b>{self.criterion_id}</b>")
        if self.read_only:
            title = self.tr("Criterium bekijken (alleen-lezen)")
        elif self.is_new:
            title = self.tr("Nieuw criterium")
        else:
            title = self.tr("Criterium bewerken")
        self.setWindowTitle(f"{title} - {self.criterion_id}[*]")

    def _clean_changed(self, clean: bool) -> None:
        self.setWindowModified(not clean)
        self.validate()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.is_dirty() and not self.read_only:
            answer = QMessageBox.question(
                self, self.tr("Wijzigingen opslaan?"),
                self.tr("%1 heeft wijzigingen die nog niet zijn opgeslagen. Opslaan?").replace("%1", self.criterion_id),
                QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save)
            if answer == QMessageBox.StandardButton.Cancel or (
                    answer == QMessageBox.StandardButton.Save and not self.save()):
                event.ignore()
                return
            if answer == QMessageBox.StandardButton.Discard:
                self.stack.setClean()
        event.accept()
        self.done(0)

    def reject(self) -> None:
        self.close()  # Esc asks about unsaved changes, like the close button


def confirm_back_to_concept(parent: QWidget, cid: str) -> bool:
    """Ask before a criterion goes back to concept (a published one is then no longer offered to buyers)."""
    answer = QMessageBox.question(
        parent, QCoreApplication.translate("CriterionEditor", "Terug naar concept"),
        QCoreApplication.translate(
            "CriterionEditor", "%1 terugzetten naar concept? Een gepubliceerd criterium wordt dan niet meer "
            "voorgesteld in nieuwe aanbestedingen tot het opnieuw is goedgekeurd.").replace("%1", cid),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes
