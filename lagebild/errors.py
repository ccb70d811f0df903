"""Errors a user can act on. Each carries a short reason code for reports."""


class LagebildError(Exception):
    """Base class of lagebild's own errors."""


class MissingLayerError(LagebildError):
    """A stage asked to run on a Document without a layer it reads."""


class InputError(LagebildError):
    """An input that cannot be analysed: empty, binary, undecodable, too large, not German."""

    def __init__(self, reason: str, message: str):
        super().__init__(message)
        self.reason = reason
        self.message = message

    def __str__(self) -> str:
        return self.message


class ModelError(LagebildError):
    """A model file lagebild was pointed at cannot be used (e.g. `--encoder PATH`)."""
