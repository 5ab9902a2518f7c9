"""Unique and composite indexes of the account tables that Piccolo cannot declare."""
from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine.finder import engine_finder

ID = "2026-11-27T02:30:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "account indexes"

# The same DDL is valid on SQLite and PostgreSQL.
STATEMENTS = [
    # Following is a set: one row per account and permit, whatever a double click sends.
    "CREATE UNIQUE INDEX permit_follow_account_permit ON permit_follow (account, permit)",
    # Lockout counts the recent failures of one key.
    "CREATE INDEX sign_in_failure_key_at ON sign_in_failure (key, failed_at)",
    # The mail loop reads the unsent messages that are due.
    "CREATE INDEX outbox_message_due ON outbox_message (next_attempt_at) WHERE sent_at IS NULL",
    # The dashboard lists one license's permits by status.
    "CREATE INDEX permit_license_status ON permit (contractor_license, status)",
]


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="db", description=DESCRIPTION)

    async def run():
        engine = engine_finder()
        for statement in STATEMENTS:
            await engine.run_ddl(statement)

    manager.add_raw(run)
    return manager
