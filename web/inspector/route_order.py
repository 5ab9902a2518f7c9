"""The inspector's own order of a day's stops (issue 17 §3): "Move up" and "Move down" posted
from the route without JavaScript, and the whole order with the arrival and leaving times kept
on the phone, sent by static/js/route_order.js when it is online."""
from __future__ import annotations

from datetime import tzinfo

from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, RedirectResponse

from db.inspections.route_order import move_stop, save_order, saved_order
from db.inspections.site_visits import Recorder, record_taps
from domain.accounts import Role
from domain.dates import date_or_none
from domain.numbers import id_or_none
from domain.outcomes import Accepted, Rejected
from domain.route_order import DAY_UNREADABLE, OTHER_ACCOUNT, sent_ids
from domain.site_visits import GONE, Tap, Visit, sent_taps, visit_line
from web.access import require
from web.city_clock import city_time
from web.forms import form_of
from web.inspector.route import FIELD_STAFF
from web.landing import form_post


async def move(request: Request):
    """One stop one place up or down; back to the day's route at that stop."""
    account = require(request, *FIELD_STAFF)
    form = await form_of(request)
    day = date_or_none(form.get("day", ""))
    if day is None:
        return PlainTextResponse(DAY_UNREADABLE, 400)
    inspection_id = id_or_none(form.get("inspection", ""))
    await move_stop(request.app.state.database, account.id, day, inspection_id,
                    form.get("direction", ""), city_time(request).now)
    anchor = f"#stop-{inspection_id}" if inspection_id else ""
    return RedirectResponse(f"{request.url_for('inspector_today').path}?day={day.isoformat()}"
                            f"{anchor}", status_code=303)


async def sync(request: Request):
    """What the phone kept for one day: its order of the stops (``stops``, when it was moved;
    the last one sent wins) and the taps of Arrived and Left (``taps``). Answers with the order
    kept, when it was saved, and each tap's outcome; 409 when the phone's account is not the
    one signed in (it keeps them)."""
    account = require(request, *FIELD_STAFF)
    form = await form_of(request)
    day = date_or_none(form.get("day", ""))
    if day is None:
        return JSONResponse({"error": DAY_UNREADABLE}, 400)
    if form.get("account", "") != str(account.id):
        return JSONResponse({"error": OTHER_ACCOUNT}, 409)
    at, database = city_time(request), request.app.state.database
    order = (await save_order(database, account.id, day, sent_ids(form["stops"]), at.now)
             if form.get("stops") else await saved_order(account.id, day))
    outcomes = await record_taps(database, sent_taps(form.get("taps", "")),
                                 Recorder(account.id, account.role == Role.STAFF), at.now,
                                 at.zone)
    return JSONResponse({"stops": order.stops if form.get("stops") else None,
                         "stamp": order.stamp,
                         "taps": [_answer(tap, outcome, at.zone) for tap, outcome in outcomes]})


def _answer(tap: Tap, outcome: Accepted[Visit] | Rejected | None, zone: tzinfo) -> dict:
    """A tap's outcome for the phone: the stop's line as recorded, or why it was not."""
    recorded = isinstance(outcome, Accepted)
    return {"inspection": tap.inspection_id, "event": tap.event, "at": tap.stamp,
            "recorded": recorded,
            "line": visit_line(outcome.value.arrived_at, outcome.value.left_at, zone)
            if recorded else "",
            "message": "" if recorded else outcome.message if outcome else GONE}


routes = [
    *form_post("/inspector/route/order", move, "move_stop", "inspector_today"),
    *form_post("/inspector/route/sync", sync, "sync_route", "inspector_today"),
]
