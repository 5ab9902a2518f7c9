"""The e-mails Permitline sends, written from plain-text templates or settings, with links to
base_url: for pages, webhooks and commands alike."""
from __future__ import annotations

from starlette.requests import Request

from db.mail.outbox import Message
from domain.notices import staff_decision_mail
from domain.notifications import NoticeContext


def compose(request: Request, template: str, recipient: str, subject: str, **context
            ) -> Message:
    settings = request.app.state.settings
    body = request.app.state.templates.env.get_template(f"emails/{template}.txt").render(
        base_url=settings.base_url, **context)
    return Message(recipient=recipient, subject=f"{subject} · {settings.city_name}", body=body)


def decision_message(settings, email: str, approve: bool, reason: str) -> Message:
    """Staff's decision on an account, to its applicant (domain/notices.py words it)."""
    subject, body = staff_decision_mail(approve, reason, settings.city_name, settings.base_url,
                                        settings.help_phone)
    return Message(email, subject, body)


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
    return notice_for(request.app.state.settings)


def notice_for(settings) -> NoticeContext:
    """The same from settings, for the loops and commands that have no request."""
    return NoticeContext(settings.city_name, settings.base_url, settings.help_phone)
