"""Deciding a request for an inspection, or a move of one, at once: on the snapshot its use
case loaded inside its transaction (the permit, its inspections, the license's reasons, the
catalog and the room left on each open day), which is also what a refused form shows again."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from domain.booking_refusals import too_small
from domain.inspection_requests import (
    InspectionRequest, PastInspection, TypeChoice, check_day, check_request, permit_refusals,
    type_choices
)
from domain.inspection_types import InspectionCatalog, InspectionType
from domain.outcomes import Accepted, Rejected
from domain.permits import PermitType
from domain.scheduling import DateOption


@dataclass(frozen=True)
class InspectablePermit:
    id: int
    number: str
    permit_type: PermitType
    subtype: str
    status: str
    expires_on: date | None
    site_address: str
    district: str
    contractor_license: str | None
    unpaid: Decimal
    history: tuple[PastInspection, ...]
    reinspection_due: tuple[Decimal, ...] = ()  # the unpaid reinspection fees among unpaid


@dataclass(frozen=True)
class BookingPage:
    """A permit's request form as the snapshot decides it: why the permit cannot get an
    inspection now, its types, the dates in its life and the open ones with their room."""
    permit: InspectablePermit
    refusals: tuple[str, ...]
    choices: tuple[TypeChoice, ...]
    bookable: tuple[date, ...]  # the policy's dates within the permit's life, before capacity
    options: tuple[DateOption, ...]  # the bookable dates with at least one unit free

    def dates(self, code: str | None) -> tuple[DateOption, ...]:
        """The open dates that fit the type ``code`` (one unit when none is chosen)."""
        chosen = next((c for c in self.choices if c.type.code == code), None)
        return fitting(self.options, chosen.type.units if chosen else 1)

    def without(self, day: date) -> BookingPage:
        """The page once ``day`` filled up under the request."""
        return BookingPage(self.permit, self.refusals, self.choices, self.bookable,
                           tuple(o for o in self.options if o.day != day))


@dataclass(frozen=True)
class DateFull:
    """The chosen date filled while the request was being made. ``shown``: what the form is
    shown again with, as the use case loaded it (not compared: the refusal is the date)."""
    day: date
    shown: Any = field(default=None, compare=False)


@dataclass(frozen=True)
class Refused(Rejected):
    """A request or a move refused, with what its form is shown again with (a BookingPage,
    or the move's form), so the page need not load and decide it all again."""
    shown: Any = field(default=None, compare=False)


@dataclass(frozen=True)
class Chosen:
    request: InspectionRequest
    type: InspectionType


def fitting(options: Iterable[DateOption], units: int) -> tuple[DateOption, ...]:
    return tuple(o for o in options if o.remaining >= units)


def booking_page(permit: InspectablePermit, catalog: InspectionCatalog,
                 license_errors: Iterable[str], bookable: tuple[date, ...],
                 options: tuple[DateOption, ...], today: date) -> BookingPage:
    return BookingPage(
        permit,
        tuple(permit_refusals(permit.status, permit.expires_on, permit.unpaid, today,
                              license_errors, permit.reinspection_due)),
        type_choices(catalog, permit.permit_type, permit.subtype, permit.history),
        bookable, options)


def room_refusal(options: Iterable[DateOption], day: date, units: int
                 ) -> Rejected | DateFull | None:
    """Why ``units`` cannot be booked on ``day`` (full, or too little room); None when they
    fit. The claim of the units still checks again as it takes them."""
    room: Mapping[date, int] = {o.day: o.remaining for o in options}
    if day not in room:
        return DateFull(day)
    if room[day] < units:
        return Rejected({"day": too_small(day, room[day], units)})
    return None


def decide_request(page: BookingPage, form: dict[str, str]
                   ) -> Accepted[Chosen] | Refused | DateFull:
    """The request on its form: the permit's refusals, then the form's fields, then the room
    on the chosen date; each refusal carries the page to show again."""
    if page.refusals:
        return Refused({"permit": " ".join(page.refusals)}, page)
    checked = check_request(form, page.choices, page.bookable)
    if isinstance(checked, Rejected):
        return Refused(checked.errors, page)
    request = checked.value
    kind = next(c.type for c in page.choices if c.type.code == request.code)
    refused = room_refusal(page.options, request.day, kind.units)
    if isinstance(refused, DateFull):
        return DateFull(refused.day, page.without(refused.day))
    if isinstance(refused, Rejected):
        return Refused(refused.errors, page)
    return Accepted(Chosen(request, kind))


def decide_move(day_text: str, bookable: Iterable[date], options: Iterable[DateOption],
                units: int, held_day: date | None) -> Accepted[date] | Rejected | DateFull:
    """A move to the date typed: one of the permit's dates other than the one it holds, with
    room for its units."""
    checked = check_day(day_text, [d for d in bookable if d != held_day])
    if isinstance(checked, Rejected):
        return checked
    return room_refusal(options, checked.value, units) or checked
