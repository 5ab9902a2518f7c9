"""A cashier's daily close (issue 16 §4): a day's money by method and fee account, reconciled."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from decimal import Decimal

from domain.dates import date_or_none
from domain.outcomes import Accepted, Rejected
from domain.payments import GATEWAY_WORDS, LEDGER_WORDS

ZERO = Decimal("0.00")
NOT_A_DAY = "Enter the day like 2026-12-04."
# A close is for a day that has begun: a later one has nothing yet, and a typo of 2062 reads
# as an empty day rather than a mistake.
NOT_YET = "Choose today or an earlier day: {day} has not begun."
RECONCILED = ("The day reconciles: {methods} by method = {accounts} by fee account = "
              "{payments} in the {count} ledger entries of the day.")
NOT_RECONCILED = ("The day does not reconcile: {methods} by method, {accounts} by fee account. "
                  "Call the system's administrator before closing the drawer.")
# A payment taken twice and refunded (the fees were paid another way) is money in and out of
# the drawer, never fees: its lines belong to no fee account.
TAKEN_TWICE = "Taken after the fees were paid another way"


def read_day(text: str, today: date) -> Accepted[date] | Rejected:
    """The day asked for (?day=), today when none is given."""
    if not text.strip():
        return Accepted(today)
    day = date_or_none(text)
    if day is None:
        return Rejected({"day": NOT_A_DAY})
    if day > today:
        return Rejected({"day": NOT_YET.format(day=day.isoformat())})
    return Accepted(day)


def day_span(day: date, zone: tzinfo) -> tuple[datetime, datetime]:
    """The city day, midnight to midnight in the city's time zone."""
    return (datetime.combine(day, time(), zone),
            datetime.combine(day + timedelta(days=1), time(), zone))


@dataclass(frozen=True)
class Entry:
    """One ledger entry of the day, with its payment's fee lines (empty for money taken twice)."""
    reference: str
    payer: str
    gateway: str
    kind: str  # charge, refund, void
    amount: Decimal  # positive in, negative out
    at: datetime
    lines: tuple[tuple[str, str, Decimal], ...]  # (fee code, description, amount)


@dataclass(frozen=True)
class Total:
    key: str
    label: str
    count: int
    amount: Decimal


@dataclass(frozen=True)
class DailyClose:
    day: date
    entries: tuple[Entry, ...]
    by_method: tuple[Total, ...]
    by_account: tuple[Total, ...]
    taken_twice: Decimal

    @property
    def total(self) -> Decimal:
        return sum((e.amount for e in self.entries), ZERO)

    @property
    def method_total(self) -> Decimal:
        return sum((t.amount for t in self.by_method), ZERO)

    @property
    def account_total(self) -> Decimal:
        return sum((t.amount for t in self.by_account), ZERO) + self.taken_twice

    @property
    def reconciles(self) -> bool:
        return self.method_total == self.account_total == self.total


def _sign(entry: Entry) -> int:
    return 1 if entry.amount >= 0 else -1


def close_of(day: date, entries: Iterable[Entry]) -> DailyClose:
    """Totals by method (gateway and kind: charges, refunds and voids apart) and by fee account
    (a refund or void takes its payment's lines back out of their accounts)."""
    entries = tuple(sorted(entries, key=lambda e: (e.at, e.reference)))
    methods: dict[tuple[str, str], list] = {}
    accounts: dict[str, list] = {}
    taken_twice = ZERO
    for entry in entries:
        slot = methods.setdefault((entry.gateway, entry.kind), [0, ZERO])
        slot[0] += 1
        slot[1] += entry.amount
        if not entry.lines:
            taken_twice += entry.amount
        for code, description, amount in entry.lines:
            account = accounts.setdefault(code, [description, 0, ZERO])
            account[1] += 1
            account[2] += _sign(entry) * amount
    by_method = tuple(
        Total(f"{gateway}:{kind}", f"{GATEWAY_WORDS.get(gateway, gateway)}: "
              f"{LEDGER_WORDS.get(kind, kind).lower()}s", count, amount)
        for (gateway, kind), (count, amount) in sorted(methods.items()))
    by_account = tuple(Total(code, description, count, amount)
                       for code, (description, count, amount) in sorted(accounts.items()))
    return DailyClose(day, entries, by_method, by_account, taken_twice)


def verdict(close: DailyClose, money) -> str:
    """The sentence under the totals (``money`` formats an amount)."""
    words = dict(methods=money(close.method_total), accounts=money(close.account_total),
                 payments=money(close.total), count=len(close.entries))
    return (RECONCILED if close.reconciles else NOT_RECONCILED).format(**words)


def csv_rows(close: DailyClose, zone: tzinfo) -> list[list[str]]:
    """The close as a spreadsheet: a row per total, then one per ledger entry (its time in
    the city, as the page shows it)."""
    rows = [["section", "key", "label", "count", "amount"]]
    rows += [["method", t.key, t.label, str(t.count), f"{t.amount:.2f}"] for t in close.by_method]
    rows += [["fee account", t.key, t.label, str(t.count), f"{t.amount:.2f}"]
             for t in close.by_account]
    if close.taken_twice:
        rows.append(["fee account", "TAKEN-TWICE", TAKEN_TWICE, "", f"{close.taken_twice:.2f}"])
    rows.append(["total", "", "ledger entries of the day", str(len(close.entries)),
                 f"{close.total:.2f}"])
    rows += [["entry", e.reference, f"{e.kind} {e.gateway} "
              f"{e.at.astimezone(zone):%Y-%m-%d %H:%M}", "1", f"{e.amount:.2f}"]
             for e in close.entries]
    return rows


def close_filename(day: date) -> str:
    return f"daily-close-{day.isoformat()}.csv"
