"""The CSRF check reads a multipart body only up to its token: the files behind it stream on to
the handler unread and unheld (issue 16 §2), and a body that never ends is cut off."""
from __future__ import annotations

import asyncio

from web.middleware import csrf

TYPE = "multipart/form-data; boundary=b"
TOKEN = "t" * 43
HEAD = (b'--b\r\nContent-Disposition: form-data; name="csrf_token"\r\n\r\n' + TOKEN.encode()
        + b'\r\n--b\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n')


def receiver(chunks: list[bytes]):
    """An ASGI receive over ``chunks``, counting how many were asked for."""
    asked = []

    async def receive():
        asked.append(1)
        index = len(asked) - 1
        if index >= len(chunks):
            return {"type": "http.disconnect"}
        return {"type": "http.request", "body": chunks[index],
                "more_body": index < len(chunks) - 1}
    return receive, asked


def test_the_token_is_found_in_the_first_chunk_and_the_rest_streams_through():
    chunks = [HEAD, b"%PDF-" + b"x" * 65536, b"y" * 65536, b"\r\n--b--\r\n"]
    receive, asked = receiver(chunks)

    async def run():
        body, replay = await csrf._buffered(receive, TYPE)
        assert len(asked) == 1, "nothing past the token was read to check it"
        assert csrf._multipart_field(TYPE, body) == TOKEN
        messages = [await replay() for _ in range(4)]
        return messages

    messages = asyncio.run(run())
    assert b"".join(m["body"] for m in messages) == b"".join(chunks)
    assert [m["more_body"] for m in messages] == [True, True, True, False]


def test_no_token_near_the_start_stops_reading_and_is_refused():
    chunks = [b"--b\r\n" + b"z" * 70000] + [b"z" * 65536] * 50
    receive, asked = receiver(chunks)
    body, _ = asyncio.run(csrf._buffered(receive, TYPE))
    assert len(asked) == 1 and csrf._multipart_field(TYPE, body) is None


def test_a_body_past_the_streaming_limit_reads_as_the_client_leaving(monkeypatch):
    monkeypatch.setattr(csrf, "MAX_STREAMED", 200_000)
    receive, _ = receiver([HEAD] + [b"x" * 65536] * 10)

    async def run():
        _, replay = await csrf._buffered(receive, TYPE)
        seen = [await replay() for _ in range(6)]
        return [m["type"] for m in seen]

    assert asyncio.run(run())[-1] == "http.disconnect"


def test_a_urlencoded_form_is_still_read_whole_and_capped():
    receive, _ = receiver([b"a=" + b"x" * 65536] * 200)
    body, _ = asyncio.run(csrf._buffered(receive, "application/x-www-form-urlencoded"))
    assert body is None, "over MAX_BODY: 413"
