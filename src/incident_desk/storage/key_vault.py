"""The key vault: the database's data key, wrapped once per user and once under a recovery key.

The SQLCipher database is encrypted with one random 256-bit data key. The vault file beside it
(``vault.json``) keeps that key wrapped with AES-256-GCM under key-encryption keys derived with
Argon2id: one slot per user passphrase and one slot for the recovery key printed at first run.
Changing a passphrase rewraps one slot; the database is never re-encrypted. The vault also keeps
a few other secrets (the signing authority's private key) sealed under the data key itself.

The file is plain JSON so it can be inspected, but nothing a person typed is stored in clear: a
user's slot is named by an HMAC of the normalised user name under a vault-wide random salt. That
hides names from a casual reader; anyone holding the file can still test a guessed name.

This is the module other code imports from. The pieces live beside it: the errors in
``vault_errors``, the file layout in ``vault_format``, the cryptography in ``vault_crypto`` and
the crash-safe write in ``atomic_files``; here is the ``KeyVault`` that ties them together.
"""

from __future__ import annotations

import hmac
import secrets
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Final

from incident_desk.storage.atomic_files import atomic_write_bytes, exclusive_lock
from incident_desk.storage.vault_crypto import (
    derive_kek,
    generate_data_key,
    generate_recovery_key,
    key_check,
    normalize_recovery_key,
    normalize_user,
    open_sealed,
    passphrase_bytes,
    seal,
    sealing_context,
    slot_id_for,
    unwrap,
    wrap,
)
from incident_desk.storage.vault_errors import (
    DuplicateUser,
    InvalidRecoveryKey,
    UnknownUser,
    VaultDamaged,
    VaultError,
    VaultExists,
    VaultNotFound,
    WrongCredentials,
    WrongDataKey,
)
from incident_desk.storage.vault_format import (
    DATA_KEY_BYTES,
    DEFAULT_KDF,
    FORMAT_NAME,
    FORMAT_VERSION,
    ID_SALT_BYTES,
    SALT_BYTES,
    KdfParams,
    VaultDocument,
    decode_document,
    encode_document,
    is_secret_name,
    is_slot_id,
)

__all__ = [
    "DATA_KEY_BYTES",
    "DEFAULT_KDF",
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "RECOVERY_SLOT_ID",
    "DuplicateUser",
    "InvalidRecoveryKey",
    "KdfParams",
    "KeyVault",
    "UnknownUser",
    "VaultDamaged",
    "VaultError",
    "VaultExists",
    "VaultNotFound",
    "WrongCredentials",
    "WrongDataKey",
    "atomic_write_bytes",
    "generate_data_key",
    "generate_recovery_key",
    "is_slot_id",
    "normalize_recovery_key",
]

RECOVERY_SLOT_ID: Final = "recovery"


class KeyVault:
    """The vault file and the operations on its slots; build one with ``create`` or ``load``."""

    def __init__(self, path: Path, document: VaultDocument) -> None:
        self._path = path
        self._doc = document
        self._lock = threading.Lock()

    @property
    def path(self) -> Path:
        return self._path

    @classmethod
    def create(
        cls,
        path: Path,
        data_key: bytes,
        user: str,
        passphrase: str,
        recovery_key: str,
        kdf: KdfParams = DEFAULT_KDF,
    ) -> KeyVault:
        """Write a new vault with one user and the recovery slot; never overwrites a file."""
        if len(data_key) != DATA_KEY_BYTES:
            raise ValueError("the data key must be 32 bytes")
        recovery = normalize_recovery_key(recovery_key)
        _require_entered(user, passphrase)
        if path.exists():
            raise VaultExists(f"a key vault already exists at {path} and was left as it is")
        id_salt = secrets.token_bytes(ID_SALT_BYTES)
        slot_id = slot_id_for(id_salt, user)
        document = VaultDocument(
            id_salt=id_salt,
            key_check=key_check(data_key),
            recovery=wrap(recovery, data_key, kdf, RECOVERY_SLOT_ID, RECOVERY_SLOT_ID),
            users={slot_id: wrap(passphrase_bytes(passphrase), data_key, kdf, "user", slot_id)},
            secrets={},
        )
        atomic_write_bytes(path, encode_document(document))
        return cls(path, document)

    @classmethod
    def load(cls, path: Path) -> KeyVault:
        """Read and check the vault file; nothing is decrypted until someone unlocks it."""
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            raise VaultNotFound(f"there is no key vault file at {path}") from None
        except OSError as error:
            raise VaultError(
                f"the key vault file at {path} cannot be read: {error.strerror}"
            ) from error
        return cls(path, decode_document(path, raw))

    def user_slot_id(self, user: str) -> str:
        """The slot id a user name maps to, whether or not that user exists."""
        return slot_id_for(self._doc.id_salt, user)

    def has_user(self, user: str) -> bool:
        return self.user_slot_id(user) in self._doc.users

    def slot_ids(self) -> frozenset[str]:
        """The user slot ids (the recovery slot is not among them)."""
        return frozenset(self._doc.users)

    def unlock(self, user: str, passphrase: str) -> bytes:
        """The data key; an unknown user and a wrong passphrase fail exactly alike."""
        document = self._doc
        slot_id = slot_id_for(document.id_salt, user)
        slot = document.users.get(slot_id)
        if slot is None:
            # Spend the same effort as a real attempt so timing does not reveal who exists.
            decoy_salt = secrets.token_bytes(SALT_BYTES)
            derive_kek(passphrase_bytes(passphrase), decoy_salt, document.recovery.kdf)
            raise WrongCredentials()
        data_key = unwrap(passphrase_bytes(passphrase), slot, "user", slot_id)
        if data_key is None:
            raise WrongCredentials()
        return self._consistent(document, data_key)

    def unlock_with_recovery_key(self, recovery_key: str) -> bytes:
        """The data key from the recovery key, however sloppily it was typed."""
        document = self._doc
        secret = normalize_recovery_key(recovery_key)
        data_key = unwrap(secret, document.recovery, RECOVERY_SLOT_ID, RECOVERY_SLOT_ID)
        if data_key is None:
            raise WrongCredentials("that recovery key does not open this key vault")
        return self._consistent(document, data_key)

    def add_user(
        self, user: str, passphrase: str, data_key: bytes, kdf: KdfParams | None = None
    ) -> None:
        """Give a new user a slot; ``kdf`` defaults to the parameters the vault was made with."""
        _require_entered(user, passphrase)
        with self._fresh() as document:
            self._require_data_key(document, data_key)
            slot_id = slot_id_for(document.id_salt, user)
            if slot_id in document.users:
                raise DuplicateUser("there is already a user with that name")
            params = kdf if kdf is not None else document.recovery.kdf
            slot = wrap(passphrase_bytes(passphrase), data_key, params, "user", slot_id)
            self._commit(replace(document, users={**document.users, slot_id: slot}))

    def set_passphrase(
        self, user: str, passphrase: str, data_key: bytes, kdf: KdfParams | None = None
    ) -> None:
        """Rewrap one user's slot under a new passphrase; ``kdf`` defaults to the slot's own."""
        _require_entered(user, passphrase)
        with self._fresh() as document:
            self._require_data_key(document, data_key)
            slot_id = slot_id_for(document.id_salt, user)
            old = document.users.get(slot_id)
            if old is None:
                raise UnknownUser("there is no user with that name")
            params = kdf if kdf is not None else old.kdf
            slot = wrap(passphrase_bytes(passphrase), data_key, params, "user", slot_id)
            self._commit(replace(document, users={**document.users, slot_id: slot}))

    def set_recovery_key(self, recovery_key: str, data_key: bytes) -> None:
        """Rewrap the recovery slot under a new recovery key (after the old one was used)."""
        secret = normalize_recovery_key(recovery_key)
        with self._fresh() as document:
            self._require_data_key(document, data_key)
            slot = wrap(secret, data_key, document.recovery.kdf, RECOVERY_SLOT_ID, RECOVERY_SLOT_ID)
            self._commit(replace(document, recovery=slot))

    def remove_user(self, user: str) -> None:
        with self._fresh() as document:
            slot_id = slot_id_for(document.id_salt, user)
            if slot_id not in document.users:
                raise UnknownUser("there is no user with that name")
            users = {key: slot for key, slot in document.users.items() if key != slot_id}
            self._commit(replace(document, users=users))

    def store_secret(self, name: str, plaintext: bytes, data_key: bytes) -> None:
        """Keep ``plaintext`` sealed under the data key, replacing any secret of that name."""
        _require_secret_name(name)
        with self._fresh() as document:
            self._require_data_key(document, data_key)
            sealed = seal(data_key, plaintext, sealing_context("secret", name))
            self._commit(replace(document, secrets={**document.secrets, name: sealed}))

    def load_secret(self, name: str, data_key: bytes) -> bytes | None:
        """The secret stored under ``name``, or None if there is none."""
        _require_secret_name(name)
        document = self._doc
        self._require_data_key(document, data_key)
        sealed = document.secrets.get(name)
        if sealed is None:
            # Another session may have stored it since this one read the file.
            with self._fresh() as document:
                sealed = document.secrets.get(name)
        if sealed is None:
            return None
        plaintext = open_sealed(data_key, sealed, sealing_context("secret", name))
        if plaintext is None:
            raise VaultDamaged(
                f"the secret {name!r} in the key vault at {self._path} cannot be decrypted;"
                " restore the key vault from a backup"
            )
        return plaintext

    @contextmanager
    def _fresh(self) -> Iterator[VaultDocument]:
        """The vault as the file holds it now, held against changes by other sessions.

        Each signed-in session (a window, a command) keeps its own copy of the vault. A change
        is made to what the file holds at that moment, under a lock shared by every process,
        so one session never writes back an older copy without another's new user or secret.
        """
        with self._lock, exclusive_lock(self._path.with_name(self._path.name + ".lock")):
            current = KeyVault.load(self._path)._doc
            if current.id_salt != self._doc.id_salt or current.key_check != self._doc.key_check:
                raise VaultDamaged(
                    f"the key vault at {self._path} was replaced by another one; sign in again"
                )
            self._doc = current
            yield current

    def _consistent(self, document: VaultDocument, data_key: bytes) -> bytes:
        # A slot that opens but holds some other key would make a useless database key.
        if not hmac.compare_digest(key_check(data_key), document.key_check):
            raise VaultDamaged(
                f"the key vault at {self._path} is inconsistent; restore it from a backup"
            )
        return data_key

    @staticmethod
    def _require_data_key(document: VaultDocument, data_key: bytes) -> None:
        if not hmac.compare_digest(key_check(data_key), document.key_check):
            raise WrongDataKey("that data key does not belong to this key vault")

    def _commit(self, document: VaultDocument) -> None:
        # Memory changes only after the file is safely replaced, so the two never disagree.
        atomic_write_bytes(self._path, encode_document(document))
        self._doc = document


def _require_entered(user: str, passphrase: str) -> None:
    if not normalize_user(user):
        raise VaultError("the user name is empty")
    if not passphrase:
        raise VaultError("the passphrase is empty")


def _require_secret_name(name: str) -> None:
    # Secret names appear in clear, so only fixed internal labels are allowed, never entered text.
    if not is_secret_name(name):
        raise ValueError(f"{name!r} is not a valid secret name")
