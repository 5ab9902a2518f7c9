"""Why an inspection cannot be booked on the date chosen: the sentences its requester reads,
each a message id with named placeholders for gettext (ngettext where a number picks one)."""
from __future__ import annotations

from datetime import date

from domain.dates import day_of_month

TOO_SMALL_ONE = ("{day} has {remaining} place left, and this inspection needs {units}. "
                 "Choose another date.")
TOO_SMALL_MANY = ("{day} has {remaining} places left, and this inspection needs {units}. "
                  "Choose another date.")
DAY_FILLED = ("{day} just filled up while you were choosing. Choose one of the next available "
              "dates.")


def too_small(day: date, remaining: int, units: int) -> str:
    """The day has room left, but less than the inspection takes."""
    message = TOO_SMALL_ONE if remaining == 1 else TOO_SMALL_MANY
    return message.format(day=day_of_month(day), remaining=remaining, units=units)


def day_filled(day: date) -> str:
    """The chosen day filled up between showing the dates and booking one."""
    return DAY_FILLED.format(day=day_of_month(day))
