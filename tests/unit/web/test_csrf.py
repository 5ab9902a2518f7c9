"""Every state-changing request needs the CSRF token; cross-site requests are refused."""
from __future__ import annotations

import io

import pytest

from tests.unit.web.journeys import csrf


@pytest.fixture
def visitor(portal):
    client = portal.client()
    csrf(client)
    return client


def test_a_form_post_without_the_token_is_refused_and_nothing_happens(portal, visitor):
    response = visitor.post("/account/forgot-password", data={"email": "x@example.com"})
    assert response.status_code == 403
    assert "This form has expired" in response.text


def test_a_wrong_token_is_refused(visitor):
    response = visitor.post("/account/forgot-password",
                            data={"email": "x@example.com", "csrf_token": "forged"})
    assert response.status_code == 403


def test_the_token_in_the_htmx_header_is_accepted(visitor):
    response = visitor.post("/account/forgot-password", data={"email": "x@example.com"},
                            headers={"X-CSRF-Token": csrf(visitor)})
    assert response.status_code == 200


def test_the_token_in_a_multipart_form_is_accepted(visitor):
    response = visitor.post("/account/forgot-password",
                            data={"email": "x@example.com", "csrf_token": csrf(visitor)},
                            files={"unused": ("a.txt", io.BytesIO(b"hello"), "text/plain")})
    assert response.status_code == 200


@pytest.mark.parametrize("headers", [
    {"Origin": "https://evil.example"},
    {"Origin": "http://testserver"},  # same host, but not this site's scheme
    {"Sec-Fetch-Site": "cross-site"},
    {"Origin": "null"},
])
def test_a_cross_site_post_is_refused_even_with_the_token(visitor, headers):
    response = visitor.post("/account/forgot-password",
                            data={"email": "x@example.com", "csrf_token": csrf(visitor)},
                            headers=headers)
    assert response.status_code == 403


def test_a_same_origin_post_with_the_token_is_accepted(visitor):
    response = visitor.post("/account/forgot-password",
                            data={"email": "x@example.com", "csrf_token": csrf(visitor)},
                            headers={"Origin": "https://testserver",
                                     "Sec-Fetch-Site": "same-origin"})
    assert response.status_code == 200


def test_the_token_cookie_is_httponly_samesite_and_host_prefixed(portal):
    response = portal.client().get("/sign-in")
    cookie = response.headers["set-cookie"]
    assert cookie.startswith("__Host-csrf=")
    for flag in ("HttpOnly", "Secure", "SameSite=Lax", "Path=/"):
        assert flag in cookie


def test_pages_without_forms_set_no_cookie(portal):
    response = portal.client().get("/permits", params={"q": "sunset"})
    assert "set-cookie" not in response.headers


def test_an_oversized_body_is_refused_before_it_is_read_into_memory(visitor):
    response = visitor.post("/account/forgot-password",
                            content=b"x" * (12 * 1024 * 1024 + 1),
                            headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert response.status_code == 413


def test_a_planted_cookie_of_the_wrong_shape_never_reaches_the_page(portal):
    client = portal.client()
    client.cookies.set("__Host-csrf", 'x", "HX-Evil": "1')
    page = client.get("/sign-in")
    assert "HX-Evil" not in page.text
    assert page.headers["set-cookie"].startswith("__Host-csrf=")  # a fresh token instead
