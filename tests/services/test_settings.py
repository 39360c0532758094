"""Agency settings: deadline lengths within policy, auto-lock within 1–30 minutes, size limit."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest

from incident_desk.domain.deadlines import DeadlineSettings
from incident_desk.services.errors import AccessDenied, InputRejected
from incident_desk.services.settings import (
    DEFAULT_ATTACHMENT_MAX_BYTES,
    attachment_size_limit,
    auto_lock_minutes,
    deadline_settings,
    update_attachment_size_limit,
    update_auto_lock_minutes,
    update_deadline_settings,
)
from incident_desk.services.workspace import Workspace

SignIn = Callable[[str], Workspace]


def test_defaults_are_what_installation_stored(sign_in_as: SignIn) -> None:
    workspace = sign_in_as("fr")
    assert deadline_settings(workspace) == DeadlineSettings()
    assert auto_lock_minutes(workspace) == 15
    assert attachment_size_limit(workspace) == DEFAULT_ATTACHMENT_MAX_BYTES


def test_stricter_deadlines_are_stored_and_used_at_the_next_sign_in(sign_in_as: SignIn) -> None:
    manager = sign_in_as("pcm")
    updated = update_deadline_settings(
        manager,
        {"immediate_steps": timedelta(minutes=30), "dry_cell_warning": timedelta(hours=3)},
    )
    assert updated.immediate_steps == timedelta(minutes=30)
    assert manager.deadline_settings == updated
    later = sign_in_as("sup")
    assert later.deadline_settings.immediate_steps == timedelta(minutes=30)
    assert later.deadline_settings.dry_cell_warning == timedelta(hours=3)
    assert later.deadline_settings.dry_cell == timedelta(hours=16)
    assert manager.database.verify_audit_chain().intact


def test_non_positive_unknown_and_policy_breaking_values_are_refused(sign_in_as: SignIn) -> None:
    admin = sign_in_as("admin")
    before = admin.database.verify_audit_chain().checked
    with pytest.raises(InputRejected) as refused:
        update_deadline_settings(
            admin,
            {
                "immediate_steps": timedelta(0),
                "dry_cell_warning": timedelta(minutes=-5),
                "dry_cell": timedelta(hours=20),
                "retaliation_monitoring": timedelta(days=60),
                "coffee_break": timedelta(minutes=15),
            },
        )
    by_field = {m.field: m.text for m in refused.value.messages}
    assert "must be longer than zero" in by_field["immediate_steps"]
    assert "cannot be negative" in by_field["dry_cell_warning"]
    assert "CPP 14.7 G.7" in by_field["dry_cell"]
    assert "at least 90 days" in by_field["retaliation_monitoring"]
    assert 'no setting "coffee_break"' in by_field["coffee_break"]
    assert admin.database.verify_audit_chain().checked == before
    assert deadline_settings(admin) == DeadlineSettings()


def test_only_admin_or_pcm_change_settings(sign_in_as: SignIn) -> None:
    for username in ("sup", "warden", "inv"):
        workspace = sign_in_as(username)
        with pytest.raises(AccessDenied, match="may not change deadline settings"):
            update_deadline_settings(workspace, {"immediate_steps": timedelta(minutes=30)})
        with pytest.raises(AccessDenied):
            update_auto_lock_minutes(workspace, 5)


def test_auto_lock_is_between_one_and_thirty_minutes(sign_in_as: SignIn) -> None:
    admin = sign_in_as("admin")
    assert update_auto_lock_minutes(admin, 30) == 30
    assert auto_lock_minutes(admin) == 30
    for minutes in (0, 31, 240):
        with pytest.raises(InputRejected, match="1 to 30 minutes"):
            update_auto_lock_minutes(admin, minutes)
    assert update_auto_lock_minutes(admin, 5) == 5
    assert auto_lock_minutes(sign_in_as("fr")) == 5


def test_attachment_limit_in_megabytes(sign_in_as: SignIn) -> None:
    admin = sign_in_as("admin")
    assert update_attachment_size_limit(admin, 20) == 20 * 1024 * 1024
    assert attachment_size_limit(admin) == 20 * 1024 * 1024
    with pytest.raises(InputRejected, match="from 1 to 500 MB"):
        update_attachment_size_limit(admin, 0)
