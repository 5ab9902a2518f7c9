"""Issue 16 §2's benchmark: a 100 MB plan set uploaded to a running server, whose memory stays flat.

usage: python -m bench.plan_upload [--megabytes 100]
A fresh demo database (2,000 permits), one uvicorn worker, the demo contractor signed in with a
draft; a 1 MB plan set, then one of --megabytes, sent over HTTP from a file on disk. Records the
server's resident memory before, and its peak (VmHWM) after each upload, with each upload's time,
and checks the stored file's SHA-256. Writes bench/results/plan_upload.json.
"""
from __future__ import annotations

import hashlib
import os
import tempfile
import time
from datetime import date
from pathlib import Path

import httpx

from bench.demo_load import migrate
from bench.recording import options, record
from bench.server import ROOT, peak_rss_mb, serving
from db.engines import fetch_rows

ENV = {"PERMITLINE_SECURE_COOKIES": "false", "PERMITLINE_DEMO": "1"}
EMAIL = "contractor@example.com"
CHUNK = 1024 * 1024


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _database() -> str:
    from db.demo.load import load_demo
    from web.commands.accounts import demo_accounts

    path = ROOT / "var" / "bench" / "plan-upload.sqlite3"
    path.parent.mkdir(parents=True, exist_ok=True)
    for stale in path.parent.glob(path.name + "*"):
        stale.unlink()
    url = f"sqlite:///{path}"
    migrate(url)
    load_demo(url, 2000, seed=1, today=date.today())
    demo_accounts(url, 1, date.today())
    return url


def _plan_file(megabytes: int) -> str:
    """A file of exactly ``megabytes`` MB (the largest one accepted) that reads as a PDF by
    its first bytes."""
    handle, name = tempfile.mkstemp(suffix=".pdf")
    head, block = b"%PDF-1.7\n", os.urandom(CHUNK)
    with os.fdopen(handle, "wb") as file:
        file.write(head + block[len(head):])
        for _ in range(megabytes - 1):
            file.write(block)
    return name


def _sha256(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        while chunk := file.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _upload(client: httpx.Client, draft: str, path: str) -> tuple[float, int]:
    started = time.perf_counter()
    with open(path, "rb") as file:
        answer = client.post(f"/applications/{draft}/documents/attach", data={
            "csrf_token": client.cookies.get("csrf"), "kind": "plan_set"},
            files={"file": ("plans.pdf", file, "application/pdf")})
    return time.perf_counter() - started, answer.status_code


def main() -> None:
    from db.demo.accounts import DEMO_PASSWORD

    args = options(__doc__, megabytes=100)
    url = _database()
    uploads = ROOT / "var" / "bench" / "plan-upload-files"
    small, large = _plan_file(1), _plan_file(args.megabytes)
    try:
        with serving(url, env={**ENV, "PERMITLINE_UPLOAD_DIR": str(uploads)}) as (base, pid):
            client = httpx.Client(base_url=base, timeout=600)
            client.get("/sign-in")
            signed = client.post("/sign-in", data={"email": EMAIL, "password": DEMO_PASSWORD,
                                                   "csrf_token": client.cookies.get("csrf")})
            assert signed.status_code == 303, signed.status_code
            started = client.post("/apply/e-building",
                                  data={"csrf_token": client.cookies.get("csrf")})
            draft = started.headers["location"].split("/")[2]
            rss_before, hwm_before = _rss_mb(pid), peak_rss_mb(pid)
            small_s, small_status = _upload(client, draft, small)
            hwm_small = peak_rss_mb(pid)
            large_s, large_status = _upload(client, draft, large)
            hwm_large, rss_after = peak_rss_mb(pid), _rss_mb(pid)
        [(stored, size, sha256)] = fetch_rows(
            url, "SELECT stored_as, size, sha256 FROM plan_document WHERE kind = 'plan_set'")
        assert (small_status, large_status) == (303, 303), (small_status, large_status)
        assert sha256 == _sha256(large) == _sha256(str(uploads / stored))
    finally:
        for path in (small, large):
            os.remove(path)
    megabytes = size / CHUNK
    record("plan_upload", {
        "method": "bench/plan_upload.py: one uvicorn worker on a 2,000-permit demo SQLite; "
                  "the demo contractor's draft; a 1 MB then a large plan set over HTTP from a "
                  "file; the server's VmRSS before and VmHWM (peak) after each upload",
        "file_megabytes": round(megabytes, 1),
        "server_rss_before_mb": round(rss_before, 1),
        "server_peak_before_mb": round(hwm_before, 1),
        "server_peak_after_1mb_mb": round(hwm_small, 1),
        "server_peak_after_large_mb": round(hwm_large, 1),
        "server_rss_after_mb": round(rss_after, 1),
        "peak_growth_mb": round(hwm_large - max(hwm_before, rss_before), 1),
        "peak_growth_per_file_mb": round((hwm_large - max(hwm_before, rss_before)) / megabytes,
                                         3),
        "upload_1mb_seconds": round(small_s, 2),
        "upload_large_seconds": round(large_s, 2),
        "large_megabytes_per_second": round(megabytes / large_s, 1),
        "stored_sha256_matches": True,
    })
    print(f"{megabytes:.0f} MB plan set in {large_s:.1f} s; server peak {hwm_before:.1f} → "
          f"{hwm_large:.1f} MB (RSS before {rss_before:.1f} MB)")


if __name__ == "__main__":
    main()
