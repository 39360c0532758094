"""What can go wrong with the key vault, as exceptions whose text a supervisor can act on.

``storage/key_vault.py`` re-exports every one of them; other code imports them from there.
"""

from __future__ import annotations

from incident_desk.storage.errors import StorageError

__all__ = [
    "DuplicateUser",
    "InvalidRecoveryKey",
    "UnknownUser",
    "VaultDamaged",
    "VaultError",
    "VaultExists",
    "VaultNotFound",
    "WrongCredentials",
    "WrongDataKey",
]


class VaultError(StorageError):
    """A key vault problem; the message is one plain sentence a supervisor can act on."""


class WrongCredentials(VaultError):
    """The user name, passphrase or recovery key does not open the vault."""

    def __init__(self, message: str = "wrong user or passphrase") -> None:
        super().__init__(message)


class InvalidRecoveryKey(WrongCredentials):
    """The text cannot be a recovery key at all (wrong length or characters)."""

    def __init__(self) -> None:
        super().__init__(
            "that is not a valid recovery key: it has 52 letters and digits in groups of 4"
        )


class VaultDamaged(VaultError):
    """The vault file is unreadable, corrupt, inconsistent or from a newer version."""


class VaultNotFound(VaultError):
    """There is no vault file where one was expected."""


class VaultExists(VaultError):
    """A vault file is already there; creating one must never overwrite it."""


class UnknownUser(VaultError):
    """An administrative change names a user the vault has no slot for."""


class DuplicateUser(VaultError):
    """A user with the same (normalised) name already has a slot."""


class WrongDataKey(VaultError):
    """The data key handed in is not the one this vault protects."""
