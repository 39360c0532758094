"""The key vault on real files with real Argon2id: wrapping, rewrapping, recovery and damage."""

from __future__ import annotations

import base64
import json
import os
import re
import stat
import sys
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from incident_desk.storage.errors import StorageError
from incident_desk.storage.key_vault import (
    DEFAULT_KDF,
    DuplicateUser,
    InvalidRecoveryKey,
    KdfParams,
    KeyVault,
    UnknownUser,
    VaultDamaged,
    VaultError,
    VaultExists,
    VaultNotFound,
    WrongCredentials,
    WrongDataKey,
    generate_data_key,
    generate_recovery_key,
    normalize_recovery_key,
)

# The lightest Argon2id the library accepts, so most tests run in milliseconds.
LIGHT = KdfParams(time_cost=1, memory_cost_kib=8, parallelism=1)
USER = "Alice Ortega"
PASSPHRASE = "kestrel orbit lantern 42"
RECOVERY_SHAPE = re.compile(r"[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){12}")


@pytest.fixture
def vault_path(tmp_path: Path) -> Path:
    return tmp_path / "vault.json"


@pytest.fixture
def data_key() -> bytes:
    return generate_data_key()


@pytest.fixture
def recovery_key() -> str:
    return generate_recovery_key()


@pytest.fixture
def vault(vault_path: Path, data_key: bytes, recovery_key: str) -> KeyVault:
    return KeyVault.create(vault_path, data_key, USER, PASSPHRASE, recovery_key, LIGHT)


def read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def write_json(path: Path, body: Any) -> None:
    path.write_text(json.dumps(body), encoding="utf-8")


def snapshot(path: Path) -> tuple[bytes, int]:
    return path.read_bytes(), path.stat().st_mtime_ns


# --- creating, loading, unlocking -------------------------------------------------------------


def test_create_then_load_unlocks_to_the_same_data_key(
    vault: KeyVault, vault_path: Path, data_key: bytes
) -> None:
    assert vault.unlock(USER, PASSPHRASE) == data_key
    reloaded = KeyVault.load(vault_path)
    assert reloaded.unlock(USER, PASSPHRASE) == data_key
    assert reloaded.slot_ids() == frozenset({reloaded.user_slot_id(USER)})
    assert reloaded.has_user(USER)
    assert not reloaded.has_user("Bob")


def test_file_is_versioned_json_with_per_slot_parameters(vault_path: Path, vault: KeyVault) -> None:
    body = read_json(vault_path)
    assert body["format"] == "incident-desk-vault"
    assert body["version"] == 1
    (slot,) = body["users"].values()
    assert slot["kdf"] == "argon2id"
    assert (slot["time_cost"], slot["memory_cost_kib"], slot["parallelism"]) == (1, 8, 1)
    assert len(base64.b64decode(slot["nonce"])) == 12
    assert list(body["users"]) == [vault.user_slot_id(USER)]


def test_user_names_match_regardless_of_case_spacing_and_unicode_form(
    vault: KeyVault, data_key: bytes
) -> None:
    assert vault.unlock("  alice ORTEGA ", PASSPHRASE) == data_key
    vault.add_user("José", "second passphrase", data_key)
    decomposed = unicodedata.normalize("NFD", "JOSÉ")
    assert decomposed != "JOSÉ"
    assert vault.user_slot_id(decomposed) == vault.user_slot_id("josé")
    assert vault.unlock(decomposed, "second passphrase") == data_key


def test_passphrase_in_another_unicode_form_still_unlocks(vault: KeyVault, data_key: bytes) -> None:
    vault.set_passphrase(USER, "café au lait", data_key)
    assert vault.unlock(USER, unicodedata.normalize("NFD", "café au lait")) == data_key


def test_create_refuses_to_overwrite(
    vault: KeyVault, vault_path: Path, data_key: bytes, recovery_key: str
) -> None:
    before = snapshot(vault_path)
    with pytest.raises(VaultExists, match="already exists"):
        KeyVault.create(vault_path, data_key, "Bob", "another", recovery_key, LIGHT)
    assert snapshot(vault_path) == before


def test_create_refuses_empty_names_and_passphrases(vault_path: Path, recovery_key: str) -> None:
    with pytest.raises(VaultError, match="user name is empty"):
        KeyVault.create(vault_path, generate_data_key(), "   ", "pass", recovery_key, LIGHT)
    with pytest.raises(VaultError, match="passphrase is empty"):
        KeyVault.create(vault_path, generate_data_key(), "Al", "", recovery_key, LIGHT)
    with pytest.raises(ValueError, match="32 bytes"):
        KeyVault.create(vault_path, b"short", "Al", "pass", recovery_key, LIGHT)
    assert not vault_path.exists()


def test_wrong_passphrase_and_unknown_user_fail_alike(vault: KeyVault) -> None:
    with pytest.raises(WrongCredentials) as wrong_passphrase:
        vault.unlock(USER, "not it")
    with pytest.raises(WrongCredentials) as unknown_user:
        vault.unlock("Mallory", PASSPHRASE)
    with pytest.raises(WrongCredentials) as empty:
        vault.unlock("", "")
    assert str(wrong_passphrase.value) == "wrong user or passphrase"
    assert str(unknown_user.value) == str(wrong_passphrase.value) == str(empty.value)
    assert type(unknown_user.value) is type(wrong_passphrase.value) is WrongCredentials


def test_vault_errors_are_storage_errors() -> None:
    assert issubclass(VaultError, StorageError)
    assert issubclass(InvalidRecoveryKey, WrongCredentials)


def test_unlocking_never_writes_the_file(
    vault: KeyVault, vault_path: Path, recovery_key: str
) -> None:
    before = snapshot(vault_path)
    files_before = sorted(vault_path.parent.iterdir())
    vault.unlock(USER, PASSPHRASE)
    vault.unlock_with_recovery_key(recovery_key)
    for user, passphrase in ((USER, "wrong"), ("nobody", PASSPHRASE)):
        with pytest.raises(WrongCredentials):
            vault.unlock(user, passphrase)
    with pytest.raises(WrongCredentials):
        vault.unlock_with_recovery_key(generate_recovery_key())
    KeyVault.load(vault_path).unlock(USER, PASSPHRASE)
    assert snapshot(vault_path) == before
    assert sorted(vault_path.parent.iterdir()) == files_before


def test_default_parameters_are_argon2id_3_64mib_2(
    vault_path: Path, data_key: bytes, recovery_key: str
) -> None:
    defaults = (DEFAULT_KDF.time_cost, DEFAULT_KDF.memory_cost_kib, DEFAULT_KDF.parallelism)
    assert defaults == (3, 65536, 2)
    assert KdfParams() == DEFAULT_KDF
    vault = KeyVault.create(vault_path, data_key, USER, PASSPHRASE, recovery_key)
    for slot in (read_json(vault_path)["recovery"], *read_json(vault_path)["users"].values()):
        assert (slot["time_cost"], slot["memory_cost_kib"], slot["parallelism"]) == (3, 65536, 2)
    assert KeyVault.load(vault_path).unlock(USER, PASSPHRASE) == data_key
    assert vault.unlock_with_recovery_key(recovery_key) == data_key


@pytest.mark.parametrize(
    "bad",
    [
        {"time_cost": 0},
        {"parallelism": 0},
        {"memory_cost_kib": 7},
        {"memory_cost_kib": 15, "parallelism": 2},
        {"memory_cost_kib": 8 * 1024 * 1024},
    ],
)
def test_kdf_params_reject_unusable_values(bad: dict[str, int]) -> None:
    with pytest.raises(ValueError, match="Argon2"):
        KdfParams(**{"time_cost": 1, "memory_cost_kib": 8, "parallelism": 1, **bad})


# --- recovery key -----------------------------------------------------------------------------


def test_recovery_keys_are_crockford_groups_of_four_and_unique() -> None:
    keys = {generate_recovery_key() for _ in range(20)}
    assert len(keys) == 20
    for key in keys:
        assert RECOVERY_SHAPE.fullmatch(key), key
        assert len(normalize_recovery_key(key)) == 32


def test_recovery_key_input_is_normalised() -> None:
    key = generate_recovery_key()
    expected = normalize_recovery_key(key)
    sloppy = key.lower().replace("-", " ").replace("0", "o").replace("1", "l")
    assert normalize_recovery_key(sloppy) == expected
    assert normalize_recovery_key(key.replace("-", "").replace("1", "I")) == expected
    assert normalize_recovery_key(f"  {key.replace('-', ' – ')}\n") == expected
    assert normalize_recovery_key("0" * 52) == bytes(32)


@pytest.mark.parametrize(
    "garbage",
    [
        "",
        "hello",
        "0000-" * 12 + "000",  # one symbol short
        "0000-" * 13 + "0",  # one symbol too many
        "0000-" * 12 + "000U",  # U is not a Crockford digit
        "0000-" * 12 + "000*",
        "0000-" * 12 + "0001",  # the padding bits of the last symbol must be zero
    ],
)
def test_garbage_is_not_a_recovery_key(garbage: str) -> None:
    with pytest.raises(InvalidRecoveryKey, match="not a valid recovery key"):
        normalize_recovery_key(garbage)


def test_recovery_key_unlocks_even_when_typed_sloppily(
    vault: KeyVault, data_key: bytes, recovery_key: str
) -> None:
    typed = recovery_key.lower().replace("-", "  ").replace("0", "O").replace("1", "i")
    assert vault.unlock_with_recovery_key(typed) == data_key
    with pytest.raises(WrongCredentials, match="does not open this key vault"):
        vault.unlock_with_recovery_key(generate_recovery_key())
    with pytest.raises(InvalidRecoveryKey):
        vault.unlock_with_recovery_key("not a key")


def test_recovery_reset_sets_a_forgotten_passphrase(
    vault: KeyVault, vault_path: Path, recovery_key: str
) -> None:
    data_key = vault.unlock_with_recovery_key(recovery_key)
    vault.set_passphrase(USER, "a brand new passphrase", data_key)
    assert KeyVault.load(vault_path).unlock(USER, "a brand new passphrase") == data_key


def test_recovery_key_can_be_replaced(
    vault: KeyVault, vault_path: Path, data_key: bytes, recovery_key: str
) -> None:
    new_key = generate_recovery_key()
    vault.set_recovery_key(new_key, data_key)
    reloaded = KeyVault.load(vault_path)
    assert reloaded.unlock_with_recovery_key(new_key) == data_key
    with pytest.raises(WrongCredentials):
        reloaded.unlock_with_recovery_key(recovery_key)


# --- users and passphrases --------------------------------------------------------------------


def test_passphrase_change_rewraps_only_that_slot(
    vault: KeyVault, vault_path: Path, data_key: bytes, recovery_key: str
) -> None:
    vault.add_user("Bob", "bob's passphrase", data_key)
    before = read_json(vault_path)
    alice = vault.user_slot_id(USER)
    bob = vault.user_slot_id("Bob")

    vault.set_passphrase(USER, "new alice passphrase", data_key)

    after = read_json(vault_path)
    assert after["users"][bob] == before["users"][bob]
    assert after["recovery"] == before["recovery"]
    assert after["key_check"] == before["key_check"]
    assert after["users"][alice]["salt"] != before["users"][alice]["salt"]
    assert after["users"][alice]["nonce"] != before["users"][alice]["nonce"]
    for current in (vault, KeyVault.load(vault_path)):
        with pytest.raises(WrongCredentials):
            current.unlock(USER, PASSPHRASE)
        assert current.unlock(USER, "new alice passphrase") == data_key
        assert current.unlock("Bob", "bob's passphrase") == data_key
        assert current.unlock_with_recovery_key(recovery_key) == data_key


def test_passphrase_change_keeps_slot_parameters_unless_told(
    vault: KeyVault, vault_path: Path, data_key: bytes
) -> None:
    heavier = KdfParams(time_cost=2, memory_cost_kib=16, parallelism=1)
    vault.add_user("Bob", "bob's passphrase", data_key, heavier)
    vault.set_passphrase("Bob", "bob's second passphrase", data_key)
    bob = read_json(vault_path)["users"][vault.user_slot_id("Bob")]
    assert (bob["time_cost"], bob["memory_cost_kib"]) == (2, 16)
    vault.set_passphrase("Bob", "bob's third passphrase", data_key, LIGHT)
    bob = read_json(vault_path)["users"][vault.user_slot_id("Bob")]
    assert (bob["time_cost"], bob["memory_cost_kib"]) == (1, 8)
    assert vault.unlock("Bob", "bob's third passphrase") == data_key


def test_add_user_defaults_to_the_vaults_parameters(
    vault: KeyVault, vault_path: Path, data_key: bytes
) -> None:
    vault.add_user("Bob", "bob's passphrase", data_key)
    bob = read_json(vault_path)["users"][vault.user_slot_id("Bob")]
    assert (bob["time_cost"], bob["memory_cost_kib"], bob["parallelism"]) == (1, 8, 1)


def test_add_user_refuses_duplicates_even_in_another_case(
    vault: KeyVault, vault_path: Path, data_key: bytes
) -> None:
    before = snapshot(vault_path)
    with pytest.raises(DuplicateUser, match="already a user"):
        vault.add_user("ALICE ortega", "whatever", data_key)
    assert snapshot(vault_path) == before
    assert vault.unlock(USER, PASSPHRASE) == data_key


def test_a_wrong_data_key_cannot_create_or_rewrap_a_slot(vault: KeyVault, vault_path: Path) -> None:
    before = snapshot(vault_path)
    stranger = generate_data_key()
    with pytest.raises(WrongDataKey, match="does not belong"):
        vault.add_user("Bob", "bob's passphrase", stranger)
    with pytest.raises(WrongDataKey):
        vault.set_passphrase(USER, "new", stranger)
    with pytest.raises(WrongDataKey):
        vault.set_recovery_key(generate_recovery_key(), stranger)
    with pytest.raises(WrongDataKey):
        vault.add_user("Bob", "bob's passphrase", b"")
    assert snapshot(vault_path) == before
    assert not vault.has_user("Bob")


def test_unknown_users_cannot_be_changed_or_removed(vault: KeyVault, data_key: bytes) -> None:
    with pytest.raises(UnknownUser):
        vault.set_passphrase("Bob", "pass", data_key)
    with pytest.raises(UnknownUser):
        vault.remove_user("Bob")


def test_removed_user_can_no_longer_unlock(
    vault: KeyVault, vault_path: Path, data_key: bytes
) -> None:
    vault.add_user("Bob", "bob's passphrase", data_key)
    vault.remove_user("bob")
    reloaded = KeyVault.load(vault_path)
    assert reloaded.slot_ids() == frozenset({vault.user_slot_id(USER)})
    with pytest.raises(WrongCredentials, match="wrong user or passphrase"):
        reloaded.unlock("Bob", "bob's passphrase")
    assert reloaded.unlock(USER, PASSPHRASE) == data_key


# --- associated data binds each slot to its place --------------------------------------------


def test_a_slot_copied_onto_another_user_does_not_open(
    vault: KeyVault, vault_path: Path, data_key: bytes
) -> None:
    vault.add_user("Bob", "bob's passphrase", data_key)
    body = read_json(vault_path)
    alice, bob = vault.user_slot_id(USER), vault.user_slot_id("Bob")
    body["users"][alice] = body["users"][bob]
    write_json(vault_path, body)
    swapped = KeyVault.load(vault_path)
    with pytest.raises(WrongCredentials):
        swapped.unlock(USER, "bob's passphrase")
    assert swapped.unlock("Bob", "bob's passphrase") == data_key


def test_a_user_slot_copied_onto_the_recovery_slot_does_not_open(
    vault: KeyVault, vault_path: Path, recovery_key: str
) -> None:
    body = read_json(vault_path)
    body["recovery"] = body["users"][vault.user_slot_id(USER)]
    write_json(vault_path, body)
    with pytest.raises(WrongCredentials):
        KeyVault.load(vault_path).unlock_with_recovery_key(recovery_key)


def test_a_slot_that_opens_to_another_key_is_reported_as_damage(
    tmp_path: Path, vault: KeyVault, vault_path: Path
) -> None:
    other = KeyVault.create(
        tmp_path / "other.json", generate_data_key(), "X", "y", generate_recovery_key(), LIGHT
    )
    body = read_json(vault_path)
    body["key_check"] = read_json(other.path)["key_check"]
    write_json(vault_path, body)
    with pytest.raises(VaultDamaged, match="inconsistent"):
        KeyVault.load(vault_path).unlock(USER, PASSPHRASE)


# --- nothing entered is stored in clear ------------------------------------------------------


def test_no_name_passphrase_or_key_appears_in_the_file(
    vault: KeyVault, vault_path: Path, data_key: bytes, recovery_key: str
) -> None:
    vault.add_user("Zuleika Brandt", "plum sailor anthem", data_key)
    vault.store_secret("signing-authority", b"-----BEGIN PRIVATE KEY----- xyz", data_key)
    raw = vault_path.read_bytes()
    compact_recovery = recovery_key.replace("-", "")
    entered = [
        USER,
        "Alice",
        "Ortega",
        "Zuleika",
        "Brandt",
        PASSPHRASE,
        "kestrel",
        "plum sailor",
        recovery_key,
        compact_recovery,
        *recovery_key.split("-")[:-1],  # every full group of four
    ]
    for text in entered:
        for form in {text, text.lower(), text.casefold()}:
            assert form.encode() not in raw, form
    recovery_bytes = normalize_recovery_key(recovery_key)
    for secret in (data_key, recovery_bytes):
        for encoded in (secret, secret.hex().encode(), base64.b64encode(secret)):
            assert encoded not in raw
    assert b"BEGIN PRIVATE KEY" not in raw
    assert b"signing-authority" in raw  # a fixed internal label, allowed in clear


# --- damaged, missing and foreign files -------------------------------------------------------


def test_missing_file_says_so(tmp_path: Path) -> None:
    with pytest.raises(VaultNotFound, match="no key vault file"):
        KeyVault.load(tmp_path / "vault.json")


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: raw[: len(raw) // 2],
        lambda raw: b"",
        lambda raw: b"\xff\xfe" + raw[2:],
        lambda raw: raw.replace(b'"users"', b'"users" ]'),
    ],
    ids=["truncated", "empty", "not-utf8", "broken-json"],
)
def test_unreadable_file_is_damaged(vault: KeyVault, vault_path: Path, damage: Any) -> None:
    vault_path.write_bytes(damage(vault_path.read_bytes()))
    with pytest.raises(VaultDamaged) as caught:
        KeyVault.load(vault_path)
    message = str(caught.value)
    assert str(vault_path) in message
    assert "damaged" in message
    assert "restore it from a backup" in message


def edit(body: dict[str, Any], change: str) -> None:
    slot = next(iter(body["users"].values()))
    if change == "no-users":
        del body["users"]
    elif change == "bad-base64":
        slot["ciphertext"] = "not*base64"
    elif change == "short-nonce":
        slot["nonce"] = base64.b64encode(b"123").decode()
    elif change == "short-ciphertext":
        slot["ciphertext"] = base64.b64encode(b"x" * 20).decode()
    elif change == "kdf-name":
        slot["kdf"] = "scrypt"
    elif change == "kdf-type":
        slot["time_cost"] = "3"
    elif change == "kdf-bool":
        slot["parallelism"] = True
    elif change == "kdf-huge":
        slot["memory_cost_kib"] = 2**40
    elif change == "slot-id":
        body["users"]["Alice"] = slot
    elif change == "old-version":
        body["version"] = 0
    elif change == "salt-missing":
        del body["user_id_salt"]


@pytest.mark.parametrize(
    "change",
    [
        "no-users",
        "bad-base64",
        "short-nonce",
        "short-ciphertext",
        "kdf-name",
        "kdf-type",
        "kdf-bool",
        "kdf-huge",
        "slot-id",
        "old-version",
        "salt-missing",
    ],
)
def test_malformed_content_is_damaged(vault: KeyVault, vault_path: Path, change: str) -> None:
    body = read_json(vault_path)
    edit(body, change)
    write_json(vault_path, body)
    with pytest.raises(VaultDamaged, match=r"is damaged \(.+\); restore it from a backup"):
        KeyVault.load(vault_path)


def test_a_foreign_file_is_not_a_vault(vault_path: Path) -> None:
    write_json(vault_path, {"hello": "world"})
    with pytest.raises(VaultDamaged, match="not an Incident Desk key vault"):
        KeyVault.load(vault_path)
    write_json(vault_path, [1, 2, 3])
    with pytest.raises(VaultDamaged, match="not an Incident Desk key vault"):
        KeyVault.load(vault_path)


def test_a_newer_format_asks_for_an_update(vault: KeyVault, vault_path: Path) -> None:
    body = read_json(vault_path)
    body["version"] = 2
    write_json(vault_path, body)
    with pytest.raises(VaultDamaged, match="newer version of Incident Desk; update"):
        KeyVault.load(vault_path)


def test_a_garbled_ciphertext_only_fails_that_slot(vault: KeyVault, vault_path: Path) -> None:
    body = read_json(vault_path)
    slot = body["users"][vault.user_slot_id(USER)]
    wrapped = bytearray(base64.b64decode(slot["ciphertext"]))
    wrapped[0] ^= 1
    slot["ciphertext"] = base64.b64encode(bytes(wrapped)).decode()
    write_json(vault_path, body)
    with pytest.raises(WrongCredentials):
        KeyVault.load(vault_path).unlock(USER, PASSPHRASE)


# --- secrets under the data key ---------------------------------------------------------------


def test_secrets_round_trip_and_can_be_replaced(
    vault: KeyVault, vault_path: Path, data_key: bytes
) -> None:
    assert vault.load_secret("signing-authority", data_key) is None
    vault.store_secret("signing-authority", b"first", data_key)
    vault.store_secret("signing-authority", b"second", data_key)
    vault.store_secret("other.secret", b"", data_key)
    reloaded = KeyVault.load(vault_path)
    assert reloaded.load_secret("signing-authority", data_key) == b"second"
    assert reloaded.load_secret("other.secret", data_key) == b""
    assert reloaded.unlock(USER, PASSPHRASE) == data_key


def test_secrets_refuse_a_wrong_data_key(
    vault: KeyVault, vault_path: Path, data_key: bytes
) -> None:
    vault.store_secret("signing-authority", b"private", data_key)
    before = snapshot(vault_path)
    with pytest.raises(WrongDataKey):
        vault.load_secret("signing-authority", generate_data_key())
    with pytest.raises(WrongDataKey):
        vault.store_secret("signing-authority", b"evil", generate_data_key())
    assert snapshot(vault_path) == before


def test_a_secret_moved_to_another_name_does_not_open(
    vault: KeyVault, vault_path: Path, data_key: bytes
) -> None:
    vault.store_secret("signing-authority", b"private", data_key)
    vault.store_secret("decoy", b"public", data_key)
    body = read_json(vault_path)
    body["secrets"]["decoy"] = body["secrets"]["signing-authority"]
    write_json(vault_path, body)
    with pytest.raises(VaultDamaged, match=r"'decoy'.*cannot be decrypted"):
        KeyVault.load(vault_path).load_secret("decoy", data_key)


@pytest.mark.parametrize("name", ["", "Signing Authority", "../x", "a" * 65, "jane.doe@x"])
def test_secret_names_are_fixed_labels(vault: KeyVault, data_key: bytes, name: str) -> None:
    with pytest.raises(ValueError, match="not a valid secret name"):
        vault.store_secret(name, b"x", data_key)


# --- how the file is written ------------------------------------------------------------------


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_file_stays_private_and_no_temporary_files_remain(
    vault: KeyVault, vault_path: Path, data_key: bytes
) -> None:
    assert stat.S_IMODE(vault_path.stat().st_mode) == 0o600
    vault_path.chmod(0o644)
    vault.add_user("Bob", "bob's passphrase", data_key)
    vault.store_secret("signing-authority", b"x", data_key)
    vault.remove_user("Bob")
    assert stat.S_IMODE(vault_path.stat().st_mode) == 0o600
    assert _files_beside(vault_path) == ["vault.json", "vault.json.lock"]


def _files_beside(vault_path: Path) -> list[str]:
    """The folder's files: the vault and its lock file, which stays empty."""
    lock = vault_path.with_name("vault.json.lock")
    assert not lock.exists() or lock.stat().st_size == 0
    return sorted(p.name for p in vault_path.parent.iterdir())


def test_a_failed_save_leaves_file_and_memory_as_they_were(
    vault: KeyVault, vault_path: Path, data_key: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snapshot(vault_path)

    def refuse(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OSError, match="No space"):
        vault.add_user("Bob", "bob's passphrase", data_key)
    monkeypatch.undo()
    assert snapshot(vault_path) == before
    assert _files_beside(vault_path) == ["vault.json", "vault.json.lock"]
    assert not vault.has_user("Bob")
    vault.add_user("Bob", "bob's passphrase", data_key)
    assert KeyVault.load(vault_path).unlock("Bob", "bob's passphrase") == data_key


# --- two sessions at once ---------------------------------------------------------------------


def test_two_sessions_changing_the_vault_keep_each_others_changes(
    vault: KeyVault, vault_path: Path, data_key: bytes
) -> None:
    """A window and a command each hold the vault; neither writes back a copy without the
    other's change."""
    window, command = KeyVault.load(vault_path), KeyVault.load(vault_path)
    command.add_user("Bo Nuñez", "another long passphrase", data_key, LIGHT)
    window.store_secret("signing-authority-1", b"key one", data_key)
    command.set_passphrase(USER, "a brand new passphrase", data_key, LIGHT)
    window.store_secret("user-signing-key-2", b"key two", data_key)

    reread = KeyVault.load(vault_path)
    assert reread.unlock("Bo Nuñez", "another long passphrase") == data_key
    assert reread.unlock(USER, "a brand new passphrase") == data_key
    assert reread.load_secret("signing-authority-1", data_key) == b"key one"
    assert reread.load_secret("user-signing-key-2", data_key) == b"key two"
    # A secret stored by one session is found by the other, which read the file before it.
    assert command.load_secret("user-signing-key-2", data_key) == b"key two"


def test_a_vault_file_swapped_for_another_refuses_changes(
    vault: KeyVault, vault_path: Path, data_key: bytes, tmp_path: Path
) -> None:
    other = tmp_path / "other.json"
    KeyVault.create(other, generate_data_key(), USER, PASSPHRASE, generate_recovery_key(), LIGHT)
    vault_path.write_bytes(other.read_bytes())
    with pytest.raises(VaultDamaged, match="replaced by another one"):
        vault.store_secret("signing-authority-1", b"key", data_key)
