"""Tests of the public pages: search, permits, projects, reports, fees, open data."""
