"""A local server standing in for Stripe's API, and webhook payloads signed as Stripe signs them,
for the tests of Stripe Checkout."""
from __future__ import annotations

import hashlib
import hmac
import json
import time
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qs

WEBHOOK_SECRET = "whsec_test_permitline"


class FakeStripe(BaseHTTPRequestHandler):
    """POST /v1/checkout/sessions as Stripe answers it, idempotency keys honoured."""
    sessions: dict[str, dict] = {}
    requests: list[dict] = []

    refunds: dict[str, dict] = {}

    def do_GET(self):  # noqa: N802
        session_id = self.path.rsplit("/", 1)[1]
        known = next((s for s in FakeStripe.sessions.values() if s["id"] == session_id), {})
        self._answer({"status": "open", **known, "id": session_id, "object": "checkout.session",
                      "payment_intent": f"pi_{session_id}"})

    def do_POST(self):  # noqa: N802 (http.server's naming)
        body = self.rfile.read(int(self.headers["Content-Length"])).decode()
        key = self.headers.get("Idempotency-Key")
        FakeStripe.requests.append({"path": self.path, "key": key,
                                    "auth": self.headers.get("Authorization"),
                                    "form": parse_qs(body)})
        if self.path == "/v1/refunds":
            refund = FakeStripe.refunds.setdefault(key, {
                "id": f"re_{len(FakeStripe.refunds) + 1:04d}", "object": "refund",
                "payment_intent": parse_qs(body)["payment_intent"][0], "status": "succeeded"})
            self._answer(refund)
            return
        session = FakeStripe.sessions.get(key)
        if session is None:
            session_id = f"cs_test_{len(FakeStripe.sessions) + 1:04d}"
            session = FakeStripe.sessions[key] = {
                "id": session_id, "object": "checkout.session", "payment_status": "unpaid",
                "status": "open", "url": f"https://checkout.stripe.test/c/pay/{session_id}"}
        self._answer(session)

    def _answer(self, body: dict) -> None:
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


def signed(event: dict, secret: str = WEBHOOK_SECRET) -> tuple[bytes, str]:
    """A payload and its Stripe-Signature header, computed as Stripe documents it."""
    payload = json.dumps(event).encode()
    timestamp = int(time.time())
    signature = hmac.new(secret.encode(), f"{timestamp}.".encode() + payload,
                         hashlib.sha256).hexdigest()
    return payload, f"t={timestamp},v1={signature}"


def completed(session_id: str, payment_status: str = "paid") -> dict:
    return {"id": f"evt_{session_id}", "object": "event", "type": "checkout.session.completed",
            "data": {"object": {"id": session_id, "object": "checkout.session",
                                "payment_status": payment_status}}}
