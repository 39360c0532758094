"""Each structured record a completed checklist step writes names that step entry; each stored
document keeps where its signature boxes lie.

- ``step_record_id`` (nullable, indexed, references ``step_record``) on separation,
  notification, medical_record, dry_cell_placement and scene: the step entry that wrote the row.
  Rows written before this revision, or through their own panels, have none.
- ``signature_boxes`` on generated_document: a JSON list of ``{block, page, box}``, "[]" for the
  documents stored before this revision (their places are still read from the audit trail).

Both are plain added columns: SQLite adds a nullable column with its reference in place, so
the tables are not rebuilt (a rebuild in batch mode would copy every row and lose the CHECK
constraints of the enum columns, which SQLite does not report back).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 15:50:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

LINKED_TABLES = ("separation", "notification", "medical_record", "dry_cell_placement", "scene")


def upgrade() -> None:
    for table in LINKED_TABLES:
        _add_link(table)
    op.add_column(
        "generated_document",
        sa.Column("signature_boxes", sa.Text(), server_default="[]", nullable=False),
    )


def downgrade() -> None:
    # Rebuilds the tables (batch mode) with references unchecked until the end, as
    # ``storage.schema`` runs migrations; SQLite does not report the enum CHECKs back, so the
    # rebuilt tables lack them. For development only: the application never downgrades.
    with op.batch_alter_table("generated_document", schema=None) as batch_op:
        batch_op.drop_column("signature_boxes")
    for table in reversed(LINKED_TABLES):
        op.drop_index(f"ix_{table}_step_record_id", table_name=table)
        # The reference goes with its column (SQLite reports no name for an inline one).
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("step_record_id")


def _add_link(table: str) -> None:
    constraint = f"fk_{table}_step_record_id_step_record"
    if op.get_bind().dialect.name == "sqlite":
        # A new nullable column may carry its reference inline: no rebuild of the table.
        op.execute(
            f"ALTER TABLE {table} ADD COLUMN step_record_id INTEGER "
            f"CONSTRAINT {constraint} REFERENCES step_record (id)"
        )
    else:
        op.add_column(table, sa.Column("step_record_id", sa.Integer(), nullable=True))
        op.create_foreign_key(constraint, table, "step_record", ["step_record_id"], ["id"])
    op.create_index(f"ix_{table}_step_record_id", table, ["step_record_id"], unique=False)
