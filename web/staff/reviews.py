"""The plan review queue: applications that wait for city staff before they can be issued."""
from __future__ import annotations

from starlette.requests import Request
from starlette.routing import Route

from db.review_queue import waiting_for_review
from domain.accounts import Role
from web.access import require
from web.templating import page


async def review_queue(request: Request):
    require(request, Role.STAFF)
    count, waiting = await waiting_for_review(request.app.state.reader)
    return page(request, "staff/reviews.html", count=count, waiting=waiting)


routes = [Route("/staff/reviews", review_queue, name="staff_reviews")]
