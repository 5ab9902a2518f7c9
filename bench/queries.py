"""Realistic search queries of each kind, sampled from the benchmark database."""
from __future__ import annotations

import random
from urllib.parse import urlencode

from db.engines import fetch_rows

SAMPLE = 400


def sample_queries(database_url: str, seed: int = 7) -> dict[str, list[str]]:
    rng = random.Random(seed)
    top = fetch_rows(database_url, "SELECT max(id) FROM permit")[0][0]
    ids = ",".join(str(rng.randint(1, top)) for _ in range(SAMPLE))
    permits = fetch_rows(database_url,
                    "SELECT permit.number, parcel.house_number, parcel.street_name,"
                    " parcel.street_suffix, parcel.unit, permit.description,"
                    f" permit.contractor_name FROM permit JOIN parcel ON parcel.id = permit.parcel"
                    f" WHERE permit.id IN ({ids})")
    rng.shuffle(permits)
    addresses = []
    for _, number, street, suffix, unit, _, _ in permits:
        text = rng.choice([f"{number} {street} {suffix}", f"{number} {street}".upper(),
                           f"{number} {street.lower()} {suffix.lower()}"])
        addresses.append(text + (f" #{unit}" if unit and rng.random() < 0.5 else ""))
    words = []
    for *_, description, contractor in permits:
        source = contractor if contractor and rng.random() < 0.3 else description
        tokens = [t for t in source.split() if t.isalpha() and len(t) > 3]
        if tokens:
            start = rng.randrange(len(tokens))
            words.append(" ".join(tokens[start:start + rng.choice([1, 2])]).lower())
    return {
        "number_prefix": [p[0][:rng.choice([7, 9, 10, 11])] for p in permits],
        "number_exact": [p[0] for p in permits],
        "address": addresses,
        "free_text": words,
    }


def search_paths(queries: list[str]) -> list[str]:
    return ["/permits?" + urlencode({"q": q}) for q in queries]
