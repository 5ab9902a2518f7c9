"""Tests of db/payments/."""
