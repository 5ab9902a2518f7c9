"""Start the app (or the bare baseline) under uvicorn for a benchmark, and read its memory."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
UVICORN = [sys.executable, "-m", "uvicorn", "--no-access-log", "--log-level", "warning"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(base: str, deadline_s: float = 60) -> None:
    deadline = time.monotonic() + deadline_s
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{base}/livez", timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"server at {base} did not start")


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


@contextmanager
def serving(database_url: str | None = None, bare: bool = False, factory: str = "web.app",
            env: dict | None = None):
    """Yield (base_url, pid) of a one-worker uvicorn serving the app or the bare baseline."""
    port = free_port()
    target = ["bench.bare_app:app"] if bare else [f"{factory}:create_app", "--factory"]
    env = {**os.environ, **(env or {}),
           **({"DATABASE_URL": database_url} if database_url else {})}
    process = subprocess.Popen([*UVICORN, *target, "--port", str(port)], cwd=ROOT, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base)
        yield base, process.pid
    finally:
        process.terminate()
        process.wait(timeout=30)
