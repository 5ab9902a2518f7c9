"""URL convertors: database ids that fit a 64-bit integer column, nothing longer.

Starlette's ``int`` convertor takes any number of digits; an id of 25 digits then overflows
SQLite's and PostgreSQL's integers with a 500. ``{name:id}`` matches 1 to 18 digits, so a longer
one is simply a page that does not exist (404).
"""
from __future__ import annotations

from starlette.convertors import Convertor, register_url_convertor


class IdConvertor(Convertor[int]):
    regex = "[0-9]{1,18}"

    def convert(self, value: str) -> int:
        return int(value)

    def to_string(self, value: int) -> str:
        return str(int(value))


register_url_convertor("id", IdConvertor())
