"""Changing an account's e-mail address: the new one is proved by a link mailed to it first."""
from __future__ import annotations

from datetime import datetime, timedelta, tzinfo

from domain.dates import long_date
from domain.email_addresses import read_email
from domain.notifications import NoticeContext
from domain.outcomes import Accepted, Rejected

# The same words registration says (web/account/register.py): the change tells nobody more
# about which addresses have accounts than registering does, and it asks for a password.
TAKEN = "An account already uses this e-mail address."
SAME = "This is already your e-mail address: type the new one."
LINK_HOURS = 24
# A change link opened in a browser signed in as another account (a shared computer, a
# forwarded e-mail): that account is not the one changing, and is not led to think it was.
ANOTHER_ACCOUNT = ("This link is for another account than the one signed in here. Sign out "
                   "first, then open the link again.")
# The same address asked for again this soon is a second tap (or tab) of the form: its link
# was just sent, and is not sent twice.
ASKED_AGAIN = timedelta(minutes=2)


def read_new_email(typed: str, current: str) -> Accepted[str] | Rejected:
    """The new address, read as every typed address is, or why not (keyed "email")."""
    outcome = read_email(typed, "Enter your new e-mail address.")
    if isinstance(outcome, Rejected):
        return outcome
    if outcome.value == current:
        return Rejected({"email": SAME})
    return outcome


def asked_again(pending_email: str, asked_at: datetime, new_email: str, now: datetime
                ) -> bool:
    return pending_email == new_email and timedelta(0) <= now - asked_at <= ASKED_AGAIN


def masked(email: str) -> str:
    """``a•••@example.com``: the old address is told that a change was asked for and to which
    mailbox's domain, without handing the new address to whoever reads the old mailbox (a
    shared office inbox, or the account's new owner being the one it must not reach)."""
    local, _, domain = email.partition("@")
    return f"{local[:1]}\u2022\u2022\u2022@{domain}"


def change_waiting(new_email: str) -> str:
    """The account page while a change waits for its link to be opened."""
    return (f"We e-mailed a link to {new_email}. Your e-mail address changes to it when you "
            f"open the link, within {LINK_HOURS} hours; until then you sign in with your "
            "current address.")


def changed(new_email: str) -> str:
    return (f"Your e-mail address is now {new_email}: sign in with it from now on. Every "
            "other session was signed out.")


CANCELLED = "The e-mail address change is cancelled: the link we sent no longer works."


def _clock(moment: datetime) -> str:
    """"9:05 AM PST": the hour as people read it, with the zone's abbreviation."""
    return (f"{moment.hour % 12 or 12}:{moment.minute:02d} "
            f"{'AM' if moment.hour < 12 else 'PM'} {moment.tzname() or ''}").rstrip()


def changed_mail(new_email: str, at: datetime, zone: tzinfo, context: NoticeContext
                 ) -> tuple[str, str]:
    """The e-mail to the old address once the change is made: subject and body. Its mailbox
    was told when the change was asked; this says it is done, in case the first one was
    missed. The new address is masked, as then."""
    local = at.astimezone(zone)
    return "Your e-mail address was changed", (
        f"Hello,\n\nThe e-mail address of your account on {context.city_name}'s permit portal "
        f"was changed from this address to {masked(new_email)} on {long_date(local.date())} "
        f"at {_clock(local)}, by opening the link we sent to the new address. This address no "
        "longer signs in to the account.\n\n"
        "If it was you, there is nothing more to do.\n\n"
        "If it was not you, someone else may hold your account now: call "
        f"{context.help_phone} at once.\n\n"
        f"{context.city_name} Building and Safety\n{context.help_phone}\n")
