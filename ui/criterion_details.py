"""The details pane: everything about one criterion, with the clause's placeholders highlighted, and its history."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QTextBrowser

from criteria_library.models import (
    PLACEHOLDER_RE,
    Criterion,
    CriterionVersion,
    Kind,
    r_strategy_label,
)

from . import i18n, presentation
from .history_dialog import local_time, people_text

PLACEHOLDER_STYLE = "background-color:#fff2a8; color:#3d3000; font-weight:bold;"
HISTORY_SHOWN = 5


def _tr(text: str) -> str:
    return QCoreApplication.translate("CriterionDetails", text)


def clause_html(clause: str, values: dict[str, str] | None = None) -> str:
    """The clause as HTML with every {{placeholder}} highlighted (and its value shown when given)."""
    parts: list[str] = []
    last = 0
    for match in PLACEHOLDER_RE.finditer(clause):
        parts.append(html.escape(clause[last : match.start()]))
        name = match.group(1)
        shown = values[name] if values and values.get(name) else "{{" + name + "}}"
        parts.append(f'<span style="{PLACEHOLDER_STYLE}" title="{html.escape(name)}">{html.escape(shown)}</span>')
        last = match.end()
    parts.append(html.escape(clause[last:]))
    return "".join(parts).replace("\n", "<br>")


def _para(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


def provenance_text(origin: Any) -> str:
    """Where a criterion came from: publisher, release, changed here (origin: merge.Provenance or None)."""
    if origin is None:
        return _tr("eigen criterium (niet uit een release)")
    text = _tr("%1, release %2").replace("%1", origin.publisher).replace("%2", origin.release_version or "?")
    if origin.conflict and getattr(origin, "incoming_publisher", "") not in ("", origin.publisher):
        text += "; " + _tr("conflict met een nieuwe versie van %1").replace("%1", origin.incoming_publisher)
    elif origin.conflict:
        text += "; " + _tr("conflict met een nieuwe versie")
    elif origin.changed_locally:
        text += "; " + _tr("hier gewijzigd")
    return text


def criterion_html(c: Criterion, history: list[CriterionVersion] | None = None, origin: Any = None,
                   show_origin: bool = False, pending: Criterion | None = None) -> str:
    """The whole details pane for one criterion (with its provenance when show_origin, and its pending new
    version when there is one)."""
    lang = i18n.lang()
    facts = [
        (_tr("Soort"), i18n.label(c.kind)),
        (_tr("Ambitieniveau"), f"{c.level} {i18n.label(c.level)}"),
        (_tr("R-strategie"), r_strategy_label(c.r_strategy, lang)),
        (_tr("Status"), i18n.label(c.status)),
        (_tr("Versie"), f"{c.version}" + (f" ({c.updated_at[:10]}, {c.updated_by})" if c.updated_at else "")),
        (_tr("Bron"), c.source),
    ]
    if show_origin:
        facts.append((_tr("Herkomst"), provenance_text(origin)))
    if pending is not None:
        facts.insert(4, (_tr("Nieuwe versie"), _tr("versie %1: %2 (%3)")
                         .replace("%1", str(pending.version)).replace("%2", i18n.label(pending.status))
                         .replace("%3", pending.updated_by)))
    if c.kind == Kind.AWARD and c.weight_min is not None:
        facts.insert(2, (_tr("Gewicht"), f"{c.weight_min}-{c.weight_max}%"))
    if presentation.active():
        # large type in a narrow pane: a two-column table broke words in the middle ('Gunnings|criterium'), so
        # each fact is a line of its own that wraps between words
        facts_html = "".join(f"<p style='margin:0'><span style='color:#555'>{html.escape(k)}:</span> "
                             f"{html.escape(str(v))}</p>" for k, v in facts)
    else:
        rows = "".join(f"<tr><td style='color:#555;padding-right:10px;white-space:nowrap'>{html.escape(k)}</td>"
                       f"<td>{html.escape(str(v))}</td></tr>" for k, v in facts)
        facts_html = f"<table cellspacing='0' cellpadding='1'>{rows}</table>"
    out = [
        # in presentation mode the type is large already: a heading twice its size broke long words in two
        f"<h{3 if presentation.active() else 2} style='margin-bottom:2px'>{html.escape(c.title)}"
        f"</h{3 if presentation.active() else 2}>",
        f"<p style='color:#555;margin-top:0'>{html.escape(c.id)}</p>",
        facts_html,
        f"<h3>{_tr('Toelichting')}</h3><p>{_para(c.rationale)}</p>",
        f"<h3>{_tr('Voorbeeldtekst')}</h3><p style='background:#f4f6f8;padding:6px'>{clause_html(c.clause)}</p>",
    ]
    if c.placeholders:
        fields = "".join(f"<li><b>{html.escape(k)}</b>: {html.escape(v)}</li>" for k, v in c.placeholders.items())
        out.append(f"<p style='color:#555'>{_tr('Invulvelden (standaardwaarde)')}:</p><ul>{fields}</ul>")
    out.append(f"<h3>{_tr('Bewijsmiddel')}</h3><p>{_para(c.verification)}</p>")
    if c.kind == Kind.AWARD and c.scoring_text:
        out.append(f"<h3>{_tr('Beoordeling')}</h3><p>{_para(c.scoring_text)}</p>")
    if history:
        items = []
        for v in history[:HISTORY_SHOWN]:
            what = ", ".join(v.changed_fields)
            note = f" - {html.escape(v.note)}" if v.note else ""
            items.append(f"<li>{_tr('versie')} {v.version}: {html.escape(local_time(v.changed_at))}, "
                         f"{html.escape(people_text(v))} ({html.escape(what)}){note}</li>")
        more = len(history) - HISTORY_SHOWN
        tail = f"<p style='color:#555'>{_tr('en nog %n eerdere versie(s)').replace('%n', str(more))}</p>" if more > 0 else ""
        out.append(f"<h3>{_tr('Geschiedenis')}</h3><ul>{''.join(items)}</ul>{tail}")
    return "".join(out)


class CriterionDetails(QTextBrowser):
    """Read-only rich text view of the selected criterion."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setAccessibleName(_tr("Details van het criterium"))
        self.show_nothing()

    def show_nothing(self) -> None:
        self.setHtml(f"<p style='color:#555'>{_tr('Kies een criterium in de lijst om de details te zien.')}</p>")

    def show_criterion(self, c: Criterion, history: list[CriterionVersion] | None = None,
                       origin: Any = None, pending: Criterion | None = None) -> None:
        self.setHtml(criterion_html(c, history, origin, show_origin=True, pending=pending))
