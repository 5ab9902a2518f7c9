"""The scheduling rules in force for a request: policy, business days and notice wording."""
from __future__ import annotations

from starlette.requests import Request

from db.accounts.licenses import find_license
from db.inspections.booking import Scheduler
from db.rules.scheduling_policies import calendar_from, policy_for, scheduling_policies
from domain.licenses import standing
from domain.outcomes import Rejected
from web.city_clock import today
from web.emails import notice_of


def scheduler(request: Request) -> Scheduler:
    day = today(request)
    policy = policy_for(day)
    return Scheduler(policy, calendar_from(day), notice_of(request), scheduling_policies())


async def license_errors(request: Request, account) -> list[str]:
    """Why the account's contractor license may not get inspections today (none for an
    owner-builder, who builds under the §7044 exemption, not a license)."""
    if not account.license_no:
        return []
    license = await find_license(account.license_no)
    if license is None:
        return [f"License {account.license_no} is not in the state registry."]
    outcome = standing(license, today(request))
    return list(outcome.errors.values()) if isinstance(outcome, Rejected) else []
