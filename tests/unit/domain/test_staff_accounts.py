"""A colleague's form, and changes that would leave the city without a supervisor or work."""
from datetime import date

from domain.accounts import Role
from domain.outcomes import Accepted, Rejected
from domain.staff_accounts import (
    OWN_DEACTIVATION, OWN_SUPERVISOR, Holdings, Member, PersonForm, change_refusal, changed_fields,
    check_person, deactivation_refusal, done_words, email_taken, first_password, form_of_member,
    holdings_words
)

FORM = {"name": "  Ingrid   Halvorsen ", "email": " Ingrid@City.Example.ORG ",
        "phone": "(323) 555-0199", "role": "inspector", "supervisor": ""}
INGRID = Member(7, "Ingrid Halvorsen", "323-555-0199", Role.INSPECTOR, False, True)
DANA = Member(3, "Dana Whitcombe", "323-555-0101", Role.STAFF, True, True)
BUSY = Holdings(2, date(2030, 1, 15), ("North", "West"))


def test_a_new_person_is_kept_as_typed_but_cleaned():
    outcome = check_person(FORM, with_email=True)
    assert outcome == Accepted(PersonForm("Ingrid Halvorsen", "ingrid@city.example.org",
                                          "323-555-0199", Role.INSPECTOR, False))


def test_every_problem_of_the_form_is_said_at_once():
    outcome = check_person({"name": "", "email": "nope", "phone": "12", "role": "contractor",
                            "supervisor": "on"}, with_email=True)
    assert isinstance(outcome, Rejected)
    assert set(outcome.errors) == {"name", "email", "phone", "role", "supervisor"}
    assert outcome.errors["name"] == "Enter the person's full name."
    assert outcome.errors["role"] == "Choose staff or inspector."


def test_only_staff_can_be_supervisors():
    outcome = check_person({**FORM, "supervisor": "yes"}, with_email=True)
    assert outcome.errors == {"supervisor": "Only staff can be supervisors: choose Staff, or "
                                            "leave Supervisor unticked."}
    staff = check_person({**FORM, "role": "staff", "supervisor": "yes"}, with_email=True)
    assert staff.value.supervisor is True


def test_an_edit_neither_asks_for_nor_reads_the_e_mail_address():
    outcome = check_person({**FORM, "email": "someone.else@example.com"}, with_email=False)
    assert outcome.value.email == ""
    assert check_person({**FORM, "email": ""}, with_email=False).value.name == "Ingrid Halvorsen"


def test_names_that_carry_a_web_address_are_refused_as_everywhere():
    outcome = check_person({**FORM, "name": "Ingrid evil.com"}, with_email=True)
    assert "name" in outcome.errors


def test_a_supervisor_keeps_their_own_flag_and_cannot_leave_the_city_without_one():
    losing = PersonForm("Dana Whitcombe", "", "323-555-0101", Role.STAFF, False)
    assert change_refusal(3, DANA, losing, Holdings()).errors == {"supervisor": OWN_SUPERVISOR}
    inspector = PersonForm("Dana Whitcombe", "", "323-555-0101", Role.INSPECTOR, False)
    assert change_refusal(3, DANA, inspector, Holdings()).errors == {
        "supervisor": OWN_SUPERVISOR}
    assert change_refusal(4, DANA, losing, Holdings()) is None, "another supervisor may"
    renamed = PersonForm("Dana W. Whitcombe", "", "323-555-0101", Role.STAFF, True)
    assert change_refusal(3, DANA, renamed, Holdings()) is None


def test_an_inspector_with_work_is_not_made_staff_until_it_is_reassigned():
    to_staff = PersonForm("Ingrid Halvorsen", "", "323-555-0199", Role.STAFF, False)
    refused = change_refusal(3, INGRID, to_staff, BUSY)
    assert refused.errors == {"role": (
        "Ingrid Halvorsen still has 2 scheduled inspections (the first on Tuesday 15 January "
        "2030) and is the inspector of districts North and West. Reassign them on the "
        "inspection board first, then change the role.")}
    assert change_refusal(3, INGRID, to_staff, Holdings()) is None
    renamed = PersonForm("Ingrid H. Halvorsen", "", "323-555-0199", Role.INSPECTOR, False)
    assert change_refusal(3, INGRID, renamed, BUSY) is None, "staying an inspector is fine"


def test_deactivation_is_refused_for_oneself_and_for_an_inspector_holding_work():
    assert deactivation_refusal(3, DANA, Holdings()).errors == {"deactivate": OWN_DEACTIVATION}
    refused = deactivation_refusal(3, INGRID, Holdings(1, date(2030, 1, 15)))
    assert refused.errors["deactivate"] == (
        "Ingrid Halvorsen still has 1 scheduled inspection (the first on Tuesday 15 January "
        "2030). Reassign them on the inspection board first, then deactivate the account.")
    district_only = deactivation_refusal(3, INGRID, Holdings(districts=("West",)))
    assert district_only.errors["deactivate"].startswith(
        "Ingrid Halvorsen is still the inspector of district West. Reassign them")
    assert deactivation_refusal(3, INGRID, Holdings()) is None


def test_the_audit_trail_gets_only_the_fields_that_changed():
    change = PersonForm("Ingrid Halvorsen", "", "323-555-0100", Role.STAFF, True)
    assert changed_fields(INGRID, change) == (
        {"phone": "323-555-0199", "role": "inspector", "supervisor": "no"},
        {"phone": "323-555-0100", "role": "staff", "supervisor": "yes"})
    same = PersonForm(**{**form_of_member(INGRID), "email": "", "role": Role.INSPECTOR,
                         "supervisor": False})
    assert changed_fields(INGRID, same) == ({}, {})


def test_what_the_page_says_after_each_action():
    assert done_words("created", "Ingrid Halvorsen", "ingrid@example.org", Role.INSPECTOR,
                      False) == (
        "Added Ingrid Halvorsen (inspector). A link to set a password was e-mailed to "
        "ingrid@example.org; it works once, for 3 days.")
    assert done_words("changed", "Dana", "d@example.org", Role.STAFF, True) == (
        "Saved: Dana is staff, supervisor.")
    assert holdings_words("Ana", Holdings(districts=("West",))) == (
        "Ana is still the inspector of district West.")


def test_an_address_taken_by_a_colleague_points_to_their_account():
    assert email_taken("a@example.org", None)["email"].startswith(
        "An account already uses a@example.org")
    assert email_taken("a@example.org", "Ana")["email"].startswith(
        "a@example.org is already Ana's account")


ROSA = Member(9, "Rosa Reviewer", "323-555-0150", Role.STAFF, False, True)


def test_a_reviewers_open_plan_reviews_go_to_someone_else_first():
    reviewing = Holdings(reviews=3)
    assert deactivation_refusal(3, ROSA, reviewing).errors == {"deactivate": (
        "Rosa Reviewer still has 3 open plan reviews. Reassign them in the plan review queue "
        "first, then deactivate the account.")}
    to_inspector = PersonForm("Rosa Reviewer", "", "323-555-0150", Role.INSPECTOR, False)
    assert change_refusal(3, ROSA, to_inspector, reviewing).errors == {"role": (
        "Rosa Reviewer still has 3 open plan reviews. Reassign them in the plan review queue "
        "first, then change the role.")}
    renamed = PersonForm("Rosa M. Reviewer", "", "323-555-0150", Role.STAFF, True)
    assert change_refusal(3, ROSA, renamed, reviewing) is None, "staff still: they keep them"
    assert change_refusal(3, ROSA, to_inspector, Holdings(reviews=0)) is None
    assert holdings_words("Rosa", Holdings(reviews=1)) == "Rosa still has 1 open plan review."
    both = Holdings(1, date(2030, 1, 15), ("West",), 2)
    assert deactivation_refusal(3, INGRID, both).errors["deactivate"] == (
        "Ingrid Halvorsen still has 1 scheduled inspection (the first on Tuesday 15 January "
        "2030), is the inspector of district West and has 2 open plan reviews. Reassign them "
        "on the inspection board and in the plan review queue first, then deactivate the "
        "account.")
    # An inspector made staff leaves their inspections, not (they have none) reviews.
    to_staff = PersonForm("Ingrid Halvorsen", "", "323-555-0199", Role.STAFF, False)
    assert "in the plan review queue" not in change_refusal(3, INGRID, to_staff, both).errors[
        "role"]


def test_only_a_city_account_never_proved_by_a_link_sets_its_first_password():
    assert first_password(Role.STAFF, False) and first_password("inspector", False)
    assert not first_password(Role.STAFF, True), "set it once: this is a reset"
    assert not first_password(Role.CONTRACTOR, False), "registered with a password of its own"
