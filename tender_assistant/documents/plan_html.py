"""A document plan as HTML, for previews: what the Word document will say, without its layout (no Qt needed)."""

from __future__ import annotations

import html
from typing import Any

from .plan import DocumentPlan, Heading, PageBreak, Paragraph, Table, Toc

TOC_NOTE = "inhoudsopgave: Word vult de paginanummers in"


def plan_html(plan: DocumentPlan, toc_note: str = TOC_NOTE) -> str:
    """A document plan as readable HTML: what the Word document will say, without the layout."""
    out: list[str] = []

    def block(b: Any) -> None:
        if isinstance(b, Heading):
            tag = "h2" if b.level == 1 else "h3"
            out.append(f"<{tag}>{html.escape((b.number + ' ') if b.number else '')}{html.escape(b.text)}</{tag}>")
        elif isinstance(b, Paragraph):
            runs = []
            for r in b.runs:
                t = html.escape(r.text).replace("\n", "<br>")
                if r.gap:
                    t = f"<span style='background:#ffd7d5;color:#82071e'>{t}</span>"
                if r.bold:
                    t = f"<b>{t}</b>"
                if r.italic:
                    t = f"<i>{t}</i>"
                runs.append(t)
            size = {"title": "font-size:20pt;font-weight:bold", "subtitle": "font-size:13pt;color:#444",
                    "note": "color:#555", "clause": "margin-left:14px"}.get(str(b.style), "")
            out.append(f"<p style='{size}'>{''.join(runs)}</p>")
        elif isinstance(b, Table):
            rows = []
            if b.show_header:
                rows.append("<tr>" + "".join(f"<th align='left' bgcolor='#e8eef5'>{html.escape(h)}</th>"
                                             for h in b.header) + "</tr>")
            for row in b.rows:
                rows.append("<tr>" + "".join(f"<td>{html.escape(str(v)).replace(chr(10), '<br>')}</td>"
                                             for v in row) + "</tr>")
            # 99 %: at 100 % Qt adds the border outside, and a table whose columns round up (the lots table) came
            # out one pixel wider than the preview: a horizontal scrollbar under text that wraps
            out.append(f"<table border='1' cellspacing='0' cellpadding='4' width='99%'>{''.join(rows)}</table>")
        elif isinstance(b, Toc):
            out.append(f"<p style='color:#555'><i>[{html.escape(toc_note)}]</i></p>")
        elif isinstance(b, PageBreak):
            out.append("<hr>")

    for b in [*plan.cover, *plan.body]:
        block(b)
    return "".join(out)
