"""Entry point for ``python -m incident_desk``."""

from incident_desk.cli import main

raise SystemExit(main())
