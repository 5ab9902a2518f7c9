"""Raw DDL migrations (indexes Piccolo cannot declare); Piccolo skips this module."""
from __future__ import annotations

from collections.abc import Sequence

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine.finder import engine_finder


def ddl_migration(migration_id: str, description: str, common: Sequence[str],
                  sqlite: Sequence[str] = (), postgres: Sequence[str] = ()):
    """A migration's ``forwards``: ``common`` statements on either engine, then the engine's
    own."""
    async def forwards():
        manager = MigrationManager(migration_id=migration_id, app_name="db",
                                   description=description)

        async def run():
            engine = engine_finder()
            own = sqlite if engine.engine_type == "sqlite" else postgres
            for statement in (*common, *own):
                await engine.run_ddl(statement)

        manager.add_raw(run)
        return manager
    return forwards
