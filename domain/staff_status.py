"""The status changes staff make by hand: renew, cancel, void — each with a reason on record."""
from __future__ import annotations

from dataclasses import dataclass

from domain.outcomes import Accepted, Rejected
from domain.permits import TRANSITIONS, Status
from domain.typed_text import as_written

REASON_LIMIT = 2000


@dataclass(frozen=True)
class ManualChange:
    target: Status
    label: str  # the button
    meaning: str  # when staff use it


# Issuing, review, finals and expiry have their own workflows (payment, plan review, the final
# inspection, the hourly expiry); by hand staff only renew an expired permit (CBC 105.5: the
# building official may grant an extension), cancel one the applicant withdrew, or void one
# recorded in error.
MANUAL = (
    ManualChange(Status.ISSUED, "Renew the permit",
                 "An expired permit is issued again for 180 days (renewal fee paid at the "
                 "counter)."),
    ManualChange(Status.CANCELLED, "Cancel the permit",
                 "The applicant withdrew it; its scheduled inspections are cancelled."),
    ManualChange(Status.VOID, "Void the permit",
                 "It was recorded in error; its scheduled inspections are cancelled."),
)


def manual_changes(current: Status) -> tuple[ManualChange, ...]:
    """What staff may do by hand to a permit in ``current``."""
    allowed = TRANSITIONS[current]
    return tuple(c for c in MANUAL if c.target in allowed
                 and (c.target is not Status.ISSUED or current is Status.EXPIRED))


def check_manual_change(current: Status, target_text: str, reason: str
                        ) -> Accepted[tuple[Status, str]] | Rejected:
    errors: dict[str, str] = {}
    offered = {c.target.value: c.target for c in manual_changes(current)}
    target = offered.get(target_text)
    if target is None:
        errors["change"] = (f"A permit that is {current.value} cannot be changed that way "
                            "here." if offered else f"Nothing can be changed by hand on a "
                                                     f"permit that is {current.value}.")
    reason = as_written(reason)
    if not reason:
        errors["reason"] = "Give the reason: it is kept on the permit's audit trail."
    elif len(reason) > REASON_LIMIT:
        errors["reason"] = f"Keep the reason under {REASON_LIMIT:,} characters."
    if errors:
        return Rejected(errors)
    return Accepted((target, reason))
