"""The outbox and the mail loop, against a real SMTP server (aiosmtpd) on loopback."""
from __future__ import annotations

import asyncio
import email
import socket
from datetime import datetime, timezone

import pytest
from aiosmtpd.controller import Controller

from db.mail.outbox import Message, enqueue
from db.tables import OutboxMessage
from web.loops.mail import Mailer
from web.settings import Settings


class Inbox:
    def __init__(self) -> None:
        self.messages: list[email.message.Message] = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(email.message_from_bytes(envelope.content))
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp_server():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield inbox, controller.port
    controller.stop()


@pytest.fixture
async def empty_outbox(bound):
    await OutboxMessage.delete(force=True)
    return bound


async def queue(database, *recipients: str) -> None:
    async with database.transaction():
        for recipient in recipients:
            await enqueue(Message(recipient, "Permit BLD2026-00042 was issued",
                                  "Work may proceed."), datetime.now(timezone.utc))


async def sent_count() -> int:
    return await OutboxMessage.count().where(OutboxMessage.sent_at.is_not_null())


async def test_queued_mail_is_delivered_over_smtp_once(bound, empty_outbox, smtp_server):
    inbox, port = smtp_server
    await queue(bound, "ana@example.com", "kofi@example.com")
    mailer = Mailer(Settings(smtp_url=f"smtp://127.0.0.1:{port}",
                             mail_from="Permits <permits@example.com>"))
    assert await mailer.send_due() == 2
    assert await mailer.send_due() == 0
    assert sorted(m["To"] for m in inbox.messages) == ["ana@example.com", "kofi@example.com"]
    first = inbox.messages[0]
    assert first["Subject"] == "Permit BLD2026-00042 was issued"
    assert first["From"] == "Permits <permits@example.com>"
    assert first["Message-ID"].startswith("<") and first.get_payload().strip() == (
        "Work may proceed.")
    assert await sent_count() == 2


async def test_mail_rolled_back_with_its_change_is_never_sent(bound, empty_outbox, smtp_server):
    inbox, port = smtp_server
    with pytest.raises(RuntimeError):
        async with bound.transaction():
            await enqueue(Message("ana@example.com", "Issued", "..."), datetime.now(timezone.utc))
            raise RuntimeError("the change failed")
    assert await Mailer(Settings(smtp_url=f"smtp://127.0.0.1:{port}")).send_due() == 0
    assert inbox.messages == []


async def test_an_unreachable_server_leaves_the_message_queued_for_a_later_retry(
        bound, empty_outbox):
    await queue(bound, "ana@example.com")
    mailer = Mailer(Settings(smtp_url=f"smtp://127.0.0.1:{free_port()}"))
    assert await mailer.send_due() == 0
    [row] = await OutboxMessage.select(OutboxMessage.attempts, OutboxMessage.sent_at,
                                       OutboxMessage.next_attempt_at, OutboxMessage.last_error)
    assert row["attempts"] == 1 and row["sent_at"] is None and row["last_error"]
    next_at = row["next_attempt_at"]
    next_at = next_at if next_at.tzinfo else next_at.replace(tzinfo=timezone.utc)
    assert next_at > datetime.now(timezone.utc)
    assert await mailer.send_due() == 0  # not due again yet


async def test_two_senders_at_once_deliver_each_message_once(bound, empty_outbox, smtp_server):
    inbox, port = smtp_server
    await queue(bound, *(f"user{n}@example.com" for n in range(6)))
    settings = Settings(smtp_url=f"smtp://127.0.0.1:{port}")
    counts = await asyncio.gather(Mailer(settings).send_due(), Mailer(settings).send_due())
    assert sum(counts) == 6
    assert sorted(m["To"] for m in inbox.messages) == sorted(
        f"user{n}@example.com" for n in range(6))


async def test_the_demo_writes_each_message_to_one_eml_file(bound, empty_outbox, tmp_path):
    await queue(bound, "ana@example.com")
    mailer = Mailer(Settings(mail_dir=str(tmp_path)))
    assert await mailer.send_due() == 1
    [path] = tmp_path.glob("*.eml")
    written = email.message_from_bytes(path.read_bytes())
    assert written["To"] == "ana@example.com"
    assert path.stem in written["Message-ID"]
