"""What time does to records: permits expiring, staff's status changes by hand, housekeeping."""
