"""Piccolo table classes: permits, parcels, projects, inspections, accounts and licenses."""
from piccolo.columns import (
    Boolean,
    Date,
    DoublePrecision,
    ForeignKey,
    Integer,
    Numeric,
    Text,
    Timestamptz,
    Varchar,
)
from piccolo.columns.base import OnDelete
from piccolo.columns.reference import LazyTableReference
from piccolo.apps.user.tables import BaseUser
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table
from piccolo_api.session_auth.tables import SessionsBase


class Parcel(Table):
    apn = Varchar(length=12, unique=True)
    house_number = Integer()
    street_name = Varchar(length=80)
    street_suffix = Varchar(length=12)
    street_key = Varchar(length=80)
    unit = Varchar(length=12, null=True, default=None)
    city = Varchar(length=60)
    state = Varchar(length=2)
    zip_code = Varchar(length=10)
    latitude = DoublePrecision()
    longitude = DoublePrecision()
    zoning = Varchar(length=20)
    district = Varchar(length=10)


class Project(Table):
    name = Varchar(length=200)
    description = Text()
    parcel = ForeignKey(references=Parcel, index=True, on_delete=OnDelete.restrict)
    created_on = Date()


class Permit(Table):
    number = Varchar(length=16, unique=True)
    permit_type = Varchar(length=3)
    subtype = Varchar(length=60)
    description = Text()
    valuation = Numeric(digits=(14, 2))
    status = Varchar(length=12)
    parcel = ForeignKey(references=Parcel, index=True, on_delete=OnDelete.restrict)
    project = ForeignKey(
        references=Project, null=True, default=None, index=True, on_delete=OnDelete.set_null
    )
    # The site address as applied for (BLDS OriginalAddress1), kept on the permit for search.
    site_address = Varchar(length=120)
    permit_class = Varchar(length=16)
    work_class = Varchar(length=10)
    applied_on = Date(index=True)
    issued_on = Date(null=True, default=None, index=True)
    expires_on = Date(null=True, default=None)
    finaled_on = Date(null=True, default=None)
    status_changed_at = Timestamptz(default=TimestamptzNow())
    contractor_license = Varchar(length=10, null=True, default=None, index=True)
    contractor_name = Varchar(length=120, null=True, default=None)


class PermitContact(Table):
    permit = ForeignKey(references=Permit, index=True)
    role = Varchar(length=12)
    name = Varchar(length=120)
    company = Varchar(length=120, null=True, default=None)
    license_number = Varchar(length=10, null=True, default=None)
    phone = Varchar(length=20, null=True, default=None)
    email = Varchar(length=120, null=True, default=None)


class PermitStatusChange(Table):
    permit = ForeignKey(references=Permit, index=True)
    from_status = Varchar(length=12, null=True, default=None)
    to_status = Varchar(length=12)
    changed_at = Timestamptz(default=TimestamptzNow())
    changed_by = Varchar(length=120)
    comment = Text(default="")


class FeeItem(Table):
    permit = ForeignKey(references=Permit, index=True)
    code = Varchar(length=20)
    description = Varchar(length=200)
    amount = Numeric(digits=(14, 2))
    paid = Boolean(default=False)


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
    requested_by = ForeignKey(references=LazyTableReference("Account", module_path=__name__),
                              null=True, default=None, on_delete=OnDelete.set_null)
    requested_at = Timestamptz(null=True, default=None)
    revision = Integer(default=0)  # raised on each change: calendars replace their event
    inspector_account = ForeignKey(
        references=LazyTableReference("Account", module_path=__name__), null=True, default=None,
        on_delete=OnDelete.set_null, index=True)


class InspectionDay(Table):
    """Capacity units booked in one district on one date; booking raises ``booked`` only
    while it stays within capacity, in one conditional UPDATE, so nothing is overbooked."""
    district = Varchar(length=10)
    day = Date()
    booked = Integer(default=0)
    capacity = Integer(null=True, default=None)  # staff's override of the policy; 0 blocks


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


class IdempotencyRecord(Table):
    """A request made with an Idempotency-Key (scoped "account:key"): its body's fingerprint
    and, once done, the response a replay gets. Written in the transaction of the change."""
    key = Varchar(length=120, unique=True)
    fingerprint = Varchar(length=64)
    state = Varchar(length=12)  # in-flight, done
    status_code = Integer(default=0)
    location = Varchar(length=300, default="")
    body = Text(default="")
    created_at = Timestamptz(index=True)
    completed_at = Timestamptz(null=True, default=None)
    # What the key was first used for: a key belongs to (account, method, path), issue 14 §5.
    # "" on records made before keys were bound: they match any target until they expire.
    method = Varchar(length=8, default="")
    path = Varchar(length=300, default="")


class ResultConflict(Table):
    """A result entered for an inspection that changed meanwhile (cancelled, rescheduled,
    reassigned, already resulted): kept for a supervisor, never dropped."""
    inspection = ForeignKey(references=Inspection, index=True)
    account = ForeignKey(references=LazyTableReference("Account", module_path=__name__))
    entered_by = Varchar(length=120)
    reason = Varchar(length=200)
    entry = Text()  # the result as entered, JSON
    entered_at = Timestamptz()  # on the device (bounded); the receipt time for older rows
    received_at = Timestamptz(null=True, default=None)  # NULL: the same as entered_at
    resolved_at = Timestamptz(null=True, default=None, index=True)
    resolved_by = Varchar(length=120, default="")
    resolution = Text(default="")


class District(Table):
    """An inspection district and the inspector its inspections are assigned to."""
    code = Varchar(length=10, unique=True)
    inspector = ForeignKey(references=LazyTableReference("Account", module_path=__name__),
                           null=True, default=None, on_delete=OnDelete.set_null)


class ContractorLicense(Table):
    """The state's record of a license, as last imported from the CSLB License Master."""
    license_no = Varchar(length=10, unique=True)
    business_name = Varchar(length=200)
    # The address of record (CSLB MailingAddress): where claim letters are mailed (issue 14).
    mailing_address = Varchar(length=120, default="")
    city = Varchar(length=60, default="")
    state = Varchar(length=2, default="")
    zip_code = Varchar(length=10, default="")
    phone = Varchar(length=20, default="")
    business_type = Varchar(length=40, default="")
    issued_on = Date(null=True, default=None)
    expires_on = Date(null=True, default=None)
    primary_status = Varchar(length=40)
    secondary_status = Varchar(length=40, default="")
    classifications = Varchar(length=200, default="")
    wc_coverage = Varchar(length=60, default="")
    wc_insurer = Varchar(length=120, default="")
    wc_policy = Varchar(length=40, default="")
    wc_expires_on = Date(null=True, default=None)
    last_update = Date(null=True, default=None)
    # A digest of the imported fields: a re-import rewrites only rows that changed.
    row_hash = Varchar(length=32)
    imported_at = Timestamptz(default=TimestamptzNow())


class Account(BaseUser, tablename="account"):
    """A person who signs in; the username is the lower-cased e-mail address."""
    role = Varchar(length=16, index=True)
    supervisor = Boolean(default=False)
    phone = Varchar(length=20, default="")
    email_verified_at = Timestamptz(null=True, default=None)
    password_changed_at = Timestamptz(default=TimestamptzNow())
    created_at = Timestamptz(default=TimestamptzNow())
    # Contractors: the license they act for (several accounts may share one).
    license_no = Varchar(length=10, null=True, default=None, index=True)
    business_name = Varchar(length=200, default="")
    # Owner-builders: the parcel of the residence they own and declared for (B&P §7044).
    parcel = ForeignKey(references=Parcel, null=True, default=None, index=True,
                        on_delete=OnDelete.restrict)
    owner_declared_at = Timestamptz(null=True, default=None)
    # verified | pending (waits for staff) | rejected
    verification = Varchar(length=12, default="verified", index=True)
    verification_note = Text(default="")
    # Hashed like passwords; the caller proves on the phone line that they act for a permit.
    phone_pin = Varchar(length=200, default="", secret=True)
    # SHA-256 of the secret in the private calendar-feed URL ("" when there is none).
    calendar_token_hash = Varchar(length=64, default="", index=True)


class AccountSession(SessionsBase, tablename="account_session"):
    """piccolo_api's session store, with the lookups it makes indexed."""
    token = Varchar(length=100, null=False, secret=True, unique=True)
    user_id = Integer(null=False, index=True)


class AccountToken(Table):
    """A single-use, expiring link sent by e-mail; only a digest of the token is kept."""
    account = ForeignKey(references=Account, index=True, on_delete=OnDelete.cascade)
    purpose = Varchar(length=16)
    token_hash = Varchar(length=64, unique=True)
    created_at = Timestamptz(default=TimestamptzNow())
    expires_at = Timestamptz()
    used_at = Timestamptz(null=True, default=None)


class SignInFailure(Table):
    """A failed sign-in, counted per account and per client address for lockouts."""
    key = Varchar(length=160, index=True)
    failed_at = Timestamptz(default=TimestamptzNow())


class ClaimLetter(Table):
    """A letter with a one-time code, mailed to a license's address of record so that only
    someone at the business can link the first account to it (issue 14 §2)."""
    account = ForeignKey(references=Account, index=True, on_delete=OnDelete.cascade)
    license_no = Varchar(length=10, index=True)
    # The address of record when the letter was asked for, as printed on it.
    business_name = Varchar(length=200)
    mailing_address = Varchar(length=120)
    city = Varchar(length=60)
    state = Varchar(length=2)
    zip_code = Varchar(length=10)
    # waiting (to be printed) | mailed | used | cancelled | locked (domain/claim_letters.py)
    status = Varchar(length=12, index=True)
    requested_at = Timestamptz()
    requested_by = Varchar(length=255)
    printed_at = Timestamptz(null=True, default=None)
    printed_by = Varchar(length=255, default="")
    expires_at = Timestamptz(null=True, default=None)
    # SHA-256 of the code with the letter's id: the code itself exists only on paper.
    code_hash = Varchar(length=64, default="", secret=True)
    tries = Integer(default=0)
    ended_at = Timestamptz(null=True, default=None)


class RateLimitUse(Table):
    """One use of a rate-limited action, per key (issue 14 §4: e-mail and letters to others)."""
    key = Varchar(length=200, index=True)
    used_at = Timestamptz(default=TimestamptzNow())


class Upload(Table):
    """A proof document (license certificate, insurance) kept outside the web root."""
    account = ForeignKey(references=Account, index=True, on_delete=OnDelete.cascade)
    kind = Varchar(length=24)
    filename = Varchar(length=200)
    content_type = Varchar(length=40)
    size = Integer()
    sha256 = Varchar(length=64)
    stored_as = Varchar(length=120)
    uploaded_at = Timestamptz(default=TimestamptzNow())


class OutboxMessage(Table):
    """An e-mail written with the change that caused it and sent later by the mail loop."""
    recipient = Varchar(length=255)
    subject = Varchar(length=200)
    body = Text()
    message_id = Varchar(length=200, unique=True)
    created_at = Timestamptz(default=TimestamptzNow())
    attempts = Integer(default=0)
    next_attempt_at = Timestamptz(default=TimestamptzNow(), index=True)
    sent_at = Timestamptz(null=True, default=None, index=True)
    last_error = Text(default="")
    calendar = Text(default="")  # an iCalendar attachment (RFC 5545), when there is one


class PermitFollow(Table):
    """A permit an account follows ("Link" in eTRAKIT): on its dashboard, with notices."""
    account = ForeignKey(references=Account, index=True, on_delete=OnDelete.cascade)
    permit = ForeignKey(references=Permit, index=True, on_delete=OnDelete.cascade)
    followed_at = Timestamptz(default=TimestamptzNow())


class Application(Table):
    """An e-permit application: a draft saved at every step, then submitted as a permit."""
    account = ForeignKey(references=Account, index=True, on_delete=OnDelete.cascade)
    permit_type = Varchar(length=3)
    # The wizard's answers as JSON, step by step; nothing typed is lost between visits.
    answers = Text(default="{}")
    status = Varchar(length=12, default="draft", index=True)
    permit = ForeignKey(references=Permit, null=True, default=None, unique=True,
                        on_delete=OnDelete.set_null)
    created_at = Timestamptz(default=TimestamptzNow())
    updated_at = Timestamptz(default=TimestamptzNow())
    submitted_at = Timestamptz(null=True, default=None)


class Payment(Table):
    """One checkout of a cart: paid once, whatever double clicks or webhook retries do."""
    account = ForeignKey(references=Account, index=True, on_delete=OnDelete.restrict)
    reference = Varchar(length=24, unique=True)
    gateway = Varchar(length=12)
    # The gateway's own id (a Stripe Checkout Session); unique, so one charge is one payment.
    gateway_ref = Varchar(length=255, null=True, default=None, unique=True)
    # From the checkout form: the same submission twice is the same payment.
    idempotency_key = Varchar(length=64, unique=True)
    amount = Numeric(digits=(14, 2))
    status = Varchar(length=12, index=True)
    created_at = Timestamptz(default=TimestamptzNow())
    paid_at = Timestamptz(null=True, default=None)


class PaymentLine(Table):
    """A fee item a payment covers; a fee item is paid by one payment only."""
    payment = ForeignKey(references=Payment, index=True, on_delete=OnDelete.cascade)
    fee_item = ForeignKey(references=FeeItem, index=True, on_delete=OnDelete.restrict)
    amount = Numeric(digits=(14, 2))


class LedgerEntry(Table):
    """Money in (charge) and out (refund, void) per payment; the entries always balance it."""
    payment = ForeignKey(references=Payment, index=True, on_delete=OnDelete.restrict)
    kind = Varchar(length=12)
    amount = Numeric(digits=(14, 2))
    at = Timestamptz(default=TimestamptzNow())
    by = Varchar(length=120)
    note = Text(default="")


class ReviewComment(Table):
    """Plan review's conversation on an application: the reviewer's corrections or approval,
    and the applicant's answers when they resubmit."""
    permit = ForeignKey(references=Permit, index=True, on_delete=OnDelete.cascade)
    kind = Varchar(length=12)  # corrections | response | approval
    author = Varchar(length=120)
    body = Text(default="")
    created_at = Timestamptz(default=TimestamptzNow())


class AuditEvent(Table):
    """Every state change: who, when, what, before -> after, and through which channel (web,
    phone, offline sync, staff, system); written in the transaction of the change."""
    # One index only, (permit, at) for the History tab (a raw index in the migrations): every
    # change writes a row, and each index more is paid on every booking.
    at = Timestamptz(default=TimestamptzNow())
    actor = Varchar(length=120)  # the account's e-mail, or "system"
    channel = Varchar(length=16)
    action = Varchar(length=60)
    # What changed: a permit, or else a subject such as "account 17" or "rules: fees".
    permit = ForeignKey(references=Permit, null=True, default=None, on_delete=OnDelete.cascade)
    subject = Varchar(length=120, default="")
    before = Text(default="")
    after = Text(default="")


class RuleVersion(Table):
    """One version of an editable rule set (scheduling policy and holidays, fee schedule,
    inspection types) and the date it takes effect; the JSON files in db/ are the first."""
    kind = Varchar(length=20)
    effective = Date()
    body = Text()  # the version's JSON form, as the domain parsers read it
    saved_by = Varchar(length=120)
    saved_at = Timestamptz(default=TimestamptzNow())
