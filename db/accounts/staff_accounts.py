"""Staff and inspector accounts: the list with inspectors' work, and a supervisor's changes."""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime

import asyncpg
from piccolo.query.functions.aggregate import Count, Min

from db.accounts.accounts import EmailTaken
from db.accounts.email_links import store_link
from db.audit.trail import record
from db.database import Database
from db.mail.outbox import Message, enqueue
from db.reader import as_date
from db.tables import Account, AccountSession, AccountToken, District, Inspection, ReviewAssignment
from domain.accounts import Role, Verification
from domain.audit_actions import (
    ACCOUNT_DEACTIVATED, ACCOUNT_REACTIVATED, PASSWORD_LINK_SENT, STAFF_ACCOUNT_CHANGED,
    STAFF_ACCOUNT_CREATED
)
from domain.audit_subjects import account_subject
from domain.inspection_types import SCHEDULED
from domain.outcomes import Accepted, Rejected
from domain.review_disciplines import OPEN
from domain.review_queue import REVIEWED, WAITING
from domain.staff_accounts import (
    CITY_ROLES, FIRST_LINK_LIFE, INACTIVE_LINK, SUPERVISORS_ONLY, Holdings, Member, PersonForm,
    change_refusal, changed_fields, created_fields, deactivation_refusal
)

_CITY = Account.role.is_in([role.value for role in CITY_ROLES])
_COLUMNS = (Account.id, Account.first_name, Account.email, Account.phone, Account.role,
            Account.supervisor, Account.active, Account.email_verified_at)
# Refused because the one acting is no longer an active supervisor (another one took the
# flag away a moment ago): the web answers 403.
NOT_A_SUPERVISOR = Rejected({"access": SUPERVISORS_ONLY})


@dataclass(frozen=True)
class Person:
    """A row of the supervisor's list, and the page of one account."""
    id: int
    name: str
    email: str
    phone: str
    role: Role
    supervisor: bool
    active: bool
    # False until the person opened the e-mailed link and chose a password.
    password_set: bool
    holdings: Holdings

    @property
    def member(self) -> Member:
        return Member(self.id, self.name, self.phone, self.role, self.supervisor, self.active)


def _person(row: dict, holdings: Holdings) -> Person:
    return Person(row["id"], row["first_name"] or "", row["email"], row["phone"],
                  Role(row["role"]), bool(row["supervisor"]), bool(row["active"]),
                  row["email_verified_at"] is not None, holdings)


async def _open_reviews(account_ids: list[int]) -> dict[int, int]:
    """Each reviewer's open plan reviews of applications the review queue lists (those of a
    cancelled application are nobody's work), the ones its ?reviewer= filter finds."""
    rows = await ReviewAssignment.select(ReviewAssignment.reviewer, Count(alias="open")).where(
        ReviewAssignment.reviewer.is_in(account_ids) & (ReviewAssignment.decision == OPEN)
        & ReviewAssignment.permit.status.is_in(list(WAITING))
        & ReviewAssignment.permit.subtype.is_in(list(REVIEWED))
    ).group_by(ReviewAssignment.reviewer)
    return {row["reviewer"]: row["open"] for row in rows}


async def holdings_of(account_ids: list[int]) -> dict[int, Holdings]:
    """Each inspector's scheduled inspections (however long ago their day: unresulted, they
    are still theirs to do) and districts, and each reviewer's open plan reviews, in grouped
    queries for the whole list."""
    if not account_ids:
        return {}
    counted = await Inspection.select(
        Inspection.inspector_account, Count(alias="scheduled"),
        Min(Inspection.scheduled_for, alias="first_day"),
    ).where(Inspection.inspector_account.is_in(account_ids)
            & (Inspection.status == SCHEDULED)).group_by(Inspection.inspector_account)
    districts: dict[int, list[str]] = {}
    for row in await District.select(District.code, District.inspector).where(
            District.inspector.is_in(account_ids)).order_by(District.code):
        districts.setdefault(row["inspector"], []).append(row["code"])
    found = {row["inspector_account"]: (row["scheduled"], as_date(row["first_day"]))
             for row in counted}
    reviews = await _open_reviews(account_ids)
    return {account_id: Holdings(*found.get(account_id, (0, None)),
                                 tuple(districts.get(account_id, ())),
                                 reviews.get(account_id, 0))
            for account_id in account_ids}


async def people() -> list[Person]:
    """Every staff and inspector account, active ones first, each group by name. No pages: a
    city's back office is a few hundred people at most."""
    rows = await Account.select(*_COLUMNS).where(_CITY)
    holdings = await holdings_of([row["id"] for row in rows])
    found = [_person(row, holdings[row["id"]]) for row in rows]
    return sorted(found, key=lambda p: (not p.active, p.name.casefold(), p.id))


async def person(account_id: int) -> Person | None:
    """A staff or inspector account; None for any other (contractors are not kept here)."""
    row = await Account.select(*_COLUMNS).where((Account.id == account_id) & _CITY).first()
    if row is None:
        return None
    return _person(row, (await holdings_of([account_id]))[account_id])


async def _still_supervisor(database: Database, actor_id: int, account_id: int) -> bool:
    """Inside a write transaction: both accounts locked (two supervisors taking each other's
    flag at once on PostgreSQL cannot both succeed), then whether the actor may still act."""
    await database.lock_rows("account", "id", sorted({actor_id, account_id}))
    return await Account.exists().where(
        (Account.id == actor_id) & (Account.role == Role.STAFF.value)
        & (Account.supervisor == True) & (Account.active == True))  # noqa: E712


async def add_person(database: Database, actor_id: int, form: PersonForm, password_hash: str,
                     token: str, message: Message, now: datetime) -> Accepted[int] | Rejected:
    """A new account (its password a random one nobody knows), its single-use link to set a
    password and the e-mail carrying it. Raises EmailTaken when the address has an account."""
    async with database.transaction():
        if not await _still_supervisor(database, actor_id, actor_id):
            return NOT_A_SUPERVISOR
        try:
            rows = await Account.insert(Account(
                username=form.email, email=form.email, password=password_hash,
                first_name=form.name, phone=form.phone, role=form.role.value,
                supervisor=form.supervisor, active=True,
                verification=Verification.VERIFIED.value, email_verified_at=None,
                password_changed_at=now, created_at=now))
        except (sqlite3.IntegrityError, asyncpg.UniqueViolationError) as error:
            raise EmailTaken(form.email) from error
        account_id = rows[0]["id"]
        await record(STAFF_ACCOUNT_CREATED, subject=account_subject(account_id), at=now,
                     after=created_fields(form))
        await store_link(account_id, "reset", token, now + FIRST_LINK_LIFE, now)
        await enqueue(message, now)
    return Accepted(account_id)


async def _decided_on(database: Database, actor_id: int, account_id: int
                      ) -> tuple[Member, Holdings] | Rejected | None:
    """Inside the transaction: both accounts locked, NOT_A_SUPERVISOR when the actor may no
    longer act, None when the account is no staff or inspector account, else the account and
    its work as of now."""
    if not await _still_supervisor(database, actor_id, account_id):
        return NOT_A_SUPERVISOR
    found = await person(account_id)
    return (found.member, found.holdings) if found else None


async def change_person(database: Database, actor_id: int, account_id: int,
                        change: PersonForm, now: datetime) -> Accepted[bool] | Rejected | None:
    """Name, phone, role and supervisor flag; Accepted(whether anything changed), Rejected
    (why not, keyed by field), or None when it is not a staff or inspector account."""
    async with database.transaction():
        found = await _decided_on(database, actor_id, account_id)
        if not isinstance(found, tuple):
            return found
        member, holdings = found
        if refused := change_refusal(actor_id, member, change, holdings):
            return refused
        before, after = changed_fields(member, change)
        if not after:
            return Accepted(False)
        await Account.update({
            Account.first_name: change.name, Account.phone: change.phone,
            Account.role: change.role.value, Account.supervisor: change.supervisor,
        }).where(Account.id == account_id)
        await record(STAFF_ACCOUNT_CHANGED, subject=account_subject(account_id), at=now,
                     before=before, after=after)
    return Accepted(True)


async def deactivate(database: Database, actor_id: int, account_id: int, now: datetime
                     ) -> Accepted[bool] | Rejected | None:
    """The account can no longer sign in: its sessions end everywhere and its unused links
    stop working. Accepted(False) when it already was deactivated (a second tap)."""
    async with database.transaction():
        found = await _decided_on(database, actor_id, account_id)
        if not isinstance(found, tuple):
            return found
        member, holdings = found
        if not member.active:
            return Accepted(False)
        if refused := deactivation_refusal(actor_id, member, holdings):
            return refused
        await Account.update({Account.active: False}).where(Account.id == account_id)
        ended = await AccountSession.delete().where(
            AccountSession.user_id == account_id).returning(AccountSession.id)
        await AccountToken.delete().where(
            (AccountToken.account == account_id) & AccountToken.used_at.is_null())
        await record(ACCOUNT_DEACTIVATED, subject=account_subject(account_id), at=now,
                     before={"active": "yes"},
                     after={"active": "no", "sessions ended": len(ended)})
    return Accepted(True)


async def reactivate(database: Database, actor_id: int, account_id: int, now: datetime
                     ) -> Accepted[bool] | Rejected | None:
    """The account may sign in again with its password; Accepted(False) when it was active."""
    async with database.transaction():
        found = await _decided_on(database, actor_id, account_id)
        if not isinstance(found, tuple):
            return found
        if found[0].active:
            return Accepted(False)
        await Account.update({Account.active: True}).where(Account.id == account_id)
        await record(ACCOUNT_REACTIVATED, subject=account_subject(account_id), at=now,
                     before={"active": "no"}, after={"active": "yes"})
    return Accepted(True)


async def send_link(database: Database, actor_id: int, account_id: int, token: str,
                    message: Message, now: datetime) -> Accepted[bool] | Rejected | None:
    """A new link to set a password (the first one expired or was lost); the links sent
    before stop working, so only the newest e-mail counts."""
    async with database.transaction():
        found = await _decided_on(database, actor_id, account_id)
        if not isinstance(found, tuple):
            return found
        if not found[0].active:
            return Rejected({"link": INACTIVE_LINK})
        await AccountToken.update({AccountToken.used_at: now}).where(
            (AccountToken.account == account_id) & (AccountToken.purpose == "reset")
            & AccountToken.used_at.is_null())
        await store_link(account_id, "reset", token, now + FIRST_LINK_LIFE, now)
        await enqueue(message, now)
        await record(PASSWORD_LINK_SENT, subject=account_subject(account_id), at=now)
    return Accepted(True)
