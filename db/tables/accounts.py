"""Accounts and what hangs on them: the license registry, sessions, e-mailed links, sign-in
failures, claim letters, uploaded documents."""
from piccolo.apps.user.tables import BaseUser
from piccolo.columns import Boolean, Date, ForeignKey, Integer, Text, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table
from piccolo_api.session_auth.tables import SessionsBase

from db.tables.places import Parcel


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
    # An e-mail change's link: the address the account moves to once the link is opened at
    # it ("" for every other purpose). Kept on the link, so an older link cannot carry the
    # account to a newer address, nor a newer link to an older one.
    new_email = Varchar(length=255, default="")


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
