"""Indexes of the permits' contacts for the staff search (issue 16 §1)."""
from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine.finder import engine_finder

ID = "2026-12-05T15:10:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "staff search: contacts by e-mail, phone and name"

COMMON = [
    "CREATE INDEX permit_contact_email ON permit_contact (email)",
    "CREATE INDEX permit_contact_phone ON permit_contact (phone)",
]
# A name is matched from its start, in any case, as a range in byte order
# (db/permits/finding.py): SQLite's lower() in its BINARY order, PostgreSQL's in "C".
SQLITE = ["CREATE INDEX permit_contact_name ON permit_contact (lower(name))"]
POSTGRES = ['CREATE INDEX permit_contact_name ON permit_contact ((lower(name) COLLATE "C"))']


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="db", description=DESCRIPTION)

    async def run():
        engine = engine_finder()
        for statement in COMMON + (SQLITE if engine.engine_type == "sqlite" else POSTGRES):
            await engine.run_ddl(statement)

    manager.add_raw(run)
    return manager
