"""Initial schema: the whole record of SPEC.md.

Revision ID: 0001
Revises:
Create Date: 2026-11-22 12:54:48.425266
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import incident_desk.storage.column_types

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit_chain_head",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("hash", sa.LargeBinary(length=32), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_chain_head")),
    )
    op.create_table(
        "audit_event",
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=True),
        sa.Column("body", sa.LargeBinary(), nullable=False),
        sa.Column("hash", sa.LargeBinary(length=32), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_audit_event")),
    )
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.create_index("ix_audit_event_case", ["case_id", "seq"], unique=False)

    op.create_table(
        "facility",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("agency_name", sa.String(length=200), nullable=False),
        sa.Column("address", sa.Text(), nullable=False),
        sa.Column("head_title", sa.String(length=100), nullable=False),
        sa.Column("created_at", incident_desk.storage.column_types.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_facility")),
        sa.UniqueConstraint("code", name=op.f("uq_facility_code")),
    )
    op.create_table(
        "signing_authority",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("facility_id", sa.Integer(), nullable=False),
        sa.Column("subject", sa.String(length=300), nullable=False),
        sa.Column("certificate_der", sa.LargeBinary(), nullable=True),
        sa.Column("vault_secret_name", sa.String(length=80), nullable=False),
        sa.Column("imported", sa.Boolean(), nullable=False),
        sa.Column("created_at", incident_desk.storage.column_types.UTCDateTime(), nullable=False),
        sa.Column("retired_at", incident_desk.storage.column_types.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["facility_id"], ["facility.id"], name=op.f("fk_signing_authority_facility_id_facility")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_signing_authority")),
    )
    with op.batch_alter_table("signing_authority", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_signing_authority_facility_id"), ["facility_id"], unique=False
        )

    op.create_table(
        "user_account",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=80), nullable=False),
        sa.Column("display_name", sa.String(length=200), nullable=False),
        sa.Column(
            "role",
            sa.Enum(
                "first_responder",
                "shift_supervisor",
                "medical",
                "investigator",
                "warden",
                "prea_compliance_manager",
                "administrator",
                name="role",
                native_enum=False,
                create_constraint=True,
                length=40,
            ),
            nullable=False,
        ),
        sa.Column("facility_id", sa.Integer(), nullable=True),
        sa.Column("title", sa.String(length=100), nullable=False),
        sa.Column("badge_number", sa.String(length=40), nullable=False),
        sa.Column("vault_slot_id", sa.String(length=64), nullable=False),
        sa.Column("disabled", sa.Boolean(), nullable=False),
        sa.Column("disabled_reason", sa.Text(), nullable=False),
        sa.Column("created_at", incident_desk.storage.column_types.UTCDateTime(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["user_account.id"],
            name=op.f("fk_user_account_created_by_id_user_account"),
        ),
        sa.ForeignKeyConstraint(
            ["facility_id"], ["facility.id"], name=op.f("fk_user_account_facility_id_facility")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_user_account")),
        sa.UniqueConstraint("username", name=op.f("uq_user_account_username")),
        sa.UniqueConstraint("vault_slot_id", name=op.f("uq_user_account_vault_slot_id")),
    )
    with op.batch_alter_table("user_account", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_user_account_facility_id"), ["facility_id"], unique=False
        )

    op.create_table(
        "case_file",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_number", sa.String(length=40), nullable=False),
        sa.Column("facility_id", sa.Integer(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "open",
                "first_response",
                "under_investigation",
                "closed",
                name="casestatus",
                native_enum=False,
                create_constraint=True,
                length=40,
            ),
            nullable=False,
        ),
        sa.Column("location", sa.String(length=300), nullable=False),
        sa.Column(
            "location_type",
            sa.Enum(
                "cell",
                "shower",
                "dayroom",
                "dormitory",
                "yard",
                "kitchen",
                "workplace",
                "medical",
                "office",
                "vehicle",
                "visiting",
                "other",
                "unknown",
                name="locationtype",
                native_enum=False,
                create_constraint=True,
                length=40,
            ),
            nullable=False,
        ),
        sa.Column("received_at", incident_desk.storage.column_types.UTCDateTime(), nullable=False),
        sa.Column(
            "received_how",
            sa.Enum(
                "verbal",
                "written",
                "hotline",
                "third_party",
                "anonymous",
                "staff_observation",
                name="receivedhow",
                native_enum=False,
                create_constraint=True,
                length=40,
            ),
            nullable=False,
        ),
        sa.Column("received_by_id", sa.Integer(), nullable=False),
        sa.Column("reported_by", sa.String(length=200), nullable=False),
        sa.Column("incident_at", incident_desk.storage.column_types.UTCDateTime(), nullable=True),
        sa.Column(
            "incident_certainty",
            sa.Enum(
                "exact",
                "approximate",
                "unknown",
                name="timecertainty",
                native_enum=False,
                create_constraint=True,
                length=40,
            ),
            nullable=False,
        ),
        sa.Column("incident_margin_minutes", sa.Integer(), nullable=False),
        sa.Column("occurred_elsewhere", sa.Boolean(), nullable=False),
        sa.Column("other_facility_name", sa.String(length=200), nullable=False),
        sa.Column(
            "allegation_type",
            sa.Enum(
                "offender_nonconsensual_sexual_acts",
                "offender_abusive_sexual_contact",
                "offender_sexual_harassment",
                "staff_sexual_misconduct",
                "staff_sexual_harassment",
                name="allegationtype",
                native_enum=False,
                create_constraint=True,
                length=40,
            ),
            nullable=False,
        ),
        sa.Column("narrative", sa.Text(), nullable=False),
        sa.Column("imminent_risk", sa.Boolean(), nullable=False),
        sa.Column("protective_action", sa.Text(), nullable=False),
        sa.Column("victim_safe", sa.Boolean(), nullable=True),
        sa.Column("protocol_version", sa.String(length=20), nullable=False),
        sa.Column("closed_at", incident_desk.storage.column_types.UTCDateTime(), nullable=True),
        sa.Column("created_at", incident_desk.storage.column_types.UTCDateTime(), nullable=False),
        sa.Column("updated_at", incident_desk.storage.column_types.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["facility_id"], ["facility.id"], name=op.f("fk_case_file_facility_id_facility")
        ),
        sa.ForeignKeyConstraint(
            ["received_by_id"],
            ["user_account.id"],
            name=op.f("fk_case_file_received_by_id_user_account"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_file")),
        sa.UniqueConstraint("case_number", name=op.f("uq_case_file_case_number")),
    )
    with op.batch_alter_table("case_file", schema=None) as batch_op:
        batch_op.create_index(
            "ix_case_file_facility_received", ["facility_id", "received_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_case_file_received_at"), ["received_at"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_case_file_received_by_id"), ["received_by_id"], unique=False
        )
        batch_op.create_index(
            "ix_case_file_status_received", ["status", "received_at"], unique=False
        )

    op.create_table(
        "contact",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("agency", sa.String(length=200), nullable=False),
        sa.Column("title", sa.String(length=100), nullable=False),
        sa.Column("phone", sa.String(length=60), nullable=False),
        sa.Column("email", sa.String(length=200), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("facility_id", sa.Integer(), nullable=True),
        sa.Column("created_at", incident_desk.storage.column_types.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["facility_id"], ["facility.id"], name=op.f("fk_contact_facility_id_facility")
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["user_account.id"], name=op.f("fk_contact_user_id_user_account")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contact")),
        sa.UniqueConstraint("user_id", name=op.f("uq_contact_user_id")),
    )
    with op.batch_alter_table("contact", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_contact_facility_id"), ["facility_id"], unique=False)

    op.create_table(
        "setting",
        sa.Column("key", sa.String(length=80), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("updated_at", incident_desk.storage.column_types.UTCDateTime(), nullable=False),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["updated_by_id"],
            ["user_account.id"],
            name=op.f("fk_setting_updated_by_id_user_account"),
        ),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_setting")),
    )
    op.create_table(
        "user_certificate",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("authority_id", sa.Integer(), nullable=True),
        sa.Column("certificate_der", sa.LargeBinary(), nullable=False),
        sa.Column("vault_secret_name", sa.String(length=80), nullable=False),
        sa.Column("serial_number", sa.String(length=80), nullable=False),
        sa.Column("not_before", incident_desk.storage.column_types.UTCDateTime(), nullable=False),
        sa.Column("not_after", incident_desk.storage.column_types.UTCDateTime(), nullable=False),
        sa.Column("revoked_at", incident_desk.storage.column_types.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["authority_id"],
            ["signing_authority.id"],
            name=op.f("fk_user_certificate_authority_id_signing_authority"),
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["user_account.id"], name=op.f("fk_user_certificate_user_id_user_account")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_user_certificate")),
    )
    with op.batch_alter_table("user_certificate", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_user_certificate_user_id"), ["user_id"], unique=False)

    op.create_table(
        "case_assignment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("duty", sa.String(length=40), nullable=False),
        sa.Column("assigned_at", incident_desk.storage.column_types.UTCDateTime(), nullable=False),
        sa.Column("assigned_by_id", sa.Integer(), nullable=True),
        sa.Column("ended_at", incident_desk.storage.column_types.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["assigned_by_id"],
            ["user_account.id"],
            name=op.f("fk_case_assignment_assigned_by_id_user_account"),
        ),
        sa.ForeignKeyConstraint(
            ["case_id"], ["case_file.id"], name=op.f("fk_case_assignment_case_id_case_file")
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["user_account.id"], name=op.f("fk_case_assignment_user_id_user_account")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_assignment")),
        sa.UniqueConstraint("case_id", "user_id", "duty", name=op.f("uq_case_assignment_case_id")),
    )
    with op.batch_alter_table("case_assignment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_assignment_case_id"), ["case_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_case_assignment_user_id"), ["user_id"], unique=False)

    op.create_table(
        "case_note",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("written_at", incident_desk.storage.column_types.UTCDateTime(), nullable=False),
        sa.Column("written_by_id", sa.Integer(), nullable=False),
        sa.Column("corrects_id", sa.Integer(), nullable=True),
        sa.Column("correction_reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["case_file.id"], name=op.f("fk_case_note_case_id_case_file")
        ),
        sa.ForeignKeyConstraint(
            ["corrects_id"], ["case_note.id"], name=op.f("fk_case_note_corrects_id_case_note")
        ),
        sa.ForeignKeyConstraint(
            ["written_by_id"],
            ["user_account.id"],
            name=op.f("fk_case_note_written_by_id_user_account"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_note")),
    )
    with op.batch_alter_table("case_note", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_note_case_id"), ["case_id"], unique=False)

    op.create_table(
        "case_person",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column(
            "role",
            sa.Enum(
                "alleged_victim",
                "alleged_perpetrator",
                "witness",
                name="personrole",
                native_enum=False,
                create_constraint=True,
                length=40,
            ),
            nullable=False,
        ),
        sa.Column(
            "kind",
            sa.Enum(
                "offender",
                "staff",
                "contractor",
                "volunteer",
                "visitor",
                "other",
                name="personkind",
                native_enum=False,
                create_constraint=True,
                length=40,
            ),
            nullable=False,
        ),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("identifier", sa.String(length=60), nullable=False),
        sa.Column("housing_unit", sa.String(length=100), nullable=False),
        sa.Column(
            "sex",
            sa.Enum(
                "male",
                "female",
                "intersex",
                "unknown",
                name="sex",
                native_enum=False,
                create_constraint=True,
                length=40,
            ),
            nullable=False,
        ),
        sa.Column("gender_identity", sa.String(length=60), nullable=False),
        sa.Column("birth_year", sa.Integer(), nullable=True),
        sa.Column("race", sa.String(length=60), nullable=False),
        sa.Column("hispanic", sa.Boolean(), nullable=True),
        sa.Column(
            "injury",
            sa.Enum(
                "none",
                "minor",
                "serious",
                "unknown",
                name="injury",
                native_enum=False,
                create_constraint=True,
                length=40,
            ),
            nullable=False,
        ),
        sa.Column("sanction", sa.Text(), nullable=False),
        sa.Column("created_at", incident_desk.storage.column_types.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["case_file.id"], name=op.f("fk_case_person_case_id_case_file")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_person")),
    )
    with op.batch_alter_table("case_person", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_person_case_id"), ["case_id"], unique=False)

    op.create_table(
        "incident_review",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("held_at", incident_desk.storage.column_types.UTCDateTime(), nullable=True),
        sa.Column("team", sa.Text(), nullable=False),
        sa.Column("policy_revision_needed", sa.Text(), nullable=False),
        sa.Column("motivation_considered", sa.Text(), nullable=False),
        sa.Column("physical_barriers", sa.Text(), nullable=False),
        sa.Column("staffing_levels", sa.Text(), nullable=False),
        sa.Column("monitoring_technology", sa.Text(), nullable=False),
        sa.Column("recommendations", sa.Text(), nullable=False),
        sa.Column("implementation", sa.Text(), nullable=False),
        sa.Column("reasons_not_implemented", sa.Text(), nullable=False),
        sa.Column("submitted_at", incident_desk.storage.column_types.UTCDateTime(), nullable=True),
        sa.Column("recorded_by_id", sa.Integer(), nullable=False),
        sa.Column("updated_at", incident_desk.storage.column_types.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["case_file.id"], name=op.f("fk_incident_review_case_id_case_file")
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"],
            ["user_account.id"],
            name=op.f("fk_incident_review_recorded_by_id_user_account"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incident_review")),
        sa.UniqueConstraint("case_id", name=op.f("uq_incident_review_case_id")),
    )
    op.create_table(
        "investigation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("investigator_id", sa.Integer(), nullable=True),
        sa.Column("started_at", incident_desk.storage.column_types.UTCDateTime(), nullable=False),
        sa.Column("criminal_referral", sa.Boolean(), nullable=False),
        sa.Column("referred_at", incident_desk.storage.column_types.UTCDateTime(), nullable=True),
        sa.Column("referral_agency", sa.String(length=200), nullable=False),
        sa.Column("concluded_at", incident_desk.storage.column_types.UTCDateTime(), nullable=True),
        sa.Column(
            "finding",
            sa.Enum(
                "substantiated",
                "unsubstantiated",
                "unfounded",
                name="finding",
                native_enum=False,
                create_constraint=True,
                length=40,
            ),
            nullable=True,
        ),
        sa.Column("staff_actions_contributed", sa.Boolean(), nullable=True),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("updated_at", incident_desk.storage.column_types.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["case_file.id"], name=op.f("fk_investigation_case_id_case_file")
        ),
        sa.ForeignKeyConstraint(
            ["investigator_id"],
            ["user_account.id"],
            name=op.f("fk_investigation_investigator_id_user_account"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_investigation")),
        sa.UniqueConstraint("case_id", name=op.f("uq_investigation_case_id")),
    )
    with op.batch_alter_table("investigation", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_investigation_investigator_id"), ["investigator_id"], unique=False
        )

    op.create_table(
        "notification",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "warden",
                "investigator",
                "state_police",
                "victim_advocate",
                "other_facility_head",
                "shift_supervisor",
                "central_office",
                name="notificationkind",
                native_enum=False,
                create_constraint=True,
                length=40,
            ),
            nullable=False,
        ),
        sa.Column("contact_id", sa.Integer(), nullable=True),
        sa.Column("person_name", sa.String(length=200), nullable=False),
        sa.Column(
            "method",
            sa.Enum(
                "in_person",
                "phone",
                "radio",
                "email",
                "written",
                "other",
                name="notificationmethod",
                native_enum=False,
                create_constraint=True,
                length=40,
            ),
            nullable=False,
        ),
        sa.Column("notified_at", incident_desk.storage.column_types.UTCDateTime(), nullable=False),
        sa.Column(
            "advocate_status",
            sa.Enum(
                "offered",
                "declined",
                "requested",
                "contacted",
                name="advocatestatus",
                native_enum=False,
                create_constraint=True,
                length=40,
            ),
            nullable=True,
        ),
        sa.Column("other_facility_name", sa.String(length=200), nullable=False),
        sa.Column("reference", sa.String(length=100), nullable=False),
        sa.Column("details", sa.Text(), nullable=False),
        sa.Column("recorded_by_id", sa.Integer(), nullable=False),
        sa.Column("recorded_at", incident_desk.storage.column_types.UTCDateTime(), nullable=False),
        sa.Column("corrects_id", sa.Integer(), nullable=True),
        sa.Column("correction_reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["case_file.id"], name=op.f("fk_notification_case_id_case_file")
        ),
        sa.ForeignKeyConstraint(
            ["contact_id"], ["contact.id"], name=op.f("fk_notification_contact_id_contact")
        ),
        sa.ForeignKeyConstraint(
            ["corrects_id"],
            ["notification.id"],
            name=op.f("fk_notification_corrects_id_notification"),
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"],
            ["user_account.id"],
            name=op.f("fk_notification_recorded_by_id_user_account"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notification")),
    )
    with op.batch_alter_table("notification", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_notification_case_id"), ["case_id"], unique=False)

    op.create_table(
        "scene",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("location", sa.String(length=300), nullable=False),
        sa.Column("secured", sa.Boolean(), nullable=False),
        sa.Column("secured_at", incident_desk.storage.column_types.UTCDateTime(), nullable=True),
        sa.Column("secured_by_id", sa.Integer(), nullable=True),
        sa.Column("cannot_secure_reason", sa.Text(), nullable=False),
        sa.Column("photographed", sa.Boolean(), nullable=False),
        sa.Column("videotaped", sa.Boolean(), nullable=False),
        sa.Column("evidence_collected", sa.Boolean(), nullable=False),
        sa.Column("recorded_by_id", sa.Integer(), nullable=False),
        sa.Column("recorded_at", incident_desk.storage.column_types.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["case_file.id"], name=op.f("fk_scene_case_id_case_file")
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"],
            ["user_account.id"],
            name=op.f("fk_scene_recorded_by_id_user_account"),
        ),
        sa.ForeignKeyConstraint(
            ["secured_by_id"], ["user_account.id"], name=op.f("fk_scene_secured_by_id_user_account")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_scene")),
    )
    with op.batch_alter_table("scene", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_scene_case_id"), ["case_id"], unique=False)

    op.create_table(
        "separation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column(
            "method",
            sa.Enum(
                "segregate_victim",
                "segregate_perpetrator",
                "segregate_both",
                "other_effective_means",
                name="separationmethod",
                native_enum=False,
                create_constraint=True,
                length=40,
            ),
            nullable=False,
        ),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("separated_at", incident_desk.storage.column_types.UTCDateTime(), nullable=False),
        sa.Column("recorded_by_id", sa.Integer(), nullable=False),
        sa.Column("recorded_at", incident_desk.storage.column_types.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["case_file.id"], name=op.f("fk_separation_case_id_case_file")
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"],
            ["user_account.id"],
            name=op.f("fk_separation_recorded_by_id_user_account"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_separation")),
    )
    with op.batch_alter_table("separation", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_separation_case_id"), ["case_id"], unique=False)

    op.create_table(
        "signature",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("strokes_json", sa.Text(), nullable=False),
        sa.Column("width", sa.Integer(), nullable=False),
        sa.Column("height", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("captured_at", incident_desk.storage.column_types.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["contact_id"], ["contact.id"], name=op.f("fk_signature_contact_id_contact")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_signature")),
    )
    with op.batch_alter_table("signature", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_signature_contact_id"), ["contact_id"], unique=False)

    op.create_table(
        "staff_complaint",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=True),
        sa.Column("facility_id", sa.Integer(), nullable=False),
        sa.Column("complainant_name", sa.String(length=200), nullable=False),
        sa.Column("staff_member_name", sa.String(length=200), nullable=False),
        sa.Column("received_at", incident_desk.storage.column_types.UTCDateTime(), nullable=False),
        sa.Column("supervisor_id", sa.Integer(), nullable=False),
        sa.Column("written_by_complainant", sa.Boolean(), nullable=False),
        sa.Column("refusal_documented", sa.Boolean(), nullable=False),
        sa.Column("supervisor_account", sa.Text(), nullable=False),
        sa.Column(
            "complainant_confirmed_at",
            incident_desk.storage.column_types.UTCDateTime(),
            nullable=True,
        ),
        sa.Column("reported_to", sa.String(length=200), nullable=False),
        sa.Column("reported_at", incident_desk.storage.column_types.UTCDateTime(), nullable=True),
        sa.Column("updated_at", incident_desk.storage.column_types.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["case_file.id"], name=op.f("fk_staff_complaint_case_id_case_file")
        ),
        sa.ForeignKeyConstraint(
            ["facility_id"], ["facility.id"], name=op.f("fk_staff_complaint_facility_id_facility")
        ),
        sa.ForeignKeyConstraint(
            ["supervisor_id"],
            ["user_account.id"],
            name=op.f("fk_staff_complaint_supervisor_id_user_account"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_complaint")),
    )
    with op.batch_alter_table("staff_complaint", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_staff_complaint_case_id"), ["case_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_staff_complaint_facility_id"), ["facility_id"], unique=False
        )

    op.create_table(
        "step_field_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("step_key", sa.String(length=60), nullable=False),
        sa.Column("field_key", sa.String(length=60), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("entered_at", incident_desk.storage.column_types.UTCDateTime(), nullable=False),
        sa.Column("entered_by_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["case_file.id"], name=op.f("fk_step_field_entry_case_id_case_file")
        ),
        sa.ForeignKeyConstraint(
            ["entered_by_id"],
            ["user_account.id"],
            name=op.f("fk_step_field_entry_entered_by_id_user_account"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_step_field_entry")),
    )
    with op.batch_alter_table("step_field_entry", schema=None) as batch_op:
        batch_op.create_index(
            "ix_step_field_entry_case_step", ["case_id", "step_key", "field_key"], unique=False
        )

    op.create_table(
        "step_record",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("step_key", sa.String(length=60), nullable=False),
        sa.Column(
            "state",
            sa.Enum(
                "pending",
                "done",
                "not_applicable",
                name="stepstate",
                native_enum=False,
                create_constraint=True,
                length=40,
            ),
            nullable=False,
        ),
        sa.Column("values_json", sa.Text(), nullable=False),
        sa.Column("not_applicable_reason", sa.Text(), nullable=False),
        sa.Column("occurred_at", incident_desk.storage.column_types.UTCDateTime(), nullable=False),
        sa.Column("recorded_at", incident_desk.storage.column_types.UTCDateTime(), nullable=False),
        sa.Column("recorded_by_id", sa.Integer(), nullable=False),
        sa.Column("late_entry_reason", sa.Text(), nullable=False),
        sa.Column("protocol_version", sa.String(length=20), nullable=False),
        sa.Column("corrects_id", sa.Integer(), nullable=True),
        sa.Column("correction_reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["case_file.id"], name=op.f("fk_step_record_case_id_case_file")
        ),
        sa.ForeignKeyConstraint(
            ["corrects_id"], ["step_record.id"], name=op.f("fk_step_record_corrects_id_step_record")
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"],
            ["user_account.id"],
            name=op.f("fk_step_record_recorded_by_id_user_account"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_step_record")),
    )
    with op.batch_alter_table("step_record", schema=None) as batch_op:
        batch_op.create_index("ix_step_record_case_step", ["case_id", "step_key"], unique=False)

    op.create_table(
        "dry_cell_placement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("case_person_id", sa.Integer(), nullable=False),
        sa.Column("cell", sa.String(length=100), nullable=False),
        sa.Column("placed_at", incident_desk.storage.column_types.UTCDateTime(), nullable=False),
        sa.Column("placed_by_id", sa.Integer(), nullable=False),
        sa.Column("strip_searched", sa.Boolean(), nullable=False),
        sa.Column("paper_gown_issued", sa.Boolean(), nullable=False),
        sa.Column("possessions_taken", sa.Boolean(), nullable=False),
        sa.Column("released_at", incident_desk.storage.column_types.UTCDateTime(), nullable=True),
        sa.Column("released_by_id", sa.Integer(), nullable=True),
        sa.Column("release_reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["case_file.id"], name=op.f("fk_dry_cell_placement_case_id_case_file")
        ),
        sa.ForeignKeyConstraint(
            ["case_person_id"],
            ["case_person.id"],
            name=op.f("fk_dry_cell_placement_case_person_id_case_person"),
        ),
        sa.ForeignKeyConstraint(
            ["placed_by_id"],
            ["user_account.id"],
            name=op.f("fk_dry_cell_placement_placed_by_id_user_account"),
        ),
        sa.ForeignKeyConstraint(
            ["released_by_id"],
            ["user_account.id"],
            name=op.f("fk_dry_cell_placement_released_by_id_user_account"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dry_cell_placement")),
    )
    with op.batch_alter_table("dry_cell_placement", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_dry_cell_placement_case_id"), ["case_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_dry_cell_placement_case_person_id"), ["case_person_id"], unique=False
        )

    op.create_table(
        "evidence_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("item_number", sa.String(length=60), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column(
            "source",
            sa.Enum(
                "scene",
                "clean_sheet",
                "clothing",
                "person",
                "other",
                name="evidencesource",
                native_enum=False,
                create_constraint=True,
                length=40,
            ),
            nullable=False,
        ),
        sa.Column("found_location", sa.String(length=300), nullable=False),
        sa.Column("collected_by_contact_id", sa.Integer(), nullable=False),
        sa.Column("collected_at", incident_desk.storage.column_types.UTCDateTime(), nullable=False),
        sa.Column(
            "packaging",
            sa.Enum(
                "paper_bag",
                "envelope",
                "box",
                "other",
                name="packaging",
                native_enum=False,
                create_constraint=True,
                length=40,
            ),
            nullable=False,
        ),
        sa.Column("seal_number", sa.String(length=60), nullable=False),
        sa.Column("storage_location", sa.String(length=200), nullable=False),
        sa.Column("condition", sa.Text(), nullable=False),
        sa.Column("case_person_id", sa.Integer(), nullable=True),
        sa.Column("recorded_by_id", sa.Integer(), nullable=False),
        sa.Column("recorded_at", incident_desk.storage.column_types.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["case_file.id"], name=op.f("fk_evidence_item_case_id_case_file")
        ),
        sa.ForeignKeyConstraint(
            ["case_person_id"],
            ["case_person.id"],
            name=op.f("fk_evidence_item_case_person_id_case_person"),
        ),
        sa.ForeignKeyConstraint(
            ["collected_by_contact_id"],
            ["contact.id"],
            name=op.f("fk_evidence_item_collected_by_contact_id_contact"),
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"],
            ["user_account.id"],
            name=op.f("fk_evidence_item_recorded_by_id_user_account"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evidence_item")),
        sa.UniqueConstraint("case_id", "sequence", name=op.f("uq_evidence_item_case_id")),
        sa.UniqueConstraint("item_number", name=op.f("uq_evidence_item_item_number")),
    )
    with op.batch_alter_table("evidence_item", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_evidence_item_case_id"), ["case_id"], unique=False)

    op.create_table(
        "medical_record",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("case_person_id", sa.Integer(), nullable=False),
        sa.Column(
            "transport_arranged_at", incident_desk.storage.column_types.UTCDateTime(), nullable=True
        ),
        sa.Column("departed_at", incident_desk.storage.column_types.UTCDateTime(), nullable=True),
        sa.Column("destination", sa.String(length=200), nullable=False),
        sa.Column("clean_sheet_used", sa.Boolean(), nullable=True),
        sa.Column(
            "examiner_requested_at", incident_desk.storage.column_types.UTCDateTime(), nullable=True
        ),
        sa.Column(
            "examiner_type",
            sa.Enum(
                "safe",
                "sane",
                "other_qualified",
                "none_available",
                name="examinertype",
                native_enum=False,
                create_constraint=True,
                length=40,
            ),
            nullable=True,
        ),
        sa.Column("examiner_efforts", sa.Text(), nullable=False),
        sa.Column(
            "forensic_exam_consent",
            sa.Enum(
                "consented",
                "refused",
                "not_asked",
                name="consent",
                native_enum=False,
                create_constraint=True,
                length=40,
            ),
            nullable=False,
        ),
        sa.Column(
            "medical_care_consent",
            sa.Enum(
                "consented",
                "refused",
                "not_asked",
                name="consent",
                native_enum=False,
                create_constraint=True,
                length=40,
            ),
            nullable=False,
        ),
        sa.Column(
            "consent_recorded_at", incident_desk.storage.column_types.UTCDateTime(), nullable=True
        ),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("recorded_by_id", sa.Integer(), nullable=False),
        sa.Column("updated_at", incident_desk.storage.column_types.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["case_file.id"], name=op.f("fk_medical_record_case_id_case_file")
        ),
        sa.ForeignKeyConstraint(
            ["case_person_id"],
            ["case_person.id"],
            name=op.f("fk_medical_record_case_person_id_case_person"),
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"],
            ["user_account.id"],
            name=op.f("fk_medical_record_recorded_by_id_user_account"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_medical_record")),
    )
    with op.batch_alter_table("medical_record", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_medical_record_case_id"), ["case_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_medical_record_case_person_id"), ["case_person_id"], unique=False
        )

    op.create_table(
        "mental_health_evaluation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("case_person_id", sa.Integer(), nullable=False),
        sa.Column(
            "abuse_known_at", incident_desk.storage.column_types.UTCDateTime(), nullable=False
        ),
        sa.Column("attempted_at", incident_desk.storage.column_types.UTCDateTime(), nullable=True),
        sa.Column("evaluated_at", incident_desk.storage.column_types.UTCDateTime(), nullable=True),
        sa.Column("outcome", sa.Text(), nullable=False),
        sa.Column("recorded_by_id", sa.Integer(), nullable=False),
        sa.Column("updated_at", incident_desk.storage.column_types.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["case_file.id"],
            name=op.f("fk_mental_health_evaluation_case_id_case_file"),
        ),
        sa.ForeignKeyConstraint(
            ["case_person_id"],
            ["case_person.id"],
            name=op.f("fk_mental_health_evaluation_case_person_id_case_person"),
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"],
            ["user_account.id"],
            name=op.f("fk_mental_health_evaluation_recorded_by_id_user_account"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mental_health_evaluation")),
    )
    with op.batch_alter_table("mental_health_evaluation", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_mental_health_evaluation_case_id"), ["case_id"], unique=False
        )

    op.create_table(
        "person_name_token",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token", sa.String(length=100), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("case_person_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["case_file.id"], name=op.f("fk_person_name_token_case_id_case_file")
        ),
        sa.ForeignKeyConstraint(
            ["case_person_id"],
            ["case_person.id"],
            name=op.f("fk_person_name_token_case_person_id_case_person"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person_name_token")),
    )
    with op.batch_alter_table("person_name_token", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_person_name_token_case_id"), ["case_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_person_name_token_case_person_id"), ["case_person_id"], unique=False
        )
        batch_op.create_index("ix_person_name_token_token", ["token", "case_id"], unique=False)

    op.create_table(
        "preservation_instruction",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("case_person_id", sa.Integer(), nullable=False),
        sa.Column(
            "instructed_at", incident_desk.storage.column_types.UTCDateTime(), nullable=False
        ),
        sa.Column("instructed_by_id", sa.Integer(), nullable=False),
        sa.Column("how_ensured", sa.Text(), nullable=False),
        sa.Column("recorded_at", incident_desk.storage.column_types.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["case_file.id"],
            name=op.f("fk_preservation_instruction_case_id_case_file"),
        ),
        sa.ForeignKeyConstraint(
            ["case_person_id"],
            ["case_person.id"],
            name=op.f("fk_preservation_instruction_case_person_id_case_person"),
        ),
        sa.ForeignKeyConstraint(
            ["instructed_by_id"],
            ["user_account.id"],
            name=op.f("fk_preservation_instruction_instructed_by_id_user_account"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_preservation_instruction")),
    )
    with op.batch_alter_table("preservation_instruction", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_preservation_instruction_case_id"), ["case_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_preservation_instruction_case_person_id"),
            ["case_person_id"],
            unique=False,
        )

    op.create_table(
        "preservation_violation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("case_person_id", sa.Integer(), nullable=False),
        sa.Column(
            "act",
            sa.Enum(
                "washing",
                "brushing_teeth",
                "changing_clothes",
                "urinating",
                "defecating",
                "smoking",
                "drinking",
                "eating",
                name="preservationact",
                native_enum=False,
                create_constraint=True,
                length=40,
            ),
            nullable=False,
        ),
        sa.Column("occurred_at", incident_desk.storage.column_types.UTCDateTime(), nullable=False),
        sa.Column("details", sa.Text(), nullable=False),
        sa.Column("recorded_by_id", sa.Integer(), nullable=False),
        sa.Column("recorded_at", incident_desk.storage.column_types.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["case_file.id"], name=op.f("fk_preservation_violation_case_id_case_file")
        ),
        sa.ForeignKeyConstraint(
            ["case_person_id"],
            ["case_person.id"],
            name=op.f("fk_preservation_violation_case_person_id_case_person"),
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"],
            ["user_account.id"],
            name=op.f("fk_preservation_violation_recorded_by_id_user_account"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_preservation_violation")),
    )
    with op.batch_alter_table("preservation_violation", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_preservation_violation_case_id"), ["case_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_preservation_violation_case_person_id"), ["case_person_id"], unique=False
        )

    op.create_table(
        "retaliation_monitoring",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("case_person_id", sa.Integer(), nullable=False),
        sa.Column("monitor_id", sa.Integer(), nullable=True),
        sa.Column("started_at", incident_desk.storage.column_types.UTCDateTime(), nullable=False),
        sa.Column("ended_at", incident_desk.storage.column_types.UTCDateTime(), nullable=True),
        sa.Column("end_reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["case_file.id"], name=op.f("fk_retaliation_monitoring_case_id_case_file")
        ),
        sa.ForeignKeyConstraint(
            ["case_person_id"],
            ["case_person.id"],
            name=op.f("fk_retaliation_monitoring_case_person_id_case_person"),
        ),
        sa.ForeignKeyConstraint(
            ["monitor_id"],
            ["user_account.id"],
            name=op.f("fk_retaliation_monitoring_monitor_id_user_account"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_retaliation_monitoring")),
    )
    with op.batch_alter_table("retaliation_monitoring", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_retaliation_monitoring_case_id"), ["case_id"], unique=False
        )

    op.create_table(
        "scene_log_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("scene_id", sa.Integer(), nullable=False),
        sa.Column(
            "event",
            sa.Enum(
                "entered",
                "exited",
                name="sceneevent",
                native_enum=False,
                create_constraint=True,
                length=40,
            ),
            nullable=False,
        ),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column(
            "entrant_role",
            sa.Enum(
                "state_police",
                "assigned_investigator",
                "medical",
                "other",
                name="sceneentrantrole",
                native_enum=False,
                create_constraint=True,
                length=40,
            ),
            nullable=False,
        ),
        sa.Column("agency", sa.String(length=200), nullable=False),
        sa.Column("purpose", sa.Text(), nullable=False),
        sa.Column("occurred_at", incident_desk.storage.column_types.UTCDateTime(), nullable=False),
        sa.Column("entry_id", sa.Integer(), nullable=True),
        sa.Column("videotaped", sa.Boolean(), nullable=False),
        sa.Column("video_reference", sa.String(length=200), nullable=False),
        sa.Column("violation", sa.Boolean(), nullable=False),
        sa.Column("allowed_by", sa.String(length=200), nullable=False),
        sa.Column("recorded_by_id", sa.Integer(), nullable=False),
        sa.Column("recorded_at", incident_desk.storage.column_types.UTCDateTime(), nullable=False),
        sa.Column("corrects_id", sa.Integer(), nullable=True),
        sa.Column("correction_reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["contact_id"], ["contact.id"], name=op.f("fk_scene_log_entry_contact_id_contact")
        ),
        sa.ForeignKeyConstraint(
            ["corrects_id"],
            ["scene_log_entry.id"],
            name=op.f("fk_scene_log_entry_corrects_id_scene_log_entry"),
        ),
        sa.ForeignKeyConstraint(
            ["entry_id"],
            ["scene_log_entry.id"],
            name=op.f("fk_scene_log_entry_entry_id_scene_log_entry"),
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"],
            ["user_account.id"],
            name=op.f("fk_scene_log_entry_recorded_by_id_user_account"),
        ),
        sa.ForeignKeyConstraint(
            ["scene_id"], ["scene.id"], name=op.f("fk_scene_log_entry_scene_id_scene")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_scene_log_entry")),
    )
    with op.batch_alter_table("scene_log_entry", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_scene_log_entry_contact_id"), ["contact_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_scene_log_entry_scene_id"), ["scene_id"], unique=False)

    op.create_table(
        "scene_release",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("scene_id", sa.Integer(), nullable=False),
        sa.Column("released_at", incident_desk.storage.column_types.UTCDateTime(), nullable=False),
        sa.Column("released_by_id", sa.Integer(), nullable=False),
        sa.Column("authority", sa.String(length=200), nullable=False),
        sa.Column("verified_complete_by", sa.String(length=200), nullable=False),
        sa.Column(
            "verified_complete_at", incident_desk.storage.column_types.UTCDateTime(), nullable=False
        ),
        sa.Column("recorded_at", incident_desk.storage.column_types.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["released_by_id"],
            ["user_account.id"],
            name=op.f("fk_scene_release_released_by_id_user_account"),
        ),
        sa.ForeignKeyConstraint(
            ["scene_id"], ["scene.id"], name=op.f("fk_scene_release_scene_id_scene")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_scene_release")),
        sa.UniqueConstraint("scene_id", name=op.f("uq_scene_release_scene_id")),
    )
    op.create_table(
        "victim_notification",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("case_person_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "finding",
                "perpetrator_not_posted_in_unit",
                "perpetrator_not_employed",
                "perpetrator_indicted",
                "perpetrator_convicted",
                "offender_moved",
                name="victimnoticekind",
                native_enum=False,
                create_constraint=True,
                length=40,
            ),
            nullable=False,
        ),
        sa.Column("event_on", incident_desk.storage.column_types.UTCDateTime(), nullable=True),
        sa.Column("informed_at", incident_desk.storage.column_types.UTCDateTime(), nullable=False),
        sa.Column("informed_by_id", sa.Integer(), nullable=False),
        sa.Column("method", sa.String(length=60), nullable=False),
        sa.Column("details", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["case_file.id"], name=op.f("fk_victim_notification_case_id_case_file")
        ),
        sa.ForeignKeyConstraint(
            ["case_person_id"],
            ["case_person.id"],
            name=op.f("fk_victim_notification_case_person_id_case_person"),
        ),
        sa.ForeignKeyConstraint(
            ["informed_by_id"],
            ["user_account.id"],
            name=op.f("fk_victim_notification_informed_by_id_user_account"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_victim_notification")),
    )
    with op.batch_alter_table("victim_notification", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_victim_notification_case_id"), ["case_id"], unique=False
        )

    op.create_table(
        "attachment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=True),
        sa.Column(
            "kind",
            sa.Enum(
                "photo",
                "video_still",
                "video",
                "scanned_statement",
                "document",
                "other",
                name="attachmentkind",
                native_enum=False,
                create_constraint=True,
                length=40,
            ),
            nullable=False,
        ),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("media_type", sa.String(length=100), nullable=False),
        sa.Column("size_bytes", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("caption", sa.Text(), nullable=False),
        sa.Column("evidence_item_id", sa.Integer(), nullable=True),
        sa.Column("scene_id", sa.Integer(), nullable=True),
        sa.Column("taken_at", incident_desk.storage.column_types.UTCDateTime(), nullable=True),
        sa.Column("added_by_id", sa.Integer(), nullable=False),
        sa.Column("added_at", incident_desk.storage.column_types.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["added_by_id"],
            ["user_account.id"],
            name=op.f("fk_attachment_added_by_id_user_account"),
        ),
        sa.ForeignKeyConstraint(
            ["case_id"], ["case_file.id"], name=op.f("fk_attachment_case_id_case_file")
        ),
        sa.ForeignKeyConstraint(
            ["evidence_item_id"],
            ["evidence_item.id"],
            name=op.f("fk_attachment_evidence_item_id_evidence_item"),
        ),
        sa.ForeignKeyConstraint(
            ["scene_id"], ["scene.id"], name=op.f("fk_attachment_scene_id_scene")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attachment")),
    )
    with op.batch_alter_table("attachment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_attachment_case_id"), ["case_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_attachment_evidence_item_id"), ["evidence_item_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_attachment_scene_id"), ["scene_id"], unique=False)

    op.create_table(
        "custody_transfer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("evidence_item_id", sa.Integer(), nullable=False),
        sa.Column(
            "action",
            sa.Enum(
                "collected",
                "transferred",
                "released",
                "destroyed",
                "returned",
                name="custodyaction",
                native_enum=False,
                create_constraint=True,
                length=40,
            ),
            nullable=False,
        ),
        sa.Column("from_contact_id", sa.Integer(), nullable=True),
        sa.Column("to_contact_id", sa.Integer(), nullable=True),
        sa.Column(
            "transferred_at", incident_desk.storage.column_types.UTCDateTime(), nullable=False
        ),
        sa.Column("purpose", sa.Text(), nullable=False),
        sa.Column("disposition_to", sa.String(length=200), nullable=False),
        sa.Column("from_signature_id", sa.Integer(), nullable=True),
        sa.Column("to_signature_id", sa.Integer(), nullable=True),
        sa.Column("recorded_by_id", sa.Integer(), nullable=False),
        sa.Column("recorded_at", incident_desk.storage.column_types.UTCDateTime(), nullable=False),
        sa.Column("corrects_id", sa.Integer(), nullable=True),
        sa.Column("correction_reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["corrects_id"],
            ["custody_transfer.id"],
            name=op.f("fk_custody_transfer_corrects_id_custody_transfer"),
        ),
        sa.ForeignKeyConstraint(
            ["evidence_item_id"],
            ["evidence_item.id"],
            name=op.f("fk_custody_transfer_evidence_item_id_evidence_item"),
        ),
        sa.ForeignKeyConstraint(
            ["from_contact_id"],
            ["contact.id"],
            name=op.f("fk_custody_transfer_from_contact_id_contact"),
        ),
        sa.ForeignKeyConstraint(
            ["from_signature_id"],
            ["signature.id"],
            name=op.f("fk_custody_transfer_from_signature_id_signature"),
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"],
            ["user_account.id"],
            name=op.f("fk_custody_transfer_recorded_by_id_user_account"),
        ),
        sa.ForeignKeyConstraint(
            ["to_contact_id"],
            ["contact.id"],
            name=op.f("fk_custody_transfer_to_contact_id_contact"),
        ),
        sa.ForeignKeyConstraint(
            ["to_signature_id"],
            ["signature.id"],
            name=op.f("fk_custody_transfer_to_signature_id_signature"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_custody_transfer")),
    )
    with op.batch_alter_table("custody_transfer", schema=None) as batch_op:
        batch_op.create_index(
            "ix_custody_transfer_item_at", ["evidence_item_id", "transferred_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_custody_transfer_to_contact_id"), ["to_contact_id"], unique=False
        )

    op.create_table(
        "retaliation_check",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("monitoring_id", sa.Integer(), nullable=False),
        sa.Column("checked_at", incident_desk.storage.column_types.UTCDateTime(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "no_concern",
                "concern_raised",
                "retaliation_found",
                name="retaliationstatus",
                native_enum=False,
                create_constraint=True,
                length=40,
            ),
            nullable=False,
        ),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("checked_by_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["checked_by_id"],
            ["user_account.id"],
            name=op.f("fk_retaliation_check_checked_by_id_user_account"),
        ),
        sa.ForeignKeyConstraint(
            ["monitoring_id"],
            ["retaliation_monitoring.id"],
            name=op.f("fk_retaliation_check_monitoring_id_retaliation_monitoring"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_retaliation_check")),
    )
    with op.batch_alter_table("retaliation_check", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_retaliation_check_monitoring_id"), ["monitoring_id"], unique=False
        )

    op.create_table(
        "attachment_blob",
        sa.Column("attachment_id", sa.Integer(), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["attachment_id"],
            ["attachment.id"],
            name=op.f("fk_attachment_blob_attachment_id_attachment"),
        ),
        sa.PrimaryKeyConstraint("attachment_id", name=op.f("pk_attachment_blob")),
    )
    op.create_table(
        "generated_document",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("form_key", sa.String(length=60), nullable=False),
        sa.Column("form_version", sa.String(length=20), nullable=False),
        sa.Column("attachment_id", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("audit_head_hash", sa.String(length=64), nullable=False),
        sa.Column("signed_by_ids", sa.String(length=200), nullable=False),
        sa.Column("generated_at", incident_desk.storage.column_types.UTCDateTime(), nullable=False),
        sa.Column("generated_by_id", sa.Integer(), nullable=False),
        sa.Column("supersedes_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["attachment_id"],
            ["attachment.id"],
            name=op.f("fk_generated_document_attachment_id_attachment"),
        ),
        sa.ForeignKeyConstraint(
            ["case_id"], ["case_file.id"], name=op.f("fk_generated_document_case_id_case_file")
        ),
        sa.ForeignKeyConstraint(
            ["generated_by_id"],
            ["user_account.id"],
            name=op.f("fk_generated_document_generated_by_id_user_account"),
        ),
        sa.ForeignKeyConstraint(
            ["supersedes_id"],
            ["generated_document.id"],
            name=op.f("fk_generated_document_supersedes_id_generated_document"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_generated_document")),
    )
    with op.batch_alter_table("generated_document", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_generated_document_case_id"), ["case_id"], unique=False
        )

    op.create_table(
        "relationship_notice",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("facility_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "pre_existing_relationship",
                "request_visit",
                "request_write",
                "request_phone",
                "request_deposit_money",
                "gift_consent",
                name="relationshipnoticekind",
                native_enum=False,
                create_constraint=True,
                length=40,
            ),
            nullable=False,
        ),
        sa.Column("staff_name", sa.String(length=200), nullable=False),
        sa.Column("staff_user_id", sa.Integer(), nullable=True),
        sa.Column("offender_name", sa.String(length=200), nullable=False),
        sa.Column("offender_identifier", sa.String(length=60), nullable=False),
        sa.Column("relationship", sa.String(length=200), nullable=False),
        sa.Column("details", sa.Text(), nullable=False),
        sa.Column("submitted_at", incident_desk.storage.column_types.UTCDateTime(), nullable=False),
        sa.Column(
            "decision",
            sa.Enum(
                "pending",
                "approved",
                "denied",
                name="decision",
                native_enum=False,
                create_constraint=True,
                length=40,
            ),
            nullable=False,
        ),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.Column("decided_at", incident_desk.storage.column_types.UTCDateTime(), nullable=True),
        sa.Column("decision_reason", sa.Text(), nullable=False),
        sa.Column("attachment_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["attachment_id"],
            ["attachment.id"],
            name=op.f("fk_relationship_notice_attachment_id_attachment"),
        ),
        sa.ForeignKeyConstraint(
            ["decided_by_id"],
            ["user_account.id"],
            name=op.f("fk_relationship_notice_decided_by_id_user_account"),
        ),
        sa.ForeignKeyConstraint(
            ["facility_id"],
            ["facility.id"],
            name=op.f("fk_relationship_notice_facility_id_facility"),
        ),
        sa.ForeignKeyConstraint(
            ["staff_user_id"],
            ["user_account.id"],
            name=op.f("fk_relationship_notice_staff_user_id_user_account"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_relationship_notice")),
    )
    with op.batch_alter_table("relationship_notice", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_relationship_notice_facility_id"), ["facility_id"], unique=False
        )

    op.create_table(
        "staff_statement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("complaint_id", sa.Integer(), nullable=False),
        sa.Column(
            "author",
            sa.Enum(
                "complainant",
                "staff_involved",
                "witness",
                name="statementauthor",
                native_enum=False,
                create_constraint=True,
                length=40,
            ),
            nullable=False,
        ),
        sa.Column("author_name", sa.String(length=200), nullable=False),
        sa.Column("received_at", incident_desk.storage.column_types.UTCDateTime(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("attachment_id", sa.Integer(), nullable=True),
        sa.Column("recorded_by_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["attachment_id"],
            ["attachment.id"],
            name=op.f("fk_staff_statement_attachment_id_attachment"),
        ),
        sa.ForeignKeyConstraint(
            ["complaint_id"],
            ["staff_complaint.id"],
            name=op.f("fk_staff_statement_complaint_id_staff_complaint"),
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"],
            ["user_account.id"],
            name=op.f("fk_staff_statement_recorded_by_id_user_account"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_statement")),
    )
    with op.batch_alter_table("staff_statement", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_staff_statement_complaint_id"), ["complaint_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("staff_statement", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_staff_statement_complaint_id"))

    op.drop_table("staff_statement")
    with op.batch_alter_table("relationship_notice", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_relationship_notice_facility_id"))

    op.drop_table("relationship_notice")
    with op.batch_alter_table("generated_document", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_generated_document_case_id"))

    op.drop_table("generated_document")
    op.drop_table("attachment_blob")
    with op.batch_alter_table("retaliation_check", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_retaliation_check_monitoring_id"))

    op.drop_table("retaliation_check")
    with op.batch_alter_table("custody_transfer", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_custody_transfer_to_contact_id"))
        batch_op.drop_index("ix_custody_transfer_item_at")

    op.drop_table("custody_transfer")
    with op.batch_alter_table("attachment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_attachment_scene_id"))
        batch_op.drop_index(batch_op.f("ix_attachment_evidence_item_id"))
        batch_op.drop_index(batch_op.f("ix_attachment_case_id"))

    op.drop_table("attachment")
    with op.batch_alter_table("victim_notification", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_victim_notification_case_id"))

    op.drop_table("victim_notification")
    op.drop_table("scene_release")
    with op.batch_alter_table("scene_log_entry", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_scene_log_entry_scene_id"))
        batch_op.drop_index(batch_op.f("ix_scene_log_entry_contact_id"))

    op.drop_table("scene_log_entry")
    with op.batch_alter_table("retaliation_monitoring", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_retaliation_monitoring_case_id"))

    op.drop_table("retaliation_monitoring")
    with op.batch_alter_table("preservation_violation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_preservation_violation_case_person_id"))
        batch_op.drop_index(batch_op.f("ix_preservation_violation_case_id"))

    op.drop_table("preservation_violation")
    with op.batch_alter_table("preservation_instruction", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_preservation_instruction_case_person_id"))
        batch_op.drop_index(batch_op.f("ix_preservation_instruction_case_id"))

    op.drop_table("preservation_instruction")
    with op.batch_alter_table("person_name_token", schema=None) as batch_op:
        batch_op.drop_index("ix_person_name_token_token")
        batch_op.drop_index(batch_op.f("ix_person_name_token_case_person_id"))
        batch_op.drop_index(batch_op.f("ix_person_name_token_case_id"))

    op.drop_table("person_name_token")
    with op.batch_alter_table("mental_health_evaluation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mental_health_evaluation_case_id"))

    op.drop_table("mental_health_evaluation")
    with op.batch_alter_table("medical_record", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_medical_record_case_person_id"))
        batch_op.drop_index(batch_op.f("ix_medical_record_case_id"))

    op.drop_table("medical_record")
    with op.batch_alter_table("evidence_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_evidence_item_case_id"))

    op.drop_table("evidence_item")
    with op.batch_alter_table("dry_cell_placement", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_dry_cell_placement_case_person_id"))
        batch_op.drop_index(batch_op.f("ix_dry_cell_placement_case_id"))

    op.drop_table("dry_cell_placement")
    with op.batch_alter_table("step_record", schema=None) as batch_op:
        batch_op.drop_index("ix_step_record_case_step")

    op.drop_table("step_record")
    with op.batch_alter_table("step_field_entry", schema=None) as batch_op:
        batch_op.drop_index("ix_step_field_entry_case_step")

    op.drop_table("step_field_entry")
    with op.batch_alter_table("staff_complaint", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_staff_complaint_facility_id"))
        batch_op.drop_index(batch_op.f("ix_staff_complaint_case_id"))

    op.drop_table("staff_complaint")
    with op.batch_alter_table("signature", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_signature_contact_id"))

    op.drop_table("signature")
    with op.batch_alter_table("separation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_separation_case_id"))

    op.drop_table("separation")
    with op.batch_alter_table("scene", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_scene_case_id"))

    op.drop_table("scene")
    with op.batch_alter_table("notification", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_notification_case_id"))

    op.drop_table("notification")
    with op.batch_alter_table("investigation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_investigation_investigator_id"))

    op.drop_table("investigation")
    op.drop_table("incident_review")
    with op.batch_alter_table("case_person", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_person_case_id"))

    op.drop_table("case_person")
    with op.batch_alter_table("case_note", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_note_case_id"))

    op.drop_table("case_note")
    with op.batch_alter_table("case_assignment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_assignment_user_id"))
        batch_op.drop_index(batch_op.f("ix_case_assignment_case_id"))

    op.drop_table("case_assignment")
    with op.batch_alter_table("user_certificate", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_user_certificate_user_id"))

    op.drop_table("user_certificate")
    op.drop_table("setting")
    with op.batch_alter_table("contact", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contact_facility_id"))

    op.drop_table("contact")
    with op.batch_alter_table("case_file", schema=None) as batch_op:
        batch_op.drop_index("ix_case_file_status_received")
        batch_op.drop_index(batch_op.f("ix_case_file_received_by_id"))
        batch_op.drop_index(batch_op.f("ix_case_file_received_at"))
        batch_op.drop_index("ix_case_file_facility_received")

    op.drop_table("case_file")
    with op.batch_alter_table("user_account", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_user_account_facility_id"))

    op.drop_table("user_account")
    with op.batch_alter_table("signing_authority", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_signing_authority_facility_id"))

    op.drop_table("signing_authority")
    op.drop_table("facility")
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_event_case")

    op.drop_table("audit_event")
    op.drop_table("audit_chain_head")
