"""E-mail addresses people type: exactly one mailbox, written plainly, or a message saying why not.

Every typed address (registration, a property owner's, sign-in, a forgotten password, links
sent again, the shell's account commands) is read here, and strictly: an address becomes a
recipient of the city's mail, and a loose reader let "a@x.com, b@y.com", "Name <a@x.com>",
"a@x.com\\r\\nBcc: …", '"a b"@x.com' and "a@b@x.com" through, each more than one recipient or
none a mail server agrees on. Read: a local part of the characters RFC 5322 allows unquoted
(letters, digits, ``!#$%&'*+/=?^_`{|}~-`` and single inner dots), one "@", and a domain of
two or more labels (letters, digits, inner hyphens) ending in a name, not a number. Text is
taken in NFKC form ("ａｎａ＠ｅｘａｍｐｌｅ．ｃｏｍ" is ana@example.com) and in lower case.
"""
from __future__ import annotations

import re
import unicodedata

from domain.outcomes import Accepted, Rejected

# The longest address a form takes (domain/field_limits.py says the same to browsers).
EMAIL_LIMIT = 100
_ATOM = r"[a-z0-9!#$%&'*+/=?^_`{|}~-]+"
_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_ADDRESS = re.compile(rf"({_ATOM}(?:\.{_ATOM})*)@((?:{_LABEL}\.)+(?:[a-z]{{2,63}}|xn--[a-z0-9-]+))",
                      re.ASCII)
_SPACE = " \t"

EMPTY = "Enter your e-mail address."
LIKE = "Enter an e-mail address like name@example.com."
ONE = "Enter one e-mail address only."
PLAIN = "Enter the e-mail address alone, like name@example.com, without a name, quotes or < >."
LONG = f"Enter an e-mail address of at most {EMAIL_LIMIT} characters."


def normalize_email(text: str) -> str:
    """``text`` as addresses are kept and looked up: NFKC, lower case, spaces around dropped
    (line breaks stay, so that ``read_email`` refuses them)."""
    return unicodedata.normalize("NFKC", text).strip(_SPACE).lower()


def read_email(text: str, empty: str = EMPTY) -> Accepted[str] | Rejected:
    """One mailbox, normalized, or why ``text`` is not one (keyed "email")."""
    email = normalize_email(text)
    if not email:
        return Rejected({"email": empty})
    if len(email) > EMAIL_LIMIT:
        return Rejected({"email": LONG})
    if any(unicodedata.category(c) == "Cc" for c in email):
        return Rejected({"email": LIKE})  # a line break or tab inside: a header smuggled in
    if email.count("@") > 1 or any(c in email for c in ",;"):
        return Rejected({"email": ONE})
    if any(c in email for c in "<>\"()[]\\:") or (
            " " in email and _ADDRESS.fullmatch(email.split()[-1])):
        return Rejected({"email": PLAIN})  # "Name <a@x.com>", '"a b"@x.com', "(c)a@x.com"
    if not _ADDRESS.fullmatch(email):
        return Rejected({"email": LIKE})  # spaces, line breaks, "a..b@x", "a@x", "a@1.2.3.4"
    return Accepted(email)


def check_email(text: str) -> str | None:
    """The message for an unusable address, or None."""
    outcome = read_email(text)
    return outcome.message if isinstance(outcome, Rejected) else None
