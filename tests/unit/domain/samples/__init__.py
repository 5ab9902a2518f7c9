"""Long lists of sample values the domain tests read, one a line ('#' lines are comments)."""
from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).parent


def sample(name: str) -> list[str]:
    """The values in ``name``.txt, in their order."""
    lines = (HERE / f"{name}.txt").read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line and not line.startswith("#")]
