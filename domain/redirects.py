"""Where a redirect may send the browser: a path on this site, read the way browsers read it."""
from __future__ import annotations

from urllib.parse import quote

DASHBOARD = "/dashboard"
# Longer targets are not followed: no page of the site has an address anywhere near this, and
# browsers and proxies refuse headers far shorter than what a form field can carry.
MAX_LENGTH = 2000
# The WHATWG URL standard strips "C0 control or space" from both ends of any input and removes
# "ASCII tab or newline" everywhere in it, before parsing (issue 14: `/%09/evil.example` became
# `//evil.example` in the browser after the server had checked it).
_ENDS = "".join(chr(code) for code in range(0x21))
_TAB_OR_NEWLINE = str.maketrans("", "", "\t\n\r")
# Characters kept as they are; everything else (controls, spaces, quotes, backslashes in the
# query, non-ASCII) is percent-encoded as UTF-8, as a browser would, so that the target is
# plain ASCII and valid in a Location or HX-Redirect header.
_KEPT = "/?#[]@!$&'()*+,;=:-._~%"


def local_target(value: str | None, fallback: str = DASHBOARD) -> str:
    """``value`` as a same-origin path (with its query and fragment), or ``fallback``.

    A browser resolves the result against the site to a URL on the site itself, whatever
    ``value`` was: absolute URLs, scheme-relative ones (``//host``, ``/\\host``, ``\\\\host``,
    with tabs or newlines in between), schemes such as ``javascript:`` and relative paths all
    give ``fallback``.
    """
    if not value:
        return fallback
    # A lone surrogate cannot be encoded; browsers read it as U+FFFD.
    text = "".join("\ufffd" if "\ud800" <= c <= "\udfff" else c for c in value)
    text = text.strip(_ENDS).translate(_TAB_OR_NEWLINE)
    path, mark, rest = _split_path(text)
    # In http(s) URLs a backslash in the path is a slash: `/\host` is `//host`.
    path = path.replace("\\", "/")
    if not path.startswith("/") or path.startswith("//"):
        return fallback
    target = quote(path + mark + rest, safe=_KEPT)
    return target if len(target) <= MAX_LENGTH else fallback


def _split_path(text: str) -> tuple[str, str, str]:
    """(path, "?" or "#" or "", what follows): browsers read backslashes as slashes only in
    the path."""
    cut = min((i for i in (text.find("?"), text.find("#")) if i >= 0), default=len(text))
    return text[:cut], text[cut:cut + 1], text[cut + 1:]
