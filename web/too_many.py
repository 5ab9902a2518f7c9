"""429 answers: why, in words, and when to try again, in the Retry-After header too."""
from __future__ import annotations

from datetime import datetime

from starlette.exceptions import HTTPException
from starlette.responses import Response

from domain.error_pages import retry_after_seconds, try_again


class Refusal(str):
    """The sentence a refused person reads, carrying the seconds until they may try again."""
    retry_after: int


def refusal(words: str, until: datetime, now: datetime) -> Refusal:
    refused = Refusal(words)
    refused.retry_after = retry_after_seconds(until, now)
    return refused


def too_many(response: Response, refused: Refusal) -> Response:
    """Every 429 says when to try again in its header as well as in words (RFC 9110 §10.2.3,
    RFC 6585 §4): a phone's browser or an assistive tool may show the wait."""
    response.headers["Retry-After"] = str(refused.retry_after)
    return response


def too_many_error(what: str, until: datetime, now: datetime) -> HTTPException:
    """The 429 error page for ``what`` spent until ``until`` (a form that has no page of its
    own to say it on), its wait in Retry-After too."""
    return HTTPException(429, try_again(what, until, now),
                         {"Retry-After": str(retry_after_seconds(until, now))})
