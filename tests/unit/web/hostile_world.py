"""The app the hostile-input test attacks, on one engine: its own database with the known
permits and licenses, the authorization matrix's visitors and the forms they see; everything
async runs on the app's own event loop (``client.portal``), where PostgreSQL's pool belongs."""
from __future__ import annotations

import asyncio
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Iterator

from piccolo.engine.postgres import PostgresEngine
from starlette.routing import Route
from starlette.testclient import TestClient

from db.accounts import accounts, passwords, sign_in
from db.accounts.license_import import import_licenses
from db.applications import drafts
from db.database import Database
from db.engines import bind_tables, engine_for, postgres_config
from domain.accounts import Role
from domain.applications import STEPS
from domain.permits import PermitType
from tests.factories import (
    KNOWN_NOW, KNOWN_TODAY, free_number, known_license_rows, make_parcel, make_permit, seed_known,
    seed_scheduled_inspection, ticking_from
)
from tests.unit.db.accounts.test_license_import import csv_lines
from tests.unit.web.authorization_outcomes import ACTORS
from tests.unit.web.authorization_rules import RULES
from tests.unit.web.contractor.fake_stripe import WEBHOOK_SECRET, FakeStripe
from tests.unit.web.hostile_forms import Form, forms_of, route_of
from tests.unit.web.test_authorization import PROFILES, pending_applicant, verified_colleague
from web.app import create_app
from web.loops.mail import Mailer
from web.settings import Settings

TWILIO_TOKEN = "hostile-input-test-token"
BROWSER = {"accept": "text/html,application/xhtml+xml,*/*;q=0.8"}


@dataclass
class World:
    configurations: list[tuple[object, TestClient]]  # the city's app, then Stripe's
    url: str
    tables: object  # the engine Piccolo's tables use
    ids: dict[str, int] = field(default_factory=dict)
    actors: dict[str, int] = field(default_factory=dict)
    forms: dict[str, list[tuple[str, Form]]] = field(default_factory=dict)  # route name: …
    current: int = 0
    sessions: dict[str, dict[str, str]] = field(default_factory=dict)

    @property
    def app(self):
        return self.configurations[self.current][0]

    @property
    def client(self) -> TestClient:
        return self.configurations[self.current][1]

    def use(self, configuration: int) -> None:
        self.current = configuration
        bind_tables(self.tables)

    def call(self, function, *args):
        """``function(*args)`` on the app's loop, with the tables bound to the database."""
        bind_tables(self.tables)
        return self.client.portal.call(function, *args)

    def become(self, actor: str) -> str:
        """The client as ``actor`` (a session and a CSRF token, kept while they last); the
        CSRF token."""
        self.client.cookies.clear()
        if actor not in self.sessions:
            if actor != "anonymous":
                token = self.call(sign_in.start_session, self.actors[actor])
                self.client.cookies.set("__Host-session", token)
            self.client.get("/sign-in")
            self.sessions[actor] = dict(self.client.cookies)
        for name, value in self.sessions[actor].items():
            self.client.cookies.set(name, value)
        return self.sessions[actor]["__Host-csrf"]

    def still(self, actor: str) -> None:
        """Forget ``actor``'s session if a request ended it (signing out, for one)."""
        kept = self.sessions.get(actor, {})
        if "__Host-session" in kept and not self.call(_session_exists, kept["__Host-session"]):
            self.sessions.pop(actor, None)

    def forget_lockouts(self) -> None:
        self.call(_execute, "DELETE FROM sign_in_failure")

    def path_of(self, name: str) -> str:
        """The route's path as the authorization matrix reaches it, with fresh things of its
        own (an inspection to cancel, a draft to discard, an applicant to approve)."""
        rule = RULES.get(name)
        if rule is None:  # a route newer than the matrix (test_authorization says so)
            route = next(r for r in self.app.routes if getattr(r, "name", None) == name)
            return route.path_format.format(**dict.fromkeys(route.param_convertors, "1"))
        path = rule.path.split("?")[0]
        fresh = {"project": lambda: self.ids["project"], "roof": lambda: self.ids["roof"],
                 "scheduled": lambda: self.call(seed_scheduled_inspection,
                                                self.ids["roof"], date(2031, 3, 3)),
                 # A result is taken from its day on (issue 14 §6): a result's form is tried
                 # on the day's inspection, so its fields are read, not refused for the day.
                 "fresh_inspection": lambda: self.call(
                     seed_scheduled_inspection, self.ids["roof"],
                     KNOWN_TODAY if path.endswith("/result") else date(2031, 3, 3)),
                 "a_draft": lambda: self.call(complete_draft, self.actors["contractor_a"],
                                              self.ids["sunset"]),
                 "fresh_applicant": lambda: self.call(
                     pending_applicant, self.app.state.database, "1012345"),
                 "fresh_colleague": lambda: self.call(
                     verified_colleague, self.app.state.database, "1012345")}
        return path.format(**{k: make() for k, make in fresh.items() if f"{{{k}}}" in path})


async def _session_exists(token: str) -> bool:
    from db.tables import AccountSession

    return await AccountSession.exists().where(AccountSession.token == token)


async def _execute(sql: str) -> None:
    from db.tables import SignInFailure

    await SignInFailure.raw(sql)


async def complete_draft(account_id: int, parcel: int) -> int:
    """An e-building draft with every step answered, so every step's page opens."""
    now = datetime.now(timezone.utc)
    draft_id = await drafts.start(account_id, PermitType.BUILDING, now)
    draft = await drafts.load_draft(draft_id, account_id)
    await drafts.save_answers(draft, {
        "parcel": parcel, "address": "8500 Sunset Blvd", "subtype": "Re-roof",
        "description": "Re-roof", "valuation": "18500.00", "stories": 2, "quantities": {},
        "owner_name": "Maria Owner", "owner_phone": "323-555-0142", "owner_email": "",
        "done": list(STEPS[:-1])}, STEPS[-2], now)
    return draft_id


async def _create_actors(database, parcel: int) -> dict[str, int]:
    password_hash = await passwords.hash_password("hostile-password-1")
    now, ids = datetime.now(timezone.utc), {}
    for actor, (role, extra) in PROFILES.items():
        ids[actor] = await accounts.create_account(
            database, email=f"hostile.{actor}@example.com", password_hash=password_hash,
            name=actor, phone="323-555-0100", role=role, email_verified_at=now, now=now,
            **({"parcel": parcel, **extra} if role == Role.OWNER_BUILDER else extra))
    return ids


class _OneLoopPool(PostgresEngine):
    """A pooled engine whose pool serves only the event loop that opened it. Piccolo's tables
    are global, and other apps alive in this test process (other modules' portals) run their
    background tasks on loops of their own: from those, asyncpg's pool would be used across
    threads (a segmentation fault); they get a connection of their own instead."""

    @property
    def pool(self):
        pool, loop = self.__dict__.get("_pool"), self.__dict__.get("_loop")
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            return pool
        return pool if running is loop else None

    @pool.setter
    def pool(self, value) -> None:
        self.__dict__["_pool"] = value
        self.__dict__["_loop"] = asyncio.get_running_loop() if value is not None else None


def _tables_engine(url: str):
    return _OneLoopPool(config=postgres_config(url)) if url.startswith("postgres") else \
        engine_for(url)


def _settings(url: str, directory: Path, **more) -> Settings:
    # The clients ask for https://testserver: an allowed name, or every answer is a 400.
    return Settings(database_url=url, base_url="https://portal.test", demo=True,
                    allowed_hosts=("testserver",),
                    mail_dir=str(directory / "mail"), upload_dir=str(directory / "uploads"),
                    open_data_dir=str(directory / "open-data"), twilio_auth_token=TWILIO_TOKEN,
                    **more)


@contextmanager
def world_on(url: str, directory: Path) -> Iterator[World]:
    """The city's app (card payments at the counter, the phone line on), then an app
    configured for Stripe (its webhook and checkout; a local server stands in for Stripe's
    API) serving the same database on the same event loop."""
    import_licenses(url, csv_lines(known_license_rows(KNOWN_TODAY)))
    stripe_api = ThreadingHTTPServer(("127.0.0.1", 0), FakeStripe)
    threading.Thread(target=stripe_api.serve_forever, daemon=True).start()
    city = create_app(_settings(url, directory))
    stripe = create_app(_settings(
        url, directory, payment_gateway="stripe", stripe_secret_key="sk_test_hostile",
        stripe_webhook_secret=WEBHOOK_SECRET,
        stripe_api_base=f"http://127.0.0.1:{stripe_api.server_address[1]}"))
    try:
        with TestClient(city, base_url="https://testserver", headers=BROWSER) as client:
            stripe.state.clock = city.state.clock = ticking_from(KNOWN_NOW)
            stripe.state.mailer = Mailer(stripe.state.settings)
            other = TestClient(stripe, base_url="https://testserver", headers=BROWSER)
            other.portal = client.portal  # the city app's loop, where its pool lives
            world = World([(city, client), (stripe, other)], url, tables=_tables_engine(url))
            if world.tables.engine_type == "postgres":
                client.portal.call(world.tables.start_connection_pool)
            # Both apps' handle is on the engine the tables use (a transaction on another
            # would hold none of their queries); the city app's own comes back at the end.
            own = city.state.database
            city.state.database = stripe.state.database = Database(world.tables, own.reader)
            world.use(0)
            world.ids = world.call(seed_known)
            world.actors = world.call(_create_actors, world.app.state.database,
                                      world.ids["havenhurst"])
            discover_forms(world)
            yield world
            city.state.database = own
            if world.tables.engine_type == "postgres":
                client.portal.call(world.tables.close_connection_pool)
    finally:
        stripe_api.shutdown()


def discover_forms(world: World) -> None:
    """Every form on every page each visitor can open (a permit waiting for plan review, one
    to request inspections on and an account waiting for staff among them) and on every page
    a form without typed fields answers (the cart's "Pay" opens the card form), filed under
    the route it reaches. The pages are opened again after those forms were sent, so the
    forms filed are of things still there (a draft, not the one just discarded)."""
    in_review, issued = world.call(_permits_with_forms)
    for actor in ACTORS:
        world.become(actor)
        # For staff's queue (colleagues approve).
        world.call(pending_applicant, world.app.state.database, "1012345")
        extra = [f"/staff/reviews/{in_review}", f"/permits/{issued}/inspections/request"]
        untyped = [form for form in _forms_of_pages(world, actor, extra)
                   if form.method == "POST" and not form.typed]
        for form in untyped:
            token = world.become(actor)
            response = world.client.post(form.action, follow_redirects=True, data={
                **{k: v[0] for k, v in form.fields.items()}, "csrf_token": token})
            world.still(actor)
            _file(world, actor, _forms_in(response))
        world.become(actor)
        _file(world, actor, _forms_of_pages(world, actor, extra))


def _forms_of_pages(world: World, actor: str, extra: list[str]) -> list[Form]:
    draft = world.call(complete_draft, world.actors["contractor_a"], world.ids["sunset"])
    urls = [world.path_of(name) + _query(name) for name, rule in RULES.items()
            if rule.method == "GET"]
    urls += [f"/applications/{draft}/{step}" for step in STEPS]  # every step's form
    return [form for url in urls + extra for form in _forms_in(world.client.get(url))]


def _forms_in(response) -> list[Form]:
    if "html" not in response.headers.get("content-type", ""):
        return []
    return forms_of(response.text, str(response.url.path))


def _file(world: World, actor: str, forms: list[Form]) -> None:
    for form in forms:
        route = route_of(world.app, form.method, form.action)
        if isinstance(route, Route):
            world.forms.setdefault(route.name, []).append((actor, form))


def _query(name: str) -> str:
    query = RULES[name].path.partition("?")[2]
    return f"?{query}" if query else ""


async def _permits_with_forms() -> tuple[str, str]:
    """Acme's (1012345) addition waiting for plan review, and its issued re-roof with nothing
    due, where inspections are requested."""
    parcel = await make_parcel("R-HOSTILE-1", 77, "Vista", "St")
    numbers = []
    for subtype, status in (("Residential Addition", "Applied"), ("Re-roof", "Issued")):
        numbers.append(await free_number("BLD2026"))
        await make_permit(numbers[-1], parcel, "77 Vista St", subtype=subtype,
                          description=subtype, status=status, applied_on=KNOWN_TODAY,
                          issued_on=KNOWN_TODAY if status == "Issued" else None,
                          contractor=("Acme Roofing Inc", "1012345"))
    return numbers[0], numbers[1]


def app_routes() -> list[Route]:
    """Every route of the app as the demo runs it (the demo adds its mailbox page)."""
    app = create_app(Settings(demo=True))
    return [route for route in app.routes if isinstance(route, Route)]

