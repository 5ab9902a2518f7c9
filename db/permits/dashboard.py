"""Read queries behind My Dashboard: one license's permits by section, inspections, follows."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from db.permits.corrections import waiting_for_corrections
from db.reader import as_date, as_money
from domain.dashboard import APPLICATION_STATUSES, Section, permit_section
from domain.inspection_types import SCHEDULED
from domain.permits import ListedPermit

ROWS = 50


@dataclass(frozen=True)
class DashboardPermit(ListedPermit):
    """A permit in one of My Dashboard's sections, with what is still unpaid on it."""
    id: int
    expires_on: date | None
    unpaid: Decimal
    corrections_required: bool = False


@dataclass(frozen=True)
class DashboardInspection:
    id: int
    permit_number: str
    site_address: str
    type_name: str
    scheduled_for: date | None
    status: str
    confirmation: str | None


_PERMIT = ("SELECT p.id, p.number, p.permit_type, p.subtype, p.status, p.site_address,"
           " p.applied_on, p.issued_on, p.expires_on,"
           " (SELECT sum(f.amount) FROM fee_item f WHERE f.permit = p.id AND NOT f.paid), "
           + waiting_for_corrections("p") + " FROM permit p")
_WHERE = {
    Section.ACTIVE: "p.status = 'Issued' AND (p.expires_on IS NULL OR p.expires_on >= ?)",
    Section.EXPIRED: "(p.status = 'Expired' OR (p.status = 'Issued' AND p.expires_on < ?))",
    Section.APPLICATIONS: "p.status IN ({})".format(
        ", ".join(f"'{s}'" for s in APPLICATION_STATUSES)),
}
_ORDER = {
    Section.ACTIVE: "p.expires_on, p.id",
    Section.EXPIRED: "p.expires_on DESC, p.id DESC",
    Section.APPLICATIONS: "p.applied_on DESC, p.id DESC",
}


def _permit(r) -> DashboardPermit:
    return DashboardPermit(
        id=r[0], number=r[1], permit_type=r[2], subtype=r[3], status=r[4], site_address=r[5],
        applied_on=as_date(r[6]), issued_on=as_date(r[7]), expires_on=as_date(r[8]),
        unpaid=as_money(r[9]), corrections_required=bool(r[10]))


async def section_permits(reader, license_no: str, section: Section, today: date
                          ) -> list[DashboardPermit]:
    rows = await reader.fetch(
        f"{_PERMIT} WHERE p.contractor_license = ? AND {_WHERE[section]}"
        f" ORDER BY {_ORDER[section]} LIMIT {ROWS}",
        [license_no, today] if "?" in _WHERE[section] else [license_no])
    return [_permit(r) for r in rows]


async def section_counts(reader, license_no: str | None, account_id: int, today: date
                         ) -> dict[Section, int]:
    counts = dict.fromkeys(Section, 0)
    if license_no:
        rows = await reader.fetch(
            "SELECT p.status, p.expires_on < ?, count(*) FROM permit p"
            " WHERE p.contractor_license = ? GROUP BY 1, 2", [today, license_no])
        for status, lapsed, count in rows:
            section = permit_section(status, bool(lapsed))
            if section is not None:
                counts[section] += count
        counts[Section.INSPECTIONS] = (await reader.fetch(
            "SELECT count(*) FROM inspection i JOIN permit p ON p.id = i.permit"
            " WHERE p.contractor_license = ? AND p.status = 'Issued' AND i.status = ?",
            [license_no, SCHEDULED]))[0][0]
    counts[Section.FOLLOWED] = (await reader.fetch(
        "SELECT count(*) FROM permit_follow WHERE account = ?", [account_id]))[0][0]
    return counts


async def action_needed(reader, license_no: str) -> list[DashboardPermit]:
    """Applications plan review sent back: the applicant's move (issue 16 §2), oldest first."""
    rows = await reader.fetch(
        f"{_PERMIT} WHERE p.contractor_license = ? AND p.status = 'Applied' AND "
        f"{waiting_for_corrections('p')} ORDER BY p.applied_on, p.id LIMIT {ROWS}",
        [license_no])
    return [_permit(r) for r in rows]


async def active_inspections(reader, license_no: str) -> list[DashboardInspection]:
    rows = await reader.fetch(
        "SELECT i.id, p.number, p.site_address, i.type_name, i.scheduled_for, i.status,"
        " i.confirmation"
        " FROM inspection i JOIN permit p ON p.id = i.permit"
        " WHERE p.contractor_license = ? AND p.status = 'Issued' AND i.status = ?"
        f" ORDER BY i.scheduled_for, i.id LIMIT {ROWS}", [license_no, SCHEDULED])
    return [DashboardInspection(r[0], r[1], r[2], r[3], as_date(r[4]), r[5], r[6])
            for r in rows]


async def followed_permits(reader, account_id: int) -> list[DashboardPermit]:
    rows = await reader.fetch(
        f"{_PERMIT} JOIN permit_follow pf ON pf.permit = p.id WHERE pf.account = ?"
        f" ORDER BY pf.followed_at DESC, p.id DESC LIMIT {ROWS}", [account_id])
    return [_permit(r) for r in rows]
