"""The staff search at /staff/search, the box in every staff page's header (issue 16 §1)."""
from __future__ import annotations

from dataclasses import replace
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.routing import Route

from db.accounts.finding import find_accounts
from db.inspections.finding import find_inspections
from db.permits.finding import find_permits
from db.permits.search import whole_number
from domain.accounts import Role
from domain.review_queue import REVIEWED, WAITING
from domain.staff_search import (
    HOW_TO, INSPECTIONS_HOW, PERSON_INSPECTIONS, PERSON_PERMITS, TYPE_SOMETHING, Group, StaffSearch,
    nothing_found, read_staff_search
)
from web.access import require
from web.templating import page


async def _group(reader, search: StaffSearch, group: Group, after: int | None, limit: int):
    query = search.query
    if group is Group.PERMITS:
        return await find_permits(reader, query, after=after, limit=limit)
    if group is Group.APPLICATIONS:
        return await find_permits(reader, query, after=after, limit=limit, statuses=WAITING,
                                  subtypes=REVIEWED)
    if group is Group.ACCOUNTS:
        return await find_accounts(reader, query, after=after, limit=limit)
    return await find_inspections(reader, query, after=after, limit=limit)


def _link(request: Request, q: str, **more: str) -> str:
    return request.url_for("staff_search").path + "?" + urlencode({"q": q, **more})


async def staff_search(request: Request):
    require(request, Role.STAFF)
    search = read_staff_search(request.query_params)
    q = request.query_params.get("q", "")[:200]
    if isinstance(search, str):
        return page(request, "staff/search.html", 400, q=q, hide_staff_find=True,
                    problem=search, groups=[], lead="", group=None, how_to=HOW_TO)
    groups = []
    reader = request.app.state.database.reader
    # A number prefix that names one permit (ELE2026-356) is looked up once here, not again
    # in each group (the finders take a resolved query as it is).
    resolved = await whole_number(reader, search.query.permits)
    search = replace(search, query=replace(search.query, permits=resolved))
    if not search.query.empty:
        wanted = [search.group] if search.group else list(Group)
        for group in wanted:
            # One row past the page says whether there is more (the next page, or the
            # group's own pages from the overview).
            rows = await _group(reader, search, group, search.after, search.size + 1)
            more = len(rows) > search.size
            rows = rows[:search.size]
            following = None
            if more and search.group:
                following = _link(request, search.query.text, group=group.value,
                                  after=str(rows[-1].id))
            elif more:
                following = _link(request, search.query.text, group=group.value)
            groups.append((group, rows, following))
    found = any(rows for _, rows, _ in groups)
    lead = (TYPE_SOMETHING if search.query.empty else
            "" if found or search.after else nothing_found(search.query))
    query = search.query
    first_page = (_link(request, query.text, group=search.group.value)
                  if search.group and search.after else None)
    return page(request, "staff/search.html", q=query.text, hide_staff_find=True, problem="",
                groups=groups, lead=lead, group=search.group, inspections_how=INSPECTIONS_HOW,
                how_to=HOW_TO, q_names_few=query.names_few_permits, first_page=first_page,
                person_inspections=PERSON_INSPECTIONS.format(count=PERSON_PERMITS)
                if query.email or query.phone else "",
                overview=_link(request, query.text) if search.group else None)


routes = [Route("/staff/search", staff_search, name="staff_search")]
