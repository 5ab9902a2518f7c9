"""The daily close's arithmetic: methods and fee accounts add up to the day's ledger, a refund
or void takes its fees back out, money taken twice belongs to no fee account."""
from __future__ import annotations

from datetime import date, datetime, timezone
from decimal import Decimal
from zoneinfo import ZoneInfo

from domain import daily_close as dc

AT = datetime(2026, 12, 4, 18, 0, tzinfo=timezone.utc)
LINES = (("ISSUANCE", "Permit issuance fee", Decimal("35.00")),
         ("PLM-WATER-HEATER", "Water heater", Decimal("48.60")))


def entry(reference, kind, amount, gateway="counter", lines=LINES):
    return dc.Entry(reference, "a@example.com", gateway, kind, Decimal(amount), AT, lines)


def test_methods_and_accounts_reconcile_through_refunds_voids_and_money_taken_twice():
    close = dc.close_of(date(2026, 12, 4), [
        entry("PAY-1", "charge", "83.60"), entry("PAY-2", "charge", "83.60"),
        entry("PAY-2", "void", "-83.60"), entry("PAY-3", "charge", "83.60", "stripe"),
        entry("PAY-4", "charge", "50.00", "stripe", ()),
        entry("PAY-4", "refund", "-50.00", "stripe", ())])
    assert close.total == Decimal("167.20") and close.reconciles
    assert {t.key: t.amount for t in close.by_method} == {
        "counter:charge": Decimal("167.20"), "counter:void": Decimal("-83.60"),
        "stripe:charge": Decimal("133.60"), "stripe:refund": Decimal("-50.00")}
    assert {t.key: t.amount for t in close.by_account} == {
        "ISSUANCE": Decimal("70.00"), "PLM-WATER-HEATER": Decimal("97.20")}
    assert close.taken_twice == 0
    assert "The day reconciles: $167.20 by method" in dc.verdict(close, lambda d: f"${d:.2f}")


def test_a_close_that_does_not_add_up_says_so():
    broken = dc.close_of(date(2026, 12, 4), [entry("PAY-1", "charge", "90.00")])
    assert not broken.reconciles
    assert "does not reconcile" in dc.verdict(broken, str)


def test_the_day_asked_for_and_its_span_in_the_city():
    today = date(2026, 12, 4)
    assert dc.read_day("", today).value == today
    assert dc.read_day("2026-12-03", today).value == date(2026, 12, 3)
    assert "not begun" in dc.read_day("2026-12-05", today).errors["day"]
    assert dc.read_day("yesterday", today).errors == {"day": dc.NOT_A_DAY}
    starts, ends = dc.day_span(today, ZoneInfo("America/Los_Angeles"))
    assert starts.astimezone(timezone.utc) == datetime(2026, 12, 4, 8, 0, tzinfo=timezone.utc)
    assert (ends - starts).total_seconds() == 86400
    rows = dc.csv_rows(dc.close_of(today, [entry("PAY-1", "charge", "83.60")]),
                       ZoneInfo("America/Los_Angeles"))
    assert rows[-2] == ["total", "", "ledger entries of the day", "1", "83.60"]
    assert rows[-1] == ["entry", "PAY-1", "charge counter 2026-12-04 10:00", "1", "83.60"]
