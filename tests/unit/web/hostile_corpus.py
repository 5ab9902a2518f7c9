"""What an attacker or a confused user types: the values the hostile-input test sends.

A value is text, bytes (sent percent-encoded as they are: not UTF-8) or a list (the field
repeated). ``MARKER`` tags the markup values: a response that shows it unescaped reflected
markup.
"""
from __future__ import annotations

from urllib.parse import quote_plus

MARKER = "zq-hostile"
Value = str | bytes | list

CORPUS: tuple[Value, ...] = (
    # Numbers Python reads but a person did not mean, and ones too long for int().
    "1" + "0" * 5000, "9" * 4301, "-1", "1e999", "NaN", "Infinity", "0x1F", "1_000",
    "1,0,0,0", "1,5", "99999999999999999999999", "-0", "0.000000001",
    # Other scripts' digits: str.isdigit() says yes, int() reads some or raises.
    "١٠٠٠", "１０００", "²", "৮৫০০ Sunset Blvd", "BLD٢٠٢٦-٠٠٠٤٢", "Ⅻ",
    # Control characters, invisible and bidirectional ones.
    "\x00", "a\x00b", "\r\nSet-Cookie: x=1", "\t\x0b\x0c", "\x1b[31m", "\u202egnp.exe",
    "\ufeff", "\x7f\x85",
    # Not UTF-8 at all (a lone surrogate as CESU-8, an overlong slash, stray bytes).
    b"\xff\xfe\xfd", b"\xc3\x28", b"abc\x80", b"\xed\xa0\x80", b"\xc0\xaf",
    # Very long text, and the astral plane.
    "x" * 50_000, "🏠" * 2000, "\U0010ffff",
    # Markup and other injections, reflected or stored.
    f"<{MARKER}>", f"\"><{MARKER} a=1>", f"'><{MARKER}>", f"</textarea><{MARKER}>",
    f"</title><{MARKER}>", "javascript:alert(1)", "{{7*7}}", "${7*7}", "%00%0d%0a",
    "../../../../etc/passwd", "' OR 1=1 --", "\"; DROP TABLE permit; --",
    # Shapes of real values, just wrong.
    "0000-00-00", "9999-12-31", "2026-02-30", "-1-01-01", "25:61", "BLD2026-00042\x00",
    "a@b", "x" * 300 + "@example.com", "   ", "",
    # The field sent twice.
    ["1", "2"], [f"<{MARKER}>", "\x00"],
)


# The values that have broken handlers before (issue 14): sent in every field of every route a
# visitor may use, each one, rather than sampled.
KILLERS: tuple[Value, ...] = (
    "1" + "0" * 5000, "9" * 4301, "²", "١٠٠٠", "１０００", "\x00", b"\xff\xfe\xfd", "x" * 50_000,
    "99999999999999999999999", f"\"><{MARKER} a=1>",
)


def pick(index: int) -> Value:
    """The corpus's value at ``index``, round and round (deterministic sampling)."""
    return CORPUS[index % len(CORPUS)]


def encoded(value: str | bytes) -> str:
    """One value for a query string or a urlencoded body, byte for byte."""
    return quote_plus(value if isinstance(value, bytes) else value.encode("utf-8"))


def urlencoded(fields: dict[str, Value], most: int | None = None) -> str:
    """``fields`` as ``application/x-www-form-urlencoded``, non-UTF-8 bytes kept as bytes;
    with ``most``, the longest values are cut until it fits (a URL's length is limited: a
    query string of 60,000 characters is refused before it reaches any app)."""
    pairs = [[encoded(name), encoded(one)] for name, value in fields.items()
             for one in (value if isinstance(value, list) else [value])]
    while most is not None and sum(len(a) + len(b) + 2 for a, b in pairs) > most:
        longest = max(pairs, key=lambda pair: len(pair[1]))
        longest[1] = longest[1][:len(longest[1]) // 2]
    return "&".join(f"{name}={value}" for name, value in pairs)


def as_text(value: Value) -> str:
    """A value as the server decodes it (bytes that are not UTF-8 become U+FFFD)."""
    if isinstance(value, list):
        value = value[0]
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else value


def reflected_markup(body: str) -> bool:
    """Whether a page shows a hostile tag as markup rather than as text."""
    return f"<{MARKER}" in body
