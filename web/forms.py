"""Reading submitted forms: plain string fields, and a 400 for a body that is not a form."""
from __future__ import annotations

import secrets
from functools import cache

from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request

# Long enough for every field's own limit to be the one a user meets (notes: 2,000).
MAX_FIELD = 10_000
# No keyboard types U+0000 and PostgreSQL cannot store it in text (a 500 on saving): it is
# dropped where the form is read, as browsers drop tabs and newlines from addresses.
_NUL = str.maketrans("", "", "\x00")


async def form_fields(request: Request, max_fields: int = 60, max_files: int = 4,
                      max_field: int = MAX_FIELD
                      ) -> tuple[dict[str, str], dict[str, UploadFile]]:
    """Text fields (first value of each, trimmed to ``max_field`` characters) and uploaded
    files."""
    try:
        form = await request.form(max_files=max_files, max_fields=max_fields)
    except Exception as error:  # malformed multipart or urlencoded bodies
        raise HTTPException(400, "The form could not be read. Please try again.") from error
    fields: dict[str, str] = {}
    files: dict[str, UploadFile] = {}
    for name, value in form.multi_items():
        if isinstance(value, str):
            fields.setdefault(name.translate(_NUL), value[:max_field].translate(_NUL))
        elif value.filename:
            files.setdefault(name, value)
    return fields, files


def new_form_key() -> str:
    """A form's one-time key (domain/form_keys.py)."""
    return secrets.token_urlsafe(16)


async def form_of(request: Request) -> dict[str, str]:
    return (await form_fields(request))[0]


@cache
def common_passwords() -> frozenset[str]:
    """zxcvbn's list of the 30,000 most common passwords, lower-cased."""
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    return frozenset(word.lower() for word in FREQUENCY_LISTS["passwords"])
