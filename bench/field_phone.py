"""The field photos benchmark's phone: Chromium's Slow 3G by CDP, and what the device holds."""
from __future__ import annotations

import itertools
import json
import urllib.request

from websockets.sync.client import connect

from bench.offline_sync import CACHED

# Chromium DevTools' "Slow 3G" preset (front_end/core/sdk/NetworkManager.ts): 400 ms × 5 of
# latency, 500 kbit/s × 0.8 each way, in bytes a second.
SLOW_3G = {"offline": False, "latency": 2000, "downloadThroughput": 50_000,
           "uploadThroughput": 50_000}
OFFLINE = {"offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1}
UNTHROTTLED = {"offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1}


class DevTools:
    """A second DevTools client of the browser (``--remote-debugging-port``), for what
    Playwright cannot do: throttle the network, the service worker's own included."""

    def __init__(self, port: int) -> None:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/version") as answer:
            url = json.loads(answer.read())["webSocketDebuggerUrl"]
        self.socket = connect(url, max_size=None, open_timeout=30)
        self.ids = itertools.count(1)
        self.sessions: dict[str, str] = {}  # target id → session id

    def send(self, method: str, params: dict | None = None, session: str | None = None) -> dict:
        sent = next(self.ids)
        message = {"id": sent, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        self.socket.send(json.dumps(message))
        while True:  # events of attached sessions come in between: not needed here
            answer = json.loads(self.socket.recv(timeout=60))
            if answer.get("id") == sent:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error']}")
                return answer["result"]

    def targets(self, kind: str, origin: str) -> list[str]:
        return [t["targetId"] for t in self.send("Target.getTargets")["targetInfos"]
                if t["type"] == kind and t["url"].startswith(origin)]

    def session(self, target: str) -> str:
        if target not in self.sessions:
            self.sessions[target] = self.send("Target.attachToTarget", {
                "targetId": target, "flatten": True})["sessionId"]
        return self.sessions[target]

    def emulate(self, origin: str, conditions: dict) -> int:
        """The network conditions on the origin's service worker first, then its pages (whose
        `online` event asks the worker to sync); how many targets got them."""
        targets = self.targets("service_worker", origin) + self.targets("page", origin)
        for target in targets:
            self.send("Network.emulateNetworkConditions", conditions, self.session(target))
        return len(targets)

    def close(self) -> None:
        self.socket.close()


# What the phone holds: Cache Storage per cache (offline_sync's count), the queues in
# IndexedDB (photos' JPEGs and thumbnails; results as JSON), and the browser's own estimate.
STORAGE = """async () => {
  const cached = (await (%s)()).caches;
  const results = await PermitlineResultQueue.entries();
  const photos = await PermitlinePhotoQueue.entries();
  const sum = (list, size) => list.reduce((total, item) => total + size(item), 0);
  const estimate = await navigator.storage.estimate();
  return {
    caches: cached,
    results_queued: {count: results.length, bytes: new Blob([JSON.stringify(results)]).size},
    photos_queued: {count: photos.length,
      jpeg_bytes: sum(photos, (p) => (p.blob ? p.blob.size : 0)),
      thumb_bytes: sum(photos, (p) => (p.thumb ? p.thumb.length : 0)),
      sizes: photos.reduce((by, p) => {
        const size = `${p.width}x${p.height}`;
        return {...by, [size]: (by[size] || 0) + 1};
      }, {})},
    storage_estimate: {usage: estimate.usage, quota: estimate.quota,
      details: estimate.usageDetails || null},
  };
}""" % CACHED

QUEUES_EMPTY = """() => Promise.all(
  [PermitlineResultQueue.entries(), PermitlinePhotoQueue.entries()]
).then(([results, photos]) => results.length + photos.length === 0)"""

# One timed upload of `bytes` from the service worker itself (its network is the one throttled).
UPLOAD = """async ([url, bytes]) => {
  const started = performance.now();
  const answer = await fetch(url, {method: "POST", body: new Uint8Array(bytes)});
  const {received} = await answer.json();
  return {bytes: received, ms: Math.round(performance.now() - started)};
}"""
