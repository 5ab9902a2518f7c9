"""The note an applicant reads once a colleague approved their account names the colleague."""
from domain.notices import approved_note


def test_a_colleagues_approval_names_them_and_their_address():
    assert approved_note("Ana", "ana@acme.example") == "Approved by Ana (ana@acme.example)."
