"""Tests of db/applications/."""
