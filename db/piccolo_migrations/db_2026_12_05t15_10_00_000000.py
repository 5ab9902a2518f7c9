"""Indexes of the staff search and the plan review queue (issue 16 §1)."""
from db.piccolo_migrations.raw_ddl import ddl_migration

ID = "2026-12-05T15:10:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "staff search: contacts by e-mail, phone and name; the plan review queue"

COMMON = [
    # A person's permits newest first, read from the index alone: a contractor's office
    # address is on 45,000 of the benchmark's million permits (db/permits/finding.py).
    "CREATE INDEX permit_contact_email ON permit_contact (email, permit)",
    "CREATE INDEX permit_contact_phone ON permit_contact (phone, permit)",
    # The plan review queue in its order: a few thousand of a million permits wait, and
    # neither engine's statistics tell that "Applied" is rare (db/applications/review_queue.py
    # names the statuses as written here, so that the planners can match this index).
    # Its filters' columns too, so that its exact counts are read from the index alone.
    "CREATE INDEX permit_waiting ON permit (applied_on, id, permit_type, subtype)"
    " WHERE status IN ('Applied', 'In Review')",
]
# A name is matched from its start, in any case, as a range in byte order
# (db/permits/finding.py): SQLite's lower() in its BINARY order, PostgreSQL's in "C".
SQLITE = ["CREATE INDEX permit_contact_name ON permit_contact (lower(name), permit)"]
# The name itself too, so that PostgreSQL reads a range of names from the index alone (an
# expression's column must be in the index for that).
POSTGRES = ['CREATE INDEX permit_contact_name ON permit_contact ((lower(name) COLLATE "C"),'
            ' permit) INCLUDE (name)']


forwards = ddl_migration(ID, DESCRIPTION, COMMON, SQLITE, POSTGRES)
