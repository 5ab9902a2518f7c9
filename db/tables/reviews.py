"""Plan review's tables: the documents attached to an application and each discipline's review."""
from __future__ import annotations

from piccolo.columns import BigInt, Date, ForeignKey, Integer, Text, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

from db.tables.accounts import Account
from db.tables.permits import Application, Permit


class PlanDocument(Table):
    """A plan set, calculations, photos or an owner's authorization, kept outside the web root
    under a random name. ``round`` is empty until the file is sent (with the application, or
    with an answer to corrections); sent, it is never changed or removed."""
    # A draft's files name its application; sent, they name the permit too (a permit entered
    # at the counter has no application: its answers' files name the permit alone).
    application = ForeignKey(references=Application, null=True, default=None, index=True,
                             on_delete=OnDelete.cascade)
    permit = ForeignKey(references=Permit, null=True, default=None, index=True,
                        on_delete=OnDelete.cascade)
    kind = Varchar(length=24)
    version = Integer(default=1)
    round = Integer(null=True, default=None)
    filename = Varchar(length=120)
    content_type = Varchar(length=40)
    size = BigInt()
    sha256 = Varchar(length=64)
    stored_as = Varchar(length=120)
    uploaded_by = ForeignKey(references=Account, null=True, default=None,
                             on_delete=OnDelete.set_null)
    uploaded_at = Timestamptz(default=TimestamptzNow())


class ReviewAssignment(Table):
    """One discipline's review of one round of an application: its reviewer, due date and
    decision (empty while open)."""
    permit = ForeignKey(references=Permit, index=True, on_delete=OnDelete.cascade)
    discipline = Varchar(length=24)
    round = Integer(default=1)
    reviewer = ForeignKey(references=Account, null=True, default=None, index=True,
                          on_delete=OnDelete.set_null)
    due_on = Date()
    decision = Varchar(length=12, default="")
    comment = Text(default="")
    decided_by = Varchar(length=120, default="")
    decided_at = Timestamptz(null=True, default=None)
