"""Booking inspections: exactly the capacity is booked under concurrency, on both engines."""
from __future__ import annotations

import asyncio
import uuid
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal

from db.accounts import accounts
from db.inspections import booking, changes, route as inspection_results
from db.inspections.booking import Booking, DateFull
from db.inspections.results import record_result
from db.lifecycle.expiry import expire_permits
from db.tables import (
    Account, District, FeeItem, Inspection, InspectionDay, OutboxMessage, Permit, PermitContact,
    PermitFollow, ResultConflict
)
from domain.accounts import Role
from domain.inspection_results import ResultEntry
from domain.outcomes import Accepted, Rejected
from tests.factories import free_number, make_parcel, make_permit
from tests.unit.db.inspections.booking_week import (  # noqa: F401 (company: a fixture)
    ACME, LA, NOW, ON_TUESDAY, ON_WEDNESDAY, POLICY, RULES, STAFF, TODAY, TUESDAY, WEDNESDAY, book,
    booked_units, company, contractor, district_with_permits, inspector_account, request
)


async def test_a_request_books_a_unit_assigns_the_district_inspector_and_mails_an_ics(
        bound, company):
    inspector = await inspector_account(bound)
    district, (number,) = await district_with_permits(1, inspector)
    permit = await booking.inspectable_permit(number)
    await PermitContact.insert(PermitContact(permit=permit.id, role="owner", name="Owner",
                                             email="owner.sched@example.com"))
    outcome = await book(bound, number, company)
    assert isinstance(outcome, Accepted) and outcome.value.day == TUESDAY
    assert len(outcome.value.confirmation) == 7 and outcome.value.confirmation.isdigit()
    row = await Inspection.select().where(Inspection.id == outcome.value.inspection_id).first()
    assert (row["status"], row["type_code"], row["units"], row["district"]) == (
        "Scheduled", "145", 1, district)
    assert (row["inspector_account"], row["inspector"]) == (inspector, "Rosa Delgado")
    assert row["request_notes"] == "Gate code 4412"
    assert await booked_units(district) == 1
    mail = await OutboxMessage.select().where(
        OutboxMessage.recipient == "owner.sched@example.com").first()
    assert mail["subject"] == f"{number}: 145 Re-roof Underlayment inspection scheduled"
    assert " ".join(outcome.value.confirmation) in mail["body"]
    assert "DTSTART;VALUE=DATE:20310304" in mail["calendar"]
    assert "Gate code" not in mail["body"], "access codes are for the inspector only"


async def test_a_permit_that_may_not_be_inspected_is_refused_with_every_reason(bound, company):
    _, (number,) = await district_with_permits(1)
    permit = await booking.inspectable_permit(number)
    await FeeItem.insert(FeeItem(permit=permit.id, code="CBSC", description="CBSC",
                                 amount=Decimal("1.00"), paid=False))
    outcome = await booking.request_inspection(
        bound, number, request(), company, "Ana", NOW, TODAY, RULES,
        ["License 1012345 expired on March 1, 2031."])
    assert isinstance(outcome, Rejected)
    assert "$1.00 in fees is due" in outcome.errors["permit"]
    assert "License 1012345 expired" in outcome.errors["permit"]


async def test_another_company_cannot_request_or_cancel_and_learns_nothing(bound, company):
    stranger = await contractor(bound, "1023456")
    _, (number,) = await district_with_permits(1)
    assert await booking.request_inspection(bound, number, request(), stranger, "B", NOW,
                                            TODAY, RULES, []) is None
    booked = await booking.request_inspection(bound, number, request(), company, "A",
                                              NOW, TODAY, RULES, [])
    assert await changes.cancel_inspection(bound, booked.value.inspection_id, stranger,
                                           "B", NOW, RULES) is None


async def test_fifty_concurrent_requests_for_the_last_unit_book_exactly_one(bound, company):
    district, numbers = await district_with_permits(50)
    one_left = replace(RULES, policy=replace(POLICY, default_capacity=4))
    await InspectionDay.insert(InspectionDay(district=district, day=TUESDAY, booked=3))
    outcomes = await asyncio.gather(*(booking.request_inspection(
        bound, n, request(), company, "Ana", NOW, TODAY, one_left, []) for n in numbers))
    booked = [o for o in outcomes if isinstance(o, Accepted)]
    assert len(booked) == 1
    assert all(o == DateFull(TUESDAY) for o in outcomes if not isinstance(o, Accepted))
    assert await booked_units(district, TUESDAY) == 4
    assert await Inspection.count().where(Inspection.district == district) == 1
    loser = await booking.inspectable_permit(numbers[0] if isinstance(outcomes[1], Accepted)
                                                else numbers[1])
    offered = await booking.open_dates(loser, 1, NOW, one_left)
    assert offered[0].day == WEDNESDAY, "the next dates are offered instead"


async def test_a_final_takes_two_units_and_does_not_fit_in_one(bound, company):
    district, (number,) = await district_with_permits(1)
    await InspectionDay.insert(InspectionDay(district=district, day=TUESDAY, booked=7))
    permit = await booking.inspectable_permit(number)
    await Inspection.insert(Inspection(
        permit=permit.id, type_code="145", type_name="Re-roof Underlayment",
        requested_on=TODAY, scheduled_for=date(2031, 2, 1), status="Completed",
        result="Approved"))
    refused = await booking.request_inspection(bound, number, request("195"), company,
                                               "Ana", NOW, TODAY, RULES, [])
    assert refused.errors == {"day": "Tuesday 4 March has 1 place left, and this inspection "
                                     "needs 2. Choose another date."}
    moved = await booking.request_inspection(bound, number, request("195", WEDNESDAY),
                                             company, "Ana", NOW, TODAY, RULES, [])
    assert isinstance(moved, Accepted)
    assert await booked_units(district, WEDNESDAY) == 2


async def test_cancelling_gives_the_units_back_until_the_cutoff_on_the_day(bound, company):
    district, (first, second) = await district_with_permits(2)
    one = await book(bound, first, company)
    two = await book(bound, second, company)
    assert await changes.cancel_inspection(bound, one.value.inspection_id, company,
                                           "Ana", NOW, RULES) == Accepted(first)
    late = datetime(2031, 3, 4, 7, 0, tzinfo=LA)
    refused = await changes.cancel_inspection(bound, two.value.inspection_id, company,
                                              "Ana", late, RULES)
    assert "7:00 AM on the inspection day" in refused.errors["inspection"]
    assert await booked_units(district) == 1
    assert await Inspection.select(Inspection.status).where(
        Inspection.id == one.value.inspection_id).first() == {"status": "Cancelled"}


async def test_rescheduling_moves_the_units_and_a_full_day_keeps_the_old_date(bound, company):
    district, (number,) = await district_with_permits(1)
    booked = await book(bound, number, company)
    inspection_id = booked.value.inspection_id
    await InspectionDay.insert(InspectionDay(district=district, day=date(2031, 3, 6),
                                             booked=0, capacity=0))
    assert await changes.reschedule_inspection(bound, inspection_id, company,
                                               "2031-03-06", NOW,
                                               RULES) == DateFull(date(2031, 3, 6))
    moved = await changes.reschedule_inspection(bound, inspection_id, company,
                                                WEDNESDAY.isoformat(), NOW, RULES)
    assert moved == Accepted(Booking(inspection_id, booked.value.confirmation, WEDNESDAY))
    counters = {r["day"] if isinstance(r["day"], date) else date.fromisoformat(r["day"]):
                r["booked"] for r in await InspectionDay.select(
                    InspectionDay.day, InspectionDay.booked).where(
                    InspectionDay.district == district)}
    assert counters == {TUESDAY: 0, WEDNESDAY: 1, date(2031, 3, 6): 0}
    row = await Inspection.select(Inspection.scheduled_for, Inspection.revision).where(
        Inspection.id == inspection_id).first()
    assert row["revision"] == 1


async def test_an_inspectors_route_runs_by_street_then_house_number(bound, company):
    inspector = await inspector_account(bound)
    district = f"R{uuid.uuid4().hex[:8]}"
    await District.insert(District(code=district, inspector=inspector))
    booked = []
    for number, street in ((900, "Vista"), (120, "Alta Loma"), (80, "Vista")):
        parcel = await make_parcel(f"R{uuid.uuid4().hex[:11]}", number, street, "St",
                                   district=district)
        permit = await free_number("BLD2031")  # drawn again when taken
        permit_id = await make_permit(permit, parcel, f"{number} {street} St", subtype="Re-roof",
                                      description="Re-roof", status="Issued",
                                      applied_on=TODAY, issued_on=TODAY,
                                      expires_on=date(2031, 8, 1), contractor=ACME)
        await FeeItem.insert(FeeItem(permit=permit_id, code="B", description="B",
                                     amount=Decimal("1.00"), paid=True))
        booked.append(await booking.request_inspection(bound, permit, request(), company,
                                                       "Ana", NOW, TODAY, RULES, []))
    stops = await inspection_results.route(inspector, TUESDAY)
    assert [s.site_address for s in stops] == ["120 Alta Loma St", "80 Vista St", "900 Vista St"]
    assert stops[0].request_notes == "Gate code 4412"
    other = await inspector_account(bound, "Kofi Mensah-Park")
    assert await inspection_results.reassign(bound, stops[0].id, other)
    assert [s.id for s in await inspection_results.route(other, TUESDAY)] == [stops[0].id]
    assert not await inspection_results.reassign(bound, stops[0].id,
                                                 company.id), "not an inspector"


async def test_an_approved_final_finals_the_permit_and_an_approval_extends_its_life(bound, company):
    _, (number,) = await district_with_permits(1)
    first = await booking.request_inspection(bound, number, request("145"), company,
                                             "Ana", NOW, TODAY, RULES, [])
    approved = ResultEntry("Approved", "Underlayment OK", "", False)
    assert await record_result(bound, first.value.inspection_id, approved, STAFF,
                               ON_TUESDAY, RULES.notice) == Accepted(number)
    permit = await Permit.select(Permit.expires_on,
                                 Permit.status).where(Permit.number == number).first()
    assert str(permit["expires_on"]) == "2031-08-31" and permit["status"] == "Issued"
    again = await record_result(bound, first.value.inspection_id, approved, STAFF,
                                ON_TUESDAY, RULES.notice)
    assert again.reason == "The inspection was already completed when this result arrived."
    assert await ResultConflict.exists().where(ResultConflict.id == again.id), "kept"
    final = await booking.request_inspection(bound, number, request("195", WEDNESDAY),
                                             company, "Ana", NOW, TODAY, RULES, [])
    assert isinstance(final, Accepted), "the final is offered once 145 passed"
    await record_result(bound, final.value.inspection_id, approved, STAFF, ON_WEDNESDAY,
                        RULES.notice)
    finaled = await Permit.select(Permit.status,
                                  Permit.finaled_on).where(Permit.number == number).first()
    assert finaled["status"] == "Finaled" and str(finaled["finaled_on"]) == "2031-03-05"
    subjects = {m["subject"] for m in await OutboxMessage.select(OutboxMessage.subject).where(
        OutboxMessage.subject.like(f"{number}%") | OutboxMessage.subject.like(f"%{number}%"))}
    assert f"{number}: 195 Roof Final inspection Approved" in subjects
    assert f"Permit {number} is now Finaled" in subjects


async def test_expiring_marks_lapsed_permits_once_and_tells_their_contacts(bound, company):
    _, (lapsed, alive) = await district_with_permits(2)
    await Permit.update({Permit.expires_on: date(2031, 3, 1)}).where(Permit.number == lapsed)
    expired = await expire_permits(bound, TODAY, NOW, RULES.notice)
    assert lapsed in expired and alive not in expired
    assert await expire_permits(bound, TODAY, NOW, RULES.notice) == []
    row = await Permit.select(Permit.status).where(Permit.number == lapsed).first()
    assert row["status"] == "Expired"
    assert await OutboxMessage.exists().where(
        OutboxMessage.subject == f"Permit {lapsed} is now Expired")


async def test_five_identical_requests_at_once_book_one_inspection(bound, company):
    district, (number,) = await district_with_permits(1)
    outcomes = await asyncio.gather(*(booking.request_inspection(
        bound, number, request(), company, "Ana", NOW, TODAY, RULES,
        []) for _ in range(5)))
    assert sum(isinstance(o, Accepted) for o in outcomes) == 1
    assert all(o.errors["type"].startswith("145 Re-roof Underlayment cannot be requested now")
               for o in outcomes if isinstance(o, Rejected))
    assert await booked_units(district) == 1


async def test_racing_cancels_and_a_result_change_the_inspection_once(bound, company):
    district, (first, second) = await district_with_permits(2)
    keep = await book(bound, first, company)
    target = await book(bound, second, company)
    inspection_id = target.value.inspection_id
    outcomes = await asyncio.gather(
        *(changes.cancel_inspection(bound, inspection_id, company, "Ana", NOW, RULES)
          for _ in range(4)),
        record_result(bound, inspection_id, ResultEntry("Approved", "", "", False),
                      STAFF, ON_TUESDAY, RULES.notice))
    assert sum(isinstance(o, Accepted) for o in outcomes) == 1
    assert await booked_units(district) in (1, 2), "a unit is given back at most once"
    row = await Inspection.select(Inspection.status).where(Inspection.id == inspection_id).first()
    assert await booked_units(district) == (1 if row["status"] == "Cancelled" else 2)
    assert keep.value.inspection_id != inspection_id


async def test_a_type_code_with_spaces_books_like_the_code(bound, company):
    _, (number,) = await district_with_permits(1)
    outcome = await booking.request_inspection(bound, number, {
        **request(), "type": " 145 "
    }, company, "Ana", NOW, TODAY, RULES, [])
    assert isinstance(outcome, Accepted)


async def test_no_date_after_the_permit_expires_is_offered_or_booked(bound, company):
    _, (number,) = await district_with_permits(1)
    await Permit.update({Permit.expires_on: TUESDAY}).where(Permit.number == number)
    permit = await booking.inspectable_permit(number)
    assert [o.day for o in await booking.open_dates(permit, 1, NOW, RULES)] == [TUESDAY]
    late = await booking.request_inspection(bound, number, request(day=WEDNESDAY),
                                            company, "Ana", NOW, TODAY, RULES, [])
    assert "is not available" in late.errors["day"]


async def test_followers_hear_of_an_inspection_without_its_confirmation_number(bound, company):
    _, (number,) = await district_with_permits(1)
    follower = await accounts.create_account(
        bound, email=f"follower.{uuid.uuid4().hex[:8]}@example.com",
        password_hash="x$1$x$y", name="Neighbour", phone="323-555-0109", role=Role.CONTRACTOR,
        license_no="1023456", email_verified_at=NOW, now=NOW)
    permit = await booking.inspectable_permit(number)
    await PermitFollow.insert(PermitFollow(account=follower, permit=permit.id))
    booked = await book(bound, number, company)
    email = (await Account.select(Account.email).where(Account.id == follower).first())["email"]
    mail = await OutboxMessage.select().where(OutboxMessage.recipient == email).first()
    assert mail["subject"] == f"{number}: 145 Re-roof Underlayment inspection scheduled"
    assert " ".join(booked.value.confirmation) not in mail["body"] and mail["calendar"] == ""
    contact = await OutboxMessage.select().where(
        (OutboxMessage.recipient == "ana.acme@example.com")
        & OutboxMessage.body.like(f"%{number}%")).first()
    assert " ".join(booked.value.confirmation) in contact["body"]


async def test_a_permit_awaiting_a_result_within_its_life_waits_and_later_bookings_are_freed(bound, 
        company):
    district, (waiting, lapsed) = await district_with_permits(2)
    for number in (waiting, lapsed):
        await book(bound, number, company)
    # The first permit's life ends on its inspection day; the second's before its inspection.
    await Permit.update({Permit.expires_on: TUESDAY}).where(Permit.number == waiting)
    await Permit.update({Permit.expires_on: date(2031, 3, 3)}).where(Permit.number == lapsed)
    expired = await expire_permits(bound, WEDNESDAY, NOW, RULES.notice)
    assert lapsed in expired and waiting not in expired
    statuses = {r["permit.number"]: r["status"] for r in await Inspection.select(
        Inspection.permit.number, Inspection.status).where(Inspection.district == district)}
    assert statuses == {waiting: "Scheduled", lapsed: "Cancelled"}
    assert await booked_units(district) == 1
