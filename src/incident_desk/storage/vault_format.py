"""The key vault file (``vault.json``): its document, and turning it into bytes and back.

This module knows the layout and the sizes, not the keys: it encodes a ``VaultDocument`` as
plain JSON and decodes one, refusing anything malformed, from a newer version or not a vault at
all with a ``VaultDamaged`` message that says to restore the file from a backup. The Argon2id
cost parameters live here because every slot records the ones it was wrapped with.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from incident_desk.storage.vault_errors import VaultDamaged

__all__ = [
    "DATA_KEY_BYTES",
    "DEFAULT_KDF",
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "ID_SALT_BYTES",
    "NONCE_BYTES",
    "SALT_BYTES",
    "KdfParams",
    "Sealed",
    "Slot",
    "VaultDocument",
    "decode_document",
    "encode_document",
    "is_secret_name",
    "is_slot_id",
]

FORMAT_NAME: Final = "incident-desk-vault"
FORMAT_VERSION: Final = 1
DATA_KEY_BYTES: Final = 32

SALT_BYTES: Final = 16
NONCE_BYTES: Final = 12
ID_SALT_BYTES: Final = 32
_KEY_CHECK_BYTES: Final = 32
_WRAPPED_KEY_BYTES: Final = DATA_KEY_BYTES + 16  # the GCM tag follows the ciphertext
_SLOT_ID_RE: Final = re.compile(r"[0-9a-f]{64}")
_SECRET_NAME_RE: Final = re.compile(r"[a-z0-9][a-z0-9._-]{0,63}")


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
class Sealed:
    """AES-GCM output: the nonce and the ciphertext with its tag."""

    nonce: bytes
    ciphertext: bytes


@dataclass(frozen=True)
class Slot:
    """The data key sealed under a key derived from one secret with ``kdf`` and ``salt``."""

    kdf: KdfParams
    salt: bytes
    sealed: Sealed


@dataclass(frozen=True)
class VaultDocument:
    """Everything in the vault file; user slots are keyed by slot id, secrets by name."""

    id_salt: bytes
    key_check: bytes
    recovery: Slot
    users: Mapping[str, Slot]
    secrets: Mapping[str, Sealed]


def is_slot_id(text: str) -> bool:
    """Whether ``text`` has the shape of a user slot id (so it cannot be a name in clear)."""
    return _SLOT_ID_RE.fullmatch(text) is not None


def is_secret_name(name: str) -> bool:
    """Whether ``name`` is an acceptable label for a stored secret."""
    return _SECRET_NAME_RE.fullmatch(name) is not None


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def encode_document(document: VaultDocument) -> bytes:
    """The vault file's bytes: indented JSON with users and secrets in a stable order."""

    def slot(value: Slot) -> dict[str, object]:
        return {
            "kdf": "argon2id",
            "time_cost": value.kdf.time_cost,
            "memory_cost_kib": value.kdf.memory_cost_kib,
            "parallelism": value.kdf.parallelism,
            "salt": _b64(value.salt),
            **sealed(value.sealed),
        }

    def sealed(value: Sealed) -> dict[str, object]:
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


def decode_document(path: Path, raw: bytes) -> VaultDocument:
    """The document in the vault file's bytes; ``VaultDamaged`` names ``path`` when unusable."""
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
            if not is_secret_name(name):
                raise _MalformedError("a secret has a malformed name")
        return VaultDocument(
            id_salt=_bytes(body, "user_id_salt", ID_SALT_BYTES),
            key_check=_bytes(body, "key_check", _KEY_CHECK_BYTES),
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


def _read_sealed(raw: Mapping[str, Any], ciphertext_length: int | None) -> Sealed:
    return Sealed(
        nonce=_bytes(raw, "nonce", NONCE_BYTES),
        ciphertext=_bytes(raw, "ciphertext", ciphertext_length),
    )


def _read_slot(raw: Mapping[str, Any]) -> Slot:
    if raw.get("kdf") != "argon2id":
        raise _MalformedError("a slot names an unknown key derivation")
    try:
        kdf = KdfParams(
            _whole(raw, "time_cost"), _whole(raw, "memory_cost_kib"), _whole(raw, "parallelism")
        )
    except ValueError:
        raise _MalformedError("a slot has unusable Argon2 parameters") from None
    return Slot(kdf, _bytes(raw, "salt", SALT_BYTES), _read_sealed(raw, _WRAPPED_KEY_BYTES))
