"""Cart, checkout through the counter gateway, issuance on payment, the receipt, exactly once."""
from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal

from db.engines import fetch_rows
from tests.unit.web.contractor.submitted import CARD, checkout, submitted_application
from tests.unit.web.contractor.test_applications import post
from tests.unit.web.journeys import verified_contractor


def test_paying_an_over_the_counter_permit_issues_it_and_mails_a_receipt(portal):
    client, email = verified_contractor(portal, "1012345")
    number = submitted_application(client)
    cart = client.get("/cart", params={"permit": number})
    assert number in cart.context["permits"]
    key, items = checkout(client, number)
    paid = post(client, "/checkout/pay", idempotency_key=key, fee_item=items, **CARD)
    assert paid.status_code == 303
    reference = paid.headers["location"].rsplit("/", 1)[1]
    assert re.fullmatch(r"PAY\d{4}-\d{6}", reference)
    receipt = client.get(f"/payments/{reference}")
    assert receipt.context["receipt"].issued == (number,)
    assert receipt.context["receipt"].amount == Decimal("84.60")  # 35 + 45 + 2.25 + 1.35 + 1
    [(status, issued_on, expires_on)] = fetch_rows(
        portal.url, f"SELECT status, issued_on, expires_on FROM permit WHERE number = '{number}'")
    assert status == "Issued"
    assert date.fromisoformat(expires_on) - date.fromisoformat(issued_on) == timedelta(days=180)
    assert fetch_rows(portal.url, "SELECT count(*) FROM fee_item f JOIN permit p ON p.id ="
                      f" f.permit WHERE p.number = '{number}' AND NOT f.paid") == [(0,)]
    [(kind, amount)] = fetch_rows(portal.url, "SELECT kind, l.amount FROM ledger_entry l JOIN"
                                  f" payment p ON p.id = l.payment WHERE p.reference = '{reference}'")
    assert (kind, Decimal(str(amount))) == ("charge", Decimal("84.60"))
    subject, body = portal.mail_to(email)[-1]
    assert subject.startswith(f"Receipt {reference}") and number in body and "$84.60" in body


def test_a_double_click_or_the_back_button_pays_once(portal):
    client, _ = verified_contractor(portal, "1012345")
    number = submitted_application(client)
    key, items = checkout(client, number)
    first = post(client, "/checkout/pay", idempotency_key=key, fee_item=items, **CARD)
    second = post(client, "/checkout/pay", idempotency_key=key, fee_item=items, **CARD)
    assert first.headers["location"] == second.headers["location"]
    assert fetch_rows(portal.url, f"SELECT count(*) FROM payment WHERE idempotency_key LIKE '%:{key}'"
                      ) == [(1,)]
    other_key = "f" * 32
    again = post(client, "/checkout/pay", idempotency_key=other_key, fee_item=items, **CARD)
    assert again.status_code == 303  # nothing left to pay in that form: it says so
    assert "These fees are already paid" in client.get(again.headers["location"]).text


def test_a_declined_or_mistyped_card_charges_nothing(portal):
    client, _ = verified_contractor(portal, "1012345")
    number = submitted_application(client)
    key, items = checkout(client, number)
    declined = post(client, "/checkout/pay", idempotency_key=key, fee_item=items,
                    **{**CARD, "card_number": "4000 0000 0000 0002"})
    assert declined.status_code == 422
    assert "declined" in declined.context["errors"]["card_number"]
    typo = post(client, "/checkout/pay", idempotency_key=key, fee_item=items,
                **{**CARD, "card_number": "4242 4242 4242 4241", "card_expiry": "01/20"})
    assert set(typo.context["errors"]) == {"card_number", "card_expiry"}
    assert "4242 4242 4242 4241" not in typo.text  # card numbers are never echoed
    assert fetch_rows(portal.url, f"SELECT count(*) FROM payment WHERE idempotency_key LIKE '%:{key}'"
                      ) == [(0,)]


def test_fees_of_another_company_cannot_be_slipped_into_a_payment(portal):
    client, _ = verified_contractor(portal, "1012345")
    other, _ = verified_contractor(portal, "1023456")
    theirs = submitted_application(other, "e-mechanical", "HVAC Change-out", {"MEC-AC": "1"})
    [(their_item,)] = fetch_rows(portal.url, "SELECT min(f.id) FROM fee_item f JOIN permit p ON"
                                 f" p.id = f.permit WHERE p.number = '{theirs}'")
    mine = submitted_application(client)
    key, items = checkout(client, mine)
    response = post(client, "/checkout/pay", idempotency_key=key,
                    fee_item=[*items, their_item], **CARD)
    assert response.status_code == 303  # paid what is payable, nothing else
    assert fetch_rows(portal.url, f"SELECT paid FROM fee_item WHERE id = {their_item}") == [(0,)]


def test_work_needing_plan_review_is_not_issued_by_payment(portal):
    client, _ = verified_contractor(portal, "1012345")
    number = submitted_application(client, "e-building", "Residential Remodel", {})
    key, items = checkout(client, number)
    post(client, "/checkout/pay", idempotency_key=key, fee_item=items, **CARD)
    assert fetch_rows(portal.url, f"SELECT status FROM permit WHERE number = '{number}'") == [
        ("Applied",)]


def test_a_receipt_shows_only_to_whoever_paid(portal):
    client, _ = verified_contractor(portal, "1012345")
    colleague_of_nobody, _ = verified_contractor(portal, "1023456")
    number = submitted_application(client)
    key, items = checkout(client, number)
    location = post(client, "/checkout/pay", idempotency_key=key, fee_item=items,
                    **CARD).headers["location"]
    assert client.get(location).status_code == 200
    assert colleague_of_nobody.get(location).status_code == 404


def test_staff_refund_a_payment_and_the_ledger_balances_to_zero(portal):
    from tests.unit.test_support import review_queue, staff_client

    client, _ = verified_contractor(portal, "1012345")
    number = submitted_application(client)
    key, items = checkout(client, number)
    reference = post(client, "/checkout/pay", idempotency_key=key, fee_item=items,
                     **CARD).headers["location"].rsplit("/", 1)[1]
    assert client.get(f"/staff/payments/{reference}").status_code == 403
    staff = staff_client(portal)
    found = staff.get("/staff/payments", params={"reference": reference.lower()},
                      follow_redirects=False)
    assert found.headers["location"] == f"/staff/payments/{reference}"
    page = staff.get(f"/staff/payments/{reference}")
    assert page.context["view"].balance == Decimal("84.60")
    no_reason = post(staff, f"/staff/payments/{reference}/reverse", kind="refund")
    assert no_reason.status_code == 422
    done = post(staff, f"/staff/payments/{reference}/reverse", kind="refund",
                reason="Duplicate permit")
    assert done.status_code == 303
    view = staff.get(f"/staff/payments/{reference}").context["view"]
    assert view.receipt.status == "refunded" and view.balance == Decimal("0.00")
    assert [entry[0] for entry in view.ledger] == ["charge", "refund"]
    ledger = staff.get(f"/staff/payments/{reference}").text
    assert "<td>Refund</td>" in ledger and "<dd>Refunded</dd>" in ledger, "words, not codes"
    assert '<td class="num">-$84.60</td>' in ledger and "$-" not in ledger
    assert re.search(r"<td>\w+day \d+ \w+ 20\d\d, \d{1,2}:\d\d [AP]M P[SD]T</td>", ledger), \
        "the time as every other page writes it"
    assert "City counter (demonstration card form)" in ledger
    assert fetch_rows(portal.url, "SELECT count(*) FROM fee_item f JOIN permit p ON"
                      f" p.id = f.permit WHERE p.number = '{number}' AND f.paid") == [(0,)]
    again = post(staff, f"/staff/payments/{reference}/reverse", kind="void", reason="Twice")
    assert again.status_code == 409


def test_work_needing_plan_review_waits_in_the_staff_queue(portal):
    from tests.unit.test_support import review_queue, staff_client

    client, _ = verified_contractor(portal, "1012345")
    number = submitted_application(client, "e-building", "Residential Remodel", {})
    assert number in review_queue(staff_client(portal))
    over_the_counter = submitted_application(client)
    assert over_the_counter not in review_queue(staff_client(portal))


def test_a_cart_of_many_fee_lines_is_paid_in_one_checkout(portal):
    client, _ = verified_contractor(portal, "1012345")
    numbers = [submitted_application(client) for _ in range(13)]  # 5 fee lines each
    page = client.get("/checkout", params={"permit": numbers})
    key = page.context["key"]
    items = [line.fee_item_id for line in page.context["lines"]]
    assert len(items) == 65
    paid = post(client, "/checkout/pay", idempotency_key=key, fee_item=items, **CARD)
    assert paid.status_code == 303


def test_two_accounts_using_the_same_key_each_pay_their_own(portal):
    first, _ = verified_contractor(portal, "1012345")
    second, _ = verified_contractor(portal, "1045678")  # class B: may do plumbing
    shared_key = "same-key-0123456789"
    for client in (first, second):
        number = submitted_application(client)
        _, items = checkout(client, number)
        response = post(client, "/checkout/pay", idempotency_key=shared_key, fee_item=items,
                         **CARD)
        assert response.status_code == 303


def test_the_pay_page_opens_again_with_get_and_after_payment_offers_nothing_to_pay(portal):
    client, _ = verified_contractor(portal, "1012345")
    number = submitted_application(client)
    cart = client.get("/cart")
    assert 'action="/checkout" method="get"' in cart.text, "choosing what to pay changes nothing"
    key, items = checkout(client, number)
    reload = client.get("/checkout", params={"permit": number})
    assert reload.template.name == "payments/pay.html"
    paid = post(client, "/checkout/pay", idempotency_key=key, fee_item=items, **CARD)
    back = client.get("/checkout", params={"permit": number})  # Back from the receipt
    assert back.status_code == 200 and back.template.name == "payments/cart.html"
    assert f"These fees are already paid: nothing is due now on {number}." in back.text
    assert f'href="{paid.headers["location"]}"' in back.text, "a link to the receipt"
    assert "Pay $" not in back.text
    assert client.get(paid.headers["location"]).status_code == 200


def test_a_payment_form_sent_again_for_other_fees_is_refused_never_given_the_receipt(portal):
    client, _ = verified_contractor(portal, "1012345")
    stranger, _ = verified_contractor(portal, "1023456")
    paid_number, other_number = submitted_application(client), submitted_application(client)
    key, items = checkout(client, paid_number)
    receipt = post(client, "/checkout/pay", idempotency_key=key, fee_item=items, **CARD)
    assert receipt.status_code == 303
    _, other_items = checkout(client, other_number)
    for fees in (other_items, items + other_items, items[:1]):
        again = post(client, "/checkout/pay", idempotency_key=key, fee_item=fees, **CARD)
        assert again.status_code == 422 and "location" not in again.headers
        assert again.headers["Idempotency-Key-Reused"] == "other-target"
        assert "This payment form was already used to pay other fees" in again.text
        assert receipt.headers["location"].rsplit("/", 1)[1] not in again.text
    assert fetch_rows(portal.url, "SELECT count(*) FROM fee_item f JOIN permit p ON p.id ="
                      f" f.permit WHERE p.number = '{other_number}' AND f.paid") == [(0,)]
    theirs = post(stranger, "/checkout/pay", idempotency_key=key, fee_item=items, **CARD)
    assert theirs.status_code == 400, "another account's form is its own, never the receipt"
    assert post(client, "/checkout/pay", idempotency_key=key, fee_item=items,
                **CARD).headers["location"] == receipt.headers["location"]


def test_voiding_the_payment_that_issued_a_permit_says_so_on_the_receipt_and_to_the_payer(
        portal):
    from tests.unit.test_support import staff_client

    client, email = verified_contractor(portal, "1012345")
    number = submitted_application(client)
    key, items = checkout(client, number)
    reference = post(client, "/checkout/pay", idempotency_key=key, fee_item=items,
                     **CARD).headers["location"].rsplit("/", 1)[1]
    staff = staff_client(portal)
    done = post(staff, f"/staff/payments/{reference}/reverse", kind="void",
                reason="Keyed in twice")
    assert done.status_code == 303
    notice = staff.get(done.headers["location"]).context["notice"]
    assert notice == (f"Payment {reference} is voided: its fees are unpaid again, and "
                      f"{number} is no longer issued. The payer was e-mailed.")
    mails = len(portal.mail_to(email))
    twice = post(staff, f"/staff/payments/{reference}/reverse", kind="void",
                 reason="Keyed in twice")
    assert twice.status_code == 303 and twice.headers["location"] == done.headers["location"], (
        "a second tap lands on what the first one did, not on an error")
    assert len(portal.mail_to(email)) == mails, "and does nothing again"
    assert fetch_rows(portal.url, f"SELECT status, issued_on FROM permit WHERE number ="
                                  f" '{number}'") == [("Applied", None)]

    receipt = client.get(f"/payments/{reference}").text
    assert "<h1>Payment voided</h1>" in receipt and "Payment received" not in receipt
    assert "This payment was voided on " in receipt and "its fees are due again" in receipt
    assert "is no longer issued: a permit is valid only once its fees are paid" in receipt
    assert "now issued: work may start" not in receipt
    subject, body = portal.mail_to(email)[-1]
    assert subject.startswith(f"Payment {reference} was voided")
    assert f"{number} is no longer issued" in body and f"/payments/{reference}" in body
    # The fees are in the cart again, and paying them issues the permit again.
    key, items = checkout(client, number)
    assert post(client, "/checkout/pay", idempotency_key=key, fee_item=items,
                **CARD).status_code == 303
    assert fetch_rows(portal.url, f"SELECT status FROM permit WHERE number = '{number}'"
                      ) == [("Issued",)]


def test_paying_the_same_fees_in_a_second_tab_says_they_are_already_paid(portal):
    client, _ = verified_contractor(portal, "1012345")
    number = submitted_application(client)
    first_key, items = checkout(client, number)
    second_key, _ = checkout(client, number)  # the same pay page open in another tab
    paid = post(client, "/checkout/pay", idempotency_key=first_key, fee_item=items, **CARD)
    again = post(client, "/checkout/pay", idempotency_key=second_key, fee_item=items, **CARD)
    assert again.status_code == 303, "not an error page"
    told = client.get(again.headers["location"])
    assert told.status_code == 200
    assert f"These fees are already paid: nothing is due now on {number}." in told.text
    assert f'<a href="{paid.headers["location"]}">See receipt' in told.text
    assert fetch_rows(portal.url, "SELECT count(DISTINCT l.payment) FROM payment_line l JOIN "
                      "fee_item f ON f.id = l.fee_item JOIN permit p ON p.id = f.permit WHERE "
                      f"p.number = '{number}'") == [(1,)], "paid once"


def test_a_made_up_permit_in_the_checkout_address_shows_no_receipt(portal):
    client, _ = verified_contractor(portal, "1012345")
    other, _ = verified_contractor(portal, "1023456")
    number = submitted_application(other, "e-mechanical", "HVAC Change-out", {"MEC-AC": "1"})
    key, items = checkout(other, number)
    post(other, "/checkout/pay", idempotency_key=key, fee_item=items, **CARD)
    shown = client.get("/checkout", params={"permit": number})
    assert "already paid" not in shown.text and "See receipt" not in shown.text
    slipped = post(client, "/checkout/pay", idempotency_key="e" * 32, fee_item=items, **CARD)
    assert slipped.status_code == 400, "another company's paid fees lead to no receipt"
