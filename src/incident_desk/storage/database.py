"""An open installation database: audited write transactions, read-only sessions, health checks."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import DatabaseError as SQLAlchemyDatabaseError
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from incident_desk.domain.audit_chain import ChainReport
from incident_desk.storage import schema
from incident_desk.storage.audit_hooks import AUDIT_INFO_KEY, AuditContext, install_audit_hooks
from incident_desk.storage.audit_log import verify_stored_chain
from incident_desk.storage.engine import (
    READ_ONLY_OPTION,
    create_sqlcipher_engine,
    integrity_problems,
)
from incident_desk.storage.errors import DatabaseDamaged, StorageError
from incident_desk.storage.unit_of_work import UnitOfWork


class AuditedSession(Session):
    """A session whose flushes write audit events and refuse changes to log entries."""


install_audit_hooks(AuditedSession)


class Database:
    """The encrypted store of one installation, open under its data key."""

    def __init__(self, path: Path, engine: Engine) -> None:
        self.path = path
        self.engine = engine
        self._writer = sessionmaker(bind=engine, class_=AuditedSession, expire_on_commit=False)
        self._reader = sessionmaker(
            bind=engine.execution_options(**{READ_ONLY_OPTION: True}),
            class_=AuditedSession,
            expire_on_commit=False,
        )

    @classmethod
    def open(cls, path: Path, data_key: bytes, backup_dir: Path | None = None) -> Database:
        """Open (creating the file if it is new) and bring the schema up to date."""
        engine = create_sqlcipher_engine(path, data_key)
        try:
            schema.ensure_current(path, engine, backup_dir or path.parent / "backups")
        except SQLAlchemyDatabaseError as error:
            engine.dispose()
            raise _storage_error(error) from error
        except BaseException:
            engine.dispose()
            raise
        return cls(path, engine)

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def write(
        self, action: str, actor_id: int | None, now: datetime, case_id: int | None = None
    ) -> Iterator[UnitOfWork]:
        """One audited transaction: everything in it commits together or not at all."""
        session = self._writer()
        session.info[AUDIT_INFO_KEY] = AuditContext(actor_id, action, now, case_id)
        try:
            with session.begin():
                yield UnitOfWork(session)
        except IntegrityError:
            raise
        except SQLAlchemyDatabaseError as error:
            raise _storage_error(error) from error
        finally:
            session.close()

    @contextmanager
    def read(self) -> Iterator[UnitOfWork]:
        """A read-only unit of work: nothing done in it is ever committed."""
        session = self._reader()
        try:
            yield UnitOfWork(session)
        except IntegrityError:
            raise
        except SQLAlchemyDatabaseError as error:
            raise _storage_error(error) from error
        finally:
            session.rollback()
            session.close()

    def verify_audit_chain(self, workers: int | None = 1) -> ChainReport:
        """Walk the audit hash chain. ``workers`` > 1 (or None: one per core, up to 4) checks a
        long trail in parallel processes; keep the default inside the GUI, which has threads."""
        try:
            return verify_stored_chain(self.engine, workers)
        except SQLAlchemyDatabaseError as error:
            raise _storage_error(error) from error
        except Exception as error:
            if _is_driver_error(error):
                raise _classified(error) from error
            raise

    def integrity_problems(self) -> list[str]:
        """Structural and page-authentication problems of the file; [] when sound."""
        try:
            return integrity_problems(self.engine)
        except SQLAlchemyDatabaseError as error:
            raise _storage_error(error) from error
        except Exception as error:
            if _is_driver_error(error):
                raise _classified(error) from error
            raise


def _is_driver_error(error: BaseException) -> bool:
    import sqlcipher3

    return isinstance(error, sqlcipher3.Error)


def _damaged_message(error: BaseException | None) -> str:
    return (
        "the database file is damaged and could not be read "
        f"({error}); restore it from the latest backup"
    )


def _storage_error(error: SQLAlchemyDatabaseError) -> StorageError:
    return _classified(error.orig)


def _classified(orig: BaseException | None) -> StorageError:
    """Turn a driver error into words a supervisor can act on; only real damage says so."""
    name = str(getattr(orig, "sqlite_errorname", ""))
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")):
        return DatabaseDamaged(_damaged_message(orig))
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return StorageError("the database is busy in another window; try again in a moment")
    if name == "SQLITE_FULL":
        return StorageError("the disk is full: free some space, then try again")
    if name.startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_IOERR", "SQLITE_PERM")):
        return StorageError(
            f"the database file cannot be written or read ({orig}); "
            "check the disk and the folder's permissions"
        )
    if not name and "not a database" in str(orig).lower():
        return DatabaseDamaged(_damaged_message(orig))
    return StorageError(f"the database could not complete the request ({orig})")
