"""Indexes of the audit log's filters (issue 16 §5)."""
from db.piccolo_migrations.raw_ddl import ddl_migration

ID = "2026-12-05T16:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "audit log filters: by who, by subject, by day"

# The log reads newest first (by id) within each filter; a filter without its index would
# read every event a city records in years. The channel has five values and is read along.
STATEMENTS = [
    "CREATE INDEX audit_event_actor ON audit_event (actor, id)",
    "CREATE INDEX audit_event_subject ON audit_event (subject, id)",
    "CREATE INDEX audit_event_at ON audit_event (at)",
]


forwards = ddl_migration(ID, DESCRIPTION, STATEMENTS)
