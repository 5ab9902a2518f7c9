"""Public permit search at /permits: one box plus filters, full page or results fragment."""
from __future__ import annotations

from starlette.requests import Request
from starlette.routing import Route

from db.permits.search import search_permits
from domain.outcomes import Rejected
from domain.permits import PermitType, Status
from domain.search_query import DateField, parse_search
from web.htmx import render

CHOICES = {
    "types": [(t.value, t.label) for t in PermitType],
    "statuses": [s.value for s in Status],
    "date_fields": [(d.value, d.value.title()) for d in DateField],
}


async def permit_search(request: Request):
    outcome = parse_search(request.query_params)
    if isinstance(outcome, Rejected):
        form = {k: request.query_params.get(k, "") for k in ("q", "type", "status", "dates",
                                                                 "from", "to")}
        context = {"form": form, "errors": outcome.errors, "results": None, **CHOICES}
        return render(request, "permits/search.html", "permits/_results.html", context, 400)
    search = outcome.value
    results = await search_permits(request.app.state.database.reader, search)
    context = {"form": search.form, "errors": {}, "results": results, "search": search,
               **CHOICES}
    return render(request, "permits/search.html", "permits/_results.html", context)


routes = [Route("/permits", permit_search, name="permit_search")]
