"""The ``permitline`` command: serve, migrate, demo, import-cslb, user."""
from __future__ import annotations

import argparse
import asyncio
import os
import sqlite3
import sys
from contextlib import closing
from typing import Iterator

from db.engines import sqlite_path
from web.settings import load_settings


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


def demo(database_url: str, permits: int, seed: int, if_empty: bool) -> None:
    from db.demo_load import existing_rows, load_demo

    try:
        present = existing_rows(database_url)[0]
        if present and if_empty:
            print(f"The database already holds {present:,} permits; no demo data loaded.")
            return
        summary = load_demo(database_url, permits=permits, seed=seed)
    except ValueError as error:
        sys.exit(str(error))
    print(f"Loaded {summary.permits:,} demo permits, {summary.inspections:,} inspections and "
          f"{summary.projects:,} projects in {summary.seconds:.1f} s.")


def import_cslb(database_url: str, path: str) -> None:
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeElapsedColumn

    from db.license_import import NotALicenseFile, import_licenses

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


def serve(host: str, port: int) -> None:
    import uvicorn

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
    args = parser.parse_args(argv)
    if args.command == "serve":
        serve(args.host, args.port)
    elif args.command == "migrate":
        migrate(settings.database_url)
    elif args.command == "demo":
        demo(settings.database_url, args.permits, args.seed, args.if_empty)
    elif args.command == "import-cslb":
        import_cslb(settings.database_url, args.file)


if __name__ == "__main__":
    main()
