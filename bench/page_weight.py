"""Bytes on the wire (gzip) of a first page load and of a 25-row results fragment."""
from __future__ import annotations

import gzip
import re
import urllib.request


def _get(url: str, headers: dict | None = None) -> tuple[int, int]:
    """(compressed bytes on the wire, raw bytes) of one response."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip", **(headers or {})})
    with urllib.request.urlopen(request) as response:
        body = response.read()
        raw = gzip.decompress(body) if response.headers.get("Content-Encoding") == "gzip" else body
        return len(body), len(raw)


def page_weight(base: str, page_path: str, fragment_path: str) -> dict:
    request = urllib.request.Request(base + page_path)
    with urllib.request.urlopen(request) as response:
        html = response.read().decode()
    assets = re.findall(r'(?:href|src)="(/static/[^"]+)"', html)
    parts = {page_path: _get(base + page_path)}
    parts.update({asset: _get(base + asset) for asset in assets})
    fragment = _get(base + fragment_path, {"HX-Request": "true"})
    return {
        "first_load_path": page_path,
        "first_load_gzip_bytes": sum(wire for wire, _ in parts.values()),
        "first_load_raw_bytes": sum(raw for _, raw in parts.values()),
        "first_load_parts": {k: {"gzip": w, "raw": r} for k, (w, r) in parts.items()},
        "fragment_path": fragment_path,
        "fragment_gzip_bytes": fragment[0],
        "fragment_raw_bytes": fragment[1],
    }
