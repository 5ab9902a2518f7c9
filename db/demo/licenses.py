"""A synthetic CSLB License Master file with the exact header, for the demo and the tests.

No real license data is shipped. The demo's contractors (``contractor_pools`` with the same
seed as the demo permits) are in it and in good standing, so their permits have a license to
register with; the rest are random companies, some suspended, expired or without coverage.
"""
from __future__ import annotations

import csv
import random
from datetime import date, timedelta
from typing import Iterable, Iterator

from db.demo.people import LAST, PLACES, TRADES, contractor_pools, phone
from domain.licenses import CSLB_HEADER

SUSPENSIONS = ("Contr Bond Susp", "Work Comp Susp", "Liab Ins Susp", "Judgement Susp")
INSURERS = ("State Compensation Insurance Fund", "Golden Eagle Insurance Corp",
            "Pacific Employers Mutual", "Redwood Fire & Casualty")
# Fixed licenses the demo offers for trying registration's refusals.
DEMO_SUSPENDED = "990001"
DEMO_NO_WORKERS_COMP = "990002"
DEMO_EXPIRED = "990003"


def _mdy(day: date | None) -> str:
    return "" if day is None else f"{day.month:02d}/{day.day:02d}/{day.year}"


def license_row(license_no: str, business_name: str, *, today: date, classes: str = "B",
                status: str = "CLEAR", workers_comp: str = "insured",
                expires_on: date | None = None, city: str = "LOS ANGELES",
                business_phone: str = "3235550100") -> dict[str, str]:
    """One License Master row; ``workers_comp`` is ``insured``, ``exempt`` or ``none``."""
    row = dict.fromkeys(CSLB_HEADER, "")
    expires_on = expires_on or today + timedelta(days=400)
    row.update({
        "LicenseNo": license_no, "LastUpdate": _mdy(today - timedelta(days=3)),
        "BusinessName": business_name.upper(), "FullBusinessName": business_name.upper(),
        "MailingAddress": "100 EXAMPLE WAY", "City": city, "State": "CA",
        "County": "Los Angeles", "ZIPCode": "90069", "country": "",
        "BusinessPhone": business_phone, "BusinessType": "Corporation",
        "IssueDate": _mdy(expires_on - timedelta(days=365 * 6)),
        "ExpirationDate": _mdy(expires_on), "PrimaryStatus": status,
        "Classifications(s)": classes,
    })
    if workers_comp == "exempt":
        row["WorkersCompCoverageType"] = "Exempt"
    elif workers_comp == "insured":
        row.update({
            "WorkersCompCoverageType": "Workers' Compensation Insurance",
            "WCInsuranceCompany": INSURERS[int(license_no) % len(INSURERS)],
            "WCPolicyNumber": f"WC{int(license_no) * 7 % 10_000_000:07d}",
            "WCEffectiveDate": _mdy(today - timedelta(days=200)),
            "WCExpirationDate": _mdy(today + timedelta(days=165)),
        })
    return row


def demo_license_rows(count: int, seed: int = 1, today: date | None = None,
                      extra: Iterable[dict[str, str]] = ()) -> Iterator[dict[str, str]]:
    """``count`` rows (at least the demo's contractors and the fixed refusals), then ``extra``."""
    today = today or date.today()
    rng = random.Random(seed)
    pools = contractor_pools(random.Random(seed))
    used: set[str] = set()
    for trade, people in pools.items():
        cls = TRADES[trade][0]
        for person in people:
            used.add(person.license_number)
            second = "|C-10" if cls == "C-46" else "|C-8" if cls == "B" else ""
            yield license_row(person.license_number, person.company, today=today,
                              classes=cls.replace("-", "") + second,
                              expires_on=today + timedelta(days=rng.randrange(60, 730)),
                              business_phone=person.phone.replace("-", ""),
                              workers_comp="exempt" if rng.random() < 0.2 else "insured")
    yield license_row(DEMO_SUSPENDED, "Westside Shortcut Roofing", today=today,
                      classes="C39", status="Work Comp Susp")
    yield license_row(DEMO_NO_WORKERS_COMP, "Crescent Quick Electric", today=today,
                      classes="C10", workers_comp="none")
    yield license_row(DEMO_EXPIRED, "Mesa Vintage Plumbing", today=today, classes="C36",
                      expires_on=today - timedelta(days=45))
    used |= {DEMO_SUSPENDED, DEMO_NO_WORKERS_COMP, DEMO_EXPIRED}
    all_classes = [cls.replace("-", "") for cls, _ in TRADES.values()] + ["C4", "C7", "C33"]
    for _ in range(max(0, count - len(used))):
        license_no = str(rng.randrange(100_000, 1_200_000))
        while license_no in used:
            license_no = str(rng.randrange(100_000, 1_200_000))
        used.add(license_no)
        x = rng.random()
        yield license_row(
            license_no,
            f"{rng.choice(PLACES)} {rng.choice(LAST)} {rng.choice(('Inc.', 'LLC', 'Co.'))}",
            today=today, classes="|".join(rng.sample(all_classes, rng.randint(1, 3))),
            status=rng.choice(SUSPENSIONS) if x < 0.06 else "CLEAR",
            workers_comp="none" if x > 0.97 else "exempt" if x > 0.7 else "insured",
            expires_on=today + timedelta(days=rng.randrange(-400, 730)),
            business_phone=phone(rng).replace("-", ""))
    yield from extra


def write_license_file(path: str, rows: Iterable[dict[str, str]]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as file:
        writer = csv.DictWriter(file, fieldnames=CSLB_HEADER, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
