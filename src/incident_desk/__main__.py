"""Entry point for ``python -m incident_desk`` and the frozen (PyInstaller) executable."""

import multiprocessing

from incident_desk.cli import main

if __name__ == "__main__":
    # A frozen build starts its worker processes (demo generation, audit verification) through
    # this same executable; freeze_support lets them run their task instead of the app.
    multiprocessing.freeze_support()
    raise SystemExit(main())
