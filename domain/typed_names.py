"""Names people type (their own, a property owner's, a business's): no web address, e-mail
address or phone number in them, however disguised.

A typed name reaches e-mail the city sends and letters it mails to a company (issue 14 §4,
§2), so a name carrying "evil．com", "example [.] com", "evil dot com", "name@evil.co" or a
call-back number would let the city's own mail carry a lure. Text is judged in Unicode NFKC
form (fullwidth "ｅｘａｍｐｌｅ．ｃｏｍ" is "example.com"), with invisible characters
dropped and look-alike dots read as dots. Ordinary names pass: "J. Smith & Sons, Inc.",
"O'Brien Electric", "A.B.C. Plumbing", "St. Mary's", "Peña Construcción", "24/7 Rooter".
"""
from __future__ import annotations

import re
import unicodedata

# Dots NFKC leaves alone (or makes "。" of): ideographic, halfwidth ideographic, Arabic and
# Syriac full stops, middle dots, bullet and dot operators.
_DOTS = str.maketrans(dict.fromkeys("。｡۔܁܂·•∙⋅・⸱", "."))
# "example [.] com", "example (dot) com", "example{.}com": a dot spelled out in brackets.
_BRACKETED_DOT = re.compile(r"\s*[\[({<]\s*(?:\.|dot|punto|point)\s*[\])}>]\s*", re.I)
# "example . com": a dot with spaces on both sides (a name's "J. Smith" has one on one side).
_SPACED_DOT = re.compile(r"(?<=\w)\s+\.\s+(?=\w)")
# "example dot com": the word, before the generic endings alone ("Polka Dot Co" is a name).
_WORD_DOT = re.compile(r"\s+dot\s+(?=(?:com|net|org|info|biz|io|xyz|app|site|online|ru|cn)"
                       r"\b)", re.I)
# Generic top-level domains seen in lures; none is a word business names end with ("Inc",
# "Ltd", "Plumbing" and "Builders" are top-level domains too, so they are not listed).
_GENERIC = ("com|net|org|info|biz|gov|edu|mil|int|app|xyz|link|site|online|top|club|shop|"
            "store|live|click|email|today|win|vip|fun|space|website|tech|mobi|page|dev|cloud|"
            "icu|buzz|cyou|sbs|cfd|rest|bar|zip|mov|lol|work|example|onion")
_WEB = re.compile(
    r"://|\bwww\b|\bhttps?\b|xn--"  # a scheme, "www", punycode
    r"|[a-z0-9-]\.[a-z]{2,24}/"  # a host with a path: "evil.example/restore"
    rf"|\.(?:{_GENERIC})(?![a-z])"  # ".com", "evil.co m" aside, wherever it stands
    r"|(?<![a-z0-9-])[a-z0-9-]{2,63}\.[a-z]{2}(?![a-z'’])",  # a bare "evil.co", "site.io"
    re.I)
# "name@evil.co", "name [at] evil", "name(at)evil": NFKC makes "＠" and "﹫" an "@".
_EMAIL = re.compile(r"@|[\[({<]\s*at\s*[\])}>]", re.I)
# Seven digits or more in one run of digits and the marks phone numbers are written with
# ("323-555-0199", "(323) 555 0199", "+1.323.555.0199", "555 0100"); "24/7" and "No. 1" pass.
_PHONE = re.compile(r"\d(?:[\s().+-]*\d){6,}")

WEB_ADDRESS, EMAIL_ADDRESS, PHONE_NUMBER = "a web address", "an e-mail address", "a phone number"


def normalized(text: str) -> str:
    """``text`` in NFKC form with its runs of spaces made one: how a typed name is kept."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def _as_judged(text: str) -> str:
    text = "".join(c for c in unicodedata.normalize("NFKC", text)
                   if unicodedata.category(c) not in ("Cf", "Cc", "Mn"))
    text = text.translate(_DOTS)
    text = _BRACKETED_DOT.sub(".", text)
    text = _WORD_DOT.sub(".", text)
    return _SPACED_DOT.sub(".", text)


def contact_in(text: str) -> str | None:
    """What a name carries that is no part of a name: WEB_ADDRESS, EMAIL_ADDRESS, PHONE_NUMBER,
    or None."""
    judged = _as_judged(text)
    if _EMAIL.search(judged):
        return EMAIL_ADDRESS
    if _WEB.search(judged):
        return WEB_ADDRESS
    if _PHONE.search(judged):
        return PHONE_NUMBER
    return None


def name_refusal(text: str, which: str = "a name") -> str | None:
    """"Enter a name without a web address in it.", or None when ``text`` carries none."""
    found = contact_in(text)
    return f"Enter {which} without {found} in it." if found else None
