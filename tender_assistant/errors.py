"""Errors in tenders and templates that the user can fix."""

from __future__ import annotations

from criteria_library.infra.errors import UserError


class TenderError(UserError):
    """A tender file is missing, unreadable or invalid; `where` names the file and field."""


class TemplateError(UserError):
    """A house-style template cannot be used (not a Word document, unreadable)."""
