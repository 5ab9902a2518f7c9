"""Public project search at /projects and the project page listing its permits."""
from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.routing import Route

from db.projects import load_project, search_projects
from domain.search_query import MAX_PAGE, PAGE_SIZE, parse_query
from web.htmx import render


async def project_search(request: Request):
    raw_page = request.query_params.get("page", "1")
    if not raw_page.isdigit() or not 1 <= int(raw_page) <= MAX_PAGE:
        raise HTTPException(400, f"The page must be a whole number from 1 to {MAX_PAGE}.")
    page = int(raw_page)
    q = request.query_params.get("q", "")
    rows = await search_projects(request.app.state.reader, parse_query(q), page)
    context = {"q": q, "page": page, "rows": rows[:PAGE_SIZE], "has_next": len(rows) > PAGE_SIZE,
               "query": parse_query(q)}
    return render(request, "projects/search.html", "projects/_results.html", context)


async def project(request: Request):
    found = await load_project(request.app.state.reader, request.path_params["project_id"])
    if found is None:
        raise HTTPException(404)
    return request.app.state.templates.TemplateResponse(
        request, "projects/project.html", {"project": found})


routes = [
    Route("/projects", project_search, name="project_search"),
    Route("/projects/{project_id:int}", project, name="project"),
]
