"""SQLite's full-text index of permits with prefix indexes of 4 and 5 letters (issue 16 §1)."""
from db.piccolo_migrations.raw_ddl import ddl_migration

ID = "2026-12-05T22:20:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "permits' full-text index: prefixes of 4 and 5 letters"

# The last word typed is matched as a prefix ("roof" finds "roofing"). FTS5 answers a prefix
# from its own index only when one is kept for that length; otherwise it merges every term
# that starts so before it can return the newest match: "roof"* took 10.7 ms over a million
# permits, 0.07 ms with a 4-letter index ("heat"* in "water heat": 8.4 -> 0.1 ms). Longer
# words are rarer and cheap either way ("rooftop"*: 0.7 ms). Rebuilt in ~20 s for 1M permits;
# the triggers (db_2026_11_26t23_30_00_000000.py) write to the table by name and stay.
SQLITE = [
    "DROP TABLE permit_fts",
    """CREATE VIRTUAL TABLE permit_fts USING fts5(
        number, site_address, contractor_name, contractor_license, subtype, description,
        permit_type, status, applied_month, issued_month,
        content='permit_fts_source', content_rowid='id', tokenize='unicode61',
        prefix='2 3 4 5')""",
    "INSERT INTO permit_fts(permit_fts) VALUES ('rebuild')",
]


forwards = ddl_migration(ID, DESCRIPTION, (), SQLITE, ())
