"""The phone line's caller PINs and the lookups a call makes (its state: phone_calls.py)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from db.accounts.passwords import hash_password, matches
from db.audit.trail import record, record_alone
from db.database import Database
from db.reader import as_date
from db.tables import Account, Application, Inspection, Permit
from domain.accounts import Verification, normalize_phone
from domain.audit_actions import PHONE_PIN_REFUSED, PHONE_PIN_REPLACED
from domain.audit_subjects import account_subject
from domain.inspection_types import COMPLETED, SCHEDULED
from domain.phone_line import HEARD_RESULTS


@dataclass(frozen=True)
class Caller:
    """The account a caller proved to be with a PIN (what scheduling needs of it)."""
    id: int
    first_name: str
    email: str
    phone: str
    license_no: str | None
    verification: str


_CALLER = (Account.id, Account.first_name, Account.email, Account.phone, Account.license_no,
           Account.verification)


async def set_phone_pin(database: Database, account_id: int, pin: str) -> None:
    digest = await hash_password(pin)
    async with database.transaction():
        await Account.update({Account.phone_pin: digest}).where(Account.id == account_id)
        await record(PHONE_PIN_REPLACED, subject=account_subject(account_id))


async def _acting_for(permit_number: str) -> object | None:
    """A where-clause on Account: the active accounts acting for the permit (its verified
    contractor's, or the one that applied for it); None if there is no such permit."""
    permit = await Permit.select(Permit.id, Permit.contractor_license).where(
        Permit.number == permit_number).first()
    if permit is None:
        return None
    if permit["contractor_license"]:
        # The license's verified accounts alone (db/permits/access.py): one removed from the
        # company does not keep the permits it applied for.
        who = ((Account.license_no == permit["contractor_license"])
               & (Account.verification == Verification.VERIFIED.value))
    else:
        who = Account.id.is_in(Application.select(Application.account).where(
            Application.permit == permit["id"]))
    return who & (Account.active == True)  # noqa: E712


async def number_on_file(permit_number: str, caller_id: str) -> bool:
    """The calling number is the phone of an account acting for the permit: the company's
    own phones, which a stranger's wrong PINs must not shut out (domain/pin_locks.py). An
    account's phone counts once it is verified for the license, so registering a number
    does not put it on file."""
    number = normalize_phone(caller_id)
    who = await _acting_for(permit_number) if number else None
    if who is None:
        return False
    return any(normalize_phone(row["phone"] or "") == number
               for row in await Account.select(Account.phone).where(who))


async def note_wrong_pin(database: Database, permit_id: int, caller_id: str,
                         now: datetime) -> None:
    """A wrong PIN on the audit trail, with the number that called (issue 16 §5): staff see
    who is guessing at a company's PIN, beside the locks of /staff/phone-line."""
    await record_alone(database, PHONE_PIN_REFUSED, permit_id=permit_id, at=now,
                       after={"calling number": normalize_phone(caller_id) or "withheld"})


async def caller_for(permit_number: str, pin: str) -> Caller | None:
    """The active account acting for the permit whose PIN this is, if any."""
    who = await _acting_for(permit_number)
    if who is None:
        return None
    rows = await Account.select(*_CALLER, Account.phone_pin).where(
        who & (Account.phone_pin != ""))
    for row in rows:
        if await matches(row["phone_pin"], pin):
            return Caller(*(row[c._meta.name] for c in _CALLER))
    return None


async def caller_by_id(account_id: int | None) -> Caller | None:
    if account_id is None:
        return None
    row = await Account.select(*_CALLER).where(Account.id == account_id).first()
    return Caller(*(row[c._meta.name] for c in _CALLER)) if row else None


@dataclass(frozen=True)
class Booked:
    id: int
    permit_number: str
    type_code: str
    type_name: str
    day: date | None


async def _scheduled(where) -> Booked | None:
    row = await Inspection.select(
        Inspection.id, Inspection.permit.number, Inspection.type_code, Inspection.type_name,
        Inspection.scheduled_for,
    ).where(where & (Inspection.status == SCHEDULED)).first()
    if row is None:
        return None
    day = row["scheduled_for"]
    return Booked(row["id"], row["permit.number"], row["type_code"], row["type_name"],
                  as_date(day))


async def scheduled_by_confirmation(confirmation: str) -> Booked | None:
    return await _scheduled(Inspection.confirmation == confirmation)


async def scheduled_by_id(inspection_id: int | None) -> Booked | None:
    return await _scheduled(Inspection.id == inspection_id) if inspection_id else None


async def last_result(permit_number: str, today: date
                      ) -> tuple[str, str, date | None, str] | None:
    """(code, name, date, result) of the permit's latest inspection with a result an inspector
    recorded, dated today or earlier in the city: what the public may hear of it. A
    cancellation is not a result, and a later day's inspection has none yet (issue 14 §6)."""
    row = await Inspection.select(
        Inspection.type_code, Inspection.type_name, Inspection.scheduled_for, Inspection.result,
    ).where((Inspection.permit.number == permit_number) & (Inspection.status == COMPLETED)
            & Inspection.result.is_in(list(HEARD_RESULTS))
            & (Inspection.scheduled_for.is_null() | (Inspection.scheduled_for <= today))
            ).order_by(Inspection.scheduled_for, Inspection.inspected_at, Inspection.id,
                       ascending=False).first()
    if row is None:
        return None
    return (row["type_code"], row["type_name"], as_date(row["scheduled_for"]), row["result"])
