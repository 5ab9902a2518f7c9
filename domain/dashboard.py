"""My Dashboard's sections: which permits are active, expired or still applications."""
from __future__ import annotations

from enum import StrEnum

from domain.permits import Status


class Section(StrEnum):
    ACTIVE = "active"
    EXPIRED = "expired"
    APPLICATIONS = "applications"
    INSPECTIONS = "inspections"
    FOLLOWED = "followed"


SECTION_TITLES = {
    Section.ACTIVE: "My Active Permits",
    Section.EXPIRED: "Expired Permits",
    Section.APPLICATIONS: "Applications in Progress",
    Section.INSPECTIONS: "My Active Inspections",
    Section.FOLLOWED: "Permits I Follow",
}
APPLICATION_STATUSES = (Status.APPLIED.value, Status.IN_REVIEW.value, Status.APPROVED.value)


def permit_section(status: str, lapsed: bool) -> Section | None:
    """Where a permit of one's own belongs (``lapsed``: its expiration date has passed);
    finaled, cancelled and void ones are history."""
    if status == Status.ISSUED.value:
        return Section.EXPIRED if lapsed else Section.ACTIVE
    if status == Status.EXPIRED.value:
        return Section.EXPIRED
    if status in APPLICATION_STATUSES:
        return Section.APPLICATIONS
    return None
