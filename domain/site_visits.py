"""When an inspector arrived at a stop's site and left it (issue 17 §3): each tap of "Arrived" or
"Left" checked against the other and the inspection's day, the taps a phone kept offline read
from what it sends, and the line a stop shows."""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, tzinfo

from domain.inspection_types import CANCELLED
from domain.numbers import id_or_none
from domain.outcomes import Accepted, Rejected
from domain.result_timing import STAMP_LIMIT, clock_problem, device_moment, written

ARRIVED, LEFT = "arrived", "left"
EVENTS = (ARRIVED, LEFT)
# Taps read from one sync: a phone sends what it kept in batches of this many at most (two
# taps a stop, pressed again at most a few times).
MOST_TAPS = 60


@dataclass(frozen=True)
class Visit:
    arrived_at: datetime | None = None
    left_at: datetime | None = None


@dataclass(frozen=True)
class Tap:
    """A tap kept on the phone while offline: which stop, which button, and the phone's time
    of it, not yet read."""
    inspection_id: int
    event: str
    stamp: str


def clock(moment: datetime, zone: tzinfo) -> str:
    """"9:42 am": a time of the inspection's day on the city's wall clock."""
    local = moment.astimezone(zone)
    return f"{local:%-I:%M} {'am' if local.hour < 12 else 'pm'}"


def visit_line(arrived_at: datetime | None, left_at: datetime | None, zone: tzinfo) -> str:
    """"Arrived 9:42 am · Left 10:05 am"; "" when neither was recorded."""
    parts = [f"{label} {clock(moment, zone)}" for label, moment in
             (("Arrived", arrived_at), ("Left", left_at)) if moment is not None]
    return " · ".join(parts)


def recorder_refusal(assigned_id: int | None, account_id: int, staff: bool) -> str | None:
    """Why this account may not record a stop's arrival and leaving, or None: the inspector
    it is assigned to records them, and city staff may."""
    if staff or (assigned_id is not None and assigned_id == account_id):
        return None
    return ("Only the inspector this inspection is assigned to, or city staff, can record when "
            "they arrived and left.")


def tapped(visit: Visit, event: str, at: datetime, day: date | None, status: str,
           zone: tzinfo) -> Accepted[Visit] | Rejected:
    """The visit after a tap at ``at``. Pressing again updates the time; arriving again after
    leaving starts the visit over (the inspector came back); leaving needs an arrival before it.
    Only on the inspection's day in the city, and never for a cancelled inspection."""
    if event not in EVENTS:
        return Rejected({"visit": "Press Arrived when you reach the site, Left when you go."})
    if status == CANCELLED:
        return Rejected({"visit": "This inspection was cancelled: no arrival or leaving time "
                                  "is recorded for it."})
    if day is None or at.astimezone(zone).date() != day:
        when = f"on {written(day)}" if day else "not on any day yet"
        return Rejected({"visit": f"This inspection is {when}: arrival and leaving times are "
                                  "recorded on its day."})
    if event == ARRIVED:
        left = visit.left_at if visit.left_at is not None and visit.left_at >= at else None
        return Accepted(Visit(at, left))
    if visit.arrived_at is None:
        return Rejected({"visit": "Press Arrived when you reach the site: leaving is recorded "
                                  "after arriving."})
    if at < visit.arrived_at:
        return Rejected({"visit": f"Left at {clock(at, zone)} is before the arrival at "
                                  f"{clock(visit.arrived_at, zone)}, so it was not recorded. "
                                  "Check the phone's time."})
    return Accepted(Visit(visit.arrived_at, at))


# Why a tap's phone time is not taken, by what is wrong with it (tap_time).
TAP_TIME_PROBLEMS = {
    "unreadable": "The time of this tap could not be read: press the button again.",
    "ahead": "This phone's clock is ahead of the city's time. Set the phone's date and time, "
             "then press the button again.",
    "old": "This phone's clock says the button was pressed more than a year ago. Set the "
           "phone's date and time.",
}


def tap_time(stamp: str, received: datetime) -> Accepted[datetime] | Rejected:
    """The phone's time of a tap kept offline, bounded as a result's entry time is
    (domain/result_timing.py): never after it reached the server, a little ahead allowed for
    the phone's clock, nothing from a year before."""
    moment = device_moment(stamp)
    problem = "unreadable" if moment is None else clock_problem(moment, received)
    if problem:
        return Rejected({"visit": TAP_TIME_PROBLEMS[problem]})
    return Accepted(min(moment, received))


def sent_taps(text: str) -> list[Tap]:
    """The taps a phone sent (a JSON list of {"inspection", "event", "at"}), at most
    MOST_TAPS, in the order pressed as sent; what is not a tap is left out."""
    try:
        value = json.loads(text) if text else []
    except (ValueError, RecursionError):  # RecursionError: [[[… nested a thousand deep
        return []
    taps = []
    for item in value[:MOST_TAPS] if isinstance(value, list) else []:
        if not isinstance(item, dict):
            continue
        inspection_id = id_or_none(str(item.get("inspection", "")))
        event, at = item.get("event"), item.get("at")
        if inspection_id and event in EVENTS and isinstance(at, str):
            taps.append(Tap(inspection_id, event, at[:STAMP_LIMIT + 1]))
    return taps


GONE = "This inspection is no longer on the city's records: its time was not recorded."
