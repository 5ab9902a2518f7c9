"""Who may apply for which e-permit: approval, standing, trade classes, the owner's home."""
from db.rules.trade_classes import trade_classes
from domain.accounts import Role, Verification
from domain.applications import Applicant, eligibility, may_apply, offers, resume_step
from domain.outcomes import Accepted, Rejected
from domain.subtypes import SUBTYPES

BY_NAME = {s.name: s for s in SUBTYPES}
ROOFER = Applicant(Role.CONTRACTOR, Verification.VERIFIED, ("C-39",), (), None)
OWNER = Applicant(Role.OWNER_BUILDER, Verification.VERIFIED, (), (), 7)


def test_a_licensed_class_that_fits_the_work_may_apply():
    assert eligibility(ROOFER, BY_NAME["Re-roof"], 1, trade_classes()) == Accepted(
        BY_NAME["Re-roof"])
    refused = eligibility(ROOFER, BY_NAME["Water Heater"], 1, trade_classes())
    assert refused.errors["subtype"] == (
        "Water Heater needs a license of class B (General Building), C-36 (Plumbing), C-4 "
        "(Boiler, Hot-Water Heating and Steam Fitting), C-42 (Sanitation System) or C-34 "
        "(Pipeline); yours has C-39 (Roofing).")


def test_pending_accounts_lapsed_licenses_and_staff_may_not_apply_at_all():
    pending = Applicant(Role.CONTRACTOR, Verification.PENDING, ("B",), (), None)
    lapsed = Applicant(Role.CONTRACTOR, Verification.VERIFIED, ("B",), ("License 1 expired.",),
                       None)
    staff = Applicant(Role.STAFF, Verification.VERIFIED, (), (), None)
    assert set(may_apply(pending).errors) == {"account"}
    assert may_apply(lapsed).errors == {"license": "License 1 expired."}
    assert set(may_apply(staff).errors) == {"account"}
    assert isinstance(eligibility(lapsed, BY_NAME["Re-roof"], 1, trade_classes()), Rejected)


def test_owner_builders_apply_only_for_residential_work_on_their_own_home():
    assert isinstance(eligibility(OWNER, BY_NAME["Water Heater"], 7, trade_classes()), Accepted)
    assert "their own" in eligibility(OWNER, BY_NAME["Water Heater"], 8,
                                      trade_classes()).errors["address"]
    assert "residential work" in eligibility(OWNER, BY_NAME["Commercial Tenant Improvement"],
                                             7, trade_classes()).errors["subtype"]


def test_a_returning_applicant_resumes_at_the_first_unanswered_step():
    assert resume_step({}) == "address"
    assert resume_step({"done": ["address", "scope"]}) == "valuation"
    assert resume_step({"done": ["address", "scope", "valuation", "contacts"]}) == "documents"
    assert resume_step({"done": ["address", "scope", "valuation", "contacts",
                                 "documents"]}) == "review"


def test_a_roofer_is_offered_only_roofing_and_told_which_class_the_rest_needs():
    offered = {o.family.title: o for o in offers(ROOFER, trade_classes())}
    assert offered["E-BUILDING"].allowed == ("Re-roof",)
    assert set(offered["E-BUILDING"].missing) == {"Window and Door Replacement",
                                                   "Residential Remodel"}
    assert offered["E-ELECTRICAL"].allowed == ()
    assert offered["E-ELECTRICAL"].reason == (
        "E-ELECTRICAL work needs a license of class B (General Building), C-10 (Electrical) or "
        "C-46 (Solar); yours has C-39 (Roofing).")


def test_an_owner_builder_is_offered_the_residential_work_of_every_family():
    assert all(o.allowed == o.family.subtypes and not o.missing
               for o in offers(OWNER, trade_classes()))


def test_an_account_that_may_not_apply_is_offered_nothing_and_told_why():
    lapsed = Applicant(Role.CONTRACTOR, Verification.VERIFIED, ("B",), ("License 1 expired.",),
                       None)
    assert {(o.allowed, o.reason) for o in offers(lapsed, trade_classes())} == {
        ((), "License 1 expired.")}
