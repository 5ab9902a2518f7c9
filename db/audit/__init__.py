"""The audit trail of every change and the staff's log of it."""
