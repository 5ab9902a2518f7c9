"""The authorization matrix: every route, for every kind of visitor, with the expected outcome.

The routes are enumerated from the app itself: a new route without a rule here fails
``test_every_route_has_a_rule``.
"""
from __future__ import annotations

import asyncio
import uuid
from datetime import date, datetime, timezone

import pytest
from starlette.routing import Route

from db.accounts import accounts, passwords, sign_in
from db.applications import drafts
from domain.accounts import Role, Verification
from domain.permits import PermitType
from tests.factories import PRIVATE_EMAIL, PRIVATE_NOTE, PRIVATE_PHONE, seed_scheduled_inspection
from tests.unit.web.authorization_outcomes import (
    ACTORS, FORBIDDEN, INVALID, NOT_FOUND, OK, SIGN_IN, SIGNED_IN, Rule
)
from tests.unit.web.authorization_rules import RULES
from web.app import create_app
from web.settings import Settings

SIGNED_BY_SENDER = {"stripe_webhook", "phone_line_voice", "phone_line_step", "phone_line_status"}
# The claimant fares as contractor B wherever a rule does not name it.
for _rule in RULES.values():
    _rule.expect.setdefault("claimant", _rule.expect["contractor_b"])
PROFILES = {
    "contractor_a": (Role.CONTRACTOR, {"license_no": "1012345", "business_name": "Acme"}),
    "contractor_b": (Role.CONTRACTOR, {"license_no": "1023456", "business_name": "Cool Air"}),
    "claimant": (Role.CONTRACTOR, {"license_no": "1012345", "business_name": "Acme",
                                   "verification": Verification.PENDING}),
    "owner_builder": (Role.OWNER_BUILDER, {"verification": Verification.VERIFIED}),
    "inspector": (Role.INSPECTOR, {}),
    "staff": (Role.STAFF, {"supervisor": True}),
}


@pytest.fixture(scope="module")
def actors(portal) -> dict[str, int]:
    async def create() -> dict[str, int]:
        password_hash = await passwords.hash_password("matrix-password-1")
        now = datetime.now(timezone.utc)
        ids = {}
        for actor, (role, extra) in PROFILES.items():
            ids[actor] = await accounts.create_account(
                portal.app.state.database,
                email=f"matrix.{actor}.{uuid.uuid4().hex[:6]}@example.com",
                password_hash=password_hash, name=actor, phone="323-555-0100", role=role,
                email_verified_at=now, now=now,
                **{"parcel": portal.ids["havenhurst"], **extra}
                if role == Role.OWNER_BUILDER else extra)
        return ids

    portal.client()  # binds the portal's database
    return asyncio.run(create())


async def pending_applicant(database, license_no: str) -> int:
    return await accounts.create_account(
        database, email=f"applicant.{uuid.uuid4().hex[:8]}@example.com",
        password_hash="pbkdf2_sha256$1$x$y", name="Applicant", phone="323-555-0100",
        role=Role.CONTRACTOR, license_no=license_no, verification=Verification.PENDING,
        email_verified_at=datetime.now(timezone.utc), now=datetime.now(timezone.utc))


async def verified_colleague(database, license_no: str) -> int:
    return await accounts.create_account(
        database, email=f"colleague.{uuid.uuid4().hex[:8]}@example.com",
        password_hash="pbkdf2_sha256$1$x$y", name="Colleague", phone="323-555-0100",
        role=Role.CONTRACTOR, license_no=license_no,
        email_verified_at=datetime.now(timezone.utc), now=datetime.now(timezone.utc))


def client_for(portal, actors, actor: str):
    client = portal.client()
    if actor != "anonymous":
        token = asyncio.run(sign_in.start_session(actors[actor]))
        client.cookies.set("__Host-session", token)
    client.get("/sign-in")  # a CSRF token, as any page with a form would give
    return client


def outcome_of(response) -> str:
    location = response.headers.get("location", "")
    if response.status_code == 303 and location.startswith("/sign-in"):
        return SIGN_IN
    if response.status_code in (200, 303):
        return OK
    if response.status_code == 404:
        return NOT_FOUND
    if response.status_code == 403:
        return FORBIDDEN
    if response.status_code in (400, 401, 409, 422):
        return INVALID
    return f"status {response.status_code}"


def path_of(portal, actors, rule: Rule, inspection_day: date = date(2031, 3, 3)) -> str:
    """The rule's path with its placeholders filled in, fresh rows made where one is used up
    (a fresh inspection on ``inspection_day``)."""
    params = {"project": portal.ids["project"], "roof": portal.ids["roof"],
              "scheduled": portal.ids["scheduled"]}
    if "{fresh_applicant}" in rule.path:
        params["fresh_applicant"] = asyncio.run(pending_applicant(portal.app.state.database,
                                                                  "1012345"))
    if "{fresh_colleague}" in rule.path:
        params["fresh_colleague"] = asyncio.run(verified_colleague(portal.app.state.database,
                                                                   "1012345"))
    if "{a_draft}" in rule.path:
        params["a_draft"] = asyncio.run(drafts.start(
            actors["contractor_a"], PermitType.BUILDING, datetime.now(timezone.utc)))
    if "{fresh_inspection}" in rule.path:
        params["fresh_inspection"] = asyncio.run(
            seed_scheduled_inspection(portal.ids["roof"], inspection_day))
    return rule.path.format(**params)


def test_every_route_has_a_rule():
    app = create_app(Settings(demo=True))
    names = {route.name for route in app.routes if isinstance(route, Route)}
    assert names - set(RULES) == set(), "add the new routes to the authorization matrix"
    assert set(RULES) - names == set(), "remove rules of routes that no longer exist"


CLAIM_ROUTES = {"claim", "enter_claim_code", "request_claim_letter"}
STRICTER_FOR_CLAIMANT = {"apply_start", "phone_pin", "calendar_link"}


def test_a_contractor_who_has_not_proved_it_works_for_the_company_fares_as_a_stranger():
    """Issue 14 §2: a waiting account sees and does nothing more of its license's company
    than another company's contractor does, on every route."""
    for name, rule in RULES.items():
        if name not in CLAIM_ROUTES | STRICTER_FOR_CLAIMANT:
            assert rule.expect["claimant"] == rule.expect["contractor_b"], name


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("name", sorted(RULES))
def test_the_route_gives_each_visitor_the_expected_outcome(portal, actors, name, actor):
    rule = RULES[name]
    client = client_for(portal, actors, actor)
    path = path_of(portal, actors, rule)
    if rule.method == "GET":
        response = client.get(path, follow_redirects=False)
    else:
        response = client.post(path, follow_redirects=False,
                               data={**rule.data, "csrf_token": client.cookies.get("__Host-csrf")})
    assert outcome_of(response) == rule.expect[actor], response.text[:300]
    if actor not in rule.sees_contacts:
        for private in (PRIVATE_PHONE, PRIVATE_EMAIL):
            assert private not in response.text
    assert (PRIVATE_NOTE in response.text) == (actor in rule.sees_inspector_notes)


@pytest.mark.parametrize("actor", SIGNED_IN)
def test_signed_in_pages_are_never_cached(portal, actors, actor):
    response = client_for(portal, actors, actor).get("/dashboard")
    assert response.headers["cache-control"] == "no-store"


@pytest.mark.parametrize("method", ["POST"])
@pytest.mark.parametrize("name", sorted(n for n, r in RULES.items()
                                         if r.method == "POST" and n not in SIGNED_BY_SENDER))
def test_every_state_change_needs_the_csrf_token(portal, actors, name, method):
    rule = RULES[name]
    client = client_for(portal, actors, "contractor_a")
    path = rule.path.format(project=portal.ids["project"], roof=portal.ids["roof"],
                            fresh_inspection=portal.ids["scheduled"], fresh_applicant=1,
                            a_draft=1, fresh_colleague=1)
    response = client.post(path, data=rule.data, follow_redirects=False)
    assert response.status_code == 403


@pytest.mark.parametrize("method, path", [
    ("GET", "/applications/99999999999999999999999/address"),
    ("POST", "/inspections/99999999999999999999999/cancel"),
    ("POST", "/dashboard/unfollow/99999999999999999999999"),
    ("GET", "/projects/99999999999999999999999"),
    ("GET", "/projects/2147483648"),  # one over PostgreSQL's serial: a 500 there (issue 14)
])
def test_ids_too_long_for_the_database_are_pages_that_do_not_exist(portal, actors, method,
                                                                   path):
    client = client_for(portal, actors, "contractor_a")
    response = client.request(method, path, data={"csrf_token": client.cookies.get(
        "__Host-csrf")} if method == "POST" else None)
    assert response.status_code in (404, 405)
