"""BLDS open data at stable URLs: /open-data/<dataset>.csv and .json, streamed from the
database in batches (db/permits/open_data.py), and the page that describes them."""
from __future__ import annotations

import asyncio
import csv
import io
import json
import os
import re
import uuid
from collections.abc import AsyncIterator
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, Response, StreamingResponse
from starlette.routing import Route

from db.permits import open_data as blds_export
from domain.blds import EXTENSIONS, FIELDS, Publisher, Value
from domain.blds_spec import DATASETS, EITHER, MAPPED, REQUIRED, TYPES
from web.city_clock import now, today
from web.templating import page

MEDIA = {"csv": "text/csv; charset=utf-8", "json": "application/json"}
FRESH_FOR_S = 3600


# Each batch is encoded in a worker thread: 5,000 rows take some 100 ms of CPU, which would
# otherwise hold every other request of the server that long.


def _csv_text(dataset: str, batch: list[dict[str, Value]], header: bool) -> str:
    """None is written as an empty value; numbers as Python writes them (245, 34.09)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=FIELDS[dataset])
    if header:
        writer.writeheader()
    writer.writerows(batch)
    return buffer.getvalue()


async def csv_chunks(dataset: str, batches: AsyncIterator[list[dict[str, Value]]]
                     ) -> AsyncIterator[str]:
    """The header, then one chunk per batch (RFC 4180 quoting, CRLF line ends)."""
    header = True
    async for batch in batches:
        yield await asyncio.to_thread(_csv_text, dataset, batch, header)
        header = False
    if header:
        yield _csv_text(dataset, [], True)


def _json_number(value):
    """Amounts are Decimal: a JSON number, whole when it is (25000.00 is 25000)."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    raise TypeError(type(value).__name__)


def _json_lines(batch: list[dict[str, Value]]) -> str:
    return ",\n".join(json.dumps(record, ensure_ascii=False, default=_json_number)
                       for record in batch)


async def json_chunks(batches: AsyncIterator[list[dict[str, Value]]]) -> AsyncIterator[str]:
    """A JSON array of objects, one record per line, written as the batches come."""
    yield "["
    first = True
    async for batch in batches:
        yield ("\n" if first else ",\n") + await asyncio.to_thread(_json_lines, batch)
        first = False
    yield "\n]\n"


def chunks(dataset: str, fmt: str, batches) -> AsyncIterator[str]:
    return csv_chunks(dataset, batches) if fmt == "csv" else json_chunks(batches)


def publisher_of(settings) -> Publisher:
    return Publisher(settings.city_name, settings.base_url.rstrip("/"))


async def dataset_file(request: Request):
    """A copy made within the hour under the same settings is served as a file (with ETag and
    Last-Modified, and without reading the tables); otherwise the file is made from the tables
    as it streams, and kept. A million permits take some 40 s to make: crawlers and repeat
    downloads must not."""
    dataset, fmt = request.path_params["dataset"], request.path_params["format"]
    if dataset not in DATASETS or fmt not in MEDIA:
        raise HTTPException(404)
    settings, day = request.app.state.settings, today(request)
    publisher = publisher_of(settings)
    headers = {"Content-Disposition": f'inline; filename="blds-{dataset}.{fmt}"',
               "Cache-Control": f"public, max-age={FRESH_FOR_S}"}
    # Kept under the name of what shapes it (issue 14 §8): a new public address, city name,
    # time zone, mapping or format is never served a copy made before it.
    edition = blds_export.edition(dataset, fmt, publisher, settings.time_zone, day)
    kept = (Path(settings.open_data_dir) / f"blds-{dataset}-{edition}.{fmt}"
            if settings.open_data_dir else None)
    # The copy's age is read with the app's clock, which set its time when it was kept.
    made_at = now(request).timestamp()
    if kept and (stat := _fresh(kept, made_at)):
        etag = f'"{edition}-{stat.st_mtime_ns:x}-{stat.st_size:x}"'
        return FileResponse(kept, media_type=MEDIA[fmt], headers={**headers, "ETag": etag},
                            stat_result=stat)
    if request.method == "HEAD":
        return Response(media_type=MEDIA[fmt], headers=headers)
    batches = blds_export.batches(dataset, publisher, ZoneInfo(settings.time_zone), day)
    stream = chunks(dataset, fmt, batches)
    return StreamingResponse(_kept(kept, stream, made_at) if kept else stream, media_type=MEDIA[fmt],
                             headers=headers)


def _fresh(path: Path, at: float) -> os.stat_result | None:
    """The copy's file status when it was made within the hour before ``at``."""
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat if 0 <= at - stat.st_mtime < FRESH_FOR_S else None


async def _kept(path: Path, stream: AsyncIterator[str], made_at: float) -> AsyncIterator[str]:
    """Streams and keeps a copy, written beside it and renamed only when complete: a download
    cut short leaves nothing half-written to serve. The copies made under other settings go:
    none would be served again, and the permits of a large city weigh hundreds of megabytes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f"{path.name}.{uuid.uuid4().hex}.part")
    try:
        with partial.open("w", encoding="utf-8", newline="") as out:
            async for chunk in stream:
                out.write(chunk)
                yield chunk
        os.utime(partial, (made_at, made_at))
        partial.replace(path)
        for other in _other_editions(path):
            other.unlink(missing_ok=True)
    finally:
        partial.unlink(missing_ok=True)


def _other_editions(path: Path) -> list[Path]:
    """The copies of the same dataset and format under another edition, or under none (as
    copies were kept before editions)."""
    dataset = path.stem.rsplit("-", 1)[0]  # blds-status-changes
    same = re.compile(re.escape(dataset) + r"(-[0-9a-f]{16})?" + re.escape(path.suffix))
    return [other for other in path.parent.iterdir()
            if other.name != path.name and same.fullmatch(other.name)]


async def index(request: Request):
    return page(request, "open_data/index.html", datasets=DATASETS, fields=FIELDS,
                required=REQUIRED, either=EITHER, mapped=MAPPED, types=TYPES,
                extensions=EXTENSIONS)


routes = [
    Route("/open-data", index, name="open_data"),
    Route("/open-data/{dataset}.{format}", dataset_file, name="open_data_file"),
]
