"""What the audit log names an event's subject by, as staff read it in the log (issue 15)."""
from __future__ import annotations

from datetime import date

ACCOUNT = "account {account_id}"
DRAFT = "application {application_id} of account {account_id}"
PERMIT = "permit {permit_id}"
INSPECTION = "inspection {inspection_id}"
PAYMENT = "payment {reference}"
DISTRICT = "district {code}"
DAY_CAPACITY = "capacity {district} {day}"
# A staff member named in an event's values: a first name alone may be shared.
PERSON = "{name} ({email})"


def account_subject(account_id: int) -> str:
    return ACCOUNT.format(account_id=account_id)


def draft_subject(application_id: int, account_id: int) -> str:
    return DRAFT.format(application_id=application_id, account_id=account_id)


def permit_subject(permit_id: int) -> str:
    return PERMIT.format(permit_id=permit_id)


def inspection_subject(inspection_id: int) -> str:
    return INSPECTION.format(inspection_id=inspection_id)


def payment_subject(reference: str) -> str:
    return PAYMENT.format(reference=reference)


def district_subject(code: str) -> str:
    return DISTRICT.format(code=code)


def capacity_subject(district: str, day: date) -> str:
    return DAY_CAPACITY.format(district=district, day=day.isoformat())


def person(name: str, email: str) -> str:
    return PERSON.format(name=name, email=email)
