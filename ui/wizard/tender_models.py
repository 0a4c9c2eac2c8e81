"""Qt table models over the tender's participants and lots: they edit the dataclasses in place, never copies."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from criteria_library.infra.text import NumberError, dutch_number, euro, read_number
from tender_assistant.errors import TenderError
from tender_assistant.tender import Tender, parse_cpv
from tender_assistant.tender_parts import (
    MAX_LOT_ID_LENGTH,
    MAX_LOTS,
    MAX_PARTICIPANTS,
    Lot,
    LotCriterion,
    Participant,
)

from .. import i18n
from ..i18n import QT_TRANSLATE_NOOP

Index = QModelIndex | QPersistentModelIndex
_EDIT = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable


def _tr(text: str) -> str:
    return QCoreApplication.translate("WizardPages", text)


def _amount_text(value: float | None) -> str:
    return "" if value is None else dutch_number(value, 2)


def _read_amount(text: str) -> tuple[float | None, str | None]:
    """An amount typed in a cell: (value, None), (None, None) for empty, or (None, why not)."""
    if not text.strip():
        return None, None
    try:
        value = read_number(text, currency=True)
    except NumberError as exc:
        return None, exc.text(i18n.lang())
    if value < 0:
        return None, _tr("een bedrag kan niet negatief zijn")
    return value, None


class _TenderTable(QAbstractTableModel):
    """A table over one list of the tender; `problem` says why a typed value was not taken ('' when it was)."""

    problem = Signal(str)
    edited = Signal()
    HEADERS: tuple[str, ...] = ()

    def __init__(self, tender: Tender) -> None:
        super().__init__()
        self.tender = tender

    def set_tender(self, tender: Tender) -> None:
        """Show another tender (or the same one after its list was replaced)."""
        self.beginResetModel()
        self.tender = tender
        self.endResetModel()

    def rows(self) -> list[Any]:
        raise NotImplementedError

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.rows())

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _tr(self.HEADERS[section])
        return None

    def _refuse(self, why: str) -> bool:
        self.problem.emit(why)
        return False

    def _took(self, index: Index) -> bool:
        self.problem.emit("")
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), self.columnCount() - 1))
        self.edited.emit()
        return True


class ParticipantsModel(_TenderTable):
    """The contracting authorities of a joint tender: name, penvoerder (one at most), share, identifier."""

    NAME, LEAD, SHARE, IDENTIFIER = range(4)
    HEADERS = (QT_TRANSLATE_NOOP("WizardPages", "Naam"), QT_TRANSLATE_NOOP("WizardPages", "Penvoerder"),
               QT_TRANSLATE_NOOP("WizardPages", "Aandeel (€)"), QT_TRANSLATE_NOOP("WizardPages", "KvK/OIN"))

    def rows(self) -> list[Participant]:
        return self.tender.participants

    def flags(self, index: Index) -> Qt.ItemFlag:
        if index.column() == self.LEAD:
            return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable
        return _EDIT

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        p = self.rows()[index.row()]
        col = index.column()
        if col == self.LEAD:
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if p.role == "penvoerder" else Qt.CheckState.Unchecked
            if role == Qt.ItemDataRole.AccessibleTextRole:
                return _tr("penvoerder") if p.role == "penvoerder" else _tr("deelnemer")
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return None
        if col == self.NAME:
            return p.name
        if col == self.SHARE:
            if role == Qt.ItemDataRole.EditRole:
                return _amount_text(p.estimated_value_eur)
            if p.estimated_value_eur is not None:
                return _amount_text(p.estimated_value_eur)
            # an equal part of what the others leave, as the documents and the register will count it
            share = next((v for q, v, _ in self.tender.participant_shares() if q is p), None)
            return _tr("gelijk deel") + (f" ({euro(share)})" if share is not None else "")
        return p.identifier

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid():
            return False
        p = self.rows()[index.row()]
        col = index.column()
        if col == self.LEAD and role == Qt.ItemDataRole.CheckStateRole:
            on = Qt.CheckState(value) == Qt.CheckState.Checked
            self.set_penvoerder(index.row() if on else None)
            return True
        if role != Qt.ItemDataRole.EditRole:
            return False
        text = str(value).strip()
        if col == self.NAME:
            if not text:
                return self._refuse(_tr("een deelnemer heeft een naam"))
            if any(o is not p and o.name.casefold() == text.casefold() for o in self.rows()):
                return self._refuse(_tr("%1 staat al bij de deelnemers").replace("%1", text))
            p.name = text[:200]
        elif col == self.SHARE:
            amount, why = _read_amount(text)
            if why:
                return self._refuse(why)
            p.estimated_value_eur = amount
        else:
            p.identifier = text[:40]
        return self._took(index)

    def set_penvoerder(self, row: int | None) -> None:
        """Make one participant the penvoerder (the others participants); None: no penvoerder."""
        for i, p in enumerate(self.rows()):
            p.role = "penvoerder" if i == row else "deelnemer"
        if self.rows():
            self.dataChanged.emit(self.index(0, self.LEAD), self.index(len(self.rows()) - 1, self.LEAD))
        self.edited.emit()

    def add(self, name: str = "") -> int | None:
        """Append a participant with a name not yet used; its row (None when the list is full)."""
        if len(self.rows()) >= MAX_PARTICIPANTS:
            self.problem.emit(_tr("hoogstens %1 deelnemers").replace("%1", str(MAX_PARTICIPANTS)))
            return None
        taken = {p.name.casefold() for p in self.rows()}
        if not name.strip() or name.casefold() in taken:
            n = len(self.rows()) + 1
            while (_tr("Deelnemer %1").replace("%1", str(n))).casefold() in taken:
                n += 1
            name = _tr("Deelnemer %1").replace("%1", str(n))
        row = len(self.rows())
        self.beginInsertRows(QModelIndex(), row, row)
        role = "deelnemer" if any(p.role == "penvoerder" for p in self.rows()) else "penvoerder"
        self.rows().append(Participant(name, role))
        self.endInsertRows()
        self.edited.emit()
        return row

    def remove(self, row: int) -> None:
        """Remove a participant."""
        if not 0 <= row < len(self.rows()):
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self.rows()[row]
        self.endRemoveRows()
        self.edited.emit()


class LotsModel(_TenderTable):
    """The lots: id, title, estimated value and CPV codes (criteria and weights are set per lot on later pages)."""

    ID, TITLE, VALUE, CPV = range(4)
    HEADERS = (QT_TRANSLATE_NOOP("WizardPages", "Perceel"), QT_TRANSLATE_NOOP("WizardPages", "Titel"),
               QT_TRANSLATE_NOOP("WizardPages", "Waarde (€)"), QT_TRANSLATE_NOOP("WizardPages", "CPV-codes"))

    def rows(self) -> list[Lot]:
        return self.tender.lots

    def flags(self, index: Index) -> Qt.ItemFlag:
        return _EDIT

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return None
        lot = self.rows()[index.row()]
        return {self.ID: lot.id, self.TITLE: lot.title, self.VALUE: _amount_text(lot.estimated_value_eur),
                self.CPV: ", ".join(lot.cpv)}[index.column()]

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        lot = self.rows()[index.row()]
        text = str(value).strip()
        col = index.column()
        if col == self.ID:
            if not text or len(text) > MAX_LOT_ID_LENGTH:
                return self._refuse(_tr("een perceel heeft een korte code (1 tot 20 tekens), zoals 1 of 2a"))
            if any(o is not lot and o.id == text for o in self.rows()):
                return self._refuse(_tr("perceel %1 bestaat al").replace("%1", text))
            old = lot.id
            lot.id = text
            self.tender.lot_award_order = [text if i == old else i for i in self.tender.lot_award_order]
        elif col == self.TITLE:
            lot.title = text[:200]
        elif col == self.VALUE:
            amount, why = _read_amount(text)
            if why:
                return self._refuse(why)
            lot.estimated_value_eur = amount
        else:
            codes = []
            for part in (c for c in text.replace(";", ",").split(",") if c.strip()):
                try:
                    codes.append(parse_cpv(part))
                except TenderError as exc:
                    return self._refuse(exc.text(i18n.lang()))
            lot.cpv = list(dict.fromkeys(codes))
            # a lot's subject is part of the tender's: the cover and 1.2 list the tender's codes
            self.tender.cpv += [code for code in lot.cpv if code not in self.tender.cpv]
        return self._took(index)

    def add(self) -> int | None:
        """Append a lot with the next free number, starting with the tender's criteria and weights."""
        t = self.tender
        if len(t.lots) >= MAX_LOTS:
            self.problem.emit(_tr("hoogstens %1 percelen").replace("%1", str(MAX_LOTS)))
            return None
        n = len(t.lots) + 1
        while str(n) in {lot.id for lot in t.lots}:
            n += 1
        lot = Lot(str(n), price_weight=t.price_weight,
                  criteria=[LotCriterion(c.id, c.weight) for c in t.criteria])
        row = len(t.lots)
        self.beginInsertRows(QModelIndex(), row, row)
        t.lots.append(lot)
        self.endInsertRows()
        self.edited.emit()
        return row

    def remove(self, row: int) -> None:
        """Remove a lot (and its place in the order of award)."""
        if not 0 <= row < len(self.rows()):
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        gone = self.rows().pop(row)
        self.endRemoveRows()
        self.tender.lot_award_order = [i for i in self.tender.lot_award_order if i != gone.id]
        self.edited.emit()


def parse_options(text: str) -> list[int] | None:
    """Extension options typed as '12, 12' (months each); None when the text is not such a list."""
    parts = [p.strip() for p in text.replace(";", ",").split(",") if p.strip()]
    if len(parts) > 10 or not all(p.isdigit() and p.isascii() and 1 <= int(p) <= 120 for p in parts):
        return None
    return [int(p) for p in parts]


def prune_lot_criteria(tender: Tender) -> None:
    """Drop from every lot the criteria the tender no longer has (a file with them would not open again)."""
    chosen = set(tender.criterion_ids())
    for lot in tender.lots:
        lot.criteria = [c for c in lot.criteria if c.id in chosen]
