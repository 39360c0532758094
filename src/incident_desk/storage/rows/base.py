"""The declarative base every ORM row derives from, with stable constraint names for migrations."""

from __future__ import annotations

from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Root of the ORM; ``metadata`` is what Alembic compares migrations against."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class AppendOnly:
    """Marker for log rows that are never updated or deleted once written.

    A correction is a new row whose ``corrects_id`` points at the row it corrects and whose
    ``correction_reason`` says why; the storage session refuses any UPDATE or DELETE of these.
    """
