"""An inspector's day: the route in driving order, and the result form of each stop."""
from __future__ import annotations

import uuid

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.routing import Route

from db import inspection_results, result_conflicts
from domain.accounts import Role
from domain.inspection_types import RESULTS
from web.access import require
from web.city_clock import day_asked, today
from web.scheduler import scheduler
from web.templating import page

FIELD_STAFF = (Role.INSPECTOR, Role.STAFF)


async def today_route(request: Request):
    account = require(request, *FIELD_STAFF)
    day, errors = day_asked(request)
    stops = await inspection_results.route(account.id, day)
    first = today(request)
    return page(request, "inspector/today.html", day=day, stops=stops, errors=errors,
                is_today=day == first, first_day=first,
                next_day=scheduler(request).calendar.next_business_day(first),
                conflicts=await result_conflicts.unresolved(account.id))


async def stop_of(request: Request):
    stop = await inspection_results.stop(request.path_params["inspection_id"])
    if stop is None:
        raise HTTPException(404)
    return stop


async def result_form(request: Request):
    require(request, *FIELD_STAFF)
    return await result_page(request, await stop_of(request), {}, {})


async def result_page(request: Request, stop, values: dict, errors: dict,
                      status_code: int = 200):
    """The result form; a new Idempotency-Key each time it is shown (a resubmission of the
    same filled form keeps the one it was shown with)."""
    values = {"idempotency_key": str(uuid.uuid4()), **values}
    return page(request, "inspector/inspection.html", status_code, stop=stop, results=RESULTS,
                values=values, errors=errors,
                earlier=await inspection_results.earlier_inspections(stop))


routes = [
    Route("/inspector", today_route, name="inspector_today"),
    Route("/inspector/inspections/{inspection_id:id}", result_form,
          name="inspector_inspection"),
]
