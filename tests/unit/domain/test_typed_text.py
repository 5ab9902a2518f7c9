"""A reason made only of what nobody can see is no reason (second reading of issue 15)."""
import pytest

from domain.outcomes import Rejected
from domain.permits import Status
from domain.staff_status import check_manual_change
from domain.typed_text import as_written


@pytest.mark.parametrize("typed", ["\x00\x01", " \u200b\u2060 ", "\u202e\u202c", "\ufe0f\r\n\t",
                                   "\x1b\x7f", "\u034f"])
def test_invisible_or_control_characters_alone_are_nothing_written(typed):
    assert as_written(typed) == ""


def test_what_was_written_is_kept_with_its_lines():
    assert as_written("  Work done\r\nwithout a permit.\x00 ") == "Work done\nwithout a permit."
    assert as_written("Demolition\u200b ordered") == "Demolition ordered"


def test_a_status_change_with_an_invisible_reason_is_refused_like_an_empty_one():
    refused = check_manual_change(Status.ISSUED, "Void", "\x00\x01")
    assert isinstance(refused, Rejected)
    assert refused.errors["reason"] == check_manual_change(Status.ISSUED, "Void", "").errors[
        "reason"]
