"""The use-cases. Each owns one transaction, writes its audit events and returns frozen snapshots."""
