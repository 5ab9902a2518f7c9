"""A permit's public page and its Info, Fees, Inspections and History tabs."""
from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.routing import Route

from db.permit_pages import load_fees, load_history, load_inspections, load_permit
from domain.permits import PermitNumber
from web.htmx import render

TABS = ("info", "fees", "inspections", "history")
TAB_LOADERS = {"fees": load_fees, "inspections": load_inspections, "history": load_history}


async def permit_tab(request: Request):
    tab = request.path_params.get("tab", "info")
    number = PermitNumber.parse(request.path_params["number"])
    reader = request.app.state.reader
    permit = await load_permit(reader, str(number)) if number and tab in TABS else None
    if permit is None:
        raise HTTPException(404)
    loader = TAB_LOADERS.get(tab)
    rows = await loader(reader, permit.id) if loader else ()
    context = {"permit": permit, "tab": tab, "tabs": TABS, "rows": rows}
    return render(request, "permits/permit.html", "permits/_tabs.html", context)


routes = [
    Route("/permits/{number}", permit_tab, name="permit"),
    Route("/permits/{number}/{tab:str}", permit_tab, name="permit_tab"),
]
