"""CSRF protection for every state-changing request, as pure ASGI (DESIGN §4b).

Double-submit token: a random token in a cookie must come back in the ``X-CSRF-Token`` header
(htmx, set on <body> by hx-headers) or the ``csrf_token`` form field (plain forms without
JavaScript). In production the cookie is ``__Host-`` prefixed, so no subdomain can plant one.
Requests a browser marks as cross-site (``Sec-Fetch-Site``) or whose ``Origin`` is another
site are refused before the token is even compared. The token is issued lazily: a page that
renders no form sets no cookie.
"""
from __future__ import annotations

import hmac
import re
import secrets
from http.cookies import SimpleCookie
from urllib.parse import parse_qsl

from starlette.datastructures import Headers
from starlette.requests import Request

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
FIELD = "csrf_token"
HEADER = "x-csrf-token"
# A urlencoded form is read whole to find the field, up to this; a multipart one only up to
# its csrf_token part (the templates put it first), within MULTIPART_HEAD. Files then stream to
# the handler, which caps each; MAX_STREAMED stops a body that never ends.
MAX_BODY = 12 * 1024 * 1024
MULTIPART_HEAD = 64 * 1024
MAX_STREAMED = 110 * 1024 * 1024
_BOUNDARY = re.compile(r'boundary=("?)([^";]+)\1')
_TOKEN = re.compile(r"[A-Za-z0-9_-]{43}")  # secrets.token_urlsafe(32)


class CsrfToken:
    """Read by templates (``request.state.csrf.token``); creates the cookie on first use.

    The Cookie header is parsed only when a token is needed: most requests render no form.
    """

    def __init__(self, headers: Headers, cookie_name: str) -> None:
        self._headers = headers
        self._cookie_name = cookie_name
        self._token: str | None = None
        self._parsed = False
        self.issued = False

    @property
    def existing(self) -> str | None:
        if not self._parsed:
            found = _cookie(self._headers, self._cookie_name)
            # Only tokens of our own shape: a planted cookie never reaches a page unchecked.
            self._token = found if found and _TOKEN.fullmatch(found) else None
            self._parsed = True
        return self._token

    @property
    def token(self) -> str:
        if self.existing is None:
            self._token = secrets.token_urlsafe(32)
            self.issued = True
        return self._token


def _cookie(headers: Headers, name: str) -> str | None:
    jar = SimpleCookie()
    try:
        jar.load(headers.get("cookie", ""))
    except Exception:  # a malformed Cookie header is treated as no cookie
        return None
    morsel = jar.get(name)
    return morsel.value if morsel else None


def _cross_site(headers: Headers, scope) -> bool:
    """Cross-site by the browser's own label, or by an Origin other than this site's
    (scheme and host, as the request reached the app)."""
    if headers.get("sec-fetch-site") == "cross-site":
        return True
    origin = headers.get("origin")
    if origin is None:
        return False
    host = headers.get("host")
    return origin == "null" or not host or origin != f"{scope.get('scheme', 'http')}://{host}"


class CsrfProtection:
    def __init__(self, app, secure: bool = True, exempt: tuple[str, ...] = ()) -> None:
        self.app = app
        self.secure = secure
        # Gateways' webhooks and the phone line carry their own signature and no cookie.
        self.exempt = exempt
        self.cookie_name = "__Host-csrf" if secure else "csrf"

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        csrf = CsrfToken(headers, self.cookie_name)
        # Exempt paths skip the check but keep the token: their error pages are site pages.
        scope.setdefault("state", {})["csrf"] = csrf
        if scope["method"] not in SAFE_METHODS and not scope["path"].startswith(
                self.exempt or "\0"):
            body, receive = await _buffered(receive, headers.get("content-type", ""))
            if body is None:
                await _refuse(scope, send, 413, "That upload is too large.")
                return
            if _cross_site(headers, scope) or not _token_matches(
                    csrf.existing, headers, body, scope):
                await _refuse(scope, send, 403, "This form has expired or came from another "
                              "site. Go back, reload the page and try again.")
                return

        async def send_with_cookie(message) -> None:
            if message["type"] == "http.response.start" and csrf.issued:
                message["headers"] = [*message.get("headers", []),
                                      (b"set-cookie", self._set_cookie(csrf.token))]
            await send(message)

        await self.app(scope, receive, send_with_cookie)

    def _set_cookie(self, token: str) -> bytes:
        secure = "; Secure" if self.secure else ""
        return f"{self.cookie_name}={token}; Path=/; HttpOnly; SameSite=Lax{secure}".encode()


def _token_matches(expected: str | None, headers: Headers, body: bytes, scope) -> bool:
    if not expected:
        return False
    sent = headers.get(HEADER)
    if sent is None:
        sent = _form_token(headers.get("content-type", ""), body)
    return sent is not None and hmac.compare_digest(sent.encode(), expected.encode())


def _form_token(content_type: str, body: bytes) -> str | None:
    if content_type.startswith("application/x-www-form-urlencoded"):
        for name, value in parse_qsl(body.decode("latin-1"), keep_blank_values=True):
            if name == FIELD:
                return value
        return None
    if content_type.startswith("multipart/form-data"):
        return _multipart_field(content_type, body)
    return None


def _multipart_field(content_type: str, body: bytes) -> str | None:
    """The csrf_token part of a multipart body, without parsing the (possibly large) files."""
    found = _BOUNDARY.search(content_type)
    if not found:
        return None
    boundary = found[2].encode("latin-1")
    marker = b'name="' + FIELD.encode() + b'"'
    for part in body.split(b"--" + boundary):
        head, _, value = part.partition(b"\r\n\r\n")
        if marker in head:
            return value.removesuffix(b"\r\n").decode("latin-1")
    return None


async def _buffered(receive, content_type: str = ""):
    """The body read far enough to find the token: whole for a urlencoded form (at most
    MAX_BODY), only up to its csrf_token part for a multipart one, whose files then stream on
    to the app without being held here (issue 16 §2: a 100 MB plan set). Returns (what was
    read, a receive that replays it and continues); (None, _) when a form is too large."""
    multipart = content_type.startswith("multipart/form-data")
    limit = MULTIPART_HEAD if multipart else MAX_BODY
    chunks, size, more = [], 0, False
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            more = False
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        chunks.append(chunk)
        more = message.get("more_body", False)
        if size > limit and not multipart:
            return None, receive
        if not more or (multipart and _token_part_read(content_type, b"".join(chunks))):
            break
        if size > limit:
            break  # no token near the start of a multipart body: refused as a forged form
    body = b"".join(chunks)
    sent, streamed = False, size

    async def replay():
        nonlocal sent, streamed
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": more}
        message = await receive()
        streamed += len(message.get("body", b""))
        if streamed > MAX_STREAMED:
            # The parser sees the client leave: the handler answers 400, nothing is stored.
            return {"type": "http.disconnect"}
        return message

    return body, replay


def _token_part_read(content_type: str, body: bytes) -> bool:
    """The csrf_token part and the boundary after it are in ``body``."""
    found = _BOUNDARY.search(content_type)
    if not found:
        return True
    marker = body.find(b'name="' + FIELD.encode() + b'"')
    return marker >= 0 and body.find(b"--" + found[2].encode("latin-1"), marker) >= 0


async def _refuse(scope, send, status: int, message: str) -> None:
    from starlette.responses import PlainTextResponse

    request = Request(scope)
    templates = getattr(request.app.state, "templates", None)
    if templates is None:
        response = PlainTextResponse(message, status_code=status)
    else:
        response = templates.TemplateResponse(
            request, "errors/error.html",
            {"status_code": status, "title": "That form could not be sent", "message": message},
            status_code=status)
    await response({"type": "http"}, _no_receive, send)


async def _no_receive():
    return {"type": "http.disconnect"}
