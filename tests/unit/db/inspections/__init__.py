"""Tests of db/inspections/."""
