"""The ``permitline import-cslb`` and ``permitline user`` commands, and the demo's accounts."""
from __future__ import annotations

import asyncio
import getpass
import os
import sys
from datetime import date, datetime, timezone
from typing import Iterator

from db.database import connected
from domain.accounts import Role, check_contact
from domain.outcomes import Rejected
from domain.passwords import check_new_password


def import_cslb(database_url: str, path: str) -> None:
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeElapsedColumn

    from db.accounts.license_import import NotALicenseFile, import_licenses

    try:
        size = os.path.getsize(path)
        with open(path, "rb") as file, Progress(
                TextColumn("{task.description}"), BarColumn(), DownloadColumn(),
                TimeElapsedColumn()) as bar:
            task = bar.add_task("Importing licenses", total=size)
            summary = import_licenses(database_url, _decoded_lines(file),
                                      advance=lambda rows: bar.update(task, completed=file.tell()))
            bar.update(task, completed=size)
    except (OSError, NotALicenseFile, ValueError) as error:
        sys.exit(f"Cannot import {path}: {error}")
    for line, reason in summary.bad_rows:
        print(f"{path}:{line}: skipped: {reason}", file=sys.stderr)
    print(f"Read {summary.read:,} rows in {summary.seconds:.1f} s: {summary.inserted:,} new, "
          f"{summary.updated:,} updated, {summary.unchanged:,} unchanged, "
          f"{len(summary.bad_rows):,} skipped.")


def _decoded_lines(file) -> Iterator[str]:
    """Text lines of a binary file, so the progress bar can ask the file for its position."""
    for number, line in enumerate(file):
        yield line.decode("utf-8-sig" if number == 0 else "utf-8", errors="replace")


def _read_password() -> str:
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("Password: ")
    if getpass.getpass("Repeat the password: ") != first:
        sys.exit("The passwords differ.")
    return first


def create_user(database_url: str, role: str, email: str, name: str, phone: str,
                supervisor: bool) -> None:
    """Staff and inspectors: created here by an administrator, never by self-registration."""
    from db.accounts import accounts, passwords
    from web.forms import common_passwords

    contact = check_contact({"name": name, "email": email, "phone": phone})
    if isinstance(contact, Rejected):
        sys.exit("\n".join(contact.errors.values()))
    clean = contact.value
    password = check_new_password(_read_password(), email=clean["email"],
                                  common=common_passwords())
    if isinstance(password, Rejected):
        sys.exit(password.message)

    async def create() -> int:
        async with connected(database_url) as database:
            now = datetime.now(timezone.utc)
            return await accounts.create_account(
                database, email=clean["email"],
                password_hash=await passwords.hash_password(password.value), name=clean["name"],
                phone=clean["phone"], role=Role(role), supervisor=supervisor and role == Role.STAFF,
                email_verified_at=now, now=now)

    try:
        account_id = asyncio.run(create())
    except accounts.EmailTaken:
        sys.exit(f"An account already uses {clean['email']}.")
    print(f"Created {Role(role).label.lower()} account {account_id} for {clean['email']}"
          + (" (supervisor)" if supervisor and role == Role.STAFF else "") + ".")


def demo_accounts(database_url: str, seed: int, today: date) -> None:
    """Demo mode only: a synthetic license file imported once, then one login per role."""
    from db.accounts.license_import import import_licenses
    from db.demo.accounts import DEMO_PASSWORD, create_demo_accounts
    from db.demo.licenses import demo_license_rows, write_license_file
    from db.engines import fetch_rows

    if fetch_rows(database_url, "SELECT count(*) FROM contractor_license")[0][0] == 0:
        path = os.path.join("var", "cslb-demo-license-master.csv")
        os.makedirs("var", exist_ok=True)
        write_license_file(path, demo_license_rows(5_000, seed=seed, today=today))
        with open(path, encoding="utf-8") as file:
            summary = import_licenses(database_url, file)
        print(f"Imported {summary.inserted:,} synthetic CSLB licenses from {path}.")

    async def create():
        async with connected(database_url) as database:
            return await create_demo_accounts(database, seed)

    logins = asyncio.run(create())
    print(f"\nDemo sign-ins (password for all: {DEMO_PASSWORD}):")
    for login in logins:
        print(f"  {login.role:<14} {login.email:<30} {login.note}")
    print("Demo mailbox (links from e-mails): /demo/mail\n")


def decide(database_url: str, email: str, approve: bool, reason: str) -> None:
    """Approve or reject a pending account from the shell, as the staff page does."""
    from db.accounts import decisions
    from domain.accounts import decision_reason, decision_reason_problem, normalize_email
    from web.emails import decision_message
    from web.settings import load_settings

    settings = load_settings()
    email = normalize_email(email)
    reason = decision_reason(reason)  # as the staff page takes it
    if not approve and not reason:
        sys.exit("Give the applicant a reason: --reason '…'.")
    if problem := decision_reason_problem(approve, reason):
        sys.exit(problem)
    message = decision_message(settings, email, approve, reason)

    async def run():
        async with connected(database_url) as database:
            return await decisions.decide_verification(
                database, email, approve, reason, message, datetime.now(timezone.utc))

    if asyncio.run(run()) is None:
        sys.exit(f"No account waiting for approval uses {email}.")
    print(f"{'Approved' if approve else 'Rejected'} {email}; they will be e-mailed.")
