"""Post, then redirect: no address a form leaves in the address bar, or in htmx's history, is
one that answers GET with 405 (issue 14 §10: pull-to-refresh on /checkout gave 405).

Every POST route is enumerated from the app; its path and a form come from the authorization
matrix (test_authorization.RULES), which has a row for every route.
"""
from __future__ import annotations

from datetime import date

import pytest
from starlette.routing import Route

from tests.unit.web.authorization_outcomes import ACTORS, INVALID, NOT_FOUND, OK
from tests.unit.web.authorization_rules import RULES
from tests.unit.web.test_authorization import (  # noqa: F401 (the actors fixture)
    SIGNED_BY_SENDER, actors, client_for, path_of,
)
from web.app import create_app
from web.settings import Settings

BOOSTED_FORM = {"HX-Request": "true", "HX-Boosted": "true"}
# Fresh inspections made here are long past: no dashboard lists them (test_dashboard counts).
LONG_AGO = date(2020, 1, 7)


def post_routes() -> list[str]:
    app = create_app(Settings(demo=True))
    return sorted(route.name for route in app.routes if isinstance(route, Route)
                  and "POST" in (route.methods or ()) and route.name not in SIGNED_BY_SENDER)


def allowed_actor(name: str) -> str:
    """Someone the route serves (outcome OK or INVALID), so the answer is the real one; for a
    made-up id nobody is served, someone who is told it does not exist."""
    expect = RULES[name].expect
    served = [a for a in ACTORS if expect[a] in (OK, INVALID)]
    return served[0] if served else next(a for a in ACTORS if expect[a] == NOT_FOUND)


def assert_opens_with_get(client, name: str, address: str, headers: dict | None = None
                          ) -> None:
    """The address opens as a page (after any redirects); a made-up id may be a 404."""
    response = client.get(address, headers=headers or {})
    missing = RULES[name].expect[allowed_actor(name)] == NOT_FOUND
    assert response.status_code == 200 or (missing and response.status_code == 404), (
        f"{address} answers GET with {response.status_code}")


@pytest.mark.parametrize("name", post_routes())
def test_every_address_that_takes_a_post_also_opens_with_get(portal, actors, name):
    client = client_for(portal, actors, allowed_actor(name))
    assert_opens_with_get(client, name, path_of(portal, actors, RULES[name], LONG_AGO))


@pytest.mark.parametrize("name", post_routes())
def test_without_javascript_the_address_after_a_post_opens_with_get(portal, actors, name):
    rule = RULES[name]
    client = client_for(portal, actors, allowed_actor(name))
    path = path_of(portal, actors, rule, LONG_AGO)
    response = client.post(path, data={**rule.data, "csrf_token": client.cookies.get(
        "__Host-csrf")}, follow_redirects=False)
    address = response.headers["location"] if response.is_redirect else path
    assert_opens_with_get(client, name, address)


@pytest.mark.parametrize("name", post_routes())
def test_a_boosted_post_never_puts_an_address_that_cannot_open_in_history(portal, actors, name):
    rule = RULES[name]
    client = client_for(portal, actors, allowed_actor(name))
    path = path_of(portal, actors, rule, LONG_AGO)
    response = client.post(path, headers=BOOSTED_FORM, data={
        **rule.data, "csrf_token": client.cookies.get("__Host-csrf")}, follow_redirects=False)
    if response.is_redirect:  # htmx's request follows it and pushes where it leads
        assert_opens_with_get(client, name, response.headers["location"], BOOSTED_FORM)
        return
    for header in ("hx-redirect", "hx-location"):
        if header in response.headers:
            assert_opens_with_get(client, name, response.headers[header])
            return
    # Answered in place (a form with errors, a page shown once): the address bar keeps the
    # page the form was on, not the POST address.
    assert response.headers.get("hx-push-url") == "false"
