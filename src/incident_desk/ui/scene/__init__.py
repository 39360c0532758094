"""The crime scene screens (SPEC steps 4, 6 and 7): the scene record, the entry log, who is
inside, the release, and whether the record still matches the audit trail."""
