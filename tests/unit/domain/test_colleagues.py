"""Who may remove a colleague from a license, and what the removed account is told."""
from __future__ import annotations

import pytest

from domain.accounts import Role, Verification, removed_from_license, waiting_section, waiting_words
from domain.colleagues import Member, may_remove, removal_mail, removed_note
from domain.notices import DECLINED_NOTE

ME = Member(1, Role.CONTRACTOR, Verification.VERIFIED, "1012345")


def test_a_verified_contractor_removes_a_verified_colleague_of_its_license():
    assert may_remove(ME, Member(2, "contractor", "verified", "1012345"))


@pytest.mark.parametrize("remover, colleague", [
    (ME, ME),  # itself: leaving is not a tap that locks one out
    (ME, Member(2, Role.CONTRACTOR, Verification.VERIFIED, "1023456")),  # another license
    (ME, Member(2, Role.CONTRACTOR, Verification.PENDING, "1012345")),  # declined, not removed
    (ME, Member(2, Role.CONTRACTOR, Verification.REJECTED, "1012345")),  # already removed
    (ME, Member(2, Role.STAFF, Verification.VERIFIED, "1012345")),
    (Member(1, Role.CONTRACTOR, Verification.PENDING, "1012345"),  # a claimant
     Member(2, Role.CONTRACTOR, Verification.VERIFIED, "1012345")),
    (Member(1, Role.CONTRACTOR, Verification.REJECTED, "1012345"),  # removed a moment ago
     Member(2, Role.CONTRACTOR, Verification.VERIFIED, "1012345")),
    (Member(1, Role.OWNER_BUILDER, Verification.VERIFIED, None),
     Member(2, Role.OWNER_BUILDER, Verification.VERIFIED, None)),
    (Member(1, Role.CONTRACTOR, Verification.VERIFIED, None),
     Member(2, Role.CONTRACTOR, Verification.VERIFIED, None)),
])
def test_nobody_else_removes_anyone(remover, colleague):
    assert not may_remove(remover, colleague)


def test_the_removed_account_is_told_without_the_name_of_who_removed_it():
    subject, body = removal_mail("1012345", "Los Angeles", "https://portal.test", "311")
    assert subject == "Your account no longer acts for a contractor's license"
    assert "license 1012345" in body and "call 311" in body
    assert "https://portal.test/account" in body
    assert removed_note("1012345") == ("Removed from license 1012345 by a verified account of "
                                       "the license")


def test_a_removed_account_is_told_it_was_removed_not_that_it_was_not_approved():
    note = removed_note("1012345")
    assert removed_from_license(Verification.REJECTED, note, "1012345")
    said = waiting_words(Role.CONTRACTOR, Verification.REJECTED, "1012345", note)
    assert said.startswith("A verified account of the company removed your account from "
                           "license 1012345, so it can no longer see the company's permits")
    assert "talk to a colleague there, then call the city" in said and "approved" not in said
    assert waiting_section(Role.CONTRACTOR, "rejected", "1012345", note) == (
        "Your account was removed from license 1012345, so it shows no permits here.")
    # Staff's or a colleague's refusal of a request to join is not a removal.
    for other in (DECLINED_NOTE, "No proof of employment", "", None):
        assert not removed_from_license(Verification.REJECTED, other, "1012345")
        assert waiting_words(Role.CONTRACTOR, "rejected", "1012345", other).startswith(
            "Your account was not approved")
    assert not removed_from_license(Verification.PENDING, note, "1012345")
    assert not removed_from_license(Verification.REJECTED, note, "1023456")
