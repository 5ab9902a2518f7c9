"""The staff search's queries on both engines: permits by a contact's e-mail, phone or the
start of their name, keyset pages in each path's own order, accounts and inspections."""
from __future__ import annotations

from contextlib import asynccontextmanager
from datetime import date, datetime, timezone

from db.accounts.accounts import create_account
from db.accounts.finding import find_accounts
from db.inspections.finding import find_inspections
from db.permits.finding import find_permits
from db.tables import Account, Inspection, PermitContact
from domain.accounts import Role
from domain.review_queue import REVIEWED, WAITING
from domain.staff_search import read_staff_query
from tests.factories import applied_permit, free_number


async def _numbers(reader, q: str, *, limit: int = 50, after: int | None = None, **more):
    return [f.permit.number for f in await find_permits(
        reader, read_staff_query(q), after=after, limit=limit, **more)]


@asynccontextmanager
async def contacts(known, name: str, email: str, phone: str):
    ids = [known["roof"], known["hvac"]]
    for permit in ids:
        await PermitContact.insert(PermitContact(
            permit=permit, role="owner", name=name, email=email, phone=phone))
    try:
        yield
    finally:
        await PermitContact.delete().where(PermitContact.email == email)


async def test_a_contact_is_found_by_e_mail_phone_and_the_start_of_a_name(reader, known):
    async with contacts(known, "José Ünal-Ortega", "jose.u@example.org", "323-555-0190"):
        both = ["MEC2026-00003", "BLD2026-00042"]  # newest id first
        assert await _numbers(reader, "JOSE.U@example.org") == both
        assert await _numbers(reader, "323 555 0190") == both
        assert await _numbers(reader, "José Ün") == both  # beyond ASCII, in byte order
        # Capitals A-Z fold on both engines (SQLite's lower() folds no other letter).
        assert await _numbers(reader, "JOSé Ün") == both
        assert await _numbers(reader, "José Üo") == []
        # One word is not read as a name: a first name alone starts thousands of contacts.
        assert await _numbers(reader, "José") == []
        # Applications only: the HVAC permit is applied, the roof issued.
        assert await _numbers(reader, "323-555-0190", statuses=WAITING) == ["MEC2026-00003"]
        # By name too (PostgreSQL reads the name's permits first, then the waiting ones).
        assert await _numbers(reader, "José Ün", statuses=WAITING) == ["MEC2026-00003"]
        assert await _numbers(reader, "josé ün", statuses=WAITING,
                              subtypes=REVIEWED) == []
        # ...but an HVAC change-out needs no plan review: it is no application in review.
        assert await _numbers(reader, "323-555-0190", statuses=WAITING,
                              subtypes=REVIEWED) == []


async def test_every_path_pages_by_keyset_to_the_same_rows_as_one_long_page(reader, known):
    async with contacts(known, "Roofus Pagewell", "roofus@example.org", "323-555-0191"):
        for q in ("roof", "BLD", "8500 Sunset Blvd", "roofus@example.org", "1012345"):
            whole = await find_permits(reader, read_staff_query(q), after=None, limit=100)
            paged, after = [], None
            while True:
                page = await find_permits(reader, read_staff_query(q), after=after, limit=1)
                if not page:
                    break
                paged += page
                after = page[-1].id
            assert [f.permit.number for f in paged] == [f.permit.number for f in whole], q
            assert whole, q


async def test_applications_page_by_keyset_among_the_waiting_on_both_engines(reader, known):
    """PostgreSQL reads plan review's applications from a subquery of the waiting ones."""
    numbers = [await free_number("BLD2026") for _ in range(2)]
    async with contacts(known, "Appla Pagewell", "appla@example.org", "323-555-0193"):
        async with applied_permit(numbers[0], known["sunset"], subtype="Residential Remodel",
                                  description="Roof remodel one", applied_on=date(2026, 11, 2)):
            async with applied_permit(numbers[1], known["sunset"], subtype="Demolition",
                                      description="Roof demolition two",
                                      applied_on=date(2026, 11, 3)):
                for q in ("roof", "BLD2026", "8500 Sunset Blvd", "appla@example.org"):
                    ask = {"statuses": WAITING, "subtypes": REVIEWED}
                    whole = await find_permits(reader, read_staff_query(q), after=None,
                                               limit=100, **ask)
                    paged, after = [], None
                    while page := await find_permits(reader, read_staff_query(q), after=after,
                                                     limit=1, **ask):
                        paged += page
                        after = page[-1].id
                    assert [f.permit.number for f in paged] == [f.permit.number for f in whole]
                    if q != "appla@example.org":  # the contacts are on the known permits
                        assert set(numbers) <= {f.permit.number for f in whole}, q


async def test_short_words_still_narrow_what_the_long_ones_find(reader, known):
    """PostgreSQL reads its index by the long words alone and checks the whole query on each
    permit found: a short word still has to match."""
    assert await _numbers(reader, "rooftop pa") == ["MEC2026-00003"]  # "package"
    assert await _numbers(reader, "rooftop zq") == []
    assert await _numbers(reader, "two rooftop un") == ["MEC2026-00003"]  # "units"
    # A short word first, the last still being typed: the long one is read as a prefix.
    number = await free_number("BLD2026")
    async with applied_permit(number, known["sunset"], subtype="Residential Remodel",
                              description="Kitchen at unit b, underlayment", applied_on=date(
                                  2026, 11, 2)):
        assert await _numbers(reader, "b underl") == [number]
        assert await _numbers(reader, "b underl", statuses=WAITING) == [number]


async def test_words_in_plan_review_statuses_use_the_index_on_both_engines(reader, known):
    assert await _numbers(reader, "rooftop", statuses=WAITING) == ["MEC2026-00003"]
    assert await _numbers(reader, "shingles", statuses=WAITING) == []  # the roof: issued


async def test_accounts_by_name_company_e_mail_phone_and_license(bound, reader, known):
    account = await create_account(
        bound, email="finder.acct@example.org", password_hash="x",
        name="Perpetua Findley Émile", phone="323-555-0192", role=Role.CONTRACTOR,
        license_no="1012345", business_name="Findley Roofing Ötzi",
        now=datetime(2026, 12, 1, tzinfo=timezone.utc))
    try:
        for q in ("perpetua", "findley roof", "FINDER.ACCT@example.org", "(323) 555-0192",
                  "1012345", "ÉMILE", "ötzi"):
            found = await find_accounts(reader, read_staff_query(q), after=None, limit=10)
            assert account in [a.id for a in found], q
        assert await find_accounts(reader, read_staff_query("zzqx"), after=None, limit=10) == []
    finally:
        await Account.delete().where(Account.id == account)


async def test_inspections_by_confirmation_number_and_by_the_permit(reader, known):
    rows = await Inspection.insert(Inspection(
        permit=known["roof"], type_code="199", type_name="Finder final",
        requested_on=date(2026, 11, 30), scheduled_for=date(2026, 12, 1), status="Scheduled",
        confirmation="7000123"))
    try:
        for q in ("7000123", "BLD2026-42", "8500 Sunset Blvd"):
            found = await find_inspections(reader, read_staff_query(q), after=None, limit=50)
            assert "Finder final" in [i.type_name for i in found], q
        assert await find_inspections(reader, read_staff_query("roof"), after=None,
                                      limit=50) == []
    finally:
        await Inspection.delete().where(Inspection.id == rows[0]["id"])
