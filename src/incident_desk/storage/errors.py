"""What can go wrong opening or using the store, as exceptions whose text a supervisor can read."""

from __future__ import annotations


class StorageError(Exception):
    """Base of every storage failure; ``str()`` is one plain sentence."""


class DatabaseKeyRejected(StorageError):
    """The data key does not open the database file."""


class DatabaseDamaged(StorageError):
    """The file is unreadable or fails SQLCipher's page authentication."""


class AppendOnlyViolation(StorageError):
    """Code tried to change or delete a log entry; corrections are new entries."""


class InstallationMissing(StorageError):
    """No installation in the data folder (run ``incident-desk init``)."""


class InstallationExists(StorageError):
    """``init`` on a folder that already holds an installation."""
