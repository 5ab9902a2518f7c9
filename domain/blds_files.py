"""A BLDS file's bytes read into records: CSV with a header row, or JSON (an array of
objects). Whatever the bytes, the reader answers records and problems with their line or row,
never an exception: not UTF-8, NUL bytes, a value beyond csv's limit, broken or deeply nested
JSON, repeated keys, nulls.

The reader is given the file's lines as bytes (the command opens the file), so a million
records are read in flat memory.
"""
from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from domain.blds_checks import Problem, counted
from domain.blds_values import JsonNumber, JsonObject, object_pairs

UTF8_BOM, UTF16_BOMS = b"\xef\xbb\xbf", (b"\xff\xfe", b"\xfe\xff")
NESTING = 200  # levels of JSON a record may have; BLDS records are flat


@dataclass(frozen=True)
class Header:
    names: list[str]


@dataclass(frozen=True)
class Record:
    row: int  # 1 = the first record
    fields: dict


@dataclass(frozen=True)
class Restart:
    """What was read so far is to be forgotten: the file is read again, whole."""


Event = Header | Record | Problem | Restart


def _text_lines(lines: Iterable[bytes], problems: list[Problem]) -> Iterator[str]:
    """Each line as text; what is not UTF-8, or holds NUL bytes, reported with its line."""
    for number, raw in enumerate(lines, start=1):
        if number == 1:
            if raw.startswith(UTF16_BOMS):
                problems.append(Problem(0, "text", "UTF-16 text: save the file as UTF-8",
                                        line=1))
                return
            raw = raw.removeprefix(UTF8_BOM)
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            problems.append(Problem(0, "text", f"not UTF-8 text (byte 0x{raw[error.start]:02x}"
                                    f" at byte {error.start + 1} of the line)", line=number))
            text = raw.decode("utf-8", errors="replace")
        if "\x00" in text:
            problems.append(Problem(0, "text", "holds a NUL byte: the file is damaged, or not "
                                    "text", line=number))
            text = text.replace("\x00", "")
        yield text


def csv_events(lines: Iterable[bytes]) -> Iterator[Event]:
    """The header, then each record as a dict of its fields (RFC 4180: a record has as many
    values as the header has fields)."""
    pending: list[Problem] = []
    reader = csv.reader(_text_lines(lines, pending))
    header: list[str] | None = None
    row = 0
    while True:
        start = reader.line_num + 1
        try:
            values = next(reader)
        except StopIteration:
            break
        except csv.Error as error:  # a value beyond csv.field_size_limit(): a lost quote?
            pending.append(Problem(row + 1, "text", f"cannot be read as CSV ({error}); is a "
                                   "quote missing?", line=start))
            values = None
        yield from pending
        pending.clear()
        if not values:  # a blank line, or a record that could not be read
            continue
        if header is None:
            header = values
            yield Header(header)
            continue
        row += 1
        if len(values) != len(header):
            yield Problem(row, "row", f"{counted(len(values), 'value')}; the header has "
                          f"{counted(len(header), 'field')}")
        yield Record(row, dict(zip(header, values)))
    yield from pending
    if header is None:
        yield Problem(0, "header", "the file is empty: a BLDS CSV file starts with a row of "
                      "field names", line=1)


def _loads(text: str):
    """JSON numbers are read exactly and kept as written (JsonNumber: no limit on digits, as
    Python's int has, and 245.0 stays 245.0); Python's NaN and Infinity, which JSON has not,
    too, so they are refused as numbers rather than as broken files."""
    return json.loads(text, object_pairs_hook=object_pairs, parse_int=JsonNumber,
                      parse_float=JsonNumber, parse_constant=JsonNumber)


def json_events(lines: Iterable[bytes], whole: Callable[[], bytes]) -> Iterator[Event]:
    """The records of a JSON array. Written one record per line, as ``export-blds`` writes it,
    it is read line by line (flat memory); any other layout is read whole (``whole()``), after
    a ``Restart`` when records were already given."""
    pending: list[Problem] = []
    text = _text_lines(lines, pending)
    if next(text, "").strip() == "[":
        row, closed, comma = 0, False, True  # comma: another record may follow
        for number, line in enumerate(text, start=2):
            yield from pending
            pending.clear()
            line = line.strip()
            if not line:
                continue
            if closed or line == "]":  # the end (not after a comma), and nothing after it
                if closed or (comma and row):
                    break
                closed = True
                continue
            if not comma:
                break
            comma = line.endswith(",")
            line = line.removesuffix(",")
            try:
                record = _loads(line) if line.startswith("{") and line.endswith("}") else None
            except RecursionError:
                row += 1
                yield Problem(row, "record", "nested too deeply to read: a BLDS record is "
                              "flat", line=number)
                continue
            except ValueError:
                record = None
            if record is None:
                break
            row += 1
            yield from _object(row, record, number)
        else:
            yield from pending
            if closed:
                return
        yield Restart()
    yield from _whole(whole())


def _object(row: int, record, line: int | None = None) -> Iterator[Event]:
    if not isinstance(record, dict):
        yield Problem(row, "record", "not a JSON object", line=line)
        return
    for key in getattr(record, "repeated", ()):
        yield Problem(row, key, "given twice in this record (JSON keeps only the last); each "
                      "field is one key", line=line)
    yield Record(row, record)


def _whole(data: bytes) -> Iterator[Event]:
    pending: list[Problem] = []
    text = "".join(_text_lines(data.splitlines(keepends=True), pending))
    yield from pending
    try:
        document = _loads(text)
    except RecursionError:
        yield Problem(0, "text", f"nested more than {NESTING} levels deep: a BLDS file is an "
                      "array of flat records", line=_too_deep_at(text))
        return
    except json.JSONDecodeError as error:
        yield Problem(0, "text", f"not JSON: {error.msg} (column {error.colno})",
                      line=error.lineno)
        return
    if not isinstance(document, list):
        yield Problem(0, "text", "a BLDS JSON file is an array of objects, [{…}, {…}]", line=1)
        return
    for row, record in enumerate(document, start=1):
        yield from _object(row, record)


def _too_deep_at(text: str) -> int:
    """The line where the nesting passes NESTING levels (strings skipped)."""
    depth, line, in_string, escaped = 0, 1, False, False
    for char in text:
        if char == "\n":
            line += 1
        elif in_string:
            escaped, in_string = (False, True) if escaped else (char == "\\", char != '"')
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > NESTING:
                return line
        elif char in "]}":
            depth -= 1
    return line


__all__ = ["Event", "Header", "JsonObject", "Record", "Restart", "csv_events", "json_events"]
