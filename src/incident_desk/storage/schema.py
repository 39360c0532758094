"""Bringing a database to the current schema with Alembic, after copying the file aside.

Start-up must stay fast, so the common case (already current) is one query against
``alembic_version`` compared with ``HEAD_REVISION``; Alembic itself is imported only when a
migration is due. A test keeps ``HEAD_REVISION`` equal to the newest migration script.
"""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine, inspect, text

from incident_desk.storage.engine import checkpoint
from incident_desk.storage.errors import StorageError

KNOWN_REVISIONS = ("0001", "0002")
HEAD_REVISION = KNOWN_REVISIONS[-1]
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        row = connection.execute(text("SELECT version_num FROM alembic_version")).first()
        return None if row is None else str(row[0])


def alembic_config() -> object:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def upgrade_to_head(engine: Engine) -> None:
    from alembic import command
    from alembic.config import Config

    config = alembic_config()
    assert isinstance(config, Config)
    with engine.connect() as connection:
        # SQLite changes a table by building a new one and dropping the old (batch mode); rows
        # of other tables pointing at it would fail the drop. So references are not enforced
        # while the migrations run (SQLite takes this only outside a transaction) and are all
        # checked once before the upgrade commits.
        driver = connection.connection.dbapi_connection
        assert driver is not None
        driver.execute("PRAGMA foreign_keys = OFF")
        try:
            with connection.begin():
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").first()
                if broken is not None:
                    raise StorageError(
                        f"the upgrade would leave a {broken[0]} row pointing at a {broken[2]} "
                        "row that is not there; nothing was changed"
                    )
        finally:
            driver.execute("PRAGMA foreign_keys = ON")


def copy_aside(db_path: Path, engine: Engine, backup_dir: Path, revision: str | None) -> Path:
    """Checkpoint the WAL into the file, then copy it (still encrypted) into ``backup_dir``."""
    checkpoint(engine)
    backup_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = backup_dir / f"{db_path.stem}-before-upgrade-from-{revision or 'empty'}-{stamp}.db"
    shutil.copy2(db_path, target)
    return target


def ensure_current(db_path: Path, engine: Engine, backup_dir: Path) -> Path | None:
    """Migrate if needed. Returns the backup copy made before an upgrade, if one was."""
    revision = current_revision(engine)
    if revision == HEAD_REVISION:
        return None
    if revision is not None and revision not in KNOWN_REVISIONS:
        raise StorageError(
            "this database was written by a newer version of Incident Desk; "
            "install that version to open it"
        )
    backup = None
    if revision is not None:
        backup = copy_aside(db_path, engine, backup_dir, revision)
    upgrade_to_head(engine)
    return backup
