"""Path segments: ids that fit their column, text without control characters (issue 14 §7)."""
from __future__ import annotations

import pytest
from starlette.routing import Match, Route

from web.app import create_app
from web.settings import Settings

ROUTES = [route for route in create_app(Settings(demo=True)).routes
          if isinstance(route, Route) and route.param_convertors]


def _scope(path: str) -> dict:
    return {"type": "http", "path": path, "root_path": "", "method": "GET"}


@pytest.mark.parametrize("route", ROUTES, ids=lambda route: route.name)
def test_a_control_character_in_any_path_segment_is_no_page_of_the_site(route):
    """U+0000 in /plan-review/%00 reached PostgreSQL, which failed the query: a 500."""
    for character in ("\x00", "\x1f", "\x7f", "\n"):
        path = route.path_format.format(**dict.fromkeys(route.param_convertors,
                                                        f"BLD{character}1"))
        assert route.matches(_scope(path))[0] is Match.NONE, (route.path, repr(character))


def test_ordinary_text_segments_still_reach_their_pages():
    review = next(route for route in ROUTES if route.name == "plan_review_answer")
    match, child = review.matches(_scope("/plan-review/BLD2026-00042"))
    assert match is Match.FULL and child["path_params"] == {"number": "BLD2026-00042"}
    permit = next(route for route in ROUTES if route.name == "permit")
    assert permit.matches(_scope("/permits/Café"))[0] is Match.FULL, "letters of any script"
