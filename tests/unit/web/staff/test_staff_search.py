"""The staff search box, as a permit technician uses it for a caller: any way of writing a
number, an address, a person's name, phone or e-mail, a confirmation number or an account
finds the record, in groups that page to their last row by plain links (issue 16 §1)."""
from __future__ import annotations

import asyncio
import re
from datetime import date
from urllib.parse import quote

import pytest

from db.tables import Inspection, Permit, PermitContact
from domain.accounts import Role
from tests.factories import make_parcel, make_permit
from tests.unit.web.inspector.test_inspector import signed_in_as

OWNER = ("Marisol Quintanilla", "marisol.q@example.org", "323-555-0177")
CONFIRMATION = "7654321"
MANY = 30  # permits of one repeat applicant: more than a group's page


def _run(portal, work):
    portal.client()  # binds the portal's database
    return asyncio.run(work)


@pytest.fixture(scope="module")
def world(portal):
    async def make() -> dict:
        parcel = await make_parcel("9999-017-001", 777, "N Finder", "Ave")
        applied = await make_permit("BLD2003-00777", parcel, "777 N Finder Ave",
                                    subtype="Residential Addition", description="Rear addition",
                                    status="Applied", applied_on=date(2003, 3, 1))
        issued = await make_permit("ELE2003-00356", parcel, "777 N Finder Ave",
                                   subtype="Service upgrade", description="200 A panel",
                                   status="Issued", applied_on=date(2003, 2, 1),
                                   issued_on=date(2003, 2, 10))
        repeat = []
        for i in range(MANY):
            repeat.append(await make_permit(
                f"PLM2003-{i + 501:05d}", parcel, "777 N Finder Ave", subtype="Water heater",
                description="Replace water heater", status="Issued",
                applied_on=date(2003, 4, 1), issued_on=date(2003, 4, 2)))
        heater = await make_permit("PLM2003-00888", parcel, "777 N Finder Ave",
                                   subtype="Water Heater", description="Over the counter",
                                   status="Applied", applied_on=date(2003, 3, 2))
        repeat.append(heater)
        for permit in (applied, issued):
            await PermitContact.insert(PermitContact(
                permit=permit, role="owner", name=OWNER[0], email=OWNER[1], phone=OWNER[2]))
        await PermitContact.insert(PermitContact(
            permit=applied, role="applicant", name="Mary-Jane O'Neil", email="mj@example.org",
            phone="323-555-0179"))
        for permit in repeat:
            await PermitContact.insert(PermitContact(
                permit=permit, role="applicant", name="Oswin Repeatwell",
                email="oswin@example.org", phone="323-555-0178"))
        await Inspection.insert(Inspection(
            permit=issued, type_code="801", type_name="Electrical rough", requested_on=date(2003, 2, 11),
            scheduled_for=date(2003, 2, 12), status="Scheduled", confirmation=CONFIRMATION))
        return {"ids": [applied, issued, *repeat]}

    async def remove(ids) -> None:
        await Inspection.delete().where(Inspection.permit.is_in(ids))
        await PermitContact.delete().where(PermitContact.permit.is_in(ids))
        await Permit.delete().where(Permit.id.is_in(ids))

    made = _run(portal, make())
    yield made
    _run(portal, remove(made["ids"]))


def _section(html: str, group: str) -> str:
    found = re.search(rf'<section aria-labelledby="found-{group}">(.*?)</section>', html, re.S)
    return found[1] if found else ""


def _numbers(html: str) -> list[str]:
    return re.findall(r'nowrap">([A-Z]{3}\d{4}-\d{5})<', html)


def _find(client, q: str, **more):
    response = client.get("/staff/search", params={"q": q, **more})
    assert response.status_code == 200, response.text
    return response.text


@pytest.mark.parametrize("q", ["BLD2003-00777", "BLD-2003-00777", "bld200300777",
                               "BLD 2003 777", "BLD2003–777"])
def test_an_application_is_found_however_its_number_is_written(boss, world, q):
    html = _find(boss, q)
    assert _numbers(_section(html, "permits")) == ["BLD2003-00777"]
    applications = _section(html, "applications")
    assert _numbers(applications) == ["BLD2003-00777"]
    assert 'href="/staff/reviews/BLD2003-00777"' in applications


def test_a_short_sequence_finds_the_permit_it_names(boss, world):
    html = _find(boss, "ELE2003-356")
    assert _numbers(_section(html, "permits")) == ["ELE2003-00356"]
    assert "None." in _section(html, "applications")  # issued: not in plan review


@pytest.mark.parametrize("q", [OWNER[1], OWNER[1].upper(), "(323) 555-0177", "323.555.0177",
                               "marisol quint", "Marisol Quintanilla"])
def test_a_person_is_found_by_e_mail_phone_or_the_start_of_their_name(boss, world, q):
    html = _find(boss, q)
    assert set(_numbers(_section(html, "permits"))) == {"BLD2003-00777", "ELE2003-00356"}


def test_an_address_lists_its_permits_and_their_inspections(boss, world):
    html = _find(boss, "777 N Finder Ave")
    assert len(_numbers(_section(html, "permits"))) == 5  # newest first, then its own pages
    assert "All matching permits" in _section(html, "permits")
    assert _numbers(_section(html, "applications")) == ["BLD2003-00777"]
    inspections = _section(html, "inspections")
    assert "Electrical rough" in inspections and f"Confirmation {CONFIRMATION}" in inspections


def test_a_confirmation_number_finds_its_inspection(boss, world):
    inspections = _section(_find(boss, CONFIRMATION), "inspections")
    assert "Electrical rough" in inspections and "ELE2003-00356" in _numbers(inspections)
    assert 'href="/permits/ELE2003-00356/inspections"' in inspections


def test_words_say_how_inspections_are_found_instead_of_listing_half_the_city(boss, world):
    assert "Inspections are found by permit number" in _section(
        _find(boss, "water heater"), "inspections")


def test_accounts_are_found_by_name_e_mail_and_phone(portal, boss, world):
    _, _ = signed_in_as(portal, Role.INSPECTOR, "Quillon Vestergaard")
    accounts = _section(_find(boss, "quillon vester"), "accounts")
    assert "Quillon Vestergaard" in accounts and "Inspector" in accounts


def test_a_group_pages_to_its_last_row_by_plain_links(boss, world):
    overview = _find(boss, "oswin@example.org")
    permits = _section(overview, "permits")
    assert len(_numbers(permits)) == 5
    seen: list[str] = []
    link = re.search(r'<a href="([^"]+)">All matching permits</a>', permits)[1]
    while link:
        html = boss.get(link.replace("&amp;", "&")).text
        seen += _numbers(_section(html, "permits"))
        following = re.search(r'<a href="([^"]+)">Next page of permits</a>', html)
        link = following[1] if following else None
    expected = [f"PLM2003-{i + 501:05d}" for i in range(MANY)]
    seen = [n for n in seen if n != "PLM2003-00888"]
    assert seen == sorted(expected, reverse=True)  # newest first, each once, to the last


def test_a_group_that_is_not_one_is_refused_in_words_and_a_bad_cursor_starts_over(boss, world):
    refused = boss.get("/staff/search", params={"q": "BLD2003-00777", "group": "<b>x</b>"})
    assert refused.status_code == 400
    assert "Choose permits, applications, accounts or inspections." in refused.text
    assert "<b>x</b>" not in refused.text
    first = _find(boss, "oswin@example.org", group="permits")
    for cursor in ("-1", "abc", "9" * 30, "１２"):
        assert _numbers(_find(boss, "oswin@example.org", group="permits", after=cursor)) == \
            _numbers(first)


@pytest.mark.parametrize("q", ["<script>alert(1)</script>", "\x00\x1f", "9" * 5000,
                               "BLD" + "9" * 300, "١٢٣٤٥٦٧", "' OR 1=1 --", "%", "_"])
def test_hostile_text_finds_nothing_and_is_never_markup(boss, world, q):
    response = boss.get("/staff/search", params={"q": q})
    assert response.status_code == 200
    assert "<script>alert" not in response.text


def test_only_staff_search_and_only_staff_see_the_box(portal, boss, world):
    assert 'action="/staff/search"' in boss.get("/staff/inspections").text
    inspector, _ = signed_in_as(portal, Role.INSPECTOR, "Ines Pector")
    assert inspector.get(f"/staff/search?q={quote(OWNER[1])}").status_code == 403
    assert 'action="/staff/search"' not in inspector.get("/permits").text
    stranger = portal.client()
    response = stranger.get("/staff/search?q=x", follow_redirects=False)
    assert response.status_code in (302, 303) and "/sign-in" in response.headers["location"]


@pytest.mark.parametrize("q", ["9999-017-001", "9999017001"])
def test_a_parcel_number_finds_its_permits_not_a_phone(boss, world, q):
    assert "BLD2003-00777" in _numbers(_section(_find(boss, q), "applications"))


def test_a_name_is_found_with_its_hyphen_and_apostrophe(boss, world):
    assert _numbers(_section(_find(boss, "mary-jane o'n"), "permits")) == ["BLD2003-00777"]


def test_only_work_that_needs_plan_review_is_an_application_in_plan_review(boss, world):
    html = _find(boss, "PLM2003-00888")
    assert _numbers(_section(html, "permits")) == ["PLM2003-00888"]
    assert _numbers(_section(html, "applications")) == []


def test_a_loosely_written_number_lists_its_inspections_not_the_hint(boss, world):
    inspections = _section(_find(boss, "ele 2003 356"), "inspections")
    assert "Electrical rough" in inspections and "Inspections are found by" not in inspections


@pytest.mark.parametrize("q", ["765-4321", "765 4321"])
def test_a_confirmation_number_may_be_written_in_two_parts(boss, world, q):
    assert "Electrical rough" in _section(_find(boss, q), "inspections")


def test_a_persons_inspections_say_they_are_of_the_newest_permits(boss, world):
    inspections = _section(_find(boss, OWNER[1]), "inspections")
    assert "The inspections of this person&#39;s 50 newest permits." in inspections


def test_nothing_typed_shows_the_box_alone_whatever_the_group(boss, world):
    html = _find(boss, "", group="permits", after="5")
    assert "“”" not in html and "Back to the first page" not in html
    assert "Type a permit or application number" in html


def test_control_characters_are_neither_searched_nor_shown_again(boss, world):
    html = _find(boss, "BLD2003-00777\x1b\u202e")
    assert "\x1b" not in html and "\u202e" not in html
    assert _numbers(_section(html, "applications")) == ["BLD2003-00777"]


def test_the_search_page_has_one_box(boss, world):
    assert _find(boss, "x").count('type="search"') == 1


def test_a_short_number_is_looked_up_once_for_every_group(boss, world, monkeypatch):
    import db.permits.search as permit_search
    from db.permits import finding as permit_finding
    from db.inspections import finding as inspection_finding
    from web.staff import search as staff_search

    calls = []
    real = permit_search.whole_number

    async def counted(reader, query):
        calls.append(query.text)
        return await real(reader, query)

    for module in (staff_search, permit_finding, inspection_finding):
        monkeypatch.setattr(module, "whole_number", counted)
    html = _find(boss, "ELE2003-356")
    assert _numbers(_section(html, "permits")) == ["ELE2003-00356"]
    assert calls.count("ELE2003-356") == 1  # the groups are given the whole number
