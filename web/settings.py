"""Configuration, read once from the environment (and an optional .env file)."""
from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace

from starlette.config import Config
from starlette.datastructures import CommaSeparatedStrings

from db.engines import DEFAULT_URL


@dataclass(frozen=True)
class Settings:
    database_url: str = DEFAULT_URL
    city_name: str = "City of West Hollywood"
    help_phone: str = "(323) 848-6475"
    inspection_phone: str = "(323) 848-6335"
    # The department's postal address: the return address of the letters it mails.
    city_address: str = "8300 Santa Monica Blvd, West Hollywood, CA 90069"
    time_zone: str = "America/Los_Angeles"
    debug: bool = False
    # Demo mode (make run): demo accounts, mail written to files, a page listing it, cookies
    # without Secure so http://127.0.0.1 works. Never set in production.
    demo: bool = False
    # Links in e-mails are built from this, never from the request's Host header.
    base_url: str = "http://127.0.0.1:8000"
    # Host names answered besides base_url's (issue 14 §9); any other gets 400. On a loopback
    # base_url the other loopback names are answered too (domain/site_hosts.py).
    allowed_hosts: tuple[str, ...] = ()
    secure_cookies: bool = True
    smtp_url: str = ""
    mail_from: str = "Permitline <permits@example.com>"
    mail_dir: str = ""
    upload_dir: str = "var/uploads"
    # The BLDS open data files as last served, reused for an hour ("" keeps no copy).
    open_data_dir: str = "var/open-data"
    # "counter" (the city takes payment in person; a demo card form) or "stripe" (Checkout).
    payment_gateway: str = "counter"
    stripe_secret_key: str = ""
    stripe_webhook_secret: str = ""
    stripe_api_base: str = ""  # only to point the adapter at a local server in tests
    # The phone line answers only requests signed with this token (X-Twilio-Signature); without
    # one it is off, except in the demo.
    twilio_auth_token: str = ""


def configured(name: str, env_file: str = ".env") -> bool:
    """Whether ``name`` is set in the environment or in the .env file."""
    return Config(env_file if os.path.exists(env_file) else None)(name, default=None) is not None


# Settings whose environment variable is not PERMITLINE_ and the setting's name in capitals.
ENV_NAMES = {"database_url": "DATABASE_URL", "stripe_secret_key": "STRIPE_SECRET_KEY",
             "stripe_webhook_secret": "STRIPE_WEBHOOK_SECRET",
             "twilio_auth_token": "TWILIO_AUTH_TOKEN"}
# Set only by tests (the Stripe adapter pointed at a local server), never by a city.
NOT_FROM_ENV = {"stripe_api_base"}


def env_name(setting: str) -> str:
    return ENV_NAMES.get(setting, f"PERMITLINE_{setting.upper()}")


def load_settings(env_file: str = ".env") -> Settings:
    config = Config(env_file if os.path.exists(env_file) else None)
    demo = config("PERMITLINE_DEMO", cast=bool, default=False)
    smtp_url = config("PERMITLINE_SMTP_URL", default="")
    # Demo mode's defaults: cookies without Secure so http://127.0.0.1 works, and mail written
    # to files when no SMTP server is set.
    defaults = replace(Settings(), demo=demo, secure_cookies=not demo,
                       mail_dir="var/mail" if demo and not smtp_url else "")
    values = {}
    for setting in fields(Settings):
        if setting.name in NOT_FROM_ENV:
            continue
        default, name = getattr(defaults, setting.name), env_name(setting.name)
        if isinstance(default, bool):
            values[setting.name] = config(name, cast=bool, default=default)
        elif isinstance(default, tuple):
            values[setting.name] = tuple(config(name, cast=CommaSeparatedStrings,
                                                default=",".join(default)))
        elif isinstance(default, str):
            values[setting.name] = config(name, default=default)
        else:  # a number or a path would need its own cast, not text
            raise TypeError(f"{setting.name}: no reading for a {type(default).__name__}")
    values["base_url"] = values["base_url"].rstrip("/")
    return replace(defaults, **values)
