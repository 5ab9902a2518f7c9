"""Security headers, compression, caching of static files and the service worker route."""
import hashlib
from pathlib import Path

VENDOR = Path(__file__).resolve().parents[3] / "web" / "static" / "vendor"


def test_every_page_carries_a_strict_content_security_policy(client):
    csp = client.get("/permits").headers["content-security-policy"]
    assert "default-src 'self'" in csp and "object-src 'none'" in csp
    assert "base-uri 'none'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp


def test_pages_have_no_inline_scripts_or_styles(client):
    text = client.get("/permits/BLD2026-00042").text
    assert "<style" not in text and " style=" not in text
    assert all("src=" in tag.split(">")[0] for tag in text.split("<script")[1:])


def test_responses_are_gzipped_when_the_client_accepts_it(client):
    response = client.get("/permits", headers={"Accept-Encoding": "gzip"})
    assert response.headers["content-encoding"] == "gzip"
    assert response.headers["vary"] == (
        "HX-Request, HX-Boosted, HX-History-Restore-Request, Accept-Encoding")
    assert int(response.headers["content-length"]) < len(response.text) / 2
    assert "Search permits" in response.text


def test_streamed_static_files_are_gzipped_and_arrive_intact(client):
    path = "css/permitline.css"
    response = client.get(f"/static/{path}", headers={"Accept-Encoding": "gzip"})
    assert response.headers["content-encoding"] == "gzip"
    assert response.text == (VENDOR.parent / path).read_text()


def test_small_responses_and_clients_without_gzip_get_plain_bodies(client):
    assert "content-encoding" not in client.get("/livez").headers
    plain = client.get("/permits", headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers and "Search permits" in plain.text


def test_static_files_have_versioned_urls_and_long_caching(client):
    page = client.get("/").text
    css = page.split('href="/static/css/permitline.css?v=')[1].split('"')[0]
    response = client.get(f"/static/css/permitline.css?v={css}")
    assert response.status_code == 200 and "immutable" in response.headers["cache-control"]


def test_the_service_worker_is_served_from_the_root_without_caching(client):
    response = client.get("/sw.js")
    assert response.headers["content-type"].startswith("text/javascript")
    assert response.headers["cache-control"] == "no-cache"


def test_vendored_htmx_matches_its_pinned_hashes():
    readme = (VENDOR / "README.md").read_text()
    for name in ("htmx-2.0.10.js", "htmx-2.0.10.min.js"):
        digest = hashlib.sha256((VENDOR / name).read_bytes()).hexdigest()
        assert f"`{name}` | htmx.org (npm) | 2.0.10 | `{digest}`" in readme


def test_htmx_is_configured_without_eval_script_tags_or_indicator_styles(client):
    text = client.get("/").text
    assert '"allowEval":false' in text and '"allowScriptTags":false' in text
    assert '"includeIndicatorStyles":false' in text


def test_each_response_reports_its_server_time(client):
    timing = client.get("/permits", params={"q": "roof"}).headers["server-timing"]
    assert timing.startswith("app;dur=") and float(timing.split("=")[1]) > 0


def test_static_files_stay_cached_for_a_year_for_signed_in_users_too(contractor):
    """Issue 14 §9: they were also `no-store` when signed in, so inspectors on mobile data
    downloaded the CSS and JavaScript again on every page."""
    client, _ = contractor
    page = client.get("/dashboard")
    assert page.headers.get_list("cache-control") == ["no-store"]
    css = page.text.split('href="/static/css/permitline.css?v=')[1].split('"')[0]
    static = client.get(f"/static/css/permitline.css?v={css}")
    assert static.headers.get_list("cache-control") == ["public, max-age=31536000, immutable"]
    assert client.get("/sw.js").headers.get_list("cache-control") == ["no-cache"]


def test_public_pages_are_not_marked_no_store_for_visitors(client):
    assert client.get("/permits").headers.get_list("cache-control") == []


def test_the_site_on_https_tells_browsers_to_use_only_https(portal, client):
    hsts = portal.client().get("/permits").headers["strict-transport-security"]
    assert hsts == "max-age=63072000; includeSubDomains"
    assert "strict-transport-security" not in client.get("/permits").headers  # http


def test_a_request_for_an_unknown_host_name_is_refused(client):
    refused = client.get("/permits", headers={"host": "evil.example"})
    assert refused.status_code == 400 and refused.text == "Invalid host header"
    assert refused.headers["content-type"].startswith("text/plain")
    assert client.get("/permits", headers={"host": "testserver:443"}).status_code == 200


def _answers(settings, host: str) -> int:
    from starlette.testclient import TestClient

    from web.app import create_app

    # Static files need no database, so the app runs without its lifespan here.
    return TestClient(create_app(settings)).get(
        "/static/css/permitline.css", headers={"host": host}).status_code


def test_the_public_address_and_the_configured_names_are_answered_and_no_other():
    from web.settings import Settings

    settings = Settings(base_url="https://permits.example.org",
                        allowed_hosts=("www.permits.example.org", "*.intranet.example"))
    for host in ("permits.example.org", "PERMITS.example.org:443", "www.permits.example.org",
                 "counter.intranet.example"):
        assert _answers(settings, host) == 200, host
    for host in ("example.org", "permits.example.org.evil.example", "127.0.0.1", "localhost",
                 "", "[::1]"):
        assert _answers(settings, host) == 400, host


def test_the_demo_on_this_machine_answers_at_localhost_as_well_as_127_0_0_1():
    from web.settings import Settings

    settings = Settings(base_url="http://127.0.0.1:8000")
    for host in ("127.0.0.1:8000", "localhost:8000", "[::1]:8000"):
        assert _answers(settings, host) == 200, host
    assert _answers(settings, "evil.example:8000") == 400


def test_the_allowed_host_names_are_read_from_the_environment(monkeypatch, tmp_path):
    from web.settings import load_settings

    monkeypatch.setenv("PERMITLINE_ALLOWED_HOSTS", "www.permits.example.org, 10.0.0.5")
    settings = load_settings(str(tmp_path / "no.env"))
    assert settings.allowed_hosts == ("www.permits.example.org", "10.0.0.5")


def test_a_static_file_asked_for_by_an_old_or_wrong_version_is_cached_briefly(client):
    page = client.get("/").text
    css = page.split('href="/static/css/permitline.css?v=')[1].split('"')[0]
    for asked in ("?v=0123456789ab", "?v=" + css[::-1], "", f"?v={css}&v=0123456789ab"):
        response = client.get(f"/static/css/permitline.css{asked}")
        assert response.status_code == 200, asked
        assert response.headers.get_list("cache-control") == ["public, max-age=300"], asked


def test_a_static_file_changed_on_disk_is_immutable_only_under_its_new_version(tmp_path):
    from starlette.applications import Starlette
    from starlette.routing import Mount
    from starlette.testclient import TestClient

    from web.static_files import VersionedStaticFiles, content_hash

    served = tmp_path / "app.js"
    served.write_text("let version = 1;")
    old = content_hash(served.read_bytes())
    client = TestClient(Starlette(routes=[
        Mount("/static", app=VersionedStaticFiles(directory=tmp_path))]))
    assert "immutable" in client.get(f"/static/app.js?v={old}").headers["cache-control"]
    served.write_text("let version = 22;")  # a deploy without a restart
    new = content_hash(served.read_bytes())
    stale = client.get(f"/static/app.js?v={old}")
    assert stale.text == "let version = 22;" and "immutable" not in stale.headers[
        "cache-control"], "a year of the new file under the old file's name"
    assert "immutable" in client.get(f"/static/app.js?v={new}").headers["cache-control"]


def test_a_response_that_sets_a_cookie_is_never_stored(portal):
    visitor = portal.client()  # no cookie yet: the sign-in form issues the CSRF cookie
    form = visitor.get("/sign-in")
    assert "set-cookie" in form.headers
    assert form.headers.get_list("cache-control") == ["no-store"]
    again = visitor.get("/sign-in")
    assert "set-cookie" not in again.headers and again.headers.get_list("cache-control") == []


def test_pages_at_secret_urls_are_never_stored(portal, contractor):
    from tests.unit.web.journeys import csrf

    client, _ = contractor
    visitor = portal.client()
    visitor.get("/sign-in")  # has its CSRF cookie: the pages below set none
    for path in ("/account/verify/some-token-from-an-email", "/account/reset/another-token",
                 "/calendar/a-feed-token.ics"):
        response = visitor.get(path)
        assert "set-cookie" not in response.headers, path
        assert response.headers.get_list("cache-control") == ["no-store"], path
    url = client.post("/account/calendar-link", data={"csrf_token": csrf(client)}
                      ).context["secret"]
    feed = visitor.get(url.removeprefix("https://portal.test"))
    assert feed.status_code == 200 and feed.headers.get_list("cache-control") == ["no-store"]


def test_every_route_with_a_token_in_its_address_marks_it_secret():
    from starlette.routing import Route

    from web.app import create_app
    from web.settings import Settings
    from web.url_convertors import SecretConvertor

    tokens = [route for route in create_app(Settings(demo=True)).routes
              if isinstance(route, Route) and "token" in route.param_convertors]
    assert {route.name for route in tokens} >= {"verify_email", "reset_password",
                                                "calendar_feed"}
    for route in tokens:
        assert isinstance(route.param_convertors["token"], SecretConvertor), route.path


def test_the_demo_mailbox_with_its_secret_links_is_never_stored(web_database):
    from starlette.testclient import TestClient

    from tests.factories import KNOWN_NOW, ticking_from
    from web.app import create_app
    from web.settings import Settings

    app = create_app(Settings(database_url=web_database["url"], allowed_hosts=("testserver",),
                              demo=True))
    app.state.clock = ticking_from(KNOWN_NOW)
    with TestClient(app) as client:
        mailbox = client.get("/demo/mail")
    assert mailbox.status_code == 200
    assert mailbox.headers.get_list("cache-control") == ["no-store"]
