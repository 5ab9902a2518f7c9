"""The ``permitline`` command: serve, migrate, demo, import-cslb, user, expire, district,
export-blds, validate-blds."""
from __future__ import annotations

import argparse
import asyncio
import getpass
import os
import sqlite3
import sys
from contextlib import closing

from db.audit.trail import STAFF, SYSTEM, Actor, acting_as
from db.engines import sqlite_path
from domain.blds import DATASETS
from web.city_clock import city_today
from web.commands.accounts import create_user, decide, demo_accounts, import_cslb
from web.commands.inspections import assign_district, expire
from web.commands.open_data import export_blds, validate_blds
from web.settings import configured, load_settings


def migrate(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("PICCOLO_CONF", "piccolo_conf")
    from piccolo.apps.migrations.commands.forwards import run_forwards

    path = sqlite_path(database_url)
    if path is not None:
        os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
        with sqlite3.connect(path) as connection:
            # WAL lets the app's read connection work while a write commits (persistent).
            connection.execute("PRAGMA journal_mode=WAL")
    response = asyncio.run(run_forwards(app_name="db", fake=False))
    if not response.success:
        sys.exit(f"Migrations failed: {response.message}")
    if path is not None:
        with closing(sqlite3.connect(path)) as connection:
            # Refreshes the planner's statistics where they have drifted (SQLite's advice:
            # run it from time to time); cheap when nothing changed.
            connection.execute("PRAGMA optimize")


def demo(database_url: str, permits: int, seed: int, if_empty: bool, today) -> None:
    from db.demo.load import existing_rows, load_demo

    try:
        present = existing_rows(database_url)[0]
        if present and if_empty:
            print(f"The database already holds {present:,} permits; no demo data loaded.")
            return
        summary = load_demo(database_url, permits=permits, seed=seed, today=today)
    except ValueError as error:
        sys.exit(str(error))
    print(f"Loaded {summary.permits:,} demo permits, {summary.inspections:,} inspections and "
          f"{summary.projects:,} projects in {summary.seconds:.1f} s.")


def public_address(host: str, port: int) -> None:
    """Links (open data's Link, e-mails) are built from the configured public address, read
    from the environment or .env as by every other command, so the server and export-blds
    write the same Link; only when none is configured is it the address served on."""
    if not configured("PERMITLINE_BASE_URL"):
        os.environ["PERMITLINE_BASE_URL"] = f"http://{host}:{port}"


def serve(host: str, port: int) -> None:
    import uvicorn

    public_address(host, port)

    print(f"Permitline is serving on http://{host}:{port}")
    uvicorn.run("web.app:create_app", factory=True, host=host, port=port)


def main(argv: list[str] | None = None) -> None:
    settings = load_settings()
    parser = argparse.ArgumentParser(prog="permitline", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    serve_cmd = commands.add_parser("serve", help="serve the portal over HTTP")
    serve_cmd.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
    serve_cmd.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    commands.add_parser("migrate", help="apply database migrations")
    demo_cmd = commands.add_parser("demo", help="load generated demo data")
    demo_cmd.add_argument("--permits", type=int, default=20_000)
    demo_cmd.add_argument("--seed", type=int, default=1)
    demo_cmd.add_argument("--if-empty", action="store_true",
                          help="do nothing (successfully) when permits already exist")
    cslb_cmd = commands.add_parser("import-cslb", help="import a CSLB License Master CSV file")
    cslb_cmd.add_argument("file")
    user_cmd = commands.add_parser("user", help="manage staff and inspector accounts")
    user_commands = user_cmd.add_subparsers(dest="user_command", required=True)
    create_cmd = user_commands.add_parser(
        "create", help="create a staff or inspector account (password read from the terminal "
                       "or, when piped, from the first line of standard input)")
    create_cmd.add_argument("--role", choices=["staff", "inspector"], required=True)
    create_cmd.add_argument("--email", required=True)
    create_cmd.add_argument("--name", required=True)
    create_cmd.add_argument("--phone", required=True)
    create_cmd.add_argument("--supervisor", action="store_true",
                            help="staff only: may resolve conflicts and edit policies")
    for verb, text in (("approve", "approve a pending contractor or owner-builder"),
                       ("reject", "reject a pending contractor or owner-builder")):
        decide_cmd = user_commands.add_parser(verb, help=text)
        decide_cmd.add_argument("email")
        decide_cmd.add_argument("--reason", default="", required=verb == "reject")
    commands.add_parser("expire", help="mark issued permits whose life ended as Expired and "
                                       "e-mail their contacts (the server also does it hourly)")
    district_cmd = commands.add_parser(
        "district", help="assign an inspection district's new inspections to an inspector")
    district_cmd.add_argument("code", help="the district, as on parcels (e.g. West)")
    district_cmd.add_argument("--inspector", required=True, help="the inspector's e-mail")
    export_cmd = commands.add_parser(
        "export-blds", help="write the BLDS open data files (permits, inspections, status "
                            "changes; CSV and JSON) to a directory")
    export_cmd.add_argument("directory")
    validate_cmd = commands.add_parser(
        "validate-blds", help="check a BLDS CSV or JSON file against the specification: "
                              "required and either-or fields, types, mapped values, unique "
                              "fields and permits, no personal contact data; exits 1 on any "
                              "error")
    validate_cmd.add_argument("file")
    validate_cmd.add_argument("--dataset", choices=DATASETS,
                              help="the file's dataset (found from its fields when not given)")
    args = parser.parse_args(argv)
    # Changes made from a shell are audited as the machine's user (db/audit/trail.py); deciding on
    # accounts and districts is staff's work, the rest the system's.
    channel = STAFF if args.command in ("user", "district") else SYSTEM
    with acting_as(Actor(f"{getpass.getuser()} (command line)", channel)):
        _run(args, settings)


def _run(args, settings) -> None:
    if args.command == "serve":
        serve(args.host, args.port)
    elif args.command == "migrate":
        migrate(settings.database_url)
    elif args.command == "demo":
        # Demo data's "today" is the city's date, not the machine's (issue 14, point 1).
        today = city_today(settings.time_zone)
        demo(settings.database_url, args.permits, args.seed, args.if_empty, today)
        if settings.demo:
            demo_accounts(settings.database_url, args.seed, today)
    elif args.command == "expire":
        expire(settings)
    elif args.command == "district":
        assign_district(settings.database_url, args.code, args.inspector)
    elif args.command == "export-blds":
        export_blds(settings, args.directory)
    elif args.command == "validate-blds":
        validate_blds(args.file, args.dataset)
    elif args.command == "import-cslb":
        import_cslb(settings.database_url, args.file)
    elif args.command == "user" and args.user_command == "create":
        create_user(settings.database_url, args.role, args.email, args.name, args.phone,
                    args.supervisor)
    elif args.command == "user":
        decide(settings.database_url, args.email, args.user_command == "approve", args.reason)


if __name__ == "__main__":
    main()
