"""Which license classes may pull which permits: data the city edits (trade_classes.json)."""
from __future__ import annotations

import json
from functools import cache
from pathlib import Path

FILE = Path(__file__).with_name("trade_classes.json")


@cache
def trade_classes() -> dict[str, tuple[str, ...]]:
    data = json.loads(FILE.read_text())
    return {key: tuple(value) for key, value in data.items() if key != "note"}
