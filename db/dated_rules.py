"""Rules kept as one JSON file per effective date (fee schedules, scheduling policies)."""
from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")


def load_versions(directory: Path, parse: Callable[[Any], T], what: str) -> tuple[T, ...]:
    """Every version in ``directory``, oldest first."""
    versions = [parse(json.loads(path.read_text())) for path in sorted(directory.glob("*.json"))]
    if not versions:
        raise RuntimeError(f"no {what} in {directory}")
    return tuple(sorted(versions, key=lambda v: v.effective))
