"""The servers e2e journeys drive: the app under uvicorn on a free port over a seeded database at
the suite's moment, and an SMTP mailbox on loopback."""
from __future__ import annotations

import asyncio
import email
import email.policy
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from datetime import date
from pathlib import Path

from tests.factories import KNOWN_TODAY

ROOT = Path(__file__).resolve().parents[2]


DEMO_PERMITS = 300


SERVER_START_TIMEOUT_S = 20
TIMEOUT_MS = 10_000  # how long a journey waits for a page's change or an e-mail


# A process that reads the time runs at the suite's moment too.
AT_THE_MOMENT = [sys.executable, "-m", "tests.travel_clock"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def migrate(url: str) -> None:
    subprocess.run([*AT_THE_MOMENT, "web.commands.cli", "migrate"], cwd=ROOT, check=True,
                   env={**os.environ, "DATABASE_URL": url}, capture_output=True)


def seed(url: str) -> None:
    from db.accounts.license_import import import_licenses
    from db.engines import bind_tables, engine_for
    from tests.factories import (
        known_license_rows, seed_known, seed_scheduled_inspection, seed_waiting_applications,
    )
    from tests.unit.db.accounts.test_license_import import csv_lines

    bind_tables(engine_for(url))

    async def seed():
        ids = await seed_known()
        await seed_scheduled_inspection(ids["roof"], date(2030, 1, 15))
        await seed_waiting_applications()

    asyncio.run(seed())
    import_licenses(url, csv_lines(known_license_rows(KNOWN_TODAY)))


def build_database(directory: Path) -> tuple[str, str]:
    """Demo permits from 2014 to 2024 around the known 2025-2026 permits of tests/factories.py.

    Ending the demo's ten years in 2024 keeps its permit numbers (numbered per type and year)
    clear of the known ones; the known parcels sit in map book 9999, which the demo never uses.
    """
    from db.demo.load import load_demo

    url = f"sqlite:///{directory / 'permitline.sqlite3'}"
    migrate(url)
    load_demo(url, permits=DEMO_PERMITS, seed=7, progress=False, today=date(2024, 12, 31))
    seed(url)
    return url, f"{DEMO_PERMITS} demo permits (2014-2024) + known data"


def wait_until_live(process: subprocess.Popen, base_url: str, log: Path) -> None:
    deadline = time.monotonic() + SERVER_START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"uvicorn exited with {process.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(f"{base_url}/livez", timeout=1) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.05)  # poll interval, bounded by the deadline
    raise RuntimeError(f"uvicorn did not answer /livez within {SERVER_START_TIMEOUT_S} s:\n"
                       f"{log.read_text()}")


class Server:
    """The app under uvicorn on a port of its own; it can be killed and started again on the
    same port and database, as a crash and a restart would."""

    def __init__(self, base_url: str, log: Path, data: str, database_url: str,
                 environment: dict[str, str]) -> None:
        self.base_url = base_url
        self.log = log
        self.data = data
        self.database_url = database_url
        self.environment = environment
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        port = self.base_url.rsplit(":", 1)[1]
        with self.log.open("ab") as out:
            self.process = subprocess.Popen(
                [*AT_THE_MOMENT, "uvicorn", "web.app:create_app",
                 "--factory", "--host", "127.0.0.1", "--port", port, "--no-access-log"],
                cwd=ROOT, env=self.environment, stdout=out, stderr=subprocess.STDOUT,
            )
        wait_until_live(self.process, self.base_url, self.log)

    def kill(self) -> None:
        """SIGKILL: no shutdown, whatever was in flight is cut off."""
        self.process.kill()
        self.process.wait()

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def command(self, *args: str, stdin: str = "") -> None:
        """``permitline …`` against the server's database, as an administrator would."""
        subprocess.run([*AT_THE_MOMENT, "web.commands.cli", *args], cwd=ROOT, input=stdin,
                       text=True, env={**os.environ, "DATABASE_URL": self.database_url},
                       check=True, capture_output=True)

    def create_staff(self, email: str, password: str) -> None:
        self.command("user", "create", "--role", "staff", "--email", email, "--name",
                     "Dana Whitcombe", "--phone", "3235550101", "--supervisor",
                     stdin=password + "\n")

    def create_inspector(self, email: str, password: str, name: str,
                         district: str | None = None) -> None:
        """An inspector account; with ``district``, that district's new inspections go to it."""
        self.command("user", "create", "--role", "inspector", "--email", email, "--name", name,
                     "--phone", "3235550102", stdin=password + "\n")
        if district:
            self.command("district", district, "--inspector", email)

    def approve_as_staff(self, email: str) -> None:
        """What city staff do for a waiting applicant (``permitline user approve``)."""
        subprocess.run([*AT_THE_MOMENT, "web.commands.cli", "user", "approve", email], cwd=ROOT,
                       env={**os.environ, "DATABASE_URL": self.database_url},
                       capture_output=True)

    def log_size(self) -> int:
        return self.log.stat().st_size

    def log_since(self, offset: int) -> str:
        with self.log.open("rb") as f:
            f.seek(offset)
            return f.read().decode(errors="replace")


class Mailbox:
    """A real SMTP server (aiosmtpd) on loopback that the app sends its e-mail to."""

    def __init__(self) -> None:
        self.messages: list[email.message.Message] = []
        self._arrived = threading.Condition()
        self.port = 0

    async def handle_DATA(self, server, session, envelope):
        with self._arrived:
            self.messages.append(email.message_from_bytes(envelope.content,
                                                          policy=email.policy.default))
            self._arrived.notify_all()
        return "250 Message accepted for delivery"

    def wait_for(self, to: str, subject: str) -> email.message.Message:
        """The newest message to ``to`` whose subject starts with ``subject``, waiting for the
        SMTP server to receive it."""
        def found():
            return [m for m in self.messages if m["To"] == to and m["Subject"].startswith(subject)]

        with self._arrived:
            if not self._arrived.wait_for(found, timeout=TIMEOUT_MS / 1000):
                raise AssertionError(f"no e-mail “{subject}…” reached {to}")
            return found()[-1]

    def link_in(self, message: email.message.Message, path: str) -> str:
        found = re.search(r"https?://\S+?(" + re.escape(path) + r"\S+)",
                          message.get_body(("plain",)).get_content())
        assert found, f"no {path} link in the e-mail"
        return found[1]


def serving(directory: Path, url: str, data: str, mailbox: Mailbox) -> Server:
    """Starts the app on a free port against ``url``, e-mail going to ``mailbox``."""
    base_url = f"http://127.0.0.1:{free_port()}"
    environment = {
        **os.environ, "DATABASE_URL": url, "PERMITLINE_BASE_URL": base_url,
        "PERMITLINE_SMTP_URL": f"smtp://127.0.0.1:{mailbox.port}",
        # Plain http on 127.0.0.1: cookies without Secure (production keeps it on).
        "PERMITLINE_SECURE_COOKIES": "false",
        "PERMITLINE_UPLOAD_DIR": str(directory / "uploads"),
        "PERMITLINE_OPEN_DATA_DIR": str(directory / "open-data"),
    }
    server = Server(base_url, directory / "uvicorn.log", data, url, environment)
    server.start()
    SERVERS.append(server)
    return server


SERVERS: list[Server] = []


DATA: list[str] = []
