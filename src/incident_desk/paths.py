"""The one place that knows where things live: bundled data (source tree, wheel or frozen build)
and the user's data folder."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

DATA_DIR_ENV = "INCIDENT_DESK_DATA_DIR"
APP_NAME = "IncidentDesk"
APP_AUTHOR = "IncidentDesk"


def bundled_dir(name: str) -> Path:
    """Return the folder of bundled data ``name`` ("forms" or "resources").

    A PyInstaller build unpacks it beside the executable; a wheel carries it inside the
    package as ``_bundled/<name>``; a source checkout keeps it at the top of the tree.
    """
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root is not None:
        return Path(frozen_root) / name
    package_copy = Path(__file__).resolve().parent / "_bundled" / name
    if package_copy.is_dir():
        return package_copy
    return Path(__file__).resolve().parents[2] / name


def data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The installation's data folder: ``--data-dir``, else the environment, else the platform's."""
    if explicit:
        return Path(explicit).expanduser()
    from_env = os.environ.get(DATA_DIR_ENV)
    if from_env:
        return Path(from_env).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))


@dataclass(frozen=True)
class InstallationPaths:
    root: Path
    database: Path
    vault: Path
    signin_state: Path
    backups: Path

    @classmethod
    def at(cls, data_dir: Path) -> InstallationPaths:
        return cls(
            root=data_dir,
            database=data_dir / "incident-desk.db",
            vault=data_dir / "vault.json",
            signin_state=data_dir / "signin-state.json",
            backups=data_dir / "backups",
        )

    @property
    def signing_authority(self) -> Path:
        """The public root certificates of the signing authority, for checking signed PDFs."""
        return self.root / "signing-authority.pem"

    def exists(self) -> bool:
        return self.vault.exists() or self.database.exists()
