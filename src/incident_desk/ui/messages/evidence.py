"""Words of the evidence screens: items, hand-overs, dispositions, labels and the signature pad."""

from __future__ import annotations

from incident_desk.domain.enums import CustodyAction, EvidenceSource, Packaging, PersonRole

#: CPP 14.7 G.5.a, verbatim, shown with clean-sheet and clothing items.
POLICY_TEXT = (
    "The sheet along with the offender's clothing shall be collected as evidence and placed in "
    "a paper bag with an appropriate chain of evidence form attached."
)
POLICY_QUOTE = "\u201c{text}\u201d \u2014 CPP 14.7 G.5.a"

# The whole screen.
SCREEN_ACCESSIBLE_NAME = "Evidence and chain of custody"
SCREEN_HEADING = "Evidence and chain of custody \u2014 case {case_number}"
SCREEN_INTRO = (
    "Every bag has a number and a chain of custody. Only the person holding an item can hand it "
    "over; both people sign. Nothing is ever deleted: a mistake is corrected, and the "
    "correction is shown next to the original."
)
LOADING = "Loading the evidence\u2026"
LOAD_FAILED = "The evidence could not be loaded: {error} Try again with Reload."
NO_ITEMS = "No evidence has been logged for this case yet. Use \u201cNew item\u201d to log a bag."
RELOAD = "Re&load"
WORKING = "Working\u2026"
NEW_ITEM = "&New item\u2026"
HAND_OVER = "&Hand over\u2026"
DISPOSE = "&Release, destroy or return\u2026"
ADD_PHOTO = "Add pho&to\u2026"
PRINT_LABELS = "&Print labels\u2026"
SAVE_LABELS = "Save labels as P&DF\u2026"
PRINT_SCOPE_SELECTED = "Print the label of the selected item"
ITEMS_ACCESSIBLE_NAME = "Evidence items"
DETAIL_ACCESSIBLE_NAME = "Selected evidence item"
SELECT_AN_ITEM = "Select an item in the list, or scan its label, to see its chain of custody."

# The chain check against the audit trail.
CHAIN_CHECKING = "Checking the chain of custody against the audit trail\u2026"
CHAIN_VERIFIED = (
    "\u2714 Chain of custody verified: {rows} records match the tamper-evident audit trail."
)
CHAIN_BROKEN = "\u2716 Chain of custody NOT verified. First problem: {problem}"
CHAIN_MORE = " ({count} more problem(s) listed in the audit check.)"
CHAIN_CHECK_FAILED = "The chain of custody could not be checked: {error}"
CHAIN_STATUS_ACCESSIBLE_NAME = "Chain of custody check"

# The item table.
COLUMN_ITEM = "Item"
COLUMN_DESCRIPTION = "Description"
COLUMN_HOLDER = "Held by"
COLUMN_SINCE = "Since"
COLUMN_SEAL = "Seal"
COLUMN_STORAGE = "Stored in"
COLUMN_STATUS = "Status"
STATUS_HELD = "In custody"
STATUS_PROBLEM = "Chain broken"
ENDED_STATUS = {
    CustodyAction.RELEASED: "Released",
    CustodyAction.DESTROYED: "Destroyed",
    CustodyAction.RETURNED: "Returned",
}
NOBODY = "\u2014"

# The detail of one item.
DETAIL_HEADING = "{item_number}: {description}"
FIELD_SOURCE = "Source"
FIELD_FOUND = "Where found"
FIELD_COLLECTED = "Collected"
FIELD_COLLECTED_VALUE = "{when} by {who}"
FIELD_PACKAGING = "Packaging"
FIELD_SEAL = "Seal number"
FIELD_STORAGE = "Storage location"
FIELD_CONDITION = "Condition"
FIELD_PERSON = "From"
FIELD_HOLDER = "Held by"
FIELD_HOLDER_VALUE = "{who} since {since}"
FIELD_RECORDED = "Logged"
FIELD_RECORDED_VALUE = "{when} by {who}"
NOT_RECORDED = "Not recorded"
CHAIN_ENDED_NOTE = (
    "The chain of custody of this item has ended: {how}. Nothing more can be handed over."
)
PHOTOS_HEADING = "Photos"
NO_PHOTOS = "No photos of this item."
PHOTO_DAMAGED = "This photo could not be shown: {error}"
PHOTO_UNREADABLE = "\u201c{name}\u201d is not a picture this screen can show; it is kept as it is."

SOURCE_WORDS = {
    EvidenceSource.SCENE: "Found at the scene",
    EvidenceSource.CLEAN_SHEET: "Clean sheet (CPP 14.7 G.5.a)",
    EvidenceSource.CLOTHING: "Clothing (CPP 14.7 G.5.a)",
    EvidenceSource.PERSON: "From a person",
    EvidenceSource.OTHER: "Other",
}
PACKAGING_WORDS = {
    Packaging.PAPER_BAG: "Paper bag",
    Packaging.ENVELOPE: "Envelope",
    Packaging.BOX: "Box",
    Packaging.OTHER: "Other",
}
PERSON_ROLE_WORDS = {
    PersonRole.ALLEGED_VICTIM: "The alleged victim",
    PersonRole.ALLEGED_PERPETRATOR: "The alleged perpetrator",
    PersonRole.WITNESS: "A witness",
}

# The history of an item.
HISTORY_HEADING = "Chain of custody ({count} records)"
HISTORY_HEADING_ONE = "Chain of custody (1 record)"
HISTORY_LOADING = "Chain of custody: loading the signatures\u2026"
HISTORY_ACCESSIBLE_NAME = "Chain of custody history"
LINK_TITLE = "{number}. {action} \u2014 {when}"
LINK_COLLECTED = "Collected by {to}"
LINK_TRANSFERRED = "From {sender} to {receiver}"
LINK_ENDED = "{action} by {sender}{to}"
LINK_ENDED_TO = " to {to}"
LINK_PURPOSE = "Purpose: {purpose}"
LINK_RECORDED = "Recorded {when} by {who} (record {id})"
LINK_CORRECTION = "CORRECTION of record {original}: {reason}"
LINK_SUPERSEDED = "SUPERSEDED by record {newer}; kept as it was written."
LINK_SIGNED_BY = "Signed by {who}"
LINK_SIGNATURE_CHANGED = "\u26a0 This signature no longer matches its fingerprint."
LINK_SIGNATURE_ACCESSIBLE = "Drawn signature of {who}"
ACTION_WORDS = {
    CustodyAction.COLLECTED: "Collected",
    CustodyAction.TRANSFERRED: "Handed over",
    CustodyAction.RELEASED: "Released",
    CustodyAction.DESTROYED: "Destroyed",
    CustodyAction.RETURNED: "Returned",
}
HISTORY_PROBLEMS = "\u26a0 {problems}"

# The signature pad.
PAD_TITLE = "Signature of the {whose}"
PAD_ACCESSIBLE_NAME = "Signature pad of the {whose}"
PAD_HINT = "Sign in the box with the mouse, a pen or a finger."
PAD_SIGNED = "Signed. Use Clear to sign again."
PAD_KEYBOARD_NOTE = (
    "A drawn signature is needed here: the keyboard cannot sign. Ask the person to sign in "
    "the box with the mouse, a pen or a finger; press Tab to move on."
)
PAD_HINT_ACCESSIBLE_NAME = "What to do with the signature pad of the {whose}"
PAD_CLEAR = "Clear"
PAD_CLEAR_ACCESSIBLE_NAME = "Clear the signature of the {whose}"

# Finding and adding people.
CONTACT_SEARCH_PLACEHOLDER = "Type a name, title or agency\u2026"
CONTACT_RESULTS_NAME = "People found for {what}"
CONTACT_NONE_FOUND = "Nobody found. Check the spelling, or add the person."
CONTACT_PICKED = "Picked: {label}"
CONTACT_NOT_PICKED = (
    "Pick the {what} from the list (type part of the name, then choose), or add them as a new "
    "person. \u201c{typed}\u201d is not in the contacts list."
)
CONTACT_NOT_PICKED_EMPTY = "Pick the {what} from the list, or add them as a new person."
CONTACT_ADD = "Add a new person\u2026"
CONTACT_ADD_HEADING = "New person (someone who does not sign in)"
CONTACT_NAME = "Name"
CONTACT_AGENCY = "Agency"
CONTACT_TITLE = "Title or rank"
CONTACT_SAVE = "Add this person"
CONTACT_CANCEL = "Cancel"

# Dialogs.
SAVE = "Record"
CANCEL = "Cancel"
REQUIRED = " (required)"
SUMMARY_REFUSED = "Nothing was recorded. {text}"

NEW_ITEM_TITLE = "Log an evidence item \u2014 case {case_number}"
NEW_ITEM_INTRO = (
    "The item number is given when it is recorded. Describe the item without naming anyone: "
    "the label is seen by everyone who handles the bag."
)
ITEM_DESCRIPTION = "Description"
ITEM_SOURCE = "Source"
ITEM_FOUND = "Where found"
ITEM_COLLECTED_BY = "Collected by"
ITEM_COLLECTED_AT = "Collected at (UTC)"
ITEM_PACKAGING = "Packaging"
ITEM_SEAL = "Seal number"
ITEM_STORAGE = "Storage location"
ITEM_STORAGE_PLACEHOLDER = "e.g. Evidence locker 2"
ITEM_CONDITION = "Condition"
ITEM_PHOTOS = "Photos"
ITEM_ADD_PHOTOS = "Attach photos\u2026"
ITEM_REMOVE_PHOTO = "Remove photo"
ITEM_PHOTO_FILTER = "Pictures (*.jpg *.jpeg *.png *.heic *.tif *.tiff *.bmp);;All files (*)"
ITEM_PHOTO_READ_FAILED = "The file \u201c{name}\u201d could not be read: {error}"
ITEM_COLLECTOR_SIGNATURE = "collector"
ITEM_PHOTOS_FAILED = (
    "Item {item} was recorded, but a photo was not attached: {error} Add it again from the item."
)

TRANSFER_TITLE = "Hand over item {item_number}"
TRANSFER_FROM = "From (holds the item now)"
TRANSFER_FROM_VALUE = "{who}, since {since}"
TRANSFER_TO = "To (receives the item)"
TRANSFER_WHEN = "When (UTC)"
TRANSFER_PURPOSE = "Purpose"
TRANSFER_PURPOSE_PLACEHOLDER = "e.g. To the Kentucky State Police lab for analysis"
TRANSFER_RECEIVER_WORD = "person receiving the item"
TRANSFER_SENDER_SIGNATURE = "person handing over"
TRANSFER_RECEIVER_SIGNATURE = "person receiving"
TRANSFER_BOTH_SIGN = (
    "Both people sign in the boxes below; the hand-over is recorded only with both signatures."
)
TRANSFER_MISSING_SENDER = (
    "The person handing over has not signed yet: ask them to sign in their box."
)
TRANSFER_MISSING_RECEIVER = (
    "The person receiving has not signed yet: ask them to sign in their box."
)
TRANSFER_ENDED = "Item {item} cannot be handed over: its chain of custody has ended ({how})."

DISPOSE_TITLE = "Release, destroy or return item {item_number}"
DISPOSE_INTRO = (
    "This ends the chain of custody: nothing more can be handed over afterwards. Only the "
    "investigator records it, on the investigating authority's word."
)
DISPOSE_ACTION = "What happens to the item"
DISPOSE_TO = "Released or returned to"
DISPOSE_BY = "Handed out by (holds the item now)"
DISPOSE_WHEN = "When (UTC)"
DISPOSE_PURPOSE = "Reason"
DISPOSE_SIGNATURE = "holder"
DISPOSE_CHOICES = {
    CustodyAction.RELEASED: "Released (e.g. to the state police lab)",
    CustodyAction.DESTROYED: "Destroyed",
    CustodyAction.RETURNED: "Returned to its owner",
}
DISPOSE_CHOOSE = "Choose\u2026"
DISPOSE_CHOOSE_MISSING = "Choose whether the item is released, destroyed or returned."

# Labels.
SCAN_LABEL = "Scan or type a label:"
SCAN_PLACEHOLDER = "Item number, e.g. KSR-2026-00001-E001 (Ctrl+Shift+B)"
SCAN_ACCESSIBLE_NAME = "Scan an evidence label"
SCAN_OPEN = "Open"
SCAN_OPENED = "Opened item {item} from its label."
SCAN_OTHER_CASE = (
    "Item {item} belongs to case {case}, not to this case. Open case {case} to see it."
)
SCAN_NOT_FOUND = "{error}"
PRINT_NOTHING = "There is no item to print a label for."
PRINT_FAILED = "The labels could not be printed: {error}"
PRINTED = "{count} label(s) sent to the printer."
SAVED_LABELS = "{count} label(s) saved to {path}."
SAVE_LABELS_TITLE = "Save evidence labels"
SAVE_LABELS_FILTER = "PDF files (*.pdf)"
