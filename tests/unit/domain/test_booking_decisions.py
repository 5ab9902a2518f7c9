"""A request or a move is decided at once on the snapshot its use case loaded, and a refusal
brings back the form it was decided on."""
from datetime import date
from decimal import Decimal

from db.rules.inspection_catalogs import FIRST_CATALOG
from domain.booking_decisions import (
    BookingPage, Chosen, DateFull, InspectablePermit, Refused, booking_page, decide_move,
    decide_request
)
from domain.inspection_requests import PastInspection
from domain.outcomes import Accepted, Rejected
from domain.permits import PermitType, Status
from domain.scheduling import DateOption

TODAY = date(2031, 3, 3)
TUESDAY, WEDNESDAY, THURSDAY = date(2031, 3, 4), date(2031, 3, 5), date(2031, 3, 6)
BOOKABLE = (TUESDAY, WEDNESDAY, THURSDAY)
# Tuesday has one place left, Wednesday four; Thursday is full (not an option).
OPTIONS = (DateOption(TUESDAY, 1), DateOption(WEDNESDAY, 4))
UNDERLAYMENT_APPROVED = PastInspection("145", "Completed", "Approved", date(2031, 2, 1))


def permit(status: str = Status.ISSUED.value, unpaid: str = "0.00",
           history: tuple[PastInspection, ...] = ()) -> InspectablePermit:
    return InspectablePermit(1, "BLD2031-00001", PermitType.BUILDING, "Re-roof", status,
                             date(2031, 8, 1), "1 Main St", "West", "1012345",
                             Decimal(unpaid), history)


def page(license_errors: tuple[str, ...] = (), **changes) -> BookingPage:
    return booking_page(permit(**changes), FIRST_CATALOG, license_errors, BOOKABLE, OPTIONS,
                        TODAY)


def form(code: str = "145", day: date = TUESDAY) -> dict[str, str]:
    return {"type": code, "day": day.isoformat(), "contact_name": "Ana Ruiz",
            "contact_phone": "323-555-0100", "notes": ""}


def test_a_request_that_fits_is_accepted_with_its_type():
    decided = decide_request(page(), form())
    assert isinstance(decided, Accepted) and isinstance(decided.value, Chosen)
    assert (decided.value.request.day, decided.value.type.code, decided.value.type.units) == (
        TUESDAY, "145", 1)


def test_a_permit_that_may_not_be_inspected_is_refused_with_every_reason_and_its_form():
    shown = page(("License 1012345 expired on March 1, 2031.",), unpaid="1.00")
    decided = decide_request(shown, form())
    assert isinstance(decided, Refused) and isinstance(decided, Rejected)
    assert decided.errors == {"permit": "$1.00 in fees is due. Pay it before requesting an "
                                        "inspection. License 1012345 expired on March 1, 2031."}
    assert decided.shown is shown


def test_a_form_with_a_mistake_is_refused_with_the_form_it_was_decided_on():
    shown = page()
    decided = decide_request(shown, {**form(), "contact_name": ""})
    assert decided.errors == {
        "contact_name": "Enter the name of the person the inspector should meet."}
    assert decided.shown is shown


def test_a_full_date_is_refused_as_full_and_dropped_from_the_form_shown_again():
    decided = decide_request(page(), form(day=THURSDAY))
    assert decided == DateFull(THURSDAY)
    assert [o.day for o in decided.shown.dates("145")] == [TUESDAY, WEDNESDAY]


def test_a_final_needs_two_places_and_the_form_offers_only_the_days_with_two():
    shown = page(history=(UNDERLAYMENT_APPROVED,))
    decided = decide_request(shown, form("195"))
    assert decided.errors == {"day": "Tuesday 4 March has 1 place left, and this inspection "
                                     "needs 2. Choose another date."}
    assert [o.day for o in decided.shown.dates("195")] == [WEDNESDAY]
    assert [o.day for o in decided.shown.dates(None)] == [TUESDAY, WEDNESDAY]
    assert isinstance(decide_request(shown, form("195", WEDNESDAY)), Accepted)


def test_a_move_goes_to_another_of_the_permits_dates_with_room_for_its_units():
    assert decide_move(WEDNESDAY.isoformat(), BOOKABLE, OPTIONS, 1, TUESDAY) == Accepted(
        WEDNESDAY)
    assert decide_move(THURSDAY.isoformat(), BOOKABLE, OPTIONS, 1, TUESDAY) == DateFull(
        THURSDAY)
    assert decide_move(TUESDAY.isoformat(), BOOKABLE, OPTIONS, 2, WEDNESDAY).errors == {
        "day": "Tuesday 4 March has 1 place left, and this inspection needs 2. Choose another "
               "date."}


def test_a_move_to_the_date_it_already_holds_is_not_available():
    assert decide_move(TUESDAY.isoformat(), BOOKABLE, OPTIONS, 1, TUESDAY).errors == {
        "day": "Tuesday 4 March is not available. Choose one of the available dates."}
