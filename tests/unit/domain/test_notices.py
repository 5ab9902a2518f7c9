"""What an applicant is told of a decision on their account."""
from domain.notices import approved_note, staff_decision_mail


def test_a_colleagues_approval_names_them_and_their_address():
    assert approved_note("Ana", "ana@acme.example") == "Approved by Ana (ana@acme.example)."


def test_staff_decision_mail_gives_the_way_in_or_the_reason_and_whom_to_call():
    assert staff_decision_mail(True, "", "West Hollywood", "https://p.test", "323-848-6475") == (
        "Your account was approved",
        "Your account on West Hollywood's permit portal was approved. Sign in at "
        "https://p.test/sign-in.\n")
    assert staff_decision_mail(False, "Not the owner", "West Hollywood", "https://p.test",
                               "323-848-6475") == (
        "Your account was not approved",
        "Your account on West Hollywood's permit portal was not approved. The reason city "
        "staff gave: \u201cNot the owner\u201d\n\nCall 323-848-6475 with questions.\n")
