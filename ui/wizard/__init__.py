"""The drafting wizard's pages, one module per page group. Each page reads the wizard's Tender when shown
and writes every change back at once, so going back, saving half-way or closing never loses what was typed.
All domain work is the core's (matching, clauses, checks, documents.plan, documents.export)."""
