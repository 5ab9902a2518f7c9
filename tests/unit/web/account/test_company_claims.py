"""Issue 14 §2: a company is claimed only by someone who proves they work there, with the code
mailed to the license's address of record (or staff, or a verified colleague)."""
from __future__ import annotations

import asyncio
import re
import uuid
from datetime import date, timedelta

from db.accounts.license_import import import_licenses
from db.demo.licenses import license_row
from db.engines import fetch_rows
from db.tables import FeeItem, Inspection, PermitContact
from tests.factories import (
    KNOWN_TODAY, PRIVATE_EMAIL, PRIVATE_NOTE, PRIVATE_PHONE, free_number, make_permit,
    seed_scheduled_inspection
)
from tests.unit.db.accounts.test_license_import import csv_lines
from tests.unit.test_support import accounts_page_with
from tests.unit.web.journeys import (
    claimed_contractor, code_in_letters, confirm_email, csrf, new_email, print_letters,
    register_contractor, sign_in, staff_client
)

UNPAID = "777.77"
LOCKBOX = "Lockbox 0317 by the side gate"


def company_with_a_permit(portal, street: str = "41 LEDGER LANE") -> tuple[str, str, int]:
    """A license in the state file that nobody has an account for, with an issued permit: a
    lockbox code in its inspection request, a gate code in the inspector's notes, an unpaid
    fee, the owner's phone and e-mail."""
    license_no = str(3_000_000 + uuid.uuid4().int % 999_999)
    row = license_row(license_no, "Ledger Roofing Inc", today=KNOWN_TODAY, classes="C39|B")
    import_licenses(portal.url, csv_lines([{**row, "MailingAddress": street}]))

    async def seed():
        number = await free_number("BLD2026")
        permit = await make_permit(
            number, portal.ids["sunset"], "8500 Sunset Blvd", subtype="Re-roof",
            description="Re-roof", status="Issued", applied_on=date(2026, 10, 2),
            issued_on=date(2026, 11, 23), contractor=("Ledger Roofing Inc", license_no))
        await PermitContact.insert(PermitContact(
            permit=permit, role="owner", name="Maria Owner", phone=PRIVATE_PHONE,
            email=PRIVATE_EMAIL))
        await FeeItem.insert(FeeItem(permit=permit, code="BLDG", description="Building fee",
                                     amount=UNPAID, paid=False))
        inspection = await seed_scheduled_inspection(permit, date(2030, 1, 15))
        await Inspection.update({Inspection.request_notes: LOCKBOX}).where(
            Inspection.id == inspection)
        return number, inspection

    portal.client()  # binds the portal's database
    number, inspection = asyncio.run(seed())
    return license_no, number, inspection


def first_account(portal, license_no: str, name: str = "Sam Stranger"):
    """Registered, confirmed and signed in: the first account of ``license_no``."""
    client = portal.client()
    email = new_email("first")
    assert register_contractor(client, license_no, email, name=name).status_code == 303
    confirm_email(portal, client, email)
    assert sign_in(client, email).status_code == 303
    return client, email


def private_details_in(text: str) -> list[str]:
    return [p for p in (LOCKBOX, PRIVATE_NOTE, PRIVATE_PHONE, PRIVATE_EMAIL) if p in text]


def company_pages(client, number: str, inspection: int) -> dict[str, object]:
    token = csrf(client)
    return {
        "dashboard": client.get("/dashboard"),
        "inspections section": client.get("/dashboard/inspections",
                                          headers={"HX-Request": "true"}),
        "permit": client.get(f"/permits/{number}"),
        "inspections tab": client.get(f"/permits/{number}/inspections"),
        "fees tab": client.get(f"/permits/{number}/fees"),
        "cart": client.get("/cart"),
        "my report": client.get("/reports?mine=yes"),
        "request form": client.get(f"/permits/{number}/inspections/request"),
        "request": client.post(f"/permits/{number}/inspections/request",
                               data={"csrf_token": token, "type": "199"}),
        "inspection": client.get(f"/inspections/{inspection}"),
        "reschedule form": client.get(f"/inspections/{inspection}/reschedule"),
        "reschedule": client.post(f"/inspections/{inspection}/reschedule",
                                  data={"csrf_token": token, "day": "2030-01-16"}),
        "plan review": client.get(f"/plan-review/{number}"),
    }


def test_a_stranger_registering_the_first_account_of_a_license_sees_and_does_nothing(portal):
    license_no, number, inspection = company_with_a_permit(portal)
    stranger, _ = first_account(portal, license_no)
    pages = company_pages(stranger, number, inspection)
    for name, response in pages.items():
        assert response.status_code != 500, name
        assert private_details_in(response.text) == [], name
    for action in ("request form", "request", "inspection", "reschedule form", "reschedule",
                   "plan review"):
        assert pages[action].status_code == 404, action
    # The fees tab is public; paying them (the cart, the dashboard's "Pay" links) is not.
    for mine in ("dashboard", "cart"):
        assert number not in pages[mine].text and UNPAID not in pages[mine].text, mine
    cancel = stranger.post(f"/inspections/{inspection}/cancel",
                           data={"csrf_token": csrf(stranger)})
    assert cancel.status_code == 404
    assert fetch_rows(portal.url, f"SELECT status FROM inspection WHERE id = {inspection}") == [
        ("Scheduled",)]
    dashboard = pages["dashboard"]
    assert (f"Your account is pending: it is not yet linked to license {license_no}"
            in dashboard.text)
    assert "41 LEDGER LANE" in dashboard.text
    assert "allow about a week" in dashboard.text


def test_a_waiting_account_gets_no_phone_line_pin_until_it_is_linked(portal):
    from db.inspections.phone_line import caller_for

    license_no, number, _ = company_with_a_permit(portal)
    stranger, email = first_account(portal, license_no)
    refused = stranger.post("/account/phone-pin", data={"csrf_token": csrf(stranger)})
    assert refused.status_code == 403 and "Your account is pending" in refused.text
    assert re.search(r"\b\d{6}\b", refused.text) is None
    code = code_in_letters(print_letters(portal), email)
    stranger.post("/account/claim", data={"code": code, "csrf_token": csrf(stranger)})
    shown = stranger.post("/account/phone-pin", data={"csrf_token": csrf(stranger)})
    pin = re.search(r"\b(\d{6})\b", shown.text)[1]
    portal.client()
    assert asyncio.run(caller_for(number, pin)).email == email


def test_the_code_from_the_printed_letter_links_the_account_to_its_company(portal):
    license_no, number, inspection = company_with_a_permit(portal)
    client, email = first_account(portal, license_no)
    assert 'name="code"' not in client.get("/dashboard").text  # nothing printed yet
    staff = staff_client(portal)
    waiting = staff.get("/staff/letters")
    assert "Ledger Roofing Inc".upper() in waiting.text and email in waiting.text
    printed = staff.post("/staff/letters/print", data={"csrf_token": csrf(staff)})
    assert printed.headers["content-type"] == "application/pdf"
    assert printed.headers["content-disposition"].startswith(
        'attachment; filename="claim-letters-')
    for text in ("LEDGER ROOFING INC", "41 LEDGER LANE", "LOS ANGELES, CA 90069",
                 f"contractor's license {license_no}", "Sam Stranger", email):
        assert text.encode() in printed.content, text
    code = code_in_letters(printed.content, email)
    again = staff.post("/staff/letters/print", data={"csrf_token": csrf(staff)},
                       follow_redirects=False)
    assert again.headers["location"] == "/staff/letters?nothing=1"
    dashboard = client.get("/dashboard")
    assert 'name="code"' in dashboard.text and "5 tries left" in dashboard.text
    wrong = client.post("/account/claim", data={"code": "2222-3333-4444",
                                                "csrf_token": csrf(client)})
    assert wrong.status_code == 422
    assert "4 tries left" in wrong.context["errors"]["code"]
    assert 'value="2222-3333-4444"' in wrong.text and 'href="#f-code"' in wrong.text
    done = client.post("/account/claim", data={"code": code.lower(),
                                               "csrf_token": csrf(client)})
    assert done.status_code == 200 and "now linked to license" in done.text
    assert number in done.text and PRIVATE_NOTE not in done.text
    assert client.get(f"/inspections/{inspection}").status_code == 200
    assert LOCKBOX in client.get(f"/permits/{number}/inspections").text
    events = fetch_rows(portal.url, "SELECT action FROM audit_event WHERE subject = (SELECT "
                        f"'account ' || id FROM account WHERE email = '{email}') ORDER BY id")
    assert [e for (e,) in events if "claim" in e] == [
        "claim letter requested", "claim letter printed", "claim code refused",
        "company claimed with the mailed code"]


def test_wrong_codes_lock_the_letter_and_a_new_one_can_be_asked_for_later(portal):
    license_no, _, _ = company_with_a_permit(portal)
    client, email = first_account(portal, license_no)
    code = code_in_letters(print_letters(portal), email)
    wrong = ("2" if code[0] != "2" else "3") + code[1:]
    for _ in range(5):
        last = client.post("/account/claim", data={"code": wrong, "csrf_token": csrf(client)})
    assert last.status_code == 422 and "it was the last try" in last.text
    locked = client.post("/account/claim", data={"code": code, "csrf_token": csrf(client)})
    assert locked.status_code == 422
    assert "entered too many times" in locked.text and "no longer works" in locked.text
    dashboard = client.get("/dashboard")
    assert "You can ask for a new one from" in dashboard.text
    assert "Mail me" not in dashboard.text
    real = portal.app.state.clock
    portal.app.state.clock = lambda: real() + timedelta(days=11)
    try:
        asked = client.post("/account/claim/letter", data={"csrf_token": csrf(client)},
                            follow_redirects=False)
        assert asked.headers["location"] == "/account/claim?asked=1"
        new = code_in_letters(print_letters(portal), email)
        assert client.post("/account/claim", data={"code": new, "csrf_token": csrf(client)},
                           follow_redirects=False).headers["location"] == "/dashboard?claimed=1"
        twice = client.post("/account/claim", data={"code": new, "csrf_token": csrf(client)},
                            follow_redirects=False)
        assert twice.headers["location"] == "/dashboard?claimed=1", "a double tap: linked"
    finally:
        portal.app.state.clock = real


def test_staff_send_a_lost_letter_again_and_the_lost_code_stops_working(portal):
    license_no, _, _ = company_with_a_permit(portal)
    client, email = first_account(portal, license_no)
    lost = code_in_letters(print_letters(portal), email)
    [(letter_id,)] = fetch_rows(portal.url, "SELECT id FROM claim_letter WHERE account = "
                                f"(SELECT id FROM account WHERE email = '{email}')")
    staff = staff_client(portal)
    sent = staff.post(f"/staff/letters/{letter_id}/again", data={"csrf_token": csrf(staff)},
                      follow_redirects=False)
    assert sent.headers["location"] == f"/staff/letters?again={letter_id}"
    assert "A new letter is waiting" in staff.get(sent.headers["location"]).text
    assert "A new letter" not in staff_client(portal).get(sent.headers["location"]).text, (
        "the address bar alone says nothing to another member of staff")
    for forged in ("again=1", f"again={letter_id + 10_000}", "again=x"):
        assert "A new letter" not in staff.get(f"/staff/letters?{forged}").text, forged
    twice = staff.post(f"/staff/letters/{letter_id}/again", data={"csrf_token": csrf(staff)},
                       follow_redirects=False)
    assert twice.headers["location"] == sent.headers["location"], "a double tap: already sent"
    refused = client.post("/account/claim", data={"code": lost, "csrf_token": csrf(client)})
    assert refused.status_code == 422 and "replaced by a newer one" in refused.text
    new = code_in_letters(print_letters(portal), email)
    assert new != lost
    assert client.post("/account/claim", data={"code": new, "csrf_token": csrf(client)},
                       follow_redirects=False).status_code == 303


def test_staff_approval_in_the_accounts_queue_is_the_other_way_in(portal):
    license_no, number, _ = company_with_a_permit(portal)
    client, email = first_account(portal, license_no)
    staff = staff_client(portal)
    queue = accounts_page_with(staff, email)
    assert email in queue.text and "Waiting to be printed" in queue.text
    [(account_id,)] = fetch_rows(portal.url, f"SELECT id FROM account WHERE email = '{email}'")
    staff.post(f"/staff/accounts/{account_id}/decide",
               data={"decision": "approve", "csrf_token": csrf(staff)})
    assert number in client.get("/dashboard").text
    assert fetch_rows(portal.url, f"SELECT status FROM claim_letter WHERE account = "
                                  f"{account_id}") == [("cancelled",)]


def test_the_claimed_contractor_journey_reaches_the_companys_permits(portal):
    license_no, number, _ = company_with_a_permit(portal)
    client, _ = claimed_contractor(portal, license_no)
    assert number in client.get("/dashboard").text
