"""Tests of inspector mode: the route, results, offline."""
