"""The address of a staff queue's page: the same filters, another cursor (issue 16 §1)."""
from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlencode

from starlette.requests import Request


def kept(form: Mapping[str, str] | None) -> dict[str, str]:
    """The filters a queue was asked with, those left empty dropped from its links."""
    return {name: value for name, value in (form or {}).items() if value}


def queue_link(request: Request, route: str, form: Mapping[str, str] | None,
               **cursor: str) -> str:
    """The queue named ``route`` with the same filters and the page ``cursor`` names."""
    query = urlencode({**kept(form), **cursor})
    return request.url_for(route).path + (f"?{query}" if query else "")
