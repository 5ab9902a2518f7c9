"""Steps of account journeys shared by the web tests: register, confirm, sign in."""
from __future__ import annotations

import asyncio
import re
import uuid
from datetime import datetime, timezone


PASSWORD = "lantern-copper-92"


def new_email(label: str = "user") -> str:
    return f"{label}.{uuid.uuid4().hex[:8]}@example.com"


def csrf(client) -> str:
    """The client's CSRF token, fetching a page with a form first if it has none yet."""
    if client.cookies.get("__Host-csrf") is None:
        client.get("/sign-in")
    return client.cookies.get("__Host-csrf")


def register_contractor(client, license_no: str, email: str, **changes):
    client.get("/register/contractor", params={"license": license_no})
    form = {"license": license_no, "business_name": "Acme Roofing Inc", "name": "Ana Ruiz",
            "email": email, "phone": "(323) 555-0100", "password": PASSWORD,
            "csrf_token": csrf(client), **changes}
    return client.post("/register/contractor", data=form, follow_redirects=False)


def confirm_email(portal, client, email: str) -> None:
    path = portal.link_to(email, "/account/verify/")
    page = client.get(path)
    assert page.status_code == 200 and "Confirm my e-mail address" in page.text
    confirmed = client.post(path, data={"csrf_token": csrf(client)})
    assert "Your e-mail address is confirmed" in confirmed.text


def sign_in(client, email: str, password: str = PASSWORD, **extra):
    client.get("/sign-in")
    return client.post("/sign-in", data={"email": email, "password": password,
                                         "csrf_token": csrf(client),
                                         **extra}, follow_redirects=False)


def approve_as_staff(portal, email: str) -> None:
    """What city staff do for an applicant in the accounts queue (the function the screen
    calls)."""
    from db.accounts.decisions import decide_verification

    portal.client()  # binds the portal's database
    asyncio.run(
        decide_verification(portal.app.state.database, email, True, "", None,
                            datetime.now(timezone.utc)))


def verified_contractor(portal, license_no: str, **changes):
    """A signed-in client of a verified contractor account of ``license_no``: registered
    (``changes`` to the registration form), confirmed and approved by staff (one of the ways
    an account joins its company)."""
    client = portal.client()
    email = new_email(license_no)
    assert register_contractor(client, license_no, email, **changes).status_code == 303
    confirm_email(portal, client, email)
    approve_as_staff(portal, email)
    assert sign_in(client, email).status_code == 303
    return client, email


def staff_client(portal):
    """A signed-in member of city staff."""
    from db.accounts.accounts import create_account
    from db.accounts.sign_in import start_session
    from domain.accounts import Role

    client = portal.client()

    async def create() -> str:
        now = datetime.now(timezone.utc)
        account_id = await create_account(
            portal.app.state.database, email=new_email("staff"),
            password_hash="pbkdf2_sha256$1$x$y", name="Dana Clerk", phone="323-555-0101",
            role=Role.STAFF, email_verified_at=now, now=now)
        return await start_session(account_id)

    client.cookies.set("__Host-session", asyncio.run(create()))
    return client


def code_in_letters(pdf: bytes, email: str) -> str:
    """The code printed on the letter that names ``email`` as the one who asked."""
    text = pdf.decode("latin-1")
    return re.search(r"CODE: ([2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4})",
                     text[text.index(email):])[1]


def print_letters(portal) -> bytes:
    """Staff print the letters waiting ("print today's letters"): the PDF."""
    staff = staff_client(portal)
    printed = staff.post("/staff/letters/print", data={"csrf_token": csrf(staff)})
    assert printed.headers["content-type"] == "application/pdf", printed.text[:300]
    return printed.content


def claimed_contractor(portal, license_no: str):
    """A signed-in client of the first account of ``license_no``, linked to the company with
    the code from the letter staff printed for it."""
    client = portal.client()
    email = new_email(license_no)
    assert register_contractor(client, license_no, email).status_code == 303
    confirm_email(portal, client, email)
    assert sign_in(client, email).status_code == 303
    code = code_in_letters(print_letters(portal), email)
    claimed = client.post("/account/claim", data={"code": code, "csrf_token": csrf(client)},
                          follow_redirects=False)
    assert claimed.headers["location"] == "/dashboard?claimed=1", claimed.text[:300]
    return client, email
