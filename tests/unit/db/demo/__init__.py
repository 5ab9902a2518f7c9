"""Tests of db/demo/."""
