"""The error a user can act on; anything else is a bug."""

from __future__ import annotations


class UserError(Exception):
    """A problem the user can fix; the Dutch message is shown as is, the English one when the UI is English."""

    def __init__(self, message: str, *, en: str | None = None, where: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.message_en = en or message
        self.where = where

    def text(self, lang: str = "nl") -> str:
        """The message in the given language ('nl' or 'en'), with its place when known."""
        base = self.message_en if lang == "en" else self.message
        return f"{self.where}: {base}" if self.where else base

    def __str__(self) -> str:
        return self.text("nl")
