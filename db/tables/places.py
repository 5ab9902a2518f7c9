"""The city's parcels and the named projects on them."""
from piccolo.columns import Date, DoublePrecision, ForeignKey, Integer, Text, Varchar
from piccolo.columns.base import OnDelete
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
