"""What a report asks for, checked; the monthly chart's bars."""
from __future__ import annotations

from datetime import date

from domain.permits import PermitType
from domain.reports import ReportKind, default_range, month_bars, months, parse_report

TODAY = date(2026, 11, 27)


def test_the_default_report_is_permits_issued_in_the_last_twelve_months():
    report, errors = parse_report({}, TODAY)
    assert errors == {}
    assert (report.kind, report.start, report.end) == (ReportKind.ISSUED, date(2025, 12, 1), TODAY)
    assert default_range(date(2026, 1, 5))[0] == date(2025, 2, 1)


def test_each_unusable_field_is_named_and_falls_back():
    report, errors = parse_report({"kind": "finaled", "start": "2020-01-01", "end": "2031-06-01",
                                   "type": "ELE", "subtype": "Moon base", "street": " N  Sunset "},
                                  TODAY)
    assert report.kind is ReportKind.FINALED and report.permit_type is PermitType.ELECTRICAL
    assert set(errors) == {"start", "subtype"}, "over ten years; an unknown kind of work"
    assert (report.end - report.start).days == 3660 and report.subtype == ""
    assert report.street == "N Sunset" and report.street_key == "sunset"
    for page in ("99999", "401", "0", "²"):  # said, as the searches say it, and page 1 shown
        report, errors = parse_report({"page": page}, TODAY)
        assert report.page == 1 and errors == {
            "page": "The page must be a whole number from 1 to 400."}, page
    assert parse_report({"page": "400"}, TODAY)[0].page == 400


def test_the_chart_has_a_bar_per_month_scaled_to_the_busiest():
    assert months(date(2025, 11, 15), date(2026, 2, 1)) == ["2025-11", "2025-12", "2026-01",
                                                           "2026-02"]
    bars = month_bars({"2025-12": 10, "2026-01": 5}, date(2025, 11, 1), date(2026, 2, 28))
    assert [b.count for b in bars] == [0, 10, 5, 0]
    assert bars[1].height == 176 and bars[2].height == 88 and bars[0].height == 0
    assert [b.label for b in bars] == ["2025", "", "2026", ""]
    assert all(b.y + b.height == 176 for b in bars), "bars stand on the axis"
