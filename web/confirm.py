"""Asking before an action that cannot be undone (issue 14 §10): a GET page with the button
that posts and a way to keep things as they are; htmx asks the same question in place."""
from __future__ import annotations

from dataclasses import dataclass

from starlette.requests import Request
from starlette.responses import Response

from web.htmx import render


@dataclass(frozen=True)
class Confirmation:
    key: str  # unique on the page it is shown in: "cancel-42"
    question: str
    detail: str
    action: str  # the address the button posts to
    button: str  # says what happens: "Cancel the inspection"
    keep: str  # says what does not: "Keep it"
    keep_url: str
    section: str = ""  # the dashboard section htmx refreshes with the answer, in place


def ask(request: Request, confirmation: Confirmation) -> Response:
    return render(request, "confirm/confirm.html", "confirm/_confirm.html",
                  {"confirm": confirmation})
