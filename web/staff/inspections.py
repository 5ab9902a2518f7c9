"""The inspection board for a day: every inspection by district and route, reassignable, and
each district's capacity, which a supervisor may change or block for the day."""
from __future__ import annotations

from datetime import date

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse
from starlette.routing import Route

from db import inspection_results
from db.day_capacity import day_capacities, set_capacity
from db.scheduling_policies import policy_for
from domain.outcomes import Rejected
from domain.scheduling import check_day_capacity
from domain.accounts import Role
from web.access import require
from web.forms import form_of
from web.city_clock import day_asked
from web.templating import page


async def board(request: Request):
    account = require(request, Role.STAFF)
    day, errors = day_asked(request)
    return await _board(request, account, day, errors, {})


async def _board(request: Request, account, day, errors: dict, typed: dict,
                 status_code: int = 200):
    return page(request, "staff/inspections.html", status_code, day=day, errors=errors,
                typed=typed, stops=await inspection_results.board(day),
                inspectors=await inspection_results.inspectors(),
                capacities=await day_capacities(day, policy_for(day)),
                may_set_capacity=bool(account.supervisor))


async def capacity(request: Request):
    """A supervisor sets a district's units for a day, blocks it (0) or goes back to the
    policy's: the scheduling policy's own numbers are edited as data (db/scheduling_policies)."""
    account = require(request, Role.STAFF)
    if not account.supervisor:
        raise HTTPException(403, "Only a supervisor sets a day's capacity.")
    form = await form_of(request)
    try:
        day = date.fromisoformat(form.get("day", ""))
    except ValueError:
        raise HTTPException(400, "That day is not a date.") from None
    known = {d.district for d in await day_capacities(day, policy_for(day))}
    district = form.get("district", "")
    if district not in known:
        raise HTTPException(400, "Choose one of the districts on the board.")
    action = form.get("action", "save")
    text = {"block": "0", "policy": ""}.get(action, form.get("capacity", ""))
    checked = check_day_capacity(text)
    if isinstance(checked, Rejected):
        return await _board(request, account, day, {f"capacity-{district}": checked.message},
                            {district: text}, 422)
    await set_capacity(district, day, checked.value)
    return RedirectResponse(request.url_for("staff_inspections").path + f"?day={day}",
                            status_code=303)


async def reassign(request: Request):
    require(request, Role.STAFF)
    form = await form_of(request)
    inspector = form.get("inspector", "")
    stop = await inspection_results.stop(request.path_params["inspection_id"])
    if stop is None:
        raise HTTPException(404)
    if not (inspector.isdigit() and len(inspector) <= 18
            and await inspection_results.reassign(stop.id, int(inspector))):
        raise HTTPException(409, "Choose an inspector for an inspection that is still "
                                 "scheduled.")
    day = stop.day.isoformat() if stop.day else ""
    return RedirectResponse(request.url_for("staff_inspections").path + f"?day={day}",
                            status_code=303)


routes = [
    Route("/staff/inspections", board, name="staff_inspections"),
    Route("/staff/inspections/capacity", capacity, methods=["POST"],
          name="set_day_capacity"),
    Route("/staff/inspections/{inspection_id:id}/assign", reassign, methods=["POST"],
          name="reassign_inspection"),
]
