"""Tests of db/permits/."""
