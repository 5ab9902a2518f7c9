"""Steps of account journeys shared by the web tests: register, confirm, sign in."""
from __future__ import annotations

import uuid

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
    """What city staff do for an applicant (the staff screens come later; the function is
    the one they will call)."""
    import asyncio
    from datetime import datetime, timezone

    from db.accounts import decide_verification

    portal.client()  # binds the portal's database
    asyncio.run(decide_verification(email, True, "", None, datetime.now(timezone.utc)))


def verified_contractor(portal, license_no: str):
    """A signed-in client of a verified contractor account of ``license_no``."""
    client = portal.client()
    email = new_email(license_no)
    assert register_contractor(client, license_no, email).status_code == 303
    confirm_email(portal, client, email)
    approve_as_staff(portal, email)  # a no-op for the first account of a license
    assert sign_in(client, email).status_code == 303
    return client, email
