"""Undo commands for the curation editor: every field edit is one QUndoCommand on the editor's QUndoStack.

Typing in one field merges into a single command until the user moves to another field, so Ctrl+Z undoes a
field's edit as a whole and works across fields in the order they were changed.
"""

from __future__ import annotations

from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand


class FieldHost(Protocol):
    """What the commands need from the editor: set a field's value without recording a new command."""

    def apply_field(self, name: str, value: Any) -> None: ...

    def field_label(self, name: str) -> str: ...


FIELD_IDS: dict[str, int] = {}


def field_id(name: str) -> int:
    """A stable command id per field, so consecutive edits of one field merge."""
    return FIELD_IDS.setdefault(name, 1000 + len(FIELD_IDS))


class FieldEditCommand(QUndoCommand):
    """Change one field of the criterion being edited from `old` to `new`."""

    def __init__(self, host: FieldHost, name: str, old: Any, new: Any, *, mergeable: bool = True) -> None:
        super().__init__(QCoreApplication.translate("UndoCommands", "%1 wijzigen").replace("%1", host.field_label(name)))
        self.host = host
        self.name = name
        self.old = old
        self.new = new
        self.mergeable = mergeable
        self._first = True

    def id(self) -> int:
        return field_id(self.name) if self.mergeable else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, FieldEditCommand) or other.name != self.name or not other.mergeable:
            return False
        self.new = other.new
        if self.new == self.old:
            self.setObsolete(True)
        return True

    def redo(self) -> None:
        if self._first:
            self._first = False  # the widget already shows the new value: the user just typed it
            return
        self.host.apply_field(self.name, self.new)

    def undo(self) -> None:
        self.host.apply_field(self.name, self.old)
