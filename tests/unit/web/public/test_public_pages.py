"""Public pages: one URL, a full page or an htmx fragment; 404 and 400 pages; privacy."""
import pytest

from tests.factories import PRIVATE_EMAIL, PRIVATE_NOTE, PRIVATE_PHONE
from tests.unit.web.conftest import HTMX


def test_search_renders_the_full_page_without_htmx(client):
    response = client.get("/permits", params={"q": "8500 sunset"})
    assert response.status_code == 200
    assert response.template.name == "permits/search.html"
    assert [r.number for r in response.context["results"].rows] == ["MEC2026-00003",
                                                                     "BLD2026-00042"]
    assert "<html" in response.text and 'id="results"' in response.text
    assert response.headers["vary"].startswith("HX-Request")


def test_search_renders_only_the_results_fragment_for_htmx(client):
    response = client.get("/permits", params={"q": "8500 sunset"}, headers=HTMX)
    assert response.template.name == "permits/_results.html"
    title, rest = response.text.strip().split("<section", 1)
    assert title == "<title>“8500 sunset” – Search permits · City of West Hollywood</title>"
    assert rest.startswith(' id="results"')
    assert "<html" not in response.text
    assert "HX-Request" in response.headers["vary"]


@pytest.mark.parametrize("headers", [
    {"HX-Request": "true", "HX-Boosted": "true"},
    {"HX-Request": "true", "HX-History-Restore-Request": "true"},
])
def test_boosted_navigation_and_history_restore_get_the_full_page(client, headers):
    response = client.get("/permits", params={"q": "BLD"}, headers=headers)
    assert response.template.name == "permits/search.html"


def test_the_permit_page_and_each_tab_have_their_own_url(client):
    for path, tab in [("", "info"), ("/fees", "fees"), ("/inspections", "inspections"),
                      ("/history", "history")]:
        page = client.get(f"/permits/BLD2026-00042{path}")
        fragment = client.get(f"/permits/BLD2026-00042{path}", headers=HTMX)
        assert (page.template.name, fragment.template.name) == ("permits/permit.html",
                                                               "permits/_tabs.html")
        assert page.context["tab"] == fragment.context["tab"] == tab
        assert fragment.text.lstrip().startswith('<div id="permit-tabs">')
        assert 'aria-current="page"' in fragment.text


def test_tabs_show_fees_inspections_and_history(client):
    assert "$395.50" in client.get("/permits/BLD2026-00042/fees").text
    inspections = client.get("/permits/BLD2026-00042/inspections").text
    assert "110 Roof Sheathing" in inspections and "Corrections required" in inspections
    assert "Monday 23 November 2026, 9:05 AM PST" in client.get(
        "/permits/BLD2026-00042/history").text


def test_the_summary_explains_the_status_in_plain_language(client):
    page = client.get("/permits/bld2026-00042")
    assert "Work may proceed." in page.text and "Acme Roofing Inc (license 1012345)" in page.text


@pytest.mark.parametrize("path", [
    "/", "/permits?q=8500+sunset", "/permits/BLD2026-00042", "/permits/BLD2026-00042/fees",
    "/permits/BLD2026-00042/inspections", "/permits/BLD2026-00042/history", "/projects",
    "/projects?q=sunset", "/projects/{project}",
])
def test_public_pages_never_show_contact_details_or_private_notes(client, known_project, path):
    text = client.get(path.replace("{project}", str(known_project))).text
    for secret in (PRIVATE_PHONE, PRIVATE_EMAIL, PRIVATE_NOTE):
        assert secret not in text


@pytest.mark.parametrize("path", ["/permits/BLD2099-99999", "/permits/not-a-number",
                                  "/permits/BLD2026-00042/secrets", "/projects/999999",
                                  "/no/such/page"])
def test_unknown_pages_give_a_404_page_with_a_search_box(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response.template.name == "errors/error.html"
    assert 'role="search"' in response.text


def test_a_failed_fragment_request_replaces_the_whole_page(client):
    response = client.get("/permits/BLD2099-99999/fees", headers=HTMX)
    assert response.status_code == 404
    assert response.headers["HX-Retarget"] == "body"


@pytest.mark.parametrize("params,field", [
    ({"from": "2026-13-01"}, "from"), ({"type": "XYZ"}, "type"), ({"page": "abc"}, "page"),
    ({"status": "Done"}, "status"), ({"from": "2026-02-01", "to": "2026-01-01"}, "to"),
])
def test_malformed_search_parameters_give_a_400_page_saying_what_was_wrong(client, params, field):
    response = client.get("/permits", params={"q": "roof", **params})
    assert response.status_code == 400
    assert field in response.context["errors"]
    assert 'class="error-summary"' in response.text and f'href="#f-{field}"' in response.text
    assert response.text.index("error-summary") < response.text.index("<h1>")
    assert response.text.count('class="error-summary"') == 1
    assert 'value="roof"' in response.text
    assert "<title>Error: “roof” – Search permits" in response.text


def test_a_malformed_project_page_number_is_a_400(client):
    response = client.get("/projects", params={"page": "0"})
    assert response.status_code == 400 and "page must be a whole number" in response.text


@pytest.mark.parametrize("q", ['"*-% NEAR', "a' OR 1=1 --", "🏠🔨", "x" * 1000,
                               "DROP TABLE permit;", "²:A", "\x00"])
def test_hostile_queries_never_give_a_server_error(client, q):
    for path in ("/permits", "/projects"):
        response = client.get(path, params={"q": q})
        assert response.status_code == 200


def test_the_project_page_lists_its_permits(client, known_project):
    response = client.get(f"/projects/{known_project}")
    assert response.context["project"].name == "Sunset Strip storefront renovation"
    assert "BLD2026-00042" in response.text and "MEC2026-00003" in response.text


def test_the_city_and_its_phone_lines_come_from_configuration(client):
    text = client.get("/").text
    assert "City of West Hollywood" in text and "(323) 848-6335" in text


def test_links_are_site_relative_paths_with_their_parameters_quoted(client):
    from web.templating import build_templates

    app = client.app
    url_for = build_templates(app.state.settings, app.routes).env.globals["url_for"]
    assert url_for("permit_tab", number="BLD2026-00042", tab="fees") == "/permits/BLD2026-00042/fees"
    assert url_for("project", project_id=7) == "/projects/7"
    assert url_for("permit", number="a/b c") == "/permits/a%2Fb%20c"


@pytest.mark.parametrize("path", ["/permits?page=²", "/projects?page=²", "/permits?page=" + "9" * 5000,
                                  "/projects?page=0"])
def test_page_numbers_that_are_not_plain_digits_are_a_400_not_a_crash(client, path):
    assert client.get(path).status_code == 400


@pytest.mark.parametrize("path", ["/projects/99999999999999999999999", "/projects/" + "9" * 30])
def test_a_project_id_too_large_to_exist_is_a_404(client, path):
    assert client.get(path).status_code == 404


def test_a_page_past_the_last_says_so_and_links_back_to_the_first_with_a_relative_link(client):
    # Another of the names the site answers to (unknown ones get 400: test_headers.py).
    response = client.get("/permits", params={"q": "8500 sunset", "page": "3"},
                          headers={"Host": "localhost:8000"})
    assert response.status_code == 200
    assert "No permits on page 3" in response.text
    assert 'href="/permits?q=8500+sunset&amp;page=1"' in response.text
    assert "localhost" not in response.text


def test_a_server_error_page_still_carries_the_security_headers(client, monkeypatch):
    from starlette.testclient import TestClient

    async def broken(reader, number):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("web.public.permit_pages.load_permit", broken)
    response = TestClient(client.app, raise_server_exceptions=False).get(
        "/permits/BLD2026-00042")
    assert response.status_code == 500
    assert "Something went wrong" in response.text and "disk on fire" not in response.text
    assert "default-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"


def test_a_project_search_of_only_punctuation_lists_nothing(client):
    response = client.get("/projects", params={"q": "!!!"})
    assert response.context["rows"] == () and "letters or numbers" in response.text


def test_a_search_that_runs_too_long_says_so_with_a_503(client, monkeypatch):
    from db.reader import QueryTooSlow

    async def too_slow(reader, search):
        raise QueryTooSlow("SELECT …")

    monkeypatch.setattr("web.public.permit_search.search_permits", too_slow)
    response = client.get("/permits", params={"q": "roof"})
    assert response.status_code == 503
    assert "That search took too long" in response.text and 'role="search"' in response.text


def test_the_footer_phone_numbers_are_links_a_phone_can_dial(client):
    """Issue 14 §9: the links were `tel:(323) 848-6475`, which is no valid tel: URI."""
    page = client.get("/").text
    assert '<a href="tel:+13238486475">(323) 848-6475</a>' in page
    assert '<a href="tel:+13238486335">(323) 848-6335</a>' in page
    assert 'href="tel:(' not in page
