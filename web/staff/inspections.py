"""The inspection board for a day: every inspection by district and route, reassignable."""
from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse
from starlette.routing import Route

from db import inspection_results
from domain.accounts import Role
from web.access import require
from web.forms import form_of
from web.city_clock import day_asked
from web.templating import page


async def board(request: Request):
    require(request, Role.STAFF)
    day, errors = day_asked(request)
    return page(request, "staff/inspections.html", day=day, errors=errors,
                stops=await inspection_results.board(day),
                inspectors=await inspection_results.inspectors())


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
    Route("/staff/inspections/{inspection_id:id}/assign", reassign, methods=["POST"],
          name="reassign_inspection"),
]
