"""The Documents tab of a case: the printed forms previewed, signed, stored, saved, printed and
checked (SPEC "Forms (PDF)")."""
