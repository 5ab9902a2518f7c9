"""How long a permit lives: 180 days from issuance or from its last approved inspection."""
from __future__ import annotations

from datetime import date, timedelta

from domain.permits import Status

# CBC 105.5 (as adopted): a permit expires if work is not started within 180 days of issuance
# or is suspended or abandoned for 180 days; each approved inspection shows work goes on.
PERMIT_LIFE = timedelta(days=180)


def expires_on(issued_on: date) -> date:
    return issued_on + PERMIT_LIFE


def extended_by_approval(current: date | None, inspected_on: date) -> date:
    """The expiration after an approved inspection: never earlier than it already was."""
    extended = inspected_on + PERMIT_LIFE
    return max(current, extended) if current else extended


def lapsed(status: str, expiration: date | None, today: date) -> bool:
    """An issued permit whose life ended before ``today`` (it expires at the end of its
    last day)."""
    return status == Status.ISSUED.value and expiration is not None and expiration < today


# The comment on a permit's status history when it lapsed.
LAPSED_COMMENT = "No approved inspection within 180 days (CBC 105.5)."
