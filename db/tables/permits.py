"""Permits: their contacts, status history and fees, followers, the applications they came from and
plan review's comments."""
from piccolo.columns import (
    Boolean, Date, ForeignKey, Integer, Numeric, Text, Timestamptz, Varchar
)
from piccolo.columns.base import OnDelete
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

from db.tables.accounts import Account
from db.tables.places import Parcel, Project


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
    # The failed inspection a reinspection fee was assessed for (issue 17 §4), one fee each:
    # raw unique index. Not a foreign key: inspections are defined after permits' fees.
    inspection_id = Integer(null=True, default=None)


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


class ReviewComment(Table):
    """Plan review's conversation on an application: the reviewer's corrections or approval,
    and the applicant's answers when they resubmit."""
    permit = ForeignKey(references=Permit, index=True, on_delete=OnDelete.cascade)
    kind = Varchar(length=12)  # corrections | response | approval
    author = Varchar(length=120)
    body = Text(default="")
    created_at = Timestamptz(default=TimestamptzNow())


class PermitNote(Table):
    """A note staff keep on a permit for one another (a caller's promise, a counter visit):
    never shown outside staff."""
    permit = ForeignKey(references=Permit, index=True, on_delete=OnDelete.cascade)
    author = Varchar(length=120)
    author_account = ForeignKey(references=Account, null=True, default=None,
                                on_delete=OnDelete.set_null)
    body = Text(default="")
    at = Timestamptz(default=TimestamptzNow())
    # The form's one-time key: the same note sent twice (a double tap, Back) is kept once.
    form_key = Varchar(length=64, default="", index=True)
