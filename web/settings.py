"""Configuration, read once from the environment (and an optional .env file)."""
from __future__ import annotations

import os
from dataclasses import dataclass

from starlette.config import Config

from db.engines import DEFAULT_URL


@dataclass(frozen=True)
class Settings:
    database_url: str = DEFAULT_URL
    city_name: str = "City of West Hollywood"
    help_phone: str = "(323) 848-6475"
    inspection_phone: str = "(323) 848-6335"
    time_zone: str = "America/Los_Angeles"
    debug: bool = False


def load_settings(env_file: str = ".env") -> Settings:
    config = Config(env_file if os.path.exists(env_file) else None)
    defaults = Settings()
    return Settings(
        database_url=config("DATABASE_URL", default=defaults.database_url),
        city_name=config("PERMITLINE_CITY_NAME", default=defaults.city_name),
        help_phone=config("PERMITLINE_HELP_PHONE", default=defaults.help_phone),
        inspection_phone=config("PERMITLINE_INSPECTION_PHONE", default=defaults.inspection_phone),
        time_zone=config("PERMITLINE_TIME_ZONE", default=defaults.time_zone),
        debug=config("PERMITLINE_DEBUG", cast=bool, default=False),
    )
