"""BLDS open data at stable URLs: /open-data/<dataset>.csv and .json, streamed from the
database in batches (db/blds_export.py), and the page that describes them."""
from __future__ import annotations

import csv
import io
import json
from collections.abc import AsyncIterator
from zoneinfo import ZoneInfo

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import StreamingResponse
from starlette.routing import Route

from db import blds_export
from domain.blds import DATASETS, EITHER, FIELDS, MAPPED, REQUIRED, Publisher
from web.templating import page

MEDIA = {"csv": "text/csv; charset=utf-8", "json": "application/json"}


async def csv_chunks(dataset: str, batches: AsyncIterator[list[dict[str, str]]]
                     ) -> AsyncIterator[str]:
    """The header, then one chunk per batch (RFC 4180 quoting, CRLF line ends)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=FIELDS[dataset])
    writer.writeheader()
    async for batch in batches:
        writer.writerows(batch)
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    if buffer.tell():
        yield buffer.getvalue()


async def json_chunks(batches: AsyncIterator[list[dict[str, str]]]) -> AsyncIterator[str]:
    """A JSON array of objects, one record per line, written as the batches come."""
    yield "["
    first = True
    async for batch in batches:
        lines = ",\n".join(json.dumps(record, ensure_ascii=False) for record in batch)
        yield ("\n" if first else ",\n") + lines
        first = False
    yield "\n]\n"


def chunks(dataset: str, fmt: str, batches) -> AsyncIterator[str]:
    return csv_chunks(dataset, batches) if fmt == "csv" else json_chunks(batches)


def publisher_of(settings) -> Publisher:
    return Publisher(settings.city_name, settings.base_url.rstrip("/"))


async def dataset_file(request: Request):
    dataset, fmt = request.path_params["dataset"], request.path_params["format"]
    if dataset not in DATASETS or fmt not in MEDIA:
        raise HTTPException(404)
    settings = request.app.state.settings
    batches = blds_export.batches(dataset, publisher_of(settings), ZoneInfo(settings.time_zone))
    return StreamingResponse(chunks(dataset, fmt, batches), media_type=MEDIA[fmt], headers={
        "Content-Disposition": f'inline; filename="blds-{dataset}.{fmt}"',
        "Cache-Control": "public, max-age=3600"})


async def index(request: Request):
    return page(request, "open_data/index.html", datasets=DATASETS, fields=FIELDS,
                required=REQUIRED, either=EITHER, mapped=MAPPED)


routes = [
    Route("/open-data", index, name="open_data"),
    Route("/open-data/{dataset}.{format}", dataset_file, name="open_data_file"),
]
