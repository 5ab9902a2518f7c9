"""Tests of the permitline command."""
