"""The key vault's cryptography: Argon2id key derivation, AES-256-GCM sealing, key checks,
user slot ids, and the recovery key's text form.

Every sealed value is bound (as associated data) to the format, its kind and its id, so a slot
or secret copied onto another id no longer opens. Nothing here touches the file; that is
``vault_format`` and ``key_vault``.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import unicodedata
from typing import Final

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from incident_desk.storage.vault_errors import InvalidRecoveryKey
from incident_desk.storage.vault_format import (
    DATA_KEY_BYTES,
    FORMAT_NAME,
    FORMAT_VERSION,
    NONCE_BYTES,
    SALT_BYTES,
    KdfParams,
    Sealed,
    Slot,
)

__all__ = [
    "derive_kek",
    "generate_data_key",
    "generate_recovery_key",
    "key_check",
    "normalize_recovery_key",
    "normalize_user",
    "open_sealed",
    "passphrase_bytes",
    "seal",
    "sealing_context",
    "slot_id_for",
    "unwrap",
    "wrap",
]

_KEY_CHECK_LABEL: Final = b"incident-desk-vault key check v1"
_CROCKFORD: Final = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_RECOVERY_SYMBOLS: Final = 52  # 256 key bits plus 4 zero bits, five bits a symbol
# Dashes and spaces people paste from word processors, removed along with ASCII hyphens.
_RECOVERY_SEPARATORS: Final = re.compile(r"[\s\-\u2010-\u2015\u2212]+")


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


def normalize_user(user: str) -> str:
    """The user name as compared: trimmed, casefolded, NFC."""
    # NFC before and after casefolding: casefolding can produce decomposed sequences.
    folded = unicodedata.normalize("NFC", user.strip()).casefold()
    return unicodedata.normalize("NFC", folded)


def passphrase_bytes(passphrase: str) -> bytes:
    """The passphrase as the bytes Argon2id is given."""
    # The same passphrase typed through different keyboards or input methods must match.
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


def slot_id_for(id_salt: bytes, user: str) -> str:
    """The user's slot id: an HMAC of the normalised name, so no name is stored in clear."""
    return hmac.new(id_salt, normalize_user(user).encode("utf-8"), hashlib.sha256).hexdigest()


def key_check(data_key: bytes) -> bytes:
    """A value that tells whether a data key is the vault's, without revealing it."""
    return hmac.new(data_key, _KEY_CHECK_LABEL, hashlib.sha256).digest()


def sealing_context(kind: str, ident: str) -> bytes:
    """The associated data a value of ``kind`` under ``ident`` is sealed with."""
    # Binding version, kind and id means a slot copied onto another id no longer opens.
    return f"{FORMAT_NAME}|{FORMAT_VERSION}|{kind}|{ident}".encode()


def derive_kek(secret: bytes, salt: bytes, kdf: KdfParams) -> bytes:
    """The key-encryption key Argon2id derives from a passphrase or recovery key."""
    return hash_secret_raw(
        secret=secret,
        salt=salt,
        time_cost=kdf.time_cost,
        memory_cost=kdf.memory_cost_kib,
        parallelism=kdf.parallelism,
        hash_len=32,
        type=Type.ID,
    )


def seal(key: bytes, plaintext: bytes, aad: bytes) -> Sealed:
    """``plaintext`` encrypted and authenticated under ``key`` with a fresh nonce."""
    nonce = secrets.token_bytes(NONCE_BYTES)
    return Sealed(nonce, AESGCM(key).encrypt(nonce, plaintext, aad))


def open_sealed(key: bytes, sealed: Sealed, aad: bytes) -> bytes | None:
    """The plaintext, or None when the key or associated data is wrong or the value altered."""
    try:
        return AESGCM(key).decrypt(sealed.nonce, sealed.ciphertext, aad)
    except InvalidTag:
        return None


def wrap(secret: bytes, data_key: bytes, kdf: KdfParams, kind: str, ident: str) -> Slot:
    """A new slot holding ``data_key`` under a key derived from ``secret`` with a fresh salt."""
    salt = secrets.token_bytes(SALT_BYTES)
    return Slot(
        kdf, salt, seal(derive_kek(secret, salt, kdf), data_key, sealing_context(kind, ident))
    )


def unwrap(secret: bytes, slot: Slot, kind: str, ident: str) -> bytes | None:
    """The data key in ``slot`` if ``secret`` opens it, else None."""
    return open_sealed(
        derive_kek(secret, slot.salt, slot.kdf), slot.sealed, sealing_context(kind, ident)
    )
