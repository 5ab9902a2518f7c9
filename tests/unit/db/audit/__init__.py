"""Tests of db/audit/."""
