"""The one error type services raise: a Vietnamese message for people and a code for machines."""

from __future__ import annotations


class ServiceError(Exception):
    """A request a service refuses; nothing was changed. `message` is shown to the user as is."""

    def __init__(self, message: str, *, code: str = "invalid", field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.field = field

    def __str__(self) -> str:
        return self.message
