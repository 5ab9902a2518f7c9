"""Accounts: registration, sign-in and sessions, e-mailed links, company claims, licenses and their import."""
