"""Permits and their public read models: search, pages, projects, reports, status, follows, open data."""
