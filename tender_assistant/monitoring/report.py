"""Monitoring reports: text for the terminal, XLSX with native Excel charts, Word with chart images.

The JSON contract is MonitoringReport.to_json() in rule.py; everything here only presents a report.
"""

from __future__ import annotations

from .rule import FLAG_LABELS, MonitoringReport

PACKAGE_NONE = "(geen pakket)"


def euro(value: float) -> str:
    """€ 1.250.000 (Dutch thousands separator, whole euros)."""
    sign = "-" if value < 0 else ""
    return f"{sign}€ " + f"{abs(value):,.0f}".replace(",", ".")


def pct(share: float | None) -> str:
    """40,0% (Dutch decimal comma); '-' when there is nothing to divide by."""
    return "-" if share is None else f"{share * 100:.1f}%".replace(".", ",")


def target_line(report: MonitoringReport) -> str:
    """'doel 50% (afgesproken)' or 'traject 36,7% (geen afgesproken doel)'."""
    if report.target is None:
        return "geen doel voor dit jaar"
    if report.target_kind == "afgesproken":
        return f"afgesproken doel {pct(report.target)}"
    return f"traject {pct(report.target)} (tussen de afgesproken doelen; geen afgesproken doel)"


def text_report(report: MonitoringReport) -> str:
    """The report as plain text: the rule, the figures per organisation and the region, the flags."""
    lines = [f"Monitoring circulair inkopen {report.year}: {target_line(report)}", "", "Telregel:"]
    lines += [f"  - {line}" for line in report.rule.describe()]
    lines.append("")
    header = f"{'Organisatie':<32} {'binnen telling':>16} {'circulair':>16} {'aandeel €':>10} {'aandeel #':>10} " \
             f"{'dekking':>8} {'tekort':>16}"
    lines.append(header)
    lines.append("-" * len(header))
    rows = [(name, totals) for name, totals in sorted(report.organisations.items(), key=lambda kv: kv[0].casefold())]
    if len(rows) > 1 or not rows:
        rows.append(("Regio (som)", report.region))
    for name, totals in rows:
        f = totals.figures(report.target)
        gap = "-" if f["gap_eur"] is None else euro(f["gap_eur"])
        lines.append(f"{name[:32]:<32} {euro(f['in_scope_eur']):>16} {euro(f['circular_eur']):>16} "
                     f"{pct(f['share_value']):>10} {pct(f['share_count']):>10} {pct(f['coverage']):>8} {gap:>16}")
    if not report.lines:
        lines += ["", f"Geen contracten binnen de telling in {report.year}."]
        return "\n".join(lines)
    lines += ["", "Per inkooppakket (binnen telling / circulair):"]
    for key, (scope, circ) in report.breakdown("package").items():
        lines.append(f"  {key:<28} {euro(scope):>16} {euro(circ):>16}  {pct(circ / scope if scope else None):>7}")
    flagged = [line for line in report.lines if line.flags]
    if flagged:
        lines += ["", "Let op:"]
        for line in flagged:
            labels = "; ".join(FLAG_LABELS[f][0] for f in line.flags)
            lines.append(f"  {line.record.organisation}: {line.record.title} ({euro(line.value)}): {labels}")
    return "\n".join(lines)
