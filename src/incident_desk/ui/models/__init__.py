"""Qt item models over frozen service snapshots (never ORM rows)."""
