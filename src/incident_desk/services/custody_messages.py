"""What the evidence and chain-of-custody use-cases say to the user (CPP 14.7 G.3.b, G.5.a)."""

from __future__ import annotations

#: CPP 14.7 G.5.a, verbatim (the clean sheet and the clothing).
CLEAN_SHEET_POLICY_TEXT = (
    "The sheet along with the offender's clothing shall be collected as evidence and placed in "
    "a paper bag with an appropriate chain of evidence form attached."
)

MSG_NO_SUCH_ITEM = "There is no evidence item {item}. Check the number on the label."
MSG_NO_SUCH_LINK = "There is no custody record {link}."
MSG_PERSON_NOT_IN_CASE = (
    "Person {person} is not one of the people named in case {case}. "
    "Pick the person from the case's list."
)
MSG_CHAIN_ENDED = (
    "Item {item} was {action} on {moment}{to}. Its chain of custody has ended: "
    "nothing more can be handed over or disposed of."
)
MSG_NOT_CUSTODIAN = (
    "Item {item} is held by {custodian} (since {since}), not by {sender}. Only the person "
    "holding the item can hand it over. If the record is wrong, correct the last hand-over first."
)
MSG_TO_SELF = (
    "{name} already holds item {item}. A hand-over needs a different person to receive it."
)
MSG_NOT_A_DISPOSITION = (
    '"{action}" does not end the chain of custody. Choose released, destroyed or returned.'
)
MSG_TRANSFER_AFTER_NEXT = (
    "The corrected time, {moment}, is after the next link of the chain at {next}. "
    "A corrected time must stay between the links before and after it."
)
MSG_LINK_ALREADY_CORRECTED = (
    "Custody record {link} was already corrected by record {newer}. "
    "Correct the newest version instead."
)
MSG_LINK_CORRECTION_CHANGES_NOTHING = (
    "This correction changes nothing. Change at least one value, or cancel the correction."
)
MSG_COLLECTION_HAS_NO_SENDER = (
    "The first link records who collected the item; nobody handed it over. "
    "To change the collector, correct the receiver."
)
MSG_DISPOSITION_HAS_NO_RECEIVER = (
    'A release, destruction or return has no receiving contact. Correct "disposition to" instead.'
)
MSG_CLOTHING_DESCRIPTION = (
    "Describe piece of clothing {number}, "
    'for example "grey sweatshirt", '
    "or remove it from the list."
)
MSG_SIGNATURE_UNREADABLE = (
    "The {whose} signature could not be read ({problem}). Clear the signature box and sign again."
)
MSG_CHAIN_BREAK = (
    "Link {number} is a hand-over by {sender}, but the item was then held by {holder}. "
    "Correct one of the two links."
)
MSG_CHAIN_STARTS_WRONG = "The chain does not start with the collection of the item."
MSG_UNSIGNED = "Not signed by {whose}."

ACTION_WORDS = {
    "collected": "collected",
    "transferred": "handed over",
    "released": "released",
    "destroyed": "destroyed",
    "returned": "returned",
}
