"""Undoable changes to the register (add, edit, delete), pushed on the Monitoring window's undo stack."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from tender_assistant.monitoring.records import ContractRecord

if TYPE_CHECKING:
    from .monitoring_window import MonitoringWindow


def _tr(text: str) -> str:
    return QCoreApplication.translate("Monitoring", text)


class _RegisterCommand(QUndoCommand):
    def __init__(self, window: MonitoringWindow, text: str) -> None:
        super().__init__(text)
        self.window = window


class AddRecord(_RegisterCommand):
    def __init__(self, window: MonitoringWindow, record: ContractRecord) -> None:
        super().__init__(window, _tr("Registratie toevoegen"))
        self.record = record

    def redo(self) -> None:
        self.record = self.window.register.add(replace(self.record, id=None))
        self.window.refresh()

    def undo(self) -> None:
        assert self.record.id is not None
        self.window.register.delete(self.record.id)
        self.window.refresh()


class EditRecord(_RegisterCommand):
    def __init__(self, window: MonitoringWindow, before: ContractRecord, after: ContractRecord) -> None:
        super().__init__(window, _tr("Registratie bewerken"))
        self.before, self.after = before, after

    def redo(self) -> None:
        self.window.register.update(self.after)
        self.window.refresh()

    def undo(self) -> None:
        self.window.register.update(self.before)
        self.window.refresh()


class DeleteRecord(_RegisterCommand):
    def __init__(self, window: MonitoringWindow, record: ContractRecord) -> None:
        super().__init__(window, _tr("Registratie verwijderen"))
        self.record = record

    def redo(self) -> None:
        assert self.record.id is not None
        self.window.register.delete(self.record.id)
        self.window.refresh()

    def undo(self) -> None:
        self.record = self.window.register.add(replace(self.record, id=None))
        self.window.refresh()
