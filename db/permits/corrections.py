"""Which permits wait for the applicant's corrections, as SQL for the pages that list them."""
from __future__ import annotations

from domain.permits import Status
from domain.plan_review import CORRECTIONS


def waiting_for_corrections(alias: str) -> str:
    """True when the permit ``alias`` is Applied and plan review's last word on it asked for
    corrections (domain.plan_review.waiting_for_answer, in SQL)."""
    return (f"({alias}.status = '{Status.APPLIED.value}' AND (SELECT c.kind FROM review_comment c"
            f" WHERE c.permit = {alias}.id ORDER BY c.id DESC LIMIT 1) = '{CORRECTIONS}')")
