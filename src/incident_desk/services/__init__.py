"""The use-cases: each owns one transaction, is audited, and returns frozen snapshots."""
