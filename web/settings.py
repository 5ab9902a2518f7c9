"""Configuration, read once from the environment (and an optional .env file)."""
from __future__ import annotations

import os
from dataclasses import dataclass

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


def load_settings(env_file: str = ".env") -> Settings:
    config = Config(env_file if os.path.exists(env_file) else None)
    defaults = Settings()
    demo = config("PERMITLINE_DEMO", cast=bool, default=False)
    smtp_url = config("PERMITLINE_SMTP_URL", default="")
    return Settings(
        database_url=config("DATABASE_URL", default=defaults.database_url),
        city_name=config("PERMITLINE_CITY_NAME", default=defaults.city_name),
        help_phone=config("PERMITLINE_HELP_PHONE", default=defaults.help_phone),
        inspection_phone=config("PERMITLINE_INSPECTION_PHONE", default=defaults.inspection_phone),
        city_address=config("PERMITLINE_CITY_ADDRESS", default=defaults.city_address),
        time_zone=config("PERMITLINE_TIME_ZONE", default=defaults.time_zone),
        debug=config("PERMITLINE_DEBUG", cast=bool, default=False),
        demo=demo,
        base_url=config("PERMITLINE_BASE_URL", default=defaults.base_url).rstrip("/"),
        allowed_hosts=tuple(config("PERMITLINE_ALLOWED_HOSTS", cast=CommaSeparatedStrings,
                                   default="")),
        secure_cookies=config("PERMITLINE_SECURE_COOKIES", cast=bool, default=not demo),
        smtp_url=smtp_url,
        mail_from=config("PERMITLINE_MAIL_FROM", default=defaults.mail_from),
        mail_dir=config("PERMITLINE_MAIL_DIR",
                        default="var/mail" if demo and not smtp_url else ""),
        upload_dir=config("PERMITLINE_UPLOAD_DIR", default=defaults.upload_dir),
        open_data_dir=config("PERMITLINE_OPEN_DATA_DIR", default=defaults.open_data_dir),
        payment_gateway=config("PERMITLINE_PAYMENT_GATEWAY", default="counter"),
        stripe_secret_key=config("STRIPE_SECRET_KEY", default=""),
        stripe_webhook_secret=config("STRIPE_WEBHOOK_SECRET", default=""),
        twilio_auth_token=config("TWILIO_AUTH_TOKEN", default=""),
    )
