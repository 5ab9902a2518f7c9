"""Accounts the web tests need but nobody registers for: staff and inspectors."""
from __future__ import annotations

import asyncio
import uuid
from datetime import datetime, timezone

from db.accounts import accounts, passwords
from domain.accounts import Role


def staff_client(portal, role: Role = Role.STAFF):
    """A signed-in client of a new staff (or inspector) account, as `permitline user create`
    would make it."""
    from tests.unit.web.journeys import sign_in

    email = f"{role.value}.{uuid.uuid4().hex[:8]}@example.com"

    async def create():
        now = datetime.now(timezone.utc)
        await accounts.create_account(
            portal.app.state.database, email=email,
            password_hash=await passwords.hash_password("staff-password-123"),
            name="Dana Whitcombe", phone="323-555-0101", role=role, supervisor=True,
            email_verified_at=now, now=now)

    portal.client()
    asyncio.run(create())
    client = portal.client()
    assert sign_in(client, email, "staff-password-123").status_code == 303
    return client


def review_queue(staff, **filters: str) -> list[str]:
    """Every application in the staff's plan review queue (with ``filters``), page after
    page."""
    numbers, params = [], {}
    while True:
        queue = staff.get("/staff/reviews", params={**filters, **params}).context["queue"]
        numbers += [permit.number for permit in queue.rows]
        if not queue.has_next:
            return numbers
        params = {"after": str(queue.rows[-1].cursor)}


def queue_pages(staff, path: str, rows: str):
    """Every page of a staff queue at ``path`` (oldest first: a new row is on the last), its
    pages followed by their cursor; ``rows`` names the page's rows in its context."""
    params: dict[str, str] = {}
    while True:
        page = staff.get(path, params=params)
        yield page
        if not page.context["found"].has_next:
            return
        params = {"after": str(page.context[rows][-1].id)}


def accounts_page_with(staff, email: str):
    """The page of the staff's accounts queue that lists ``email``, or the last page."""
    for page in queue_pages(staff, "/staff/accounts", "applicants"):
        if email in {a.email for a in page.context["applicants"]}:
            break
    return page


def waiting_emails(staff) -> set[str]:
    """Every account in the staff's accounts queue, page after page."""
    return {a.email for page in queue_pages(staff, "/staff/accounts", "applicants")
            for a in page.context["applicants"]}


def conflicts_page_with(staff, inspection_id: int):
    """The page of the supervisors' queue that holds a result for ``inspection_id`` (or the
    last page), and that result."""
    for page in queue_pages(staff, "/staff/conflicts", "conflicts"):
        found = [c for c in page.context["conflicts"] if c.inspection_id == inspection_id]
        if found:
            break
    return page, found


def waiting_conflict_ids(staff) -> set[int]:
    """Every result in the supervisors' queue, page after page."""
    return {c.id for page in queue_pages(staff, "/staff/conflicts", "conflicts")
            for c in page.context["conflicts"]}
