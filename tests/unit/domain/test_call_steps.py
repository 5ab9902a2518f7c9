"""Which request of a call the phone line answers, answers again, asks to wait, or refuses."""
from datetime import datetime, timedelta, timezone

from domain.call_steps import (
    ABANDONED, ANSWERED, ENDED, OUT_OF_ORDER, UNKNOWN, CallRecord, Refuse, Replay, Take, Wait,
    admit, resume, step_number,
)

NOW = datetime(2026, 12, 1, 18, 0, tzinfo=timezone.utc)


def at_pin(**changes) -> CallRecord:
    """A call whose step 4 (the PIN question) is next; step 3 was answered "<twiml 3>"."""
    return CallRecord(**{"seq": 4, "step": "pin", "ended": False, "fingerprint": "f3",
                         "answer": "<twiml 3>", **changes})


def test_only_the_step_the_call_is_at_with_its_number_is_answered():
    assert admit(at_pin(), "pin", 4, "f4", NOW) == Take()
    assert admit(at_pin(), "pin", 5, "f4", NOW) == Refuse(OUT_OF_ORDER)
    assert admit(at_pin(), "date", 4, "f4", NOW) == Refuse(OUT_OF_ORDER)
    assert admit(at_pin(), "menu", 2, "f2", NOW) == Refuse(OUT_OF_ORDER), "a captured step"
    assert admit(at_pin(), "voice", 0, "f0", NOW) == Refuse(OUT_OF_ORDER), "a call started again"


def test_a_call_starts_only_at_its_first_step():
    assert admit(None, "voice", 0, "f0", NOW) == Take()
    assert admit(None, "menu", 1, "f1", NOW) == Refuse(UNKNOWN)
    assert resume(None, 1, NOW) == Refuse(UNKNOWN)


def test_the_last_step_sent_again_gets_the_same_answer_and_a_different_one_is_refused():
    assert admit(at_pin(), "permit", 3, "f3", NOW) == Replay("<twiml 3>")
    assert admit(at_pin(), "permit", 3, "other digits", NOW) == Refuse(ANSWERED)
    assert admit(at_pin(ended=True), "permit", 3, "f3", NOW) == Replay("<twiml 3>"), (
        "the retry of a goodbye")


def test_a_step_still_being_answered_makes_its_retry_wait_until_it_was_cut_off():
    busy = at_pin(fingerprint="f4", answer="", in_flight_since=NOW)
    assert admit(busy, "pin", 4, "f4", NOW + timedelta(seconds=14)) == Wait()
    assert admit(busy, "pin", 4, "another PIN", NOW) == Refuse(ANSWERED)
    assert admit(busy, "pin", 4, "f4", NOW + ABANDONED) == Take()
    assert admit(busy, "pin", 4, "another PIN", NOW + ABANDONED) == Take(), "asked afresh"
    assert admit(busy, "date", 4, "f4", NOW + ABANDONED) == Refuse(OUT_OF_ORDER)
    assert resume(busy, 4, NOW + timedelta(seconds=5)) == Wait()
    assert resume(busy, 4, NOW + ABANDONED) == Take(), "asked again"
    assert resume(at_pin(seq=5, fingerprint="f4", answer="<twiml 4>"), 4, NOW) == Replay(
        "<twiml 4>")
    assert resume(at_pin(answer=""), 4, NOW) == Take(), "the attempt failed and let go"
    assert resume(at_pin(), 7, NOW) == Refuse(OUT_OF_ORDER)


def test_an_ended_call_answers_nothing_new():
    ended = at_pin(ended=True)
    assert admit(ended, "pin", 4, "f4", NOW) == Refuse(ENDED)
    assert resume(ended, 4, NOW) == Refuse(ENDED)
    busy = at_pin(ended=True, answer="", fingerprint="f4", in_flight_since=NOW)
    assert admit(busy, "pin", 4, "f4", NOW + ABANDONED) == Refuse(ENDED)


def test_a_step_number_is_a_small_plain_number_or_fits_no_call():
    assert step_number("12") == 12
    for text in ("", "-1", "1e3", "١٢", "１２", "9" * 7, "12 "):
        assert step_number(text) == -1, text
