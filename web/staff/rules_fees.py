"""The fee schedule: the version in force as tables, and a supervisor's new version with the
same structure and new numbers (issuance fee, plan check rates, brackets, items, surcharges,
the reinspection fee)."""
from __future__ import annotations

from starlette.requests import Request

from db.rules import rule_book
from domain.fee_edits import fee_fields, plan_check_label, read_fee_form
from domain.fees import dollars
from domain.permits import PermitType
from domain.reinspection_fees import CHARGES, FAILURES, field_name, rule_words
from domain.rule_edits import FEES
from web.city_clock import today
from web.staff.rules import editor_routes, taken, version_context
from web.templating import page


def _page(request: Request, account, errors: dict[str, str], typed: dict | None,
          status_code: int = 200):
    context = version_context(request, FEES, account)
    latest = context["latest"]
    return page(request, "staff/rules_fees.html", status_code, **context,
                schedule=context["shown"].rules, form_schedule=latest.rules,
                plan_labels=plan_check_label, dollars=dollars, permit_types=list(PermitType),
                values=typed if typed is not None else fee_fields(latest.body), errors=errors,
                reinspection_words=rule_words, failures=FAILURES, charges=CHARGES,
                charge_field=field_name)


def _read(request: Request, form: dict):
    return read_fee_form(form, rule_book.latest(FEES).body, today(request), taken(FEES))


routes = editor_routes(FEES, _page, _read, max_fields=400, save_name="save_fee_schedule")
