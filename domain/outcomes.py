"""Return values for expected outcomes of a decision, instead of exceptions."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Accepted(Generic[T]):
    value: T


@dataclass(frozen=True)
class Rejected:
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def message(self) -> str:
        return " ".join(self.errors.values())
