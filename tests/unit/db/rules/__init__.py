"""Tests of db/rules/."""
