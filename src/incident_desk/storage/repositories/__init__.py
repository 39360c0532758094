"""Queries over the record, one module per area. Repositories never commit; the unit of work does."""
