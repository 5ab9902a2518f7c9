"""Which status changes staff make by hand, and the reason each needs."""
from domain.outcomes import Accepted, Rejected
from domain.permits import Status
from domain.staff_status import check_manual_change, manual_changes


def targets(current: Status) -> list[Status]:
    return [c.target for c in manual_changes(current)]


def test_only_an_expired_permit_is_renewed_and_nothing_reopens_a_closed_one():
    assert targets(Status.EXPIRED) == [Status.ISSUED, Status.VOID]
    assert targets(Status.ISSUED) == [Status.CANCELLED, Status.VOID]
    assert targets(Status.APPLIED) == [Status.CANCELLED, Status.VOID]
    assert targets(Status.FINALED) == [Status.VOID]
    assert targets(Status.VOID) == [] and targets(Status.CANCELLED) == []


def test_a_change_needs_an_offered_target_and_a_reason():
    assert check_manual_change(Status.EXPIRED, "Issued", " Renewal fee paid ") == Accepted(
        (Status.ISSUED, "Renewal fee paid"))
    refused = check_manual_change(Status.ISSUED, "Issued", "")
    assert isinstance(refused, Rejected)
    assert refused.errors["change"].startswith("A permit that is Issued cannot be changed")
    assert refused.errors["reason"].startswith("Give the reason")
    closed = check_manual_change(Status.VOID, "Issued", "x")
    assert closed.errors == {"change": "Nothing can be changed by hand on a permit that is Void."}
    assert "under 2,000" in check_manual_change(Status.ISSUED, "Void", "x" * 2001).errors["reason"]
