"""The one error the plan importer raises, carrying a message a commune officer can act on."""

from __future__ import annotations


class PlanImportError(Exception):
    """A file could not be read as a plan. `message` is Vietnamese and safe to show; `code` is for logic."""

    EMPTY = "empty"
    NOT_A_PLAN = "not_a_plan"
    NO_TEXT_LAYER = "no_text_layer"
    LEGACY_DOC = "legacy_doc"
    ENCRYPTED = "encrypted"
    UNSUPPORTED = "unsupported"
    CORRUPT = "corrupt"
    TOO_BIG = "too_big"

    def __init__(self, message: str, code: str = "unsupported") -> None:
        super().__init__(message)
        self.message = message
        self.code = code
