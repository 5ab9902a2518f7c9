"""The cashier's daily close: the day's money by method and by fee account, reconciled with
the payments recorded, as a page and a CSV; days typed wrong are refused beside the field."""
from __future__ import annotations

import csv
import io
from decimal import Decimal

from db.engines import fetch_rows
from domain.accounts import Role
from tests.unit.web.contractor.submitted import CARD, checkout, submitted_application
from tests.unit.web.contractor.test_applications import post
from tests.unit.web.inspector.test_inspector import signed_in_as
from tests.unit.web.journeys import verified_contractor


def pay(client, number: str) -> str:
    key, items = checkout(client, number)
    paid = post(client, "/checkout/pay", idempotency_key=key, fee_item=items, **CARD)
    assert paid.status_code == 303
    return paid.headers["location"].rsplit("/", 1)[1]


def test_a_day_closes_by_method_and_fee_account_and_reconciles_with_its_payments(portal):
    client, _ = verified_contractor(portal, "1012345")
    staff, _ = signed_in_as(portal, Role.STAFF, "Dana Whitcombe", supervisor=True)
    before = staff.get("/staff/cashier").context["close"]
    heater = pay(client, submitted_application(client))
    mechanical = pay(client, submitted_application(
        client, "e-mechanical", "HVAC Change-out", {"MEC-AC": "1"}))
    assert post(staff, f"/staff/payments/{mechanical}/reverse", kind="void",
                reason="Keyed twice").status_code == 303
    close = staff.get("/staff/cashier").context["close"]
    amounts = dict(fetch_rows(portal.url, "SELECT reference, amount FROM payment WHERE "
                              f"reference IN ('{heater}', '{mechanical}')"))
    added = close.total - before.total
    assert added == Decimal(str(amounts[heater])), "the void takes the second payment back out"
    assert close.reconciles and close.method_total == close.account_total == close.total
    mine = [e for e in close.entries if e.reference in (heater, mechanical)]
    assert [(e.reference, e.kind) for e in mine] == [
        (heater, "charge"), (mechanical, "charge"), (mechanical, "void")]
    page = staff.get("/staff/cashier")
    assert "The day reconciles:" in page.text and f"/staff/payments/{heater}" in page.text

    download = staff.get("/staff/cashier/close.csv", params={"day": close.day.isoformat()})
    assert download.headers["content-disposition"] == (
        f'attachment; filename="daily-close-{close.day.isoformat()}.csv"')
    rows = list(csv.reader(io.StringIO(download.text)))
    assert rows[0] == ["section", "key", "label", "count", "amount"]
    [total] = [r for r in rows if r[0] == "total"]
    assert Decimal(total[4]) == close.total
    assert sum(Decimal(r[4]) for r in rows if r[0] == "method") == close.total
    assert sum(Decimal(r[4]) for r in rows if r[0] == "fee account") == close.total


def test_a_day_typed_wrong_or_not_yet_begun_is_refused_and_the_page_is_staffs(portal):
    staff, _ = signed_in_as(portal, Role.STAFF, "Dana Whitcombe")
    for typed, said in (("2026-13-01", "Enter the day like"), ("2999-01-01", "has not begun"),
                        ("<script>", "Enter the day like")):
        refused = staff.get("/staff/cashier", params={"day": typed})
        assert refused.status_code == 400 and said in refused.text
        assert staff.get("/staff/cashier/close.csv", params={"day": typed}).status_code == 400
    empty = staff.get("/staff/cashier", params={"day": "2001-01-02"})
    assert empty.status_code == 200 and "No money was taken or returned this day." in empty.text
    inspector, _ = signed_in_as(portal, Role.INSPECTOR, "Rosa Delgado")
    assert inspector.get("/staff/cashier").status_code == 403
    contractor, _ = verified_contractor(portal, "1012345")
    assert contractor.get("/staff/cashier/close.csv").status_code == 403
