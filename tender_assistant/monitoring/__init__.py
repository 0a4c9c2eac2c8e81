"""The monitoring register: which contracts an organisation awarded, and whether they count as circular."""
