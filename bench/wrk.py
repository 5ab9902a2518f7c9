"""Run wrk over a list of paths and return its JSON summary (see paths.lua)."""
from __future__ import annotations

import json
import subprocess
import tempfile
from pathlib import Path

SCRIPT = Path(__file__).with_name("paths.lua")


def run_wrk(base: str, paths: list[str], *, connections: int = 16, seconds: int = 15,
            threads: int = 2, htmx: bool = False, headers: dict[str, str] | None = None) -> dict:
    """``headers`` go on every request (a signed-in session's Cookie)."""
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as handle:
        handle.write("\n".join(paths) + "\n")
    sent = [arg for name, value in (headers or {}).items() for arg in ("-H", f"{name}: {value}")]
    args = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s",
            *sent, "-s", str(SCRIPT), base, "--", handle.name, *(["htmx"] if htmx else [])]
    output = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    Path(handle.name).unlink()
    line = next(line for line in output.splitlines() if line.startswith("JSON "))
    return json.loads(line[5:])
