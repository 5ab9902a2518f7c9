"""The staff's accounts queue (issue 16 §1): its filter, its pages, the words of its counts."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from domain.accounts import Role
from domain.outcomes import Accepted, Rejected
from domain.queue_pages import PageAsk, read_page_ask

ROLES = ((Role.CONTRACTOR.value, "Contractors"), (Role.OWNER_BUILDER.value, "Owner-builders"))

NOT_A_ROLE = "Choose contractors or owner-builders from the list."
COUNT_ONE = "1 account is waiting, oldest first."
COUNT_MANY = "{count:,} accounts are waiting, oldest first."
COUNT_NONE = "No account is waiting for approval."
COUNT_NONE_FILTERED = "No account of this kind is waiting for approval."
SHOWN = "Accounts {first:,}–{last:,} of {total:,}"


@dataclass(frozen=True)
class AccountsAsk:
    """One page of the queue as asked: the kind of account, and where the page is."""
    role: str | None = None
    page: PageAsk = PageAsk()
    form: Mapping[str, str] | None = None


def accounts_form(params: Mapping[str, str]) -> dict[str, str]:
    """The filter as sent, trimmed: what the page shows again, accepted or refused."""
    return {"role": params.get("role", "").strip()[:20]}


def read_accounts_ask(params: Mapping[str, str]) -> Accepted[AccountsAsk] | Rejected:
    """The kind of account (refused beside its field when it is not a choice) and the page
    cursor (one that is not an id starts at the first page: only our links make them)."""
    form = accounts_form(params)
    if form["role"] and form["role"] not in {value for value, _ in ROLES}:
        return Rejected({"role": NOT_A_ROLE})
    return Accepted(AccountsAsk(form["role"] or None, read_page_ask(params), form))


def accounts_lead(total: int, filtered: bool) -> str:
    if total == 0:
        return COUNT_NONE_FILTERED if filtered else COUNT_NONE
    return COUNT_ONE if total == 1 else COUNT_MANY.format(count=total)


def accounts_shown(first: int, last: int, total: int) -> str:
    return SHOWN.format(first=first, last=last, total=total)
