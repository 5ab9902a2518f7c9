"""Fixtures of the contractor pages' tests: the app configured for Stripe over the portal's
database, with a local server standing in for Stripe's API (fake_stripe.py beside this)."""
from __future__ import annotations

import threading
from http.server import ThreadingHTTPServer

import pytest
from starlette.testclient import TestClient

from tests.factories import KNOWN_NOW, ticking_from
from tests.unit.web.contractor.fake_stripe import WEBHOOK_SECRET, FakeStripe
from web.app import create_app
from web.settings import Settings


@pytest.fixture(scope="module")
def stripe_api():
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeStripe)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="module")
def stripe_portal(portal, stripe_api):
    """The same database, served by an app configured for Stripe Checkout."""
    settings = Settings(database_url=portal.url, base_url="https://portal.test",
                        allowed_hosts=("testserver",), payment_gateway="stripe",
                        stripe_secret_key="sk_test_permitline",
                        stripe_webhook_secret=WEBHOOK_SECRET, stripe_api_base=stripe_api)
    app = create_app(settings)
    app.state.clock = ticking_from(KNOWN_NOW)
    with TestClient(app, base_url="https://testserver"):
        yield app
