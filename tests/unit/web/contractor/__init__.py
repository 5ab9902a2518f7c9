"""Tests of a contractor's journey: applications, the dashboard, inspections, payments."""
