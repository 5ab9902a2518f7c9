"""The shell's own records: idempotency keys, rate-limit uses, the e-mail outbox, the audit trail,
rule versions."""
from piccolo.columns import Date, ForeignKey, Integer, Text, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

from db.tables.permits import Permit


class IdempotencyRecord(Table):
    """A request made with an Idempotency-Key (scoped "account:key"): its body's fingerprint
    and, once done, what a replay is answered from (a result's outcome as JSON facts in
    ``body``, never a rendered page: issue 15). Written in the transaction of the change."""
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


class RateLimitUse(Table):
    """One use of a rate-limited action, per key (issue 14 §4: e-mail and letters to others)."""
    key = Varchar(length=200, index=True)
    used_at = Timestamptz(default=TimestamptzNow())


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


class AuditEvent(Table):
    """Every state change: who, when, what, before -> after, and through which channel (web,
    phone, offline sync, staff, system); written in the transaction of the change."""
    # Indexes (raw, in the migrations): (permit, at) for the History tab, and the staff log's
    # filters by who, subject and day (issue 16 §5). Every change writes a row and pays for
    # each index: no more than the log's filters need.
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
