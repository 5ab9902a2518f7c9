"""The account commands: creating staff and inspectors, approving or rejecting applicants."""
from __future__ import annotations

import io

import pytest

from db.engines import fetch_rows
from tests.unit.conftest import migrate
from web.commands.cli import main


@pytest.fixture
def database(tmp_path, monkeypatch) -> str:
    url = f"sqlite:///{tmp_path / 'commands.sqlite3'}"
    migrate(url)
    monkeypatch.setenv("DATABASE_URL", url)
    return url


def run(monkeypatch, argv: list[str], stdin: str = "") -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    main(argv)


def test_staff_and_inspectors_are_created_confirmed_with_a_checked_password(
        database, monkeypatch, capsys):
    run(monkeypatch, ["user", "create", "--role", "staff", "--email", "Dana@Example.com",
                      "--name", "Dana Whitcombe", "--phone", "(323) 555-0101", "--supervisor"],
        "counter-desk-lamp-9\n")
    assert "Created staff account" in capsys.readouterr().out
    [(role, supervisor, verified, password)] = fetch_rows(
        database, "SELECT role, supervisor, email_verified_at IS NOT NULL, password"
                  " FROM account WHERE email = 'dana@example.com'")
    assert (role, supervisor, verified) == ("staff", 1, 1)
    assert password.startswith("pbkdf2_sha256$")
    with pytest.raises(SystemExit, match="at least 8 characters"):
        run(monkeypatch, ["user", "create", "--role", "inspector", "--email", "i@example.com",
                          "--name", "Ian", "--phone", "3235550102"], "short\n")
    with pytest.raises(SystemExit, match="already uses dana@example.com"):
        run(monkeypatch, ["user", "create", "--role", "staff", "--email", "dana@example.com",
                          "--name", "Dana", "--phone", "3235550101"], "counter-desk-lamp-9\n")


def test_a_pending_applicant_is_approved_or_rejected_and_told_by_e_mail(database, monkeypatch):
    import asyncio
    from datetime import datetime, timezone

    from db.accounts import accounts
    from db.database import connected
    from domain.accounts import Role, Verification

    async def applicants():
        async with connected(database) as handle:
            for email in ("a@example.com", "b@example.com"):
                await accounts.create_account(
                    handle, email=email, password_hash="pbkdf2_sha256$1$x$y", name="Applicant",
                    phone="", role=Role.OWNER_BUILDER, verification=Verification.PENDING,
                    now=datetime.now(timezone.utc))

    asyncio.run(applicants())
    run(monkeypatch, ["user", "approve", "a@example.com"])
    with pytest.raises(SystemExit):
        run(monkeypatch, ["user", "reject", "b@example.com"])  # a reason is required
    with pytest.raises(SystemExit, match="Give the applicant a reason"):  # as the page: none
        run(monkeypatch, ["user", "reject", "b@example.com", "--reason", "\u200b\x1b\u2060"])
    with pytest.raises(SystemExit, match="Keep the reason to 1,000 characters"):
        run(monkeypatch, ["user", "reject", "b@example.com", "--reason", "x" * 1001])
    run(monkeypatch, ["user", "reject", "b@example.com", "--reason", "Not the owner on record"])
    assert fetch_rows(database, "SELECT email, verification, verification_note FROM account"
                                " ORDER BY email") == [
        ("a@example.com", "verified", ""), ("b@example.com", "rejected",
                                            "Not the owner on record")]
    mail = fetch_rows(database, "SELECT recipient, subject, body FROM outbox_message ORDER BY id")
    assert [(m[0], m[1]) for m in mail] == [("a@example.com", "Your account was approved"),
                                            ("b@example.com", "Your account was not approved")]
    assert "Not the owner on record" in mail[1][2]
    with pytest.raises(SystemExit, match="No account waiting"):
        run(monkeypatch, ["user", "approve", "a@example.com"])


def test_a_district_is_assigned_to_an_inspector_and_lapsed_permits_expire(
        database, monkeypatch, capsys):
    import asyncio
    from datetime import date

    from db.engines import bind_tables, engine_for
    from tests.factories import make_parcel, make_permit

    run(monkeypatch, ["user", "create", "--role", "inspector", "--email", "rosa@example.com",
                      "--name", "Rosa Delgado", "--phone", "3235550102"], "field-boots-green-7\n")
    run(monkeypatch, ["district", "West", "--inspector", "rosa@example.com"])
    assert "New inspections in district West go to rosa@example.com." in capsys.readouterr().out
    assert fetch_rows(database, "SELECT d.code, a.email FROM district d JOIN account a"
                                " ON a.id = d.inspector") == [("West", "rosa@example.com")]
    with pytest.raises(SystemExit, match="No inspector account has the e-mail"):
        run(monkeypatch, ["district", "East", "--inspector", "dana@example.com"])

    async def lapsed_permit():
        bind_tables(engine_for(database))
        parcel = await make_parcel("9999-001-001", 8500, "Sunset", "Blvd")
        await make_permit("BLD2025-00001", parcel, "8500 Sunset Blvd", subtype="Re-roof",
                          description="Re-roof", status="Issued", applied_on=date(2025, 1, 2),
                          issued_on=date(2025, 1, 3), expires_on=date(2025, 7, 2))

    asyncio.run(lapsed_permit())
    run(monkeypatch, ["expire"])
    assert "Expired 1 permit: BLD2025-00001" in capsys.readouterr().out
    assert fetch_rows(database, "SELECT status FROM permit") == [("Expired",)]
    run(monkeypatch, ["expire"])
    assert "Expired 0 permits." in capsys.readouterr().out
