"""Tests of the phone line: calls, PINs, replays."""
