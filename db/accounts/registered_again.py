"""A registration form sent twice, found so the second answer is the first one's."""
from __future__ import annotations

from datetime import datetime

from db.accounts.passwords import matches
from db.reader import as_datetime
from db.tables import Account


async def just_registered(email: str, password: str, since: datetime) -> bool:
    """Whether the account of ``email`` was registered after ``since``, is still unconfirmed
    and has ``password``: the same registration form sent twice."""
    row = await Account.select(Account.password, Account.created_at).where(
        (Account.username == email) & Account.email_verified_at.is_null()).first()
    return bool(row) and as_datetime(row["created_at"]) > since and await matches(
        row["password"], password)
