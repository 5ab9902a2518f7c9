"""The index behind the report of permits finaled (issue 7's /reports)."""
from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine.finder import engine_finder

ID = "2026-11-27T09:30:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "report indexes"

# The same DDL is valid on SQLite and PostgreSQL. Permits issued already walk issued_on's
# index; finaled dates had none (a year of finals read the whole table).
STATEMENTS = [
    "CREATE INDEX permit_finaled_on ON permit (finaled_on)",
]


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="db", description=DESCRIPTION)

    async def run():
        engine = engine_finder()
        for statement in STATEMENTS:
            await engine.run_ddl(statement)

    manager.add_raw(run)
    return manager
