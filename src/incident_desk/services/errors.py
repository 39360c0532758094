"""Failures a use-case reports to the person using it, each in words they can act on."""

from __future__ import annotations

from collections.abc import Sequence

from incident_desk.domain.validation import ValidationMessage

# The one sentence for a wrong user name and a wrong passphrase alike (no user enumeration).
WRONG_CREDENTIALS = "wrong user or passphrase"


class ServiceError(Exception):
    """Base: ``str()`` is a sentence for a tired supervisor."""


class InputRejected(ServiceError):
    """What was entered cannot be recorded; ``messages`` say what to change. Nothing was saved."""

    def __init__(self, messages: Sequence[ValidationMessage]) -> None:
        self.messages = tuple(messages)
        super().__init__(" ".join(message.text for message in self.messages))


class AccessDenied(ServiceError):
    """The signed-in user's role or facility does not allow this."""


class NotFound(ServiceError):
    """No such case, item, person or user."""


class SignInRefused(ServiceError):
    """Wrong user or passphrase, locked out, or disabled."""


def rejected(field: str, text: str) -> InputRejected:
    return InputRejected([ValidationMessage(field, text)])
