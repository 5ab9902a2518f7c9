"""Inspector mode is installable: a manifest with real icons, and a versioned service worker."""
from __future__ import annotations

import io
import json
import re

from PIL import Image


def test_the_manifest_names_the_inspector_app_and_its_icons_exist_at_their_sizes(client):
    response = client.get("/manifest.webmanifest")
    assert response.headers["content-type"].startswith("application/manifest+json")
    manifest = response.json()
    assert manifest["start_url"] == "/inspector" and manifest["display"] == "standalone"
    assert manifest["short_name"] == "Inspections"
    for icon in manifest["icons"]:
        image = Image.open(io.BytesIO(client.get(icon["src"]).content))
        assert f"{image.width}x{image.height}" == icon["sizes"]
    assert {icon["sizes"] for icon in manifest["icons"]} == {"192x192", "512x512"}


def test_the_worker_is_served_with_a_version_and_a_precache_list_that_all_exists(client):
    response = client.get("/sw.js")
    assert response.headers["cache-control"] == "no-cache"
    assert response.headers["content-type"].startswith("text/javascript")
    source = response.text
    version = re.search(r'const VERSION = "([0-9a-f]{12})";', source)
    assert version, "the version is filled in"
    precache = json.loads(re.search(r"const PRECACHE = (\[.*?\]);", source).group(1))
    assert any(url.startswith("/static/css/permitline.css?v=") for url in precache)
    assert any(url.startswith("/static/icons/inspector-192.png?v=") for url in precache)
    for url in precache:
        assert client.get(url).status_code == 200, url
    assert "{{" not in source and "{%" not in source, "the template is rendered"


def test_public_pages_do_not_offer_the_inspector_app(client):
    assert 'rel="manifest"' not in client.get("/").text
