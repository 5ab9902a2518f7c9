"""Indexes of plan review's desk and the cashier's close (issue 16 §2, §4)."""
from db.piccolo_migrations.raw_ddl import ddl_migration

ID = "2026-12-05T18:20:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "reviews by reviewer and due date; the ledger by day"

# A reviewer's workload reads their open reviews soonest due first; the daily close reads a
# day of the ledger, which grows by every payment the city ever takes.
STATEMENTS = [
    "CREATE INDEX review_assignment_desk ON review_assignment (reviewer, decision, due_on)",
    "CREATE INDEX ledger_entry_at ON ledger_entry (at)",
]


forwards = ddl_migration(ID, DESCRIPTION, STATEMENTS)
