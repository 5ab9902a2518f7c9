"""Names people type (their own, a property owner's, a business's, an inspection's site
contact): no web address, e-mail address or phone number in them, however disguised.

A typed name reaches e-mail the city sends, account and staff pages and letters it mails to a
company (issue 14 §4, §2), so a name carrying "evil．com", "evil dot co", "name@evil.co" or a
call-back number would let the city's own mail carry a lure. A name is KEPT as ``normalized``
makes it (NFKC, no invisible or direction-control characters: "Bob \u202emoc.live\u202c" would
display reversed) and JUDGED as kept, with look-alike dots read as dots, a spelled-out dot
("dot", "[.]", "-dot-") read as one and spaced-out letters ("e v i l") joined.

The rule for a dot, after that: it is a web address when
- 2 to 24 letters follow it with no space ("evil.co", "Secure-Login.Support", "evil .co"),
  unless an apostrophe ends them ("St.Mary's") or it is the Catalan "l·l" ("Col·legi");
- spaces surround it and a word follows ("example . plumbing");
- spaces follow it and then a generic ending no name has as a word ("evil. com");
- it is the word "dot" between a word and 2 to 24 letters ("evil dot us", "evil-dot-com"),
  unless written as a name is, "Dot" capitalised before a capitalised word that is no generic
  ending ("Polka Dot Co").
So "J. Smith & Sons, Inc.", "A.B.C. Plumbing", "Ph.D. Engineering", "Smith Bros. Co",
"St. Mary's", "Dr. Ana Ruiz", "Dot Com Builders" and "24/7 Rooter" pass.
"""
from __future__ import annotations

import re
import unicodedata

# Invisible letters and marks outside the C* categories: combining grapheme joiner, Hangul
# and Khmer fillers, variation selectors.
INVISIBLE = frozenset("\u034f\u115f\u1160\u17b4\u17b5\u3164\uffa0") | frozenset(
    map(chr, range(0xFE00, 0xFE10)))
# Dots NFKC leaves alone (or makes "。" of): ideographic, halfwidth ideographic, Arabic and
# Syriac full stops, middle dots, bullets, hyphenation point, raised dot and dot operators.
_DOTS = str.maketrans(dict.fromkeys("。｡۔܁܂·•∙⋅・⸱‧⸳ꞏ᛫⦁∘◦", "."))
# The Catalan "l·l" ("Col·legi", "Paral·lel") is a letter, not a dot between words.
_CATALAN_L = re.compile("(?<=[lL])·(?=[lL])")
# "example [.] com", "example (dot) com", "example{.}com": a dot spelled out in brackets.
_BRACKETED_DOT = re.compile(r"\s*[\[({<]\s*(?:\.|dot|punto|point)\s*[\])}>]\s*", re.I)
# Letters a top-level domain is written with (Latin, Greek and Cyrillic look alike).
_L = "a-zA-Z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff"
# Generic top-level domains seen in lures; none is a word business names end with ("Inc",
# "Ltd", "Plumbing" and "Builders" are top-level domains too, so they are not listed).
_GENERIC = ("com|net|org|info|biz|gov|edu|mil|int|app|xyz|link|site|online|top|club|shop|"
            "store|live|click|email|today|win|vip|fun|space|website|tech|mobi|page|dev|cloud|"
            "icu|buzz|cyou|sbs|cfd|rest|bar|zip|mov|lol|work|example|onion")
# After "a dot and a space" only the endings no name has as its next word ("Bros. Shop" does).
_SPACED_GENERIC = "com|net|org|info|biz|gov|edu|mil|xyz|icu|cyou|sbs|cfd|onion"
# "example . com": a dot with spaces on both sides (a name's "J. Smith" has one on one side).
_SPACED_DOT = re.compile(r"(?<=\w)\s+\.\s+(?=\w)")
# "evil dot us", "evil-dot-com", "example DOT c o m" (spaced letters are joined first).
_WORD_DOT = re.compile(rf"(?<=[^\W_])(?P<before>[\s_-]+)(?P<dot>dot)[\s_-]+"
                       rf"(?=(?P<after>[{_L}]{{2,24}})(?![{_L}]))", re.I)
_WEB = re.compile(
    r"://|\bwww\b|\bhttps?\b|xn--"  # a scheme, "www", punycode
    r"|[a-z0-9-]\.[a-z]{2,24}/"  # a host with a path: "evil.example/restore"
    rf"|\.(?:{_GENERIC})(?![a-z])"  # ".com", "evil.co m" aside, wherever it stands
    rf"|\.[{_L}]{{2,24}}(?![\w'’])"  # "evil.co", "login.Support", "evil .co"
    rf"|\.\s+(?:{_SPACED_GENERIC})(?![\w'’])",  # "evil. com"
    re.I)
# "name@evil.co", "name [at] evil", "name(at)evil": NFKC makes "＠" and "﹫" an "@".
_EMAIL = re.compile(r"@|[\[({<]\s*at\s*[\])}>]", re.I)
# Seven digits or more in one run of digits and the marks phone numbers are written with
# ("323-555-0199", "(323) 555 0199", "+1.323.555.0199", "323–555–0199", "323/555/0199",
# "323_555_0199", "555 0100"); "24/7" and "No. 1" pass.
_PHONE = re.compile(r"\d(?:[\s().+/_\u2010-\u2015\u2212\u2043-]*\d){6,}")

WEB_ADDRESS, EMAIL_ADDRESS, PHONE_NUMBER = "a web address", "an e-mail address", "a phone number"


def _shown(char: str) -> bool:
    return (unicodedata.category(char)[0] != "C" or char.isspace()) and char not in INVISIBLE


def normalized(text: str) -> str:
    """``text`` as a typed name is kept: NFKC, without invisible, direction-control and other
    control or format characters, its runs of spaces made one."""
    text = unicodedata.normalize("NFKC", text)
    return " ".join("".join(c for c in text if _shown(c)).split())


def _joined_letters(text: str) -> str:
    """"e v i l . c o m" as "evil.com": runs of single letters (or dots) lose their spaces."""
    words, run = [], []
    for word in text.split(" "):
        if len(word) == 1:
            run.append(word)
            continue
        words.append("".join(run)) if run else None
        run = []
        words.append(word)
    words.append("".join(run)) if run else None
    return " ".join(words)


def _dot_word(match: re.Match) -> str:
    as_a_name = (match["dot"] == "Dot" and match["before"].isspace()
                 and match["after"][0].isupper()
                 and not re.fullmatch(_GENERIC, match["after"], re.I))
    return match[0] if as_a_name else "."


def _as_judged(text: str) -> str:
    text = "".join(c for c in normalized(text) if unicodedata.category(c) != "Mn")
    text = _CATALAN_L.sub("", text).translate(_DOTS)
    text = _BRACKETED_DOT.sub(".", text)
    text = _joined_letters(text)
    text = _WORD_DOT.sub(_dot_word, text)
    return _SPACED_DOT.sub(".", text)


def contact_in(text: str) -> str | None:
    """What a name carries that is no part of a name: WEB_ADDRESS, EMAIL_ADDRESS, PHONE_NUMBER,
    or None. ``text`` is judged as ``normalized`` keeps it."""
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
