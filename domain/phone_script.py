"""What the phone line says (every prompt and answer a caller hears) and writes on a booking."""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from domain.phone_line import spoken_address, spoken_date, spoken_digits

# Each constant is one whole sentence, or sentences heard together, so that a translation
# (gettext) can reorder its words: computed pieces are named placeholders, filled in by the
# functions below in their spoken form. web/phone_line/ only puts them into TwiML (issue 15).

# The questions, each asked again after a wrong or missing entry.
MENU = ("To request an inspection, press 1. To cancel an inspection, press 2. To hear the "
        "last inspection result of a permit, press 3. To end this call, press 9.")
PERMIT_PROMPT = ("Enter the permit number as printed on the permit card, pressing the key of "
                 "each letter: B L D is 2 5 3. Then press pound.")
PIN_PROMPT = "Enter your phone line PIN, then press pound."
TYPE_PROMPT = "Enter the 3-digit inspection code, then press pound."
CONFIRMATION_PROMPT = "Enter the 7-digit confirmation number, then press pound."
CONFIRM_TYPE = "To confirm, press 1. To enter it again, press 0."
CANCEL_OR_KEEP = "To cancel it, press 1. To keep it, press 0."
# One open date's key; the dates on offer are read one after another (date_choices).
DATE_OPTION = "For {date}, press {key}."

WELCOME = "Welcome to the {city} inspection line."
GOODBYE = "Thank you for calling. Goodbye."
# The provider is asked to come back while an earlier attempt of the step is still answered,
# and told the question comes again when that attempt was cut off (domain/call_steps.py).
ONE_MOMENT = "One moment, please."
TOO_LONG = "Sorry, that took too long."

# Why an entry is asked for again.
NOT_A_CHOICE = "That is not one of the choices."
NOT_A_DATE = "That is not one of the dates."
NO_SUCH_PERMIT = "We could not find that permit."
NO_PIN = "We did not hear a PIN."
WRONG_PIN = "That PIN does not match an account for this permit."
NOT_AN_INSPECTION = "{code} is not an inspection of this permit."
# Its own sentence, not a placeholder's value: a translation words "nothing" to fit.
NOTHING_ENTERED = "Nothing is not an inspection of this permit."
CANNOT_REQUEST_NOW = "{type_name} cannot be requested now."
NO_SUCH_CONFIRMATION = "We found no scheduled inspection with that number."
# How the call ends after the last attempt (domain.phone_line.MAX_ATTEMPTS): an entry not
# understood, or a PIN that was heard and is wrong (it was understood: saying otherwise sends
# the caller to key it again).
NOT_UNDERSTOOD = "Sorry, we could not understand your entry."
LAST_WRONG_PIN = ("That was the last try on this call. If you do not have your PIN, get a new "
                  "one from your profile on the permit portal, then call again.")
PIN_LOCKED = "Too many wrong PINs were entered. Please try again later."

# What the caller is told along the way.
PERMIT_FOR = "The permit is for {address}."
NO_RESULTS_YET = "It has no inspection results yet."
# An inspection with no date on record is heard without one.
LAST_RESULT = "The last inspection, {code}, {type_name}, was: {result}."
LAST_RESULT_ON = "The last inspection, {code}, {type_name} on {date}, was: {result}."
ENTERED_TYPE = "You entered {code}, {type_name}."
CANCELLING = "You are cancelling the {type_name} inspection of permit {permit} on {date}."
START_AGAIN = "Let's start again."
NO_LONGER_SCHEDULED = "That inspection is no longer scheduled."
NO_LONGER_OFFERED = "That inspection can no longer be requested."
ALL_DATES_FULL = "Every date we can book is full. Please call again tomorrow."
DATE_FILLED = "That date just filled up."
# The confirmation number is said twice: a caller writing it down hears it again.
SCHEDULED = ("Your inspection is scheduled for {date}. Your confirmation number is {number}. "
             "Again, {number}.")
ACCOUNT_INACTIVE = "Your account is no longer active."
KEPT = "The inspection is kept."
CANCELLED = "The inspection is cancelled."

# What the line writes on the inspection it books or cancels, for staff and inspectors: who
# asked, and that it came by phone.
REQUESTED_BY_PHONE = "Requested by phone."
BY_PHONE = "{name} (phone line)"


def said(*sentences: str) -> str:
    """Sentences heard one after another, the empty ones left out."""
    return " ".join(sentence for sentence in sentences if sentence)


def welcome(city: str) -> str:
    return WELCOME.format(city=city)


def date_choices(days: Iterable[date]) -> str:
    """"For Wednesday, December 2nd, press 1. …": one key per open date, from 1."""
    return said(*(DATE_OPTION.format(date=spoken_date(day), key=key)
                  for key, day in enumerate(days, 1)))


def not_an_inspection(digits: str) -> str:
    """Why the inspection code keyed (perhaps none) is asked for again."""
    code = spoken_digits(digits)
    return NOT_AN_INSPECTION.format(code=code) if code else NOTHING_ENTERED


def cannot_request_now(type_name: str, reason: str) -> str:
    """``reason``: domain.inspection_requests' sentence for why it is not offered."""
    return said(CANNOT_REQUEST_NOW.format(type_name=type_name), reason)


def permit_for(site_address: str) -> str:
    return PERMIT_FOR.format(address=spoken_address(site_address))


def last_result(code: str, type_name: str, day: date | None, result: str) -> str:
    if day is None:
        return LAST_RESULT.format(code=spoken_digits(code), type_name=type_name, result=result)
    return LAST_RESULT_ON.format(code=spoken_digits(code), type_name=type_name,
                                 date=spoken_date(day), result=result)


def entered_type(code: str, type_name: str) -> str:
    return ENTERED_TYPE.format(code=spoken_digits(code), type_name=type_name)


def cancelling(type_name: str, permit_number: str, day: date) -> str:
    return CANCELLING.format(type_name=type_name, permit=spoken_digits(permit_number),
                             date=spoken_date(day))


def scheduled(confirmation: str, day: date) -> str:
    return SCHEDULED.format(date=spoken_date(day), number=spoken_digits(confirmation))


def by_phone(first_name: str) -> str:
    """Who requested or cancelled an inspection on the phone line, as staff read it."""
    return BY_PHONE.format(name=first_name)
