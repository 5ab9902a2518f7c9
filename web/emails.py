"""The e-mails Permitline sends, written from plain-text templates with links to base_url."""
from __future__ import annotations

from starlette.requests import Request

from db.mail.outbox import Message
from domain.notifications import NoticeContext


def compose(request: Request, template: str, recipient: str, subject: str, **context
            ) -> Message:
    settings = request.app.state.settings
    body = request.app.state.templates.env.get_template(f"emails/{template}.txt").render(
        base_url=settings.base_url, **context)
    return Message(recipient=recipient, subject=f"{subject} · {settings.city_name}", body=body)


def link(request: Request, name: str, **params) -> str:
    """An absolute link for an e-mail: from settings, never from the request's Host header."""
    url_for = request.app.state.templates.env.globals["url_for"]
    return request.app.state.settings.base_url + url_for(name, **params)


def mail_committed(request: Request) -> None:
    """Wake the mail loop after a commit that queued a message."""
    mailer = getattr(request.app.state, "mailer", None)
    if mailer is not None:
        mailer.wake()


def notice_of(request: Request) -> NoticeContext:
    """How notices name the city and link back to the portal."""
    settings = request.app.state.settings
    return NoticeContext(settings.city_name, settings.base_url, settings.help_phone)
