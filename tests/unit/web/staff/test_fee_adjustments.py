"""A supervisor waives, reduces or credits fees due, with a reason: the Fees tab says so, the
audit log has it, the applicant pays the rest; a permit left with nothing due is issued."""
from __future__ import annotations

import secrets

from db.engines import fetch_rows
from domain.accounts import Role
from tests.unit.web.contractor.submitted import CARD, checkout, submitted_application
from tests.unit.web.contractor.test_applications import post
from tests.unit.web.inspector.test_inspector import signed_in_as
from tests.unit.web.journeys import verified_contractor


def new_key() -> str:
    """A fresh form's one-time key, as the page renders one."""
    return secrets.token_urlsafe(16)


def fees(portal, number):
    return fetch_rows(portal.url, "SELECT f.id, f.description, f.amount, f.paid FROM fee_item f"
                      f" JOIN permit p ON p.id = f.permit WHERE p.number = '{number}'"
                      " ORDER BY f.id")


def test_a_waiver_and_a_reduction_with_reasons_and_the_applicant_pays_the_rest(portal):
    client, _ = verified_contractor(portal, "1012345")
    number = submitted_application(client, "e-mechanical", "HVAC Change-out", {"MEC-AC": "1"})
    boss, _ = signed_in_as(portal, Role.STAFF, "Dana Whitcombe", supervisor=True)
    url = f"/staff/permits/{number}/fees"
    first, second = fees(portal, number)[:2]
    missing = post(boss, f"{url}/adjust", form_key=new_key(), kind="reduce", fee=str(second[0]),
                   amount="abc")
    assert missing.status_code == 422
    assert set(missing.context["errors"]) == {"amount", "reason"}
    assert 'value="abc"' in missing.text, "what was typed comes back"
    waived = post(boss, f"{url}/adjust", form_key=new_key(), kind="waive", fee=str(first[0]),
                  reason="Council resolution 2026-14")
    assert waived.status_code == 303
    page = boss.get(waived.headers["location"])
    assert page.context["notice"].startswith("Waived: ")
    assert "Council resolution 2026-14" in page.text
    once = new_key()
    for _ in range(2):  # a double tap, or Back and the form sent again
        reduced = post(boss, f"{url}/adjust", form_key=once, kind="reduce", fee=str(second[0]),
                       amount="1.00", reason="Fee charged on the wrong valuation")
        assert reduced.status_code == 303
    brought_back = post(boss, f"{url}/adjust", form_key=once, kind="reduce",
                        fee=str(second[0]), amount="2.00", reason="Another reason typed later")
    assert brought_back.status_code == 422, "an old form with another change is told so"
    assert "already sent" in brought_back.text and "Another reason typed later" in brought_back.text
    assert f'value="{once}"' not in brought_back.text, "sent again, the form makes its change"
    after = fees(portal, number)
    assert after[0][2:] == (0, 1) and float(after[1][2]) == float(second[2]) - 1
    tab = client.get(f"/permits/{number}/fees")
    assert "(Waived)" in tab.text and "Reduced: $1.00 off" in tab.text
    assert "Waivers, reductions and credits (staff)" not in tab.text
    [(events,)] = fetch_rows(portal.url, "SELECT count(*) FROM audit_event WHERE action = "
                             "'fees adjusted' AND permit = (SELECT id FROM permit WHERE "
                             f"number = '{number}')")
    assert events == 2
    key, items = checkout(client, number)
    assert first[0] not in items, "a waived fee is not in the cart"
    paid = post(client, "/checkout/pay", idempotency_key=key, fee_item=items, **CARD)
    assert paid.status_code == 303
    assert fetch_rows(portal.url, f"SELECT status FROM permit WHERE number = '{number}'") == [
        ("Issued",)]


def test_a_credit_of_everything_due_issues_the_permit_and_only_a_supervisor_adjusts(portal):
    client, _ = verified_contractor(portal, "1012345")
    number = submitted_application(client)
    url = f"/staff/permits/{number}/fees"
    clerk, _ = signed_in_as(portal, Role.STAFF, "Lee Clerk")
    assert "A supervisor waives" in clerk.get(url).text
    for someone in (clerk, client):
        assert post(someone, f"{url}/adjust", form_key=new_key(), kind="waive", fee="1",
                    reason="x").status_code == 403
    boss, _ = signed_in_as(portal, Role.STAFF, "Dana Whitcombe", supervisor=True)
    due = sum(float(f[2]) for f in fees(portal, number))
    over = post(boss, f"{url}/adjust", form_key=new_key(), kind="credit",
                amount=f"{due + 1:.2f}", reason="Carried")
    assert over.status_code == 422 and "amount" in over.context["errors"]
    credited = post(boss, f"{url}/adjust", form_key=new_key(), kind="credit", amount=f"{due:.2f}",
                    reason="Fees paid on withdrawn permit carried over")
    assert "Nothing more is due: the permit is issued." in boss.get(
        credited.headers["location"]).context["notice"]
    assert fetch_rows(portal.url, f"SELECT status FROM permit WHERE number = '{number}'") == [
        ("Issued",)]
    again = post(boss, f"{url}/adjust", form_key=new_key(), kind="credit", amount="1",
                 reason="Again")
    assert again.status_code == 422 and "Nothing is due" in again.text
    assert boss.get("/staff/permits/BLD2026-99999/fees").status_code == 404


def test_fees_being_paid_right_now_are_not_changed_under_the_payer(portal):
    import sqlite3

    from db.engines import sqlite_path

    client, _ = verified_contractor(portal, "1012345")
    number = submitted_application(client)
    [(item, _, amount, _), *_] = fees(portal, number)
    [(account,)] = fetch_rows(portal.url, "SELECT account FROM application WHERE permit = "
                              f"(SELECT id FROM permit WHERE number = '{number}')")
    with sqlite3.connect(sqlite_path(portal.url)) as connection:  # a Stripe checkout is open
        payment = connection.execute(
            "INSERT INTO payment (account, reference, gateway, idempotency_key, amount, status,"
            " created_at) VALUES (?, ?, 'stripe', ?, ?, 'pending', '2026-12-04 10:00:00+00:00')",
            (account, f"pending-{number}", f"k-{number}", amount)).lastrowid
        connection.execute("INSERT INTO payment_line (payment, fee_item, amount) VALUES (?, ?, ?)",
                           (payment, item, amount))
    boss, _ = signed_in_as(portal, Role.STAFF, "Dana Whitcombe", supervisor=True)
    refused = post(boss, f"/staff/permits/{number}/fees/adjust", kind="waive", fee=str(item),
                   reason="Council waiver")
    assert refused.status_code == 422 and "being paid right now" in refused.text
    assert fees(portal, number)[0][2:] == (amount, 0)
