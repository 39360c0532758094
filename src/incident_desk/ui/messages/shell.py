"""Words of the shell: first-run setup, sign-in and the lock screen, with the policy behind them."""

from __future__ import annotations

WINDOW_TITLE = "Incident Desk"

# CPP 14.7 J, quoted word for word: the banner every sign-in shows.
CONFIDENTIALITY_BANNER = (
    "<b>CONFIDENTIAL.</b> “All information in a report or investigation of a sexual offense "
    "shall be kept confidential except to the extent necessary to report to an appropriate "
    "supervisor, adequately investigate, provide treatment, or make security or management "
    "decisions.” (CPP 14.7 J)"
)

# --- Sign-in -------------------------------------------------------------------------------
SIGN_IN_HEADING = "Sign in"
SIGN_IN_INTRO = "Sign in with your own user name and passphrase."
LABEL_USER = "User name"
LABEL_PASSPHRASE = "Passphrase"
BUTTON_SIGN_IN = "Sign in"
BUSY_SIGNING_IN = "Unlocking the encrypted records…"
ENTER_USER = "Enter your user name."
ENTER_PASSPHRASE = "Enter your passphrase."
WRONG_CREDENTIALS = "Wrong user or passphrase. Check the user name and Caps Lock, then try again."
DATABASE_PROBLEM = "The records could not be opened. {detail} Call your administrator."
UNEXPECTED_PROBLEM = (
    "Something went wrong while signing in ({detail}). Nothing was changed. "
    "Try again; if it happens again, call your administrator."
)

# --- Setup wizard ---------------------------------------------------------------------------
SETUP_FACILITY_TITLE = "Your agency and facility"
SETUP_FACILITY_SUBTITLE = (
    "This workstation keeps the facility's sexual abuse reports, encrypted. "
    "Case numbers start with the facility code."
)
LABEL_AGENCY = "Agency name"
LABEL_FACILITY = "Facility name"
LABEL_FACILITY_CODE = "Facility code"
PLACEHOLDER_AGENCY = "for example Kentucky Department of Corrections"
PLACEHOLDER_FACILITY = "for example Kentucky State Reformatory"
PLACEHOLDER_FACILITY_CODE = "for example KSR"

SETUP_ADMIN_TITLE = "The administrator's account"
SETUP_ADMIN_SUBTITLE = (
    "The administrator adds the other users. Choose a passphrase of at least 12 characters: "
    "a short sentence is easy to remember and hard to guess."
)
LABEL_ADMIN_USER = "User name"
LABEL_ADMIN_NAME = "Full name"
LABEL_ADMIN_PASSPHRASE = "Passphrase"
LABEL_ADMIN_CONFIRM = "Passphrase again"
PLACEHOLDER_ADMIN_USER = "for example jsmith"
PASSPHRASES_DIFFER = "The two passphrases are not the same. Type the passphrase again in both."
BUTTON_CREATE = "Create installation"
BUSY_CREATING = "Creating the encrypted installation… this takes a few seconds."
CREATE_FAILED = "The installation was not created. {detail}"

SETUP_KEY_TITLE = "The recovery key"
SETUP_KEY_SUBTITLE = (
    "This key opens the records if every passphrase is lost. It is shown only now, never again."
)
KEY_INSTRUCTIONS = (
    "Print it or write it down, seal it in an envelope and keep it locked away from this "
    "computer. Anyone holding this key and the data folder can read every record."
)
BUTTON_COPY = "Copy"
BUTTON_PRINT = "Print…"
KEY_COPIED = "Copied. Paste it only where it will be kept safe, then clear the clipboard."
KEY_PRINTED = "Sent to the printer."
CONFIRM_STORED = "I have stored the recovery key somewhere safe"
STORE_BEFORE_CLOSING = (
    "The installation is made. Store the recovery key and tick the box before closing: "
    "it will not be shown again."
)

PRINT_TITLE = "Incident Desk — recovery key"
PRINT_CONFIDENTIAL = "CONFIDENTIAL"
PRINT_FACILITY = "Facility: {facility} ({code})"
PRINT_AGENCY = "Agency: {agency}"
PRINT_ADMIN = "Administrator: {admin}"
PRINT_INSTRUCTIONS = (
    "Keep this sheet sealed, locked away from the computer. With the data folder, this key "
    "opens every record when all passphrases are lost. Do not copy it."
)

# --- Passphrase strength --------------------------------------------------------------------
STRENGTH_LABEL = "Passphrase strength"
STRENGTH_WORDS = ("Too short", "Weak", "Fair", "Strong", "Very strong")
STRENGTH_MORE_NEEDED = "{count} more characters needed (at least {minimum})."
STRENGTH_ONE_MORE = "1 more character needed (at least {minimum})."
STRENGTH_HINT_VARIETY = "Longer is better; mix words, digits or punctuation."
STRENGTH_HINT_GOOD = "Long enough and varied."

# --- Lock screen ----------------------------------------------------------------------------
LOCKED_HEADING = "Locked — {name}"
LOCKED_INTRO = (
    "The screen locked itself to keep the case records confidential (CPP 14.7 J). "
    "Everything typed is kept. Enter your passphrase to continue."
)
BUTTON_UNLOCK = "Unlock"
BUSY_UNLOCKING = "Checking the passphrase…"
WRONG_UNLOCK = "Wrong passphrase. Check Caps Lock, then try again."


def as_sentence(text: str) -> str:
    """A service's reason ("this user is locked out …") as a sentence with a capital and a stop."""
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."
