"""The e-mail outbox and who is e-mailed about a permit."""
