"""URL convertors: database ids that fit an id column, and path text without control characters.

Starlette's ``int`` convertor takes any number of digits; an id of 25 digits then overflows the
database's integers with a 500 — and on PostgreSQL Piccolo's ids are ``serial``, 32-bit, so
even 18 digits did (issue 14). ``{name:id}`` matches 1 to 9 digits (domain.numbers.LARGEST_ID),
so a longer one is simply a page that does not exist (404).

Likewise a text segment (``{number}``, ``{number:str}``, ``{token}``) holds no control
character: U+0000 reached PostgreSQL from ``/plan-review/%00`` and failed the query with a 500
("invalid byte sequence"), while SQLite took it. No page of the site is named with one, so the
default ``str`` convertor is replaced for every route at once (404).
"""
from __future__ import annotations

from starlette.convertors import Convertor, StringConvertor, register_url_convertor

from domain.numbers import LARGEST_ID


class IdConvertor(Convertor[int]):
    regex = f"[0-9]{{1,{len(str(LARGEST_ID))}}}"

    def convert(self, value: str) -> int:
        return int(value)

    def to_string(self, value: int) -> str:
        return str(int(value))


register_url_convertor("id", IdConvertor())


class TextConvertor(StringConvertor):
    regex = "[^/\x00-\x1f\x7f]+"


register_url_convertor("str", TextConvertor())


class SecretConvertor(TextConvertor):
    """A secret in the address (an e-mailed link's token, a calendar feed's): whoever holds
    the URL holds the power, so a response there is never stored by any cache
    (web/middleware/response_headers.py reads this marker)."""


register_url_convertor("secret", SecretConvertor())
