"""The key vault: the database's data key, wrapped once per user and once under a recovery key.

The SQLCipher database is encrypted with one random 256-bit data key. The vault file beside it
(``vault.json``) keeps that key wrapped with AES-256-GCM under key-encryption keys derived with
Argon2id: one slot per user passphrase and one slot for the recovery key printed at first run.
Changing a passphrase rewraps one slot; the database is never re-encrypted. The vault also keeps
a few other secrets (the signing authority's private key) sealed under the data key itself.

The file is plain JSON so it can be inspected, but nothing a person typed is stored in clear: a
user's slot is named by an HMAC of the normalised user name under a vault-wide random salt. That
hides names from a casual reader; anyone holding the file can still test a guessed name.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import os
import re
import secrets
import sys
import tempfile
import threading
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Final

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from incident_desk.storage.errors import StorageError

FORMAT_NAME: Final = "incident-desk-vault"
FORMAT_VERSION: Final = 1
DATA_KEY_BYTES: Final = 32
RECOVERY_SLOT_ID: Final = "recovery"

_SALT_BYTES: Final = 16
_NONCE_BYTES: Final = 12
_ID_SALT_BYTES: Final = 32
_WRAPPED_KEY_BYTES: Final = DATA_KEY_BYTES + 16  # the GCM tag follows the ciphertext
_KEY_CHECK_LABEL: Final = b"incident-desk-vault key check v1"
_CROCKFORD: Final = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_RECOVERY_SYMBOLS: Final = 52  # 256 key bits plus 4 zero bits, five bits a symbol
_SLOT_ID_RE: Final = re.compile(r"[0-9a-f]{64}")
_SECRET_NAME_RE: Final = re.compile(r"[a-z0-9][a-z0-9._-]{0,63}")
# Dashes and spaces people paste from word processors, removed along with ASCII hyphens.
_RECOVERY_SEPARATORS: Final = re.compile(r"[\s\-\u2010-\u2015\u2212]+")


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


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost parameters; each slot records the ones it was wrapped with."""

    time_cost: int = 3
    memory_cost_kib: int = 65536
    parallelism: int = 2

    def __post_init__(self) -> None:
        for value in (self.time_cost, self.memory_cost_kib, self.parallelism):
            if type(value) is not int:
                raise ValueError("Argon2 parameters must be whole numbers")
        if not 1 <= self.parallelism <= 64:
            raise ValueError("Argon2 parallelism must be between 1 and 64")
        if not 1 <= self.time_cost <= 64:
            raise ValueError("Argon2 time cost must be between 1 and 64")
        # Argon2 needs 8 KiB per lane; the upper bound stops a crafted file exhausting memory.
        if not 8 * self.parallelism <= self.memory_cost_kib <= 4 * 1024 * 1024:
            raise ValueError("Argon2 memory cost must be between 8 KiB per lane and 4 GiB")


DEFAULT_KDF: Final = KdfParams()


@dataclass(frozen=True)
class _Sealed:
    nonce: bytes
    ciphertext: bytes


@dataclass(frozen=True)
class _Slot:
    kdf: KdfParams
    salt: bytes
    sealed: _Sealed


@dataclass(frozen=True)
class _Document:
    id_salt: bytes
    key_check: bytes
    recovery: _Slot
    users: Mapping[str, _Slot]
    secrets: Mapping[str, _Sealed]


def generate_data_key() -> bytes:
    """A fresh random 256-bit data key for SQLCipher."""
    return secrets.token_bytes(DATA_KEY_BYTES)


def generate_recovery_key() -> str:
    """A fresh recovery key: 32 random bytes as Crockford base32, hyphenated in fours."""
    number = int.from_bytes(secrets.token_bytes(DATA_KEY_BYTES), "big") << 4
    symbols = "".join(
        _CROCKFORD[(number >> (5 * (_RECOVERY_SYMBOLS - 1 - i))) & 31]
        for i in range(_RECOVERY_SYMBOLS)
    )
    return "-".join(symbols[i : i + 4] for i in range(0, _RECOVERY_SYMBOLS, 4))


def normalize_recovery_key(text: str) -> bytes:
    """The 32 key bytes from a recovery key as typed: any case, spacing, hyphens, O/I/L slips."""
    compact = _RECOVERY_SEPARATORS.sub("", unicodedata.normalize("NFKC", text)).upper()
    compact = compact.replace("O", "0").replace("I", "1").replace("L", "1")
    if len(compact) != _RECOVERY_SYMBOLS or any(c not in _CROCKFORD for c in compact):
        raise InvalidRecoveryKey()
    number = 0
    for symbol in compact:
        number = (number << 5) | _CROCKFORD.index(symbol)
    if number & 0xF:  # the four padding bits are always zero, so the last group has a typo
        raise InvalidRecoveryKey()
    return (number >> 4).to_bytes(DATA_KEY_BYTES, "big")


def is_slot_id(text: str) -> bool:
    """Whether ``text`` has the shape of a user slot id (so it cannot be a name in clear)."""
    return _SLOT_ID_RE.fullmatch(text) is not None


def atomic_write_bytes(path: Path, data: bytes, mode: int = 0o600) -> None:
    """Replace ``path`` with ``data`` so that a crash or power cut leaves the old or new file."""
    folder = path.parent
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            if sys.platform != "win32":
                os.fchmod(handle.fileno(), mode)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    # The rename is only durable once the folder entry itself reaches the disk.
    if sys.platform != "win32":
        folder_fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            os.fsync(folder_fd)
        finally:
            os.close(folder_fd)


class KeyVault:
    """The vault file and the operations on its slots; build one with ``create`` or ``load``."""

    def __init__(self, path: Path, document: _Document) -> None:
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
        id_salt = secrets.token_bytes(_ID_SALT_BYTES)
        slot_id = _slot_id(id_salt, user)
        document = _Document(
            id_salt=id_salt,
            key_check=_key_check(data_key),
            recovery=_wrap(recovery, data_key, kdf, RECOVERY_SLOT_ID, RECOVERY_SLOT_ID),
            users={slot_id: _wrap(_passphrase_bytes(passphrase), data_key, kdf, "user", slot_id)},
            secrets={},
        )
        atomic_write_bytes(path, _encode(document))
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
        return cls(path, _decode(path, raw))

    def user_slot_id(self, user: str) -> str:
        """The slot id a user name maps to, whether or not that user exists."""
        return _slot_id(self._doc.id_salt, user)

    def has_user(self, user: str) -> bool:
        return self.user_slot_id(user) in self._doc.users

    def slot_ids(self) -> frozenset[str]:
        """The user slot ids (the recovery slot is not among them)."""
        return frozenset(self._doc.users)

    def unlock(self, user: str, passphrase: str) -> bytes:
        """The data key; an unknown user and a wrong passphrase fail exactly alike."""
        document = self._doc
        slot_id = _slot_id(document.id_salt, user)
        slot = document.users.get(slot_id)
        if slot is None:
            # Spend the same effort as a real attempt so timing does not reveal who exists.
            decoy_salt = secrets.token_bytes(_SALT_BYTES)
            _derive_kek(_passphrase_bytes(passphrase), decoy_salt, document.recovery.kdf)
            raise WrongCredentials()
        data_key = _unwrap(_passphrase_bytes(passphrase), slot, "user", slot_id)
        if data_key is None:
            raise WrongCredentials()
        return self._consistent(document, data_key)

    def unlock_with_recovery_key(self, recovery_key: str) -> bytes:
        """The data key from the recovery key, however sloppily it was typed."""
        document = self._doc
        secret = normalize_recovery_key(recovery_key)
        data_key = _unwrap(secret, document.recovery, RECOVERY_SLOT_ID, RECOVERY_SLOT_ID)
        if data_key is None:
            raise WrongCredentials("that recovery key does not open this key vault")
        return self._consistent(document, data_key)

    def add_user(
        self, user: str, passphrase: str, data_key: bytes, kdf: KdfParams | None = None
    ) -> None:
        """Give a new user a slot; ``kdf`` defaults to the parameters the vault was made with."""
        _require_entered(user, passphrase)
        with self._lock:
            document = self._doc
            self._require_data_key(document, data_key)
            slot_id = _slot_id(document.id_salt, user)
            if slot_id in document.users:
                raise DuplicateUser("there is already a user with that name")
            params = kdf if kdf is not None else document.recovery.kdf
            slot = _wrap(_passphrase_bytes(passphrase), data_key, params, "user", slot_id)
            self._commit(replace(document, users={**document.users, slot_id: slot}))

    def set_passphrase(
        self, user: str, passphrase: str, data_key: bytes, kdf: KdfParams | None = None
    ) -> None:
        """Rewrap one user's slot under a new passphrase; ``kdf`` defaults to the slot's own."""
        _require_entered(user, passphrase)
        with self._lock:
            document = self._doc
            self._require_data_key(document, data_key)
            slot_id = _slot_id(document.id_salt, user)
            old = document.users.get(slot_id)
            if old is None:
                raise UnknownUser("there is no user with that name")
            params = kdf if kdf is not None else old.kdf
            slot = _wrap(_passphrase_bytes(passphrase), data_key, params, "user", slot_id)
            self._commit(replace(document, users={**document.users, slot_id: slot}))

    def set_recovery_key(self, recovery_key: str, data_key: bytes) -> None:
        """Rewrap the recovery slot under a new recovery key (after the old one was used)."""
        secret = normalize_recovery_key(recovery_key)
        with self._lock:
            document = self._doc
            self._require_data_key(document, data_key)
            slot = _wrap(
                secret, data_key, document.recovery.kdf, RECOVERY_SLOT_ID, RECOVERY_SLOT_ID
            )
            self._commit(replace(document, recovery=slot))

    def remove_user(self, user: str) -> None:
        with self._lock:
            document = self._doc
            slot_id = _slot_id(document.id_salt, user)
            if slot_id not in document.users:
                raise UnknownUser("there is no user with that name")
            users = {key: slot for key, slot in document.users.items() if key != slot_id}
            self._commit(replace(document, users=users))

    def store_secret(self, name: str, plaintext: bytes, data_key: bytes) -> None:
        """Keep ``plaintext`` sealed under the data key, replacing any secret of that name."""
        _require_secret_name(name)
        with self._lock:
            document = self._doc
            self._require_data_key(document, data_key)
            sealed = _seal(data_key, plaintext, _aad("secret", name))
            self._commit(replace(document, secrets={**document.secrets, name: sealed}))

    def load_secret(self, name: str, data_key: bytes) -> bytes | None:
        """The secret stored under ``name``, or None if there is none."""
        _require_secret_name(name)
        document = self._doc
        self._require_data_key(document, data_key)
        sealed = document.secrets.get(name)
        if sealed is None:
            return None
        plaintext = _open(data_key, sealed, _aad("secret", name))
        if plaintext is None:
            raise VaultDamaged(
                f"the secret {name!r} in the key vault at {self._path} cannot be decrypted;"
                " restore the key vault from a backup"
            )
        return plaintext

    def _consistent(self, document: _Document, data_key: bytes) -> bytes:
        # A slot that opens but holds some other key would make a useless database key.
        if not hmac.compare_digest(_key_check(data_key), document.key_check):
            raise VaultDamaged(
                f"the key vault at {self._path} is inconsistent; restore it from a backup"
            )
        return data_key

    @staticmethod
    def _require_data_key(document: _Document, data_key: bytes) -> None:
        if not hmac.compare_digest(_key_check(data_key), document.key_check):
            raise WrongDataKey("that data key does not belong to this key vault")

    def _commit(self, document: _Document) -> None:
        # Memory changes only after the file is safely replaced, so the two never disagree.
        atomic_write_bytes(self._path, _encode(document))
        self._doc = document


def _require_entered(user: str, passphrase: str) -> None:
    if not _normalize_user(user):
        raise VaultError("the user name is empty")
    if not passphrase:
        raise VaultError("the passphrase is empty")


def _require_secret_name(name: str) -> None:
    # Secret names appear in clear, so only fixed internal labels are allowed, never entered text.
    if _SECRET_NAME_RE.fullmatch(name) is None:
        raise ValueError(f"{name!r} is not a valid secret name")


def _normalize_user(user: str) -> str:
    # NFC before and after casefolding: casefolding can produce decomposed sequences.
    folded = unicodedata.normalize("NFC", user.strip()).casefold()
    return unicodedata.normalize("NFC", folded)


def _passphrase_bytes(passphrase: str) -> bytes:
    # The same passphrase typed through different keyboards or input methods must match.
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


def _slot_id(id_salt: bytes, user: str) -> str:
    return hmac.new(id_salt, _normalize_user(user).encode("utf-8"), hashlib.sha256).hexdigest()


def _key_check(data_key: bytes) -> bytes:
    return hmac.new(data_key, _KEY_CHECK_LABEL, hashlib.sha256).digest()


def _aad(kind: str, ident: str) -> bytes:
    # Binding version, kind and id means a slot copied onto another id no longer opens.
    return f"{FORMAT_NAME}|{FORMAT_VERSION}|{kind}|{ident}".encode()


def _derive_kek(secret: bytes, salt: bytes, kdf: KdfParams) -> bytes:
    return hash_secret_raw(
        secret=secret,
        salt=salt,
        time_cost=kdf.time_cost,
        memory_cost=kdf.memory_cost_kib,
        parallelism=kdf.parallelism,
        hash_len=32,
        type=Type.ID,
    )


def _seal(key: bytes, plaintext: bytes, aad: bytes) -> _Sealed:
    nonce = secrets.token_bytes(_NONCE_BYTES)
    return _Sealed(nonce, AESGCM(key).encrypt(nonce, plaintext, aad))


def _open(key: bytes, sealed: _Sealed, aad: bytes) -> bytes | None:
    try:
        return AESGCM(key).decrypt(sealed.nonce, sealed.ciphertext, aad)
    except InvalidTag:
        return None


def _wrap(secret: bytes, data_key: bytes, kdf: KdfParams, kind: str, ident: str) -> _Slot:
    salt = secrets.token_bytes(_SALT_BYTES)
    return _Slot(kdf, salt, _seal(_derive_kek(secret, salt, kdf), data_key, _aad(kind, ident)))


def _unwrap(secret: bytes, slot: _Slot, kind: str, ident: str) -> bytes | None:
    return _open(_derive_kek(secret, slot.salt, slot.kdf), slot.sealed, _aad(kind, ident))


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _encode(document: _Document) -> bytes:
    def slot(value: _Slot) -> dict[str, object]:
        return {
            "kdf": "argon2id",
            "time_cost": value.kdf.time_cost,
            "memory_cost_kib": value.kdf.memory_cost_kib,
            "parallelism": value.kdf.parallelism,
            "salt": _b64(value.salt),
            **sealed(value.sealed),
        }

    def sealed(value: _Sealed) -> dict[str, object]:
        return {"nonce": _b64(value.nonce), "ciphertext": _b64(value.ciphertext)}

    body = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "user_id_salt": _b64(document.id_salt),
        "key_check": _b64(document.key_check),
        "recovery": slot(document.recovery),
        "users": {key: slot(document.users[key]) for key in sorted(document.users)},
        "secrets": {key: sealed(document.secrets[key]) for key in sorted(document.secrets)},
    }
    return (json.dumps(body, indent=2) + "\n").encode("ascii")


class _MalformedError(Exception):
    """Internal: why the file could not be read, folded into one VaultDamaged message."""


def _decode(path: Path, raw: bytes) -> _Document:
    try:
        body = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise VaultDamaged(
            f"the key vault file at {path} is damaged (not readable JSON); restore it from a backup"
        ) from None
    if not isinstance(body, dict) or body.get("format") != FORMAT_NAME:
        raise VaultDamaged(f"the file at {path} is not an Incident Desk key vault")
    version = body.get("version")
    if type(version) is int and version > FORMAT_VERSION:
        raise VaultDamaged(
            f"the key vault file at {path} was written by a newer version of Incident Desk;"
            " update this program to open it"
        )
    try:
        if version != FORMAT_VERSION:
            raise _MalformedError("unknown version")
        users = _mapping(body, "users")
        secret_map = _mapping(body, "secrets")
        for slot_id in users:
            if not is_slot_id(slot_id):
                raise _MalformedError("a user slot has a malformed id")
        for name in secret_map:
            if _SECRET_NAME_RE.fullmatch(name) is None:
                raise _MalformedError("a secret has a malformed name")
        return _Document(
            id_salt=_bytes(body, "user_id_salt", _ID_SALT_BYTES),
            key_check=_bytes(body, "key_check", 32),
            recovery=_read_slot(_mapping(body, "recovery")),
            users={key: _read_slot(_mapping(users, key)) for key in users},
            secrets={key: _read_sealed(_mapping(secret_map, key), None) for key in secret_map},
        )
    except _MalformedError as error:
        raise VaultDamaged(
            f"the key vault file at {path} is damaged ({error}); restore it from a backup"
        ) from None


def _mapping(parent: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    value = parent.get(key)
    if not isinstance(value, dict):
        raise _MalformedError(f"{key!r} is missing or not an object")
    return value


def _bytes(parent: Mapping[str, Any], key: str, length: int | None) -> bytes:
    value = parent.get(key)
    if not isinstance(value, str):
        raise _MalformedError(f"{key!r} is missing or not text")
    try:
        decoded = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        raise _MalformedError(f"{key!r} is not valid base64") from None
    if length is not None and len(decoded) != length:
        raise _MalformedError(f"{key!r} has the wrong length")
    return decoded


def _whole(parent: Mapping[str, Any], key: str) -> int:
    value = parent.get(key)
    if type(value) is not int:
        raise _MalformedError(f"{key!r} is missing or not a whole number")
    return value


def _read_sealed(raw: Mapping[str, Any], ciphertext_length: int | None) -> _Sealed:
    return _Sealed(
        nonce=_bytes(raw, "nonce", _NONCE_BYTES),
        ciphertext=_bytes(raw, "ciphertext", ciphertext_length),
    )


def _read_slot(raw: Mapping[str, Any]) -> _Slot:
    if raw.get("kdf") != "argon2id":
        raise _MalformedError("a slot names an unknown key derivation")
    try:
        kdf = KdfParams(
            _whole(raw, "time_cost"), _whole(raw, "memory_cost_kib"), _whole(raw, "parallelism")
        )
    except ValueError:
        raise _MalformedError("a slot has unusable Argon2 parameters") from None
    return _Slot(kdf, _bytes(raw, "salt", _SALT_BYTES), _read_sealed(raw, _WRAPPED_KEY_BYTES))
