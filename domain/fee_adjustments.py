"""Fee waivers, reductions and credits (issue 16 §4): what a supervisor may change, and how."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from domain.form_keys import is_form_key
from domain.money import format_usd
from domain.numbers import id_or_none, labelled, read_amount
from domain.outcomes import Accepted, Rejected
from domain.typed_text import as_written

WAIVE, REDUCE, CREDIT = "waive", "reduce", "credit"
# A waiver forgives one fee (a fee exemption the council grants, a city project); a reduction
# takes part of one off (a fee charged on a wrong valuation); a credit takes an amount off the
# permit's fees, oldest first (fees paid on a withdrawn permit carried over).
KINDS = {WAIVE: "Waive a fee", REDUCE: "Reduce a fee by an amount",
         CREDIT: "Credit the permit: the amount comes off its fees due, oldest first"}
DONE = {WAIVE: "Waived", REDUCE: "Reduced", CREDIT: "Credited"}
MAX_REASON = 500
ZERO = Decimal("0.00")

CHOOSE_KIND = "Choose what to do from the list."
CHOOSE_FEE = "Choose the fee to change from the list of fees due."
GIVE_REASON = "Give the reason: it is kept with the change and on the audit log."
LONG_REASON = f"Keep the reason to {MAX_REASON} characters."
NOTHING_DUE = "Nothing is due on this permit: a paid fee is refunded from its payment's page."
NO_AMOUNT_FOR_A_WAIVER = ("A waiver takes off the whole fee: clear the amount, or choose to "
                          "reduce the fee by it.")
EXPIRED = "This form has expired: reload the page and make the change again."
BEING_PAID = ("Fees of this permit are being paid right now (a checkout is open): try again "
              "once it is paid or expires.")


@dataclass(frozen=True)
class DueFee:
    id: int
    description: str
    amount: Decimal


@dataclass(frozen=True)
class Change:
    fee_item_id: int
    description: str
    before: Decimal
    after: Decimal

    @property
    def taken_off(self) -> Decimal:
        return self.before - self.after


@dataclass(frozen=True)
class Adjustment:
    kind: str
    reason: str
    changes: tuple[Change, ...]

    @property
    def total(self) -> Decimal:
        return sum((c.taken_off for c in self.changes), ZERO)


def _amount(text: str, most: Decimal, errors: dict[str, str]) -> Decimal | None:
    outcome = read_amount(text, least=Decimal("0.01"), most=most)
    if isinstance(outcome, Rejected):
        errors["amount"] = labelled("Amount", outcome)
        return None
    return outcome.value


def plan_adjustment(form: Mapping[str, str], due: Sequence[DueFee]
                    ) -> Accepted[Adjustment] | Rejected:
    """Every problem at once; the changes to make when there is none."""
    if not due:
        return Rejected({"fee": NOTHING_DUE})
    errors: dict[str, str] = {}
    if not is_form_key(form.get("form_key")):  # a form sent twice changes the fees once
        errors["kind"] = EXPIRED
    kind = form.get("kind", "")
    reason = as_written(form.get("reason", ""))
    if kind not in KINDS:
        errors.setdefault("kind", CHOOSE_KIND)
    if not reason:
        errors["reason"] = GIVE_REASON
    elif len(reason) > MAX_REASON:
        errors["reason"] = LONG_REASON
    chosen = id_or_none(form.get("fee", ""))
    fee = next((f for f in due if f.id == chosen), None)
    changes: list[Change] = []
    if kind == WAIVE and form.get("amount", "").strip():
        errors["amount"] = NO_AMOUNT_FOR_A_WAIVER
    if kind in (WAIVE, REDUCE) and fee is None:
        errors["fee"] = CHOOSE_FEE
        if kind == REDUCE:  # the amount is still read, so each problem is said at once
            _amount(form.get("amount", ""), max(f.amount for f in due), errors)
    elif kind == WAIVE:
        changes = [Change(fee.id, fee.description, fee.amount, ZERO)]
    elif kind == REDUCE:
        amount = _amount(form.get("amount", ""), fee.amount, errors)
        if amount is not None:
            changes = [Change(fee.id, fee.description, fee.amount, fee.amount - amount)]
    elif kind == CREDIT:
        amount = _amount(form.get("amount", ""), sum((f.amount for f in due), ZERO), errors)
        for item in due:
            if amount is None or amount <= 0:
                break
            off = min(amount, item.amount)
            changes.append(Change(item.id, item.description, item.amount, item.amount - off))
            amount -= off
    if errors:
        return Rejected(errors)
    return Accepted(Adjustment(kind, reason, tuple(changes)))


def adjusted_words(kind: str | None, taken_off: Decimal | None) -> str:
    """What the Fees tab says beside an adjusted fee ("Waived", "Reduced by $100.00")."""
    if not kind:
        return ""
    if kind == WAIVE:
        return DONE[WAIVE]
    return f"{DONE.get(kind, kind)}: {format_usd(taken_off or ZERO)} off"


def adjusted_notice(adjustment_kind: str, total: Decimal, number: str, issued: bool) -> str:
    said = f"{DONE[adjustment_kind]}: {format_usd(total)} off the fees of {number}."
    return said + (" Nothing more is due: the permit is issued." if issued else "")
