"""The claim letter's rules: codes, tries, expiry, new letters, and what the dashboard says."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from domain.claim_letters import (
    CODE_ALPHABET, MAX_TRIES, JoinRoute, Letter, LetterFacts, LetterStatus, code_refusal,
    ended_by_colleague, format_code, guidance, how_to_join, letter_paragraphs, may_request_letter,
    normalize_code, wrong_code,
)
from domain.outcomes import Accepted, Rejected

LA = ZoneInfo("America/Los_Angeles")
ASKED = datetime(2026, 12, 4, 17, 0, tzinfo=timezone.utc)  # Friday 4 December, 9 am
PRINTED = ASKED + timedelta(days=3)
ADDRESS = ("LEDGER ROOFING INC", "41 LEDGER LANE", "PASADENA, CA 91101")


def letter(status=LetterStatus.MAILED, tries=0, printed=PRINTED) -> Letter:
    mailed = status is not LetterStatus.WAITING
    return Letter(1, status, ASKED, printed if mailed else None,
                  printed + timedelta(days=30) if mailed else None, tries, ADDRESS)


def test_codes_are_read_as_printed_whatever_the_case_spaces_or_hyphens():
    assert normalize_code(" 7kqm-2xpd 9hrt ") == "7KQM2XPD9HRT"
    assert format_code("7KQM2XPD9HRT") == "7KQM-2XPD-9HRT"
    for slip in ("7KQM-2XPD-9HR", "7KQM-2XPD-9HRTT", "0KQM-2XPD-9HRT", "IKQM-2XPD-9HRT", "",
                 "7KQM" + " " * 20 + "2XPD9HRT"):
        assert normalize_code(slip) is None
    assert not set("01IOL") & set(CODE_ALPHABET)


def test_the_first_account_joins_by_letter_later_ones_by_a_colleague_others_by_staff():
    assert how_to_join(True, True, 0) is JoinRoute.LETTER
    assert how_to_join(True, True, 2) is JoinRoute.COLLEAGUE
    assert how_to_join(True, False, 0) is JoinRoute.STAFF
    assert how_to_join(False, False, 0) is JoinRoute.DOCUMENTS


def test_a_code_works_for_thirty_days_by_the_clock_it_is_given():
    mailed = letter()
    assert code_refusal(mailed, PRINTED + timedelta(days=29, hours=23), LA) is None
    expired = code_refusal(mailed, PRINTED + timedelta(days=30), LA)
    assert expired == ("The code mailed on Monday 7 December 2026 expired on Wednesday 6 "
                       "January 2027. Ask for a new letter below.")


def test_no_code_can_be_entered_before_printing_after_locking_or_without_a_letter():
    assert "not been printed yet" in code_refusal(letter(LetterStatus.WAITING), ASKED, LA)
    assert "no longer works" in code_refusal(letter(LetterStatus.LOCKED), PRINTED, LA)
    assert "No letter" in code_refusal(None, PRINTED, LA)
    cancelled = code_refusal(letter(LetterStatus.CANCELLED), PRINTED, LA)
    assert "the letter was cancelled" in cancelled and "See what to do above" in cancelled
    assert "below" not in code_refusal(None, PRINTED, LA), "no button is promised below"


def test_each_wrong_code_says_how_many_tries_are_left_and_the_last_says_so():
    assert wrong_code(1) == "That code is not right. Check it against the letter: 4 tries left."
    assert wrong_code(MAX_TRIES - 1).endswith("1 try left.")
    assert "last try" in wrong_code(MAX_TRIES)


def test_a_new_letter_may_be_asked_for_after_ten_days_or_once_the_code_expired():
    mailed = letter()
    too_soon = may_request_letter(JoinRoute.LETTER, mailed, ASKED + timedelta(days=9), LA)
    assert too_soon == Rejected({"letter": "Letters take a few days to arrive. You can ask "
                                           "for a new one from Monday 14 December 2026."})
    assert may_request_letter(JoinRoute.LETTER, mailed, ASKED + timedelta(days=10), LA) == \
        Accepted(None)
    locked = letter(LetterStatus.LOCKED, MAX_TRIES)
    assert isinstance(may_request_letter(JoinRoute.LETTER, locked, PRINTED, LA), Rejected)
    assert may_request_letter(JoinRoute.LETTER, None, ASKED, LA) == Accepted(None)
    waiting = may_request_letter(JoinRoute.LETTER, letter(LetterStatus.WAITING), ASKED, LA)
    assert "already waiting" in waiting.errors["letter"]
    assert isinstance(may_request_letter(JoinRoute.COLLEAGUE, None, ASKED, LA), Rejected)


def test_the_dashboard_says_what_is_pending_and_what_to_do_at_each_step():
    phone = "(323) 848-6475"
    waiting = guidance(JoinRoute.LETTER, "3012345", letter(LetterStatus.WAITING), ASKED, LA,
                       phone)
    assert waiting.headline == ("Your account is pending: it is not yet linked to license "
                                "3012345.")
    assert "LEDGER ROOFING INC, 41 LEDGER LANE, PASADENA, CA 91101" in waiting.steps[0]
    assert not waiting.code_form and not waiting.letter_button
    assert "City staff print letters every working day" in waiting.steps[0]
    dated = guidance(JoinRoute.LETTER, "3012345", letter(LetterStatus.WAITING), ASKED, LA,
                     phone, print_by=PRINTED.date())
    assert "It will be printed by Monday 7 December 2026" in dated.steps[0]
    assert phone in waiting.steps[-1]
    mailed = guidance(JoinRoute.LETTER, "3012345", letter(tries=2), PRINTED, LA, phone)
    assert mailed.code_form and "3 tries left" in mailed.steps[0]
    assert "before Wednesday 6 January 2027" in mailed.steps[0]
    colleague = guidance(JoinRoute.COLLEAGUE, "3012345", None, ASKED, LA, phone)
    assert "A colleague already registered for this license" in colleague.steps[0]
    assert not colleague.code_form and not colleague.letter_button
    expired = guidance(JoinRoute.LETTER, "3012345", letter(), PRINTED + timedelta(days=31), LA,
                       phone)
    assert "expired on" in expired.steps[0] and expired.letter_button
    staff = guidance(JoinRoute.STAFF, "3012345", None, ASKED, LA, phone)
    assert "no mailing address" in staff.steps[0] and "pending" in staff.headline
    documents = guidance(JoinRoute.DOCUMENTS, "3012345", None, ASKED, LA, phone)
    assert "not in the state license data" in documents.steps[0]
    assert "documents you uploaded" in documents.steps[0] and "mailing" not in str(documents)


def test_the_letter_quotes_the_name_as_typed_and_says_what_to_do_if_nobody_asked():
    facts = LetterFacts("3012345", ADDRESS, "Sam Stranger", "sam@example.com", ASKED, PRINTED,
                        PRINTED + timedelta(days=30), "7KQM2XPD9HRT")
    subject, paragraphs = letter_paragraphs(facts, "City of West Hollywood",
                                            "https://permits.example/dashboard",
                                            "(323) 848-6475", LA)
    text = "\n".join(paragraphs)
    assert subject == "Your code to link an account to contractor's license 3012345"
    assert "gave the name \u201cSam Stranger\u201d" in text and "not checked the name" in text
    assert "CODE: 7KQM-2XPD-9HRT" in paragraphs
    assert "until Wednesday 6 January 2027" in text
    assert "If nobody at your company asked for this, do not share the code" in text


def test_the_audit_log_says_a_license_s_other_letters_ended_because_a_colleague_holds_it():
    assert ended_by_colleague(7) == "account 7 now holds the license"


def test_the_mailed_letter_s_step_says_one_try_or_several_tries_left():
    def first_step(tries: int) -> str:
        return guidance(JoinRoute.LETTER, "3012345", letter(tries=tries), PRINTED, LA,
                        "(323) 848-6475").steps[0]
    mailed = ("A letter with a one-time code was mailed on Monday 7 December 2026 to LEDGER "
              "ROOFING INC, 41 LEDGER LANE, PASADENA, CA 91101. Enter the code before Wednesday "
              "6 January 2027; ")
    assert first_step(MAX_TRIES - 1) == mailed + "1 try left."
    assert first_step(MAX_TRIES - 2) == mailed + "2 tries left."
    assert wrong_code(MAX_TRIES - 1) == (
        "That code is not right. Check it against the letter: 1 try left.")
