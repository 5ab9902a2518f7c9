"""The scheduling rules in force for a request: policy, business days and notice wording."""
from __future__ import annotations

from starlette.requests import Request

from db.accounts.licenses import find_license
from db.inspections.booking import Scheduler
from db.rules.scheduling_policies import calendar_from, policy_for, scheduling_policies
from domain.licenses import inspection_license_errors
from web.city_clock import today
from web.emails import notice_of


def scheduler(request: Request) -> Scheduler:
    day = today(request)
    policy = policy_for(day)
    return Scheduler(policy, calendar_from(day), notice_of(request), scheduling_policies())


async def license_errors(request: Request, account) -> list[str]:
    """Why the account's contractor license may not get inspections today (the decision is
    domain.licenses.inspection_license_errors; this loads the license it needs)."""
    return await license_no_errors(request, account.license_no)


async def license_no_errors(request: Request, license_no: str | None) -> list[str]:
    """The same for a license by its number: at the counter, the permit's contractor's."""
    license = await find_license(license_no) if license_no else None
    return inspection_license_errors(license_no, license, today(request))
