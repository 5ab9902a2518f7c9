"""The Jinja environment: formatting filters (money, dates) and versioned static URLs."""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from functools import cache
from pathlib import Path
from urllib.parse import quote, urlencode
from zoneinfo import ZoneInfo

from markupsafe import Markup, escape
from starlette.routing import BaseRoute, Route
from starlette.templating import Jinja2Templates

from domain.accounts import Role
from domain.business_names import display_business_name
from domain.dates import date_or_none, long_date, short_date
from domain.field_limits import LIMITS, limit_of
from domain.field_links import field_links
from domain.inspection_results import credit_text, notes_shown, outcome_text
from domain.license_classes import class_label
from domain.license_status import status_label
from domain.money import format_usd
from domain.permits import STATUS_EXPLANATIONS, PermitType
from domain.photos import FIELD_WORDS as PHOTO_FIELD_WORDS
from domain.plan_documents import size_words
from domain.plan_review import CORRECTIONS_EXPLANATION, CORRECTIONS_STATUS
from domain.site_visits import visit_line
from web.phone_text import link_phones, phone_link
from web.settings import Settings
from web.static_files import content_hash

WEB = Path(__file__).parent
STATIC = WEB / "static"


@cache
def static_hashes() -> dict[str, str]:
    """Content hashes computed once per process (static files change only with a deploy), so
    URLs change whenever a file does; templates, the service worker and the manifest share
    them."""
    return {
        str(path.relative_to(STATIC)): content_hash(path.read_bytes())
        for path in STATIC.rglob("*") if path.is_file()
    }


VERIFICATION_TEXT = {
    "verified": "Verified",
    "pending": "Pending: My Dashboard says what to do",
    "rejected": "Not approved: see the e-mail we sent you",
}


def page_link(request, page: int) -> str:
    """This page's own path and query with another page number: site-relative, never built
    from the Host header."""
    params = [(k, v) for k, v in request.query_params.multi_items() if k != "page"]
    return request.url.path + "?" + urlencode([*params, ("page", str(page))])


def page(request, name: str, status_code: int = 200, **context):
    """A whole page from template ``name`` (pages with an htmx fragment use web.htmx.render)."""
    return request.app.state.templates.TemplateResponse(request, name, context,
                                                        status_code=status_code)


def build_templates(settings: Settings, routes: list[BaseRoute]) -> Jinja2Templates:
    templates = Jinja2Templates(directory=str(WEB / "templates"))
    env = templates.env
    env.trim_blocks = env.lstrip_blocks = True
    # Templates change only with a deploy; checking their mtimes cost five stat() per page.
    env.auto_reload = settings.debug
    paths = {route.name: route.path_format for route in routes if isinstance(route, Route)}
    zone = ZoneInfo(settings.time_zone)
    hashes = static_hashes()

    def local_datetime(value: datetime | None) -> str:
        if value is None:
            return "—"
        local = value.astimezone(zone)
        return f"{long_date(local.date())}, {local:%-I:%M %p} {local.tzname()}"

    def short_datetime(value: datetime | None) -> str:
        if value is None:
            return "—"
        local = value.astimezone(zone)
        return f"{short_date(local.date())} {local:%H:%M}"

    def static_url(path: str) -> str:
        return f"/static/{path}?v={hashes[path]}"

    def status_badge(status: str) -> Markup:
        """The status as text, coloured by class (never by colour alone)."""
        text = escape(status)
        return Markup(f'<span class="status status-{text.lower().replace(" ", "-")}">{text}</span>')

    def permit_number(number: str) -> Markup:
        """A permit or payment number kept on one line: at 360 px "BLD2026-" and "00042" on
        two lines read as two numbers (issue 14 §10)."""
        return Markup(f'<span class="nowrap">{escape(number)}</span>')

    explanations = {status.value: text for status, text in STATUS_EXPLANATIONS.items()}
    type_labels = {permit_type.value: permit_type.label for permit_type in PermitType}

    env.filters.update(
        money=lambda v: format_usd(v if isinstance(v, Decimal) else Decimal(v)),
        file_size=size_words,
        long_date=long_date,
        # A date input's value must be a date (the Nu checker, and browsers drop anything
        # else): a refused "2026-13-01" is said beside the field, not put back in it.
        date_value=lambda text: (day.isoformat() if (day := date_or_none(text or "")) else ""),
        short_date=short_date,
        local_datetime=local_datetime,
        short_datetime=short_datetime,
        status_badge=status_badge,
        phone_link=phone_link,
        link_phones=link_phones,
        permit_number=permit_number,
        status_explanation=explanations.__getitem__,
        type_label=type_labels.__getitem__,
        role_label=lambda role: Role(role).label,
        verification_text=VERIFICATION_TEXT.__getitem__,
        # An inspection's status with its result, and who inspected it: issue 14 §6.
        outcome=outcome_text,
        credit=credit_text,
        notes=notes_shown,
        business_name=display_business_name,
        license_status=status_label,
        license_classes=lambda codes: ", ".join(map(class_label, codes)),
        # A stop's directions, call and text links (issue 17 §3).
        field_links=lambda stop: field_links(stop.place, stop.contact_phone),
        # "Arrived 9:42 am · Left 10:05 am" on the city's clock (issue 17 §3).
        visit=lambda stop: visit_line(stop.arrived_at, stop.left_at, zone),
    )
    def url_for(name: str, /, **params) -> str:
        """Site-relative paths: shorter pages, and correct behind any proxy.

        Filled in from each route's path format: Starlette's router tries every route in turn,
        raising an exception for each miss, which cost 85 µs of a 280 µs permit page.
        """
        return paths[name].format(**{key: quote(str(value), safe="")
                                     for key, value in params.items()})

    env.globals.update(settings=settings, static_url=static_url, url_for=url_for,
                       page_link=page_link, limits=LIMITS, limit_of=limit_of,
                       corrections_status=CORRECTIONS_STATUS, photo_words=PHOTO_FIELD_WORDS,
                       corrections_explanation=CORRECTIONS_EXPLANATION)
    # The head, header and footer depend only on settings: rendered once here, they cost one
    # escape each per page instead of a dozen (a third of a permit page's render time).
    env.globals["chrome"] = {
        part: Markup(env.get_template(f"chrome/{part}.html").render(account=None))
        for part in ("head", "header", "footer")
    }
    return templates
