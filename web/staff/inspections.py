"""The inspection board for a day: every inspection by district and route, reassignable, and
each district's capacity, which a supervisor may change or block for the day."""
from __future__ import annotations

from datetime import date

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse
from starlette.routing import Route

from db.accounts.accounts import get_account
from db.inspections import board as day_board, route as inspection_results
from db.inspections.capacity import DistrictDay, day_capacities, set_capacity
from db.rules.scheduling_policies import policy_for
from domain.accounts import Role
from domain.action_messages import assigned
from domain.dates import date_or_none
from domain.inspection_board import (
    CHOOSE_TO, NOTHING_HELD, check_handover, handed_over, read_board_ask
)
from domain.inspection_types import SCHEDULED
from domain.numbers import LARGEST_ID, id_or_none, whole_or_none
from domain.outcomes import Rejected
from domain.scheduling import CAPACITY_ACTIONS, capacity_refused, check_day_capacity
from web.access import require, require_supervisor
from web.city_clock import day_asked, now
from web.forms import form_of
from web.landing import form_post
from web.templating import page


async def board(request: Request):
    account = require(request, Role.STAFF)
    day, errors = day_asked(request)
    return await _board(request, account, day, errors, {},
                        notice=await _assigned(request) or await _handed_over(request, day),
                        query=request.query_params)


async def _handed_over(request: Request, day: date) -> str:
    """After a handover (?handed_over=<from>&inspector=<to>): the board as it is now."""
    origin = id_or_none(request.query_params.get("handed_over", ""))
    to = id_or_none(request.query_params.get("inspector", ""))
    people = [origin and await get_account(origin), to and await get_account(to)]
    if not all(p and p.role == Role.INSPECTOR for p in people):
        return ""
    stops = await day_board.board_of(day)
    scheduled = [s.inspector_id for s in stops if s.status == SCHEDULED]
    return handed_over(people[0].name, people[1].name, scheduled.count(to),
                       scheduled.count(origin))


async def _assigned(request: Request) -> str:
    """After an assignment (?assigned=<inspection>): who has it now, as its record says."""
    asked = whole_or_none(request.query_params.get("assigned", ""), least=1, most=LARGEST_ID)
    stop = asked and await inspection_results.stop(asked)
    return assigned(stop.type_code, stop.type_name, stop.site_address, stop.status,
                    stop.inspector) if stop else ""


async def _capacities(day: date):
    """The districts' capacities, or None for a day before the first scheduling policy."""
    try:
        policy = policy_for(day)
    except LookupError:
        return None
    return await day_capacities(day, policy)


async def _board(request: Request, account, day, errors: dict, typed: dict,
                 status_code: int = 200, notice: str = "", query=None):
    capacities = await _capacities(day)
    if capacities is None:
        errors = {**errors, "day": "No scheduling policy applies to that day: there is no "
                                   "capacity to show."}
    inspectors = await inspection_results.inspectors()
    holders = await day_board.day_holders(day)
    ask, refused = read_board_ask(query or {}, [i for i, _ in inspectors + holders],
                                  [d.district for d in capacities or ()])
    return page(request, "staff/inspections.html", status_code, day=day,
                errors={**errors, **refused}, typed=typed, ask=ask, holders=holders,
                stops=await day_board.board_of(day, ask.inspector, ask.district),
                inspectors=inspectors,
                capacities=capacities or [],
                district_inspectors=await inspection_results.district_inspectors(),
                may_set_capacity=bool(account.supervisor), notice=notice)


def _posted_day(form: dict[str, str]) -> date:
    """The board's day a form was posted from (a hidden field: not one is no form of ours)."""
    day = date_or_none(form.get("day", ""))
    if day is None:
        raise HTTPException(400, "That day is not a date.")
    return day


async def _board_district(form: dict[str, str]) -> tuple[date, DistrictDay]:
    """The board's day and one of its districts, from a form posted from the board."""
    day = _posted_day(form)
    found = next((d for d in await _capacities(day) or ()
                  if d.district == form.get("district", "")), None)
    if found is None:
        raise HTTPException(400, "Choose one of the districts on the board.")
    return day, found


async def capacity(request: Request):
    """A supervisor sets a district's units for a day, blocks it (0) or goes back to the
    policy's: the scheduling policy's own numbers are versions (web/staff/rules_scheduling.py)."""
    account = require_supervisor(request, "Only a supervisor sets a day's capacity.")
    form = await form_of(request)
    day, shown = await _board_district(form)
    district, action = shown.district, form.get("action") or "save"
    if action not in CAPACITY_ACTIONS:
        return await _board(request, account, day, {f"capacity-{district}": (
            "Choose to save the units, block the day or go back to the policy's.")}, {}, 422)
    if refused := capacity_refused(action, shown.override):
        return await _board(request, account, day, {f"capacity-{district}": refused}, {}, 409)
    text = {"block": "0", "policy": ""}.get(action, form.get("capacity", ""))
    checked = check_day_capacity(text)
    if isinstance(checked, Rejected):
        return await _board(request, account, day, {f"capacity-{district}": checked.message},
                            {district: text}, 422)
    await set_capacity(request.app.state.database, district, day, checked.value, now(request))
    return RedirectResponse(request.url_for("staff_inspections").path + f"?day={day}",
                            status_code=303)


async def district_inspector(request: Request):
    """A supervisor chooses who gets a district's new requests (an inspector away for the
    week): inspections already booked keep theirs, reassigned one by one on the board."""
    account = require_supervisor(request, "Only a supervisor assigns a district's inspector.")
    form = await form_of(request)
    day, shown = await _board_district(form)
    district, inspector = shown.district, id_or_none(form.get("inspector", ""))
    if not (inspector and await inspection_results.assign_district_to(
            request.app.state.database, district, inspector, now(request))):
        return await _board(
            request, account, day,
            {f"inspector-{district}": f"Choose the inspector for {district}'s new requests."}, {},
            422)
    return RedirectResponse(request.url_for("staff_inspections").path + f"?day={day}",
                            status_code=303)


async def reassign(request: Request):
    require(request, Role.STAFF)
    form = await form_of(request)
    inspector = id_or_none(form.get("inspector", ""))
    stop = await inspection_results.stop(request.path_params["inspection_id"])
    if stop is None:
        raise HTTPException(404)
    if not (inspector and await inspection_results.reassign(request.app.state.database, stop.id,
                                                            inspector, now(request))):
        raise HTTPException(409, "Choose an inspector for an inspection that is still "
                                 "scheduled.")
    day = stop.day.isoformat() if stop.day else ""
    return RedirectResponse(request.url_for("staff_inspections").path
                            + f"?day={day}&assigned={stop.id}", status_code=303)


async def hand_over(request: Request):
    """Every inspection an inspector still has on a day goes to another (a sick inspector);
    each is reassigned as on the board, one audit event each, in one transaction. Nothing
    left to hand over (a second tap, a second tab, or each reassigned by hand) is said so."""
    account = require(request, Role.STAFF)
    form = await form_of(request)
    day = _posted_day(form)
    checked = check_handover(form)
    if isinstance(checked, Rejected):
        return await _board(request, account, day, checked.errors, form, 422)
    origin, to = checked.value
    moved = await day_board.hand_over_day(request.app.state.database, day, origin, to,
                                          now(request))
    if moved is None:
        return await _board(request, account, day, {"to": CHOOSE_TO}, form, 422)
    if moved == 0:
        return await _board(request, account, day, {"from": NOTHING_HELD}, form, 409)
    return RedirectResponse(request.url_for("staff_inspections").path
                            + f"?day={day}&inspector={to}&handed_over={origin}",
                            status_code=303)


routes = [
    Route("/staff/inspections", board, name="staff_inspections"),
    *form_post("/staff/inspections/capacity", capacity, "set_day_capacity", "staff_inspections"),
    *form_post("/staff/inspections/district", district_inspector, "set_district_inspector",
               "staff_inspections"),
    *form_post("/staff/inspections/handover", hand_over, "hand_over_day", "staff_inspections"),
    *form_post("/staff/inspections/{inspection_id:id}/assign", reassign, "reassign_inspection",
               "staff_inspections"),
]
