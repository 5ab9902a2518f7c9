"""The mail loop: the e-mail outbox (db/mail/outbox.py) sent by SMTP, or to .eml in the demo."""
from __future__ import annotations

import asyncio
import logging
import os
from datetime import datetime, timezone
from email.message import EmailMessage
from email.utils import format_datetime
from urllib.parse import parse_qs, unquote, urlparse

import aiosmtplib

from db.mail import outbox
from web.settings import Settings

log = logging.getLogger("permitline.mail")
POLL_SECONDS = 5.0


def email_of(message: outbox.Queued, sender: str) -> EmailMessage:
    email = EmailMessage()
    email["From"] = sender
    email["To"] = message.recipient
    email["Subject"] = message.subject
    email["Message-ID"] = message.message_id
    email["Date"] = format_datetime(message.created_at.astimezone(timezone.utc))
    email.set_content(message.body)
    if message.calendar:
        # RFC 6047 (iMIP) would send METHOD:REQUEST inline; an attached PUBLISH file is what
        # every mail client adds to a calendar without treating the city as an organizer.
        email.add_attachment(message.calendar.encode(), maintype="text", subtype="calendar",
                             filename="inspection.ics", params={"method": "PUBLISH"})
    return email


class SmtpTransport:
    """``smtp://user:password@host:port`` (STARTTLS when offered) or ``smtps://`` (TLS)."""

    def __init__(self, url: str) -> None:
        parts = urlparse(url)
        options = parse_qs(parts.query)
        self.options = {
            "hostname": parts.hostname or "127.0.0.1",
            "port": parts.port or (465 if parts.scheme == "smtps" else 587),
            "username": unquote(parts.username) if parts.username else None,
            "password": unquote(parts.password) if parts.password else None,
            "use_tls": parts.scheme == "smtps",
            "start_tls": None if parts.scheme == "smtps" else
            {"required": True, "none": False}.get(options.get("starttls", [""])[0]),
            "timeout": 30,
        }

    async def send(self, email: EmailMessage) -> None:
        await aiosmtplib.send(email, **self.options)


class DirectoryTransport:
    """One ``<id>.eml`` per message: writing it twice leaves one file."""

    def __init__(self, directory: str) -> None:
        self.directory = directory
        os.makedirs(directory, exist_ok=True)

    async def send(self, email: EmailMessage) -> None:
        name = email["Message-ID"].strip("<>").split("@")[0]
        path = os.path.join(self.directory, f"{name}.eml")
        temporary = path + ".tmp"
        with open(temporary, "wb") as file:
            file.write(bytes(email))
        os.replace(temporary, path)


def transport_for(settings: Settings):
    if settings.smtp_url:
        return SmtpTransport(settings.smtp_url)
    if settings.mail_dir:
        return DirectoryTransport(settings.mail_dir)
    return None


class Mailer:
    """Sends due messages; ``wake()`` after a commit sends at once instead of at the next poll."""

    def __init__(self, settings: Settings) -> None:
        self.sender = settings.mail_from
        self.transport = transport_for(settings)
        self._wake = asyncio.Event()
        self._loop: asyncio.AbstractEventLoop | None = None

    def wake(self) -> None:
        if self._loop is not None:
            # Safe from any thread or loop (TestClient runs requests on their own loops).
            self._loop.call_soon_threadsafe(self._wake.set)

    async def send_due(self) -> int:
        """Send what is due now; returns how many were sent."""
        if self.transport is None:
            return 0
        sent = 0
        now = datetime.now(timezone.utc)
        for message in await outbox.due(now):
            if not await outbox.claim(message, now):
                continue
            try:
                await self.transport.send(email_of(message, self.sender))
            except (aiosmtplib.SMTPException, OSError) as error:
                log.warning("mail to %s failed: %s", message.recipient, error)
                await outbox.mark_failed(message, str(error), datetime.now(timezone.utc))
                continue
            await outbox.mark_sent(message.id, datetime.now(timezone.utc))
            sent += 1
        return sent

    async def run(self) -> None:
        if self.transport is None:
            log.warning("no PERMITLINE_SMTP_URL: e-mail stays in the outbox table")
            return
        self._loop = asyncio.get_running_loop()
        while True:
            try:
                await self.send_due()
            except Exception:  # the loop must outlive a database hiccup
                log.exception("mail loop")
            try:
                await asyncio.wait_for(self._wake.wait(), POLL_SECONDS)
            except asyncio.TimeoutError:
                pass
            self._wake.clear()
