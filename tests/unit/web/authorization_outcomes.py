"""The authorization matrix's visitors, outcomes and rule (the rules: authorization_rules.py)."""
from __future__ import annotations

from dataclasses import dataclass, field

# "claimant" registered for contractor A's license but has not proved that it works there
# (issue 14 §2): it must fare exactly as another company's contractor (B) everywhere.
ACTORS = ("anonymous", "contractor_a", "contractor_b", "claimant", "owner_builder", "inspector",
          "staff")
SIGNED_IN = ACTORS[1:]
OK, SIGN_IN, NOT_FOUND, INVALID, FORBIDDEN = "ok", "sign-in", "not found", "invalid", "forbidden"


@dataclass(frozen=True)
class Rule:
    method: str
    path: str
    expect: dict[str, str]
    data: dict = field(default_factory=dict)
    # Who may see an inspector's notes kept for the city (tests.factories.PRIVATE_NOTE).
    sees_inspector_notes: frozenset[str] = frozenset()
    # Who may see people's phone numbers and e-mail addresses (staff deciding on applicants).
    sees_contacts: frozenset[str] = frozenset()


def everyone(outcome: str) -> dict[str, str]:
    return dict.fromkeys(ACTORS, outcome)


def signed_in(outcome: str) -> dict[str, str]:
    return {"anonymous": SIGN_IN, **dict.fromkeys(SIGNED_IN, outcome)}


def contractors(outcome: str) -> dict[str, str]:
    return {**signed_in(FORBIDDEN), "contractor_a": outcome, "contractor_b": outcome,
            "claimant": outcome}


def applicants(outcome: str) -> dict[str, str]:
    return {**signed_in(outcome), "inspector": FORBIDDEN, "staff": FORBIDDEN}


def staff_only(outcome: str) -> dict[str, str]:
    return {**signed_in(FORBIDDEN), "staff": outcome}


def field_staff(outcome: str) -> dict[str, str]:
    return {**signed_in(FORBIDDEN), "inspector": outcome, "staff": outcome}


def owner_only() -> dict[str, str]:
    """A draft of contractor A's: anyone else learns nothing (404)."""
    return {**applicants(NOT_FOUND), "contractor_a": OK}


BAD_TOKEN = "not-a-real-token-000000000000000000000000000"
