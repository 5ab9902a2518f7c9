"""Accounts, sessions, links, lockouts, follows and the dashboard's queries, on both engines."""
from __future__ import annotations

import asyncio
import uuid
from datetime import date, datetime, timedelta, timezone

from db.accounts import accounts, email_links, passwords, sign_in
from db.permits import dashboard
from db.permits.follows import follow, unfollow
from db.permits.status import change_status
from db.tables import AccountSession, AuditEvent, Inspection, OutboxMessage
from domain.accounts import Role
from domain.dashboard import Section
from domain.notifications import NoticeContext
from domain.outcomes import Accepted
from domain.permits import Status
from tests.factories import applied_permit, free_number, seed_scheduled_inspection

NOW = datetime(2026, 11, 27, 18, 0, tzinfo=timezone.utc)
TODAY = date(2026, 11, 27)


async def new_account(database, role=Role.CONTRACTOR, password="correct-horse-9", **extra
                      ) -> tuple[int, str]:
    email = f"db.{uuid.uuid4().hex[:10]}@example.com"
    account_id = await accounts.create_account(
        database, email=email, password_hash=await passwords.hash_password(password),
        name="Test Person", phone="323-555-0100", role=role, email_verified_at=NOW, now=NOW,
        **extra)
    return account_id, email


async def test_a_password_is_checked_off_the_event_loop_and_wrong_ones_fail(bound):
    _, email = await new_account(bound)
    assert (await sign_in.check_password(email, "correct-horse-9")).email == email
    assert await sign_in.check_password(email, "correct-horse-8") is None
    assert await sign_in.check_password("nobody@example.com", "correct-horse-9") is None


async def test_two_registrations_with_one_address_at_once_create_one_account(bound):
    email = f"race.{uuid.uuid4().hex[:8]}@example.com"
    password_hash = await passwords.hash_password("correct-horse-9")

    async def register():
        try:
            return await accounts.create_account(
                bound, email=email, password_hash=password_hash, name="Racer", phone="",
                role=Role.CONTRACTOR, now=NOW)
        except accounts.EmailTaken:
            return None

    results = await asyncio.gather(register(), register())
    assert sorted(r is None for r in results) == [False, True]


async def test_a_verification_link_works_once_and_not_after_it_expires(bound):
    account_id, _ = await new_account(bound)
    await email_links.issue_token(bound, account_id, "verify", "tok-" + uuid.uuid4().hex,
                               _message(), NOW)
    token = "tok-" + uuid.uuid4().hex
    await email_links.issue_token(bound, account_id, "verify", token, _message(), NOW)
    assert await email_links.verify_email(bound, token, NOW + timedelta(hours=47)) == account_id
    assert await email_links.verify_email(bound, token, NOW + timedelta(hours=47)) is None
    late = "tok-" + uuid.uuid4().hex
    await email_links.issue_token(bound, account_id, "verify", late, _message(), NOW)
    assert await email_links.verify_email(bound, late, NOW + timedelta(hours=49)) is None


async def test_a_password_reset_revokes_sessions_and_older_reset_links(bound):
    account_id, email = await new_account(bound)
    session = await sign_in.start_session(account_id)
    first, second = "r1-" + uuid.uuid4().hex, "r2-" + uuid.uuid4().hex
    for token in (first, second):
        await email_links.issue_token(bound, account_id, "reset", token, _message(), NOW)
    new_hash = await passwords.hash_password("brand-new-secret-4")
    assert await email_links.reset_password(bound, second, new_hash, NOW) == account_id
    assert await AccountSession.get_user_id(session) is None
    assert await email_links.reset_password(bound, first, new_hash, NOW) is None
    assert await sign_in.check_password(email, "brand-new-secret-4") is not None


async def test_a_session_renews_while_used_and_ends_when_idle_or_too_old(bound):
    account_id, _ = await new_account(bound)
    token = await sign_in.start_session(account_id)
    now = datetime.now()
    # Used within its last 20 minutes: extended by 20 minutes.
    await AccountSession.update({AccountSession.expiry_date: now + timedelta(minutes=5)}).where(
        AccountSession.token == token)
    assert await AccountSession.get_user_id(token, increase_expiry=sign_in.RENEW_WITHIN) == (
        account_id)
    [row] = await AccountSession.select(AccountSession.expiry_date).where(
        AccountSession.token == token)
    assert row["expiry_date"] > now + timedelta(minutes=20)
    # An hour without use: gone.
    await AccountSession.update({AccountSession.expiry_date: now - timedelta(seconds=1)}).where(
        AccountSession.token == token)
    assert await AccountSession.get_user_id(token, increase_expiry=sign_in.RENEW_WITHIN) is None
    # In use, but past the absolute limit: gone too.
    await AccountSession.update({AccountSession.expiry_date: now + timedelta(minutes=30),
                                 AccountSession.max_expiry_date: now - timedelta(seconds=1)}
                                ).where(AccountSession.token == token)
    assert await AccountSession.get_user_id(token, increase_expiry=sign_in.RENEW_WITHIN) is None


async def test_failed_sign_ins_are_counted_per_key(bound):
    key = f"account:{uuid.uuid4().hex}@example.com"
    for minutes in (1, 2, 3):
        await sign_in.begin_attempt(bound, [key, "address:198.51.100.7"],
                                     NOW + timedelta(minutes=minutes))
    found = await sign_in.failures([key], NOW)
    assert len(found[key]) == 3
    await sign_in.clear_failures(key)
    assert (await sign_in.failures([key], NOW))[key] == []


async def test_following_is_idempotent_and_unknown_numbers_are_refused(bound, known, reader):
    account_id, _ = await new_account(bound)
    assert await follow(bound, account_id, "MEC2026-00003", NOW)
    assert await follow(bound, account_id, "MEC2026-00003", NOW)
    assert not await follow(bound, account_id, "MEC2026-99999", NOW)
    followed = await dashboard.followed_permits(reader, account_id)
    assert [p.number for p in followed] == ["MEC2026-00003"]
    await unfollow(bound, account_id, known["hvac"], NOW)
    await unfollow(bound, account_id, known["hvac"], NOW)
    assert await dashboard.followed_permits(reader, account_id) == []
    assert await AuditEvent.count().where(
        (AuditEvent.action == "permit unfollowed") & (AuditEvent.permit == known["hvac"])
        & (AuditEvent.at == NOW)) == 1, "stopped once, recorded once"


async def test_the_dashboard_sections_and_counts_of_a_license(bound, known, reader):
    inspection = await seed_scheduled_inspection(known["roof"], date(2030, 1, 15))
    try:
        await _dashboard_checks(bound, reader, inspection)
    finally:
        await Inspection.delete().where(Inspection.id == inspection)


async def _dashboard_checks(database, reader, inspection: int) -> None:
    account_id, _ = await new_account(database, license_no="1012345")
    active = await dashboard.section_permits(reader, "1012345", Section.ACTIVE, TODAY)
    assert [(p.number, p.unpaid) for p in active] == [("BLD2026-00042", 1)]
    assert await dashboard.section_permits(reader, "1012345", Section.EXPIRED, TODAY) == []
    lapsed = await dashboard.section_permits(reader, "1012345", Section.EXPIRED,
                                             date(2027, 6, 1))
    assert [p.number for p in lapsed] == ["BLD2026-00042"]
    applying = await dashboard.section_permits(reader, "1023456", Section.APPLICATIONS, TODAY)
    assert [p.number for p in applying] == ["MEC2026-00003"]
    counts = await dashboard.section_counts(reader, "1012345", account_id, TODAY)
    assert counts[Section.ACTIVE] == 1 and counts[Section.APPLICATIONS] == 0
    listed = await dashboard.active_inspections(reader, "1012345")
    assert inspection in {i.id for i in listed}
    assert counts[Section.INSPECTIONS] == len(listed)


async def test_a_status_change_e_mails_followers_and_the_company_in_its_transaction(
        bound, known):
    number = await free_number("PLM2026")  # drawn again when taken
    async with applied_permit(number, known["sunset"], subtype="Water Heater",
                              description="Water heater", applied_on=TODAY,
                              contractor=("Acme Roofing Inc", "1012345")):
        follower, follower_email = await new_account(bound, role=Role.OWNER_BUILDER)
        _, company_email = await new_account(bound, license_no="1012345")
        _, stranger_email = await new_account(bound, license_no="1023456")
        await follow(bound, follower, number, NOW)
        outcome = await change_status(bound, number, Status.ISSUED, NOW, TODAY, "staff",
                                      notify=NoticeContext("City of Test", "https://p.test"))
        assert outcome == Accepted(Status.ISSUED)
        rows = await OutboxMessage.select(OutboxMessage.recipient, OutboxMessage.subject,
                                          OutboxMessage.body).where(
            OutboxMessage.subject == f"Permit {number} is now Issued")
        recipients = {row["recipient"] for row in rows}
        assert {follower_email, company_email} <= recipients
        assert stranger_email not in recipients
        assert f"https://p.test/permits/{number}" in rows[0]["body"]


def _message():
    from db.mail.outbox import Message

    return Message("someone@example.com", "A link", "https://p.test/…")


async def test_tidying_deletes_dead_sessions_old_links_and_old_failures_only(bound):
    from db.lifecycle.housekeeping import tidy
    from db.tables import AccountToken, SignInFailure

    account_id, _ = await new_account(bound)
    live, dead = await sign_in.start_session(account_id), await sign_in.start_session(account_id)
    await AccountSession.update({AccountSession.expiry_date: datetime.now() - timedelta(
        minutes=1)}).where(AccountSession.token == dead)
    fresh, stale = "fresh-" + uuid.uuid4().hex, "stale-" + uuid.uuid4().hex
    now = datetime.now(timezone.utc)
    await email_links.issue_token(bound, account_id, "reset", fresh, _message(), now)
    await email_links.issue_token(bound, account_id, "reset", stale, _message(),
                                  now - timedelta(days=9))
    key = f"account:{uuid.uuid4().hex}"
    await sign_in.begin_attempt(bound, [key], now - timedelta(hours=2))
    await tidy(now)
    assert await AccountSession.exists().where(AccountSession.token == live)
    assert not await AccountSession.exists().where(AccountSession.token == dead)
    assert await AccountToken.exists().where(AccountToken.token_hash == email_links.token_digest(fresh))
    assert not await AccountToken.exists().where(
        AccountToken.token_hash == email_links.token_digest(stale))
    assert await SignInFailure.exists().where(SignInFailure.key == key)
