"""A phone call's steps: which request the line answers, answers again, or refuses.

Every answer names the next step and its number (``/ivr/pin?n=4``). The provider signs that
URL, so a request captured from a call carries the number of the step it answered: played
again later it no longer fits the call, and the line refuses it instead of booking again
(issue 14 §5). A provider that timed out and sends the same request again gets the answer
already given, or "one moment" while the first attempt is still being answered, because a
real caller is waiting on the line (Twilio gives up after 15 seconds and may retry).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

FIRST_STEP = "voice"  # the number's "A call comes in" webhook, step 0
# An attempt still unanswered after this was cut off (a killed server): the step may be
# answered again. Twilio's whole budget for one request is 15 seconds.
ABANDONED = timedelta(seconds=30)
# Twilio's final call statuses (its status callback says which one).
FINAL_STATUSES = frozenset({"completed", "busy", "failed", "no-answer", "canceled"})


@dataclass(frozen=True)
class CallRecord:
    """What the line knows of a call when a request arrives."""
    seq: int  # the number the next step must carry
    step: str  # the question the call is at
    ended: bool
    # The step being answered (number ``seq``) or the last one answered (``seq - 1``).
    fingerprint: str = ""
    answer: str = ""  # the last answer given, TwiML
    in_flight_since: datetime | None = None

    def taken(self, seq: int) -> "StepRecord | None":
        """The record of step ``seq``, if it is being answered or was the last answered."""
        if self.in_flight_since is not None and seq == self.seq:
            return StepRecord(self.fingerprint, "", self.in_flight_since)
        if self.in_flight_since is None and self.answer and seq == self.seq - 1:
            return StepRecord(self.fingerprint, self.answer, None)
        return None


@dataclass(frozen=True)
class StepRecord:
    fingerprint: str
    answer: str  # "" while it is being answered
    started_at: datetime | None


@dataclass(frozen=True)
class Take:
    """Answer the step (and, for a new call, start it)."""


@dataclass(frozen=True)
class Replay:
    """The same request again (a provider's retry): the same answer, nothing done twice."""
    answer: str


@dataclass(frozen=True)
class Wait:
    """The same request is still being answered: the caller hears "one moment"."""


@dataclass(frozen=True)
class Refuse:
    reason: str


ENDED = "This call has ended."
UNKNOWN = "The line has no such call."
OUT_OF_ORDER = "That step does not follow from where the call is."
ANSWERED = "That step of the call was already answered differently."


def admit(call: CallRecord | None, step: str, seq: int, fingerprint: str, now: datetime
          ) -> Take | Replay | Wait | Refuse:
    """Decide what to do with a request for ``step`` number ``seq``."""
    if call is None:
        return Take() if step == FIRST_STEP and seq == 0 else Refuse(UNKNOWN)
    taken = call.taken(seq)
    if taken is not None and taken.answer:
        return Replay(taken.answer) if taken.fingerprint == fingerprint else Refuse(ANSWERED)
    if taken is not None and now - taken.started_at < ABANDONED:
        return Wait() if taken.fingerprint == fingerprint else Refuse(ANSWERED)
    if call.ended:
        return Refuse(ENDED)
    if seq != call.seq or step != call.step:
        return Refuse(OUT_OF_ORDER)
    return Take()


def resume(call: CallRecord | None, seq: int, now: datetime) -> Replay | Wait | Take | Refuse:
    """After "one moment": the answer of step ``seq`` once given; Wait while it is being
    answered; Take when that attempt was cut off or failed (the caller is asked the question
    again)."""
    if call is None:
        return Refuse(UNKNOWN)
    taken = call.taken(seq)
    if taken is not None and taken.answer:
        return Replay(taken.answer)
    if call.ended:
        return Refuse(ENDED)
    if taken is not None:
        return Take() if now - taken.started_at >= ABANDONED else Wait()
    return Take() if seq == call.seq else Refuse(OUT_OF_ORDER)


def step_number(text: str) -> int:
    """The ``n`` of an action URL; -1 (fits no call) when it is not a small number."""
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 6 else -1
