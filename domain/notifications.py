"""What a permit's followers and contractor are told when its status changes."""
from __future__ import annotations

from dataclasses import dataclass

from domain.permits import STATUS_EXPLANATIONS, Status


@dataclass(frozen=True)
class NoticeContext:
    """Where the notice points and who sends it (settings, passed in by the caller)."""
    city_name: str
    base_url: str


def status_notice(number: str, from_status: Status, to_status: Status, context: NoticeContext
                  ) -> tuple[str, str]:
    """The subject and plain-text body of a status-change e-mail."""
    subject = f"Permit {number} is now {to_status.value}"
    body = (
        f"Permit {number} changed from {from_status.value} to {to_status.value}.\n\n"
        f"{STATUS_EXPLANATIONS[to_status]}\n\n"
        f"See the permit: {context.base_url}/permits/{number}\n\n"
        f"You receive this because you follow this permit or hold its contractor's license "
        f"on {context.city_name}'s permit portal. Unfollow it on My Dashboard: "
        f"{context.base_url}/dashboard\n"
    )
    return subject, body
