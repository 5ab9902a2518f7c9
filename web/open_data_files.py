"""The BLDS open data files as text: CSV or JSON chunks written from the database's batches,
for the download route and the ``export-blds`` command alike."""
from __future__ import annotations

import asyncio
import csv
import io
import json
from collections.abc import AsyncIterator
from decimal import Decimal

from domain.blds import FIELDS, Publisher, Value


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
