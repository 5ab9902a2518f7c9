"""A permit's public page and its Info, Fees, Inspections and History tabs."""
from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.routing import Route

from db.inspections import photos as inspection_photos
from db.permits.access import may_act_on
from db.permits.pages import (
    load_audit, load_fees, load_history, load_inspection_details, load_inspections, load_permit
)
from domain.accounts import Role, sees_audit_trail, sees_contact_details, sees_inspector_only_notes
from domain.permits import PermitNumber
from web.htmx import render
from web.middleware.auth import account_of, viewer_of

TABS = ("info", "fees", "inspections", "history")
IN_APPLICATION = ("Applied", "In Review", "Approved")
TAB_LOADERS = {"fees": load_fees, "inspections": load_inspections, "history": load_history}


async def permit_tab(request: Request):
    tab = request.path_params.get("tab", "info")
    number = PermitNumber.parse(request.path_params["number"])
    reader = request.app.state.database.reader
    permit = await load_permit(reader, str(number)) if number and tab in TABS else None
    if permit is None:
        raise HTTPException(404)
    # Whether the viewer acts for the permit: for the inspection requests, and on the Info tab
    # of an application for the plan review link (a query only for those pages).
    acts = (tab == "inspections" or tab == "info" and permit.status in IN_APPLICATION
            ) and await _acts_for(request, permit.id)
    contacts_view = tab == "inspections" and sees_contact_details(viewer_of(request).role, acts)
    photos: dict = {}
    if contacts_view:
        rows = await load_inspection_details(reader, permit.id,
                                             sees_inspector_only_notes(viewer_of(request).role))
        # Photos from the field, to those who see an inspection's details (issue 17 §1).
        photos = await inspection_photos.of_permit(reader, permit.id)
    else:
        loader = TAB_LOADERS.get(tab)
        rows = await loader(reader, permit.id) if loader else ()
    audit = await load_audit(reader, permit.id) if tab == "history" and sees_audit_trail(
        viewer_of(request).role) else None
    # Said here, not read from base.html's account: the tabs are also an htmx fragment.
    context = {"permit": permit, "tab": tab, "tabs": TABS, "rows": rows, "audit": audit,
               "contacts_view": contacts_view, "acts_for": acts,
               "photos": photos,
               "staff_view": viewer_of(request).role == Role.STAFF}
    return render(request, "permits/permit.html", "permits/_tabs.html", context)


async def _acts_for(request: Request, permit_id: int) -> bool:
    account = account_of(request)
    return account is not None and await may_act_on(account, permit_id)


routes = [
    Route("/permits/{number}", permit_tab, name="permit"),
    Route("/permits/{number}/{tab:str}", permit_tab, name="permit_tab"),
]
