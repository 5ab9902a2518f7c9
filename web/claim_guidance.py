"""What a waiting contractor must do to see the company's permits (issue 14 §2): the notice
of the claim page and of My Dashboard."""
from __future__ import annotations

from starlette.requests import Request

from db.accounts import company_claims
from db.rules.scheduling_policies import calendar_from
from domain.accounts import Role, Verification
from domain.claim_letters import Guidance, LetterStatus, guidance
from web.city_clock import now, today


async def claim_guidance(request: Request, account) -> Guidance | None:
    """What a waiting contractor must do to see the company's permits; None for others."""
    if (account.role != Role.CONTRACTOR.value or not account.license_no
            or account.verification != Verification.PENDING.value):
        return None
    route, latest = await company_claims.claim_state(account.id, account.license_no)
    print_by = None
    if latest is not None and latest.status is LetterStatus.WAITING:
        # Staff print every working day: by the next one after the request (or today, if
        # that one has passed and it is still waiting).
        day, zone = today(request), request.app.state.zone
        working = calendar_from(day)
        print_by = max(working.next_business_day(latest.requested_at.astimezone(zone).date()),
                       day if working.is_business_day(day) else working.next_business_day(day))
    return guidance(route, account.license_no, latest, now(request), request.app.state.zone,
                    request.app.state.settings.help_phone, print_by)
