"""The handle on the database a test's tables are bound to, for test helpers that write."""
from __future__ import annotations

from db.database import Database
from db.tables import Permit


def bound_database() -> Database:
    """Helpers create accounts and book inspections on whichever database the test bound
    (tests switch databases in one process; the app passes its own handle). Use cases that
    write never read through the handle's reader, so none is opened here."""
    return Database(Permit._meta.db, reader=None)
