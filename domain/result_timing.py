"""When a result may be recorded, and the time it is credited with (issue 14 §6)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from domain.outcomes import Accepted, Rejected

# Phones take their time from the network and differ from the server by seconds; five minutes
# also covers a phone set by hand or a slow network fix. A stamp further ahead cannot be the
# time the result was entered, so it is refused rather than trusted (or silently replaced).
CLOCK_SKEW = timedelta(minutes=5)
# "2026-12-01T18:04:05.123Z" is 24 characters; with an offset and microseconds, 32.
STAMP_LIMIT = 40
# Entries wait on the phone until they are sent, but not for years: an older stamp is a wrong
# clock (and one near year 1 cannot even be read on the city's wall clock).
OLDEST = timedelta(days=366)


@dataclass(frozen=True)
class CityTime:
    """The moment a request reached the server, read on the city's wall clock."""
    now: datetime
    zone: tzinfo

    @property
    def today(self) -> date:
        return self.day_of(self.now)

    def day_of(self, moment: datetime) -> date:
        return moment.astimezone(self.zone).date()


def written(day: date) -> str:
    """"Monday 7 December 2026": dates written out (DESIGN §2b)."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def device_moment(stamp: str) -> datetime | None:
    """A time a phone's script wrote: ISO 8601 with its UTC offset, at most STAMP_LIMIT
    characters; None otherwise (the one reader of a result's, a tap's and a photo's stamp)."""
    text = stamp.strip()
    if not 0 < len(text) <= STAMP_LIMIT:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def clock_problem(moment: datetime, received: datetime) -> str | None:
    """"ahead" when a phone's time is later than its receipt by more than CLOCK_SKEW, "old"
    when over a year before it (a wrong clock either way), None when it can be believed."""
    if moment > received + CLOCK_SKEW:
        return "ahead"
    return "old" if moment < received - OLDEST else None


def entry_time(stamp: str, received: datetime) -> Accepted[datetime] | Rejected:
    """When the inspector entered the result: the device's stamp (ISO 8601 with an offset,
    made when the form was submitted, kept while the entry waits offline), or the receipt
    time when there is none (a form posted without JavaScript is entered as it arrives). It
    is never later than its receipt: a stamp within CLOCK_SKEW ahead is the receipt time."""
    if not stamp.strip():
        return Accepted(received)
    moment = device_moment(stamp)
    if moment is None:
        return Rejected({"result": "The time this result was entered could not be read. "
                                   "Record it again."})
    problem = clock_problem(moment, received)
    if problem == "ahead":
        return Rejected({"result": "This phone's clock is ahead of the city's time. Set the "
                                   "phone's date and time, then record the result again."})
    if problem == "old":
        return Rejected({"result": "This phone's clock says the result was entered more than a "
                                   "year ago. Set the phone's date and time, then record the "
                                   "result again."})
    return Accepted(min(moment, received))


def not_yet(day: date | None, today: date) -> str | None:
    """Why a result cannot be recorded today, or None: only on or after the inspection's day
    in the city (the next working day's stops are saved on the phone; one wrong tap must not
    final a permit for an inspection that has not happened)."""
    if day is not None and today < day:
        return (f"This inspection is on {written(day)}: its result can be recorded from that "
                "day.")
    return None


def entered_too_early(day: date | None, entered_on: date) -> str | None:
    """A result entered before the inspection's day (on a phone whose clock is wrong, or
    queued offline the day before and sent on the day) is not a result of that inspection."""
    if day is not None and entered_on < day:
        return (f"This result was entered on {written(entered_on)}, before the inspection's "
                f"day ({written(day)}). Check the phone's date and time, and record it on the "
                "day of the inspection.")
    return None


def clock_text(moment: datetime, zone: tzinfo) -> str:
    """"Tuesday 1 December 2026, 4:50 PM PST": a moment on the city's wall clock, as the
    audit trail keeps it."""
    local = moment.astimezone(zone)
    return f"{written(local.date())}, {local:%-I:%M %p} {local.tzname()}"
