"""Page 7: the procedure's facts (issue 19): planning, contact and complaints, exclusion grounds, equal scores,
the lowest-price motivation and the purchase conditions. What the buyer types here fills its place in every
document."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from tender_assistant.tender import VALUE_LABELS
from tender_assistant.tender_parts import TIE_RULES, Planning

from .. import i18n
from .base import TenderPage, _tr

# Short names of the tie rules for the list; the full wording (as the leidraad states it) is the tooltip.
TIE_RULE_NAMES = {
    "kwaliteit-loting": ("hoogste kwaliteitsscore, dan loting", "higher quality score, then lots drawn"),
    "prijs-loting": ("laagste prijs, dan loting", "lowest price, then lots drawn"),
    "loting": ("loting", "lots drawn"),
}
# Tender-wide values (placeholders) asked for on this page: key -> (Dutch label, English label, example nl, en).
# The labels are tender_assistant's (the review page's findings name the same fields); the English examples are
# Dutch text too, since what is typed here stands as it is in the Dutch documents.
_EXAMPLES = {
    "contactpersoon": ("naam, functie, e-mailadres", "naam, functie, e-mailadres (Dutch: it stands in the documents)"),
    "platform": ("TenderNed", "TenderNed"),
    "klachtenmeldpunt": ("klachtenmeldpunt@gemeente.nl", "klachtenmeldpunt@gemeente.nl"),
    "tijdstip_inschrijving": ("12.00 uur", "12.00 uur (Dutch: it stands in the documents)"),
    "termijn_bewijsstukken": ("tien werkdagen", "tien werkdagen (Dutch: it stands in the documents)"),
    "functionele_specificatie": ("bijlage 1, Functionele specificatie", "bijlage 1, Functionele specificatie"),
    # the restricted, negotiated and private procedures only; an open procedure leaves them empty
    "selectie": ("vijf gegadigden, op referenties", "vijf gegadigden, op referenties (Dutch)"),
    "datum_verzoek_deelneming": ("1 maart 2027", "1 maart 2027 (Dutch)"),
    "procedure_fasen": ("grond, fasen en verloop", "grond, fasen en verloop (Dutch)"),
    "uitgenodigde_ondernemers": ("drie ondernemers, waaronder één lokale", "drie ondernemers, waaronder één lokale "
                                 "(Dutch)"),
}
FACT_VALUES = {key: (*VALUE_LABELS[key], *example) for key, example in _EXAMPLES.items()}


class OptionalDate(QWidget):
    """A date the buyer may not know yet: a tick box 'bekend' and the date (a QDateEdit with a special 'no date'
    text keeps the Tab key: a focus trap)."""

    changed = Signal()

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.known = QCheckBox(_tr("bekend"), self)
        self.known.setAccessibleName(_tr("%1 is bekend").replace("%1", name))
        self.edit = QDateEdit(QDate.currentDate(), self)
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("d-M-yyyy")
        self.edit.setAccessibleName(name)
        self.edit.setEnabled(False)
        self.known.toggled.connect(self.edit.setEnabled)
        self.known.clicked.connect(self._ticked)
        self.known.toggled.connect(self.changed)
        self.earlier: list[OptionalDate] = []  # the planning's dates before this one
        self.edit.dateChanged.connect(self.changed)
        row.addWidget(self.known)
        row.addWidget(self.edit)
        row.addStretch(1)

    def _ticked(self, on: bool) -> None:
        """Ticked by the user: start from the planning's last known earlier date, not from today (which lies before
        the publication). The focus stays on the box: Tab goes on to the date, as before."""
        if not on:
            return
        known = [d for d in (field.value() for field in self.earlier) if d is not None]
        if known:
            last = max(known)
            self.edit.setDate(QDate(last.year, last.month, last.day))

    def value(self) -> date | None:
        """The date, or None when it is not known yet."""
        if not self.known.isChecked():
            return None
        d = self.edit.date()
        return date(d.year(), d.month(), d.day())

    def set_value(self, value: date | None) -> None:
        """Show a date (None: not known)."""
        self.known.setChecked(value is not None)
        self.edit.setDate(QDate(value.year, value.month, value.day) if value else QDate.currentDate())


class ProcedurePage(TenderPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(_tr("Procedure en planning"))
        self.setSubTitle(_tr("De feiten die de leidraad noemt: de data van de procedure, wie vragen en klachten "
                             "behandelt, de uitsluitingsgronden en de regel bij gelijke scores. Wat u hier invult, "
                             "staat op zijn plaats in elk document."))
        outer = QVBoxLayout(self.content)
        english = i18n.lang() == "en"

        planning = QGroupBox(_tr("Planning"), self)
        # one column: two side by side were wider than a 1280x720 projector in presentation mode
        grid = QFormLayout(planning)
        self.dates: dict[str, OptionalDate] = {}
        labels = [("publication_date", _tr("Publicatie")), ("questions_deadline", _tr("Uiterste datum vragen")),
                  ("answers_date", _tr("Nota van inlichtingen")),
                  ("submission_deadline", _tr("Uiterste inschrijfdatum")),
                  ("award_decision_date", _tr("Voorgenomen gunningsbeslissing")),
                  ("contract_start_date", _tr("Ingangsdatum overeenkomst"))]
        for key, label in labels:
            field = OptionalDate(label, planning)
            field.earlier = list(self.dates.values())
            field.changed.connect(self._store)
            self.dates[key] = field
            grid.addRow(label + ":", field)
        self.validity = QSpinBox(planning)
        self.validity.setRange(0, 730)
        self.validity.setSuffix(_tr(" dagen"))
        self.validity.setSpecialValueText(_tr("onbekend"))
        self.validity.setAccessibleName(_tr("Gestanddoeningstermijn in dagen"))
        self.validity.valueChanged.connect(self._store)
        self.prior_notice = QCheckBox(_tr("Vooraankondiging gepubliceerd"), planning)
        self.prior_notice.setToolTip(_tr("Een vooraankondiging kan de minimale inschrijftermijn verkorten"))
        self.prior_notice.toggled.connect(self._store)
        self.electronic = QCheckBox(_tr("Elektronisch inschrijven"), planning)
        self.electronic.setToolTip(_tr("Inschrijven via een platform zoals TenderNed verkort de minimale termijn"))
        self.electronic.toggled.connect(self._store)
        checks = QHBoxLayout()
        checks.addWidget(self.validity)
        checks.addStretch(1)
        grid.addRow(_tr("Gestanddoeningstermijn:"), checks)
        checks = QHBoxLayout()
        checks.addWidget(self.prior_notice)
        checks.addWidget(self.electronic)
        checks.addStretch(1)
        grid.addRow("", checks)
        outer.addWidget(planning)

        facts = QGroupBox(_tr("Contact, klachten en voorwaarden"), self)
        form = QFormLayout(facts)
        self.values: dict[str, QLineEdit] = {}
        for key, (nl, en, example_nl, example_en) in FACT_VALUES.items():
            edit = QLineEdit(facts)
            edit.setAccessibleName(en if english else nl)
            edit.setPlaceholderText(_tr("bijvoorbeeld: %1").replace("%1", example_en if english else example_nl))
            edit.textEdited.connect(self._store)
            self.values[key] = edit
            form.addRow((en if english else nl) + ":", edit)
        self.grounds = QLineEdit(facts)
        self.grounds.setAccessibleName(_tr("Facultatieve uitsluitingsgronden"))
        self.grounds.setPlaceholderText(_tr("codes gescheiden door komma's, bijvoorbeeld 2.87.1.c, 2.87.1.d"))
        self.grounds.setToolTip(_tr("De facultatieve uitsluitingsgronden van art. 2.87 Aanbestedingswet 2012 die u "
                                    "toepast; de verplichte gronden (art. 2.86) gelden altijd"))
        self.grounds.textEdited.connect(self._store)
        form.addRow(_tr("Facultatieve uitsluitingsgronden:"), self.grounds)
        self.tie_rule = QComboBox(facts)
        for key, (nl, en) in TIE_RULE_NAMES.items():
            self.tie_rule.addItem(en if english else nl, key)
            self.tie_rule.setItemData(self.tie_rule.count() - 1, TIE_RULES[key][1 if english else 0],
                                      Qt.ItemDataRole.ToolTipRole)
        self.tie_rule.setAccessibleName(_tr("Regel bij gelijke score"))
        self.tie_rule.currentIndexChanged.connect(self._store)
        self.tie_text = QLabel(facts)
        self.tie_text.setWordWrap(True)
        self.tie_text.setAccessibleName(_tr("Zo staat de regel in de leidraad"))
        tie = QVBoxLayout()
        tie.addWidget(self.tie_rule)
        tie.addWidget(self.tie_text)
        form.addRow(_tr("Bij gelijke score:"), tie)
        self.purchase_conditions = QLineEdit(facts)
        self.purchase_conditions.setAccessibleName(_tr("Inkoopvoorwaarden"))
        self.purchase_conditions.setPlaceholderText(_tr("bijvoorbeeld: ARIV 2018 of de eigen algemene "
                                                        "inkoopvoorwaarden"))
        self.purchase_conditions.textEdited.connect(self._store)
        form.addRow(_tr("Inkoopvoorwaarden:"), self.purchase_conditions)
        self.lowest_price = QPlainTextEdit(facts)
        self.lowest_price.setAccessibleName(_tr("Motivering laagste prijs"))
        self.lowest_price.setTabChangesFocus(True)
        self.lowest_price.setMaximumHeight(54)
        self.lowest_price.setPlaceholderText(_tr("alleen bij gunnen op laagste prijs (art. 2.114 "
                                                 "Aanbestedingswet 2012): waarom kwaliteit niet meeweegt"))
        self.lowest_price.textChanged.connect(self._store)
        form.addRow(_tr("Motivering laagste prijs:"), self.lowest_price)
        self.term_reason = QLineEdit(facts)
        self.term_reason.setAccessibleName(_tr("Motivering looptijd raamovereenkomst"))
        self.term_reason.setPlaceholderText(_tr("alleen bij een raamovereenkomst langer dan vier jaar "
                                                "(art. 2.140 Aanbestedingswet 2012)"))
        self.term_reason.textEdited.connect(self._store)
        form.addRow(_tr("Motivering looptijd:"), self.term_reason)
        outer.addWidget(facts)
        outer.addStretch(1)
        self._loading = False

    def initializePage(self) -> None:
        t = self.wiz().tender
        self._loading = True
        try:
            self.dates["publication_date"].set_value(t.publication_date)
            for key in Planning.DATE_FIELDS:
                self.dates[key].set_value(getattr(t.planning, key))
            self.validity.setValue(t.planning.bid_validity_days or 0)
            self.prior_notice.setChecked(t.planning.prior_information_notice)
            self.electronic.setChecked(t.planning.electronic_submission)
            for key, edit in self.values.items():
                edit.setText(t.values.get(key, ""))
            self.grounds.setText(", ".join(t.optional_exclusion_grounds))
            self.tie_rule.setCurrentIndex(max(0, self.tie_rule.findData(t.tie_rule)))
            self.purchase_conditions.setText(t.purchase_conditions)
            if self.lowest_price.toPlainText() != t.lowest_price_reason:
                self.lowest_price.setPlainText(t.lowest_price_reason)
            self.term_reason.setText(t.term_reason)
        finally:
            self._loading = False
        self._show_tie_text()

    def _show_tie_text(self) -> None:
        key = self.tie_rule.currentData() or "kwaliteit-loting"
        text = TIE_RULES[key][1 if i18n.lang() == "en" else 0]
        self.tie_text.setText(text[:1].upper() + text[1:] + ".")

    def _store(self, *_args: Any) -> None:
        self._show_tie_text()
        if self._loading:
            return
        t = self.wiz().tender
        t.publication_date = self.dates["publication_date"].value()
        for key in Planning.DATE_FIELDS:
            setattr(t.planning, key, self.dates[key].value())
        t.planning.bid_validity_days = self.validity.value() or None
        t.planning.prior_information_notice = self.prior_notice.isChecked()
        t.planning.electronic_submission = self.electronic.isChecked()
        for key, edit in self.values.items():
            if edit.text().strip():
                t.values[key] = edit.text().strip()
            else:
                t.values.pop(key, None)
        codes = [c.strip() for c in self.grounds.text().replace(";", ",").split(",") if c.strip()]
        t.optional_exclusion_grounds = list(dict.fromkeys(c[:40] for c in codes))[:50]
        t.tie_rule = self.tie_rule.currentData() or t.tie_rule
        t.purchase_conditions = self.purchase_conditions.text().strip()
        t.lowest_price_reason = self.lowest_price.toPlainText().strip()
        t.term_reason = self.term_reason.text().strip()
        self.changed()

    def focus_place(self, place: str) -> None:
        """Put the cursor in the field a finding names."""
        fields: dict[str, QWidget] = {key: field.known for key, field in self.dates.items()}
        fields.update({f"values.{key}": edit for key, edit in self.values.items()})
        fields.update({"bid_validity_days": self.validity, "prior_information_notice": self.prior_notice,
                       "electronic_submission": self.electronic, "optional_exclusion_grounds": self.grounds,
                       "tie_rule": self.tie_rule, "purchase_conditions": self.purchase_conditions,
                       "lowest_price_reason": self.lowest_price, "term_reason": self.term_reason})
        widget = fields.get(place.split("[")[0])
        if widget is not None:
            widget.setFocus()

