"""Indexes of the scheduling tables that Piccolo cannot declare."""
from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine.finder import engine_finder

ID = "2026-11-27T07:41:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "scheduling indexes"

# The same DDL is valid on SQLite and PostgreSQL.
STATEMENTS = [
    # One capacity counter per district and date: booking inserts it if missing, then raises it
    # in a conditional UPDATE (db/inspections/booking.py).
    "CREATE UNIQUE INDEX inspection_day_district_day ON inspection_day (district, day)",
    # A confirmation number names one inspection (typed on the phone line to cancel).
    "CREATE UNIQUE INDEX inspection_confirmation ON inspection (confirmation)",
    # An inspector's route for a day.
    "CREATE INDEX inspection_inspector_day ON inspection (inspector_account, scheduled_for)",
]


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="db", description=DESCRIPTION)

    async def run():
        engine = engine_finder()
        for statement in STATEMENTS:
            await engine.run_ddl(statement)

    manager.add_raw(run)
    return manager
