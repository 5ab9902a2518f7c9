"""Inspections: the bookings, each district's day and inspector, phone-line calls, results that met
a change, photos from the field and each inspector's order of the day's stops."""
from piccolo.columns import Boolean, Date, ForeignKey, Integer, Text, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

from db.tables.accounts import Account
from db.tables.permits import Permit


class Inspection(Table):
    permit = ForeignKey(references=Permit, index=True)
    type_code = Varchar(length=3)
    type_name = Varchar(length=80)
    requested_on = Date()
    scheduled_for = Date(null=True, default=None, index=True)
    status = Varchar(length=12)
    result = Varchar(length=24, null=True, default=None)
    inspector = Varchar(length=80, null=True, default=None)
    public_notes = Text(default="")
    private_notes = Text(default="")
    reinspection = Boolean(default=False)
    # When the inspector entered the result (the device's clock, bounded by the server: issue
    # 14 §6) and when it reached the server; NULL received_at: recorded before the two were
    # told apart, so inspected_at is the server's receipt time.
    inspected_at = Timestamptz(null=True, default=None)
    received_at = Timestamptz(null=True, default=None)
    # The supervisor who recorded a result kept as a sync conflict; "" when the inspector's
    # result was recorded as it arrived.
    approved_by = Varchar(length=120, default="")
    # Requests made on the web or by phone (demo history has none of these).
    confirmation = Varchar(length=8, null=True, default=None)  # unique: raw index
    units = Integer(default=1)
    district = Varchar(length=10, default="")
    contact_name = Varchar(length=120, default="")
    contact_phone = Varchar(length=20, default="")
    request_notes = Text(default="")  # for the inspector only: gate codes, on-site phone
    requested_by = ForeignKey(references=Account,
                              null=True, default=None, on_delete=OnDelete.set_null)
    requested_at = Timestamptz(null=True, default=None)
    revision = Integer(default=0)  # raised on each change: calendars replace their event
    inspector_account = ForeignKey(
        references=Account, null=True, default=None,
        on_delete=OnDelete.set_null, index=True)
    # The checklist as the inspector left it (JSON: each item's code section, words and
    # passed | failed | not applicable, with the inspector's own words), "" when none was used;
    # the failed items are the corrections the contractor receives (issue 17 §2).
    checklist = Text(default="")
    # Why the inspector recorded another result than the checklist's ("" when it was derived).
    override_reason = Text(default="")
    # When the inspector arrived at and left the site (optional, issue 17 §3).
    arrived_at = Timestamptz(null=True, default=None)
    left_at = Timestamptz(null=True, default=None)


class InspectionDay(Table):
    """Capacity units booked in one district on one date; booking raises ``booked`` only
    while it stays within capacity, in one conditional UPDATE, so nothing is overbooked."""
    district = Varchar(length=10)
    day = Date()
    booked = Integer(default=0)
    capacity = Integer(null=True, default=None)  # staff's override of the policy; 0 blocks


class District(Table):
    """An inspection district and the inspector its inspections are assigned to."""
    code = Varchar(length=10, unique=True)
    inspector = ForeignKey(references=Account,
                           null=True, default=None, on_delete=OnDelete.set_null)


class IvrCall(Table):
    """The phone line's state of one call, keyed by the provider's CallSid, and its last step
    (domain/call_steps.py). The row outlives the call: a captured call played again later is
    refused by its CallSid (a provider's signature never expires)."""
    call_sid = Varchar(length=64, unique=True)
    state = Text(default="{}")
    updated_at = Timestamptz(default=TimestamptzNow())
    expires_at = Timestamptz(index=True)
    seq = Integer(default=0)  # the number the next step must carry
    ended_at = Timestamptz(null=True, default=None)
    # The step being answered (in_flight_since set) or the last one answered: a keyed hash of
    # the request (never the digits: one may be a PIN) and the TwiML answered.
    fingerprint = Varchar(length=64, default="")
    answer = Text(default="")
    in_flight_since = Timestamptz(null=True, default=None)
    # The inspection booked by step ``booked_seq`` (JSON), written in the booking's own
    # transaction: one step books at most once, whatever is retried.
    booked_seq = Integer(null=True, default=None)
    booking = Text(default="")


class ResultConflict(Table):
    """A result entered for an inspection that changed meanwhile (cancelled, rescheduled,
    reassigned, already resulted): kept for a supervisor, never dropped."""
    inspection = ForeignKey(references=Inspection, index=True)
    account = ForeignKey(references=Account)
    entered_by = Varchar(length=120)
    reason = Varchar(length=200)
    entry = Text()  # the result as entered, JSON
    entered_at = Timestamptz()  # on the device (bounded); the receipt time for older rows
    received_at = Timestamptz(null=True, default=None)  # NULL: the same as entered_at
    resolved_at = Timestamptz(null=True, default=None, index=True)
    resolved_by = Varchar(length=120, default="")
    resolution = Text(default="")


class InspectionPhoto(Table):
    """A photo taken on a stop (issue 17 §1): the file stored outside the web root without its
    location, a thumbnail, and the key it was sent with, so a photo sent again after a lost
    answer is stored once. Seen by city staff, inspectors and the permit's contacts only."""
    inspection = ForeignKey(references=Inspection, index=True)
    permit = ForeignKey(references=Permit, index=True)
    account = ForeignKey(references=Account, null=True, default=None,
                         on_delete=OnDelete.set_null)
    taken_by = Varchar(length=120)
    # The account's id and the device's Idempotency-Key, unique: raw index.
    key = Varchar(length=80)
    fingerprint = Varchar(length=64)  # SHA-256 of what was sent: the same key, other contents
    caption = Varchar(length=200, default="")
    taken_at = Timestamptz(null=True, default=None)  # from the photo's own time, if it has one
    uploaded_at = Timestamptz()
    file_name = Varchar(length=64)  # random; the photo itself, location removed
    thumb_name = Varchar(length=64)
    content_type = Varchar(length=32, default="image/jpeg")
    width = Integer(default=0)
    height = Integer(default=0)
    bytes = Integer(default=0)


class RouteOrder(Table):
    """The order an inspector set for one day's stops (issue 17 §3), moved on the phone and
    sent when online: the inspections' ids, JSON. Unique (account, day): raw index."""
    account = ForeignKey(references=Account, on_delete=OnDelete.cascade)
    day = Date()
    stops = Text(default="[]")
    updated_at = Timestamptz()
