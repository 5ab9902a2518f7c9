"""Piccolo table classes: the permit, parcel, project and inspection records."""
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
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table


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
    inspected_at = Timestamptz(null=True, default=None)
