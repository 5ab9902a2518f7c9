"""The CSLB's status words are said in plain language (issue 14 §10)."""
from __future__ import annotations

import pytest

from domain.license_status import is_good_standing, status_label, status_sentence


@pytest.mark.parametrize("status, label", [
    ("CLEAR", "Current and active"),
    ("Work Comp Susp", "Suspended: no workers' compensation on file"),
    ("Contr Bond Susp", "Suspended: no contractor's bond on file"),
    ("Liab Ins Susp", "Suspended: no liability insurance on file"),
    ("Judgement Susp", "Suspended: a court judgment is unpaid"),
    ("JUDGMENT  SUSP", "Suspended: a court judgment is unpaid"),
    ("Revoked", "Revoked by the state"),
    ("Some New Susp", "Suspended by the state"),
    ("Whatever Else", "Not active"),
])
def test_every_status_word_has_a_plain_label_and_unknown_ones_a_safe_one(status, label):
    assert status_label(status) == label


@pytest.mark.parametrize("status", ["Work Comp Susp", "Contr Bond Susp", "Liab Ins Susp",
                                    "Judgement Susp", "Citation Susp", "Revoked", "Inactive",
                                    "Odd Value"])
def test_a_refusal_explains_the_status_without_repeating_the_state_s_abbreviation(status):
    sentence = status_sentence("1012345", status)
    assert sentence.startswith("License 1012345 may not be used for permits now: ")
    assert status not in sentence and "Susp" not in sentence
    assert "800-321-2752" in sentence


def test_only_clear_is_good_standing():
    assert is_good_standing(" clear ") and not is_good_standing("Work Comp Susp")
