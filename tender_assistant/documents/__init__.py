"""Document output: the plan of a tender's documents, award text, Word rendering, templates, styles, the set, PDF."""
