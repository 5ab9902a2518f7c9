"""Plan review's own full-text index on PostgreSQL (issue 16 §1: the staff search by words)."""
from db.piccolo_migrations.raw_ddl import ddl_migration

ID = "2026-12-05T22:10:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "staff search: the waiting permits' words in a partial full-text index"

# Words among the few thousand permits waiting for plan review (db/permits/search.py):
# matched here and sorted, instead of walking a million permits' ids or checking each
# waiting permit's words. On the words as an expression (search || '') that only plan
# review's search writes: on the column itself the planner preferred the whole table's
# index, ANDed with the waiting permits' (15-30 ms for a common word, against 1 ms here).
# SQLite's FTS5 index holds the status as a filter column already.
POSTGRES = ["CREATE INDEX permit_waiting_words ON permit USING gin ((search || ''::tsvector))"
            " WHERE status IN ('Applied', 'In Review')"]


forwards = ddl_migration(ID, DESCRIPTION, (), (), POSTGRES)
