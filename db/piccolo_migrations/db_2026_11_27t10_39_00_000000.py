"""One version of a rule set per effective date; a permit's audit trail read in time order."""
from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine.finder import engine_finder

ID = "2026-11-27T10:39:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "rule version and audit indexes"

# The same DDL is valid on SQLite and PostgreSQL. Saving a version for a date that already has
# one replaces it (db/rules/rule_book.py), so the pair is unique.
STATEMENTS = [
    "CREATE UNIQUE INDEX IF NOT EXISTS rule_version_kind_effective"
    " ON rule_version (kind, effective)",
    "CREATE INDEX IF NOT EXISTS audit_event_permit_at ON audit_event (permit, at)",
]


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="db", description=DESCRIPTION)

    async def run():
        engine = engine_finder()
        for statement in STATEMENTS:
            await engine.run_ddl(statement)

    manager.add_raw(run)
    return manager
