"""BLDS open data at stable URLs: /open-data/<dataset>.csv and .json, streamed from the
database in batches (db/permits/open_data.py), and the page that describes them."""
from __future__ import annotations

import os
import re
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from zoneinfo import ZoneInfo

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, Response, StreamingResponse
from starlette.routing import Route

from db.permits import open_data as blds_export
from domain.blds import EXTENSIONS, FIELDS
from domain.blds_spec import DATASETS, EITHER, MAPPED, REQUIRED, TYPES
from web.city_clock import now, today
from web.open_data_files import chunks, publisher_of
from web.templating import page

MEDIA = {"csv": "text/csv; charset=utf-8", "json": "application/json"}
FRESH_FOR_S = 3600


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
