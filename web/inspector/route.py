"""An inspector's day: the route in driving order, and the result form of each stop."""
from __future__ import annotations

import uuid

from starlette.authentication import UnauthenticatedUser
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from db.inspections import conflicts as result_conflicts, route as inspection_results, route_order
from db.rules.inspection_checklists import checklists_on
from domain.accounts import Role
from domain.action_messages import result_saved
from domain.checklist_entries import form_context
from domain.inspection_types import RESULTS
from domain.numbers import LARGEST_ID, whole_or_none
from domain.result_timing import not_yet
from web.access import require
from web.city_clock import day_asked, now, today
from web.htmx import is_partial, render
from web.inspector.stop_photos import photo_context
from web.scheduler import scheduler
from web.templating import page

FIELD_STAFF = (Role.INSPECTOR, Role.STAFF)


async def today_route(request: Request):
    account = require(request, *FIELD_STAFF)
    day, errors = day_asked(request)
    # In the inspector's own order (issue 17 §3); its stamp tells the phone's copy apart.
    stops, order = await route_order.ordered_route(account.id, day)
    first = today(request)
    conflicts = await result_conflicts.unresolved(account.id)
    return page(request, "inspector/today.html", day=day, stops=stops, errors=errors,
                notice=await _sent(request, account, conflicts),
                earlier=await inspection_results.earlier_on_route(stops),
                is_today=day == first, first_day=first,
                next_day=scheduler(request).calendar.next_business_day(first),
                # Stops of a day still to come: shown without a result form (issue 14 §6).
                not_yet={stop.id for stop in stops if not_yet(stop.day, first)},
                conflicts=conflicts, order_stamp=order.stamp,
                decisions=await result_conflicts.decided(account.id, now(request)))


async def _sent(request: Request, account, conflicts) -> str:
    """After a result was sent without JavaScript (?sent=<inspection>): recorded or kept, as
    the database has it now."""
    sent = whole_or_none(request.query_params.get("sent", ""), least=1, most=LARGEST_ID)
    stop = sent and await inspection_results.stop(sent)
    if not stop:
        return ""
    kept = next((c.reason for c in conflicts if c.inspection_id == stop.id), None)
    return result_saved(stop.type_code, stop.type_name, stop.site_address, stop.status,
                        stop.result, kept, stop.inspector_id == account.id)


# Tells the result queue that the inspection itself is gone (its entry becomes `stale`), unlike a
# 404 from a proxy in front of the app, which it retries.
MISSING = {"Permitline-Missing": "inspection"}


async def stop_of(request: Request):
    stop = await inspection_results.stop(request.path_params["inspection_id"])
    if stop is None:
        raise HTTPException(404, headers=MISSING)
    return stop


async def result_form(request: Request):
    require(request, *FIELD_STAFF)
    return await result_page(request, await stop_of(request), {}, {})


async def result_page(request: Request, stop, values: dict, errors: dict,
                      status_code: int = 200, keep_key: bool = False):
    """The result form; a new Idempotency-Key each time it is shown, except that a form sent
    back to be corrected keeps the one it was sent with (``keep_key``)."""
    values = {**values, "idempotency_key": values.get("idempotency_key") if keep_key
              else str(uuid.uuid4())}
    context = {"stop": stop, "results": RESULTS, "values": values, "errors": errors,
               "keep_key": keep_key, "waits": not_yet(stop.day, today(request)),
               **form_context(checklists_on(stop.day or today(request)), stop.type_code, values)}
    if is_partial(request):
        return render(request, "inspector/inspection.html", "inspector/_result_form.html",
                      context, status_code)
    return page(request, "inspector/inspection.html", status_code, **context,
                earlier=await inspection_results.earlier_inspections(stop),
                **await photo_context(request, stop))


async def saved_pages(request: Request):
    """What the service worker keeps for offline use (DESIGN §3): today's route and the next
    working day's, each stop's page; with the session's account and CSRF token, which the
    worker's replays need (a queued entry is sent only for the account that entered it)."""
    account = require(request, *FIELD_STAFF)
    first = today(request)
    second = scheduler(request).calendar.next_business_day(first)
    route_path = request.url_for("inspector_today").path
    # Today's route under both of its addresses: the menu's and the stop pages' "back" link.
    pages = [route_path, *(f"{route_path}?day={day.isoformat()}" for day in (first, second))]
    for day in (first, second):
        pages += [request.url_for("inspector_inspection", inspection_id=stop_id).path
                  for stop_id in await inspection_results.route_ids(account.id, day)]
    return JSONResponse({"account": account.id, "csrf": request.state.csrf.token,
                         "pages": pages})


async def offline_page(request: Request):
    """Precached by the service worker and shown to whoever is on the device: rendered for
    nobody in particular, with no name, token or route in it."""
    request.scope["user"] = UnauthenticatedUser()
    return page(request, "inspector/offline.html")


routes = [
    Route("/inspector", today_route, name="inspector_today"),
    Route("/inspector/saved-pages", saved_pages, name="inspector_saved_pages"),
    Route("/inspector/offline", offline_page, name="inspector_offline"),
    Route("/inspector/inspections/{inspection_id:id}", result_form, name="inspector_inspection"),
]
