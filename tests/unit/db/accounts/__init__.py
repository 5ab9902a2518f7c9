"""Tests of db/accounts/."""
