"""Permit search against a real database: SQLite always, PostgreSQL when configured."""
from datetime import date

import pytest

from db.permits.projects import load_project, search_projects
from db.permits.search import search_permits
from db.tables import Permit
from domain.outcomes import Accepted
from domain.search_query import parse_query, parse_search


async def numbers(reader, **params) -> list[str]:
    outcome = parse_search({k: str(v) for k, v in params.items()})
    assert isinstance(outcome, Accepted)
    page = await search_permits(reader, outcome.value)
    return [row.number for row in page.rows]


async def test_an_exact_permit_number_finds_only_that_permit(reader):
    assert await numbers(reader, q="bld2026-00042") == ["BLD2026-00042"]


@pytest.mark.parametrize("q", ["BLD-2026-00042", "bld202600042", "BLD 2026 42", "bld2026–042"])
async def test_a_permit_number_is_found_however_it_is_written(reader, q):
    assert await numbers(reader, q=q) == ["BLD2026-00042"]


async def test_a_short_sequence_finds_the_whole_number_it_names_else_the_numbers_it_starts(
        reader):
    # MEC2026-3 names MEC2026-00003, which exists: that permit alone, not MEC2026-3xxxx.
    assert await numbers(reader, q="MEC2026-3") == ["MEC2026-00003"]
    # BLD2026-0 names no permit (sequences start at 1): the numbers it starts.
    found = await numbers(reader, q="BLD2026-0")
    assert "BLD2026-00042" in found and all(n.startswith("BLD2026-0") for n in found)


async def test_a_number_prefix_lists_matching_permits_newest_number_first(reader):
    found = await numbers(reader, q="BLD2026")
    assert "BLD2026-00042" in found and all(n.startswith("BLD2026") for n in found)
    assert found == sorted(found, reverse=True)


@pytest.mark.parametrize("q", ["8500 Sunset Blvd", "8500 SUNSET BOULEVARD", "8500 sunset"])
async def test_an_address_in_any_case_and_suffix_finds_its_permits(reader, q):
    found = await numbers(reader, q=q)
    assert {"BLD2026-00042", "MEC2026-00003"} <= set(found)


async def test_an_address_with_a_unit_finds_the_units_permit(reader):
    assert "ELE2025-00007" in await numbers(reader, q="1234 N Havenhurst Dr #3")


async def test_an_apn_finds_the_parcels_permits(reader):
    assert "ELE2025-00007" in await numbers(reader, q="9999002003")


async def test_a_license_number_finds_the_contractors_permits(reader):
    assert "BLD2026-00042" in await numbers(reader, q="1012345")


@pytest.mark.parametrize("q", ["acme roofing", "cool roof shingles", "shing", "Acme"])
async def test_contractor_names_and_words_of_the_work_are_full_text_searched(reader, q):
    assert "BLD2026-00042" in await numbers(reader, q=q)


@pytest.mark.parametrize("q", ['"*-% NEAR', "a' OR 1=1 --", "NEAR(roof shingles)", "🏠",
                               "x" * 1000, "DROP TABLE permit;", "roof -shingles", "100%"])
async def test_hostile_or_odd_queries_return_results_or_nothing_never_an_error(reader, q):
    await numbers(reader, q=q)


async def test_filters_narrow_by_type_status_and_dates(reader):
    assert await numbers(reader, q="8500 sunset", type="MEC") == ["MEC2026-00003"]
    assert await numbers(reader, q="8500 sunset", status="Issued") == ["BLD2026-00042"]
    issued = await numbers(reader, q="1012345", dates="issued", **{"from": "2026-11-01",
                                                                   "to": "2026-11-30"})
    assert issued == ["BLD2026-00042"]
    assert await numbers(reader, q="1012345", **{"from": "2026-11-01"}) == []


async def test_full_text_follows_a_changed_description(reader, known):
    await Permit.update({Permit.description: "Replace water heater with heat pump unit"}).where(
        Permit.id == known["charger"])
    try:
        assert await numbers(reader, q="heat pump") == ["ELE2025-00007"]
        assert "ELE2025-00007" not in await numbers(reader, q="garage charger")
    finally:
        await Permit.update({Permit.description: "Level 2 EV charger in the garage, 50 A circuit"}
                            ).where(Permit.id == known["charger"])


async def test_projects_are_found_by_words_address_and_list_their_permits(reader, known):
    by_words = await search_projects(reader, parse_query("storefront"), 1)
    by_address = await search_projects(reader, parse_query("8500 Sunset Blvd"), 1)
    assert [p.id for p in by_words] == [known["project"]] == [p.id for p in by_address]
    assert by_words[0].permit_count == 2 and by_words[0].address == "8500 Sunset Blvd"
    project = await load_project(reader, known["project"])
    assert [p.number for p in project.permits] == ["MEC2026-00003", "BLD2026-00042"]
    assert project.created_on == date(2026, 10, 1)


async def test_words_and_filters_are_intersected_even_when_nothing_matches_both(reader):
    assert await numbers(reader, q="cool roof", type="BLD") == ["BLD2026-00042"]
    assert await numbers(reader, q="shingles", type="MEC") == []
    assert await numbers(reader, q="shingles", status="Issued") == ["BLD2026-00042"]
    assert await numbers(reader, q="shingles", status="In Review") == []


async def test_typing_a_status_or_type_word_does_not_match_every_permit_in_it(reader):
    assert await numbers(reader, q="issued") == []
    assert await numbers(reader, q="finaled") == []


async def test_word_results_page_in_order_across_the_newest_first_split(reader, monkeypatch):
    import db.permits.search as permit_search
    import domain.search_query as search_query

    monkeypatch.setattr(permit_search, "RECENT", 2)  # MEC (id 2) recent, BLD (id 1) older
    monkeypatch.setattr(permit_search, "PAGE_SIZE", 1)
    monkeypatch.setattr(search_query, "PAGE_SIZE", 1)
    pages = []
    for page in (1, 2, 3):
        outcome = parse_search({"q": "sunset", "page": str(page)})
        pages.append(await search_permits(reader, outcome.value))
    assert [[r.number for r in p.rows] for p in pages[:2]] == [["MEC2026-00003"],
                                                              ["BLD2026-00042"]]
    assert pages[0].has_next and not pages[1].has_next and pages[2].rows == ()
    assert pages[0].total >= 1


async def test_older_permits_are_the_same_whether_walked_or_matched_by_the_index(
        reader, monkeypatch):
    """PostgreSQL walks older permits' ids for a moment, then asks the full-text index:
    both ways give the same rows in the same order (SQLite has no split)."""
    import db.permits.search as permit_search

    monkeypatch.setattr(permit_search, "RECENT", 1)  # every permit but the newest is older
    walked = await numbers(reader, q="sunset")
    monkeypatch.setattr(permit_search, "OLDER_WALK_S", 1e-9)  # no walk can finish
    assert await numbers(reader, q="sunset") == walked
    assert "BLD2026-00042" in walked


async def test_words_within_a_date_range_are_matched_by_month_in_the_index(reader):
    assert await numbers(reader, q="shingles", dates="issued",
                         **{"from": "2026-11-01", "to": "2026-11-30"}) == ["BLD2026-00042"]
    assert await numbers(reader, q="shingles", **{"from": "2026-10-02", "to": "2026-10-02"}) == [
        "BLD2026-00042"]
    assert await numbers(reader, q="shingles", **{"from": "2026-09-01", "to": "2026-10-01"}) == []
    assert await numbers(reader, q="shingles", **{"from": "2026-10-03", "to": "2026-12-31"}) == []


async def test_the_month_index_follows_a_changed_issue_date(reader, known):
    await Permit.update({Permit.issued_on: date(2026, 12, 1)}).where(Permit.id == known["roof"])
    try:
        assert await numbers(reader, q="shingles", dates="issued",
                             **{"from": "2026-12-01", "to": "2026-12-31"}) == ["BLD2026-00042"]
        assert await numbers(reader, q="shingles", dates="issued",
                             **{"from": "2026-11-01", "to": "2026-11-30"}) == []
    finally:
        await Permit.update({Permit.issued_on: date(2026, 11, 23)}).where(
            Permit.id == known["roof"])


def test_a_date_range_is_listed_by_month_up_to_three_years():
    from db.permits.fulltext import months

    assert months(date(2025, 11, 30), date(2026, 2, 1)) == ["202511", "202512", "202601",
                                                            "202602"]
    assert len(months(date(2024, 1, 1), date(2026, 12, 31))) == 36
    assert months(date(2023, 12, 31), date(2026, 12, 31)) is None


async def test_words_with_one_end_of_a_date_range_use_the_data_for_the_other(reader):
    assert await numbers(reader, q="shingles", to="2026-12-31") == ["BLD2026-00042"]
    assert await numbers(reader, q="shingles", **{"from": "2026-10-01"}) == ["BLD2026-00042"]
    assert await numbers(reader, q="shingles", **{"from": "2030-01-01"}) == []
    assert await numbers(reader, q="shingles", to="2001-01-31") == []


async def test_browsing_by_filters_alone_lists_newest_applications_first(reader):
    outcome = parse_search({"status": "Issued"})
    page = await search_permits(reader, outcome.value)
    applied = [row.applied_on for row in page.rows]
    assert applied == sorted(applied, reverse=True) and "BLD2026-00042" in [
        row.number for row in page.rows]


async def test_a_page_past_the_last_is_empty_and_counts_what_there_is(reader):
    outcome = parse_search({"q": "8500 sunset", "page": "2"})
    page = await search_permits(reader, outcome.value)
    assert page.rows == () and not page.has_next and page.total == 2 and not page.capped
