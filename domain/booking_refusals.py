"""Why an inspection cannot be booked on the date chosen, or while a reinspection fee is due:
the sentences its requester reads, each a message id with named placeholders for gettext
(ngettext where a number picks one)."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from domain.dates import day_of_month
from domain.money import format_usd

TOO_SMALL_ONE = ("{day} has {remaining} place left, and this inspection needs {units}. "
                 "Choose another date.")
TOO_SMALL_MANY = ("{day} has {remaining} places left, and this inspection needs {units}. "
                  "Choose another date.")
# Said on the web, at the counter and on the phone line alike: the fee is paid on the web.
REINSPECTION_FEE_DUE = ("A reinspection fee of {amount} is due on this permit. Pay it on the "
                        "web before requesting an inspection.")
REINSPECTION_FEES_DUE = ("Reinspection fees of {amount} are due on this permit. Pay them on the "
                         "web before requesting an inspection.")
FEES_WITH_REINSPECTION = ("{amount} in fees is due, a reinspection fee of {reinspection} "
                          "among them. Pay it on the web before requesting an inspection.")
DAY_FILLED = ("{day} just filled up while you were choosing. Choose one of the next available "
              "dates.")


def too_small(day: date, remaining: int, units: int) -> str:
    """The day has room left, but less than the inspection takes."""
    message = TOO_SMALL_ONE if remaining == 1 else TOO_SMALL_MANY
    return message.format(day=day_of_month(day), remaining=remaining, units=units)


def day_filled(day: date) -> str:
    """The chosen day filled up between showing the dates and booking one."""
    return DAY_FILLED.format(day=day_of_month(day))


def reinspection_fees_due(unpaid: Decimal, reinspection: Sequence[Decimal]) -> str | None:
    """Why a permit with ``unpaid`` fees, ``reinspection`` the reinspection fees among them
    (issue 17 §4), cannot get an inspection; None when no reinspection fee is due."""
    reinspection = [amount for amount in reinspection if amount > 0]  # not those waived
    due = sum(reinspection, Decimal("0.00"))
    if not reinspection:
        return None
    if due < unpaid:
        return FEES_WITH_REINSPECTION.format(amount=format_usd(unpaid),
                                             reinspection=format_usd(due))
    message = REINSPECTION_FEE_DUE if len(reinspection) == 1 else REINSPECTION_FEES_DUE
    return message.format(amount=format_usd(due))
