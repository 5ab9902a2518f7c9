"""Piccolo configuration: the engine comes from DATABASE_URL (SQLite by default)."""
import os

from piccolo.conf.apps import AppRegistry

from db.engines import DEFAULT_URL, engine_for

DB = engine_for(os.environ.get("DATABASE_URL", DEFAULT_URL))

APP_REGISTRY = AppRegistry(apps=["db.piccolo_app"])
