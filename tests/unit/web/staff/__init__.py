"""Tests of the staff pages: accounts, rules, boards, transitions, the audit trail."""
