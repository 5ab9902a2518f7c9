"""Start and stop the database for the app's lifespan: the handle (db/database.py) and the
rule book (the versions of the editable rules, db/rules/rule_book.py)."""
from __future__ import annotations

from db.database import Database, connect, disconnect
from db.rules import rule_book


async def open_database(url: str) -> Database:
    database = await connect(url)
    await rule_book.load(database)
    return database


async def close_database(database: Database) -> None:
    await disconnect(database)
