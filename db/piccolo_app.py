"""Registers Permitline's tables and migrations with Piccolo."""
import os

from piccolo.conf.apps import AppConfig, table_finder

from db.tables import MODULES

CURRENT_DIRECTORY = os.path.dirname(os.path.abspath(__file__))

APP_CONFIG = AppConfig(
    app_name="db",
    migrations_folder_path=os.path.join(CURRENT_DIRECTORY, "piccolo_migrations"),
    table_classes=table_finder(modules=MODULES, exclude_imported=True),
    migration_dependencies=[],
    commands=[],
)
