"""The evidence screens of a case: items, chain of custody, signatures, labels and scanning."""
