"""Tests of registering, signing in, e-mail links and company claims."""
