"""Stored choice values as a person reads them, in one place for the screens, the timeline and
the printed forms: ``third_party`` reads "Third party", ``segregate_victim`` reads "Separate the
alleged victim". Values whose plain spelling is clear enough need no entry here."""

from __future__ import annotations

from incident_desk.domain.protocol import MULTI_CHOICE_SEPARATOR

#: Choice values whose plain spelling ("third party") is not clear enough on its own.
CHOICE_WORDS = {
    "segregate_victim": "Separate the alleged victim",
    "segregate_perpetrator": "Separate the alleged perpetrator",
    "segregate_both": "Separate both",
    "other_effective_means": "Other effective means",
    "staff_observation": "Seen by staff",
    "safe": "SAFE (sexual assault forensic examiner)",
    "sane": "SANE (sexual assault nurse examiner)",
    "other_qualified": "Other qualified medical practitioner",
    "none_available": "No SAFE or SANE available",
    "not_asked": "Not asked yet",
}


def choice_words(value: str) -> str:
    """A choice value as a person reads it: ``third_party`` becomes "Third party"."""
    return CHOICE_WORDS.get(value, value.replace("_", " ").capitalize())


def choices_words(value: str) -> str:
    """A stored multiple choice ("washing,eating") as words: "Washing, eating"."""
    chosen = [part for part in value.split(MULTI_CHOICE_SEPARATOR) if part]
    shown = [choice_words(part) for part in chosen]
    return ", ".join([shown[0], *(part.lower() for part in shown[1:])]) if shown else ""
