"""The headers of an Idempotency-Key request and its answer (DESIGN §3's server contract),
shared by the inspectors' results and the contractors' payments."""
from __future__ import annotations

HEADER = "Idempotency-Key"
# An answer stored under the key, sent again.
REPLAYED = "Idempotent-Replayed"
# Tells the result queue a 422 is about the key: "true", used for other contents of this
# result (its entry becomes `failed`: DESIGN §3's replay table); "other-target", used for another
# inspection (issue 14 §5: the entry stays `rejected`, to be recorded again with a new key).
REUSED = "Idempotency-Key-Reused"
