"""An account's details and e-mail address changed by its owner, and a colleague removed from a
license, on both engines: each decided once, however many taps or tabs arrive together."""
from __future__ import annotations

import asyncio
import uuid
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from db.accounts import accounts, colleagues, email_links, passwords, profile_changes
from db.accounts.profile_changes import EmailChanged
from db.inspections.phone_line import number_on_file
from db.mail.outbox import Message
from db.mail.recipients import recipients
from db.permits.access import may_act_on
from db.tables import Account, AccountSession, Application, AuditEvent, OutboxMessage, PermitContact
from domain.accounts import Role, Verification
from domain.email_changes import ANOTHER_ACCOUNT, TAKEN
from domain.notifications import NoticeContext
from domain.outcomes import Accepted, Rejected
from tests.factories import applied_permit, free_number

NOW = datetime(2026, 11, 27, 18, 0, tzinfo=timezone.utc)
MAIL = (Message("new@example.com", "Link", "…"), Message("old@example.com", "Asked", "…"))
ZONE = ZoneInfo("America/Los_Angeles")
NOTICE = NoticeContext("West Hollywood", "https://portal.test", "323-555-0100")


def change_email(bound, link: str, at: datetime = NOW, *browser):
    """The link's button pressed; ``browser``: its session token and signed-in account."""
    return profile_changes.change_email(bound, link, at, ZONE, NOTICE, *browser)


async def mail_to(address: str) -> list[tuple[str, str]]:
    return [(r["subject"], r["body"]) for r in await OutboxMessage.select(
        OutboxMessage.subject, OutboxMessage.body).where(
        OutboxMessage.recipient == address).order_by(OutboxMessage.id)]


async def person(database, phone: str = "323-555-0100", **extra) -> tuple[int, str]:
    email = f"change.{uuid.uuid4().hex[:10]}@example.com"
    account_id = await accounts.create_account(
        database, email=email, password_hash="pbkdf2_sha256$1$x$y", name="Pat Person",
        phone=phone, role=extra.pop("role", Role.CONTRACTOR), email_verified_at=NOW, now=NOW,
        **extra)
    return account_id, email


def new_address() -> str:
    return f"moved.{uuid.uuid4().hex[:10]}@example.com"


def token() -> str:
    return "change-" + uuid.uuid4().hex


async def test_name_and_phone_are_saved_and_only_a_change_is_recorded(bound):
    account_id, _ = await person(bound)
    assert await profile_changes.save_details(bound, account_id, "Pat Moved", "323-555-0199",
                                              NOW)
    assert not await profile_changes.save_details(bound, account_id, "Pat Moved",
                                                  "323-555-0199", NOW)
    saved = await accounts.get_account(account_id)
    assert (saved.name, saved.phone) == ("Pat Moved", "323-555-0199")
    [event] = await AuditEvent.select(AuditEvent.before, AuditEvent.after).where(
        (AuditEvent.subject == f"account {account_id}")
        & (AuditEvent.action == "account details changed"))
    assert event == {"before": "name: Pat Person; phone: 323-555-0100",
                     "after": "name: Pat Moved; phone: 323-555-0199"}


async def test_a_change_link_moves_the_account_once_and_ends_its_other_sessions(bound):
    account_id, email = await person(bound)
    here, elsewhere = [await sign_in_session(account_id) for _ in range(2)]
    reset = "reset-" + uuid.uuid4().hex
    await email_links.issue_token(bound, account_id, "reset", reset, MAIL[1], NOW)
    new, link = new_address(), token()
    assert await profile_changes.ask_change(bound, account_id, new, link, MAIL, NOW)
    assert (await profile_changes.pending_change(account_id, NOW)).new_email == new
    assert await profile_changes.link_change(link, NOW) == profile_changes.ChangeLink(
        account_id, new)
    assert (await accounts.get_account(account_id)).email == email, "not before the link"
    taps = await asyncio.gather(*(change_email(bound, link, NOW, here, account_id)
                                  for _ in range(2)))
    assert [t for t in taps if t is not None] == [Accepted(EmailChanged(account_id, email, new))]
    assert taps.count(None) == 1, "the second tap finds the link used"
    # The old address hears, once, that it is done: when, to what (masked), whom to call.
    [(subject, body)] = await mail_to(email)
    assert subject == "Your e-mail address was changed"
    assert "on Friday 27 November 2026 at 10:00 AM PST" in body and "call 323-555-0100" in body
    assert new not in body and f"to {new[0]}\u2022\u2022\u2022@example.com" in body
    row = await Account.select(Account.username, Account.email).where(
        Account.id == account_id).first()
    assert row == {"username": new, "email": new}
    assert await AccountSession.get_user_id(here) == account_id
    assert await AccountSession.get_user_id(elsewhere) is None
    # The reset link went to the old address: it no longer opens the account.
    assert await email_links.reset_password(bound, reset, "x", NOW) is None
    assert await profile_changes.changed_by(link, NOW - timedelta(minutes=1)) == new
    assert await profile_changes.pending_change(account_id, NOW) is None
    assert await AuditEvent.count().where((AuditEvent.subject == f"account {account_id}")
                                          & (AuditEvent.action == "e-mail changed")) == 1


async def sign_in_session(account_id: int) -> str:
    from db.accounts.sign_in import start_session

    return await start_session(account_id)


async def test_an_address_taken_by_another_account_is_refused_and_the_link_kept(bound):
    account_id, email = await person(bound)
    _, someone_else = await person(bound)
    assert not await profile_changes.ask_change(bound, account_id, someone_else, token(), MAIL,
                                                NOW)
    new, link = new_address(), token()
    assert await profile_changes.ask_change(bound, account_id, new, link, MAIL, NOW)
    await accounts.create_account(bound, email=new, password_hash="x", name="Quick", phone="",
                                  role=Role.OWNER_BUILDER, now=NOW)
    assert await change_email(bound, link) == Rejected({"email": TAKEN})
    assert (await profile_changes.link_change(link, NOW)).new_email == new
    assert (await accounts.get_account(account_id)).email == email


async def test_a_link_pressed_where_another_account_is_signed_in_changes_nothing(bound):
    account_id, email = await person(bound)
    other_id, other_email = await person(bound)
    new, link = new_address(), token()
    assert await profile_changes.ask_change(bound, account_id, new, link, MAIL, NOW)
    theirs = await sign_in_session(other_id)
    assert await change_email(bound, link, NOW, theirs, other_id) == Rejected(
        {"account": ANOTHER_ACCOUNT})
    assert [(await accounts.get_account(i)).email for i in (account_id, other_id)] == [
        email, other_email]
    assert await AccountSession.get_user_id(theirs) == other_id
    assert await mail_to(email) == [], "nothing changed, nothing said"
    assert await profile_changes.link_change(link, NOW) == profile_changes.ChangeLink(
        account_id, new), "the link still works for its own account"
    assert await change_email(bound, link) == Accepted(EmailChanged(account_id, email, new))
    assert await AccountSession.get_user_id(theirs) == other_id, "not that account's session"


async def test_a_newer_request_cancelling_a_new_password_or_time_end_a_waiting_link(bound):
    account_id, _ = await person(bound)
    first, second, third, fourth = (token() for _ in range(4))
    await profile_changes.ask_change(bound, account_id, new_address(), first, MAIL, NOW)
    await profile_changes.ask_change(bound, account_id, new_address(), second, MAIL, NOW)
    assert await profile_changes.link_change(first, NOW) is None
    assert await profile_changes.cancel_change(bound, account_id, NOW)
    assert await profile_changes.link_change(second, NOW) is None
    assert not await profile_changes.cancel_change(bound, account_id, NOW)
    await profile_changes.ask_change(bound, account_id, new_address(), third, MAIL, NOW)
    await passwords.change_password(bound, account_id, "pbkdf2_sha256$1$y$z", NOW)
    assert await change_email(bound, third) is None
    await profile_changes.ask_change(bound, account_id, new_address(), fourth, MAIL, NOW)
    late = NOW + timedelta(hours=24, seconds=1)
    assert await profile_changes.link_change(fourth, late) is None
    assert await change_email(bound, fourth, late) is None


async def test_two_colleagues_removing_each_other_at_once_remove_one(bound):
    one, _ = await person(bound, license_no="1012345")
    other, _ = await person(bound, license_no="1012345")
    message = Message("removed@example.com", "Removed", "…")
    done = await asyncio.gather(colleagues.remove_colleague(bound, one, other, message, NOW),
                                colleagues.remove_colleague(bound, other, one, message, NOW))
    assert sum(d is not None for d in done) == 1
    states = {(await accounts.get_account(i)).verification for i in (one, other)}
    assert states == {Verification.VERIFIED, Verification.REJECTED}
    assert await colleagues.remove_colleague(bound, one, one, message, NOW) is None


async def test_a_removed_account_keeps_none_of_the_license_permits_it_applied_for(bound, known):
    remover, _ = await person(bound, license_no="1012345")
    removed, removed_email = await person(bound, phone="323-555-0177", license_no="1012345")
    owner, owner_address = await person(bound, role=Role.OWNER_BUILDER, parcel=known["sunset"])
    number, own_number = await free_number("BLD2026"), await free_number("BLD2026")
    async with applied_permit(number, known["sunset"], subtype="Re-roof", description="Roof",
                              applied_on=date(2026, 11, 2),
                              contractor=("Acme Roofing Inc", "1012345")) as permit, \
            applied_permit(own_number, known["sunset"], subtype="Re-roof", description="Own",
                           applied_on=date(2026, 11, 2)) as own_permit:
        await Application.insert(
            Application(account=removed, permit_type="BLD", status="submitted", permit=permit),
            Application(account=owner, permit_type="BLD", status="submitted", permit=own_permit))
        # As an online application records them: the applicant's address on its rows.
        owner_email = f"owner.{uuid.uuid4().hex[:8]}@example.com"
        await PermitContact.insert(*(
            PermitContact(permit=permit, role=role, name="Pat Person", email=removed_email)
            for role in ("applicant", "contractor")),
            PermitContact(permit=permit, role="owner", name="Olive Owner", email=owner_email),
            PermitContact(permit=own_permit, role="applicant", name="Pat Person",
                          email=owner_email))
        before = await accounts.get_account(removed)
        assert await may_act_on(before, permit)
        assert await number_on_file(number, "+13235550177")
        assert removed_email in (await recipients(permit, "1012345")).contacts
        await colleagues.remove_colleague(bound, remover, removed, MAIL[0], NOW)
        after = await accounts.get_account(removed)
        assert not await may_act_on(after, permit)
        assert not await number_on_file(number, "+13235550177")
        told = await recipients(permit, "1012345")
        assert removed_email not in told.everyone, "not through its contact rows either"
        assert owner_email in told.contacts, "the property owner still hears"
        assert (await recipients(own_permit, None)).contacts == sorted(
            [owner_address, owner_email]), "an owner-builder's permit: as before"
        # An owner-builder's own permit (no license on it) is still its own.
        assert await may_act_on(await accounts.get_account(owner), own_permit)


async def test_two_taps_at_once_ask_for_one_link(bound):
    """Decided under the account's lock: both answer that the link is on its way, one sent."""
    account_id, _ = await person(bound)
    new, mail = new_address(), (Message("taps@example.com", "Link", "…"),
                                Message("taps.old@example.com", "Asked", "…"))
    both = await asyncio.gather(*(profile_changes.ask_change(bound, account_id, new, token(),
                                                             mail, NOW) for _ in range(2)))
    assert both == [True, True]
    assert len(await mail_to("taps@example.com")) == 1
    assert len(await AuditEvent.select(AuditEvent.id).where(
        (AuditEvent.subject == f"account {account_id}")
        & (AuditEvent.action == "e-mail change asked"))) == 1
