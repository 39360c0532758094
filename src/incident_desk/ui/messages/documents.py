"""Words of the Documents tab: choosing, previewing, signing, saving, printing and checking the
printed forms of a case (SPEC "Forms (PDF)")."""

from __future__ import annotations

CITATION = "CPP 14.7 G.8"
POLICY_QUOTE = (
    "\u201cAn Extraordinary Occurrence Report (EOR) and section one of the Sexual Offense "
    "Allegation Reporting Form shall be completed and forwarded to the appropriate facility "
    "and central office staff.\u201d "
    "\u2014 " + CITATION
)
TIME_FORMAT = "%d %b %Y %H:%M UTC"

# The whole tab.
SCREEN_ACCESSIBLE_NAME = "Documents of the case"
SCREEN_HEADING = "Documents \u2014 case {case_number}"
SCREEN_INTRO = (
    "Tick the forms to sign, look at each one before you sign it, then sign. Signing stores a "
    "copy in the record that nobody can change; a later signature makes a new copy. Any PDF can "
    "be checked at the bottom of the page."
)
LOADING = "Loading the forms\u2026"
LOAD_FAILED = "The forms could not be loaded: {error} Try again with Reload."
RELOAD = "Re&load"
WORKING = "Working\u2026"

# Choosing forms.
CHOICE_HEADING = "Forms to sign"
CHOICE_ACCESSIBLE_NAME = "Forms to sign: tick with Space, select one to preview it"
CHAIN_NODE = "{title} \u2014 one per evidence item ({count})"
CHAIN_NONE = "{title} \u2014 no evidence has been logged"
CHAIN_ITEM = "Item {item}"
CHOICE_NOTE = "All chain of evidence forms of the case are signed together."

# Signing.
SIGN = "Si&gn the ticked forms\u2026"
SIGN_NAME = "Sign and store the ticked forms"
NOTHING_TICKED = "Tick at least one form to sign."
SIGNING = "Signing and storing {total} form(s)\u2026"
SIGNED = "Signed and stored {count} document(s): {files}."
SIGN_FAILED = "Nothing more was signed: {error}"
COUNTERSIGN = "Co&unter-sign\u2026"
COUNTERSIGN_NAME = "Add your signature to the selected stored document"
COUNTERSIGNED = "You counter-signed {file}; it is stored as document #{id}."
COUNTERSIGN_FAILED = "The document was not counter-signed: {error}"
PICK_A_DOCUMENT = "Select a stored document first."

# The passphrase asked before a signature.
CONFIRM_TITLE = "Confirm your signature"
CONFIRM_INTRO = (
    "You are about to sign as {name}:\n{what}\n\n"
    "A digital signature is the same as your signature on paper. Type your passphrase to "
    "confirm it is you."
)
CONFIRM_EXPORT_WHAT = "{count} form(s) of case {case_number}"
CONFIRM_COUNTERSIGN_WHAT = "{file} (document #{id}), as its next signature"
PASSPHRASE = "&Passphrase:"
PASSPHRASE_NAME = "Your passphrase"
CONFIRM_SIGN = "&Sign"
CONFIRM_CANCEL = "Cancel"
CHECKING_PASSPHRASE = "Checking your passphrase\u2026"
ENTER_PASSPHRASE = "Type your passphrase to sign."
WRONG_PASSPHRASE = "That passphrase is not right. Nothing was signed. Try again."
PASSPHRASE_PROBLEM = "Nothing was signed: {error}"

# The preview.
PREVIEW_ACCESSIBLE_NAME = "Preview of the document"
PREVIEW_NOTHING = "Select a form or a stored document to see it here."
PREVIEW_DRAFT = "Preview, not signed: {title}{subject}"
PREVIEW_STORED = "Stored document #{id}, signed by {signers}: {file}"
PREVIEW_SUBJECT = ", item {item}"
PREVIEW_LOADING = "Drawing the preview\u2026"
PREVIEW_FAILED = "The preview could not be shown: {error}"
PAGE_OF = "Page {page} of {count}"
PAGE_NONE = "No pages"
PREVIOUS_PAGE = "Previous page"
NEXT_PAGE = "Next page"
ZOOM_IN = "Zoom in"
ZOOM_OUT = "Zoom out"
FIT_WIDTH = "Fit width"
ZOOM_LEVEL = "Zoom: {percent}%"
ZOOM_FITTED = "Zoom: page width"

# Stored documents.
STORED_HEADING = "Signed and stored"
STORED_ACCESSIBLE_NAME = "Signed documents stored in the record"
NO_STORED = "Nothing has been signed in this case yet."
COLUMNS = ("Form", "Item", "Signed by", "When", "Copy", "Version", "SHA-256")
CURRENT = "Current"
REPLACED = "Replaced by #{id}"
NO_ITEM = "\u2014"
SAVE = "Sa&ve as\u2026"
SAVE_NAME = "Save the selected stored document to a file"
SAVE_TITLE = "Save the signed document"
SAVE_FILTER = "PDF documents (*.pdf)"
SAVED = "Saved {file} to {path}."
SAVE_FAILED = "The file could not be saved: {error} Choose another place."

# Printing.
PRINT = "Pr&int\u2026"
PRINT_NAME = "Print the selected stored documents"
PRINT_CHAIN = "Print chain of evidence and &bag labels\u2026"
PRINT_CHAIN_NAME = "Print every current chain of evidence form with its bag label"
PRINT_NOTHING_CHAIN = "No chain of evidence form has been signed yet. Sign it first."
PRINTING = "Printing page {done} of {total}\u2026"
PRINTED = "Sent {pages} page(s) to the printer: {documents} document(s), {labels} bag label(s)."
PRINT_FAILED = "Printing did not finish: {error}"
PREPARING = "Preparing\u2026"

# Checking a PDF.
VERIFY_HEADING = "Check a signed PDF"
VERIFY_INTRO = (
    "Drop a PDF file here, or choose one, to check its signatures against this facility's "
    "signing authority. The file is only read."
)
VERIFY_ACCESSIBLE_NAME = "Drop a PDF here to check its signatures"
VERIFY_CHOOSE = "Chec&k a PDF file\u2026"
VERIFY_CHOOSE_NAME = "Choose a PDF file to check its signatures"
VERIFY_OPEN_TITLE = "Choose a PDF to check"
VERIFY_CHECKING = "Checking {file}\u2026"
VERIFY_NOT_A_FILE = "Only a PDF file can be checked; {name} is not one."
VERIFY_TOO_BIG = "{file} is larger than {limit} MB; it is not one of our forms."
VERIFY_READ_FAILED = "{file} could not be read: {error}"
VERIFY_FAILED = "{file} could not be checked: {error}"
VERIFY_NO_SIGNATURES = "{file} has no signatures. Nothing in it proves who made it."
VERIFY_ALL_GOOD = "{file}: all {count} signature(s) are intact and trusted."
VERIFY_BROKEN = "{file}: {count} signature(s) cannot be relied on. See below."
VERIFY_RESULTS_NAME = "Signatures found"
SIGNATURE_TITLE = "Signature {number} of {count}: {signer}"
SIGNATURE_BROKEN_TITLE = "PROBLEM \u2014 signature {number} of {count}: {signer}"
SIGNED_AT = "Signed: {moment}"
SIGNED_AT_UNKNOWN = "Signed: the time is not recorded in the signature"
INTACT_YES = "Intact: yes \u2014 the signed part has not changed since."
INTACT_NO = "Intact: NO \u2014 the signed part was changed after signing."
TRUSTED_YES = "Trusted: yes \u2014 issued by this facility's signing authority."
TRUSTED_NO = "Trusted: NO \u2014 not issued by this facility's signing authority."
CHANGES = {
    "none": "Changes after signing: none.",
    "later signatures only": "Changes after signing: only later signatures were added.",
    "other changes": "Changes after signing: YES \u2014 the file was changed after signing.",
}
PROBLEM = "What is wrong: {problem}"
UNKNOWN_SIGNER = "(signer not named)"
