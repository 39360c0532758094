"""Queries over the record, one module per area; repositories never commit, units of work do."""
