"""Public project search at /projects and the project page listing its permits."""
from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.routing import Route

from db.permits.projects import load_project, search_projects
from domain.search_query import MAX_PAGE, PAGE_SIZE, parse_page, parse_query

# Ids beyond a signed 64-bit integer cannot exist; the databases refuse to compare them.
LARGEST_ID = 2**63 - 1
from web.htmx import render


async def project_search(request: Request):
    page = parse_page(request.query_params.get("page", ""))
    if page is None:
        raise HTTPException(400, f"The page must be a whole number from 1 to {MAX_PAGE}.")
    q = request.query_params.get("q", "")
    query = parse_query(q)
    rows = await search_projects(request.app.state.database.reader, query, page)
    context = {"q": q, "page": page, "rows": rows[:PAGE_SIZE], "has_next": len(rows) > PAGE_SIZE,
               "query": query, "page_size": PAGE_SIZE}
    return render(request, "projects/search.html", "projects/_results.html", context)


async def project(request: Request):
    project_id = request.path_params["project_id"]
    found = (await load_project(request.app.state.database.reader, project_id)
             if project_id <= LARGEST_ID else None)
    if found is None:
        raise HTTPException(404)
    return request.app.state.templates.TemplateResponse(
        request, "projects/project.html", {"project": found})


routes = [
    Route("/projects", project_search, name="project_search"),
    Route("/projects/{project_id:id}", project, name="project"),
]
